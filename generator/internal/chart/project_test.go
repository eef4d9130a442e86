package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// projectBefore is Project as it was before the template (commit 893bb6e),
// verbatim but for the name and seriesTableBefore: every option built by
// go-echarts and marshalled per chart. It is the reference the template
// path is held to.
func projectBefore(id, title string, x []string, cumulative []Value, increments []Value, expectedAmount []Value, plan Value, l Labels) (*Chart, error) {
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
			Table: seriesTableBefore(caption, x,
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

// seriesTableBefore is seriesTable before tableOf (commit 893bb6e).
func seriesTableBefore(caption string, x []string, heads []string, cols [][]Value, fs []numFmt) Table {
	t := Table{Caption: caption, Head: append([]string{""}, heads...), NumCols: make([]bool, len(heads)+1)}
	for i := range heads {
		t.NumCols[i+1] = true
	}
	t.Rows = make([][]string, len(x))
	for r, xv := range x {
		row := make([]string, 0, len(cols)+1)
		row = append(row, xv)
		for c, col := range cols {
			row = append(row, fs[c].strBefore(col[r]))
		}
		t.Rows[r] = row
	}
	return t
}

// roundHalfUpBefore, numBefore and strBefore are the number formatting
// before the allocation-free roundHalfUp and fixed (commit 893bb6e).
func roundHalfUpBefore(v float64, decimals int) float64 {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	dot := strings.IndexByte(s, '.')
	if dot < 0 || len(s)-dot-1 <= decimals {
		return v // already short enough
	}
	n, err := strconv.ParseUint(s[:dot]+s[dot+1:dot+1+decimals], 10, 64)
	if err != nil || n >= 1<<53 {
		p := math.Pow10(decimals) // beyond any figure we show
		return math.Round(v*p) / p
	}
	if s[dot+1+decimals] >= '5' {
		n++
	}
	r := float64(n) / math.Pow10(decimals)
	if neg {
		r = -r
	}
	return r
}

func (f numFmt) numBefore(v float64) string {
	r := roundHalfUpBefore(v, f.decimals)
	if r == 0 {
		r = 0
	}
	s := strconv.FormatFloat(r, 'f', f.decimals, 64)
	if f.pct {
		s += "%"
	}
	return s
}

func (f numFmt) strBefore(v Value) string {
	if !v.defined() {
		return f.undef
	}
	return f.numBefore(v.V)
}

type projectCase struct {
	name          string
	title         string
	x             []string
	cum, inc, exp []Value
	plan          Value
	l             Labels
	fallback      bool // built by go-echarts (a label holds a sentinel)
	wantErr       string
}

func vals(vs ...float64) []Value {
	out := make([]Value, len(vs))
	for i, v := range vs {
		out[i] = def(v)
	}
	return out
}

func projectCases() []projectCase {
	m12 := make([]string, 12)
	for i := range m12 {
		m12[i] = fmt.Sprintf("2024-%02d-28", i+1)
	}
	var cum, inc, exp []Value
	total := 0.0
	for i := range m12 {
		inc = append(inc, def(0.37*float64(i%4)))
		total += 0.37 * float64(i%4)
		cum = append(cum, def(total))
		exp = append(exp, def(12*float64(i+1)/12))
	}
	nan, inf := Value{V: math.NaN(), OK: true}, Value{V: math.Inf(-1), OK: true}
	const evil = "</script><script>alert(\"x\")</script> & <!-- \u2028\u2029 \\ \t\n\x01 \xff\xfe"
	long := strings.Repeat("某某市经济技术开发区新能源汽车零部件产业园（二期）标准化厂房及配套设施建设项目", 8)
	m := money(labels)
	pct := labels // Unit "%"
	noUnit := labels
	noUnit.Unit = ""
	en := Labels{Unit: "100M yuan", Plan: "Plan", Increment: "Increment", Cumulative: "Cumulative", Expected: "Expected pace",
		Phrases: map[string]string{"combo": "Bars and lines", "colon": ": ", "sep": ", ", "span": "%s to %s", "value_at": "%s %s (%s)"}}
	blankLabels := Labels{Phrases: map[string]string{"combo": "", "colon": ""}}
	evilLabels := m
	evilLabels.Plan, evilLabels.Increment, evilLabels.Cumulative, evilLabels.Expected, evilLabels.Unit = evil, "<b>", "&amp;", "\u2028", "亿元</script>"
	collide := m
	collide.Plan = `"` + sentinel(slotPlanY) // its JSON holds the quoted sentinel
	collide2 := m
	collide2.Increment = "x" + strconv.Itoa(intSentinel)

	return []projectCase{
		{name: "fixture", title: "某产业园项目", x: months[:4], cum: vals(1.2, 2.5, 2.5, 4), inc: vals(1.2, 1.3, 0, 1.5), exp: vals(1, 2, 3, 4), plan: def(12), l: m},
		{name: "12 months, plan above data", title: "某产业园项目", x: m12, cum: cum, inc: inc, exp: exp, plan: def(12), l: m},
		{name: "plan within data", title: "项目", x: m12, cum: cum, inc: inc, exp: exp, plan: def(3), l: m},
		{name: "no plan", title: "项目", x: m12, cum: cum, inc: inc, exp: make([]Value, 12), plan: undef, l: m},
		{name: "plan NaN", title: "项目", x: months[:2], cum: vals(1, 2), inc: vals(1, 1), exp: []Value{undef, undef}, plan: Value{V: math.NaN(), OK: true}, l: m},
		{name: "plan zero", title: "项目", x: months[:2], cum: vals(0, 0), inc: vals(0, 0), exp: vals(0, 0), plan: def(0), l: m},
		{name: "plan zero no data", title: "项目", x: months[:2], cum: []Value{undef, undef}, inc: []Value{undef, undef}, exp: []Value{undef, undef}, plan: def(0), l: m},
		{name: "plan negative", title: "项目", x: months[:3], cum: vals(-1, -2.5, 3), inc: vals(-1, -1.5, 5.5), exp: vals(-0.5, -1, -1.5), plan: def(-8), l: m},
		{name: "missing months", title: "项目", x: months, cum: []Value{undef, def(1.234), undef, undef, def(2.005), undef},
			inc: []Value{undef, def(1.234), undef, undef, def(0.771), undef}, exp: []Value{def(1), undef, def(3), undef, undef, def(6)}, plan: def(12), l: m},
		{name: "all undefined", title: "项目", x: months, cum: make([]Value, 6), inc: make([]Value, 6), exp: make([]Value, 6), plan: undef, l: m},
		{name: "NaN and Inf are undefined", title: "项目", x: months[:3], cum: []Value{nan, def(1), inf}, inc: []Value{inf, nan, def(-0.0)}, exp: []Value{nan, nan, nan}, plan: def(5), l: m},
		{name: "zero and negative zero", title: "项目", x: months[:3], cum: vals(0, math.Copysign(0, -1), -0.004), inc: vals(-0.001, 0.004, -0.005), exp: vals(0.005, -0.0049, 0), plan: def(0.001), l: m},
		{name: "tiny and huge", title: "项目", x: months[:4], cum: vals(1e-7, 1e20+0.5, 1e21, 1e22), inc: vals(-1e22, 123456789.125, 1e300, -1e-300), exp: vals(9.999999e20, 1.0000001e21, 5e-324, 0.125), plan: def(3e21), l: m},
		{name: "half-up rounding", title: "项目", x: months[:4], cum: vals(1.005, 8.125, 2.675, 123456.785), inc: vals(-1.005, -2.675, 0.045, 0.055), exp: vals(1.0049999, 9.995, 99.995, 0.1+0.2), plan: def(12.345), l: m},
		{name: "no months (nil)", title: "项目", x: nil, cum: nil, inc: nil, exp: nil, plan: def(12), l: m},
		{name: "no months (empty)", title: "项目", x: []string{}, cum: []Value{}, inc: []Value{}, exp: []Value{}, plan: undef, l: m},
		{name: "one month", title: "项目", x: months[:1], cum: vals(0.5), inc: vals(0.5), exp: []Value{undef}, plan: def(1), l: m},
		{name: "empty title", title: "", x: months[:2], cum: vals(1, 2), inc: vals(1, 1), exp: vals(1, 2), plan: def(4), l: m},
		{name: "empty description", title: "", x: nil, cum: nil, inc: nil, exp: nil, plan: undef, l: blankLabels},
		{name: "script in names", title: evil, x: []string{evil, "2024-02-29", evil + "2"}, cum: vals(1, 2, 3), inc: vals(1, 1, 1), exp: vals(1, 2, 3), plan: def(10), l: m},
		{name: "script in labels", title: "项目", x: months[:2], cum: vals(1, 2), inc: vals(1, 1), exp: vals(1, 2), plan: def(10), l: evilLabels},
		{name: "long CJK names", title: long, x: []string{long, "二〇二四年二月", "２月"}, cum: vals(1, 2, 3), inc: vals(1, 1, 1), exp: vals(1, 2, 3), plan: def(30), l: m},
		{name: "percent unit", title: "项目", x: months[:3], cum: vals(1, 2, 3), inc: vals(1, 1, 1), exp: vals(1, 2, 3), plan: def(50), l: pct},
		{name: "no unit", title: "项目", x: months[:3], cum: vals(1, 2, 3), inc: vals(1, 1, 1), exp: vals(1, 2, 3), plan: def(50), l: noUnit},
		{name: "English labels", title: "Industrial park", x: months[:3], cum: vals(1, 2, 3), inc: vals(1, 1, 1), exp: vals(1, 2, 3), plan: def(50), l: en},
		{name: "empty labels", title: "项目", x: months[:3], cum: vals(1, 2, 3), inc: vals(1, 1, 1), exp: vals(1, 2, 3), plan: def(50), l: Labels{}},
		{name: "sentinel text in a title", title: sentinel(slotTitle) + strconv.Quote(sentinel(slotX)), x: []string{strconv.Itoa(intSentinel)}, cum: vals(1), inc: vals(1), exp: vals(1), plan: def(5), l: m},
		{name: "sentinel text in a label", title: "项目", x: months[:2], cum: vals(1, 2), inc: vals(1, 1), exp: vals(1, 2), plan: def(10), l: collide, fallback: true},
		{name: "int sentinel in a label", title: "项目", x: months[:2], cum: vals(1, 2), inc: vals(1, 1), exp: vals(1, 2), plan: def(10), l: collide2, fallback: true},
		{name: "length mismatch", title: "项目", x: months[:2], cum: vals(1, 2), inc: vals(1), exp: vals(1, 2), plan: undef, l: m, wantErr: "increments has 1 points"},
	}
}

// TestProjectFastPath: the template gives the bytes, and the whole chart,
// that go-echarts gives, and that Project gave before the template.
func TestProjectFastPath(t *testing.T) {
	for _, tt := range projectCases() {
		t.Run(tt.name, func(t *testing.T) {
			before := projectFallbacks.Load()
			fast, errFast := Project("c_projects_p1_0", tt.title, tt.x, tt.cum, tt.inc, tt.exp, tt.plan, tt.l)
			if fell := projectFallbacks.Load() > before; fell != tt.fallback && tt.wantErr == "" {
				t.Errorf("fell back to go-echarts: %v; want %v", fell, tt.fallback)
			}
			slow, errSlow := project("c_projects_p1_0", tt.title, tt.x, tt.cum, tt.inc, tt.exp, tt.plan, tt.l, false)
			old, errOld := projectBefore("c_projects_p1_0", tt.title, tt.x, tt.cum, tt.inc, tt.exp, tt.plan, tt.l)
			if tt.wantErr != "" {
				for _, err := range []error{errFast, errSlow, errOld} {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
						t.Errorf("err = %v; want %q", err, tt.wantErr)
					}
				}
				if fast != nil || errFast.Error() != errOld.Error() {
					t.Errorf("fast: %v, %v; before: %v", fast, errFast, errOld)
				}
				return
			}
			if errFast != nil || errSlow != nil || errOld != nil {
				t.Fatalf("errors: fast %v, go-echarts %v, before %v", errFast, errSlow, errOld)
			}
			if !bytes.Equal(fast.Options, old.Options) {
				t.Errorf("options differ from before:\n got %s\nwant %s", fast.Options, old.Options)
			}
			if !bytes.Equal(slow.Options, old.Options) {
				t.Errorf("go-echarts options differ from before:\n got %s\nwant %s", slow.Options, old.Options)
			}
			if !reflect.DeepEqual(fast, old) {
				t.Errorf("chart differs from before:\n got %+v\nwant %+v", *fast, *old)
			}
			if !reflect.DeepEqual(slow, old) {
				t.Errorf("go-echarts chart differs from before")
			}
			if !json.Valid(fast.Options) {
				t.Errorf("invalid JSON: %s", fast.Options)
			}
			for _, bad := range []string{"</", "<script", "<b>", sentinelPrefix + "1"} {
				if bytes.Contains(fast.Options, []byte(bad)) && !strings.Contains(tt.title, sentinelPrefix) && !tt.fallback {
					t.Errorf("options contain %q", bad)
				}
			}
		})
	}
}

// TestProjectFastPathRandom: random figures and names, the same bytes.
func TestProjectFastPathRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"", "a", "某项目", "</script>", "\u2028", "\xff", "&<>\"\\", "二〇二四-01"}
	value := func() Value {
		switch rng.IntN(12) {
		case 0:
			return undef
		case 1:
			return Value{V: math.NaN(), OK: true}
		case 2:
			return def(0)
		case 3:
			return def(math.Float64frombits(rng.Uint64())) // anything, NaN and Inf included
		case 4:
			return def(float64(rng.IntN(2000)-1000) / 1000) // x.xx5 ties
		default:
			return def((rng.Float64() - 0.3) * math.Pow10(rng.IntN(8)))
		}
	}
	for i := range 2000 {
		n := rng.IntN(14)
		x := make([]string, n)
		cum, inc, exp := make([]Value, n), make([]Value, n), make([]Value, n)
		for j := range x {
			x[j] = names[rng.IntN(len(names))] + strconv.Itoa(j)
			cum[j], inc[j], exp[j] = value(), value(), value()
		}
		if n == 0 && rng.IntN(2) == 0 {
			x, cum, inc, exp = nil, nil, nil, nil
		}
		l := money(labels)
		if rng.IntN(4) == 0 {
			l = labels
		}
		title := names[rng.IntN(len(names))]
		plan := value()
		fast, err1 := Project("c_1", title, x, cum, inc, exp, plan, l)
		old, err2 := projectBefore("c_1", title, x, cum, inc, exp, plan, l)
		if (err1 == nil) != (err2 == nil) || err1 != nil && err1.Error() != err2.Error() {
			t.Fatalf("case %d: err %v; before %v", i, err1, err2)
		}
		if !reflect.DeepEqual(fast, old) {
			t.Fatalf("case %d differs:\n got %s\nwant %s", i, fast.Options, old.Options)
		}
	}
}

// TestProjectConcurrent: the template cache is safe for a parallel build.
func TestProjectConcurrent(t *testing.T) {
	cases := projectCases()
	want := make([]*Chart, len(cases))
	for i, tt := range cases {
		want[i], _ = projectBefore("c_1", tt.title, tt.x, tt.cum, tt.inc, tt.exp, tt.plan, tt.l)
	}
	projectTemplates.m.Clear()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for r := range 20 {
				i := (g + r) % len(cases)
				tt := cases[i]
				c, _ := Project("c_1", tt.title, tt.x, tt.cum, tt.inc, tt.exp, tt.plan, tt.l)
				if !reflect.DeepEqual(c, want[i]) {
					t.Errorf("%s: differs under concurrency", tt.name)
				}
			}
		})
	}
	wg.Wait()
}

func TestTemplateCacheBound(t *testing.T) {
	var c templateCache
	for i := range maxTemplates + 10 {
		c.get(i, func() *optTemplate { return &optTemplate{} })
	}
	n := 0
	c.m.Range(func(any, any) bool { n++; return true })
	if n > maxTemplates {
		t.Errorf("%d templates cached; want ≤ %d", n, maxTemplates)
	}
}

func TestAppendJSONString(t *testing.T) {
	check := func(s string) {
		t.Helper()
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: got %s; want %s", s, got, want)
		}
	}
	for b := range 256 {
		check(string([]byte{byte(b)}))
		check("a" + string([]byte{byte(b)}) + "中")
	}
	for r := rune(0); r < 0x3000; r++ {
		check(string(r))
	}
	for _, s := range []string{"", "</script>", "\u2028\u2029", "\xed\xa0\x80", "\xf4\x90\x80\x80", "中文\xe4\xb8", "\U0001F600", "\x7f",
		"a\"b\\c/d", "<!--", "&amp;", "\ufffd", "\xef\xbf\xbd"} {
		check(s)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = byte(rng.IntN(256))
		}
		check(string(b))
		if utf8.Valid(b) {
			check(string(b) + "ok")
		}
	}
}

func TestAppendJSONFloat(t *testing.T) {
	check := func(f float64) {
		t.Helper()
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendJSONFloat(nil, f); !bytes.Equal(got, want) {
			t.Errorf("%v (%x): got %s; want %s", f, math.Float64bits(f), got, want)
		}
	}
	edges := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.30000000000000004, 1e-6, 9.99999e-7, math.Nextafter(1e-6, 0),
		1e-7, 1e-9, 1e-10, 1.5e-300, 5e-324, 1e20, 1e21, math.Nextafter(1e21, 0), 1e22, 1.7976931348623157e308,
		123456789012345680, 1e15, 1e16, 12.345, 100, 1e-5, 2.5e-8}
	for _, f := range edges {
		check(f)
		check(-f)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		f := math.Float64frombits(rng.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		check(f)
		check(roundHalfUp(rng.Float64()*math.Pow10(rng.IntN(30)-10), 2))
	}
}

// TestRoundAndFormat: the allocation-free rounding and formatting give
// what they gave.
func TestRoundAndFormat(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	check := func(v float64) {
		t.Helper()
		for d := range 4 {
			got, want := roundHalfUp(v, d), roundHalfUpBefore(v, d)
			if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
				t.Errorf("roundHalfUp(%v, %d) = %v; before %v", v, d, got, want)
			}
			f := numFmt{decimals: d, pct: d == 1}
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				if got, want := f.num(v), f.numBefore(v); got != want {
					t.Errorf("num(%v) = %q; before %q", v, got, want)
				}
			}
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 8.25, -2.25, 1.005, 0.5, 2.5, 1e20 + 0.5, 123456.785, 90071992547409.95,
		900719925474099.5, 9007199254740993, 1e300, -1e300, 5e-324, 1e-7, 0.045, 0.055, 99.995, math.Inf(1), math.NaN()} {
		check(v)
		check(-v)
	}
	for range 50000 {
		check((rng.Float64() - 0.5) * math.Pow10(rng.IntN(24)-6))
		check(float64(rng.IntN(200000)-100000) / 1000)
		check(math.Float64frombits(rng.Uint64()))
	}
}

// TestSeriesTable: tableOf gives the tables seriesTable gave.
func TestSeriesTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 500 {
		n, k := rng.IntN(8), rng.IntN(4)
		x := make([]string, n)
		for i := range x {
			x[i] = strconv.Itoa(i)
		}
		heads := make([]string, k)
		cols := make([][]Value, k)
		fs := make([]numFmt, k)
		for c := range cols {
			heads[c] = "h" + strconv.Itoa(c)
			fs[c] = numFmt{decimals: rng.IntN(3), pct: rng.IntN(2) == 0, undef: "—"}
			cols[c] = make([]Value, n)
			for i := range cols[c] {
				if rng.IntN(4) > 0 {
					cols[c][i] = def((rng.Float64() - 0.5) * 1000)
				}
			}
		}
		got, want := seriesTable("cap", x, heads, cols, fs), seriesTableBefore("cap", x, heads, cols, fs)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("got %+v; want %+v", got, want)
		}
	}
}
