// Package view turns the figures of one date into what a page shows: a
// typed view model per page kind whose fields are ready to print —
// formatted numbers and dates in the site's language, names, status words
// and symbols, links relative to the page. Layouts (html/template, edited
// by offices) only place these fields; they compute, format and look up
// nothing but UI strings (T "key").
//
// Every verdict a page states comes from package metrics unchanged: a
// target reads 已达标 only when metrics says met, 未达标 only once its
// deadline has passed and it was missed there; an open target that is
// not yet met reads 进行中 with its gap. Where the pages add words of
// their own (how far behind the pace counts as serious), the rule is
// written here, once (see Severity).
package view

import (
	"strings"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/metrics"
)

// Context is what every view of one build and one date shares.
type Context struct {
	Site   *dataset.Site
	Engine *metrics.Engine
	Snap   *metrics.Snapshot // the figures as of the page's date
	S      *Strings
	F      i18n.Format
	Latest dataset.Date // the latest report of the build (≥ Snap.AsOf)

	names map[string]string // "region:x" → name, for links and tables
}

// NewContext prepares the views of one date.
func NewContext(site *dataset.Site, e *metrics.Engine, snap *metrics.Snapshot, s *Strings, latest dataset.Date) *Context {
	lang, _ := i18n.Parse(site.Language)
	if lang == "" {
		lang = i18n.ZhHans
	}
	c := &Context{Site: site, Engine: e, Snap: snap, S: s, F: i18n.Format{Lang: lang, MoneyUnit: site.MoneyUnit}, Latest: latest,
		names: map[string]string{}}
	for _, u := range site.Regions {
		c.names["region:"+u.ID] = u.Name
	}
	for _, u := range site.Departments {
		c.names["department:"+u.ID] = u.Name
	}
	for _, g := range site.Categories {
		c.names["category:"+g.ID] = g.Name
	}
	for _, g := range site.Lists {
		c.names["list:"+g.ID] = g.Name
	}
	for _, g := range site.Sectors {
		c.names["sector:"+g.ID] = g.Name
	}
	return c
}

// At is the context of another date of the same build (a bulletin's).
func (c *Context) At(d dataset.Date) *Context {
	cc := *c
	cc.Snap = c.Engine.At(d)
	return &cc
}

// Lang is the site's language.
func (c *Context) Lang() i18n.Lang { return c.F.Lang }

// MultiYear reports whether the campaign spans several calendar years.
func (c *Context) MultiYear() bool { return c.Site.Campaign.MultiYear() }

// Name is the display name of a scope ("region:x"), the whole area's
// word for the campaign.
func (c *Context) Name(sc metrics.Scope) string {
	if sc.Kind == metrics.ScopeCampaign {
		return c.S.T("area.whole")
	}
	if n := c.names[sc.String()]; n != "" {
		return n
	}
	return sc.ID
}

// URL is the site path of a scope's page, "" when it has none.
func URL(sc metrics.Scope) string {
	switch sc.Kind {
	case metrics.ScopeRegion:
		return "/regions/" + sc.ID + "/"
	case metrics.ScopeDepartment:
		return "/departments/" + sc.ID + "/"
	case metrics.ScopeList:
		return "/lists/" + sc.ID + "/"
	case metrics.ScopeCategory:
		return "/categories/" + sc.ID + "/"
	case metrics.ScopeCampaign:
		return "/"
	}
	return ""
}

// ProjectURL is a project's page.
func ProjectURL(id string) string { return "/projects/" + id + "/" }

// Root is the relative link from a page at site path p up to the site's
// root: "" for /, "../" for /projects/, "../../" for /projects/x/.
func Root(p string) string {
	depth := strings.Count(strings.TrimSuffix(p, "/"), "/")
	if !strings.HasSuffix(p, "/") {
		depth-- // a file: /data/x.json is one level down
	}
	if depth <= 0 {
		return "./"
	}
	return strings.Repeat("../", depth)
}

// Link joins a root and a site path.
func Link(root, sitePath string) string {
	if sitePath == "" {
		return ""
	}
	return root + strings.TrimPrefix(sitePath, "/")
}

// Formatting shortcuts.

// Amount is an amount without its unit.
func (c *Context) Amount(x exact.Num) string { return c.F.Amount(x) }

// AmountUnit is an amount with its unit.
func (c *Context) AmountUnit(x exact.Num) string { return c.F.AmountUnit(x) }

// Dec is an amount given as a Dec.
func (c *Context) Dec(d exact.Dec) string { return c.F.Amount(d.Num()) }

// Percent is a rate.
func (c *Context) Percent(x exact.Num) string { return c.F.Percent(x) }

// Points is a gap in percentage points, signed: +1.2 个百分点, −24.5 pp
// (the words are the UI string unit.points_n).
func (c *Context) Points(x exact.Num) string {
	if !x.OK() {
		return i18n.Undefined
	}
	return c.S.T("unit.points_n", signed(c.F.Fixed(x, 1), x.Sign()))
}

// Date is a long date; "" for none.
func (c *Context) Date(d dataset.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.F.Date(d)
}

// ShortDate is a date without its year.
func (c *Context) ShortDate(d dataset.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.F.ShortDate(d)
}

// Value formats a metric's value by its unit.
func (c *Context) Value(metric string, x exact.Num) string {
	d, _ := dataset.Lookup(metric)
	switch d.Unit {
	case dataset.Amount:
		return c.F.Amount(x)
	case dataset.Count:
		if !x.OK() {
			return i18n.Undefined
		}
		return c.F.Fixed(x, 0)
	case dataset.Points:
		return c.Points(x)
	}
	return c.F.Percent(x)
}

// ValueUnit formats a metric's value with its unit.
func (c *Context) ValueUnit(metric string, x exact.Num) string {
	d, _ := dataset.Lookup(metric)
	switch d.Unit {
	case dataset.Amount:
		return c.F.AmountUnit(x)
	case dataset.Count:
		if !x.OK() {
			return i18n.Undefined
		}
		return c.S.T("unit.count", c.F.Fixed(x, 0))
	}
	return c.Value(metric, x)
}

// UnitOf is the unit a metric's values are shown in (for table heads and
// chart axes): the money unit, %, 个百分点, 个.
func (c *Context) UnitOf(metric string) string {
	d, _ := dataset.Lookup(metric)
	switch d.Unit {
	case dataset.Amount:
		return c.F.Unit()
	case dataset.Count:
		return c.S.T("unit.count_word")
	case dataset.Points:
		return c.S.T("unit.points")
	}
	return "%"
}

// Places is how many decimals a metric's values are shown with.
func (c *Context) Places(metric string) int {
	d, _ := dataset.Lookup(metric)
	switch d.Unit {
	case dataset.Amount:
		return c.F.AmountPlaces()
	case dataset.Count:
		return 0
	}
	return 1
}

// Metric names a metric for labels, naming the year of year-to-date
// figures ("2023年累计完成投资") and the campaign for campaign figures
// ("攻坚以来累计完成"), so that no label leaves a reader to guess which.
func (c *Context) Metric(metric string) string {
	if yearly[metric] {
		return c.S.T("metric."+metric, c.Snap.Year)
	}
	return c.S.T("metric." + metric)
}

// yearly are the year-to-date metrics, whose labels name the year.
var yearly = map[string]bool{
	"completed": true, "plan": true, "completion_rate": true, "funds": true, "funds_plan": true,
	"funds_rate": true, "fai": true, "fai_growth": true, "expected": true, "pace_gap": true,
}

// Stage names a pipeline stage.
func (c *Context) Stage(st metrics.Stage) string { return c.S.T("stage." + string(st)) }

// Approval names an approval kind.
func (c *Context) Approval(kind string) string { return c.S.T("approval." + kind) }

// Level names a problem level in the words of the jurisdiction
// (a county-level problem is 区级 in a district, 县级 in a county).
func (c *Context) Level(level string) string { return c.S.T("level." + level) }
