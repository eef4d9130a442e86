// Package chart turns plain chart inputs into two things a page needs: the
// ECharts option JSON of the chart, and an accessible table of the same
// numbers (every chart has its data one click away, and the table prints).
//
// Inputs are plain values (Value, Bar, Series, Stage), so this package does
// not depend on how figures are computed; it does no I/O.
//
// # How options are built
//
// Options are built with go-echarts' typed options (charts.NewLine, NewBar,
// NewFunnel, NewGauge, NewHeatMap and opts.*), then only Validate() and
// json.Marshal(c.JSON()) are called. RenderSnippet/Render are never used:
// they parse three templates per call (~900 µs against ~60 µs for the JSON,
// see performance-notes.md) and paste a random chart id into the page. The
// page writes the JSON into <script type="application/json"> and its own
// script calls echarts.init/setOption, so the options are data only: no
// JavaScript function (go-echarts' FuncStr) is ever put into them, and every
// formatter is an ECharts string template.
//
// The project chart, drawn on every project page, does not pay for that
// per chart: go-echarts builds its options once per labels and shape with
// sentinels in place of the per-chart values, and each chart writes its
// values into that JSON (template.go). Its bytes are those of the
// go-echarts build (TestProjectFastPath).
//
// # Guarantees
//
//   - Safe to inline: encoding/json's default HTML escaping writes <, > and &
//     as \u003c, \u003e and \u0026 (and U+2028/2029 escaped), so a name such
//     as "</script>" can never close the script element.
//   - Deterministic: the same input gives the same bytes. encoding/json sorts
//     map keys; go-echarts draws a random ChartID at construction, which is
//     not part of the JSON, and is overwritten with our own id anyway.
//   - Self-contained: AssetsHost is set to the site's own asset directory (it
//     is not written to the JSON either).
//   - No panic escapes: every exported constructor recovers a go-echarts
//     panic into an error.
//   - Undefined values (Value.OK false, or NaN/Inf) are JSON null — a gap in
//     a line, no bar — and "—" (Labels.Undefined) in the table. The gauge is
//     the one exception: it has no gap to show, so an undefined value is
//     drawn as an empty dial (0, no progress) with "—" as its text.
//   - Animation is on but short (animationDuration 500 ms); the page turns it
//     off for print and for prefers-reduced-motion.
//
// # Where go-echarts' types fall short
//
// A ConfigurationVisitor (go-echarts' own hook for options its structs lack)
// touches the option map in three places, and nowhere else:
//   - the top-level animationDuration/animationDurationUpdate, which
//     BaseConfiguration has as fields but its JSON() never writes;
//   - visualMap min/max, typed float32 with omitempty, so an exact 0 bound
//     would vanish (ECharts would then default max to 200);
//   - the pipeline's extra titles above its two funnels, since go-echarts
//     has one Title where ECharts accepts an array.
//
// Series data that may hold undefined points is given to go-echarts as a
// []any of typed opts.*Data items and nils, through charts.WithSeriesOpts:
// the typed items drop a nil Value (omitempty) and would give {} instead of
// the explicit null ECharts reads as a gap. Line series are appended as
// charts.SingleSeries by addLine rather than Line.AddSeries/Overlap, which
// cost a reflection walk and a second chart for nothing (see addLine).
//
// # Layout
//
// No font is set (the page's CSS chooses the Chinese font family). Grids use
// containLabel so that axis labels fit on a 360 px wide phone. The chart
// title is carried in the option but hidden: the page shows Chart.Title as
// the figure caption, so it is not drawn twice. Desc is a one-sentence
// description for aria-label (also set as the option's aria description);
// its connecting words are Simplified Chinese, the site's default language,
// while every other UI string comes from Labels.
package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Chart kinds.
const (
	KindRanking     = "ranking"
	KindTrend       = "trend"
	KindPace        = "pace"
	KindPipeline    = "pipeline"
	KindGauge       = "gauge"
	KindHeatmap     = "heatmap"
	KindProject     = "project"
	KindRankHistory = "rank-history"
)

// Value is a figure that may be undefined (OK == false).
type Value struct {
	V  float64
	OK bool
}

// defined reports whether v can be drawn: OK and finite (encoding/json
// cannot write NaN or ±Inf, and no chart could show them).
func (v Value) defined() bool {
	return v.OK && !math.IsNaN(v.V) && !math.IsInf(v.V, 0)
}

// Table is the accessible data table of a chart. The first column holds the
// row headers (Head[0] is usually empty).
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	NumCols []bool // right-aligned (numeric) columns
}

// Chart is one chart of a page: its ECharts options and its table.
type Chart struct {
	ID      string // [A-Za-z0-9_] only
	Kind    string // one of the Kind* constants
	Title   string
	Desc    string // one-sentence description for aria-label
	Height  int    // px, suited to the content
	Options []byte // ECharts option JSON, HTML-escaped
	Table   Table
	Series  int // number of series in Options
	Points  int // number of data points across series (nulls included)
}

// Labels are the UI strings and the unit a chart shows, passed in by the
// caller in the site's language.
type Labels struct {
	Unit      string // "%", "亿元", "个", …: "%" is appended to numbers, any other unit goes to headers and axis names
	Undefined string // shown for an undefined value; "—" when empty
	// Format says how values of Ranking, Trend and Heatmap are written:
	// "rate" (1 decimal), "amount" (2 decimals) or "count" (integer).
	// Empty means "rate" when Unit is "%", else "amount".
	Format string

	Target, Expected, Completed, Plan, Increment, Cumulative, Count, Total, Rank, Value string

	// Phrases are the words of the aria descriptions, by key (see
	// DefaultPhrases), as fmt formats; a missing key falls back to the
	// default (Simplified Chinese).
	Phrases map[string]string
}

// DefaultPhrases are the description words in Simplified Chinese; a site
// in another language passes its own Labels.Phrases with these keys.
var DefaultPhrases = map[string]string{
	"bars": "横向条形图", "line": "折线图", "funnel": "漏斗图", "gauge": "仪表盘", "heatmap": "热力图", "combo": "柱线组合图",
	"colon": "：", "sep": "，", "span": "%s至%s",
	"items": "%d项", "items_undefined": "%d项无数据", "first": "第一为%s（%s）", "last": "末位为%s（%s）",
	"lines": "%d条折线", "latest": "%s最新为%s（%s）", "is": "%s为%s", "stages": "%d个阶段", "stage": "%s%d（%s）",
	"grid": "%d行×%d列", "lowest": "最低为%s（%s）", "highest": "最高为%s（%s）", "cells_undefined": "%d格无数据",
	"rank_scale": "名次1为最好，共%d名", "latest_rank": "%s最新为第%s名（%s）", "value_at": "%s%s（%s）",
}

// say formats a description phrase.
func (l Labels) say(key string, args ...any) string {
	f, ok := l.Phrases[key]
	if !ok {
		f = DefaultPhrases[key]
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Number formats.
const (
	FormatRate   = "rate"
	FormatAmount = "amount"
	FormatCount  = "count"
)

// ID returns the id of the index-th chart of the page at pagePath: "c_" and
// the path with every character outside [A-Za-z0-9] replaced by '_', then
// the index ("/regions/tong-gui/", 2 → "c_regions_tong_gui_2"; "/" →
// "c_home_0"). The result is safe as an HTML id and as a JavaScript name.
func ID(pagePath string, index int) string {
	p := strings.Trim(pagePath, "/")
	if p == "" {
		p = "home"
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	b.WriteString("c_")
	for _, r := range p {
		if r < 128 && isAlnum(byte(r)) {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	b.WriteByte('_')
	b.WriteString(strconv.Itoa(index))
	return b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func checkID(id string) error {
	if id == "" {
		return fmt.Errorf("chart id is empty")
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !isAlnum(c) && c != '_' {
			return fmt.Errorf("chart id %q: character %q outside [A-Za-z0-9_]", id, c)
		}
	}
	return nil
}

// guard is the boundary with go-echarts: it checks the id and turns a panic
// inside build (go-echarts panics on some misuse, e.g. an axis index out of
// range) into an error, so no input can crash a build.
func guard(id, kind string, build func() (*Chart, error)) (c *Chart, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("chart %s (%s): go-echarts panicked: %v", id, kind, r)
		}
	}()
	if err := checkID(id); err != nil {
		return nil, fmt.Errorf("%s chart: %w", kind, err)
	}
	c, err = build()
	if err != nil {
		return nil, fmt.Errorf("chart %s (%s): %w", id, kind, err)
	}
	return c, nil
}

// assetsHost is where ECharts is served on the site (EChartsPath's directory),
// so that nothing go-echarts knows points off-site.
var assetsHost = path.Dir(EChartsPath) + "/"

// Animation durations in ms: short, and the page turns animation off for print.
const (
	animationMS       = 500
	animationUpdateMS = 300
)

// Colours.
const (
	colorMet       = "#1b7f3b" // green: target met
	colorBelow     = "#c27c0e" // amber: below target
	colorLast      = "#b3261e" // red: last place
	colorNeutral   = "#35597a" // blue: no status
	colorReference = "#5f6368" // reference lines: target, plan, expected pace
	colorIncrement = "#8fb0cf" // project increments (bars under the lines)
)

// palette colours series in order (it is the option's "color").
var palette = opts.Colors{
	"#35597a", "#d0743c", "#4c9a8a", "#8a5a9e", "#b58b00",
	"#5b8fd0", "#9c4f4f", "#6b7b3a", "#7f7f7f",
}

// echart is what every go-echarts chart type we use provides.
type echart interface {
	Validate()
	JSON() map[string]interface{}
	Accept(charts.ConfigurationVisitor)
}

// visitor post-processes the option map where go-echarts' types fall short
// (see the package comment); everything else is go-echarts' own output.
type visitor struct {
	charts.BaseConfigurationVisitor
	titles    []opts.Title // extra titles after the (hidden) main title
	visual    bool         // write the exact visualMap domain below
	visualMin float64
	visualMax float64
}

func (v *visitor) Visit(m map[string]interface{}) {
	// BaseConfiguration.AnimationDuration exists but JSON() never writes it.
	m["animationDuration"] = animationMS
	m["animationDurationUpdate"] = animationUpdateMS
}

func (v *visitor) VisitTitleOpt(t opts.Title) interface{} {
	if len(v.titles) == 0 {
		return t
	}
	return append([]opts.Title{t}, v.titles...)
}

// visualMapExact overrides VisualMap's float32 omitempty Min/Max: encoding/json
// prefers the shallower field of the same name.
type visualMapExact struct {
	opts.VisualMap
	Min float64 `json:"min"`
	Max float64 `json:"max"`
}

func (v *visitor) VisitVisualMaps(vms []opts.VisualMap) interface{} {
	if !v.visual {
		return vms
	}
	out := make([]visualMapExact, len(vms))
	for i, vm := range vms {
		out[i] = visualMapExact{VisualMap: vm, Min: v.visualMin, Max: v.visualMax}
	}
	return out
}

// base is the global options every chart shares.
type base struct {
	id, title, desc string
	legend          bool
	tooltip         string // "axis" | "item" | "" (none)
	shadow          bool   // axis pointer as a shadow band (bars)
}

func (b base) opts() []charts.GlobalOpts {
	tt := opts.Tooltip{Show: opts.Bool(b.tooltip != ""), Trigger: b.tooltip}
	if b.shadow {
		tt.AxisPointer = &opts.AxisPointer{Type: "shadow"}
	}
	return []charts.GlobalOpts{
		// Our id instead of go-echarts' random one; AssetsHost on-site.
		// Neither is written to the JSON.
		charts.WithInitializationOpts(opts.Initialization{ChartID: b.id, AssetsHost: assetsHost}),
		charts.WithAnimation(true),
		charts.WithColorsOpts(palette),
		// The page shows the title as the figure caption.
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false), Title: b.title}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(b.legend), Type: "scroll", Top: "0"}),
		charts.WithTooltipOpts(tt),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: b.desc}}),
	}
}

// grid keeps labels inside the chart (containLabel) with room on top for
// the legend, an axis name or a mark line label.
func grid(top, right, bottom int) charts.GlobalOpts {
	return charts.WithGridOpts(opts.Grid{
		ContainLabel: opts.Bool(true),
		Left:         "8",
		Top:          strconv.Itoa(top),
		Right:        strconv.Itoa(right),
		Bottom:       strconv.Itoa(bottom),
	})
}

// seriesAnimation keeps the series animation short without setting the
// series' own "animation" flag, so the page's option.animation = false
// (print) still turns it off.
var seriesAnimation = charts.WithAnimationOpts(opts.Animation{
	AnimationDuration:       animationMS,
	AnimationDurationUpdate: animationUpdateMS,
})

// withData sets series data that may contain nulls (see package comment):
// a []any (or a template's sentinel).
func withData(data any) charts.SeriesOpts {
	return charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data })
}

// render validates the go-echarts chart and stores its option JSON in c.
func render(c *Chart, ec echart, v *visitor) error {
	if v == nil {
		v = &visitor{}
	}
	ec.Accept(v)
	ec.Validate()
	b, err := json.Marshal(ec.JSON())
	if err != nil {
		return fmt.Errorf("options: %w", err)
	}
	c.Options = b
	return nil
}
