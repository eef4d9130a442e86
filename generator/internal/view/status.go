package view

import (
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/metrics"
)

// Status is a verdict as a page shows it: never colour alone, always a
// symbol and words beside it (colour-blind readers and greyscale print).
type Status struct {
	Class  string // ok | warn | bad | info | "" (CSS)
	Symbol string // ✓ ✗ ▼ ▲ ● …
	Text   string
}

// Severity: how far behind the expected pace a completion rate must be
// before a page calls it serious (bad) rather than a warning. A gap of
// ten percentage points is about five weeks of a year's work.
var seriousGap = exact.Int(-10)

// PaceStatus is a completion rate against the expected pace.
func (c *Context) PaceStatus(gap exact.Num) Status {
	switch {
	case !gap.OK():
		return Status{}
	case gap.Sign() >= 0:
		return Status{"ok", "✓", c.S.T("status.on_pace")}
	case gap.Cmp(seriousGap) <= 0:
		return Status{"bad", "▼", c.S.T("status.behind_pace")}
	}
	return Status{"warn", "▼", c.S.T("status.behind_pace")}
}

// TargetView is a target with its verdict, ready to show.
type TargetView struct {
	Scope    string // the scope's name
	ScopeURL string
	Metric   string // the metric's label
	Value    string // the threshold with its unit
	By       string
	Status   Status
	Actual   string // at D while open; at the deadline once closed
	JudgedAt string // the report the verdict stands on
	Current  string // the figure at D, beside a closed verdict
	Due      string // 还剩 N 天 / 今日到期 / 已截止
	Gap      string // how far an open, unmet target still is
	Closed   bool
}

// Target builds a target's view; root makes its scope link relative.
func (c *Context) Target(t *metrics.TargetStatus, root string) TargetView {
	m := t.Metric
	if m == "pace" {
		m = "completion_rate"
	}
	v := TargetView{
		Scope:    c.Name(t.Scope),
		ScopeURL: Link(root, URL(t.Scope)),
		Metric:   c.targetLabel(t.Metric),
		Value:    c.ValueUnit(m, t.Value.Num()),
		By:       c.Date(t.By),
		Actual:   c.Value(m, t.Actual),
		JudgedAt: c.Date(t.JudgedAt),
		Current:  c.Value(m, t.Current),
		Closed:   t.Closed(),
		Status:   c.TargetStatus(t),
	}
	switch {
	case t.DueIn > 0:
		v.Due = c.S.T("target.due_in", t.DueIn)
	case t.DueIn == 0:
		v.Due = c.S.T("target.due_today")
	default:
		v.Due = c.S.T("target.closed")
	}
	if t.Status == metrics.Open && t.Actual.OK() {
		v.Gap = c.Gap(m, t.Value.Num().Sub(t.Actual))
	}
	return v
}

func (c *Context) targetLabel(metric string) string {
	if metric == "pace" {
		return c.S.T("metric.pace")
	}
	return c.Metric(metric)
}

// TargetStatus words a target's verdict: 已达标 only when met, 未达标 only
// when missed at its deadline, 进行中 while open, 无数据 when nothing can
// be said.
func (c *Context) TargetStatus(t *metrics.TargetStatus) Status {
	switch t.Status {
	case metrics.Met:
		return Status{"ok", "✓", c.S.T("status.met")}
	case metrics.Missed:
		return Status{"bad", "✗", c.S.T("status.missed")}
	case metrics.NoData:
		return Status{"info", "—", c.S.T("status.no_data")}
	}
	return Status{"warn", "●", c.S.T("status.open")}
}

// Gap words how far a figure is from a threshold ("差 0.1 个百分点",
// "差 12.30 亿元").
func (c *Context) Gap(metric string, gap exact.Num) string {
	d, _ := dataset.Lookup(metric)
	switch d.Unit {
	case dataset.Amount:
		return c.S.T("gap.short", c.F.AmountUnit(gap))
	case dataset.Count:
		return c.S.T("gap.short", c.S.T("unit.count", c.F.Fixed(gap, 0)))
	}
	return c.S.T("gap.short", c.S.T("unit.points_n", c.F.Fixed(gap, 1)))
}

// Card is a headline figure: what it is, its value, its verdict, how far
// from its target or pace, and how it moved since the last report.
type Card struct {
	Label  string
	Value  string
	Unit   string
	Status Status
	Gap    string // "低于序时进度 24.5 个百分点"
	Target string // "目标 8.0%，2023年12月31日"
	Delta  string // "较9月20日 +1.2 个百分点"
	Href   string
	Bar    *Bar // a progress bar for rates
}

// Bar is a 0–100 % bar with an optional marker (the expected pace).
type Bar struct {
	Width  string // CSS percentage, clamped to 0–100
	Marker string // "" when none
}

func percentWidth(x exact.Num) string {
	if !x.OK() {
		return "0%"
	}
	f := x.Float64()
	switch {
	case f < 0:
		f = 0
	case f > 100:
		f = 100
	}
	return exact.Frac(int64(f*10+0.5), 10).Fixed(1) + "%"
}

// MetricCard is the card of a scope's metric at D: its value, "the"
// target's verdict and gap, and the change since the previous value.
func (c *Context) MetricCard(sc metrics.Scope, metric string, root string) Card {
	s := c.Snap
	v := s.Value(sc, metric)
	card := Card{Label: c.Metric(metric), Value: c.Value(metric, v)}
	d, _ := dataset.Lookup(metric)
	if d.Unit == dataset.Amount {
		card.Value, card.Unit = c.F.AmountParts(v)
	} else if d.Unit == dataset.Count {
		card.Unit = c.S.T("unit.count_word")
	}
	if t := s.TheTarget(sc, metric); t != nil {
		card.Status = c.TargetStatus(t)
		card.Target = c.S.T("card.target", c.ValueUnit(metric, t.Value.Num()), c.Date(t.By))
		if t.Status == metrics.Open && t.Actual.OK() {
			card.Gap = c.Gap(metric, t.Value.Num().Sub(t.Actual))
		}
		if t.Closed() {
			card.Gap = c.S.T("card.judged", c.Value(metric, t.Actual), c.Date(t.JudgedAt))
		}
	}
	if d.Unit == dataset.Percent {
		card.Bar = &Bar{Width: percentWidth(v)}
	}
	card.Delta = c.delta(sc, metric, v)
	return card
}

// PaceCard is the completion rate against the expected pace (the year's,
// or the campaign's in a multi-year campaign).
func (c *Context) PaceCard(sc metrics.Scope) Card {
	s := c.Snap
	rate := s.Value(sc, "completion_rate")
	gap := rate.Sub(s.Expected)
	card := Card{
		Label:  c.Metric("completion_rate"),
		Value:  c.Percent(rate),
		Status: c.PaceStatus(gap),
		Target: c.S.T("card.expected", c.Percent(s.Expected)),
		Bar:    &Bar{Width: percentWidth(rate), Marker: percentWidth(s.Expected)},
	}
	if gap.OK() {
		if gap.Sign() < 0 {
			card.Gap = c.S.T("card.behind", c.F.Fixed(gap.Neg(), 1))
		} else {
			card.Gap = c.S.T("card.ahead", c.F.Fixed(gap, 1))
		}
	}
	if t := s.TheTarget(sc, "completion_rate"); t != nil && t.Metric != "pace" {
		card.Status = c.TargetStatus(t)
	}
	card.Delta = c.delta(sc, "completion_rate", rate)
	return card
}

// CountCard is a count of projects with a flag, linked to their list.
func (c *Context) CountCard(metric string, n int, prev int, hasPrev bool, href string) Card {
	card := Card{Label: c.S.T("metric." + metric), Value: c.F.Int(n), Unit: c.S.T("unit.count_word"), Href: href}
	if n > 0 {
		card.Status = Status{"warn", "●", c.S.T("status.needs_attention")}
	} else {
		card.Status = Status{"ok", "✓", c.S.T("status.none")}
	}
	if hasPrev && n != prev {
		card.Delta = c.S.T("card.delta", c.ShortDate(c.prevReport()), signed(c.F.Int(n-prev), n-prev))
	}
	return card
}

func signed(s string, sign int) string {
	if sign > 0 {
		return "+" + s
	}
	return s
}

// prevReport is the report before the page's date (0: none).
func (c *Context) prevReport() dataset.Date {
	ds := c.Engine.DatesUpTo(c.Snap.AsOf)
	if len(ds) < 2 {
		return 0
	}
	return ds[len(ds)-2]
}

// delta words the change of a figure since its previous value: for a
// statistic the previous report that gave it, for a figure of projects
// the previous report with project lines.
func (c *Context) delta(sc metrics.Scope, metric string, now exact.Num) string {
	if !now.OK() {
		return ""
	}
	d, _ := dataset.Lookup(metric)
	s := c.Snap
	var pts []metrics.Point
	from := dataset.NewDate(s.Year, 1, 1)
	if d.FromReports && metric != "funds" {
		pts = c.Engine.StatSeries(sc, metric, from, s.AsOf)
	} else {
		pts = c.Engine.GroupSeries(sc, metric, from, s.AsOf)
	}
	if len(pts) < 2 || !pts[len(pts)-2].V.OK() {
		return ""
	}
	prev := pts[len(pts)-2]
	diff := now.Sub(prev.V)
	if diff.Sign() == 0 {
		return c.S.T("card.flat", c.ShortDate(prev.Date))
	}
	var text string
	switch d.Unit {
	case dataset.Amount:
		text = c.F.AmountUnit(diff)
	case dataset.Count:
		text = c.F.Fixed(diff, 0)
	default:
		text = c.S.T("unit.points_n", c.F.Fixed(diff, 1))
	}
	return c.S.T("card.delta", c.ShortDate(prev.Date), signed(text, diff.Sign()))
}
