package site

import (
	"html/template"

	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/view"
)

// ChartView is a chart as a page shows it: a container the chart script
// draws into, its data, and the same numbers as a table.
type ChartView struct {
	ID, Role   string
	Title      string
	Desc       string // aria description
	Height     int    // px
	Shell      string // the key of its option shell (Common.Shells)
	Data       template.JS
	Table      TableView
	Key        []KeyItem
	PrintTable bool // print the table: the page prints these figures nowhere else
}

// ShellView is a chart option shell a page carries once.
type ShellView struct {
	Key  string
	JSON template.JS
}

// TableView is a chart's data table.
type TableView struct {
	Caption string
	Head    []string
	Rows    [][]Cell
}

// Cell is a table cell.
type Cell struct {
	Text string
	Num  bool
}

// KeyItem is an entry of a chart's visible status key.
type KeyItem struct {
	Class, Symbol, Text string
}

func (b *builder) homeCharts(c *view.Context, cm *Common) error                       { return nil }
func (b *builder) projectChart(c *view.Context, cm *Common, p *metrics.Project) error { return nil }
func (b *builder) unitsCharts(c *view.Context, cm *Common, kind string) error         { return nil }
func (b *builder) unitCharts(c *view.Context, cm *Common, kind string, g *metrics.Group) error {
	return nil
}
func (b *builder) rankingCharts(c *view.Context, cm *Common, boards []*view.Board) error { return nil }
func (b *builder) groupCharts(c *view.Context, cm *Common, g *metrics.Group) error       { return nil }

func (b *builder) blockChart(c *view.Context, page *Common, kind string, bl *block, index int) (template.HTML, error) {
	return "", nil
}
