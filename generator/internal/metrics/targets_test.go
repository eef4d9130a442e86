package metrics

import (
	"fmt"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
)

// Change 1: a closed target is judged at its deadline. The central-budget
// list had to start 100 % of its projects by 2023-09-30; on that day 11
// of 12 had started (91.7 %). The twelfth started in October, so in
// November the rate is 100 % — and the target stays missed.
func TestClosedTargetJudgedAtDeadline(t *testing.T) {
	s := baseSite("2023-08-15", "2023-11-30")
	s.Lists = []*dataset.Group{{ID: "central", Name: "中央预算内", Targets: []dataset.Target{
		{Metric: "start_rate", Value: dec("100"), By: day("2023-09-30")},
	}}}
	for i := 1; i <= 12; i++ {
		p := &dataset.Project{ID: fmt.Sprintf("p%02d", i), Lists: []string{"central"}, StartPlanned: day("2023-06-01"), StartActual: day("2023-07-01")}
		if i == 12 {
			p.StartActual = day("2023-10-10")
		}
		s.Projects = append(s.Projects, p)
	}
	report(s, "2023-09-30", nil, line("p01", "1"))
	report(s, "2023-10-31", nil, line("p01", "2"))
	report(s, "2023-11-15", nil, line("p01", "3"))
	e := NewEngine(s)

	for _, tc := range []struct {
		asOf, status, actual, current, judged string
		met                                   bool
		dueIn                                 int
	}{
		// Open at the deadline itself: judged on the day's figures.
		{"2023-09-30", Open, "91.66666666666667", "91.66666666666667", "2023-09-30", false, 0},
		// Closed: the verdict stays that of 30 September, the current rate beside it.
		{"2023-10-31", Missed, "91.66666666666667", "100", "2023-09-30", false, -31},
		{"2023-11-15", Missed, "91.66666666666667", "100", "2023-09-30", false, -46},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			ts := e.At(day(tc.asOf)).TargetsOf(Scope{ScopeList, "central"})
			if len(ts) != 1 {
				t.Fatalf("targets = %d; want 1", len(ts))
			}
			got := ts[0]
			if got.Status != tc.status || got.Met != tc.met || got.DueIn != tc.dueIn || got.JudgedAt.String() != tc.judged {
				t.Errorf("status, met, due_in, judged_at = %s, %v, %d, %s; want %s, %v, %d, %s",
					got.Status, got.Met, got.DueIn, got.JudgedAt, tc.status, tc.met, tc.dueIn, tc.judged)
			}
			num(t, "actual", got.Actual, tc.actual)
			num(t, "current", got.Current, tc.current)
		})
	}
}

// A growth target of 2021 met in 2021 still reads met in 2022, though the
// year-to-date statistics restarted in January.
func TestClosedTargetAcrossYear(t *testing.T) {
	s := baseSite("2021-01-01", "2023-12-31")
	s.Targets = []dataset.Target{{Metric: "fai_growth", Value: dec("8"), By: day("2021-12-31")}}
	r := report(s, "2021-12-31", nil)
	r.Stats = &dataset.UnitStats{FAIGrowth: opt("9.2")}
	r = report(s, "2022-01-31", nil)
	r.Stats = &dataset.UnitStats{FAIGrowth: opt("-3.5")}
	report(s, "2022-02-28", nil) // no statistics at all
	e := NewEngine(s)
	for _, asOf := range []string{"2022-01-31", "2022-02-28"} {
		got := e.At(day(asOf)).TargetsOf(Campaign)[0]
		if got.Status != Met || !got.Met || got.JudgedAt != day("2021-12-31") {
			t.Errorf("as of %s: %s, met %v, judged %s; want met at 2021-12-31", asOf, got.Status, got.Met, got.JudgedAt)
		}
		num(t, "actual", got.Actual, "9.2")
		num(t, "current", got.Current, "-3.5")
	}
}

func TestTargetNoData(t *testing.T) {
	s := baseSite("2023-08-15", "2023-11-30")
	s.Targets = []dataset.Target{
		{Metric: "fai_growth", Value: dec("8"), By: day("2023-08-01")},  // no report ≤ by
		{Metric: "fai_growth", Value: dec("8"), By: day("2023-09-15")},  // a report, but no growth in it
		{Metric: "fai_growth", Value: dec("8"), By: day("2023-12-31")},  // open, undefined
		{Metric: "completed", Value: dec("0.5"), By: day("2023-12-31")}, // open, met
	}
	s.Projects = []*dataset.Project{{ID: "p", Plan: plan(2023, "2")}}
	report(s, "2023-09-10", nil, line("p", "1"))
	ts := NewEngine(s).At(day("2023-09-30")).Targets
	want := []string{
		"completed 2023-12-31 met actual=1 met=true judged=2023-09-30",
		"fai_growth 2023-08-01 no_data actual=null met=false judged=",
		"fai_growth 2023-09-15 no_data actual=null met=false judged=2023-09-10",
		"fai_growth 2023-12-31 open actual=null met=false judged=2023-09-30",
	}
	var got []string
	for _, t := range ts {
		got = append(got, fmt.Sprintf("%s %s %s actual=%v met=%v judged=%s", t.Metric, t.By, t.Status, t.Actual, t.Met, t.JudgedAt))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("targets:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Change 2: a plan that sums to 173.00 meets a target of 173.
func TestExactTargetMet(t *testing.T) {
	s := baseSite("2023-08-15", "2023-11-30")
	s.Targets = []dataset.Target{{Metric: "plan", Value: dec("173"), By: day("2023-12-31")}}
	for i, v := range []string{"86.71", "64.88", "3.48", "17.93"} { // float64 sum: 172.99999999999997
		s.Projects = append(s.Projects, &dataset.Project{ID: fmt.Sprint("p", i), Plan: plan(2023, v)})
	}
	report(s, "2023-09-30", nil)
	got := NewEngine(s).At(day("2023-09-30")).Targets[0]
	if !got.Met || got.Status != Met {
		t.Errorf("plan 173.00 against 173: %s, met %v; want met", got.Status, got.Met)
	}
	num(t, "actual", got.Actual, "173")
}

// Change 8: "the" target is the open one due first, else the closed one
// due last; a pace milestone counts for the completion rate.
func TestTheTarget(t *testing.T) {
	s := baseSite("2023-01-01", "2023-12-31")
	s.Targets = []dataset.Target{
		{Metric: "fai_growth", Value: dec("6"), By: day("2023-06-30")},
		{Metric: "fai_growth", Value: dec("7"), By: day("2023-09-30")},
		{Metric: "fai_growth", Value: dec("8"), By: day("2023-12-31")},
		{Metric: "pace", Value: dec("85"), By: day("2023-09-30")},
	}
	report(s, "2023-03-31", nil)
	report(s, "2023-08-31", nil)
	report(s, "2023-10-31", nil)
	e := NewEngine(s)
	for _, tc := range []struct{ asOf, metric, want string }{
		{"2023-03-31", "fai_growth", "6"},
		{"2023-08-31", "fai_growth", "7"},
		{"2023-10-31", "fai_growth", "8"},
		{"2023-08-31", "completion_rate", "85"},
		{"2023-10-31", "completion_rate", "85"}, // none open: the closed one due last
	} {
		got := e.At(day(tc.asOf)).TheTarget(Campaign, tc.metric)
		if got == nil || got.Value.String() != tc.want {
			t.Errorf("TheTarget(%s) as of %s = %v; want value %s", tc.metric, tc.asOf, got, tc.want)
		}
	}
	if got := e.At(day("2023-10-31")).TheTarget(Campaign, "start_rate"); got != nil {
		t.Errorf("TheTarget(start_rate) = %v; want none", got)
	}
}

// metrics.md's own example of the expected pace, exactly.
func TestExpected(t *testing.T) {
	s := baseSite("2023-08-15", "2023-11-30")
	s.Targets = []dataset.Target{
		{Metric: "pace", Value: dec("100"), By: day("2023-12-31")},
		{Metric: "pace", Value: dec("85"), By: day("2023-09-30")},
		{Metric: "pace", Value: dec("50"), By: day("2022-06-30")}, // another year: ignored
	}
	for _, tc := range []struct{ d, want, fixed string }{
		{"2023-08-31", "75.65934065934066", "75.7"}, // 85 × 243 / 273
		{"2023-09-30", "85", "85.0"},
		{"2023-11-15", "92.5", "92.5"}, // 85 + 15 × 46 / 92
		{"2023-12-31", "100", "100.0"},
		{"2024-03-31", "24.863387978142075", "24.9"}, // no pace target in 2024: 91/366 time share
		{"2023-01-01", "0.31135531135531136", "0.3"},
	} {
		got := expected(s, day(tc.d))
		num(t, "expected("+tc.d+")", got, tc.want)
		if got.Fixed(1) != tc.fixed {
			t.Errorf("expected(%s).Fixed(1) = %s; want %s", tc.d, got.Fixed(1), tc.fixed)
		}
	}
}
