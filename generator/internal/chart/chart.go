package chart

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Chart kinds (Chart.Kind, and the class chart-<kind> of the figure).
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

// Labels are every word a chart shows, already in the site's language: the
// caller fills them once per build (usually from its i18n catalog). An
// empty field falls back to the Simplified Chinese default of
// DefaultLabels, so a caller sets only what it translates.
type Labels struct {
	Undefined string // a value that is not defined: "—"

	Target     string // a single target (gauge marker, caption): "目标"
	OwnTargets string // the ranking's per-bar target markers, in its legend: "各自目标"
	Expected   string // the expected pace when the caller names none: "序时进度"
	Others     string // the single legend entry of the units not highlighted: "其他单位"

	// Status words, each beside its colour and symbol in bar labels, the
	// key and the table.
	Met      string // "达标"
	Below    string // "未达标"
	NoTarget string // "无目标"
	Last     string // "末位" (the unit being disciplined)
	Carried  string // "沿用" (a value carried from an earlier period)
	NoData   string // a blank heatmap cell, in the key: "无数据"

	// Heatmap key: the two ends of the gap to pace.
	Behind string // "慢于序时进度"
	Ahead  string // "快于序时进度"

	DataTable string // caption prefix of every data table: "数据表"

	// Table column heads.
	Unit   string // the row head of units: "单位"
	Date   string // "日期"
	Period string // ranking periods: "期次"
	Stage  string // "阶段"
	Year   string // "年度"
	Status string // "状态"
	Rank   string // "名次"

	// Pipeline and project words.
	Count     string // "项目数"
	CountUnit string // "个"
	Amount    string // "总投资"
	Plan      string // "计划投资"
	Completed string // "完成投资"

	// Time axis labels, ECharts time templates ({yyyy}, {M}, {d}, …) for
	// ticks falling on a year, a month and a day.
	TimeYear, TimeMonth, TimeDay string

	// Phrases are the words of the aria descriptions, as fmt formats by
	// key (see DefaultPhrases); a missing key falls back to the default.
	Phrases map[string]string
}

// DefaultLabels are the words of a Simplified Chinese site.
var DefaultLabels = Labels{
	Undefined: "—",
	Target:    "目标", OwnTargets: "各自目标", Expected: "序时进度", Others: "其他单位",
	Met: "达标", Below: "未达标", NoTarget: "无目标", Last: "末位", Carried: "沿用", NoData: "无数据",
	Behind: "慢于序时进度", Ahead: "快于序时进度",
	DataTable: "数据表",
	Unit:      "单位", Date: "日期", Period: "期次", Stage: "阶段", Year: "年度", Status: "状态", Rank: "名次",
	Count: "项目数", CountUnit: "个", Amount: "总投资", Plan: "计划投资", Completed: "完成投资",
	TimeYear: "{yyyy}年", TimeMonth: "{M}月", TimeDay: "{M}月{d}日",
}

// DefaultPhrases are the description words in Simplified Chinese; a site
// in another language passes Labels.Phrases with these keys.
var DefaultPhrases = map[string]string{
	"bars": "横向条形图", "line": "折线图", "gauge": "仪表盘", "heatmap": "热力图", "columns": "柱状图",
	"colon": "：", "sep": "，", "end": "。",
	"of":        "%s（%s）",   // metric (unit)
	"items":     "%d项",      // number of bars, units, stages
	"highest":   "最高为%s %s", // name value
	"lowest":    "最低为%s %s",
	"undefined": "%d项无数据",
	"met":       "%d项达标",
	"below":     "%d项未达标",
	"last":      "末位为%s",
	"carried":   "%d项沿用前期数据",
	"span":      "%s至%s",
	"latest":    "%s最新为%s（%s）", // series, value, date
	"target":    "%s %s",       // target name, value
	"value":     "%s为%s",       // metric, value
	"rank":      "第%s名",
	"ranks":     "名次1为最好，共%d名",
	"stage":     "%s%d个、%s", // name count amount
	"grid":      "%d行×%d列",
	"year":      "%s年%s %s，%s %s", // year, plan word, plan, completed word, completed
}

// fill returns l with every empty field taken from DefaultLabels.
func (l Labels) fill() Labels {
	d := DefaultLabels
	for _, f := range []struct {
		dst *string
		def string
	}{
		{&l.Undefined, d.Undefined}, {&l.Target, d.Target}, {&l.OwnTargets, d.OwnTargets},
		{&l.Expected, d.Expected}, {&l.Others, d.Others}, {&l.Met, d.Met}, {&l.Below, d.Below},
		{&l.NoTarget, d.NoTarget}, {&l.Last, d.Last}, {&l.Carried, d.Carried}, {&l.NoData, d.NoData},
		{&l.Behind, d.Behind}, {&l.Ahead, d.Ahead}, {&l.DataTable, d.DataTable},
		{&l.Unit, d.Unit}, {&l.Date, d.Date}, {&l.Period, d.Period}, {&l.Stage, d.Stage},
		{&l.Year, d.Year}, {&l.Status, d.Status}, {&l.Rank, d.Rank}, {&l.Count, d.Count},
		{&l.CountUnit, d.CountUnit}, {&l.Amount, d.Amount}, {&l.Plan, d.Plan},
		{&l.Completed, d.Completed}, {&l.TimeYear, d.TimeYear}, {&l.TimeMonth, d.TimeMonth},
		{&l.TimeDay, d.TimeDay},
	} {
		if *f.dst == "" {
			*f.dst = f.def
		}
	}
	return l
}

// say formats a description phrase.
func (l *Labels) say(key string, args ...any) string {
	f, ok := l.Phrases[key]
	if !ok {
		f = DefaultPhrases[key]
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// Axis is the metric a chart plots: its name, its unit and the decimals its
// values are written with ("完成率", "%", 1). Values are already rounded by
// the caller to Places decimals.
type Axis struct {
	Name   string
	Unit   string
	Places int
}

// maxPlaces bounds Axis.Places: no figure of the site has more decimals.
const maxPlaces = 6

func (ax Axis) check() error {
	if ax.Places < 0 || ax.Places > maxPlaces {
		return fmt.Errorf("axis %q: places %d outside 0…%d", ax.Name, ax.Places, maxPlaces)
	}
	return nil
}

// Bar is one bar of a ranking, in ranking order (best first).
type Bar struct {
	Name    string
	Value   float64
	Defined bool
	// Status is the bar against its own target: StatusMet, StatusBelow or
	// StatusNone ("" is StatusNone).
	Status    string
	Last      bool // the unit ranked last, being disciplined (末位)
	Carried   bool // the value is carried from an earlier period (沿用)
	Target    float64
	HasTarget bool   // the unit's own target
	Note      string // e.g. "沿用 9月30日": in the label, the tooltip and the table
}

// Bar statuses.
const (
	StatusMet   = "met"
	StatusBelow = "below"
	StatusNone  = "none"
	// The two flags' key entries (KeyItem.Status).
	StatusLast    = "last"
	StatusCarried = "carried"
)

// Point is one reported value of a series over time. An undefined point is
// a gap in the line.
type Point struct {
	Date    string // YYYY-MM-DD
	Value   float64
	Defined bool
}

// Series is a line over time: its points are drawn as given, on a time
// axis, joined only to their neighbours (no point is invented).
type Series struct {
	Name      string
	Points    []Point
	Dashed    bool
	Highlight bool // drawn strong, the others thin and grey
}

// TargetLine is a horizontal line at one series' own target.
type TargetLine struct {
	Name   string // the line's label: "铜官区目标"
	Value  float64
	Series string // the series it belongs to (its colour)
}

// Stage is one stage of the pipeline (五个一批), in the documents' order.
type Stage struct {
	Name   string
	Count  int
	Amount string // formatted with its unit: "40.10亿元"
}

// Cell is one heatmap cell.
type Cell struct {
	Value   float64
	Defined bool
}

// Ref is the reference a gauge compares with: its own target, or for a
// completion rate the expected pace (named 序时进度 by the caller).
type Ref struct {
	Name  string
	Value float64
}

// ProjectYear is one year of a project: its plan and its cumulative
// completion as reported (Points), with the expected-pace amount (plan ×
// expected pace) at its dates. A project chart of one year draws the
// cumulative completion against the plan over time; of several years, each
// year's plan beside its completion.
type ProjectYear struct {
	Year     string // "2024"
	Plan     float64
	HasPlan  bool
	Points   []Point // cumulative completion within the year
	Expected []Point // expected-pace amount, may be empty
}

// Chart is one chart of a page. The page writes Shell once (it is shared by
// every chart with the same Shell.Key) and Data per chart; charts.js merges
// the two (see the package comment).
type Chart struct {
	ID     string   // from NewID
	Kind   string   // one of the Kind* constants
	Shell  ShellRef // the shared option shell
	Data   []byte   // this chart's data JSON (safe inside <script>)
	Height int      // px the chart needs on screen and on paper
	Title  string   // the caption
	Desc   string   // one-sentence aria description: metric, unit, extremes
	Table  Table    // the same numbers as an accessible table
	Key    []KeyItem
}

// ShellRef is a shared option shell: Key names it on the page
// ([A-Za-z0-9_-] only), JSON is {"option":…,"extra":…}.
type ShellRef struct {
	Key  string
	JSON []byte
}

// Table is a chart's data table. Rows' first cell is the row head.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Num     []bool // numeric (right-aligned) columns
}

// KeyItem is one entry of the visible key printed under a chart: a swatch
// of Color drawn as Shape, the Symbol the chart writes beside that colour,
// and the words.
type KeyItem struct {
	Status string // StatusMet, StatusBelow, …; "target", "behind", "ahead" for markers and scales
	Color  string // #rrggbb
	Border string // #rrggbb, "" for none
	Dashed bool   // a dashed border (carried values)
	Shape  string // "bar", "marker" (a tick), "line", "dashed-line"
	Symbol string // "✓", "✗", "▼", "" …
	Text   string
}

// NewID returns the id of the n-th chart of the page at pagePath: "c_" and
// the path with every character outside [A-Za-z0-9] replaced by '_', then
// n ("/regions/tong-gui/", 2 → "c_regions_tong_gui_2"; "/" → "c_home_0").
// Safe as an HTML id, in a CSS selector and as a JavaScript name.
func NewID(pagePath string, n int) string {
	p := strings.Trim(pagePath, "/")
	if p == "" {
		p = "home"
	}
	var b strings.Builder
	b.Grow(len(p) + 8)
	b.WriteString("c_")
	for i := 0; i < len(p); i++ {
		if c := p[i]; isAlnum(c) {
			b.WriteByte(c)
		} else if c < 0x80 || c >= 0xC0 { // one '_' per character, not per byte
			b.WriteByte('_')
		}
	}
	b.WriteByte('_')
	b.WriteString(strconv.Itoa(n))
	return b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func checkID(id string) error {
	if id == "" {
		return errors.New("chart id is empty")
	}
	if len(id) > 200 {
		return fmt.Errorf("chart id of %d bytes (at most 200)", len(id))
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; !isAlnum(c) && c != '_' {
			return fmt.Errorf("chart id %q: character %q outside [A-Za-z0-9_]", id, c)
		}
	}
	return nil
}

// guard is every constructor's boundary: it checks the id and turns a
// panic (go-echarts panics on some misuse) into an error, so that no input
// crashes a build.
func guard(id, kind string, build func() (*Chart, error)) (c *Chart, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("chart %s (%s): internal error: %v", id, kind, r)
		}
	}()
	if err := checkID(id); err != nil {
		return nil, fmt.Errorf("%s chart: %w", kind, err)
	}
	c, err = build()
	if err != nil {
		return nil, fmt.Errorf("chart %s (%s): %w", id, kind, err)
	}
	c.ID, c.Kind = id, kind
	return c, nil
}

// maxItems bounds the bars, points, cells and series of one chart: far
// beyond any page (a chart of 100,000 points is a mistake upstream), and
// low enough that a chart's height and JSON stay sane.
const maxItems = 100_000

func checkCount(what string, n int) error {
	if n > maxItems {
		return fmt.Errorf("%d %s (at most %d)", n, what, maxItems)
	}
	return nil
}

// finite reports whether v can be written as JSON and drawn.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// checkValue rejects NaN and ±Inf in a defined value.
func checkValue(what string, v float64) error {
	if !finite(v) {
		return fmt.Errorf("%s is %v (a value must be finite)", what, v)
	}
	if math.Abs(v) > maxValue {
		return fmt.Errorf("%s is %v (a value must be between -1e15 and 1e15)", what, v)
	}
	return nil
}

// maxValue bounds what a chart draws: far beyond any figure (amounts are
// below 10¹⁰), and small enough that an axis's ends and steps computed
// from it stay finite.
const maxValue = 1e15

// checkDate accepts YYYY-MM-DD only: ECharts parses it as a local date.
// (By hand: time.Parse costs more than the rest of a project chart.)
func checkDate(what, d string) error {
	if !validDate(d) {
		return fmt.Errorf("%s: date %q is not YYYY-MM-DD", what, d)
	}
	return nil
}

func validDate(d string) bool {
	if len(d) != 10 || d[4] != '-' || d[7] != '-' {
		return false
	}
	n := func(s string) int {
		v := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return -1
			}
			v = v*10 + int(s[i]-'0')
		}
		return v
	}
	y, m, day := n(d[:4]), n(d[5:7]), n(d[8:])
	if y < 0 || m < 1 || m > 12 || day < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return day <= days
}
