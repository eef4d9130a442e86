package chart

import (
	"fmt"
	"math"
	"strconv"
	"sync/atomic"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Bar is one bar of a ranking.
type Bar struct {
	Name   string
	Value  Value
	Status string // "met" | "below" | "last" | ""
}

// Series is one line of a time series.
type Series struct {
	Name   string
	Points []Value // one per x
	Dashed bool
}

// Stage is one stage of the project pipeline.
type Stage struct {
	Name  string
	Count int
	Total float64
}

func statusColor(status string) (string, error) {
	switch status {
	case "met":
		return colorMet, nil
	case "below":
		return colorBelow, nil
	case "last":
		return colorLast, nil
	case "":
		return colorNeutral, nil
	}
	return "", fmt.Errorf("unknown status %q (want met, below, last or empty)", status)
}

// refLine is a dashed reference line (target, plan) across the grid at v on
// the x axis (vertical line) or the y axis, labelled with text. v is a
// float64 (or a template's sentinel).
func refLine(name, text string, onX bool, v any) []charts.SeriesOpts {
	label := &opts.Label{Show: opts.Bool(true), Formatter: text, Color: colorReference}
	var item charts.SeriesOpts
	if onX {
		// The line runs from the first category to the last: with the
		// ranking's inverted y axis its start is at the top, above the grid.
		label.Position = "start"
		item = charts.WithMarkLineNameXAxisItemOpts(opts.MarkLineNameXAxisItem{Name: name, XAxis: v})
	} else {
		label.Position = "insideEndTop"
		item = charts.WithMarkLineNameYAxisItemOpts(opts.MarkLineNameYAxisItem{Name: name, YAxis: v})
	}
	return []charts.SeriesOpts{item, charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
		Symbol:    []string{"none", "none"},
		Label:     label,
		LineStyle: &opts.LineStyle{Type: "dashed", Color: colorReference, Width: 1.5},
	})}
}

// addLine appends a line series to a rectangular chart (a Line, or the Bar
// of a bar-and-line chart, instead of Overlap with a second chart). It is
// Line.AddSeries without InitSeriesDefaultOpts, a reflection walk for
// default tags that SingleSeries does not have (~10 µs a series, a quarter
// of a two-line chart); TestAddLine checks the JSON is the same.
func addLine(ms *charts.MultiSeries, name string, so ...charts.SeriesOpts) {
	s := charts.SingleSeries{Name: name, Type: types.ChartLine}
	s.ConfigureSeriesOpts(so...)
	*ms = append(*ms, s)
}

// lineSeriesOpts styles one line; color "" takes the palette's. data is a
// []any of lineData (or a template's sentinel).
func lineSeriesOpts(data any, dashed bool, color string) []charts.SeriesOpts {
	o := []charts.SeriesOpts{
		withData(data),
		seriesAnimation,
		charts.WithLineChartOpts(opts.LineChart{Symbol: "circle", SymbolSize: 6, ShowSymbol: opts.Bool(true)}),
	}
	ls := opts.LineStyle{Width: 2, Color: color}
	if dashed {
		ls.Type = "dashed"
	}
	o = append(o, charts.WithLineStyleOpts(ls))
	if color != "" {
		o = append(o, charts.WithItemStyleOpts(opts.ItemStyle{Color: color}))
	}
	return o
}

// gridTop leaves room for the legend and a y-axis name.
func gridTop(legend bool, axisName string) int {
	top := 16
	if legend {
		top = 36
	}
	if axisName != "" {
		top += 16
	}
	return top
}

// valueYAxis is a value y axis showing the unit and, if ref is defined,
// ranging far enough to show it.
func valueYAxis(unit string, vals []float64, ref Value, f numFmt) opts.YAxis {
	y := opts.YAxis{Type: "value", Name: axisName(unit), AxisLabel: valueAxisLabel(unit)}
	if ref.defined() {
		if lo, hi, split, ok := axisRange(vals, f.round(ref.V)); ok {
			y.Min, y.Max, y.SplitNumber = lo, hi, split
		}
	}
	return y
}

// seriesTable is a table with one row per x and one column per series.
func seriesTable(caption string, x []string, heads []string, cols [][]Value, fs []numFmt) Table {
	rounded := make([][]Value, len(cols))
	for c, col := range cols {
		rounded[c] = roundAll(fs[c], col)
	}
	return tableOf(caption, x, heads, rounded, fs)
}

// roundedTable is seriesTable of rounded columns (roundAll), all in f.
func roundedTable(caption string, x []string, heads []string, cols [][]Value, f numFmt) Table {
	fs := make([]numFmt, len(cols))
	for i := range fs {
		fs[i] = f
	}
	return tableOf(caption, x, heads, cols, fs)
}

// tableOf is a table with one row per x and one column per rounded series,
// the series' values written in fs. The cells are slices of one array and
// the numbers substrings of one string: a few allocations for the table.
func tableOf(caption string, x []string, heads []string, cols [][]Value, fs []numFmt) Table {
	w := len(heads) + 1
	t := Table{Caption: caption, Head: append([]string{""}, heads...), NumCols: make([]bool, w)}
	for i := range heads {
		t.NumCols[i+1] = true
	}
	t.Rows = make([][]string, len(x))
	cells := make([]string, len(x)*w)
	buf := make([]byte, 0, len(x)*len(cols)*8)
	ends := make([]int, 0, len(x)*len(cols))
	for r := range x {
		for c, col := range cols {
			if v := col[r]; v.OK {
				buf = fs[c].appendFixed(buf, v.V)
			}
			ends = append(ends, len(buf))
		}
	}
	nums := string(buf)
	k, start := 0, 0
	for r, xv := range x {
		row := cells[r*w : (r+1)*w : (r+1)*w]
		row[0] = xv
		for c, col := range cols {
			end := ends[k]
			k++
			if col[r].OK {
				row[c+1] = nums[start:end]
			} else {
				row[c+1] = fs[c].undef
			}
			start = end
		}
		t.Rows[r] = row
	}
	return t
}

func checkLen(what string, n, want int) error {
	if n != want {
		return fmt.Errorf("%s has %d points for %d x values", what, n, want)
	}
	return nil
}

// Ranking is a leaderboard: horizontal bars in the given order (best first,
// at the top), each coloured by its status, with its value at the bar's end
// and the target as a dashed vertical line when defined. An undefined value
// keeps its row (name on the axis, "—" in the table) without a bar.
func Ranking(id, title string, bars []Bar, target Value, l Labels) (*Chart, error) {
	return guard(id, KindRanking, func() (*Chart, error) {
		if err := l.checkFormat(); err != nil {
			return nil, err
		}
		f := l.valueFmt()
		names := make([]string, len(bars))
		data := make([]interface{}, len(bars))
		rows := make([][]string, len(bars))
		var vals []float64
		var first, lastBar *Bar
		// Competition ranking over the defined values: ties share a rank.
		rank, n, prev := 0, 0, math.NaN()
		for i := range bars {
			b := &bars[i]
			color, err := statusColor(b.Status)
			if err != nil {
				return nil, fmt.Errorf("bar %d %q: %w", i+1, b.Name, err)
			}
			names[i] = b.Name
			r := f.undef
			if b.Value.defined() {
				n++
				if math.IsNaN(prev) || math.Abs(b.Value.V-prev) > 1e-9 {
					rank = n
				}
				prev = b.Value.V
				r = strconv.Itoa(rank)
				v := f.round(b.Value.V)
				data[i] = opts.BarData{Value: v, ItemStyle: &opts.ItemStyle{Color: color}}
				vals = append(vals, v)
				if first == nil {
					first = b
				}
				lastBar = b
			}
			rows[i] = []string{b.Name, r, f.str(b.Value)}
		}

		unit := l.Unit
		// The unit (if not %) is written under the tick labels.
		x := opts.XAxis{Type: "value", Name: axisName(unit), NameLocation: "middle", NameGap: 26, AxisLabel: valueAxisLabel(unit)}
		top, bottom := 12, 8
		if x.Name != "" {
			bottom = 28
		}
		caption := title
		so := []charts.SeriesOpts{
			withData(data),
			seriesAnimation,
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{c}" + labelSuffix(unit)}),
			charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "30%"}),
		}
		targetText := ""
		if target.defined() {
			t := f.round(target.V)
			if lo, hi, split, ok := axisRange(vals, t); ok {
				x.Min, x.Max, x.SplitNumber = lo, hi, split
			}
			targetText = spaced(l.Target, f.num(t), unit)
			so = append(so, refLine(l.Target, targetText, true, t)...)
			top = 28
			caption = withNote(title, targetText)
		}
		y := opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Width: 96, Overflow: "truncate"}}

		desc := []string{title, l.say("items", len(bars))}
		if first != nil {
			desc = append(desc, l.say("first", first.Name, spaced("", f.num(first.Value.V), unit)))
			if lastBar != first {
				desc = append(desc, l.say("last", lastBar.Name, spaced("", f.num(lastBar.Value.V), unit)))
			}
		}
		if k := len(bars) - len(vals); k > 0 {
			desc = append(desc, l.say("items_undefined", k))
		}
		desc = append(desc, targetText)
		c := &Chart{
			ID: id, Kind: KindRanking, Title: title,
			Desc:   l.joinDesc("bars", desc...),
			Height: 28*max(len(bars), 1) + top + bottom + 32,
			Series: 1, Points: len(bars),
			Table: Table{
				Caption: caption,
				Head:    []string{"", l.Rank, withUnit(l.Value, unit)},
				Rows:    rows,
				NumCols: []bool{false, true, true},
			},
		}

		bar := charts.NewBar()
		bar.SetGlobalOptions(append(base{id: id, title: title, desc: c.Desc, tooltip: "axis", shadow: true}.opts(),
			grid(top, 56, bottom), charts.WithXAxisOpts(x), charts.WithYAxisOpts(y))...)
		bar.SetXAxis(names).XYReversal()
		bar.AddSeries(l.Value, nil, so...)
		return c, render(c, bar, nil)
	})
}

// Trend is one line per series over x (report dates), with the target as a
// dashed horizontal line when defined. An undefined point is a gap.
func Trend(id, title string, x []string, series []Series, target Value, l Labels) (*Chart, error) {
	return guard(id, KindTrend, func() (*Chart, error) {
		if err := l.checkFormat(); err != nil {
			return nil, err
		}
		for _, s := range series {
			if err := checkLen(fmt.Sprintf("series %q", s.Name), len(s.Points), len(x)); err != nil {
				return nil, err
			}
		}
		f := l.valueFmt()
		unit := l.Unit
		legend := len(series) > 1
		heads := make([]string, len(series))
		cols := make([][]Value, len(series))
		fs := make([]numFmt, len(series))
		points := 0
		for i, s := range series {
			heads[i], cols[i], fs[i] = s.Name, s.Points, f
			points += len(s.Points)
		}
		caption := withUnit(title, unit)
		desc := []string{title, l.span(x)}
		if len(series) > 1 {
			desc = append(desc, l.say("lines", len(series)))
		}
		if len(series) > 0 {
			if v, i := last(series[0].Points); i >= 0 {
				desc = append(desc, l.say("latest", series[0].Name, spaced("", f.num(v.V), unit), x[i]))
			}
		}
		targetText := ""
		if target.defined() {
			targetText = spaced(l.Target, f.num(target.V), unit)
			caption = withNote(caption, targetText)
			desc = append(desc, targetText)
		}
		c := &Chart{
			ID: id, Kind: KindTrend, Title: title,
			Desc:   l.joinDesc("line", desc...),
			Height: 320,
			Series: len(series), Points: points,
			Table: seriesTable(caption, x, heads, cols, fs),
		}

		line := charts.NewLine()
		line.SetGlobalOptions(append(base{id: id, title: title, desc: c.Desc, legend: legend, tooltip: "axis"}.opts(),
			grid(gridTop(legend, axisName(unit)), 24, 8),
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(valueYAxis(unit, definedVals(f, cols...), target, f)))...)
		line.SetXAxis(x)
		for i, s := range series {
			so := lineSeriesOpts(lineData(s.Points, f), s.Dashed, "")
			if i == 0 && target.defined() {
				so = append(so, refLine(l.Target, targetText, false, f.round(target.V))...)
			}
			addLine(&line.MultiSeries, s.Name, so...)
		}
		return c, render(c, line, nil)
	})
}

// Pace is the completion rate against the expected pace (dashed) over x,
// both in %.
func Pace(id, title string, x []string, completion []Value, expected []Value, l Labels) (*Chart, error) {
	return guard(id, KindPace, func() (*Chart, error) {
		if err := checkLen("completion", len(completion), len(x)); err != nil {
			return nil, err
		}
		if err := checkLen("expected", len(expected), len(x)); err != nil {
			return nil, err
		}
		f := fmtRate
		f.pct, f.undef = true, l.undef()
		desc := []string{title, l.span(x)}
		if v, i := last(completion); i >= 0 {
			d := l.say("latest", l.Completed, f.num(v.V), x[i])
			if e := expected[i]; e.defined() {
				d += l.say("sep") + l.say("is", l.Expected, f.num(e.V))
			}
			desc = append(desc, d)
		}
		c := &Chart{
			ID: id, Kind: KindPace, Title: title,
			Desc:   l.joinDesc("line", desc...),
			Height: 320,
			Series: 2, Points: 2 * len(x),
			Table: seriesTable(title, x, []string{l.Completed, l.Expected},
				[][]Value{completion, expected}, []numFmt{f, f}),
		}

		y := valueYAxis("%", nil, Value{}, f)
		y.Min = 0
		line := charts.NewLine()
		line.SetGlobalOptions(append(base{id: id, title: title, desc: c.Desc, legend: true, tooltip: "axis"}.opts(),
			grid(gridTop(true, ""), 24, 8),
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(y))...)
		line.SetXAxis(x)
		addLine(&line.MultiSeries, l.Completed, lineSeriesOpts(lineData(completion, f), false, colorNeutral)...)
		addLine(&line.MultiSeries, l.Expected, lineSeriesOpts(lineData(expected, f), true, colorReference)...)
		return c, render(c, line, nil)
	})
}

// Pipeline is the five-stage pipeline as two funnels side by side, in the
// given stage order: project counts on the left, total investment (in
// Labels.Unit) on the right.
func Pipeline(id, title string, stages []Stage, l Labels) (*Chart, error) {
	return guard(id, KindPipeline, func() (*Chart, error) {
		unit := l.Unit
		amt := l.with(fmtAmount)
		amt.pct = false
		counts := make([]opts.FunnelData, len(stages))
		totals := make([]opts.FunnelData, len(stages))
		rows := make([][]string, len(stages))
		maxCount, maxTotal := 0, 0.0
		parts := make([]string, 0, len(stages))
		for i, s := range stages {
			t := amt.round(s.Total)
			if math.IsNaN(s.Total) || math.IsInf(s.Total, 0) {
				return nil, fmt.Errorf("stage %q: total is %v", s.Name, s.Total)
			}
			counts[i] = opts.FunnelData{Name: s.Name, Value: s.Count}
			totals[i] = opts.FunnelData{Name: s.Name, Value: t}
			rows[i] = []string{s.Name, strconv.Itoa(s.Count), amt.num(t)}
			maxCount = max(maxCount, s.Count)
			maxTotal = math.Max(maxTotal, t)
			parts = append(parts, l.say("stage", s.Name, s.Count, spaced("", amt.num(t), unit)))
		}
		c := &Chart{
			ID: id, Kind: KindPipeline, Title: title,
			Desc:   l.joinDesc("funnel", append([]string{title, l.say("stages", len(stages))}, parts...)...),
			Height: 320,
			Series: 2, Points: 2 * len(stages),
			Table: Table{
				Caption: title,
				Head:    []string{"", l.Count, withUnit(l.Total, unit)},
				Rows:    rows,
				NumCols: []bool{false, true, true},
			},
		}

		funnel := func(left, right string, maxV int) charts.SeriesOpts {
			return charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.Sort = "none" // keep the stages' order
				s.Left, s.Right, s.Top, s.Bottom = left, right, "32", "8"
				// Funnel widths scale to max (ECharts' default is 100).
				s.Max = maxV
			})
		}
		heading := func(text, left string) opts.Title {
			return opts.Title{Title: text, Left: left, Top: "4", TextAlign: "center",
				TitleStyle: &opts.TextStyle{FontSize: 13, FontWeight: "normal"}}
		}
		v := &visitor{titles: []opts.Title{heading(l.Count, "26%"), heading(withUnit(l.Total, unit), "74%")}}

		f := charts.NewFunnel()
		f.SetGlobalOptions(base{id: id, title: title, desc: c.Desc, tooltip: "item"}.opts()...)
		label := opts.Label{Show: opts.Bool(true), Position: "inside", Formatter: "{b}\n{c}"}
		f.AddSeries(l.Count, counts, funnel("2%", "52%", maxCount), charts.WithLabelOpts(label), seriesAnimation)
		f.AddSeries(l.Total, totals, funnel("52%", "2%", int(math.Ceil(maxTotal))), charts.WithLabelOpts(label), seriesAnimation)
		return c, render(c, f, v)
	})
}

// Gauge is a completion-rate dial from 0 to 100: the progress arc and the
// pointer are clamped to the dial, the text shows the real value; the
// expected pace is a marker on the dial and a line of text.
func Gauge(id, title string, value Value, expected Value, l Labels) (*Chart, error) {
	return guard(id, KindGauge, func() (*Chart, error) {
		f := fmtRate
		f.pct, f.undef = true, l.undef()
		desc := []string{title, spaced(l.Completed, f.str(value), "")}
		if expected.defined() {
			desc = append(desc, spaced(l.Expected, f.num(expected.V), ""))
		}
		c := &Chart{
			ID: id, Kind: KindGauge, Title: title,
			Desc:   l.joinDesc("gauge", desc...),
			Height: 300,
			Series: 1, Points: 1,
			Table: Table{
				Caption: title,
				Head:    []string{"", l.Completed, l.Expected},
				Rows:    [][]string{{title, f.str(value), f.str(expected)}},
				NumCols: []bool{false, true, true},
			},
		}
		clamp := func(v float64) float64 { return math.Min(100, math.Max(0, f.round(v))) }
		dial := func(s *charts.SingleSeries) {
			s.Min, s.Max = 0, 100
			s.Radius = "92%"
			s.Center = []string{"50%", "58%"}
			s.AxisTick = &opts.AxisTick{Show: opts.Bool(false)}
			s.SplitLine = &opts.SplitLine{Show: opts.Bool(false)}
			s.AxisLabel = &opts.AxisLabel{Show: opts.Bool(false)}
		}

		g := charts.NewGauge()
		g.SetGlobalOptions(base{id: id, title: title, desc: c.Desc}.opts()...)
		shown := 0.0 // an undefined value: an empty dial and "—"
		if value.defined() {
			shown = clamp(value.V)
		}
		g.AddSeries(l.Completed, []opts.GaugeData{{Name: l.Completed, Value: shown}}, seriesAnimation,
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				dial(s)
				s.AxisLine = &opts.AxisLine{LineStyle: &opts.LineStyle{Width: 14}}
				s.Progress = &opts.Progress{Show: opts.Bool(true), Width: 14, ItemStyle: &opts.ItemStyle{Color: colorNeutral}}
				s.Pointer = &opts.Pointer{Show: opts.Bool(false)}
				s.Title = &opts.Title{Show: opts.Bool(true), OffsetCenter: []string{"0", "28%"}}
				s.Detail = &opts.Detail{Show: opts.Bool(true), FontSize: 26, FontWeight: "bold",
					OffsetCenter: []string{"0", "-6%"}, Formatter: types.FuncStr(f.str(value))}
			}))
		if expected.defined() {
			c.Series, c.Points = 2, 2
			g.AddSeries(l.Expected, []opts.GaugeData{{Name: l.Expected, Value: clamp(expected.V)}}, seriesAnimation,
				charts.WithSeriesOpts(func(s *charts.SingleSeries) {
					dial(s)
					s.AxisLine = &opts.AxisLine{Show: opts.Bool(false)}
					// A short pointer at the rim: a marker on the arc.
					s.Pointer = &opts.Pointer{Show: opts.Bool(true), Icon: "triangle", Length: "14%",
						OffsetCenter: []string{"0", "-76%"}, ItemStyle: &opts.ItemStyle{Color: colorReference}}
					s.Title = &opts.Title{Show: opts.Bool(false)}
					s.Detail = &opts.Detail{Show: opts.Bool(true), FontSize: 13, Color: colorReference,
						OffsetCenter: []string{"0", "52%"}, Formatter: types.FuncStr(spaced(l.Expected, f.num(expected.V), ""))}
				}))
		}
		return c, render(c, g, nil)
	})
}

// Heatmap is units (y, top to bottom) × months (x) coloured from red (the
// lowest defined value) to green (the highest). Undefined cells are left
// out (blank).
func Heatmap(id, title string, x []string, y []string, cells [][]Value, l Labels) (*Chart, error) {
	return guard(id, KindHeatmap, func() (*Chart, error) {
		if err := l.checkFormat(); err != nil {
			return nil, err
		}
		if len(cells) != len(y) {
			return nil, fmt.Errorf("%d rows of cells for %d y values", len(cells), len(y))
		}
		f := l.valueFmt()
		unit := l.Unit
		var data []opts.HeatMapData
		lo, hi := math.Inf(1), math.Inf(-1)
		var loAt, hiAt string
		rows := make([][]string, len(y))
		for yi, row := range cells {
			if err := checkLen(fmt.Sprintf("row %q", y[yi]), len(row), len(x)); err != nil {
				return nil, err
			}
			r := make([]string, 0, len(x)+1)
			r = append(r, y[yi])
			for xi, v := range row {
				r = append(r, f.str(v))
				if !v.defined() {
					continue
				}
				rv := f.round(v.V)
				data = append(data, opts.HeatMapData{Value: [3]interface{}{xi, yi, rv}})
				if rv < lo {
					lo, loAt = rv, y[yi]+x[xi]
				}
				if rv > hi {
					hi, hiAt = rv, y[yi]+x[xi]
				}
			}
			rows[yi] = r
		}
		head := append([]string{""}, x...)
		num := make([]bool, len(head))
		for i := 1; i < len(num); i++ {
			num[i] = true
		}
		desc := []string{title, l.say("grid", len(y), len(x))}
		if len(data) > 0 {
			desc = append(desc, l.say("lowest", loAt, spaced("", f.num(lo), unit)),
				l.say("highest", hiAt, spaced("", f.num(hi), unit)))
		} else {
			lo, hi = 0, 1
		}
		if k := len(x)*len(y) - len(data); k > 0 {
			desc = append(desc, l.say("cells_undefined", k))
		}
		c := &Chart{
			ID: id, Kind: KindHeatmap, Title: title,
			Desc:   l.joinDesc("heatmap", desc...),
			Height: max(300, 28*len(y)+96),
			Series: 1, Points: len(data),
			Table: Table{Caption: withUnit(title, unit), Head: head, Rows: rows, NumCols: num},
		}
		vmin, vmax := lo, hi
		if vmin == vmax { // one value, or all equal: a domain ECharts can divide by
			vmin, vmax = vmin-1, vmax+1
		}
		v := &visitor{visual: true, visualMin: vmin, visualMax: vmax}

		hm := charts.NewHeatMap()
		hm.SetGlobalOptions(append(base{id: id, title: title, desc: c.Desc, tooltip: "item"}.opts(),
			grid(8, 16, 48),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", Data: x, SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
			charts.WithYAxisOpts(opts.YAxis{Type: "category", Data: y, Inverse: opts.Bool(true),
				SplitArea: &opts.SplitArea{Show: opts.Bool(true)},
				AxisLabel: &opts.AxisLabel{Width: 96, Overflow: "truncate"}}),
			charts.WithVisualMapOpts(opts.VisualMap{
				Type:       "continuous",
				Calculable: opts.Bool(false),
				Min:        float32(vmin), Max: float32(vmax), // written exactly by the visitor
				Text:    []string{f.num(hi), f.num(lo)},
				InRange: &opts.VisualMapInRange{Color: []string{colorLast, "#f3e3b5", colorMet}},
				Orient:  "horizontal",
				Left:    "center",
				Bottom:  "0",
			}))...)
		hm.AddSeries(title, data, seriesAnimation,
			// Cell labels only while they fit a phone's width.
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(len(x) <= 6), Formatter: "{@[2]}" + labelSuffix(unit), FontSize: 11}))
		return c, render(c, hm, v)
	})
}

// Project is a project's year: each report's increment as bars, the
// cumulative completion as a line, the expected amount (plan × expected
// pace) as a dashed line, and the plan as a dashed horizontal line when
// defined. All in Labels.Unit with 2 decimals.
//
// It is drawn on every project page, so its options come from a template
// built once by go-echarts per labels and shape (see template.go).
func Project(id, title string, x []string, cumulative []Value, increments []Value, expectedAmount []Value, plan Value, l Labels) (*Chart, error) {
	return project(id, title, x, cumulative, increments, expectedAmount, plan, l, true)
}

// project is Project; with fast false its options are always built by
// go-echarts, the reference TestProjectFastPath holds the template to.
func project(id, title string, x []string, cumulative, increments, expectedAmount []Value, plan Value, l Labels, fast bool) (*Chart, error) {
	return guard(id, KindProject, func() (*Chart, error) {
		for _, s := range []struct {
			what string
			n    int
		}{{"cumulative", len(cumulative)}, {"increments", len(increments)}, {"expected", len(expectedAmount)}} {
			if err := checkLen(s.what, s.n, len(x)); err != nil {
				return nil, err
			}
		}
		unit := l.Unit
		f := l.with(fmtAmount)
		f.pct = false
		// Every value rounded once, to what is shown.
		p := &projectIn{title: title, x: x,
			inc: roundAll(f, increments), cum: roundAll(f, cumulative), exp: roundAll(f, expectedAmount)}
		caption := title
		desc := []string{title, l.span(x)}
		if i := lastOK(p.cum); i >= 0 {
			desc = append(desc, l.say("value_at", l.Cumulative, spaced("", f.fixed(p.cum[i].V), unit), x[i]))
		}
		if plan.defined() {
			p.plan = Value{V: f.round(plan.V), OK: true}
			p.planText = spaced(l.Plan, f.fixed(p.plan.V), unit)
			caption = withNote(title, p.planText)
			desc = append(desc, p.planText)
		}
		p.desc = l.joinDesc("combo", desc...)
		p.y = valueYAxis(unit, definedRounded(p.cum, p.inc, p.exp), plan, f)
		c := &Chart{
			ID: id, Kind: KindProject, Title: title,
			Desc:   p.desc,
			Height: 340,
			Series: 3, Points: 3 * len(x),
			Table: roundedTable(caption, x,
				[]string{withUnit(l.Increment, unit), withUnit(l.Cumulative, unit), withUnit(l.Expected, unit)},
				[][]Value{p.inc, p.cum, p.exp}, f),
		}
		if fast {
			if b, ok := p.fromTemplate(l); ok {
				c.Options = b
				return c, nil
			}
			projectFallbacks.Add(1)
		}
		return c, render(c, p.echarts().bar(id, l), nil)
	})
}

// projectIn is a project chart's figures, checked and rounded.
type projectIn struct {
	title, desc   string
	x             []string
	inc, cum, exp []Value // rounded; OK false where undefined
	plan          Value   // rounded
	planText      string
	y             opts.YAxis
}

// projectOpts are the values a project chart gives go-echarts: its
// figures (echarts), or sentinels for a template (newProjectTemplate).
type projectOpts struct {
	title, desc   string
	x             any // SetXAxis
	inc, cum, exp any // series data
	planY         any // the plan line's y; nil: no plan line
	planText      string
	y             opts.YAxis
}

func (p *projectIn) echarts() projectOpts {
	o := projectOpts{title: p.title, desc: p.desc, x: p.x, planText: p.planText, y: p.y,
		inc: barItems(p.inc), cum: lineItems(p.cum), exp: lineItems(p.exp)}
	if p.plan.OK {
		o.planY = p.plan.V
	}
	return o
}

// bar builds the chart with go-echarts.
func (o projectOpts) bar(id string, l Labels) *charts.Bar {
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(base{id: id, title: o.title, desc: o.desc, legend: true, tooltip: "axis"}.opts(),
		grid(gridTop(true, axisName(l.Unit)), 24, 8),
		charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
		charts.WithYAxisOpts(o.y))...)
	bar.SetXAxis(o.x)
	bar.AddSeries(l.Increment, nil, withData(o.inc), seriesAnimation,
		charts.WithItemStyleOpts(opts.ItemStyle{Color: colorIncrement}),
		charts.WithBarChartOpts(opts.BarChart{BarWidth: "40%"}))

	cum := lineSeriesOpts(o.cum, false, colorNeutral)
	if o.planY != nil {
		cum = append(cum, refLine(l.Plan, o.planText, false, o.planY)...)
	}
	addLine(&bar.MultiSeries, l.Cumulative, cum...)
	addLine(&bar.MultiSeries, l.Expected, lineSeriesOpts(o.exp, true, colorReference)...)
	return bar
}

// projectKey is what a project chart's options depend on besides the
// values written at the template's cuts.
type projectKey struct {
	unit, increment, cumulative, expected, plan string // labels
	title, desc                                 bool   // not empty (omitempty)
	planLine                                    bool   // the plan's mark line
	yRange                                      bool   // y axis min, max and splitNumber
}

// Project template slots.
const (
	slotTitle = iota
	slotDesc
	slotX
	slotInc
	slotCum
	slotExp
	slotPlanY
	slotPlanText
	slotYMin
	slotYMax
	slotYSplit
)

var projectTemplates templateCache

// projectFallbacks counts the project charts built by go-echarts although
// the template was asked for (tests check it stays 0 but where expected).
var projectFallbacks atomic.Int64

// newProjectTemplate builds the project chart of k with go-echarts, a
// sentinel in each slot, and cuts its JSON; nil if it cannot be cut.
func newProjectTemplate(k projectKey) *optTemplate {
	l := Labels{Unit: k.unit, Increment: k.increment, Cumulative: k.cumulative, Expected: k.expected, Plan: k.plan}
	o := projectOpts{x: sentinel(slotX), inc: sentinel(slotInc), cum: sentinel(slotCum), exp: sentinel(slotExp)}
	slots := []slotPattern{stringSlot(slotX), stringSlot(slotInc), stringSlot(slotCum), stringSlot(slotExp)}
	if k.title {
		o.title = sentinel(slotTitle)
		slots = append(slots, stringSlot(slotTitle))
	}
	if k.desc {
		o.desc = sentinel(slotDesc)
		slots = append(slots, stringSlot(slotDesc))
	}
	if k.planLine {
		o.planY, o.planText = sentinel(slotPlanY), sentinel(slotPlanText)
		slots = append(slots, stringSlot(slotPlanY), stringSlot(slotPlanText))
	}
	o.y = valueYAxis(k.unit, nil, Value{}, fmtAmount)
	if k.yRange {
		o.y.Min, o.y.Max, o.y.SplitNumber = sentinel(slotYMin), sentinel(slotYMax), intSentinel
		slots = append(slots, stringSlot(slotYMin), stringSlot(slotYMax), intSlot(slotYSplit))
	}
	var c Chart
	if err := render(&c, o.bar("c_template", l), nil); err != nil {
		return nil
	}
	return newOptTemplate(c.Options, slots)
}

// fromTemplate writes the options from the template of p's shape; ok is
// false when there is none (a label holds a sentinel's text) or a value
// cannot be written, and the chart must be built with go-echarts.
func (p *projectIn) fromTemplate(l Labels) (b []byte, ok bool) {
	k := projectKey{
		unit: l.Unit, increment: l.Increment, cumulative: l.Cumulative, expected: l.Expected, plan: l.Plan,
		title: p.title != "", desc: p.desc != "", planLine: p.plan.OK, yRange: p.y.Min != nil || p.y.Max != nil,
	}
	var lo, hi float64
	if k.yRange {
		var okLo, okHi bool
		lo, okLo = p.y.Min.(float64)
		hi, okHi = p.y.Max.(float64)
		if !okLo || !okHi || p.y.SplitNumber == 0 || !finite([]Value{{lo, true}, {hi, true}}) {
			return nil, false
		}
	}
	if !finite(p.inc) || !finite(p.cum) || !finite(p.exp) || !finite([]Value{p.plan}) {
		return nil, false // json.Marshal fails on these: let it say so
	}
	t := projectTemplates.get(k, func() *optTemplate { return newProjectTemplate(k) })
	if t == nil {
		return nil, false
	}
	n := len(t.text) + len(p.title) + len(p.desc) + len(p.planText) + 64
	for _, x := range p.x {
		n += len(x) + 3
	}
	b = make([]byte, 0, n+3*len(p.x)*16)
	prev := 0
	for _, c := range t.cuts {
		b = append(b, t.text[prev:c.at]...)
		prev = c.end
		switch c.slot {
		case slotTitle:
			b = appendJSONString(b, p.title)
		case slotDesc:
			b = appendJSONString(b, p.desc)
		case slotX:
			b = appendJSONStrings(b, p.x)
		case slotInc:
			b = appendValueData(b, p.inc)
		case slotCum:
			b = appendValueData(b, p.cum)
		case slotExp:
			b = appendValueData(b, p.exp)
		case slotPlanY:
			b = appendJSONFloat(b, p.plan.V)
		case slotPlanText:
			b = appendJSONString(b, p.planText)
		case slotYMin:
			b = appendJSONFloat(b, lo)
		case slotYMax:
			b = appendJSONFloat(b, hi)
		case slotYSplit:
			b = strconv.AppendInt(b, int64(p.y.SplitNumber), 10)
		}
	}
	return append(b, t.text[prev:]...), true
}

// RankHistory is the rank of one or more units over the ranking periods:
// the y axis is inverted (1 at the top) from 1 to maxRank with integer
// ticks; an undefined rank is a gap.
func RankHistory(id, title string, x []string, series []Series, maxRank int, l Labels) (*Chart, error) {
	return guard(id, KindRankHistory, func() (*Chart, error) {
		f := l.with(fmtCount)
		f.pct = false
		legend := len(series) > 1
		heads := make([]string, len(series))
		cols := make([][]Value, len(series))
		fs := make([]numFmt, len(series))
		points := 0
		for i, s := range series {
			if err := checkLen(fmt.Sprintf("series %q", s.Name), len(s.Points), len(x)); err != nil {
				return nil, err
			}
			heads[i], cols[i], fs[i] = s.Name, s.Points, f
			points += len(s.Points)
			for _, v := range s.Points {
				if v.defined() {
					if r := int(f.round(v.V)); r > maxRank {
						maxRank = r // never cut a rank off the axis
					}
				}
			}
		}
		maxRank = max(maxRank, 1)
		desc := []string{title, l.span(x), l.say("rank_scale", maxRank)}
		for _, s := range series[:min(len(series), 3)] {
			if v, i := last(s.Points); i >= 0 {
				desc = append(desc, l.say("latest_rank", s.Name, f.num(v.V), x[i]))
			}
		}
		c := &Chart{
			ID: id, Kind: KindRankHistory, Title: title,
			Desc:   l.joinDesc("line", desc...),
			Height: 300,
			Series: len(series), Points: points,
			Table: seriesTable(title, x, heads, cols, fs),
		}

		line := charts.NewLine()
		line.SetGlobalOptions(append(base{id: id, title: title, desc: c.Desc, legend: legend, tooltip: "axis"}.opts(),
			grid(gridTop(legend, ""), 24, 8),
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Inverse: opts.Bool(true), Min: 1, Max: maxRank, MinInterval: 1}))...)
		line.SetXAxis(x)
		for _, s := range series {
			addLine(&line.MultiSeries, s.Name, lineSeriesOpts(lineData(s.Points, f), s.Dashed, "")...)
		}
		return c, render(c, line, nil)
	})
}
