package site

import (
	"html/template"

	"gongjian/generator/internal/view"
)

// The page models: what each layouts/<kind>.html receives. Each embeds
// Common, which base.html uses; the rest is the kind's own, ready to
// print (package view).

// Common is what every page has.
type Common struct {
	Kind       string
	Path       string // site path: /projects/x/
	Title      string // the page's own title (the site's title is added by base.html)
	Lang       string
	SiteTitle  string
	Root       string // relative link to the site root: "../../"
	Canonical  string // absolute URL when base_url is absolute
	Header     template.HTML
	Footer     template.HTML
	Body       template.HTML // the page's markdown, rendered
	Charts     []*ChartView  // every chart of the page, in order
	Shells     []ShellView   // the chart option shells they use, once each
	Print      bool          // a print-first page (bulletins)
	PageFooter template.CSS  // the printed page footer's CSS content value (printcss.go)
}

// HasCharts reports whether the page needs the chart scripts.
func (c *Common) HasCharts() bool { return len(c.Charts) > 0 }

// Chart returns the page's chart with a role ("gauge", "pace"…), or nil.
func (c *Common) Chart(role string) *ChartView {
	for _, ch := range c.Charts {
		if ch.Role == role {
			return ch
		}
	}
	return nil
}

// ChartsOf returns the page's charts with a role.
func (c *Common) ChartsOf(role string) []*ChartView {
	var out []*ChartView
	for _, ch := range c.Charts {
		if ch.Role == role {
			out = append(out, ch)
		}
	}
	return out
}

func (c *Common) common() *Common { return c }

// pageModel is any page's model.
type pageModel interface{ common() *Common }

// Chrome is what the header and footer partials receive: they depend only
// on the page kind's navigation entry, the page's depth and the date, and
// are rendered once per combination.
type Chrome struct {
	Root       string
	Nav        string // the current navigation entry
	SiteTitle  string
	Nav1       []NavItem
	AsOf       string
	Latest     string // the latest report, when the page shows an earlier date
	MoneyUnit  string
	Commit     string
	CommitDate string
	Built      string
	Issuer     string
	Pages      []NavItem
	License    string // the ECharts licence shipped with the site
}

// NavItem is a navigation link.
type NavItem struct {
	Label, URL string
	Current    bool
}

// HomePage is /.
type HomePage struct {
	Common
	Campaign  view.Campaign
	Cards     []view.Card
	Targets   []view.TargetView
	Boards    []*view.Board
	Pipeline  []view.Stage
	Sectors   []view.Sector
	Bulletins []view.BulletinLink
	MultiYear bool
}

// Filter is a drop-down of the projects table.
type Filter struct {
	Name, Label string
	Options     []Option
}

// Option is one choice of a filter.
type Option struct{ Value, Label string }

// ProjectsPage is /projects/.
type ProjectsPage struct {
	Common
	Count   string
	Filters []Filter
	Table   ProjectTable
	Year    string
}

// ProjectTable is a table of projects: the rows, rendered once per
// project and depth, and whether the campaign columns show.
type ProjectTable struct {
	Rows      []template.HTML
	MultiYear bool
}

// ProjectPage is /projects/<id>/.
type ProjectPage struct {
	Common
	*view.Project
	MultiYear bool
}

// UnitsPage is /regions/ and /departments/.
type UnitsPage struct {
	Common
	KindLabel string
	Board     *view.Board
	Units     []view.Summary
	Totals    *view.Summary
	MultiYear bool
}

// UnitPage is /regions/<id>/ and /departments/<id>/.
type UnitPage struct {
	Common
	*view.Unit
	Table ProjectTable
}

// RankingsPage is /rankings/.
type RankingsPage struct {
	Common
	Boards []*view.Board
}

// GroupsPage is /lists/ and /categories/.
type GroupsPage struct {
	Common
	KindLabel string
	Groups    []view.Summary
	Totals    *view.Summary
	MultiYear bool
}

// GroupPage is /lists/<id>/ and /categories/<id>/.
type GroupPage struct {
	Common
	*view.GroupPage
	Table ProjectTable
}

// BulletinsPage is /bulletins/.
type BulletinsPage struct {
	Common
	Bulletins []view.BulletinLink
}

// BulletinPage is /bulletins/<slug>/: print-first, frozen at its as_of.
type BulletinPage struct {
	Common
	Number   string
	Series   string // the masthead: 〇〇扩大有效投资工作通报
	Issuer   string
	Date     string
	AsOf     string
	PDF      string
	Campaign view.Campaign
	Cards    []view.Card
	Targets  []view.TargetView
	Boards   []*view.Board
	Sections []view.Section
	Changes  *view.Changes
	Since    string // what the changes compare with
}

// ChangesPage is /changes/.
type ChangesPage struct {
	Common
	*view.Changes
	Single string // why there is nothing to compare (a single report)
}

// MarkdownPage is /<slug>/.
type MarkdownPage struct{ Common }

// DataPage is /data/.
type DataPage struct {
	Common
	Files []DataFile
	AsOf  string
}

// DataFile is one open-data file.
type DataFile struct{ Name, URL, Desc string }

// NotFoundPage is /404.html.
type NotFoundPage struct{ Common }
