package metrics

import (
	"testing"

	"gongjian/generator/internal/dataset"
)

func TestChanges(t *testing.T) {
	site := &dataset.Site{
		Rules:   defaultRules(),
		Regions: []*dataset.Unit{{ID: "x"}, {ID: "y"}},
		Projects: []*dataset.Project{
			// starts in between and is slow at once (40 % < 50 %)
			{ID: "a", Name: "甲", Region: "x", Plan: plan2023(10), StartActual: day("2023-09-10")},
			// slow (30 %), then not (80 %)
			{ID: "b", Region: "y", Plan: plan2023(10), StartActual: day("2023-01-01")},
			// finishes in between
			{ID: "c", Region: "y", Plan: plan2023(10), StartActual: day("2023-01-01"), FinishActual: day("2023-09-20")},
			// nothing happens
			{ID: "d", Region: "x", Plan: plan2023(10)},
		},
		Reports: []*dataset.Report{
			{Date: day("2023-08-31"),
				Regions:  map[string]*dataset.UnitStats{"x": {FAIGrowth: num(5)}, "y": {FAIGrowth: num(4)}},
				Projects: reportLines(map[string]*dataset.Entry{"a": {Completed: num(2)}, "b": {Completed: num(3)}, "c": {Completed: num(6)}})},
			{Date: day("2023-09-30"),
				Regions:  map[string]*dataset.UnitStats{"x": {FAIGrowth: num(3)}, "y": {FAIGrowth: num(6)}},
				Projects: reportLines(map[string]*dataset.Entry{"a": {Completed: num(4)}, "b": {Completed: num(8)}, "c": {Completed: num(6)}})},
			{Date: day("2024-01-31"),
				Projects: reportLines(map[string]*dataset.Entry{"a": {Completed: num(1)}})},
		},
	}
	e := NewEngine(site)
	c := e.Changes(day("2023-08-31"), day("2023-09-30"))

	type flags struct{ started, finished, becameSlow, recovered bool }
	want := []struct {
		id    string
		delta float64
		flags flags
	}{
		{"a", 2, flags{started: true, becameSlow: true}},
		{"b", 5, flags{recovered: true}},
		{"c", 0, flags{finished: true}},
	}
	if len(c.Projects) != len(want) {
		t.Fatalf("Changes(2023-08-31, 2023-09-30) has %d projects; want %d: %+v", len(c.Projects), len(want), c.Projects)
	}
	for i, w := range want {
		t.Run(w.id, func(t *testing.T) {
			pc := c.Projects[i]
			got := flags{pc.Started, pc.Finished, pc.BecameSlow, pc.Recovered}
			if pc.ID != w.id || !near(pc.DeltaCompleted, w.delta) || got != w.flags {
				t.Errorf("Projects[%d] = %s Δ%v %+v; want %s Δ%v %+v", i, pc.ID, pc.DeltaCompleted, got, w.id, w.delta, w.flags)
			}
			if pc.From == nil || pc.To == nil || pc.From.P != pc.To.P {
				t.Errorf("Projects[%d] From, To = %p, %p; want the project at both dates", i, pc.From, pc.To)
			}
		})
	}
	if c.Projects[0].Name != "甲" {
		t.Errorf("Projects[0].Name = %q; want 甲", c.Projects[0].Name)
	}
	if !near(c.DeltaCompleted, 7) {
		t.Errorf("DeltaCompleted = %v; want 7", c.DeltaCompleted)
	}
	wantStage := map[Stage]int{StagePlanned: -1, StagePreparing: 0, StageReserve: 0, StageConstruction: 0, StageCompleted: 1}
	for st, w := range wantStage {
		if got, ok := c.DeltaStage[st]; !ok || got != w {
			t.Errorf("DeltaStage[%s] = %d; want %d", st, got, w)
		}
	}
	wantUnits := []UnitChange{
		{ID: "x", RankFrom: Def(1), RankTo: Def(2), Move: Def(-1)},
		{ID: "y", RankFrom: Def(2), RankTo: Def(1), Move: Def(1)},
	}
	for i, w := range wantUnits {
		if got := c.Regions[i]; got.ID != w.ID || !sameValue(got.RankFrom, w.RankFrom) || !sameValue(got.RankTo, w.RankTo) || !sameValue(got.Move, w.Move) {
			t.Errorf("Regions[%d] = %+v; want %+v", i, got, w)
		}
	}

	t.Run("across a year", func(t *testing.T) {
		c := e.Changes(day("2023-09-30"), day("2024-01-31"))
		// The year restarted: a's change is its 2024 completed (1), not 1 − 4.
		if pc := c.Projects[0]; pc.ID != "a" || !near(pc.DeltaCompleted, 1) {
			t.Errorf("Projects[0] = %s Δ%v; want a Δ1", pc.ID, pc.DeltaCompleted)
		}
		if !near(c.DeltaCompleted, 1) {
			t.Errorf("DeltaCompleted = %v; want 1", c.DeltaCompleted)
		}
	})
	t.Run("same date", func(t *testing.T) {
		if c := e.Changes(day("2023-09-30"), day("2023-09-30")); len(c.Projects) != 0 || c.DeltaCompleted != 0 {
			t.Errorf("Changes(D, D) = %d projects Δ%v; want none", len(c.Projects), c.DeltaCompleted)
		}
	})
}

// TestRelease: released dates keep their units' figures and rankings and
// lose their per-project figures; kept dates keep everything; Changes
// between released dates is what it was.
func TestRelease(t *testing.T) {
	site := &dataset.Site{
		Rules:   defaultRules(),
		Regions: []*dataset.Unit{{ID: "x"}, {ID: "y"}},
		Projects: []*dataset.Project{
			{ID: "a", Region: "x", Plan: plan2023(10), StartActual: day("2023-01-10")},
			{ID: "b", Region: "y", Plan: plan2023(10), StartActual: day("2023-01-01")},
		},
		Reports: []*dataset.Report{
			{Date: day("2023-07-31"), Projects: reportLines(map[string]*dataset.Entry{"a": {Completed: num(2)}, "b": {Completed: num(1)}})},
			{Date: day("2023-08-31"), Projects: reportLines(map[string]*dataset.Entry{"a": {Completed: num(3)}, "b": {Completed: num(5)}})},
			{Date: day("2023-09-30"), Projects: reportLines(map[string]*dataset.Entry{"a": {Completed: num(4)}, "b": {Completed: num(8)}})},
		},
	}
	fresh := NewEngine(site)
	want := fresh.Changes(day("2023-07-31"), day("2023-08-31"))
	wantRate := fresh.At(day("2023-08-31")).Region("y").CompletionRate

	e := NewEngine(site)
	for _, d := range e.ReportDates() {
		e.At(d)
	}
	e.Release(day("2023-09-30"))
	for _, d := range e.ReportDates() {
		s := e.At(d)
		kept := d == day("2023-09-30")
		if (len(s.Projects) == 2) != kept || (s.Project("a") != nil) != kept || (len(s.Region("x").Projects) == 1) != kept {
			t.Errorf("%s: %d projects, Project(a) %v, region x %d projects; kept = %v", d, len(s.Projects), s.Project("a") != nil, len(s.Region("x").Projects), kept)
		}
	}
	if got := e.At(day("2023-08-31")).Region("y").CompletionRate; got != wantRate {
		t.Errorf("released region y completion rate = %v; want %v", got, wantRate)
	}
	got := e.Changes(day("2023-07-31"), day("2023-08-31"))
	if got.DeltaCompleted != want.DeltaCompleted || len(got.Projects) != len(want.Projects) || len(got.Projects) != 2 {
		t.Errorf("Changes between released dates = %+v; want %+v", got, want)
	}
}
