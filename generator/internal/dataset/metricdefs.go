package dataset

import "slices"

// The metrics a target, a board or a chart may name, and where each
// exists: part of the data format (docs/metrics.md), so that the loader
// can reject a target its scope cannot have and package metrics computes
// exactly these.

// Unit of a metric's values, for formatting and chart axes.
const (
	Amount  = "amount"  // in money_unit, an exact decimal
	Percent = "percent" // a rate, 0–100+
	Growth  = "growth"  // a growth percentage as reports give it
	Points  = "points"  // percentage points (a gap)
	Count   = "count"   // a number of projects
)

// Scope kinds a figure or a target belongs to.
const (
	ScopeCampaign   = "campaign"
	ScopeRegion     = "region"
	ScopeDepartment = "department"
	ScopeList       = "list"
	ScopeCategory   = "category"
	ScopeSector     = "sector"
	ScopeProject    = "project"
)

// Def describes a metric: what it measures and where it exists.
type Def struct {
	Name string
	Unit string
	// FromReports: a unit's value comes from report statistics, so it
	// can be carried from an earlier period (fai, fai_growth); funds is
	// both: a unit's own statistic when a report gives one, else its
	// projects' sum.
	FromReports bool
	Project     bool // a project has it
	Group       bool // lists, categories, regions, departments, the campaign
	Stats       bool // from report statistics: regions, departments, the campaign (fai, fai_growth)
	Sector      bool // a statistical sector (its growth)
	Rankable    bool // units can be ranked by it: higher is better
	Target      bool // a target may name it (≥ value is the goal)
}

// defs is the registry of metrics.md, second edition. `pace` is the name
// targets use for a milestone of the completion rate.
var defs = map[string]Def{
	"completed":                {Unit: Amount, Project: true, Group: true, Rankable: true, Target: true},
	"plan":                     {Unit: Amount, Project: true, Group: true, Target: true},
	"total":                    {Unit: Amount, Project: true, Group: true, Target: true},
	"completion_rate":          {Unit: Percent, Project: true, Group: true, Rankable: true, Target: true},
	"campaign_completed":       {Unit: Amount, Project: true, Group: true, Rankable: true, Target: true},
	"campaign_plan":            {Unit: Amount, Project: true, Group: true, Target: true},
	"campaign_completion_rate": {Unit: Percent, Project: true, Group: true, Rankable: true, Target: true},
	"lifetime_completed":       {Unit: Amount, Project: true, Group: true, Target: true},
	"progress":                 {Unit: Percent, Project: true},
	"funds":                    {Unit: Amount, Project: true, Group: true, Rankable: true, Target: true, FromReports: true},
	"funds_plan":               {Unit: Amount, Project: true, Group: true, Target: true},
	"funds_rate":               {Unit: Percent, Project: true, Group: true, Rankable: true, Target: true},
	"expected":                 {Unit: Percent, Project: true, Group: true},
	"pace_gap":                 {Unit: Points, Project: true, Group: true},
	"projects":                 {Unit: Count, Group: true, Target: true},
	"reserve_projects":         {Unit: Count, Group: true, Target: true},
	"start_rate":               {Unit: Percent, Group: true, Rankable: true, Target: true},
	"finish_rate":              {Unit: Percent, Group: true, Rankable: true, Target: true},
	"slow_count":               {Unit: Count, Group: true},
	"behind_count":             {Unit: Count, Group: true},
	"not_started_count":        {Unit: Count, Group: true},
	"finish_overdue_count":     {Unit: Count, Group: true},
	"landing_rate":             {Unit: Percent, Group: true, Rankable: true, Target: true},
	"landed_start_rate":        {Unit: Percent, Group: true, Rankable: true, Target: true},
	"fai":                      {Unit: Amount, Stats: true, Rankable: true, Target: true, FromReports: true},
	"fai_growth":               {Unit: Growth, Stats: true, Sector: true, Rankable: true, Target: true, FromReports: true},
	"pace":                     {Unit: Percent, Group: true, Target: true},
}

// Lookup returns a metric's definition.
func Lookup(name string) (Def, bool) {
	d, ok := defs[name]
	if !ok {
		return Def{}, false
	}
	d.Name = name
	return d, true
}

// Names returns every metric name, sorted.
func Names() []string {
	out := make([]string, 0, len(defs))
	for n := range defs {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// NamesWhere returns the sorted names of the metrics for which keep holds.
func NamesWhere(keep func(Def) bool) []string {
	var out []string
	for _, n := range Names() {
		d, _ := Lookup(n)
		if keep(d) {
			out = append(out, n)
		}
	}
	return out
}

// Rankable reports whether units can be ranked by metric.
func Rankable(metric string) bool { d, ok := Lookup(metric); return ok && d.Rankable }

// ScopeHas reports whether a scope kind has a metric at all (targets
// aside): a sector only its growth, lists and categories no statistics.
func ScopeHas(kind, metric string) bool {
	d, ok := Lookup(metric)
	if !ok {
		return false
	}
	switch kind {
	case ScopeProject:
		return d.Project
	case ScopeSector:
		return d.Sector
	case ScopeList, ScopeCategory:
		return d.Group
	case ScopeRegion, ScopeDepartment, ScopeCampaign:
		return d.Group || d.Stats
	}
	return false
}
