package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

const gaugePx = 280

// Gauge is one figure on a dial with its own reference: the value as the
// progress arc and in large type under the metric's name, the reference
// (its own target, or the expected pace for a completion rate, named by
// the caller) as a tick across the arc and a line of text ("目标 100%").
// The dial runs from 0 (or below a negative figure) to 100 for a rate, or
// further to show both figures. With no reference (ref nil) there is no
// tick; an undefined value is an empty dial showing Labels.Undefined.
func Gauge(id, title string, ax Axis, v float64, defined bool, ref *Ref, l Labels) (*Chart, error) {
	return guard(id, KindGauge, func() (*Chart, error) {
		l = l.fill()
		if err := ax.check(); err != nil {
			return nil, err
		}
		if defined {
			if err := checkValue(ax.Name, v); err != nil {
				return nil, err
			}
		}
		if ref != nil {
			if err := checkValue(ref.Name, ref.Value); err != nil {
				return nil, err
			}
		}
		shell, err := shellFor(keyOf(KindGauge, ax.Name, ax.Unit, flag(ref != nil)), func() (echart, map[string]any, error) {
			return gaugeShell(ref != nil)
		})
		if err != nil {
			return nil, err
		}

		var ext extent
		ext.add(0)
		if ax.Unit == "%" {
			ext.add(100)
		}
		if defined {
			ext.add(v)
		}
		if ref != nil {
			ext.add(ref.Value)
		}
		lo, hi, step := niceSteps(ext.lo, ext.hi)
		split := int(math.Round((hi - lo) / step))

		c := &Chart{Title: title, Shell: shell, Height: gaugePx}
		valueText := l.Undefined
		shown := 0.0
		if defined {
			valueText, shown = ax.text(v), v
		}
		refText := ""
		d := newData(320, c.Height)
		d.field("series")
		d.b = append(d.b, `[[{"name":`...)
		d.b = appendString(d.b, ax.head(&l))
		d.b = append(d.b, `,"value":`...)
		d.b = appendNumber(d.b, shown)
		d.b = append(d.b, "}]"...)
		if ref != nil {
			refText = ref.Name + " " + ax.text(ref.Value)
			d.b = append(d.b, `,[{"name":`...)
			d.b = appendString(d.b, refText)
			d.b = append(d.b, `,"value":`...)
			d.b = appendNumber(d.b, ref.Value)
			d.b = append(d.b, "}]"...)
		}
		d.b = append(d.b, ']')
		d.field("patch")
		d.b = append(d.b, `{"series":[`...)
		series := 1
		if ref != nil {
			series = 2
		}
		for i := range series {
			if i > 0 {
				d.b = append(d.b, ',')
			}
			d.b = append(d.b, '{')
			d.b = appendRange(d.b, lo, hi)
			d.b = append(d.b, `,"splitNumber":`...)
			d.b = appendNumber(d.b, float64(split))
			d.b = append(d.b, `,"detail":{"formatter":`...)
			if i == 0 {
				d.b = appendString(d.b, valueText)
			} else {
				d.b = appendString(d.b, refText)
			}
			d.b = append(d.b, "}}"...)
		}
		d.b = append(d.b, "]}"...)
		c.Data = d.done()

		head := []string{l.Unit, ax.head(&l)}
		row := []string{title, ax.num(shown)}
		if !defined {
			row[1] = l.Undefined
		}
		desc := []string{title, l.say("value", ax.Name, valueText)}
		c.Key = []KeyItem{{Status: "value", Color: colorMet, Shape: "bar", Text: ax.Name}}
		if ref != nil {
			head = append(head, l.withUnit(ref.Name, ax.Unit))
			row = append(row, ax.num(ref.Value))
			desc = append(desc, refText)
			c.Key = append(c.Key, KeyItem{Status: "target", Color: colorMarker, Shape: "marker", Symbol: symbolTarget, Text: refText})
		}
		c.Table = Table{Caption: l.caption(title), Head: head, Rows: [][]string{row}, Num: []bool{false, true, true}[:len(head)]}
		c.Desc = l.joinDesc("gauge", desc...)
		return c, nil
	})
}

// gaugeShell: the value's dial (series 0) and the reference's tick
// (series 1, a short pointer offset to the rim, so it crosses the arc at
// the reference's angle).
func gaugeShell(ref bool) (echart, map[string]any, error) {
	g := charts.NewGauge()
	g.SetGlobalOptions(common(false, "")...)
	dial := func(s *charts.SingleSeries) {
		s.StartAngle, s.EndAngle = 210, -30
		s.Min, s.Max = 0, 100 // the data sets the range
		s.Center = []string{"50%", "58%"}
		s.Radius = "86%"
	}
	g.AddSeries("value", nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		dial(s)
		s.Progress = &opts.Progress{Show: opts.Bool(true), Width: 14, ItemStyle: &opts.ItemStyle{Color: colorMet}}
		s.AxisLine = &opts.AxisLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Width: 14}}
		s.AxisTick = &opts.AxisTick{Show: opts.Bool(false)}
		s.SplitLine = &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: colorMuted, Width: 1}}
		s.AxisLabel = &opts.AxisLabel{Show: opts.Bool(true), Color: colorText, FontSize: 11}
		s.Pointer = &opts.Pointer{Show: opts.Bool(false)}
		s.Title = &opts.Title{Show: opts.Bool(true), OffsetCenter: []string{"0", "28%"}}
		s.Detail = &opts.Detail{Show: opts.Bool(true), FontSize: 26, FontWeight: "bold", Color: colorText,
			OffsetCenter: []string{"0", "-4%"}}
	}))
	if ref {
		g.AddSeries("ref", nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			dial(s)
			s.AxisLine = &opts.AxisLine{Show: opts.Bool(false)}
			s.AxisTick = &opts.AxisTick{Show: opts.Bool(false)}
			s.SplitLine = &opts.SplitLine{Show: opts.Bool(false)}
			s.AxisLabel = &opts.AxisLabel{Show: opts.Bool(false)}
			s.Progress = &opts.Progress{Show: opts.Bool(false)}
			s.Pointer = &opts.Pointer{Show: opts.Bool(true), Icon: "rect", Length: "26%",
				OffsetCenter: []string{"0", "-78%"}, ItemStyle: &opts.ItemStyle{Color: colorMarker, BorderColor: "#ffffff", BorderWidth: 1}}
			s.Title = &opts.Title{Show: opts.Bool(false)}
			s.Detail = &opts.Detail{Show: opts.Bool(true), FontSize: 13, Color: colorText, OffsetCenter: []string{"0", "50%"}}
		}))
	}
	// axisLine's colour is a list of [stop, colour] pairs, and the
	// pointer's width a number: go-echarts has a string and no field.
	s0 := map[string]any{"axisLine": map[string]any{"lineStyle": map[string]any{"color": []any{[]any{1, "#e3e3e3"}}}},
		"title": map[string]any{"color": colorText, "fontSize": 13}}
	series := []any{s0}
	if ref {
		series = append(series, map[string]any{"pointer": map[string]any{"width": 5}, "tooltip": map[string]any{"show": false}})
	}
	return g, extraWith(map[string]any{"series": series}), nil
}
