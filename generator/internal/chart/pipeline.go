package chart

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Pipeline is the five-stage pipeline (五个一批) as horizontal bars in the
// given order (the documents': 竣工投产, 开工建设, 储备展望, 前期推进,
// 谋划入库), bar length the project count, each bar labelled with its count
// and amount ("8个 · 40.10亿元"). A stage of 0 projects has no bar and its
// label "0个 · …": zero is zero. Labels are dark text outside the bars
// (≥ 15:1 on white).
func Pipeline(id, title string, stages []Stage, l Labels) (*Chart, error) {
	return guard(id, KindPipeline, func() (*Chart, error) {
		l = l.fill()
		if err := checkCount("stages", len(stages)); err != nil {
			return nil, err
		}
		for i, s := range stages {
			if s.Count < 0 || s.Count > 1<<53 {
				return nil, fmt.Errorf("stage %d %q: count %d outside 0…2^53", i+1, s.Name, s.Count)
			}
		}
		countHead := l.withUnit(l.Count, l.CountUnit)
		shell, err := shellFor(keyOf(KindPipeline, countHead), func() (echart, map[string]any, error) {
			bar := charts.NewBar()
			bar.SetGlobalOptions(append(common(false, "item"),
				grid(8, 56, 30),
				charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: countHead, NameLocation: "middle", NameGap: 26,
					MinInterval: 1, AxisLabel: valueAxisLabel()}),
				charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: categoryAxisLabel(nameWidthPx)}),
			)...)
			bar.AddSeries(l.Count, nil,
				charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{@[2]}", Color: colorText, FontSize: 12}),
				charts.WithItemStyleOpts(opts.ItemStyle{Color: colorMet}),
				charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}),
				charts.WithSeriesOpts(func(s *charts.SingleSeries) {
					s.Encode = &opts.Encode{X: 0, Y: 1}
					s.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b}"}
				}))
			return bar, extraWith(map[string]any{"yAxis": []any{everyLabel()}}), nil
		})
		if err != nil {
			return nil, err
		}
		c := &Chart{Title: title, Shell: shell, Height: 8 + barRowPx*max(len(stages), 1) + barAxisPx}
		names := make([]string, len(stages))
		rows := make([][]string, len(stages))
		desc := []string{title, l.say("items", len(stages))}
		d := newData(128+96*len(stages), c.Height)
		d.field("series")
		d.b = append(d.b, "[["...)
		labelW := 0
		for i, s := range stages {
			names[i] = s.Name
			n := strconv.Itoa(s.Count)
			label := n + l.CountUnit + " · " + s.Amount
			labelW = max(labelW, textWidth(label))
			if i > 0 {
				d.b = append(d.b, ',')
			}
			d.b = append(d.b, `{"name":`...)
			d.b = appendString(d.b, s.Name+l.say("colon")+n+l.CountUnit+l.say("sep")+s.Amount)
			d.b = append(d.b, `,"value":[`...)
			d.b = append(d.b, n...)
			d.b = append(d.b, ',')
			d.b = strconv.AppendInt(d.b, int64(i), 10)
			d.b = append(d.b, ',')
			d.b = appendString(d.b, label)
			d.b = append(d.b, "]}"...)
			rows[i] = []string{s.Name, n, s.Amount}
			desc = append(desc, l.say("stage", s.Name, s.Count, s.Amount))
		}
		d.b = append(d.b, "]]"...)
		d.strings("y", axisNames(names, nameWidthPx))
		d.field("patch")
		d.b = append(d.b, '{')
		d.b = appendGrid(d.b, -1, labelW+16)
		d.b = append(d.b, '}')
		c.Data = d.done()
		c.Table = Table{Caption: l.caption(title), Head: []string{l.Stage, countHead, l.Amount}, Rows: rows, Num: []bool{false, true, true}}
		c.Desc = l.joinDesc("bars", desc...)
		return c, nil
	})
}
