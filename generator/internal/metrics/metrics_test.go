package metrics

import (
	"maps"
	"math"
	"slices"
	"sync"
	"testing"

	"gongjian/generator/internal/dataset"
)

// day parses a date literal of the tests; a typo is a bug in the test.
func day(s string) dataset.Date {
	d, err := dataset.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func num(v float64) *float64 { return &v }

// reportLines is a report's project lines from a map by id, in id order as
// the loader gives them; nil entries are left out.
func reportLines(m map[string]*dataset.Entry) []dataset.Entry {
	var out []dataset.Entry
	for _, id := range slices.Sorted(maps.Keys(m)) {
		if e := m[id]; e != nil {
			en := *e
			en.ID = id
			out = append(out, en)
		}
	}
	return out
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// sameValue compares Values, with a tolerance on defined numbers.
func sameValue(a, b Value) bool { return a.OK == b.OK && (!a.OK || near(a.V, b.V)) }

var undef = Value{}

func plan2023(v float64) map[int]float64 { return map[int]float64{2023: v} }

func defaultRules() dataset.Rules {
	return dataset.Rules{SlowBelow: 50, RankingPeriod: "month", RankRegions: "fai_growth", RankDepts: "completion_rate",
		Escalation: []string{"通报批评", "分管领导约谈", "主要领导约谈"}}
}

func TestExpected(t *testing.T) {
	pace := []dataset.Target{
		{Metric: "pace", Value: 100, By: day("2023-12-31")}, // unsorted on purpose
		{Metric: "fai_growth", Value: 8, By: day("2023-06-30")},
		{Metric: "pace", Value: 85, By: day("2023-09-30")},
		{Metric: "pace", Value: 10, By: day("2022-03-31")}, // another year: ignored
	}
	only := []dataset.Target{{Metric: "pace", Value: 85, By: day("2023-09-30")}}
	tests := []struct {
		name    string
		targets []dataset.Target
		d       string
		want    float64
	}{
		{"before first point", pace, "2023-08-31", 85.0 * 243 / 273},
		{"at a point", pace, "2023-09-30", 85},
		{"between points", pace, "2023-11-15", 92.5},
		{"last point", pace, "2023-12-31", 100},
		{"Jan 1", pace, "2023-01-01", 85.0 / 273},
		{"after last point", only, "2023-10-15", 85},
		{"no pace target: time share", nil, "2023-07-02", 183.0 / 365 * 100},
		{"pace targets of another year only", pace, "2024-07-02", 184.0 / 366 * 100},
		{"leap year Feb 29", nil, "2024-02-29", 60.0 / 366 * 100},
		{"leap year Dec 31", nil, "2024-12-31", 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &dataset.Site{Targets: tt.targets}
			if got := Expected(s, day(tt.d)); !near(got, tt.want) {
				t.Errorf("Expected(%s) = %v; want %v", tt.d, got, tt.want)
			}
		})
	}
	t.Run("worked example", func(t *testing.T) {
		if got := Expected(&dataset.Site{Targets: pace}, day("2023-08-31")); math.Abs(got-75.659) > 0.001 {
			t.Errorf("Expected(2023-08-31) = %v; want 75.659…", got)
		}
	})
	t.Run("nil site", func(t *testing.T) {
		if got := Expected(nil, day("2023-12-31")); !near(got, 100) {
			t.Errorf("Expected(nil, 2023-12-31) = %v; want 100", got)
		}
	})
}

func TestProjectFigures(t *testing.T) {
	// Expected at 2023-09-30 with a pace target (2023-09-30, 80) is 80.
	site := &dataset.Site{
		Rules:   defaultRules(),
		Targets: []dataset.Target{{Metric: "pace", Value: 80, By: day("2023-09-30")}},
		Projects: []*dataset.Project{
			{ID: "behind", Plan: plan2023(10), StartActual: day("2023-03-01")},
			{ID: "finished", Plan: plan2023(10), StartActual: day("2023-03-01"), FinishActual: day("2023-09-30")},
			{ID: "late", Plan: plan2023(10), StartPlanned: day("2023-09-30"), StartActual: day("2023-10-01")},
			{ID: "noplan", Plan: map[int]float64{2022: 5}, StartActual: day("2023-03-01")},
			{ID: "ontrack", Plan: plan2023(10), StartActual: day("2023-03-01")},
			{ID: "slow", Plan: plan2023(10), StartActual: day("2023-03-01")},
			{ID: "zeroplan", Plan: plan2023(0), StartActual: day("2023-03-01")},
		},
		Reports: []*dataset.Report{{Date: day("2023-09-30"), Projects: reportLines(map[string]*dataset.Entry{
			"behind":   {Completed: num(6)},
			"finished": {Completed: num(1)},
			"late":     {Completed: num(0)},
			"noplan":   {Completed: num(3)},
			"ontrack":  {Completed: num(9)},
			"slow":     {Completed: num(4.5)},
			"zeroplan": {Completed: num(1)},
		})}},
	}
	type want struct {
		rate, gap                         Value
		hasPlan, slow, behind, notStarted bool
	}
	tests := map[string]want{
		"behind":   {Def(60), Def(-20), true, false, true, false},
		"finished": {Def(10), Def(-70), true, false, false, false},
		"late":     {Def(0), Def(-80), true, false, false, true},
		"noplan":   {undef, undef, false, false, false, false},
		"ontrack":  {Def(90), Def(10), true, false, false, false},
		"slow":     {Def(45), Def(-35), true, true, true, false},
		"zeroplan": {undef, undef, true, false, false, false},
	}
	s := Compute(site, day("2023-09-30"))
	if !near(s.Expected, 80) {
		t.Fatalf("Expected = %v; want 80", s.Expected)
	}
	for id, w := range tests {
		t.Run(id, func(t *testing.T) {
			p := s.Project(id)
			if !sameValue(p.CompletionRate, w.rate) {
				t.Errorf("CompletionRate(%s) = %+v; want %+v", id, p.CompletionRate, w.rate)
			}
			if !sameValue(p.PaceGap, w.gap) {
				t.Errorf("PaceGap(%s) = %+v; want %+v", id, p.PaceGap, w.gap)
			}
			got := [4]bool{p.HasPlan, p.Slow, p.Behind, p.NotStarted}
			if wb := [4]bool{w.hasPlan, w.slow, w.behind, w.notStarted}; got != wb {
				t.Errorf("HasPlan, Slow, Behind, NotStarted(%s) = %v; want %v", id, got, wb)
			}
		})
	}
	if got := s.Project("missing"); got != nil {
		t.Errorf("Project(missing) = %v; want nil", got)
	}
}

func TestStage(t *testing.T) {
	d := day("2023-09-30")
	done := func(s string) []dataset.Approval {
		return []dataset.Approval{{Kind: "land", Due: day("2023-12-31"), Done: day(s)}}
	}
	tests := []struct {
		name string
		p    dataset.Project
		want Stage
	}{
		{"finished beats all", dataset.Project{StartActual: day("2023-01-01"), FinishActual: day("2023-09-30"), Reserve: true, Approvals: done("2023-01-01")}, StageCompleted},
		{"finish after D", dataset.Project{StartActual: day("2023-01-01"), FinishActual: day("2023-10-01")}, StageConstruction},
		{"started beats reserve", dataset.Project{StartActual: day("2023-09-30"), Reserve: true, Approvals: done("2023-01-01")}, StageConstruction},
		{"reserve beats preparing", dataset.Project{Reserve: true, Approvals: done("2023-01-01")}, StageReserve},
		{"approval done at D", dataset.Project{Approvals: done("2023-09-30")}, StagePreparing},
		{"approval done after D", dataset.Project{Approvals: done("2023-10-01")}, StagePlanned},
		{"start after D", dataset.Project{StartActual: day("2023-10-01")}, StagePlanned},
		{"nothing", dataset.Project{}, StagePlanned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tt.p
			p.ID = "p"
			s := Compute(&dataset.Site{Rules: defaultRules(), Projects: []*dataset.Project{&p}}, d)
			if got := s.Project("p").Stage; got != tt.want {
				t.Errorf("Stage(%s) = %s; want %s", tt.name, got, tt.want)
			}
		})
	}
}

func TestOverdueAndOpen(t *testing.T) {
	p := &dataset.Project{ID: "p",
		Approvals: []dataset.Approval{
			{Kind: "a-due-yesterday", Due: day("2023-09-29")},                          // overdue
			{Kind: "b-due-today", Due: day("2023-09-30")},                              // due < D fails
			{Kind: "c-done-today", Due: day("2023-09-01"), Done: day("2023-09-30")},    // done ≤ D
			{Kind: "d-done-tomorrow", Due: day("2023-09-01"), Done: day("2023-10-01")}, // overdue at D
			{Kind: "e-done-early", Due: day("2023-09-01"), Done: day("2023-08-01")},
		},
		Problems: []dataset.Problem{
			{Text: "a-raised-today", Raised: day("2023-09-30")},                                // open
			{Text: "b-raised-tomorrow", Raised: day("2023-10-01")},                             // not yet
			{Text: "c-resolved-today", Raised: day("2023-09-01"), Resolved: day("2023-09-30")}, // closed
			{Text: "d-resolved-tomorrow", Raised: day("2023-09-01"), Resolved: day("2023-10-01")},
		},
	}
	s := Compute(&dataset.Site{Rules: defaultRules(), Projects: []*dataset.Project{p}}, day("2023-09-30"))
	var overdue, open []string
	for _, a := range s.Project("p").Overdue {
		overdue = append(overdue, a.Kind)
	}
	for _, q := range s.Project("p").Open {
		open = append(open, q.Text)
	}
	if want := []string{"a-due-yesterday", "d-done-tomorrow"}; !slices.Equal(overdue, want) {
		t.Errorf("Overdue(2023-09-30) = %v; want %v", overdue, want)
	}
	if want := []string{"a-raised-today", "d-resolved-tomorrow"}; !slices.Equal(open, want) {
		t.Errorf("Open(2023-09-30) = %v; want %v", open, want)
	}
}

func TestGroupFigures(t *testing.T) {
	site := &dataset.Site{
		Rules:      defaultRules(),
		Categories: []*dataset.Group{{ID: "empty"}, {ID: "mixed"}, {ID: "waiting"}},
		Lists:      []*dataset.Group{{ID: "l1"}},
		Projects: []*dataset.Project{
			// Rates 10 % and 30 %: their average would be 20 %, the weighted
			// rate is 10/40 = 25 %; p3 has no plan and stays out of it.
			{ID: "p1", Category: "mixed", Lists: []string{"l1", "l1"}, Total: 100, Plan: plan2023(10),
				StartActual: day("2023-03-01"), Signed: day("2023-02-01"), Landed: day("2023-02-15")},
			{ID: "p2", Category: "mixed", Lists: []string{"l1"}, Total: 50, Plan: plan2023(30),
				StartPlanned: day("2023-09-30"), Signed: day("2023-09-30"), Landed: day("2023-10-01")},
			{ID: "p3", Category: "mixed", Total: 7, StartPlanned: day("2023-10-01"),
				Signed: day("2023-10-01"), Landed: day("2023-10-01")},
			{ID: "w1", Category: "waiting", StartPlanned: day("2023-12-01")},
		},
		Reports: []*dataset.Report{{Date: day("2023-09-30"), Projects: reportLines(map[string]*dataset.Entry{
			"p1": {Completed: num(1), Funds: num(2)},
			"p2": {Completed: num(9)},
			"p3": {Completed: num(5), Funds: num(1)},
		})}},
	}
	s := Compute(site, day("2023-09-30"))
	mixed := s.Category("mixed")
	tests := []struct {
		name      string
		got, want Value
	}{
		{"completion_rate weighted", s.GroupValue(mixed, "completion_rate"), Def(25)},
		{"pace is completion_rate", s.GroupValue(mixed, "pace"), Def(25)},
		{"completed", s.GroupValue(mixed, "completed"), Def(15)},
		{"plan", s.GroupValue(mixed, "plan"), Def(40)},
		{"total", s.GroupValue(mixed, "total"), Def(157)},
		{"funds", s.GroupValue(mixed, "funds"), Def(3)},
		{"start_rate", s.GroupValue(mixed, "start_rate"), Def(50)},
		{"landing_rate", s.GroupValue(mixed, "landing_rate"), Def(50)},
		{"landed_start_rate", s.GroupValue(mixed, "landed_start_rate"), Def(100)},
		{"not_started_count", s.GroupValue(mixed, "not_started_count"), Def(1)},
		{"fai is not a group metric", s.GroupValue(mixed, "fai"), undef},
		{"start_rate nobody eligible", s.GroupValue(s.Category("waiting"), "start_rate"), undef},
		{"completion_rate no plan", s.GroupValue(s.Category("waiting"), "completion_rate"), undef},
		{"landing_rate nobody signed", s.GroupValue(s.Category("waiting"), "landing_rate"), undef},
		{"empty group completed", s.GroupValue(s.Category("empty"), "completed"), Def(0)},
		{"list counts a project once", s.GroupValue(s.List("l1"), "completed"), Def(10)},
		{"totals", s.CampaignValue("completed"), Def(15)},
		{"unknown group", s.GroupValue(s.Category("nope"), "completed"), undef},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !sameValue(tt.got, tt.want) {
				t.Errorf("%s = %+v; want %+v", tt.name, tt.got, tt.want)
			}
		})
	}
	t.Run("pipeline", func(t *testing.T) {
		want := map[Stage]StageFig{
			StagePlanned: {Count: 2, Total: 57}, StagePreparing: {}, StageReserve: {},
			StageConstruction: {Count: 1, Total: 100}, StageCompleted: {},
		}
		for st, w := range want {
			if got, ok := mixed.Pipeline[st]; !ok || got != w {
				t.Errorf("Pipeline[%s] = %+v; want %+v", st, got, w)
			}
		}
	})
	t.Run("projects in id order", func(t *testing.T) {
		var ids []string
		for _, p := range mixed.Projects {
			ids = append(ids, p.P.ID)
		}
		if want := []string{"p1", "p2", "p3"}; !slices.Equal(ids, want) {
			t.Errorf("Category(mixed).Projects = %v; want %v", ids, want)
		}
	})
}

func TestCarryForward(t *testing.T) {
	site := &dataset.Site{
		Rules:       defaultRules(),
		Regions:     []*dataset.Unit{{ID: "r"}},
		Departments: []*dataset.Unit{{ID: "dep"}},
		Projects:    []*dataset.Project{{ID: "p", Region: "r", Owner: "dep", Plan: map[int]float64{2023: 10, 2024: 10}}},
		Reports: []*dataset.Report{
			{Date: day("2023-08-31"),
				Stats:   &dataset.UnitStats{FAI: num(100), FAIGrowth: num(7), Sectors: map[string]float64{"m": 20}},
				Regions: map[string]*dataset.UnitStats{"r": {FAI: num(10), FAIGrowth: num(5)}},
				Projects: reportLines(map[string]*dataset.Entry{
					"p": {Completed: num(2), Funds: num(1), Note: "a"},
				})},
			{Date: day("2023-09-15"), Projects: reportLines(map[string]*dataset.Entry{"p": {Note: "b"}})},
			{Date: day("2023-09-30"),
				Stats:   &dataset.UnitStats{FAI: num(120)},
				Regions: map[string]*dataset.UnitStats{"r": {FAI: num(12)}}},
			{Date: day("2024-01-31"), Stats: &dataset.UnitStats{FAI: num(1)}},
		},
	}
	e := NewEngine(site)
	type want struct {
		completed, funds   float64
		note               string
		noteDate           string
		monthly            []Point
		fai, growth        Value
		campGrowth, sector Value
	}
	tests := []struct {
		d    string
		want want
	}{
		{"2023-08-31", want{2, 1, "a", "2023-08-31", []Point{{day("2023-08-31"), 2}}, Def(10), Def(5), Def(7), Def(20)}},
		// Between reports: only reports ≤ D are read.
		{"2023-09-14", want{2, 1, "a", "2023-08-31", []Point{{day("2023-08-31"), 2}}, Def(10), Def(5), Def(7), Def(20)}},
		{"2023-09-30", want{2, 1, "b", "2023-09-15", []Point{{day("2023-08-31"), 2}, {day("2023-09-15"), 2}}, Def(12), Def(5), Def(7), Def(20)}},
		// A new year: nothing carries over from 2023.
		{"2024-01-31", want{0, 0, "", "", nil, undef, undef, undef, undef}},
		{"2023-01-01", want{0, 0, "", "", nil, undef, undef, undef, undef}},
	}
	for _, tt := range tests {
		t.Run(tt.d, func(t *testing.T) {
			s := e.At(day(tt.d))
			p, r, w := s.Project("p"), s.Region("r"), tt.want
			if p.Completed != w.completed || p.Funds != w.funds {
				t.Errorf("Completed, Funds(%s) = %v, %v; want %v, %v", tt.d, p.Completed, p.Funds, w.completed, w.funds)
			}
			if p.Note != w.note || p.NoteDate.String() != w.noteDate {
				t.Errorf("Note(%s) = %q %s; want %q %s", tt.d, p.Note, p.NoteDate, w.note, w.noteDate)
			}
			if got := s.Monthly(p); !slices.Equal(got, w.monthly) {
				t.Errorf("Monthly(%s) = %v; want %v", tt.d, got, w.monthly)
			}
			if !sameValue(r.FAI, w.fai) || !sameValue(r.FAIGrowth, w.growth) {
				t.Errorf("region fai, fai_growth(%s) = %+v, %+v; want %+v, %+v", tt.d, r.FAI, r.FAIGrowth, w.fai, w.growth)
			}
			if got := s.CampaignValue("fai_growth"); !sameValue(got, w.campGrowth) {
				t.Errorf("CampaignValue(fai_growth) at %s = %+v; want %+v", tt.d, got, w.campGrowth)
			}
			if got := s.Sector("m"); !sameValue(got, w.sector) {
				t.Errorf("Sector(m) at %s = %+v; want %+v", tt.d, got, w.sector)
			}
		})
	}
}

func TestTargets(t *testing.T) {
	site := &dataset.Site{
		Rules: defaultRules(),
		Targets: []dataset.Target{
			{Metric: "fai_growth", Value: 8, By: day("2023-12-31")},
			{Metric: "pace", Value: 85, By: day("2023-09-30")},
			{Metric: "pace", Value: 50, By: day("2023-09-15")},
		},
		Sectors:     []*dataset.Group{{ID: "m", Targets: []dataset.Target{{Metric: "fai_growth", Value: 20, By: day("2023-12-31")}}}},
		Lists:       []*dataset.Group{{ID: "l", Targets: []dataset.Target{{Metric: "completed", Value: 9, By: day("2023-10-31")}}}},
		Categories:  []*dataset.Group{{ID: "c", Targets: []dataset.Target{{Metric: "start_rate", Value: 100, By: day("2023-10-31")}}}},
		Regions:     []*dataset.Unit{{ID: "r", Targets: []dataset.Target{{Metric: "fai_growth", Value: 10, By: day("2023-12-31")}}}},
		Departments: []*dataset.Unit{{ID: "d", Targets: []dataset.Target{{Metric: "completion_rate", Value: 90, By: day("2023-09-30")}}}},
		Projects: []*dataset.Project{
			{ID: "p", Region: "r", Owner: "d", Category: "c", Lists: []string{"l"}, Plan: plan2023(10), StartActual: day("2023-01-01")},
		},
		Reports: []*dataset.Report{{Date: day("2023-09-30"),
			Stats:    &dataset.UnitStats{FAIGrowth: num(7.9), Sectors: map[string]float64{"m": 25.1}},
			Projects: reportLines(map[string]*dataset.Entry{"p": {Completed: num(9)}}),
		}},
	}
	s := Compute(site, day("2023-09-30"))
	want := []TargetStatus{
		{Scope: "campaign", Metric: "fai_growth", Value: 8, By: day("2023-12-31"), Actual: Def(7.9), Met: false, DueIn: 92},
		{Scope: "campaign", Metric: "pace", Value: 50, By: day("2023-09-15"), Actual: Def(90), Met: true, DueIn: -15},
		{Scope: "campaign", Metric: "pace", Value: 85, By: day("2023-09-30"), Actual: Def(90), Met: true, DueIn: 0},
		{Scope: "category:c", Metric: "start_rate", Value: 100, By: day("2023-10-31"), Actual: Def(100), Met: true, DueIn: 31},
		{Scope: "department:d", Metric: "completion_rate", Value: 90, By: day("2023-09-30"), Actual: Def(90), Met: true, DueIn: 0},
		{Scope: "list:l", Metric: "completed", Value: 9, By: day("2023-10-31"), Actual: Def(9), Met: true, DueIn: 31},
		{Scope: "region:r", Metric: "fai_growth", Value: 10, By: day("2023-12-31"), Actual: undef, Met: false, DueIn: 92},
		{Scope: "sector:m", Metric: "fai_growth", Value: 20, By: day("2023-12-31"), Actual: Def(25.1), Met: true, DueIn: 92},
	}
	if len(s.Targets) != len(want) {
		t.Fatalf("len(Targets) = %d; want %d: %+v", len(s.Targets), len(want), s.Targets)
	}
	for i, w := range want {
		t.Run(w.Scope+"/"+w.Metric+"/"+w.By.String(), func(t *testing.T) {
			got := s.Targets[i]
			if got.Scope != w.Scope || got.Metric != w.Metric || got.Value != w.Value || got.By != w.By ||
				!sameValue(got.Actual, w.Actual) || got.Met != w.Met || got.DueIn != w.DueIn {
				t.Errorf("Targets[%d] = %+v; want %+v", i, got, w)
			}
		})
	}
	t.Run("not met", func(t *testing.T) {
		site2 := *site
		site2.Reports = []*dataset.Report{{Date: day("2023-09-30"), Projects: reportLines(map[string]*dataset.Entry{"p": {Completed: num(4)}})}}
		s2 := Compute(&site2, day("2023-09-30"))
		got := s2.Targets[2] // campaign pace 85 by 2023-09-30
		if got.Metric != "pace" || !sameValue(got.Actual, Def(40)) || got.Met {
			t.Errorf("Targets[2] = %+v; want pace actual 40, not met", got)
		}
	})
}

func TestEmptyInputs(t *testing.T) {
	sites := map[string]*dataset.Site{
		"nil":   nil,
		"empty": {},
		"nil maps": {
			Regions:  []*dataset.Unit{nil, {ID: "r"}},
			Projects: []*dataset.Project{nil, {ID: "p", Region: "r", Approvals: []dataset.Approval{{}}, Problems: []dataset.Problem{{}}}},
			Reports:  []*dataset.Report{nil, {Date: day("2023-01-31")}, {Date: day("2023-02-28"), Stats: &dataset.UnitStats{}, Projects: reportLines(map[string]*dataset.Entry{"p": nil})}},
			Targets:  []dataset.Target{{Metric: "pace"}, {Metric: "bogus", By: day("2023-01-01")}},
		},
	}
	for name, site := range sites {
		t.Run(name, func(t *testing.T) {
			e := NewEngine(site)
			for _, d := range []dataset.Date{0, e.Latest(), day("2023-02-28"), -5} {
				s := e.At(d)
				for _, kind := range []string{KindRegions, KindDepartments} {
					_, _ = s.MainRanking(kind) // rank_by is empty: an error, not a panic
					if _, err := s.Ranking(kind, "fai"); err != nil {
						t.Errorf("Ranking(%s, fai) at %v: %v", kind, d, err)
					}
				}
				_ = s.Totals.CompletionRate
				_ = e.Changes(0, d)
			}
		})
	}
	t.Run("zero Snapshot", func(t *testing.T) {
		var s Snapshot
		if _, err := s.Ranking(KindRegions, "fai"); err != nil {
			t.Errorf("Ranking on a zero Snapshot: %v", err)
		}
		if got := s.ScopeValue("region:x", "fai"); got.OK {
			t.Errorf("ScopeValue(region:x, fai) = %+v; want undefined", got)
		}
	})
}

func TestEngineDatesAndCache(t *testing.T) {
	site := &dataset.Site{Reports: []*dataset.Report{{Date: day("2023-09-30")}, {Date: day("2023-08-31")}}}
	e := NewEngine(site)
	if got, want := e.ReportDates(), []dataset.Date{day("2023-08-31"), day("2023-09-30")}; !slices.Equal(got, want) {
		t.Errorf("ReportDates() = %v; want %v", got, want)
	}
	if got := e.Latest(); got != day("2023-09-30") {
		t.Errorf("Latest() = %v; want 2023-09-30", got)
	}
	if got := NewEngine(nil).Latest(); got != 0 {
		t.Errorf("NewEngine(nil).Latest() = %v; want 0", got)
	}
	// Concurrent callers get the one cached snapshot (run with -race).
	var wg sync.WaitGroup
	got := make([]*Snapshot, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = e.At(day("2023-09-30"))
			_, _ = got[i].Ranking(KindRegions, "fai")
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("At(2023-09-30) returned different snapshots")
		}
	}
}

// TestConcurrentDates asks for every date at once in different orders, so
// that snapshots are filled while others read them (run with -race).
func TestConcurrentDates(t *testing.T) {
	dates := []string{"2023-06-30", "2023-07-31", "2023-08-31", "2023-09-30"}
	site := growthSite("report", nil, dates, map[string][]float64{"a": {1, 2, 3, 4}, "b": {4, 3, 2, 1}, "c": {2, 2, 2, 2}})
	e := NewEngine(site)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range dates {
				d := day(dates[(k+g)%len(dates)])
				s := e.At(d)
				if _, err := s.Ranking(KindRegions, "fai"); err != nil {
					t.Error(err)
				}
				_ = s.Region("a").Rank
			}
		}()
	}
	wg.Wait()
	if u := e.At(day("2023-09-30")).Region("b"); u.LastStreak != 2 {
		t.Errorf("Region(b).LastStreak at 2023-09-30 = %d; want 2", u.LastStreak)
	}
}

func TestMetricRegistry(t *testing.T) {
	names := MetricNames()
	if !slices.IsSorted(names) || len(names) != 16 {
		t.Errorf("MetricNames() = %v; want 16 sorted names", names)
	}
	var rankable []string
	for _, n := range names {
		d, ok := LookupMetric(n)
		if !ok || d.Name != n {
			t.Errorf("LookupMetric(%q) = %+v, %v; want its definition", n, d, ok)
		}
		if d.Rankable {
			rankable = append(rankable, n)
		}
	}
	want := []string{"completed", "completion_rate", "fai", "fai_growth", "funds", "landed_start_rate", "landing_rate", "start_rate"}
	if !slices.Equal(rankable, want) {
		t.Errorf("rankable metrics = %v; want %v", rankable, want)
	}
	if _, ok := LookupMetric("bogus"); ok {
		t.Errorf("LookupMetric(bogus) = _, true; want false")
	}
}

// TestLinesAnyOrder: a report built by hand may list its lines in any
// order, or one twice (the first counts), and a project listed twice
// gets its line each time.
func TestLinesAnyOrder(t *testing.T) {
	site := &dataset.Site{
		Rules:       defaultRules(),
		Regions:     []*dataset.Unit{{ID: "r"}},
		Departments: []*dataset.Unit{{ID: "dep"}},
		Projects: []*dataset.Project{
			{ID: "c", Region: "r", Owner: "dep", Plan: map[int]float64{2023: 10}},
			{ID: "a", Region: "r", Owner: "dep", Plan: map[int]float64{2023: 10}},
			{ID: "b", Region: "r", Owner: "dep", Plan: map[int]float64{2023: 10}},
			{ID: "a", Region: "r", Owner: "dep", Plan: map[int]float64{2023: 10}},
		},
		Reports: []*dataset.Report{{Date: day("2023-09-30"), Projects: []dataset.Entry{
			{ID: "c", Completed: num(3)}, {ID: "zz", Completed: num(9)}, {ID: "a", Completed: num(1)},
			{ID: "c", Completed: num(7)}, {ID: "b", Completed: num(2)},
		}}},
	}
	s := NewEngine(site).At(day("2023-09-30"))
	var got []float64
	for _, p := range s.Projects {
		got = append(got, p.Completed)
	}
	if want := []float64{1, 1, 2, 3}; !slices.Equal(got, want) { // a, a, b, c
		t.Errorf("completed by project %v; want %v", got, want)
	}
}
