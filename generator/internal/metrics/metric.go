package metrics

import (
	"slices"
	"strings"
)

// MetricDef describes a metric a chart, table or target may name.
type MetricDef struct {
	Name string
	Unit string // "%", "amount" (money_unit), "count" or "pp" (percentage points)

	ForUnits    bool // regions and departments
	ForGroups   bool // categories and lists
	ForProjects bool
	Rankable    bool // units can be ranked by it (higher is better)
	ForCampaign bool // the whole campaign (all projects and [stats])
	ForSectors  bool // a statistical sector (only its growth)
}

// metricDefs is the registry. `pace` is an alias of completion_rate that
// only targets name (a pace milestone compares the completion rate);
// fai and fai_growth come from report statistics, which only units, the
// campaign and (for growth) sectors have.
var metricDefs = map[string]MetricDef{
	"completed":         {Unit: "amount", ForUnits: true, ForGroups: true, ForProjects: true, Rankable: true, ForCampaign: true},
	"plan":              {Unit: "amount", ForUnits: true, ForGroups: true, ForProjects: true, ForCampaign: true},
	"total":             {Unit: "amount", ForUnits: true, ForGroups: true, ForProjects: true, ForCampaign: true},
	"funds":             {Unit: "amount", ForUnits: true, ForGroups: true, ForProjects: true, Rankable: true, ForCampaign: true},
	"completion_rate":   {Unit: "%", ForUnits: true, ForGroups: true, ForProjects: true, Rankable: true, ForCampaign: true},
	"expected":          {Unit: "%", ForUnits: true, ForGroups: true, ForProjects: true, ForCampaign: true},
	"pace_gap":          {Unit: "pp", ForUnits: true, ForGroups: true, ForProjects: true, ForCampaign: true},
	"start_rate":        {Unit: "%", ForUnits: true, ForGroups: true, Rankable: true, ForCampaign: true},
	"slow_count":        {Unit: "count", ForUnits: true, ForGroups: true, ForCampaign: true},
	"behind_count":      {Unit: "count", ForUnits: true, ForGroups: true, ForCampaign: true},
	"not_started_count": {Unit: "count", ForUnits: true, ForGroups: true, ForCampaign: true},
	"landing_rate":      {Unit: "%", ForUnits: true, ForGroups: true, Rankable: true, ForCampaign: true},
	"landed_start_rate": {Unit: "%", ForUnits: true, ForGroups: true, Rankable: true, ForCampaign: true},
	"fai":               {Unit: "amount", ForUnits: true, Rankable: true, ForCampaign: true},
	"fai_growth":        {Unit: "%", ForUnits: true, Rankable: true, ForCampaign: true, ForSectors: true},
	"pace":              {Unit: "%", ForUnits: true, ForGroups: true, ForCampaign: true},
}

// LookupMetric returns the definition of a metric by name.
func LookupMetric(name string) (MetricDef, bool) {
	d, ok := metricDefs[name]
	d.Name = name
	if !ok {
		return MetricDef{}, false
	}
	return d, true
}

// MetricNames returns every metric name, sorted.
func MetricNames() []string {
	names := make([]string, 0, len(metricDefs))
	for n := range metricDefs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// ProjectValue is a project metric; undefined for a metric projects do not have.
func (s *Snapshot) ProjectValue(p *Project, metric string) Value {
	if p == nil {
		return Value{}
	}
	switch metric {
	case "completed":
		return Def(p.Completed)
	case "plan":
		return Def(p.Plan)
	case "total":
		return Def(p.P.Total)
	case "funds":
		return Def(p.Funds)
	case "completion_rate":
		return p.CompletionRate
	case "expected":
		return Def(s.Expected)
	case "pace_gap":
		return p.PaceGap
	}
	return Value{}
}

// GroupValue is a group metric (category, list, or Totals); undefined for a
// metric groups do not have.
func (s *Snapshot) GroupValue(g *Group, metric string) Value {
	if g == nil {
		return Value{}
	}
	switch metric {
	case "completed":
		return Def(g.Completed)
	case "plan":
		return Def(g.Plan)
	case "total":
		return Def(g.Total)
	case "funds":
		return Def(g.Funds)
	case "completion_rate", "pace":
		return g.CompletionRate
	case "expected":
		return Def(s.Expected)
	case "pace_gap":
		// Not in metrics.md's group table; the project definition
		// (completion_rate − expected) carried over to the weighted rate.
		if g.CompletionRate.OK {
			return Def(g.CompletionRate.V - s.Expected)
		}
		return Value{}
	case "start_rate":
		return g.StartRate
	case "slow_count":
		return Def(float64(g.SlowCount))
	case "behind_count":
		return Def(float64(g.BehindCount))
	case "not_started_count":
		return Def(float64(g.NotStartedCount))
	case "landing_rate":
		return g.LandingRate
	case "landed_start_rate":
		return g.LandedStartRate
	}
	return Value{}
}

// UnitValue is a region's or department's metric: its statistics for fai
// and fai_growth, its projects' figures otherwise.
func (s *Snapshot) UnitValue(u *Unit, metric string) Value {
	if u == nil {
		return Value{}
	}
	switch metric {
	case "fai":
		return u.FAI
	case "fai_growth":
		return u.FAIGrowth
	}
	return s.GroupValue(&u.Group, metric)
}

// CampaignValue is a campaign-wide metric: [stats] for fai and fai_growth,
// all projects (Totals) otherwise.
func (s *Snapshot) CampaignValue(metric string) Value {
	switch metric {
	case "fai":
		return s.Stats.FAI
	case "fai_growth":
		return s.Stats.FAIGrowth
	}
	return s.GroupValue(&s.Totals, metric)
}

// SectorValue is a sector's metric: only fai_growth, from [stats.sectors].
func (s *Snapshot) SectorValue(id, metric string) Value {
	if metric != "fai_growth" {
		return Value{}
	}
	return s.Sector(id)
}

// ScopeValue is the metric of a target scope: "campaign", "region:<id>",
// "department:<id>", "list:<id>", "category:<id>" or "sector:<id>".
// Undefined for an unknown scope or id.
func (s *Snapshot) ScopeValue(scope, metric string) Value {
	kind, id, _ := strings.Cut(scope, ":")
	switch kind {
	case "campaign":
		return s.CampaignValue(metric)
	case "region":
		return s.UnitValue(s.Region(id), metric)
	case "department":
		return s.UnitValue(s.Department(id), metric)
	case "list":
		return s.GroupValue(s.List(id), metric)
	case "category":
		return s.GroupValue(s.Category(id), metric)
	case "sector":
		return s.SectorValue(id, metric)
	}
	return Value{}
}
