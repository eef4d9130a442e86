package metrics

import (
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// Point is a figure at a report date.
type Point struct {
	Date dataset.Date
	V    exact.Num
}

// Charts over time plot freshly reported values only, at their real
// dates: a value a report did not give is not repeated at that report's
// date, and monthly then dekadal reports do not bend a straight line.

// StatSeries is a statistic of the campaign or of a unit (fai,
// fai_growth, funds) at each report dated in [from, to] that gives it.
func (e *Engine) StatSeries(sc Scope, metric string, from, to dataset.Date) []Point {
	var lines []sline
	switch sc.Kind {
	case ScopeCampaign:
		lines = e.campaignStats
	case ScopeRegion, ScopeDepartment:
		kind := dataset.Regions
		if sc.Kind == ScopeDepartment {
			kind = dataset.Departments
		}
		for i, u := range e.units(kind) {
			if u.ID == sc.ID {
				lines = e.unitStats[kindIndex(kind)][i]
			}
		}
	case ScopeSector:
		var out []Point
		for _, l := range e.campaignStats {
			if v, ok := l.s.Sectors[sc.ID]; ok && l.date >= from && l.date <= to && metric == "fai_growth" {
				out = append(out, Point{l.date, v.Num()})
			}
		}
		return out
	}
	var out []Point
	for _, l := range lines {
		if l.date < from || l.date > to {
			continue
		}
		if v := statOf(l.s, metric); v.OK {
			out = append(out, Point{l.date, v.V.Num()})
		}
	}
	return out
}

// GroupSeries is a group's figure computed from projects at each report
// dated in [from, to] that has project lines.
func (e *Engine) GroupSeries(sc Scope, metric string, from, to dataset.Date) []Point {
	var out []Point
	for _, d := range e.dates {
		if d < from || d > to || !e.projectLines[d] {
			continue
		}
		s := e.GroupsAt(d)
		out = append(out, Point{d, s.Value(sc, metric)})
	}
	return out
}

// ExpectedSeries is the expected pace at the given dates.
func (e *Engine) ExpectedSeries(ds []dataset.Date) []Point {
	out := make([]Point, len(ds))
	for i, d := range ds {
		out[i] = Point{d, e.Expected(d)}
	}
	return out
}

// ProjectSeries is a project's completed (this year to date) at each
// report dated in [from, to] that gives it.
func (e *Engine) ProjectSeries(id string, from, to dataset.Date) []Point {
	if i, ok := e.projectAt[id]; ok {
		var out []Point
		for _, l := range e.lines[i] {
			if l.date >= from && l.date <= to && l.completed.OK {
				out = append(out, Point{l.date, l.completed.V.Num()})
			}
		}
		return out
	}
	return nil
}

// Line is a project's line in one report, for its dispatch history.
type Line struct {
	Date       dataset.Date
	Completed  dataset.Opt
	Funds      dataset.Opt
	Note       string
	Correction bool
}

// ProjectLines are a project's report lines dated in [from, to].
func (e *Engine) ProjectLines(id string, from, to dataset.Date) []Line {
	if i, ok := e.projectAt[id]; ok {
		var out []Line
		for _, l := range e.lines[i] {
			if l.date >= from && l.date <= to {
				out = append(out, Line{l.date, l.completed, l.funds, l.note, l.correction})
			}
		}
		return out
	}
	return nil
}
