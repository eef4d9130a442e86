package chart

import (
	"fmt"
	"math"
	"strconv"

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
// the x axis (vertical line) or the y axis, labelled with text.
func refLine(name, text string, onX bool, v float64) []charts.SeriesOpts {
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

// lineSeriesOpts styles one line; color "" takes the palette's.
func lineSeriesOpts(data []interface{}, dashed bool, color string) []charts.SeriesOpts {
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
	t := Table{Caption: caption, Head: append([]string{""}, heads...), NumCols: make([]bool, len(heads)+1)}
	for i := range heads {
		t.NumCols[i+1] = true
	}
	t.Rows = make([][]string, len(x))
	for r, xv := range x {
		row := make([]string, 0, len(cols)+1)
		row = append(row, xv)
		for c, col := range cols {
			row = append(row, fs[c].str(col[r]))
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
func Project(id, title string, x []string, cumulative []Value, increments []Value, expectedAmount []Value, plan Value, l Labels) (*Chart, error) {
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
		caption := title
		desc := []string{title, l.span(x)}
		if v, i := last(cumulative); i >= 0 {
			desc = append(desc, l.say("value_at", l.Cumulative, spaced("", f.num(v.V), unit), x[i]))
		}
		planText := ""
		if plan.defined() {
			planText = spaced(l.Plan, f.num(plan.V), unit)
			caption = withNote(title, planText)
			desc = append(desc, planText)
		}
		c := &Chart{
			ID: id, Kind: KindProject, Title: title,
			Desc:   l.joinDesc("combo", desc...),
			Height: 340,
			Series: 3, Points: 3 * len(x),
			Table: seriesTable(caption, x,
				[]string{withUnit(l.Increment, unit), withUnit(l.Cumulative, unit), withUnit(l.Expected, unit)},
				[][]Value{increments, cumulative, expectedAmount}, []numFmt{f, f, f}),
		}

		incData := make([]interface{}, len(increments))
		for i, v := range increments {
			if v.defined() {
				incData[i] = opts.BarData{Value: f.round(v.V)}
			}
		}
		bar := charts.NewBar()
		bar.SetGlobalOptions(append(base{id: id, title: title, desc: c.Desc, legend: true, tooltip: "axis"}.opts(),
			grid(gridTop(true, axisName(unit)), 24, 8),
			charts.WithXAxisOpts(opts.XAxis{Type: "category"}),
			charts.WithYAxisOpts(valueYAxis(unit, definedVals(f, cumulative, increments, expectedAmount), plan, f)))...)
		bar.SetXAxis(x)
		bar.AddSeries(l.Increment, nil, withData(incData), seriesAnimation,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorIncrement}),
			charts.WithBarChartOpts(opts.BarChart{BarWidth: "40%"}))

		cum := lineSeriesOpts(lineData(cumulative, f), false, colorNeutral)
		if plan.defined() {
			cum = append(cum, refLine(l.Plan, planText, false, f.round(plan.V))...)
		}
		addLine(&bar.MultiSeries, l.Cumulative, cum...)
		addLine(&bar.MultiSeries, l.Expected, lineSeriesOpts(lineData(expectedAmount, f), true, colorReference)...)
		return c, render(c, bar, nil)
	})
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
