package metrics

import (
	"cmp"
	"slices"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// expected is the expected share (%) of the annual plan at d (metrics.md,
// "Expected pace"), exactly: linear in t = day of year between (0, 0)
// and the campaign's own `pace` targets due in d's year, sorted by date,
// and constant after the last of them; with none, the time share
// t / days in year × 100.
func expected(s *dataset.Site, d dataset.Date) exact.Num {
	y := d.Year()
	t := int64(d.DayOfYear())
	type point struct {
		t int64
		v exact.Num
	}
	var pts []point
	for _, tg := range s.Targets {
		if tg.Metric == "pace" && tg.By != 0 && tg.By.Year() == y {
			pts = append(pts, point{int64(tg.By.DayOfYear()), tg.Value.Num()})
		}
	}
	if len(pts) == 0 {
		return exact.Percent(exact.Int(t), exact.Int(int64(dataset.DaysInYear(y))))
	}
	slices.SortStableFunc(pts, func(a, b point) int { return cmp.Compare(a.t, b.t) })
	prevT, prevV := int64(0), exact.Int(0)
	for _, p := range pts {
		// Each point's t is ≥ 1 and a point is passed only when t is
		// beyond it, so p.t > prevT here: two targets on one date do not
		// divide by zero (the first of them counts at that date).
		if t <= p.t {
			return prevV.Add(p.v.Sub(prevV).Mul(exact.Frac(t-prevT, p.t-prevT)))
		}
		prevT, prevV = p.t, p.v
	}
	return prevV
}

// Expected is the expected share of the annual plan at d.
func (e *Engine) Expected(d dataset.Date) exact.Num { return expected(e.site, d) }

// Target statuses.
const (
	Open   = "open"
	Met    = "met"
	Missed = "missed"
	NoData = "no_data"
)

// TargetStatus is one target judged at D (metrics.md, "Targets").
type TargetStatus struct {
	Scope  Scope
	Metric string
	Value  exact.Dec
	By     dataset.Date
	Status string    // open | met | missed | no_data
	Actual exact.Num // at D while open; at the deadline's report once closed
	Met    bool
	// JudgedAt is D for an open target, J (the latest report ≤ by) for a
	// closed one, 0 when no report is dated ≤ by.
	JudgedAt dataset.Date
	Current  exact.Num // the metric at D, published beside a closed verdict
	DueIn    int       // by − D in days, negative once closed
}

// Closed reports whether the deadline has passed.
func (t *TargetStatus) Closed() bool { return t.DueIn < 0 }

// targetMetric is the metric a target compares: a pace milestone compares
// the completion rate.
func targetMetric(m string) string {
	if m == "pace" {
		return "completion_rate"
	}
	return m
}

// targets evaluates every target of the site at s.AsOf.
func (s *Snapshot) targets() []TargetStatus {
	e := s.e
	var out []TargetStatus
	add := func(sc Scope, ts []dataset.Target) {
		for _, t := range ts {
			out = append(out, s.judge(sc, t))
		}
	}
	add(Campaign, e.site.Targets)
	for _, u := range e.regions {
		add(Scope{ScopeRegion, u.ID}, u.Targets)
	}
	for _, u := range e.depts {
		add(Scope{ScopeDepartment, u.ID}, u.Targets)
	}
	for _, g := range e.lists {
		add(Scope{ScopeList, g.ID}, g.Targets)
	}
	for _, g := range e.cats {
		add(Scope{ScopeCategory, g.ID}, g.Targets)
	}
	for _, g := range e.sectors {
		add(Scope{ScopeSector, g.ID}, g.Targets)
	}
	slices.SortStableFunc(out, func(a, b TargetStatus) int {
		return cmp.Or(cmp.Compare(a.Scope.String(), b.Scope.String()), cmp.Compare(a.Metric, b.Metric),
			cmp.Compare(a.By, b.By), cmp.Compare(a.Value, b.Value))
	})
	return out
}

// judge is one target's status at s.AsOf: open targets on the value at D,
// closed ones at their deadline's report, for good.
func (s *Snapshot) judge(sc Scope, t dataset.Target) TargetStatus {
	m := targetMetric(t.Metric)
	st := TargetStatus{
		Scope: sc, Metric: t.Metric, Value: t.Value, By: t.By,
		Current: s.Value(sc, m),
		DueIn:   int(t.By - s.AsOf),
	}
	goal := t.Value.Num()
	if s.AsOf <= t.By {
		st.Actual, st.JudgedAt = st.Current, s.AsOf
		st.Met = st.Actual.GE(goal)
		st.Status = Open
		if st.Met {
			st.Status = Met
		}
		return st
	}
	j := s.e.LatestUpTo(t.By)
	if j == 0 {
		st.Status = NoData
		return st
	}
	st.JudgedAt = j
	st.Actual = s.e.GroupsAt(j).Value(sc, m)
	switch {
	case !st.Actual.OK():
		st.Status = NoData
	case st.Actual.GE(goal):
		st.Status, st.Met = Met, true
	default:
		st.Status = Missed
	}
	return st
}

// TargetsOf are the statuses of one scope's targets.
func (s *Snapshot) TargetsOf(sc Scope) []TargetStatus {
	var out []TargetStatus
	for _, t := range s.Targets {
		if t.Scope == sc {
			out = append(out, t)
		}
	}
	return out
}

// TheTarget is "the" target of a scope for a metric wherever one is shown
// alone (a headline card, a chart's target line, the watch board): its
// open target due first; when none is open, its closed target due last.
// A pace milestone counts as a completion_rate target. Nil when the scope
// has none.
func (s *Snapshot) TheTarget(sc Scope, metric string) *TargetStatus {
	var open, closed *TargetStatus
	for i := range s.Targets {
		t := &s.Targets[i]
		if t.Scope != sc || targetMetric(t.Metric) != targetMetric(metric) {
			continue
		}
		if !t.Closed() {
			if open == nil || t.By < open.By {
				open = t
			}
		} else if closed == nil || t.By >= closed.By {
			closed = t
		}
	}
	if open != nil {
		return open
	}
	return closed
}
