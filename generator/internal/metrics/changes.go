package metrics

import (
	"cmp"
	"slices"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// Changes is what changed between two dates D₀ < D₁ (metrics.md, "Changes
// between two dates").
type Changes struct {
	From, To dataset.Date
	// Projects with any change, by id.
	Projects []ProjectChange
	// Delta is Σ Δcompleted.
	Delta  exact.Num
	Stages []StageDelta // every stage, in Stages order
	Units  []UnitMove   // main boards' rank changes, regions first, then by rank at D₁
}

// ProjectChange is one project's change.
type ProjectChange struct {
	Now, Before *Project
	// Delta is Δcompleted within a year; across a year boundary the new
	// year's completed (the year-to-date figure restarted).
	Delta                                    exact.Dec
	Started, Finished, BecameSlow, Recovered bool
	Corrected                                bool // a correction line in (D₀, D₁]
}

// StageDelta is a stage's count at both dates.
type StageDelta struct {
	Stage       Stage
	Before, Now int
}

// UnitMove is a unit's main-board rank at both dates' boards.
type UnitMove struct {
	Kind        string
	Unit        *Group
	Before, Now int // 0: not ranked
}

// Changes compares the figures as of from and to (from < to).
func (e *Engine) Changes(from, to dataset.Date) *Changes {
	a, b := e.At(from), e.At(to)
	c := &Changes{From: from, To: to, Delta: exact.Int(0)}
	corrected := map[string]bool{}
	for _, d := range e.dates {
		if d > from && d <= to {
			for _, id := range e.corrections[d] {
				corrected[id] = true
			}
		}
	}
	sameYear := from.Year() == to.Year()
	var total exact.Sum
	for i, now := range b.Projects {
		before := a.Projects[i]
		pc := ProjectChange{Now: now, Before: before}
		pc.Delta = now.Completed
		if sameYear {
			pc.Delta = now.Completed - before.Completed
		}
		pc.Started = now.Started && !before.Started
		pc.Finished = now.Finished && !before.Finished
		pc.BecameSlow = now.Slow && !before.Slow
		pc.Recovered = before.Slow && !now.Slow
		pc.Corrected = corrected[now.P.ID]
		total.Add(pc.Delta)
		if pc.Delta != 0 || pc.Started || pc.Finished || pc.BecameSlow || pc.Recovered || pc.Corrected {
			c.Projects = append(c.Projects, pc)
		}
	}
	c.Delta = total.Num()
	for i, st := range Stages {
		c.Stages = append(c.Stages, StageDelta{Stage: st, Before: a.Totals.Pipeline[i].Count, Now: b.Totals.Pipeline[i].Count})
	}
	for _, kind := range dataset.UnitKinds {
		ba, bb := a.MainBoard(kind), b.MainBoard(kind)
		if ba == nil || bb == nil {
			continue
		}
		var moves []UnitMove
		for _, r := range bb.Rows {
			m := UnitMove{Kind: kind, Unit: r.Unit, Now: r.Rank}
			if old := ba.Row(r.Unit.Scope.ID); old != nil {
				m.Before = old.Rank
			}
			moves = append(moves, m)
		}
		c.Units = append(c.Units, moves...)
	}
	return c
}

// Largest returns the n projects with the largest Δcompleted (ties by id).
func (c *Changes) Largest(n int) []ProjectChange {
	ps := slices.Clone(c.Projects)
	slices.SortStableFunc(ps, func(x, y ProjectChange) int { return cmp.Compare(y.Delta, x.Delta) })
	var out []ProjectChange
	for _, p := range ps {
		if len(out) == n || p.Delta <= 0 {
			break
		}
		out = append(out, p)
	}
	return out
}
