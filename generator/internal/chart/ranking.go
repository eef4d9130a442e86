package chart

import (
	"fmt"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Bar charts lay out a fixed height per category, so that every name is
// printed (two lines of 12 px when it wraps).
const (
	barRowPx    = 30
	barAxisPx   = 44 // value axis labels and name under the bars
	legendRowPx = 26
)

// Ranking is a leaderboard: one horizontal bar per unit in the given order
// (best first, at the top), every unit's name on the left axis. Each bar is
// coloured by its status; its value, status symbol and flags are written in
// a column on the right ("8.2% ✓", "5.1% ✗ ▼末位", "6.0% ✓ 沿用"), a second
// category axis, so that no bar or tick ever covers them and the grid makes
// room for them on any width. The unit ranked last has its name in bold.
// Each unit's own target is a tick across its bar (the series
// Labels.OwnTargets, in the legend). An undefined value keeps its row, with
// "—" and no bar. A note (Bar.Note: "沿用 9月30日") is in the tooltip and
// the table; the column says Labels.Carried.
func Ranking(id, title string, ax Axis, bars []Bar, l Labels) (*Chart, error) {
	return guard(id, KindRanking, func() (*Chart, error) {
		l = l.fill()
		if err := ax.check(); err != nil {
			return nil, err
		}
		if err := checkCount("bars", len(bars)); err != nil {
			return nil, err
		}
		hasTargets := false
		for i := range bars {
			b := &bars[i]
			st, err := checkStatus(b.Status)
			if err != nil {
				return nil, fmt.Errorf("bar %d %q: %w", i+1, b.Name, err)
			}
			b.Status = st
			if b.Defined {
				if err := checkValue(fmt.Sprintf("bar %d %q", i+1, b.Name), b.Value); err != nil {
					return nil, err
				}
			}
			if b.HasTarget {
				if err := checkValue(fmt.Sprintf("bar %d %q: target", i+1, b.Name), b.Target); err != nil {
					return nil, err
				}
				hasTargets = true
			}
		}
		shell, err := shellFor(keyOf(KindRanking, ax.head(&l), l.OwnTargets, flag(hasTargets)), func() (echart, map[string]any, error) {
			return rankingShell(ax, &l, hasTargets)
		})
		if err != nil {
			return nil, err
		}

		top := 8
		if hasTargets {
			top = legendRowPx + 4
		}
		c := &Chart{Title: title, Shell: shell, Height: top + barRowPx*max(len(bars), 1) + barAxisPx}
		names := make([]string, len(bars))
		d := newData(256+96*len(bars), c.Height)
		d.field("series")
		d.b = append(d.b, "[["...)
		rows := make([][]string, len(bars))
		labels := make([]string, len(bars))
		var ext extent
		var hiName, loName string
		counts := map[string]int{}
		var lastNames []string
		undefined := 0
		for i := range bars {
			b := &bars[i]
			names[i] = b.Name
			status := rankingStatus(b, &l)
			label, tip := l.Undefined, b.Name+l.say("colon")+l.Undefined
			if b.Defined {
				label = strings.TrimSpace(ax.label(b.Value) + " " + status.short)
				tip = b.Name + l.say("colon") + ax.text(b.Value)
				if b.HasTarget {
					tip = l.paren(tip, l.Target+" "+ax.text(b.Target))
				}
				if status.long != "" {
					tip += " " + status.long
				}
				if !ext.ok || b.Value > ext.hi {
					hiName = b.Name
				}
				if !ext.ok || b.Value < ext.lo {
					loName = b.Name
				}
				ext.add(b.Value)
				counts[b.Status]++
				if b.Last {
					lastNames = append(lastNames, b.Name)
				}
			} else {
				undefined++
			}
			labels[i] = label
			if i > 0 {
				d.b = append(d.b, ',')
			}
			d.b = appendBarItem(d.b, b, i, tip)

			target := ""
			if b.HasTarget {
				target = ax.num(b.Target)
			}
			value := l.Undefined
			if b.Defined {
				value = ax.num(b.Value)
			}
			rows[i] = []string{b.Name, value, target, status.long}
		}
		d.b = append(d.b, ']')
		if hasTargets {
			d.b = append(d.b, ",["...)
			n := 0
			for i := range bars {
				b := &bars[i]
				if !b.HasTarget {
					continue
				}
				if n > 0 {
					d.b = append(d.b, ',')
				}
				n++
				d.b = append(d.b, `{"name":`...)
				d.b = appendString(d.b, b.Name+l.say("colon")+l.Target+" "+ax.text(b.Target))
				d.b = append(d.b, `,"value":[`...)
				d.b = appendNumber(d.b, b.Target)
				d.b = append(d.b, ',')
				d.b = appendNumber(d.b, float64(i))
				d.b = append(d.b, "]}"...)
			}
			d.b = append(d.b, ']')
		}
		d.b = append(d.b, ']')
		d.field("y")
		d.b = append(d.b, '[')
		for i, n := range axisNames(names, nameWidthPx) {
			if i > 0 {
				d.b = append(d.b, ',')
			}
			if bars[i].Last {
				d.b = append(d.b, `{"value":`...)
				d.b = appendString(d.b, n)
				d.b = append(d.b, `,"textStyle":{"fontWeight":"bold"}}`...)
			} else {
				d.b = appendString(d.b, n)
			}
		}
		d.b = append(d.b, ']')
		d.field("patch")
		d.b = append(d.b, `{"yAxis":[{},{"data":`...)
		d.b = appendStrings(d.b, labels)
		d.b = append(d.b, "}]}"...)
		c.Data = d.done()

		c.Table = Table{
			Caption: l.caption(title),
			Head:    []string{l.Unit, ax.head(&l), l.withUnit(l.Target, ax.Unit), l.Status},
			Rows:    rows,
			Num:     []bool{false, true, true, false},
		}
		desc := []string{title, l.say("items", len(bars)) + l.say("of", ax.Name, ax.Unit)}
		if ext.ok {
			desc = append(desc, l.say("highest", hiName, ax.text(ext.hi)), l.say("lowest", loName, ax.text(ext.lo)))
		}
		if k := counts[StatusMet]; k > 0 {
			desc = append(desc, l.say("met", k))
		}
		if k := counts[StatusBelow]; k > 0 {
			desc = append(desc, l.say("below", k))
		}
		for _, name := range lastNames {
			desc = append(desc, l.say("last", name))
		}
		if undefined > 0 {
			desc = append(desc, l.say("undefined", undefined))
		}
		if hasTargets {
			desc = append(desc, l.OwnTargets)
		}
		c.Desc = l.joinDesc("bars", desc...)
		c.Key = rankingKey(bars, &l, hasTargets)
		return c, nil
	})
}

// rankingStatus is a bar's status as symbols (short, in its label) and
// words (long, in its tooltip and the table).
type barStatus struct{ short, long string }

func rankingStatus(b *Bar, l *Labels) barStatus {
	var short, long []string
	sym, word := l.statusWord(b.Status)
	if b.Status != StatusNone {
		short = append(short, sym)
		long = append(long, sym+" "+word)
	} else {
		long = append(long, word)
	}
	if b.Last {
		short = append(short, symbolLast+l.Last)
		long = append(long, symbolLast+l.Last)
	}
	if b.Carried {
		short = append(short, l.Carried)
	}
	if note := b.Note; note != "" {
		long = append(long, note)
	} else if b.Carried {
		long = append(long, l.Carried)
	}
	return barStatus{strings.Join(short, " "), strings.Join(long, " ")}
}

// appendBarItem appends one bar: its value and row, its status colours.
func appendBarItem(dst []byte, b *Bar, row int, tip string) []byte {
	dst = append(dst, `{"name":`...)
	dst = appendString(dst, tip)
	dst = append(dst, `,"value":[`...)
	if b.Defined {
		dst = appendNumber(dst, b.Value)
	} else {
		dst = append(dst, '0')
	}
	dst = append(dst, ',')
	dst = appendNumber(dst, float64(row))
	dst = append(dst, `],"itemStyle":{`...)
	if !b.Defined {
		dst = append(dst, `"color":"transparent"}`...)
		return append(dst, '}')
	}
	s := barStyle(b)
	dst = append(dst, `"color":"`...)
	dst = append(dst, s.fill...)
	dst = append(dst, '"')
	if s.border != "" {
		dst = append(dst, `,"borderColor":"`...)
		dst = append(dst, s.border...)
		dst = append(dst, `","borderWidth":1`...)
		if s.dashed {
			dst = append(dst, `,"borderType":"dashed","borderWidth":1.5`...)
		}
	}
	dst = append(dst, '}')
	return append(dst, '}')
}

// rankingKey names each status the chart shows, in a fixed order.
func rankingKey(bars []Bar, l *Labels, targets bool) []KeyItem {
	var has = map[string]bool{}
	for i := range bars {
		b := &bars[i]
		if b.Defined {
			has[b.Status] = true
			has[StatusLast] = has[StatusLast] || b.Last
		}
		has[StatusCarried] = has[StatusCarried] || b.Carried
	}
	var key []KeyItem
	add := func(status string, s statusStyle) {
		if has[status] {
			sym, word := l.statusWord(status)
			key = append(key, KeyItem{Status: status, Color: s.fill, Border: s.border, Dashed: s.dashed, Shape: "bar", Symbol: sym, Text: word})
		}
	}
	add(StatusMet, barStyle(&Bar{Status: StatusMet}))
	add(StatusBelow, barStyle(&Bar{Status: StatusBelow}))
	add(StatusNone, barStyle(&Bar{Status: StatusNone}))
	add(StatusLast, barStyle(&Bar{Last: true}))
	add(StatusCarried, statusStyle{fill: "#ffffff", border: colorCarried, dashed: true})
	if targets {
		key = append(key, KeyItem{Status: "target", Color: colorMarker, Shape: "marker", Symbol: symbolTarget, Text: l.OwnTargets})
	}
	return key
}

// rankingShell is the ranking's option shell: bars whose data items carry
// [value, row, label], and the own-target ticks as a line series drawn
// without its line (the bundle has no scatter series; a line series of
// symbols is one).
func rankingShell(ax Axis, l *Labels, targets bool) (echart, map[string]any, error) {
	top := 8
	if targets {
		top = legendRowPx + 4
	}
	bar := charts.NewBar()
	bar.SetGlobalOptions(append(common(targets, "item"),
		grid(top, 8, 30),
		// The legend names the ticks alone, drawn as a tick.
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(targets), Top: "0", Left: "center",
			Data:      []any{map[string]any{"name": l.OwnTargets, "icon": "path://M0,0L2,0L2,6L0,6Z"}},
			TextStyle: &opts.TextStyle{Color: colorText}}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: ax.head(l), NameLocation: "middle", NameGap: 26,
			AxisLabel: valueAxisLabel()}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true),
			AxisLabel: categoryAxisLabel(nameWidthPx)}),
	)...)
	itemTip := &opts.SeriesTooltip{Formatter: "{b}"}
	// The value column: a second category axis on the right, same rows.
	bar.ExtendYAxis(opts.YAxis{Type: "category", Position: "right", Inverse: opts.Bool(true),
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Color: colorText}})
	bar.AddSeries(ax.Name, nil,
		charts.WithBarChartOpts(opts.BarChart{BarCategoryGap: "35%"}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) {
			s.Encode = &opts.Encode{X: 0, Y: 1}
			s.SeriesTooltip = itemTip
		}))
	if targets {
		s := charts.SingleSeries{Name: l.OwnTargets, Type: "line"}
		s.ConfigureSeriesOpts(
			charts.WithLineChartOpts(opts.LineChart{Symbol: "rect", SymbolSize: []int{4, 20}, ShowSymbol: opts.Bool(true)}),
			charts.WithLineStyleOpts(opts.LineStyle{Opacity: opts.Float(0)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: colorMarker, BorderColor: "#ffffff", BorderWidth: 1}),
			charts.WithSeriesOpts(func(s *charts.SingleSeries) {
				s.Encode = &opts.Encode{X: 0, Y: 1}
				s.SeriesTooltip = itemTip
			}))
		bar.MultiSeries = append(bar.MultiSeries, s)
	}
	// The value column has no line or ticks of its own.
	column := everyLabel()
	column["axisLine"] = map[string]any{"show": false}
	column["axisTick"] = map[string]any{"show": false}
	extra := extraWith(map[string]any{"yAxis": []any{everyLabel(), column}})
	if targets {
		// No line between the ticks, even on hover.
		extra["series"] = []any{map[string]any{}, map[string]any{"emphasis": map[string]any{"disabled": true}}}
	}
	return bar, extra, nil
}
