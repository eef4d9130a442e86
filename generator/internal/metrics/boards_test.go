package metrics

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"gongjian/generator/internal/dataset"
)

var ladder = []string{"通报批评", "分管领导约谈", "主要领导约谈"}

// boardLine renders a board compactly: id:rank(value)[*carried] streak escalation.
func boardLine(b *Board) string {
	var parts []string
	for _, r := range b.Rows {
		s := fmt.Sprintf("%s:%d(%v)", r.Unit.Scope.ID, r.Rank, r.Value)
		if r.Carried {
			s += "*"
		}
		if r.HasChange {
			s += fmt.Sprintf("Δ%+d", r.RankChange)
		}
		if r.LastStreak > 0 {
			s += fmt.Sprintf(" last%d", r.LastStreak)
		}
		if r.Escalation != "" {
			s += " " + r.Escalation
		}
		parts = append(parts, s)
	}
	return fmt.Sprintf("@%s %s", b.Period, strings.Join(parts, ", "))
}

func growthSite(start, end, period string) *dataset.Site {
	s := baseSite(start, end)
	s.Regions = units("a", "b", "c")
	s.Rules.RankingPeriod = period
	s.Rules.Escalation = map[string][]string{dataset.Regions: ladder}
	return s
}

// Change 3: a mid-month dispatch that brings no statistics is not a
// ranking period: in November the board is October's, and the county
// last in September and October has a streak of 2, not 3.
func TestMidMonthDispatchIsNotAPeriod(t *testing.T) {
	s := growthSite("2023-08-15", "2023-11-30", "month")
	s.Projects = []*dataset.Project{{ID: "p", Region: "a", Plan: plan(2023, "1")}}
	report(s, "2023-09-30", map[string]string{"a": "6", "b": "7", "c": "3"}, line("p", "0.2"))
	report(s, "2023-10-31", map[string]string{"a": "9", "b": "8", "c": "2"}, line("p", "0.4"))
	report(s, "2023-11-15", nil, line("p", "0.5"))
	e := NewEngine(s)
	for _, tc := range []struct{ asOf, want string }{
		{"2023-09-30", "@2023-09-30 b:1(7), a:2(6), c:3(3) last1 通报批评"},
		{"2023-10-31", "@2023-10-31 a:1(9)Δ+1, b:2(8)Δ-1, c:3(2)Δ+0 last2 分管领导约谈"},
		{"2023-11-15", "@2023-10-31 a:1(9)Δ+1, b:2(8)Δ-1, c:3(2)Δ+0 last2 分管领导约谈"},
	} {
		if got := boardLine(e.At(day(tc.asOf)).MainBoard(dataset.Regions)); got != tc.want {
			t.Errorf("as of %s:\n got %s\nwant %s", tc.asOf, got, tc.want)
		}
	}
	// The row's own figures are as of D, even when the board is older.
	b := e.At(day("2023-11-15")).MainBoard(dataset.Regions)
	num(t, "a's completion rate at D", b.Row("a").Unit.CompletionRate, "50")
}

// Weekly dispatches with monthly statistics: a weekly report is not a
// period of the growth board; four months of statistics make at most
// four periods.
func TestWeeklyReportsMonthlyStatistics(t *testing.T) {
	s := growthSite("2023-03-01", "2023-12-31", "month")
	s.Projects = []*dataset.Project{{ID: "p", Region: "a", Plan: plan(2023, "1")}}
	for _, m := range []string{"03-31", "04-30", "05-31", "06-07", "06-14"} {
		var g map[string]string
		if !strings.HasPrefix(m, "06") {
			g = map[string]string{"a": "5", "b": "4", "c": "1"}
		}
		report(s, "2023-"+m, g, line("p", "0.1"))
	}
	got := boardLine(NewEngine(s).At(day("2023-06-14")).MainBoard(dataset.Regions))
	want := "@2023-05-31 a:1(5)Δ+0, b:2(4)Δ+0, c:3(1)Δ+0 last3 主要领导约谈"
	if got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
}

// Only periods within the campaign count toward a streak: a county last
// every month of the year has a streak of 4 in a campaign of four
// month-ends; and before the campaign starts, nobody has a streak.
func TestStreakOnlyWithinCampaign(t *testing.T) {
	s := growthSite("2023-08-15", "2023-11-30", "month")
	for m := time.January; m <= time.December; m++ {
		last := dataset.NewDate(2023, m+1, 1).AddDays(-1) // the last day of month m
		report(s, last.String(), map[string]string{"a": "5", "b": "4", "c": "1"})
	}
	e := NewEngine(s)
	for _, tc := range []struct {
		asOf   string
		streak int
		esc    string
	}{
		{"2023-07-31", 0, ""}, // before the campaign
		{"2023-08-31", 1, "通报批评"},
		{"2023-11-30", 4, "主要领导约谈"},
		{"2023-12-31", 0, ""}, // the shown period lies after the campaign
	} {
		r := e.At(day(tc.asOf)).MainBoard(dataset.Regions).Row("c")
		if r.LastStreak != tc.streak || r.Escalation != tc.esc || !r.Last {
			t.Errorf("as of %s: last %v streak %d %q; want last, streak %d %q", tc.asOf, r.Last, r.LastStreak, r.Escalation, tc.streak, tc.esc)
		}
	}
}

// A unit a report leaves out is ranked with its earlier value and marked
// carried (沿用); rank change compares with the previous period.
func TestCarriedValues(t *testing.T) {
	s := growthSite("2023-01-01", "2023-12-31", "month")
	report(s, "2023-09-30", map[string]string{"a": "6", "b": "7", "c": "3"})
	report(s, "2023-10-20", map[string]string{"b": "5"}) // b's October figure, mid-month
	report(s, "2023-10-31", map[string]string{"a": "9", "c": "2"})
	b := NewEngine(s).At(day("2023-10-31")).MainBoard(dataset.Regions)
	want := "@2023-10-31 a:1(9)Δ+1, b:2(5)Δ-1, c:3(2)Δ+0 last2 分管领导约谈"
	if got := boardLine(b); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	// b was given within October: fresh. Now a quarter later, nobody reports.
	s2 := growthSite("2023-01-01", "2023-12-31", "month")
	report(s2, "2023-09-30", map[string]string{"a": "6", "b": "7", "c": "3"})
	report(s2, "2023-10-31", map[string]string{"a": "9", "c": "2"})
	b = NewEngine(s2).At(day("2023-10-31")).MainBoard(dataset.Regions)
	want = "@2023-10-31 a:1(9)Δ+1, b:2(7)*Δ-1, c:3(2)Δ+0 last2 分管领导约谈"
	if got := boardLine(b); got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	if r := b.Row("b"); r.From != day("2023-09-30") {
		t.Errorf("b's carried value from %s; want 2023-09-30", r.From)
	}
}

func TestQuarterAndReportPeriods(t *testing.T) {
	build := func(period string) *Engine {
		s := growthSite("2023-01-01", "2023-12-31", period)
		report(s, "2023-01-31", map[string]string{"a": "1", "b": "2", "c": "3"})
		report(s, "2023-02-28", map[string]string{"a": "2", "b": "3", "c": "1"})
		report(s, "2023-03-31", map[string]string{"a": "3", "b": "1"})
		report(s, "2023-04-15", nil)
		report(s, "2023-04-30", map[string]string{"a": "1"})
		return NewEngine(s)
	}
	for _, tc := range []struct{ period, asOf, want string }{
		{"quarter", "2023-03-31", "@2023-03-31 a:1(3), b:2(1) last1 通报批评, c:2(1) last1 通报批评"},
		// Everybody tied at rank 1: nobody is last (see TestAllTiedNobodyLast).
		{"quarter", "2023-04-30", "@2023-04-30 a:1(1)Δ+0, b:1(1)*Δ+1, c:1(1)*Δ+1"},
		{"report", "2023-04-15", "@2023-03-31 a:1(3)Δ+1, b:2(1)Δ-1 last1 通报批评, c:2(1)*Δ+1 last2 分管领导约谈"},
		{"report", "2023-04-30", "@2023-04-30 a:1(1)Δ+0, b:1(1)*Δ+1, c:1(1)*Δ+1"},
	} {
		got := boardLine(build(tc.period).At(day(tc.asOf)).MainBoard(dataset.Regions))
		if got != tc.want {
			t.Errorf("%s as of %s:\n got %s\nwant %s", tc.period, tc.asOf, got, tc.want)
		}
	}
}

// A board on which everybody ties has no last place (and a single ranked
// unit is not last of one): the figures single nobody out.
func TestAllTiedNobodyLast(t *testing.T) {
	s := baseSite("2023-01-01", "2023-12-31")
	s.Departments = units("x", "y")
	s.Rules.Escalation = map[string][]string{dataset.Departments: ladder}
	s.Projects = []*dataset.Project{
		{ID: "p", Owner: "x", Plan: plan(2023, "2"), StartActual: day("2023-01-02")},
		{ID: "q", Owner: "y", Plan: plan(2023, "4"), StartActual: day("2023-01-02")},
	}
	report(s, "2023-01-31", nil, line("p", "0"), line("q", "0"))
	report(s, "2023-02-28", nil, line("p", "1"), line("q", "1"))
	e := NewEngine(s)
	if got, want := boardLine(e.At(day("2023-01-31")).MainBoard(dataset.Departments)), "@2023-01-31 x:1(0), y:1(0)"; got != want {
		t.Errorf("all at 0 %%:\n got %s\nwant %s", got, want)
	}
	if got, want := boardLine(e.At(day("2023-02-28")).MainBoard(dataset.Departments)), "@2023-02-28 x:1(50)Δ+0, y:2(25)Δ-1 last1 通报批评"; got != want {
		t.Errorf("February:\n got %s\nwant %s", got, want)
	}
}

// Change 4: escalation belongs to a kind's main board, and only to kinds
// the rules name; other boards rank the same way but never escalate.
func TestEscalationPerBoard(t *testing.T) {
	s := baseSite("2023-01-01", "2023-12-31")
	s.Regions = units("a", "b")
	s.Departments = units("x", "y")
	s.Rules.Escalation = map[string][]string{dataset.Regions: ladder} // departments: none
	s.Projects = []*dataset.Project{
		{ID: "p", Region: "a", Owner: "x", Plan: plan(2023, "2"), StartPlanned: day("2023-01-01"), StartActual: day("2023-01-02")},
		{ID: "q", Region: "b", Owner: "y", Plan: plan(2023, "4"), StartPlanned: day("2023-01-01")},
	}
	report(s, "2023-01-31", map[string]string{"a": "3", "b": "1"}, line("p", "1"), line("q", "1"))
	snap := NewEngine(s).At(day("2023-01-31"))
	for _, tc := range []struct{ kind, metric, want string }{
		{dataset.Regions, "fai_growth", "@2023-01-31 a:1(3), b:2(1) last1 通报批评"},       // main board
		{dataset.Regions, "start_rate", "@2023-01-31 a:1(100), b:2(0) last1"},          // not main: no measure
		{dataset.Departments, "completion_rate", "@2023-01-31 x:1(50), y:2(25) last1"}, // main, but no ladder
		{dataset.Departments, "start_rate", "@2023-01-31 x:1(100), y:2(0) last1"},
	} {
		b, err := snap.Board(tc.kind, tc.metric)
		if err != nil {
			t.Fatal(err)
		}
		if got := boardLine(b); got != tc.want {
			t.Errorf("%s by %s:\n got %s\nwant %s", tc.kind, tc.metric, got, tc.want)
		}
	}
	if _, err := snap.Board(dataset.Regions, "slow_count"); err == nil {
		t.Errorf("a board by slow_count was accepted; lower is better there")
	}
}

// A board on figures computed from projects has a period wherever a
// report has project lines, and its values are never carried.
func TestProjectBoardPeriods(t *testing.T) {
	s := baseSite("2023-01-01", "2023-12-31")
	s.Departments = units("x", "y")
	s.Projects = []*dataset.Project{
		{ID: "p", Owner: "x", Plan: plan(2023, "2")},
		{ID: "q", Owner: "y", Plan: plan(2023, "4")},
	}
	r := report(s, "2023-01-31", nil, line("p", "1"), line("q", "1"))
	r = report(s, "2023-02-10", nil)
	r.Stats = &dataset.UnitStats{FAIGrowth: opt("5")} // statistics only: not a period of this board
	report(s, "2023-03-10", nil, line("q", "3"))
	b := NewEngine(s).At(day("2023-03-10")).MainBoard(dataset.Departments)
	if got, want := boardLine(b), "@2023-03-10 y:1(75)Δ+1, x:2(50)Δ-1 last1"; got != want {
		t.Errorf("\n got %s\nwant %s", got, want)
	}
	if len(b.Periods) != 2 {
		t.Errorf("periods = %v; want 2023-01-31 and 2023-03-10", b.Periods)
	}
}

// The watch board lists units below their own open target for the main
// board's metric; a closed target does not put anybody on watch.
func TestWatchBoard(t *testing.T) {
	s := growthSite("2023-01-01", "2023-12-31", "month")
	s.Regions[0].Targets = []dataset.Target{{Metric: "fai_growth", Value: dec("10"), By: day("2023-12-31")}}
	s.Regions[1].Targets = []dataset.Target{{Metric: "fai_growth", Value: dec("12"), By: day("2023-06-30")}}
	s.Regions[2].Targets = []dataset.Target{{Metric: "fai_growth", Value: dec("0.5"), By: day("2023-12-31")}}
	report(s, "2023-08-31", map[string]string{"a": "9.9", "b": "4", "c": "1"})
	b := NewEngine(s).At(day("2023-08-31")).MainBoard(dataset.Regions)
	var ids []string
	for _, r := range b.Watch() {
		ids = append(ids, r.Unit.Scope.ID)
	}
	if join(ids) != "a" {
		t.Errorf("watch = %v; want [a] (b's target closed, c above its own)", ids)
	}
	if r := b.Row("a"); r.Target == nil || r.Target.Value.String() != "10" {
		t.Errorf("a's own target = %v; want 10", r.Target)
	}
}

// No period ≤ D: nothing is ranked, and metrics.json says so with nulls.
func TestNoPeriodYet(t *testing.T) {
	s := growthSite("2023-01-01", "2023-12-31", "month")
	report(s, "2023-01-31", nil)
	snap := NewEngine(s).At(day("2023-01-31"))
	b := snap.MainBoard(dataset.Regions)
	if b.Period != 0 || b.Rows[0].Rank != 0 {
		t.Errorf("board = %s; want no period and no ranks", boardLine(b))
	}
	m := jsonOf(t, snap)
	r0 := m["regions"].([]any)[0].(map[string]any)
	for _, k := range []string{"rank", "rank_change", "escalation", "period"} {
		if r0[k] != nil {
			t.Errorf("regions[0].%s = %v; want null", k, r0[k])
		}
	}
	if r0["last_streak"].(interface{ String() string }).String() != "0" || r0["carried"] != false {
		t.Errorf("last_streak %v carried %v; want 0 false", r0["last_streak"], r0["carried"])
	}
}
