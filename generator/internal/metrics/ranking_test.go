package metrics

import (
	"math"
	"slices"
	"sort"
	"testing"

	"gongjian/generator/internal/dataset"
)

var nan = math.NaN()

// growthSite has one region per key of growth, whose fai_growth in the
// report of dates[i] is growth[id][i] (NaN: the report does not give it).
func growthSite(period string, escalation []string, dates []string, growth map[string][]float64) *dataset.Site {
	rules := defaultRules()
	rules.RankingPeriod = period
	if escalation != nil {
		rules.Escalation = escalation
	}
	s := &dataset.Site{Rules: rules}
	var ids []string
	for id := range growth {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		s.Regions = append(s.Regions, &dataset.Unit{ID: id, Name: "区" + id})
	}
	for i, d := range dates {
		r := &dataset.Report{Date: day(d), Regions: map[string]*dataset.UnitStats{}}
		for id, g := range growth {
			if !math.IsNaN(g[i]) {
				r.Regions[id] = &dataset.UnitStats{FAIGrowth: num(g[i])}
			}
		}
		s.Reports = append(s.Reports, r)
	}
	return s
}

// values lists a per-row field of a ranking in row order.
func column[T any](r *Ranking, f func(RankRow) T) []T {
	var out []T
	for _, row := range r.Rows {
		out = append(out, f(row))
	}
	return out
}

func TestCompetitionRanking(t *testing.T) {
	site := growthSite("month", nil, []string{"2023-09-30"}, map[string][]float64{
		"a": {9}, "b": {8}, "c": {8}, "d": {7}, "e": {nan}, "f": {nan},
	})
	s := Compute(site, day("2023-09-30"))
	r, err := s.Ranking(KindRegions, "fai_growth")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := column(r, func(x RankRow) string { return x.ID }), []string{"a", "b", "c", "d", "e", "f"}; !slices.Equal(got, want) {
		t.Errorf("Ranking rows = %v; want %v", got, want)
	}
	wantRank := []Value{Def(1), Def(2), Def(2), Def(4), undef, undef}
	wantLast := []bool{false, false, false, true, false, false}
	for i, row := range r.Rows {
		if !sameValue(row.Rank, wantRank[i]) || row.Last != wantLast[i] {
			t.Errorf("Rank, Last(%s) = %+v, %v; want %+v, %v", row.ID, row.Rank, row.Last, wantRank[i], wantLast[i])
		}
	}
	if got := column(&Ranking{Rows: r.Showcase()}, func(x RankRow) string { return x.ID }); !slices.Equal(got, []string{"a", "b", "c"}) {
		t.Errorf("Showcase() = %v; want [a b c]", got)
	}
	// The main leaderboard (fai_growth) fills the units.
	if u := s.Region("d"); !sameValue(u.Rank, Def(4)) || u.LastStreak != 1 || u.Escalation != "通报批评" {
		t.Errorf("Region(d) Rank, LastStreak, Escalation = %+v, %d, %q; want 4, 1, 通报批评", u.Rank, u.LastStreak, u.Escalation)
	}
	if u := s.Region("e"); u.Rank.OK || u.LastStreak != 0 {
		t.Errorf("Region(e) Rank, LastStreak = %+v, %d; want undefined, 0", u.Rank, u.LastStreak)
	}

	t.Run("float noise ties", func(t *testing.T) {
		site := growthSite("month", nil, []string{"2023-09-30"}, map[string][]float64{"a": {0.1 + 0.2}, "b": {0.3}, "c": {0.1}})
		r, _ := Compute(site, day("2023-09-30")).Ranking(KindRegions, "fai_growth")
		if got := column(r, func(x RankRow) float64 { return x.Rank.V }); !slices.Equal(got, []float64{1, 1, 3}) {
			t.Errorf("ranks of 0.1+0.2, 0.3, 0.1 = %v; want [1 1 3]", got)
		}
	})
}

func TestRankingErrors(t *testing.T) {
	s := Compute(growthSite("month", nil, nil, nil), 0)
	tests := []struct{ kind, metric string }{
		{"sectors", "fai_growth"},
		{"", "fai_growth"},
		{KindRegions, "pace"},
		{KindRegions, "slow_count"},
		{KindDepartments, "expected"},
		{KindDepartments, "bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.metric, func(t *testing.T) {
			if r, err := s.Ranking(tt.kind, tt.metric); err == nil {
				t.Errorf("Ranking(%q, %q) = %v, nil; want an error", tt.kind, tt.metric, r)
			}
		})
	}
}

func TestUndefinedNotRanked(t *testing.T) {
	// Department "noplan" has no project with a plan: its completion rate
	// is undefined, so it is neither ranked nor last.
	site := &dataset.Site{
		Rules:       defaultRules(),
		Departments: []*dataset.Unit{{ID: "hi"}, {ID: "lo"}, {ID: "noplan"}},
		Projects: []*dataset.Project{
			{ID: "p1", Owner: "hi", Plan: plan2023(10)},
			{ID: "p2", Owner: "lo", Plan: plan2023(10)},
			{ID: "p3", Owner: "noplan"},
		},
		Reports: []*dataset.Report{{Date: day("2023-09-30"), Projects: reportLines(map[string]*dataset.Entry{
			"p1": {Completed: num(8)}, "p2": {Completed: num(2)}, "p3": {Completed: num(5)},
		})}},
	}
	s := Compute(site, day("2023-09-30"))
	want := map[string]struct {
		value, rank Value
		streak      int
	}{
		"hi":     {Def(80), Def(1), 0},
		"lo":     {Def(20), Def(2), 1},
		"noplan": {undef, undef, 0},
	}
	for id, w := range want {
		u := s.Department(id)
		if got := s.UnitValue(u, "completion_rate"); !sameValue(got, w.value) {
			t.Errorf("UnitValue(%s, completion_rate) = %+v; want %+v", id, got, w.value)
		}
		if !sameValue(u.Rank, w.rank) || u.LastStreak != w.streak {
			t.Errorf("Department(%s) Rank, LastStreak = %+v, %d; want %+v, %d", id, u.Rank, u.LastStreak, w.rank, w.streak)
		}
	}
}

func TestRankingPeriods(t *testing.T) {
	dates := []string{"2023-08-15", "2023-08-31", "2023-09-15", "2023-09-30"}
	growth := map[string][]float64{
		"a": {5, 5, 5, 5}, // ranks 1, 2, 3, 1
		"b": {4, 6, 6, 3}, // ranks 2, 1, 2, 3
		"c": {3, 3, 7, 4}, // ranks 3, 3, 1, 2
	}
	tests := []struct {
		period     string
		d          string
		periods    []string
		rankChange map[string]Value
		history    map[string][]float64
	}{
		{"report", "2023-09-30", dates,
			map[string]Value{"a": Def(2), "b": Def(-1), "c": Def(-1)},
			map[string][]float64{"a": {1, 2, 3, 1}, "b": {2, 1, 2, 3}, "c": {3, 3, 1, 2}}},
		{"month", "2023-09-30", []string{"2023-08-31", "2023-09-30"},
			map[string]Value{"a": Def(1), "b": Def(-2), "c": Def(1)},
			map[string][]float64{"a": {2, 1}, "b": {1, 3}, "c": {3, 2}}},
		// D mid-month stands for its month; August's period is still its last report.
		{"month", "2023-09-15", []string{"2023-08-31", "2023-09-15"},
			map[string]Value{"a": Def(-1), "b": Def(-1), "c": Def(2)},
			map[string][]float64{"a": {2, 3}, "b": {1, 2}, "c": {3, 1}}},
		// A D that is not a report date: in month mode it replaces its month's report.
		{"month", "2023-09-20", []string{"2023-08-31", "2023-09-20"},
			map[string]Value{"a": Def(-1), "b": Def(-1), "c": Def(2)},
			map[string][]float64{"a": {2, 3}, "b": {1, 2}, "c": {3, 1}}},
		// …and in report mode it is one more period.
		{"report", "2023-09-20", []string{"2023-08-15", "2023-08-31", "2023-09-15", "2023-09-20"},
			map[string]Value{"a": Def(0), "b": Def(0), "c": Def(0)},
			map[string][]float64{"a": {1, 2, 3, 3}, "b": {2, 1, 2, 2}, "c": {3, 3, 1, 1}}},
		{"report", "2023-08-15", []string{"2023-08-15"},
			map[string]Value{"a": undef, "b": undef, "c": undef},
			map[string][]float64{"a": {1}, "b": {2}, "c": {3}}},
	}
	for _, tt := range tests {
		t.Run(tt.period+"/"+tt.d, func(t *testing.T) {
			s := NewEngine(growthSite(tt.period, nil, dates, growth)).At(day(tt.d))
			r, err := s.Ranking(KindRegions, "fai_growth")
			if err != nil {
				t.Fatal(err)
			}
			var wantPeriods []dataset.Date
			for _, p := range tt.periods {
				wantPeriods = append(wantPeriods, day(p))
			}
			if !slices.Equal(r.Periods, wantPeriods) {
				t.Errorf("Periods = %v; want %v", r.Periods, wantPeriods)
			}
			for _, row := range r.Rows {
				if w := tt.rankChange[row.ID]; !sameValue(row.RankChange, w) {
					t.Errorf("RankChange(%s) = %+v; want %+v", row.ID, row.RankChange, w)
				}
				hist := column(&Ranking{Rows: []RankRow{row}}, func(x RankRow) []Value { return x.History })[0]
				var got []float64
				for _, h := range hist {
					got = append(got, h.V)
				}
				if !slices.Equal(got, tt.history[row.ID]) {
					t.Errorf("History(%s) = %v; want %v", row.ID, got, tt.history[row.ID])
				}
				if u := s.Region(row.ID); !sameValue(u.RankChange, row.RankChange) {
					t.Errorf("Region(%s).RankChange = %+v; want %+v", row.ID, u.RankChange, row.RankChange)
				}
			}
		})
	}
}

func TestPeriodsAcrossYears(t *testing.T) {
	// December 2023 is the previous period of January 2024.
	site := growthSite("month", nil, []string{"2023-12-31", "2024-01-31"}, map[string][]float64{"a": {1, 5}, "b": {2, 4}})
	r, _ := Compute(site, day("2024-01-31")).Ranking(KindRegions, "fai_growth")
	if got, want := r.Periods, []dataset.Date{day("2023-12-31"), day("2024-01-31")}; !slices.Equal(got, want) {
		t.Errorf("Periods = %v; want %v", got, want)
	}
	if row := r.Rows[0]; row.ID != "a" || !sameValue(row.RankChange, Def(1)) {
		t.Errorf("Rows[0] = %s rank change %+v; want a, 1", row.ID, row.RankChange)
	}
}

func TestLastStreak(t *testing.T) {
	dates := []string{"2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30"}
	esc3 := []string{"通报批评", "分管领导约谈", "主要领导约谈"}
	tests := []struct {
		name       string
		escalation []string
		growth     map[string][]float64
		d          string
		streak     map[string]int
		esc        map[string]string
	}{
		{"three periods last", esc3,
			map[string][]float64{"a": {1, 9, 9, 9}, "b": {5, 5, 5, 5}, "c": {9, 1, 1, 1}},
			"2023-09-30", map[string]int{"c": 3}, map[string]string{"c": "主要领导约谈"}},
		{"streak beyond the list uses its end", []string{"通报批评", "约谈"},
			map[string][]float64{"a": {1, 9, 9, 9}, "b": {5, 5, 5, 5}, "c": {9, 1, 1, 1}},
			"2023-09-30", map[string]int{"c": 3}, map[string]string{"c": "约谈"}},
		{"second period", esc3,
			map[string][]float64{"a": {1, 9, 9, 9}, "b": {5, 5, 5, 5}, "c": {9, 1, 1, 1}},
			"2023-08-31", map[string]int{"c": 2}, map[string]string{"c": "分管领导约谈"}},
		{"no escalation list", []string{},
			map[string][]float64{"a": {1, 9, 9, 9}, "b": {5, 5, 5, 5}, "c": {9, 1, 1, 1}},
			"2023-09-30", map[string]int{"c": 3}, map[string]string{}},
		{"all tied last are last", esc3,
			map[string][]float64{"a": {9, 9, 9, 9}, "b": {8, 7, 7, 7}, "c": {1, 8, 7, 7}},
			"2023-09-30", map[string]int{"b": 3, "c": 2}, map[string]string{"b": "主要领导约谈", "c": "分管领导约谈"}},
		{"a gap resets the streak", esc3,
			map[string][]float64{"a": {9, 9, 9, 9}, "b": {1, 5, 1, 1}, "c": {5, 1, 5, 5}},
			"2023-09-30", map[string]int{"b": 2}, map[string]string{"b": "分管领导约谈"}},
		{"an unranked period ends the streak", esc3,
			map[string][]float64{"a": {9, 9, 9, 9}, "b": {nan, 1, 1, 1}, "c": {5, 5, 5, 5}},
			"2023-09-30", map[string]int{"b": 3}, map[string]string{"b": "主要领导约谈"}},
		// metrics.md is literal: the greatest rank is last even when it is
		// 1, so everybody tied, or a single ranked unit, is last.
		{"all equal: everybody last", esc3,
			map[string][]float64{"a": {1, 1, 1, 1}, "b": {1, 1, 1, 1}},
			"2023-09-30", map[string]int{"a": 4, "b": 4}, map[string]string{"a": "主要领导约谈", "b": "主要领导约谈"}},
		{"a single ranked unit is last", esc3,
			map[string][]float64{"a": {1, 1, 1, 1}, "b": {nan, nan, nan, nan}},
			"2023-09-30", map[string]int{"a": 4}, map[string]string{"a": "主要领导约谈"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Compute(growthSite("month", tt.escalation, dates, tt.growth), day(tt.d))
			r, err := s.Ranking(KindRegions, "fai_growth")
			if err != nil {
				t.Fatal(err)
			}
			var exposed []string
			for _, row := range r.Rows {
				if row.LastStreak != tt.streak[row.ID] || row.Escalation != tt.esc[row.ID] {
					t.Errorf("LastStreak, Escalation(%s) = %d, %q; want %d, %q",
						row.ID, row.LastStreak, row.Escalation, tt.streak[row.ID], tt.esc[row.ID])
				}
				if row.Last != (tt.streak[row.ID] > 0) {
					t.Errorf("Last(%s) = %v; want %v", row.ID, row.Last, tt.streak[row.ID] > 0)
				}
				if u := s.Region(row.ID); u.LastStreak != row.LastStreak || u.Escalation != row.Escalation {
					t.Errorf("Region(%s) LastStreak, Escalation = %d, %q; want %d, %q", row.ID, u.LastStreak, u.Escalation, row.LastStreak, row.Escalation)
				}
				if row.LastStreak > 0 {
					exposed = append(exposed, row.ID)
				}
			}
			if got := column(&Ranking{Rows: r.Exposure()}, func(x RankRow) string { return x.ID }); !slices.Equal(got, exposed) {
				t.Errorf("Exposure() = %v; want %v", got, exposed)
			}
		})
	}
}

func TestRankingTargets(t *testing.T) {
	site := growthSite("month", nil, []string{"2023-09-30"}, map[string][]float64{"a": {9}, "b": {6}, "c": {nan}, "d": {3}})
	tg := func(metric string, v float64, by string) dataset.Target {
		return dataset.Target{Metric: metric, Value: v, By: day(by)}
	}
	site.Regions[0].Targets = []dataset.Target{tg("fai_growth", 8, "2023-12-31")}
	// Several targets: the next one due counts.
	site.Regions[1].Targets = []dataset.Target{tg("fai_growth", 9, "2024-06-30"), tg("fai_growth", 2, "2023-06-30"), tg("fai_growth", 7, "2023-12-31"), tg("fai", 7, "2023-10-31")}
	site.Regions[2].Targets = []dataset.Target{tg("fai_growth", 8, "2023-12-31")}
	// All past: the latest one counts.
	site.Regions[3].Targets = []dataset.Target{tg("fai_growth", 1, "2023-03-31"), tg("fai_growth", 4, "2023-06-30")}
	r, _ := Compute(site, day("2023-09-30")).Ranking(KindRegions, "fai_growth")
	want := map[string]struct {
		target Value
		below  bool
	}{
		"a": {Def(8), false},
		"b": {Def(7), true},
		"c": {Def(8), false}, // undefined value: not shown below
		"d": {Def(4), true},
	}
	for _, row := range r.Rows {
		if w := want[row.ID]; !sameValue(row.Target, w.target) || row.BelowTarget != w.below {
			t.Errorf("Target, BelowTarget(%s) = %+v, %v; want %+v, %v", row.ID, row.Target, row.BelowTarget, w.target, w.below)
		}
	}
	if got := column(&Ranking{Rows: r.Watch()}, func(x RankRow) string { return x.ID }); !slices.Equal(got, []string{"b", "d"}) {
		t.Errorf("Watch() = %v; want [b d]", got)
	}
}
