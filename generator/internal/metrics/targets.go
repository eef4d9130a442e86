package metrics

import (
	"cmp"
	"slices"

	"gongjian/generator/internal/dataset"
)

// targets evaluates every target of the site at s.AsOf, sorted by scope,
// metric and date (then value, so that the order is total).
func (s *Snapshot) targets() []TargetStatus {
	site := s.Site
	var out []TargetStatus
	add := func(scope string, ts []dataset.Target) {
		for _, t := range ts {
			out = append(out, s.status(scope, t))
		}
	}
	add("campaign", site.Targets)
	for _, u := range s.e.regions {
		add("region:"+u.ID, u.Targets)
	}
	for _, u := range s.e.departments {
		add("department:"+u.ID, u.Targets)
	}
	for _, g := range s.e.lists {
		add("list:"+g.ID, g.Targets)
	}
	for _, g := range s.e.categories {
		add("category:"+g.ID, g.Targets)
	}
	for _, g := range byID(site.Sectors, func(g *dataset.Group) string { return g.ID }) {
		add("sector:"+g.ID, g.Targets)
	}
	slices.SortStableFunc(out, func(a, b TargetStatus) int {
		return cmp.Or(cmp.Compare(a.Scope, b.Scope), cmp.Compare(a.Metric, b.Metric),
			cmp.Compare(a.By, b.By), cmp.Compare(a.Value, b.Value))
	})
	return out
}

// status is one target's state at s.AsOf. A `pace` target compares the
// scope's completion rate (ScopeValue treats pace as its alias).
func (s *Snapshot) status(scope string, t dataset.Target) TargetStatus {
	actual := s.ScopeValue(scope, t.Metric)
	return TargetStatus{
		Scope:  scope,
		Metric: t.Metric,
		Value:  t.Value,
		By:     t.By,
		Actual: actual,
		Met:    actual.OK && actual.V >= t.Value,
		DueIn:  int(t.By - s.AsOf),
	}
}

// unitTarget returns a unit's own target for a leaderboard metric: the
// next one due (earliest by ≥ D), or, when all are past, the latest one.
// A `pace` target counts for the completion_rate leaderboard.
func unitTarget(u *dataset.Unit, metric string, d dataset.Date) Value {
	if u == nil {
		return Value{}
	}
	var best *dataset.Target
	for i := range u.Targets {
		t := &u.Targets[i]
		if t.Metric != metric && !(metric == "completion_rate" && t.Metric == "pace") {
			continue
		}
		switch {
		case best == nil:
			best = t
		case best.By < d: // best is past: any later one is better
			if t.By > best.By {
				best = t
			}
		case t.By >= d && t.By < best.By: // both upcoming: the sooner
			best = t
		}
	}
	if best == nil {
		return Value{}
	}
	return Def(best.Value)
}
