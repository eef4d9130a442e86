package chart

import (
	"math"
	"strconv"
)

// extent tracks the smallest and largest of some values.
type extent struct {
	lo, hi float64
	ok     bool
}

func (e *extent) add(v float64) {
	if !e.ok {
		e.lo, e.hi, e.ok = v, v, true
		return
	}
	e.lo = math.Min(e.lo, v)
	e.hi = math.Max(e.hi, v)
}

// niceRange returns bounds on 1, 2, 2.5 or 5 × 10ⁿ steps around lo…hi and
// 0, about five steps: the axis range a chart sets when it must show a
// mark line (ECharts leaves mark lines out of its own extent, so a target
// above every value would be drawn off the chart). ECharts' own nice()
// keeps such steps, so its ticks fall on these bounds.
func niceRange(lo, hi float64) (min, max float64) {
	min, max, _ = niceSteps(lo, hi)
	return min, max
}

// niceSteps is niceRange with its step.
func niceSteps(lo, hi float64) (min, max, step float64) {
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi == lo {
		hi = lo + 1
	}
	step = niceStep((hi - lo) / 5)
	return clean(math.Floor(lo/step) * step), clean(math.Ceil(hi/step) * step), step
}

// niceStep rounds x > 0 up to 1, 2, 2.5 or 5 × 10ⁿ.
func niceStep(x float64) float64 {
	if !(x > 0) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	var f float64
	switch r := x / p; {
	case r <= 1:
		f = 1
	case r <= 2:
		f = 2
	case r <= 2.5:
		f = 2.5
	case r <= 5:
		f = 5
	default:
		f = 10
	}
	return clean(f * p)
}

// clean drops floating-point noise (0.30000000000000004 → 0.3), so that
// the bounds we publish are the numbers meant.
func clean(x float64) float64 {
	r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if err != nil || r == 0 {
		return 0
	}
	return r
}
