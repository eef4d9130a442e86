package chart

import (
	"fmt"
	"math"
	"strconv"
)

// One colour system for status, chosen to survive colour-blindness and
// greyscale: the status fills differ first in lightness (CIE L* about 34,
// 49, 65 and 82: TestStatusColours), and in hue only on the blue–vermillion
// axis that every common colour-vision deficiency keeps apart. Colour is
// never alone: every bar's label carries a symbol or a word (✓ 达标,
// ✗ 未达标, ▼末位, 沿用), and Chart.Key names each status shown.
//
// Only the unit being disciplined (末位) is warm; met is the darkest blue,
// below a light blue. So the best unit is never drawn orange or red.
const (
	colorMet         = "#1f4e8c" // dark blue
	colorBelow       = "#a6c8ec" // light blue
	colorBelowBorder = "#1f4e8c"
	colorNone        = "#9e9e9e" // mid grey
	colorNoneBorder  = "#5c5c5c"
	colorLast        = "#c2491d" // vermillion
	colorCarried     = "#1a1a1a" // dashed border of a carried value
	colorMarker      = "#1a1a1a" // own-target tick (white-edged: visible on dark and light bars)
	colorText        = "#1a1a1a" // labels: ≥ 15:1 on white
	colorMuted       = "#595959" // reference lines and their labels: 7:1 on white
	colorOthers      = "#b3b3b3" // lines not highlighted
	colorHighlight   = colorMet

	// Heatmap of the gap to pace: a diverging scale whose ends differ in
	// lightness (dark brown-orange behind, light blue ahead), white at 0.
	colorBehind = "#7f2704"
	colorOnPace = "#f7f7f7"
	colorAhead  = "#6baed6"
)

// Symbols written beside colour.
const (
	symbolMet     = "✓"
	symbolBelow   = "✗"
	symbolLast    = "▼"
	symbolTarget  = "|"
	symbolBehind  = "−"
	symbolAhead   = "+"
	symbolNoValue = ""
)

// palette colours the lines of several units when none is highlighted
// (Okabe–Ito, darkest first).
var palette = []string{"#0072b2", "#d55e00", "#009e73", "#cc79a7", "#000000", "#e69f00", "#56b4e9", "#7f7f7f"}

// statusStyle is a bar's fill and border by its status and flags.
type statusStyle struct {
	fill, border string
	dashed       bool
}

func barStyle(b *Bar) statusStyle {
	var s statusStyle
	switch b.Status {
	case StatusMet:
		s = statusStyle{fill: colorMet}
	case StatusBelow:
		s = statusStyle{fill: colorBelow, border: colorBelowBorder}
	default:
		s = statusStyle{fill: colorNone, border: colorNoneBorder}
	}
	if b.Last {
		s = statusStyle{fill: colorLast}
	}
	if b.Carried {
		s.border, s.dashed = colorCarried, true
	}
	return s
}

func checkStatus(s string) (string, error) {
	switch s {
	case StatusMet, StatusBelow, StatusNone:
		return s, nil
	case "":
		return StatusNone, nil
	}
	return "", fmt.Errorf("unknown status %q (want %q, %q or %q; last and carried are flags)", s, StatusMet, StatusBelow, StatusNone)
}

// statusWord is the status as the label, the table and the key write it.
func (l *Labels) statusWord(status string) (symbol, word string) {
	switch status {
	case StatusMet:
		return symbolMet, l.Met
	case StatusBelow:
		return symbolBelow, l.Below
	case StatusLast:
		return symbolLast, l.Last
	case StatusCarried:
		return "", l.Carried
	}
	return symbolNoValue, l.NoTarget
}

// rgb parses #rrggbb.
func rgb(hex string) (r, g, b float64) {
	v, _ := strconv.ParseUint(hex[1:], 16, 32)
	return float64(v >> 16 & 0xff), float64(v >> 8 & 0xff), float64(v & 0xff)
}

// luminance is the WCAG relative luminance of an sRGB colour (0–255 each).
func luminance(r, g, b float64) float64 {
	lin := func(c float64) float64 {
		c /= 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is the WCAG contrast ratio of two luminances.
func contrast(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	return (a + 0.05) / (b + 0.05)
}

// textOn returns black or white, whichever contrasts more with the fill
// (at least 4.58:1 for any fill).
func textOn(r, g, b float64) string {
	l := luminance(r, g, b)
	if contrast(l, 0) >= contrast(l, 1) {
		return "#000000"
	}
	return "#ffffff"
}

// lerpColor mirrors ECharts' continuous visualMap: each sRGB channel
// interpolated linearly between the stops, at t in [0, 1].
func lerpColor(stops []string, t float64) (r, g, b float64) {
	t = math.Max(0, math.Min(1, t))
	pos := t * float64(len(stops)-1)
	i := int(math.Floor(pos))
	if i >= len(stops)-1 {
		i = len(stops) - 2
	}
	f := pos - float64(i)
	r0, g0, b0 := rgb(stops[i])
	r1, g1, b1 := rgb(stops[i+1])
	// ECharts rounds each channel (zrender's color.lerp).
	return math.Round(r0 + (r1-r0)*f), math.Round(g0 + (g1-g0)*f), math.Round(b0 + (b1-b0)*f)
}
