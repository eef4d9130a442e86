package chart

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Charts over time put every point at its own date on a time axis
// (xAxis type "time", points as [date, value]): reports come monthly, then
// every ten days, and one category per report date would bend a straight
// pace line. A line joins only the points given, in the given order; an
// undefined point is a gap (null, and connectNulls is off). Every point is
// drawn as a dot, so a single report is visible too.

const (
	timeChartPx = 300 // plot height of a line chart, legend not included
	axisNamePx  = 22  // room above the plot for the value axis' name
)

// lineSpec is one line's style in a shell.
type lineSpec struct {
	name      string // fixed name; "" when the data's names give it
	color     string
	width     float32
	dashed    bool
	marks     bool   // per-chart mark lines (targets, plan) in its data
	markColor string // "" inherits the line's
	strong    bool   // the highlighted unit: its name at its end, drawn on top
	empty     bool   // a legend entry only ("其他单位"), no data
}

func (s lineSpec) code() string {
	return s.name + "\x01" + s.color + "\x01" + strconv.FormatFloat(float64(s.width), 'f', -1, 32) +
		flag(s.dashed) + flag(s.marks) + s.markColor + flag(s.strong) + flag(s.empty)
}

// timeShell is the shape of a line chart over time.
type timeShell struct {
	kind      string
	yName     string
	yInverse  bool
	yMin      bool // the value axis starts at 0 (1 when inverse: ranks)
	yInterval float64
	legend    bool
	lines     []lineSpec
}

func (t *timeShell) key(l *Labels) string {
	var b strings.Builder
	b.Grow(96 + 32*len(t.lines))
	b.WriteString(t.kind)
	for _, s := range []string{t.yName, flag(t.yInverse), flag(t.yMin), strconv.FormatFloat(t.yInterval, 'f', -1, 64),
		flag(t.legend), l.TimeYear, l.TimeMonth, l.TimeDay} {
		b.WriteByte(0)
		b.WriteString(s)
	}
	for _, s := range t.lines {
		b.WriteByte(0)
		b.WriteString(s.code())
	}
	return b.String()
}

func (t *timeShell) top() int {
	if t.legend {
		return legendRowPx + axisNamePx
	}
	return axisNamePx + 4
}

func (t *timeShell) build(l *Labels) (echart, map[string]any, error) {
	line := charts.NewLine()
	y := opts.YAxis{Type: "value", Name: t.yName, AxisLabel: valueAxisLabel()}
	if t.yInverse {
		// The name stays at the top: the inverse axis starts there.
		y.Inverse, y.NameLocation = opts.Bool(true), "start"
	}
	if t.yMin {
		y.Min = 0
		if t.yInverse {
			y.Min = 1
		}
	}
	y.MinInterval = t.yInterval
	line.SetGlobalOptions(append(common(t.legend, "axis"),
		grid(t.top(), 24, 8),
		charts.WithXAxisOpts(opts.XAxis{Type: "time", AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Color: colorText, HideOverlap: opts.Bool(true)}}),
		charts.WithYAxisOpts(y),
	)...)
	seriesExtra := make([]any, len(t.lines))
	for i, sp := range t.lines {
		s := charts.SingleSeries{Name: sp.name, Type: "line"}
		ls := opts.LineStyle{Width: sp.width, Color: sp.color}
		if sp.dashed {
			ls.Type = "dashed"
		}
		so := []charts.SeriesOpts{
			charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 6, ShowSymbol: opts.Bool(true)}),
			charts.WithLineStyleOpts(ls),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: sp.color}),
		}
		if sp.strong {
			so[0] = charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 8, ShowSymbol: opts.Bool(true)})
		}
		if sp.marks {
			ml := &opts.LineStyle{Type: "dashed", Width: 1.5, Color: sp.markColor}
			so = append(so, charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
				Symbol:    []string{"none", "none"},
				Label:     &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "{b}", Color: colorText},
				LineStyle: ml,
			}))
		}
		s.ConfigureSeriesOpts(so...)
		line.MultiSeries = append(line.MultiSeries, s)
		ex := map[string]any{}
		if sp.strong {
			ex["z"] = 4
			ex["endLabel"] = map[string]any{"show": true, "formatter": "{a}", "color": colorText, "fontWeight": "bold"}
		}
		if sp.empty {
			ex["data"] = []any{}
			ex["tooltip"] = map[string]any{"show": false}
		}
		seriesExtra[i] = ex
	}
	extra := extraWith(map[string]any{
		"series": seriesExtra,
		"xAxis": []any{map[string]any{"axisLabel": map[string]any{
			"formatter": map[string]any{"year": l.TimeYear, "month": l.TimeMonth, "day": l.TimeDay}}}},
		// The axis name starts at the axis rather than centred on it,
		// where the grid's left edge would cut it.
		"yAxis": []any{map[string]any{"nameTextStyle": map[string]any{"align": "left", "color": colorText}}},
	})
	if t.legend {
		// A legend entry per series, never paged: the highlighted mode
		// has a handful, and the others wrap (the data sizes the grid).
		extra["legend"] = map[string]any{"type": "plain"}
	}
	return line, extra, nil
}

// lineData is a line chart's per-chart data.
type lineData struct {
	names  []string
	series [][]Point // nil for an empty (legend-only) line
	marks  [][]mark  // per line, nil for none
	legend []string  // fixed legend entries, nil: every series
	yRange *[2]float64
	top    int // grid top
	right  int // grid right, < 0: the shell's
	// everyTick puts a tick on every whole number of the value axis
	// (ranks, when there are few).
	everyTick bool
}

// markAt is line i's marks.
func (ld *lineData) markAt(i int) []mark {
	if i < len(ld.marks) {
		return ld.marks[i]
	}
	return nil
}

type mark struct {
	name  string
	value float64
}

func (ld *lineData) write(height int) []byte {
	n := 64
	for i, s := range ld.series {
		n += 32*len(s) + len(ld.names[i]) + 8
	}
	d := newData(n, height)
	d.strings("names", ld.names)
	d.field("series")
	d.b = append(d.b, '[')
	for i, s := range ld.series {
		if i > 0 {
			d.b = append(d.b, ',')
		}
		d.b = appendPoints(d.b, s)
	}
	d.b = append(d.b, ']')
	if ld.marks != nil {
		d.field("marks")
		d.b = append(d.b, '[')
		for i, ms := range ld.marks {
			if i > 0 {
				d.b = append(d.b, ',')
			}
			if ms == nil {
				d.b = append(d.b, "null"...)
				continue
			}
			d.b = append(d.b, '[')
			for j, m := range ms {
				if j > 0 {
					d.b = append(d.b, ',')
				}
				d.b = append(d.b, `{"name":`...)
				d.b = appendString(d.b, m.name)
				d.b = append(d.b, `,"yAxis":`...)
				d.b = appendNumber(d.b, m.value)
				d.b = append(d.b, '}')
			}
			d.b = append(d.b, ']')
		}
		d.b = append(d.b, ']')
	}
	d.field("patch")
	d.b = append(d.b, '{')
	d.b = appendGrid(d.b, ld.top, ld.right)
	if ld.legend != nil {
		d.b = append(d.b, `,"legend":{"data":`...)
		d.b = appendStrings(d.b, ld.legend)
		d.b = append(d.b, '}')
	}
	if ld.yRange != nil {
		d.b = append(d.b, `,"yAxis":[{`...)
		d.b = appendRange(d.b, ld.yRange[0], ld.yRange[1])
		if ld.everyTick {
			d.b = append(d.b, `,"interval":1`...)
		}
		d.b = append(d.b, "}]"...)
	}
	d.b = append(d.b, '}')
	return d.done()
}

// checkPoints checks a series' dates and values.
func checkPoints(what string, ps []Point) error {
	if err := checkCount("points in "+what, len(ps)); err != nil {
		return err
	}
	for i, p := range ps {
		if !validDate(p.Date) {
			return checkDate(fmt.Sprintf("%s, point %d", what, i+1), p.Date)
		}
		if p.Defined && !finite(p.Value) {
			return checkValue(fmt.Sprintf("%s on %s", what, p.Date), p.Value)
		}
	}
	return nil
}

// legendRows estimates how many rows a plain legend wraps to on a phone
// (330 px wide): an entry is its text and a 25 px icon and 10 px gap.
func legendRows(names []string) int {
	const width = 330
	rows, x := 1, 0
	for _, n := range names {
		w := textWidth(n) + 35
		if x > 0 && x+w > width {
			rows++
			x = 0
		}
		x += w
	}
	return rows
}

// timeTable is a table of series over time: a row per date (every date of
// any series, in order), a column per series, values written with ax
// (undefined: Labels.Undefined; no point at a date: empty).
func timeTable(caption, dateHead string, heads []string, series [][]Point, ax Axis, l *Labels) Table {
	dates := unionDates(series)
	w := len(heads) + 1
	rows := make([][]string, len(dates))
	cells := make([]string, len(dates)*w)
	for i, d := range dates {
		rows[i] = cells[i*w : (i+1)*w : (i+1)*w]
		rows[i][0] = d
	}
	// The numbers are substrings of one string: a table is a few
	// allocations, not one per cell.
	n := 0
	for _, s := range series {
		n += len(s)
	}
	buf := make([]byte, 0, n*8)
	ends := make([]int, 0, n)
	for _, s := range series {
		for _, p := range s {
			if p.Defined {
				buf = ax.appendNum(buf, p.Value)
			}
			ends = append(ends, len(buf))
		}
	}
	nums := string(buf)
	k, start := 0, 0
	for c, s := range series {
		r := 0
		for _, p := range s {
			for dates[r] != p.Date {
				r++
			}
			end := ends[k]
			k++
			if p.Defined {
				rows[r][c+1] = nums[start:end]
			} else {
				rows[r][c+1] = l.Undefined
			}
			start = end
		}
	}
	num := make([]bool, w)
	for i := 1; i < w; i++ {
		num[i] = true
	}
	return Table{Caption: caption, Head: append([]string{dateHead}, heads...), Rows: rows, Num: num}
}

// unionDates is every date of the series, in order, once. Series come in
// date order, so it is a merge; a series out of order (or with a date
// twice) is drawn as given and tabled in date order.
func unionDates(series [][]Point) []string {
	var out []string
	sorted := true
	for _, s := range series {
		for i := 1; i < len(s); i++ {
			if s[i].Date <= s[i-1].Date {
				sorted = false
			}
		}
		if !sorted {
			break
		}
		merged := make([]string, 0, len(out)+len(s))
		i, j := 0, 0
		for i < len(out) || j < len(s) {
			switch {
			case j == len(s) || i < len(out) && out[i] < s[j].Date:
				merged = append(merged, out[i])
				i++
			case i == len(out) || s[j].Date < out[i]:
				merged = append(merged, s[j].Date)
				j++
			default:
				merged = append(merged, out[i])
				i++
				j++
			}
		}
		out = merged
	}
	if sorted {
		return out
	}
	seen := map[string]bool{}
	out = out[:0]
	for _, s := range series {
		for _, p := range s {
			if !seen[p.Date] {
				seen[p.Date] = true
				out = append(out, p.Date)
			}
		}
	}
	sort.Strings(out)
	return out
}

// latest is a series' last defined point.
func latest(ps []Point) (Point, bool) {
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].Defined {
			return ps[i], true
		}
	}
	return Point{}, false
}

// span is "first date至last date" of some series.
func (l *Labels) span(series ...[]Point) string {
	lo, hi := "", ""
	for _, s := range series {
		for _, p := range s {
			if lo == "" || p.Date < lo {
				lo = p.Date
			}
			if p.Date > hi {
				hi = p.Date
			}
		}
	}
	switch {
	case lo == "":
		return ""
	case lo == hi:
		return lo
	}
	return l.say("span", lo, hi)
}

// Trend is one line per series over time, on a time axis, with each
// series' own targets as dashed horizontal lines in its colour (labelled
// with TargetLine.Name and the value). When a series is highlighted it is
// drawn strong with its name at its end, and the others thin and grey
// behind one legend entry, Labels.Others (their names are in the tooltip
// and the table).
func Trend(id, title string, ax Axis, series []Series, targets []TargetLine, l Labels) (*Chart, error) {
	return guard(id, KindTrend, func() (*Chart, error) {
		l = l.fill()
		if err := ax.check(); err != nil {
			return nil, err
		}
		return lines(KindTrend, title, ax, ax.head(&l), series, targets, &l, false, 0)
	})
}

// lines is Trend and RankHistory: the series in option order, styled.
func lines(kind, title string, ax Axis, yName string, series []Series, targets []TargetLine, l *Labels, ranks bool, maxRank int) (*Chart, error) {
	if err := checkCount("series", len(series)); err != nil {
		return nil, err
	}
	total := 0
	for _, s := range series {
		if err := checkPoints(fmt.Sprintf("series %q", s.Name), s.Points); err != nil {
			return nil, err
		}
		total += len(s.Points)
	}
	if err := checkCount("points", total); err != nil {
		return nil, err
	}
	byName := make(map[string]int, len(series))
	for i, s := range series {
		byName[s.Name] = i
	}
	marks := make([][]mark, len(series))
	hasMarks := false
	for _, t := range targets {
		i, ok := byName[t.Series]
		if !ok {
			return nil, fmt.Errorf("target %q: no series %q", t.Name, t.Series)
		}
		if err := checkValue(fmt.Sprintf("target %q", t.Name), t.Value); err != nil {
			return nil, err
		}
		marks[i] = append(marks[i], mark{name: t.Name + " " + ax.text(t.Value), value: t.Value})
		hasMarks = true
	}

	// Option order: the others first, the highlighted last (on top).
	var order, strong []int
	for i, s := range series {
		if s.Highlight {
			strong = append(strong, i)
		} else {
			order = append(order, i)
		}
	}
	highlight := len(strong) > 0
	t := &timeShell{kind: kind, yName: yName, legend: len(series) > 1 || hasMarks, yMin: ranks, yInverse: ranks}
	if ranks {
		t.yInterval = 1
	}
	ld := &lineData{right: -1}
	add := func(i int, sp lineSpec) {
		sp.marks = marks[i] != nil
		t.lines = append(t.lines, sp)
		ld.names = append(ld.names, series[i].Name)
		ld.series = append(ld.series, series[i].Points)
		ld.marks = append(ld.marks, marks[i])
	}
	if highlight {
		for _, i := range order {
			add(i, lineSpec{color: colorOthers, width: 1.5, dashed: series[i].Dashed})
		}
		if len(order) > 0 {
			t.lines = append(t.lines, lineSpec{name: l.Others, color: colorOthers, width: 1.5, empty: true})
			ld.names = append(ld.names, l.Others)
			ld.series = append(ld.series, nil)
			ld.marks = append(ld.marks, nil)
		}
		for _, i := range strong {
			add(i, lineSpec{color: colorHighlight, width: 3, dashed: series[i].Dashed, strong: true})
		}
		for _, i := range strong {
			ld.legend = append(ld.legend, series[i].Name)
			// Room for its name at its end.
			ld.right = max(ld.right, textWidth(series[i].Name)+16)
		}
		if len(order) > 0 {
			ld.legend = append(ld.legend, l.Others)
		}
	} else {
		for i := range series {
			add(i, lineSpec{color: palette[i%len(palette)], width: 2, dashed: series[i].Dashed})
		}
	}
	if !hasMarks {
		ld.marks = nil
	}
	legendNames := ld.legend
	if legendNames == nil {
		legendNames = ld.names
	}
	rows := 0
	if t.legend {
		rows = legendRows(legendNames)
	}
	ld.top = t.top() + (rows-1)*legendRowPx
	if !t.legend {
		ld.top = t.top()
	}
	height := ld.top + timeChartPx

	var ext extent
	for _, s := range series {
		for _, p := range s.Points {
			if p.Defined {
				ext.add(p.Value)
			}
		}
	}
	if ranks {
		for _, s := range series {
			for _, p := range s.Points {
				if p.Defined && p.Value > float64(maxRank) {
					maxRank = int(p.Value)
				}
			}
		}
		maxRank = max(maxRank, 1)
		ld.yRange = &[2]float64{1, float64(maxRank)}
		ld.everyTick = maxRank <= 15
	} else if hasMarks {
		outside := !ext.ok
		for _, t := range targets {
			if ext.ok && (t.Value < ext.lo || t.Value > ext.hi) {
				outside = true
			}
		}
		if outside {
			e := ext
			for _, t := range targets {
				e.add(t.Value)
			}
			lo, hi := niceRange(e.lo, e.hi)
			ld.yRange = &[2]float64{lo, hi}
		}
	}

	shell, err := shellFor(t.key(l), func() (echart, map[string]any, error) { return t.build(l) })
	if err != nil {
		return nil, err
	}
	c := &Chart{Title: title, Shell: shell, Height: height, Data: ld.write(height)}

	heads := make([]string, len(series))
	pts := make([][]Point, len(series))
	for i, s := range series {
		heads[i], pts[i] = s.Name, s.Points
	}
	caption := l.caption(title)
	var notes []string
	for _, t := range targets {
		notes = append(notes, t.Name+" "+ax.text(t.Value))
	}
	if !ranks {
		caption = l.withUnit(caption, ax.Unit)
	}
	if len(notes) > 0 {
		caption = l.paren(caption, strings.Join(notes, l.say("sep")))
	}
	dateHead := l.Date
	if ranks {
		dateHead = l.Period
	}
	c.Table = timeTable(caption, dateHead, heads, pts, ax, l)

	desc := []string{title}
	if ranks {
		desc = append(desc, l.say("ranks", maxRank))
	} else {
		desc = append(desc, l.say("of", ax.Name, ax.Unit))
	}
	desc = append(desc, l.span(pts...))
	described := strong
	if !highlight {
		described = nil
		for i := range series[:min(len(series), 3)] {
			described = append(described, i)
		}
	}
	for _, i := range described {
		if p, ok := latest(series[i].Points); ok {
			v := ax.text(p.Value)
			if ranks {
				v = l.say("rank", ax.num(p.Value))
			}
			desc = append(desc, l.say("latest", series[i].Name, v, p.Date))
		}
	}
	desc = append(desc, notes...)
	c.Desc = l.joinDesc("line", desc...)
	// Each target line in its series' colour, by its own name.
	for i, sp := range t.lines {
		for _, m := range ld.markAt(i) {
			color := sp.markColor
			if color == "" {
				color = sp.color
			}
			c.Key = append(c.Key, KeyItem{Status: "target", Color: color, Shape: "dashed-line", Text: m.name})
		}
	}
	return c, nil
}

// Pace is a completion rate (done) against the expected pace (expected,
// dashed) over time, each line at its own dates.
func Pace(id, title string, ax Axis, done Series, expected Series, l Labels) (*Chart, error) {
	return guard(id, KindPace, func() (*Chart, error) {
		l = l.fill()
		if err := ax.check(); err != nil {
			return nil, err
		}
		if done.Name == "" {
			done.Name = ax.Name
		}
		if expected.Name == "" {
			expected.Name = l.Expected
		}
		for _, s := range []Series{done, expected} {
			if err := checkPoints(fmt.Sprintf("series %q", s.Name), s.Points); err != nil {
				return nil, err
			}
		}
		t := &timeShell{kind: KindPace, yName: ax.head(&l), yMin: true, legend: true, lines: []lineSpec{
			{color: colorMet, width: 2.5},
			{color: colorMuted, width: 2, dashed: true},
		}}
		shell, err := shellFor(t.key(&l), func() (echart, map[string]any, error) { return t.build(&l) })
		if err != nil {
			return nil, err
		}
		ld := &lineData{names: []string{done.Name, expected.Name}, series: [][]Point{done.Points, expected.Points}, top: t.top(), right: -1}
		height := t.top() + timeChartPx
		c := &Chart{Title: title, Shell: shell, Height: height, Data: ld.write(height)}
		c.Table = timeTable(l.withUnit(l.caption(title), ax.Unit), l.Date, []string{done.Name, expected.Name},
			[][]Point{done.Points, expected.Points}, ax, &l)
		desc := []string{title, l.say("of", ax.Name, ax.Unit), l.span(done.Points, expected.Points)}
		if p, ok := latest(done.Points); ok {
			desc = append(desc, l.say("latest", done.Name, ax.text(p.Value), p.Date))
		}
		if p, ok := latest(expected.Points); ok {
			desc = append(desc, l.say("latest", expected.Name, ax.text(p.Value), p.Date))
		}
		c.Desc = l.joinDesc("line", desc...)
		return c, nil
	})
}

// RankHistory is the rank of units over the ranking periods (dates): 1 at
// the top, integer ticks up to maxRank (or the worst rank shown). A rank of
// 0 or an undefined point is a gap (unranked). The unit named highlight is
// drawn strong with its name; the others thin and grey behind one legend
// entry, Labels.Others. With no highlight every unit has its colour and
// legend entry.
func RankHistory(id, title string, periods []string, series []Series, maxRank int, highlight string, l Labels) (*Chart, error) {
	return guard(id, KindRankHistory, func() (*Chart, error) {
		l = l.fill()
		if err := checkCount("periods", len(periods)); err != nil {
			return nil, err
		}
		known := make(map[string]bool, len(periods))
		for i, p := range periods {
			if err := checkDate(fmt.Sprintf("period %d", i+1), p); err != nil {
				return nil, err
			}
			known[p] = true
		}
		if maxRank < 0 || maxRank > maxItems {
			return nil, fmt.Errorf("max rank %d outside 0…%d", maxRank, maxItems)
		}
		ss := make([]Series, len(series))
		for i, s := range series {
			s.Highlight = highlight != "" && s.Name == highlight
			pts := make([]Point, len(s.Points))
			for j, p := range s.Points {
				if !known[p.Date] {
					return nil, fmt.Errorf("series %q: %s is not one of the periods", s.Name, p.Date)
				}
				if p.Defined {
					if err := checkValue(fmt.Sprintf("series %q on %s", s.Name, p.Date), p.Value); err != nil {
						return nil, err
					}
					if p.Value < 0 || p.Value != math.Trunc(p.Value) || p.Value > maxItems {
						return nil, fmt.Errorf("series %q on %s: rank %v is not a whole number in 0…%d", s.Name, p.Date, p.Value, maxItems)
					}
					p.Defined = p.Value > 0 // 0: unranked
				}
				pts[j] = p
			}
			s.Points = pts
			ss[i] = s
		}
		ax := Axis{Name: l.Rank}
		c, err := lines(KindRankHistory, title, ax, l.Rank, ss, nil, &l, true, maxRank)
		if err != nil {
			return nil, err
		}
		// Every period is a row, ranked or not.
		c.Table = rankTable(c.Table, periods, &l)
		return c, nil
	})
}

// rankTable adds the periods no series has a point at.
func rankTable(t Table, periods []string, l *Labels) Table {
	have := make(map[string]bool, len(t.Rows))
	for _, r := range t.Rows {
		have[r[0]] = true
	}
	for _, p := range periods {
		if !have[p] {
			have[p] = true
			row := make([]string, len(t.Head))
			row[0] = p
			for i := 1; i < len(row); i++ {
				row[i] = l.Undefined
			}
			t.Rows = append(t.Rows, row)
		}
	}
	sort.SliceStable(t.Rows, func(i, j int) bool { return t.Rows[i][0] < t.Rows[j][0] })
	for _, r := range t.Rows {
		for i := 1; i < len(r); i++ {
			if r[i] == "" {
				r[i] = l.Undefined
			}
		}
	}
	return t
}
