package chart

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// heatStops are the visual map's colours, low to high: the two ends differ
// in lightness (L* about 27 behind, 70 ahead), so that they read apart in
// greyscale and to every colour-blind reader, and 0 is white.
var heatStops = []string{colorBehind, colorOnPace, colorAhead}

const (
	heatRowPx    = 30
	heatBottomPx = 70 // the metric's name and the visual map under the grid
)

// Heatmap is the gap to pace of units (rows, top to bottom) over periods
// (cols, left to right), in ax (e.g. "与序时进度之差", "个百分点"; negative =
// behind). The scale diverges from 0, symmetric, dark brown-orange behind
// and light blue ahead; each cell prints its value ("-3.2", "+1.5") in
// black or white, whichever contrasts more with its colour (≥ 4.5:1). The
// visual map under the grid is labelled with the metric and unit. An
// undefined cell is blank (and "—" in the table).
func Heatmap(id, title string, ax Axis, cols []string, rows []string, cells [][]Cell, l Labels) (*Chart, error) {
	return guard(id, KindHeatmap, func() (*Chart, error) {
		l = l.fill()
		if err := ax.check(); err != nil {
			return nil, err
		}
		if len(cells) != len(rows) {
			return nil, fmt.Errorf("%d rows of cells for %d rows", len(cells), len(rows))
		}
		if err := checkCount("cells", len(rows)*len(cols)); err != nil {
			return nil, err
		}
		for r, row := range cells {
			if len(row) != len(cols) {
				return nil, fmt.Errorf("row %q has %d cells for %d columns", rows[r], len(row), len(cols))
			}
		}
		var ext extent
		var loAt, hiAt string
		undefined := 0
		for r, row := range cells {
			for c, cell := range row {
				if !cell.Defined {
					undefined++
					continue
				}
				if err := checkValue(fmt.Sprintf("cell %q %q", rows[r], cols[c]), cell.Value); err != nil {
					return nil, err
				}
				if !ext.ok || cell.Value < ext.lo {
					loAt = rows[r] + " " + cols[c]
				}
				if !ext.ok || cell.Value > ext.hi {
					hiAt = rows[r] + " " + cols[c]
				}
				ext.add(cell.Value)
			}
		}
		shell, err := shellFor(keyOf(KindHeatmap, ax.Name, ax.Unit, l.say("of", "", "")), func() (echart, map[string]any, error) {
			return heatmapShell(ax, &l)
		})
		if err != nil {
			return nil, err
		}

		m := 1.0
		if ext.ok {
			m = math.Max(math.Abs(ext.lo), math.Abs(ext.hi))
		}
		_, bound := niceRange(0, m)
		c := &Chart{Title: title, Shell: shell, Height: 8 + 28 + heatRowPx*max(len(rows), 1) + heatBottomPx}
		d := newData(256+len(rows)*len(cols)*72, c.Height)
		d.strings("x", axisNames(cols, shortWidthPx))
		d.strings("y", axisNames(rows, nameWidthPx))
		d.field("series")
		d.b = append(d.b, "[["...)
		tab := make([][]string, len(rows))
		n := 0
		for r, row := range cells {
			tr := make([]string, 0, len(cols)+1)
			tr = append(tr, rows[r])
			for ci, cell := range row {
				if !cell.Defined {
					tr = append(tr, l.Undefined)
					continue
				}
				text := ax.signed(cell.Value)
				tr = append(tr, text)
				if n > 0 {
					d.b = append(d.b, ',')
				}
				n++
				d.b = append(d.b, `{"name":`...)
				d.b = appendString(d.b, rows[r]+" "+cols[ci]+l.say("colon")+withUnitValue(text, ax.Unit))
				d.b = append(d.b, `,"value":[`...)
				d.b = appendNumber(d.b, float64(ci))
				d.b = append(d.b, ',')
				d.b = appendNumber(d.b, float64(r))
				d.b = append(d.b, ',')
				d.b = appendNumber(d.b, cell.Value)
				d.b = append(d.b, ',')
				d.b = appendString(d.b, text)
				d.b = append(d.b, `],"label":{"color":"`...)
				d.b = append(d.b, textOn(lerpColor(heatStops, (cell.Value+bound)/(2*bound)))...)
				d.b = append(d.b, `"}}`...)
			}
			tab[r] = tr
		}
		d.b = append(d.b, "]]"...)
		d.field("patch")
		d.b = append(d.b, `{"visualMap":[{`...)
		d.b = appendRange(d.b, -bound, bound)
		d.b = append(d.b, `,"text":`...)
		d.b = appendStrings(d.b, []string{ax.signed(bound), ax.signed(-bound)})
		d.b = append(d.b, "}]}"...)
		c.Data = d.done()

		c.Table = Table{Caption: l.paren(l.caption(title), ax.head(&l)), Head: append([]string{l.Unit}, cols...), Rows: tab,
			Num: make([]bool, len(cols)+1)}
		for i := 1; i < len(c.Table.Num); i++ {
			c.Table.Num[i] = true
		}
		desc := []string{title, l.say("grid", len(rows), len(cols)), l.say("of", ax.Name, ax.Unit)}
		if ext.ok {
			desc = append(desc, l.say("lowest", loAt, withUnitValue(ax.signed(ext.lo), ax.Unit)),
				l.say("highest", hiAt, withUnitValue(ax.signed(ext.hi), ax.Unit)))
		}
		if undefined > 0 {
			desc = append(desc, l.say("undefined", undefined))
		}
		c.Desc = l.joinDesc("heatmap", desc...)
		c.Key = []KeyItem{
			{Status: "behind", Color: colorBehind, Shape: "bar", Symbol: symbolBehind, Text: l.Behind},
			{Status: "ahead", Color: colorAhead, Shape: "bar", Symbol: symbolAhead, Text: l.Ahead},
		}
		if undefined > 0 {
			c.Key = append(c.Key, KeyItem{Status: "none", Color: "#ffffff", Border: "#bdbdbd", Shape: "bar", Text: l.NoData})
		}
		return c, nil
	})
}

func heatmapShell(ax Axis, l *Labels) (echart, map[string]any, error) {
	hm := charts.NewHeatMap()
	hm.SetGlobalOptions(append(common(false, "item"),
		grid(8, 16, heatBottomPx),
		// The metric and unit, over the visual map.
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(true), Title: ax.head(l), Left: "center", Bottom: "30",
			TitleStyle: &opts.TextStyle{Color: colorText, FontSize: 12, FontWeight: "normal"}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "category", Position: "top", AxisLabel: categoryAxisLabel(shortWidthPx),
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true), AxisLabel: categoryAxisLabel(nameWidthPx),
			SplitArea: &opts.SplitArea{Show: opts.Bool(true)}}),
		charts.WithVisualMapOpts(opts.VisualMap{
			Type:       "continuous",
			Calculable: opts.Bool(false),
			InRange:    &opts.VisualMapInRange{Color: heatStops},
			Orient:     "horizontal",
			Left:       "center",
			Bottom:     "0",
			TextStyle:  &opts.TextStyle{Color: colorText},
		}),
	)...)
	hm.AddSeries(ax.Name, nil,
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{@[3]}", FontSize: 11}),
		charts.WithItemStyleOpts(opts.ItemStyle{BorderColor: "#ffffff", BorderWidth: 1}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.SeriesTooltip = &opts.SeriesTooltip{Formatter: "{b}"} }))
	// visualMap.dimension is the value's index (go-echarts has a string);
	// min and max come with the data (go-echarts' are float32 omitempty).
	return hm, extraWith(map[string]any{
		"visualMap": []any{map[string]any{"dimension": 2, "itemHeight": 160}},
		"xAxis":     []any{everyLabel()},
		"yAxis":     []any{everyLabel()},
	}), nil
}
