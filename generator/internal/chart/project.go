package chart

import (
	"errors"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Project is a project's chart, drawn on every project page: of one year,
// the cumulative completion as reported (Labels.Completed) and the
// expected-pace amount (Labels.Expected, dashed) over time, with the plan
// as a horizontal line ("计划投资 12.00 亿元"); of several years (a
// multi-year campaign), each year's plan beside its completion (the year's
// last defined cumulative value). ax names the amounts and their unit.
//
// Its shell is shared by every project page of the same shape, so a chart
// costs its data, table and description: a few µs (BenchmarkProjectChart).
func Project(id, title string, ax Axis, years []ProjectYear, l Labels) (*Chart, error) {
	return guard(id, KindProject, func() (*Chart, error) {
		l = l.fill()
		if err := ax.check(); err != nil {
			return nil, err
		}
		if len(years) == 0 {
			return nil, errors.New("no years")
		}
		if err := checkCount("years", len(years)); err != nil {
			return nil, err
		}
		for _, y := range years {
			what := "year " + y.Year
			if y.HasPlan {
				if err := checkValue(what+": plan", y.Plan); err != nil {
					return nil, err
				}
			}
			if err := checkPoints(what, y.Points); err != nil {
				return nil, err
			}
			if err := checkPoints(what+": expected", y.Expected); err != nil {
				return nil, err
			}
		}
		if len(years) == 1 {
			return projectYear(title, ax, &years[0], &l)
		}
		return projectYears(title, ax, years, &l)
	})
}

// projectYear is the one-year chart.
func projectYear(title string, ax Axis, y *ProjectYear, l *Labels) (*Chart, error) {
	hasExpected := len(y.Expected) > 0
	t := &timeShell{kind: KindProject, yName: ax.head(l), yMin: true, legend: true, lines: []lineSpec{
		{color: colorMet, width: 2.5, marks: y.HasPlan, markColor: colorText},
	}}
	if hasExpected {
		t.lines = append(t.lines, lineSpec{color: colorMuted, width: 2, dashed: true})
	}
	shell, err := shellFor(t.key(l), func() (echart, map[string]any, error) { return t.build(l) })
	if err != nil {
		return nil, err
	}
	ld := &lineData{names: []string{l.Completed}, series: [][]Point{y.Points}, top: t.top(), right: -1}
	heads := []string{l.withUnit(l.Completed, ax.Unit)}
	if hasExpected {
		ld.names = append(ld.names, l.Expected)
		ld.series = append(ld.series, y.Expected)
		heads = append(heads, l.withUnit(l.Expected, ax.Unit))
	}
	caption := l.caption(title)
	planText := ""
	if y.HasPlan {
		planText = l.Plan + " " + ax.text(y.Plan)
		ld.marks = [][]mark{{{name: planText, value: y.Plan}}}
		if hasExpected {
			ld.marks = append(ld.marks, nil)
		}
		var ext extent
		for _, s := range ld.series {
			for _, p := range s {
				if p.Defined {
					ext.add(p.Value)
				}
			}
		}
		if !ext.ok || y.Plan > ext.hi || y.Plan < ext.lo {
			ext.add(y.Plan)
			lo, hi := niceRange(ext.lo, ext.hi)
			ld.yRange = &[2]float64{lo, hi}
		}
		caption = l.paren(caption, planText)
	}
	height := t.top() + timeChartPx
	c := &Chart{Title: title, Shell: shell, Height: height, Data: ld.write(height)}
	c.Table = timeTable(caption, l.Date, heads, ld.series, ax, l)
	desc := []string{title, l.say("of", ax.Name, ax.Unit), l.span(ld.series...)}
	if p, ok := latest(y.Points); ok {
		desc = append(desc, l.say("latest", l.Completed, ax.text(p.Value), p.Date))
	}
	if p, ok := latest(y.Expected); ok {
		desc = append(desc, l.say("latest", l.Expected, ax.text(p.Value), p.Date))
	}
	desc = append(desc, planText)
	c.Desc = l.joinDesc("line", desc...)
	if y.HasPlan {
		c.Key = []KeyItem{{Status: "target", Color: colorText, Shape: "dashed-line", Text: planText}}
	}
	return c, nil
}

// projectYears is the multi-year chart: per year, the plan (light, framed)
// beside the completion (dark), each labelled with its value.
func projectYears(title string, ax Axis, years []ProjectYear, l *Labels) (*Chart, error) {
	shell, err := shellFor(keyOf(KindProject, "years", ax.head(l), l.Plan, l.Completed), func() (echart, map[string]any, error) {
		bar := charts.NewBar()
		bar.SetGlobalOptions(append(common(true, "item"),
			grid(legendRowPx+axisNamePx, 16, 8),
			charts.WithXAxisOpts(opts.XAxis{Type: "category", AxisLabel: categoryAxisLabel(64)}),
			charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: ax.head(l), Min: 0, AxisLabel: valueAxisLabel()}),
		)...)
		label := charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "top", Formatter: "{@[2]}", Color: colorText, FontSize: 11})
		tip := charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Encode = &opts.Encode{X: 0, Y: 1}
			s.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b}"}
		})
		bar.AddSeries(l.Plan, nil, label, tip,
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorBelow, BorderColor: colorBelowBorder, BorderWidth: 1}))
		bar.AddSeries(l.Completed, nil, label, tip, charts.WithItemStyleOpts(opts.ItemStyle{Color: colorMet}))
		return bar, extraWith(map[string]any{"xAxis": []any{everyLabel()},
			"yAxis": []any{map[string]any{"nameTextStyle": map[string]any{"align": "left", "color": colorText}}}}), nil
	})
	if err != nil {
		return nil, err
	}
	height := legendRowPx + axisNamePx + timeChartPx
	c := &Chart{Title: title, Shell: shell, Height: height}
	names := make([]string, len(years))
	rows := make([][]string, len(years))
	d := newData(256+160*len(years), height)
	d.field("series")
	var plans, done []byte
	desc := []string{title, l.say("of", ax.Name, ax.Unit)}
	for i, y := range years {
		names[i] = y.Year
		if i > 0 {
			plans = append(plans, ',')
			done = append(done, ',')
		}
		row := []string{y.Year, l.Undefined, l.Undefined}
		planText, doneText := l.Undefined, l.Undefined
		if y.HasPlan {
			row[1] = ax.num(y.Plan)
			planText = ax.text(y.Plan)
			plans = appendColumn(plans, i, y.Plan, ax.num(y.Plan), y.Year+" "+l.Plan+l.say("colon")+planText)
		} else {
			plans = append(plans, "null"...)
		}
		if p, ok := latest(y.Points); ok {
			row[2] = ax.num(p.Value)
			doneText = ax.text(p.Value)
			done = appendColumn(done, i, p.Value, ax.num(p.Value), l.paren(y.Year+" "+l.Completed+l.say("colon")+doneText, p.Date))
		} else {
			done = append(done, "null"...)
		}
		rows[i] = row
		desc = append(desc, l.say("year", y.Year, l.Plan, planText, l.Completed, doneText))
	}
	d.b = append(d.b, "[["...)
	d.b = append(d.b, plans...)
	d.b = append(d.b, "],["...)
	d.b = append(d.b, done...)
	d.b = append(d.b, "]]"...)
	d.strings("x", names)
	c.Data = d.done()
	c.Table = Table{Caption: l.caption(title), Head: []string{l.Year, l.withUnit(l.Plan, ax.Unit), l.withUnit(l.Completed, ax.Unit)},
		Rows: rows, Num: []bool{false, true, true}}
	c.Desc = l.joinDesc("columns", desc...)
	return c, nil
}

// appendColumn appends a column item {name, value: [col, v, label]}.
func appendColumn(dst []byte, col int, v float64, label, tip string) []byte {
	dst = append(dst, `{"name":`...)
	dst = appendString(dst, tip)
	dst = append(dst, `,"value":[`...)
	dst = appendNumber(dst, float64(col))
	dst = append(dst, ',')
	dst = appendNumber(dst, v)
	dst = append(dst, ',')
	dst = appendString(dst, label)
	return append(dst, "]}"...)
}
