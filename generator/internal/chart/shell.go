package chart

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// echart is what every go-echarts chart type we use provides.
type echart interface {
	Validate()
	JSON() map[string]interface{}
}

// shellCache holds the shells of a process by key. A key is the kind, the
// labels the shell shows and its shape (see each kind's shellKey), so a
// build has a handful of shells; a long-running process whose labels keep
// changing (serve) starts over past maxShells.
var shellCache struct {
	m sync.Map // string → *ShellRef (or error)
	n atomic.Int64
}

const maxShells = 1024

// shellEntry is a built shell, or the error building it gave.
type shellEntry struct {
	ref ShellRef
	err error
}

// shellFor returns the shell of key, built by build on first use. build
// returns the go-echarts chart and the extra object (nil for none).
func shellFor(key string, build func() (echart, map[string]any, error)) (ShellRef, error) {
	if e, ok := shellCache.m.Load(key); ok {
		se := e.(*shellEntry)
		return se.ref, se.err
	}
	se := &shellEntry{}
	se.ref, se.err = makeShell(key, build)
	if _, loaded := shellCache.m.LoadOrStore(key, se); !loaded && shellCache.n.Add(1) > maxShells {
		shellCache.m.Clear()
		shellCache.n.Store(0)
	}
	return se.ref, se.err
}

// resetShells empties the cache (tests and the uncached benchmark).
func resetShells() {
	shellCache.m.Clear()
	shellCache.n.Store(0)
}

// makeShell builds and marshals a shell. go-echarts panics on some misuse:
// the panic becomes an error here, at the boundary.
func makeShell(key string, build func() (echart, map[string]any, error)) (ref ShellRef, err error) {
	defer func() {
		if r := recover(); r != nil {
			ref, err = ShellRef{}, fmt.Errorf("go-echarts: %v", r)
		}
	}()
	ec, extra, err := build()
	if err != nil {
		return ShellRef{}, err
	}
	ec.Validate()
	if extra == nil {
		extra = map[string]any{}
	}
	// encoding/json sorts map keys and escapes <, >, & and U+2028/9: the
	// same shell gives the same bytes, and they are safe inside <script>.
	b, err := json.Marshal(map[string]any{"option": ec.JSON(), "extra": extra})
	if err != nil {
		return ShellRef{}, fmt.Errorf("shell options: %w", err)
	}
	h := fnv.New64a()
	h.Write(b)
	kind, _, _ := strings.Cut(key, "\x00")
	return ShellRef{Key: kind + "-" + strconv.FormatUint(h.Sum64(), 36), JSON: b}, nil
}

// keyOf joins a shell key's parts.
func keyOf(parts ...string) string { return strings.Join(parts, "\x00") }

func flag(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// animationExtra is in every shell. Animation: short on screen; charts.js turns it off for print and for
// prefers-reduced-motion. BaseConfiguration's animationDuration is a
// FuncStr (written as a string), so the numbers go in extra.
var animationExtra = map[string]any{"animationDuration": 400, "animationDurationUpdate": 300,
	// Tooltips stay inside the chart: on a phone they would leave the screen.
	"tooltip": map[string]any{"confine": true}}

// extraWith returns the common extra merged with more.
func extraWith(more map[string]any) map[string]any {
	m := make(map[string]any, len(animationExtra)+len(more))
	for k, v := range animationExtra {
		m[k] = v
	}
	for k, v := range more {
		m[k] = v
	}
	return m
}

// common are the global options of every shell. No title (the page shows
// Chart.Title as the caption), no aria from ECharts (the page puts
// Chart.Desc on the box, and ECharts would overwrite it), no toolbox, no
// font (the page's CSS chooses the Chinese font family).
func common(legend bool, trigger string) []charts.GlobalOpts {
	return []charts.GlobalOpts{
		charts.WithInitializationOpts(opts.Initialization{ChartID: "shell", AssetsHost: "/assets/"}),
		charts.WithAnimation(true),
		charts.WithTitleOpts(opts.Title{Show: opts.Bool(false)}),
		charts.WithToolboxOpts(opts.Toolbox{Show: opts.Bool(false)}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(legend), Top: "0", Left: "center",
			TextStyle: &opts.TextStyle{Color: colorText}}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(trigger != ""), Trigger: trigger}),
	}
}

// grid keeps axis labels inside the chart (containLabel), so that they fit
// a 360 px phone; top leaves room for the legend.
func grid(top, right, bottom int) charts.GlobalOpts {
	return charts.WithGridOpts(opts.Grid{
		ContainLabel: opts.Bool(true),
		Left:         "8",
		Top:          strconv.Itoa(top),
		Right:        strconv.Itoa(right),
		Bottom:       strconv.Itoa(bottom),
	})
}

// axisText is the style of axis labels and names: dark enough for 4.5:1.
var axisText = &opts.TextStyle{Color: colorText}

// valueAxisLabel is the tick label of a value axis.
func valueAxisLabel() *opts.AxisLabel {
	return &opts.AxisLabel{Show: opts.Bool(true), Color: colorText, HideOverlap: opts.Bool(true)}
}

// categoryAxisLabel prints every category (interval 0, set as a number in
// extra: go-echarts' Interval is a string), wrapping names longer than
// width px onto a second line instead of rotating or dropping them (names
// that would need a third are shortened: axisName).
func categoryAxisLabel(width int) *opts.AxisLabel {
	return &opts.AxisLabel{Show: opts.Bool(true), Color: colorText, Width: width, Overflow: "breakAll",
		ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true)}
}

// everyLabel is the extra that prints every category of an axis.
func everyLabel() map[string]any {
	return map[string]any{"axisLabel": map[string]any{"interval": 0, "hideOverlap": false}}
}

// Category label widths: names wrap at this width, onto two lines at most.
const (
	nameWidthPx  = 96
	shortWidthPx = 48
)

// axisNames shortens names that would not fit two lines of width px (by
// textWidth, with a margin for the font) to that, ending in "…": a row is
// 30 px, two lines. The full name is in the tooltip and the table.
func axisNames(names []string, width int) []string {
	limit := 2*width - 12
	var out []string
	for i, n := range names {
		if textWidth(n) <= limit {
			if out != nil {
				out[i] = n
			}
			continue
		}
		if out == nil {
			out = make([]string, len(names))
			copy(out, names[:i])
		}
		w, cut := 0, 0
		for j, r := range n {
			rw := 7
			if r >= 0x1100 {
				rw = 12
			}
			if w+rw > limit-12 {
				cut = j
				break
			}
			w += rw
		}
		out[i] = n[:cut] + "…"
	}
	if out == nil {
		return names
	}
	return out
}
