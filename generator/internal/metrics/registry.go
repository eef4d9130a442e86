package metrics

import (
	"strings"

	"gongjian/generator/internal/dataset"
)

// Scope names what a figure or a target belongs to: the campaign, a
// region, department, list, category or sector.
type Scope struct {
	Kind string
	ID   string // "" for the campaign
}

// Campaign is the whole jurisdiction's scope.
var Campaign = Scope{Kind: ScopeCampaign}

// String is the scope as metrics.json writes it: "campaign", "region:x".
func (s Scope) String() string {
	if s.Kind == ScopeCampaign {
		return ScopeCampaign
	}
	return s.Kind + ":" + s.ID
}

// ParseScope reads Scope.String's form.
func ParseScope(s string) (Scope, bool) {
	if s == ScopeCampaign {
		return Campaign, true
	}
	k, id, ok := strings.Cut(s, ":")
	switch k {
	case ScopeRegion, ScopeDepartment, ScopeList, ScopeCategory, ScopeSector:
		return Scope{k, id}, ok && id != ""
	}
	return Scope{}, false
}

// UnitScope is the scope kind of a unit kind ("regions" → "region").
func UnitScope(kind string) string {
	if kind == "departments" {
		return ScopeDepartment
	}
	return ScopeRegion
}

// Scope kinds, as the data format names them.
const (
	ScopeCampaign   = dataset.ScopeCampaign
	ScopeRegion     = dataset.ScopeRegion
	ScopeDepartment = dataset.ScopeDepartment
	ScopeList       = dataset.ScopeList
	ScopeCategory   = dataset.ScopeCategory
	ScopeSector     = dataset.ScopeSector
)

// Lookup returns a metric's definition (see dataset.Lookup).
func Lookup(name string) (dataset.Def, bool) { return dataset.Lookup(name) }

// Rankable reports whether units can be ranked by metric.
func Rankable(metric string) bool { return dataset.Rankable(metric) }
