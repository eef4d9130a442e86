package chart

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
)

// numFmt writes numbers the same way in the table, in labels and in the
// JSON (values are rounded to what is shown, so a tooltip never shows more
// digits than the table).
type numFmt struct {
	decimals int
	pct      bool // append "%"
	undef    string
}

var (
	fmtRate   = numFmt{decimals: 1}
	fmtAmount = numFmt{decimals: 2}
	fmtCount  = numFmt{decimals: 0}
)

// valueFmt is the format of Ranking, Trend and Heatmap values.
func (l Labels) valueFmt() numFmt {
	var f numFmt
	switch l.Format {
	case FormatRate:
		f = fmtRate
	case FormatAmount:
		f = fmtAmount
	case FormatCount:
		f = fmtCount
	default:
		f = fmtAmount
		if l.Unit == "%" {
			f = fmtRate
		}
	}
	return l.with(f)
}

// with completes f with the labels' "%" and undefined mark.
func (l Labels) with(f numFmt) numFmt {
	f.pct = l.Unit == "%"
	f.undef = l.undef()
	return f
}

func (l Labels) undef() string {
	if l.Undefined == "" {
		return "—"
	}
	return l.Undefined
}

func (l Labels) checkFormat() error {
	switch l.Format {
	case "", FormatRate, FormatAmount, FormatCount:
		return nil
	}
	return fmt.Errorf("unknown number format %q (want %q, %q or %q)", l.Format, FormatRate, FormatAmount, FormatCount)
}

// round returns v rounded to the shown decimals, half away from zero (四舍五入)
// on the shortest decimal form of v, i.e. on the number as it was written:
// 8.25 → 8.3 and 1.005 → 1.01, where binary rounding gives 8.2 and 1.00.
// Never -0.
func (f numFmt) round(v float64) float64 {
	r := roundHalfUp(v, f.decimals)
	if r == 0 {
		return 0
	}
	return r
}

func roundHalfUp(v float64, decimals int) float64 {
	var buf [32]byte // enough for the figures we show; longer ones spill to the heap
	s := strconv.AppendFloat(buf[:0], v, 'f', -1, 64)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	dot := bytes.IndexByte(s, '.')
	if dot < 0 || len(s)-dot-1 <= decimals {
		return v // already short enough
	}
	// n is the digits up to the last one shown, as an integer; from 2^53 on
	// (the figure is beyond any we show) it may not be exact.
	var n uint64
	for _, c := range s[:dot+1+decimals] {
		if c == '.' {
			continue
		}
		n = n*10 + uint64(c-'0')
		if n >= 1<<53 {
			p := math.Pow10(decimals)
			return math.Round(v*p) / p
		}
	}
	if s[dot+1+decimals] >= '5' {
		n++
	}
	// n and 10^decimals are exact, and division rounds correctly: r is the
	// double nearest to the decimal n/10^decimals.
	r := float64(n) / math.Pow10(decimals)
	if neg {
		r = -r
	}
	return r
}

// num writes a defined number.
func (f numFmt) num(v float64) string {
	return f.fixed(f.round(v))
}

// fixed writes a number already rounded (f.round): f.num(v) is
// f.fixed(f.round(v)).
func (f numFmt) fixed(r float64) string {
	var buf [32]byte
	return string(f.appendFixed(buf[:0], r))
}

func (f numFmt) appendFixed(dst []byte, r float64) []byte {
	dst = strconv.AppendFloat(dst, r, 'f', f.decimals, 64)
	if f.pct {
		dst = append(dst, '%')
	}
	return dst
}

// roundAll returns the points rounded (f.round), OK false where undefined.
func roundAll(f numFmt, points []Value) []Value {
	out := make([]Value, len(points))
	for i, v := range points {
		if v.defined() {
			out[i] = Value{V: f.round(v.V), OK: true}
		}
	}
	return out
}

// str writes v, or the undefined mark.
func (f numFmt) str(v Value) string {
	if !v.defined() {
		return f.undef
	}
	return f.num(v.V)
}

// withUnit appends a unit to a column head or caption: "数值（亿元）",
// "Value (亿元)". "%" is not appended: the cells carry it.
func withUnit(head, unit string) string {
	if unit == "" || unit == "%" {
		return head
	}
	if isASCII(head) {
		return head + " (" + unit + ")"
	}
	return head + "（" + unit + "）"
}

// withNote appends a note such as "目标 8.0%" to a caption.
func withNote(caption, note string) string {
	if isASCII(caption) {
		return caption + " (" + note + ")"
	}
	return caption + "（" + note + "）"
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// spaced joins a label and a value: "目标 8.0%", "目标 12.00 亿元".
func spaced(label, value, unit string) string {
	s := value
	if unit != "" && unit != "%" {
		s += " " + unit
	}
	if label == "" {
		return s
	}
	return label + " " + s
}

// valueAxisLabel shows "%" on the tick labels; other units are the axis name.
func valueAxisLabel(unit string) *opts.AxisLabel {
	if unit == "%" {
		return &opts.AxisLabel{Formatter: "{value}%"}
	}
	return nil
}

func axisName(unit string) string {
	if unit == "%" {
		return ""
	}
	return unit
}

// labelSuffix is appended to "{c}" in value labels.
func labelSuffix(unit string) string {
	if unit == "%" {
		return "%"
	}
	return ""
}

// axisRange returns nice bounds for a value axis that must show ref as well
// as the data: ECharts leaves mark lines out of its axis extent, so a target
// above every value would be drawn off the chart. ok is false when ref is
// already within the data (ECharts' own bounds are then fine). Like
// ECharts, the range includes 0.
func axisRange(vals []float64, ref float64) (lo, hi float64, split int, ok bool) {
	if len(vals) > 0 {
		dlo, dhi := vals[0], vals[0]
		for _, v := range vals[1:] {
			dlo = math.Min(dlo, v)
			dhi = math.Max(dhi, v)
		}
		if dlo <= ref && ref <= dhi {
			return 0, 0, 0, false
		}
		lo, hi = math.Min(dlo, ref), math.Max(dhi, ref)
	} else {
		lo, hi = ref, ref
	}
	lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	if hi == lo {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / 5)
	lo = clean(math.Floor(lo/step) * step)
	hi = clean(math.Ceil(hi/step) * step)
	return lo, hi, int(math.Round((hi - lo) / step)), true
}

// niceStep rounds x up to 1, 2, 3 or 5 × 10^n: the steps ECharts' own
// nice() keeps unchanged, so the ticks it computes from min, max and
// splitNumber fall on our bounds.
func niceStep(x float64) float64 {
	exp := math.Floor(math.Log10(x))
	p := math.Pow(10, exp)
	f := x / p
	switch {
	case f <= 1:
		f = 1
	case f <= 2:
		f = 2
	case f <= 3:
		f = 3
	case f <= 5:
		f = 5
	default:
		f = 10
	}
	return clean(f * p)
}

// clean drops floating-point noise (0.30000000000000004 → 0.3).
func clean(x float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	if r == 0 {
		return 0
	}
	return r
}

// definedVals collects the rounded defined values of several series.
func definedVals(f numFmt, series ...[]Value) []float64 {
	var out []float64
	for _, s := range series {
		for _, v := range s {
			if v.defined() {
				out = append(out, f.round(v.V))
			}
		}
	}
	return out
}

// definedRounded collects the defined values of rounded series (roundAll).
func definedRounded(series ...[]Value) []float64 {
	n := 0
	for _, s := range series {
		n += len(s)
	}
	out := make([]float64, 0, n)
	for _, s := range series {
		for _, v := range s {
			if v.OK {
				out = append(out, v.V)
			}
		}
	}
	return out
}

// lineItems is lineData of rounded points (roundAll).
func lineItems(rounded []Value) []interface{} {
	data := make([]interface{}, len(rounded))
	for i, v := range rounded {
		if v.OK {
			data[i] = opts.LineData{Value: v.V}
		}
	}
	return data
}

// barItems is a bar series' data of rounded points (roundAll): a typed
// item per defined point, null otherwise.
func barItems(rounded []Value) []interface{} {
	data := make([]interface{}, len(rounded))
	for i, v := range rounded {
		if v.OK {
			data[i] = opts.BarData{Value: v.V}
		}
	}
	return data
}

// lineData is a line's data: a typed item per defined point, null otherwise.
func lineData(points []Value, f numFmt) []interface{} {
	data := make([]interface{}, len(points))
	for i, v := range points {
		if v.defined() {
			data[i] = opts.LineData{Value: f.round(v.V)}
		}
	}
	return data
}

// span describes the x range of a time series: "2023-01-31至2023-06-30".
func (l Labels) span(x []string) string {
	switch len(x) {
	case 0:
		return ""
	case 1:
		return x[0]
	}
	return l.say("span", x[0], x[len(x)-1])
}

// lastOK returns the index of the last defined rounded point, or -1.
func lastOK(rounded []Value) int {
	for i := len(rounded) - 1; i >= 0; i-- {
		if rounded[i].OK {
			return i
		}
	}
	return -1
}

// last returns the last defined point and its index, or -1.
func last(points []Value) (Value, int) {
	for i := len(points) - 1; i >= 0; i-- {
		if points[i].defined() {
			return points[i], i
		}
	}
	return Value{}, -1
}

// joinDesc builds a description sentence from its parts, skipping empty ones.
func (l Labels) joinDesc(kind string, parts ...string) string {
	var b strings.Builder
	b.WriteString(l.say(kind))
	b.WriteString(l.say("colon"))
	first := true
	for _, p := range parts {
		if p == "" {
			continue
		}
		if !first {
			b.WriteString(l.say("sep"))
		}
		b.WriteString(p)
		first = false
	}
	return b.String()
}
