package site

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gongjian/generator/internal/chart"
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

// chartView is what layouts/partials/chart.html receives.
type chartView struct {
	*chart.Chart
	Name   string
	toggle string // the "show the data" button's label
	Num    []bool // right-aligned table columns
}

// charts is a page's charts by name, in the order they were made (which
// numbers their ids).
type charts struct {
	page  string
	n     int
	named map[string]*chartView
	all   []*chartView
}

func (c *charts) add(name string, ch *chart.Chart, toggle string) *chartView {
	v := &chartView{Chart: ch, Name: name, Num: ch.Table.NumCols, toggle: toggle}
	if c.named == nil {
		c.named = map[string]*chartView{}
	}
	if name != "" {
		c.named[name] = v
	}
	c.all = append(c.all, v)
	return v
}

func (c *charts) nextID() string {
	id := chart.ID(c.page, c.n)
	c.n++
	return id
}

// Chart returns a page chart by name for layouts; nil when the page has none.
func (p *Page) Chart(name string) *chartView {
	if p.charts == nil {
		return nil
	}
	return p.charts.named[name]
}

// HasCharts tells base.html to load ECharts.
func (p *Page) HasCharts() bool { return p.charts != nil && len(p.charts.all) > 0 }

// ChartsNamed returns the page's charts whose names start with prefix, in order.
func (p *Page) ChartsNamed(prefix string) []*chartView {
	if p.charts == nil {
		return nil
	}
	var out []*chartView
	for _, v := range p.charts.all {
		if strings.HasPrefix(v.Name, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// chartMaker builds the charts of one page from the build's figures.
type chartMaker struct {
	b      *builder
	snap   *metrics.Snapshot
	c      *charts
	l      chart.Labels
	T      func(string) string
	toggle string
}

func (b *builder) chartMaker(p *Page) *chartMaker {
	if p.charts == nil {
		p.charts = &charts{page: p.URL}
	}
	T := func(k string) string { s, _ := b.tpl.T(k); return s }
	return &chartMaker{b: b, snap: p.S, c: p.charts, T: T, l: b.chartLabels, toggle: T("chart.show_data")}
}

func (b *builder) labels(T func(string) string) chart.Labels {
	phrases := map[string]string{}
	for key := range chart.DefaultPhrases {
		if s, err := b.tpl.T("chart.desc." + key); err == nil {
			phrases[key] = s
		}
	}
	return chart.Labels{
		Phrases:   phrases,
		Undefined: dash, Target: T("chart.target"), Expected: T("campaign.expected"),
		Completed: T("fig.completed"), Plan: T("fig.plan"), Increment: T("chart.increment"),
		Cumulative: T("chart.cumulative"), Count: T("stage.count"), Total: T("stage.total"),
		Rank: T("col.rank"), Value: T("col.value"),
	}
}

// unitLabels sets the unit of the labels for a metric.
func (m *chartMaker) unitLabels(metric string) chart.Labels {
	l := m.l
	def, _ := metrics.LookupMetric(metric)
	switch def.Unit {
	case "%":
		l.Unit = "%"
	case "pp":
		l.Unit = m.T("chart.pp")
	case "count":
		l.Unit = m.T("fig.unit_count")
		l.Format = chart.FormatCount
	default:
		l.Unit = m.b.data.MoneyUnit
	}
	return l
}

func cv(v metrics.Value) chart.Value { return chart.Value{V: v.V, OK: v.OK} }

// dates are the report dates of the snapshot's year up to its date: the
// x axis of every time series.
func (m *chartMaker) dates() []dataset.Date {
	var out []dataset.Date
	for _, d := range m.b.engine.ReportDates() {
		if d <= m.snap.AsOf && d.Year() == m.snap.Year {
			out = append(out, d)
		}
	}
	return out
}

func labelsOf(ds []dataset.Date) []string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = d.String()
	}
	return out
}

// series evaluates f on the snapshot of every date.
func (m *chartMaker) series(ds []dataset.Date, f func(*metrics.Snapshot) metrics.Value) []chart.Value {
	out := make([]chart.Value, len(ds))
	for i, d := range ds {
		out[i] = cv(f(m.b.engine.At(d)))
	}
	return out
}

// latestTarget is a scope's target for a metric due last (the year's goal
// rather than a milestone), or nil.
func latestTarget(s *metrics.Snapshot, scope, metric string) *metrics.TargetStatus {
	var best *metrics.TargetStatus
	for i, t := range s.Targets {
		if t.Scope == scope && t.Metric == metric && (best == nil || t.By > best.By) {
			best = &s.Targets[i]
		}
	}
	return best
}

// targetFor is the value of latestTarget, undefined when there is none.
func targetFor(s *metrics.Snapshot, scope, metric string) metrics.Value {
	if t := latestTarget(s, scope, metric); t != nil {
		return metrics.Def(t.Value)
	}
	return metrics.Value{}
}

func (m *chartMaker) add(name string, ch *chart.Chart, err error) error {
	if err != nil {
		return err
	}
	m.c.add(name, ch, m.toggle)
	return nil
}

// ranking: a leaderboard as coloured horizontal bars.
func (m *chartMaker) ranking(name string, r *metrics.Ranking) error {
	bars := make([]chart.Bar, 0, len(r.Rows))
	for _, row := range r.Rows {
		st := ""
		switch {
		case row.Last:
			st = "last"
		case row.BelowTarget:
			st = "below"
		case row.Target.OK && row.Value.OK:
			st = "met"
		}
		bars = append(bars, chart.Bar{Name: row.Name, Value: cv(row.Value), Status: st})
	}
	// The reference line: the expected pace for completion rates, else the
	// campaign's target for the metric.
	target := targetFor(m.snap, "campaign", r.Metric)
	if r.Metric == "completion_rate" {
		target = metrics.Def(m.snap.Expected)
	}
	l := m.unitLabels(r.Metric)
	if r.Metric == "completion_rate" {
		l.Target = l.Expected
	}
	title := fmt.Sprintf("%s · %s", m.T("rankings.kind."+r.Kind), m.T("metric."+r.Metric))
	ch, err := chart.Ranking(m.c.nextID(), title, bars, cv(target), l)
	return m.add(name, ch, err)
}

// trend: a scope's metric over the year against its target.
func (m *chartMaker) trend(name, title string, scopes []string, names []string, metric string, target metrics.Value) error {
	ds := m.dates()
	var ss []chart.Series
	for i, scope := range scopes {
		scope := scope
		ss = append(ss, chart.Series{Name: names[i], Points: m.series(ds, func(s *metrics.Snapshot) metrics.Value { return s.ScopeValue(scope, metric) })})
	}
	ch, err := chart.Trend(m.c.nextID(), title, labelsOf(ds), ss, cv(target), m.unitLabels(metric))
	return m.add(name, ch, err)
}

// pace: a scope's completion rate over the year against the expected pace.
func (m *chartMaker) pace(name, title, scope string) error {
	ds := m.dates()
	comp := m.series(ds, func(s *metrics.Snapshot) metrics.Value { return s.ScopeValue(scope, "completion_rate") })
	exp := m.series(ds, func(s *metrics.Snapshot) metrics.Value { return metrics.Def(s.Expected) })
	l := m.l
	l.Unit = "%"
	ch, err := chart.Pace(m.c.nextID(), title, labelsOf(ds), comp, exp, l)
	return m.add(name, ch, err)
}

func (m *chartMaker) pipeline(name, title string, g *metrics.Group) error {
	var stages []chart.Stage
	for _, st := range metrics.Stages {
		f := g.Pipeline[st]
		stages = append(stages, chart.Stage{Name: m.T("stage." + string(st)), Count: f.Count, Total: f.Total})
	}
	l := m.l
	l.Unit = m.b.data.MoneyUnit
	ch, err := chart.Pipeline(m.c.nextID(), title, stages, l)
	return m.add(name, ch, err)
}

func (m *chartMaker) gauge(name, title string, v metrics.Value) error {
	l := m.l
	l.Unit = "%"
	ch, err := chart.Gauge(m.c.nextID(), title, cv(v), chart.Value{V: m.snap.Expected, OK: true}, l)
	return m.add(name, ch, err)
}

// heatmap: units × report month of a metric (the latest report of each
// month of the year up to the as-of date).
func (m *chartMaker) heatmap(name, title, kind, metric string) error {
	var months []dataset.Date
	ds := m.dates()
	for i, d := range ds {
		if i == len(ds)-1 || ds[i+1].Month() != d.Month() {
			months = append(months, d)
		}
	}
	units := m.snap.Regions
	if kind == "departments" {
		units = m.snap.Departments
	}
	x := make([]string, len(months))
	for i, d := range months {
		x[i] = strconv.Itoa(int(d.Month())) + m.T("chart.month")
	}
	var y []string
	cells := make([][]chart.Value, len(units))
	for i, u := range units {
		y = append(y, u.U.Name)
		cells[i] = make([]chart.Value, len(months))
		for j, d := range months {
			s := m.b.engine.At(d)
			var su *metrics.Unit
			if kind == "departments" {
				su = s.Department(u.U.ID)
			} else {
				su = s.Region(u.U.ID)
			}
			cells[i][j] = cv(s.UnitValue(su, metric))
		}
	}
	ch, err := chart.Heatmap(m.c.nextID(), title, x, y, cells, m.unitLabels(metric))
	return m.add(name, ch, err)
}

// project: cumulative completion vs plan and expected pace, with each
// report's increment as bars.
func (m *chartMaker) project(name, title string, p *metrics.Project) error {
	var x []string
	var cum, inc, exp []chart.Value
	prev := 0.0
	for _, pt := range m.snap.Monthly(p) {
		x = append(x, pt.Date.String())
		cum = append(cum, chart.Value{V: pt.Value, OK: true})
		inc = append(inc, chart.Value{V: pt.Value - prev, OK: true})
		prev = pt.Value
		e := chart.Value{}
		if p.HasPlan {
			e = chart.Value{V: p.Plan * metrics.Expected(m.b.data, pt.Date) / 100, OK: true}
		}
		exp = append(exp, e)
	}
	plan := chart.Value{V: p.Plan, OK: p.HasPlan && p.Plan > 0}
	l := m.l
	l.Unit = m.b.data.MoneyUnit
	ch, err := chart.Project(m.c.nextID(), title, x, cum, inc, exp, plan, l)
	return m.add(name, ch, err)
}

// rankHistory: ranks over the ranking periods; ids limits it to some units.
func (m *chartMaker) rankHistory(name, title string, r *metrics.Ranking, ids ...string) error {
	x := labelsOf(r.Periods)
	var ss []chart.Series
	for _, row := range r.Rows {
		if len(ids) > 0 && !slices.Contains(ids, row.ID) {
			continue
		}
		pts := make([]chart.Value, len(row.History))
		for i, v := range row.History {
			pts[i] = cv(v)
		}
		ss = append(ss, chart.Series{Name: row.Name, Points: pts})
	}
	ch, err := chart.RankHistory(m.c.nextID(), title, x, ss, len(r.Rows), m.l)
	return m.add(name, ch, err)
}
