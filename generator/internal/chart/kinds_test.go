package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// get walks a merged option: string keys into objects, ints into arrays.
func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			a, _ := v.([]any)
			if k >= len(a) {
				return nil
			}
			v = a[k]
		}
	}
	return v
}

func strs(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		switch x := x.(type) {
		case string:
			out = append(out, x)
		case map[string]any:
			out = append(out, x["value"].(string))
		}
	}
	return out
}

func fixtureNamed(t *testing.T, name string) *Chart {
	t.Helper()
	for _, f := range fixtures() {
		if f.name == name {
			return mustBuild(t, f)
		}
	}
	t.Fatalf("no fixture %q", name)
	return nil
}

func keyTexts(c *Chart) []string {
	var out []string
	for _, k := range c.Key {
		out = append(out, strings.TrimSpace(k.Symbol+" "+k.Text))
	}
	return out
}

func TestRanking(t *testing.T) {
	c := fixtureNamed(t, "ranking")
	o, d := merged(t, c)
	bars := rankingBars()

	t.Run("every unit named, every label printed", func(t *testing.T) {
		if got := strs(get(o, "yAxis", 0, "data")); !slices.Equal(got, district) {
			t.Errorf("category axis = %q; want %q", got, district)
		}
		if got := get(o, "yAxis", 0, "axisLabel", "interval"); got != 0.0 {
			t.Errorf("axisLabel.interval = %v; want 0", got)
		}
		if got := get(o, "yAxis", 0, "axisLabel", "rotate"); got != nil {
			t.Errorf("axisLabel.rotate = %v; want none", got)
		}
		if got, want := d.Height, float64(barRowPx*12); got < want {
			t.Errorf("height = %v; want at least %v for 12 bars", got, want)
		}
		if d.Height != float64(c.Height) {
			t.Errorf("data height %v, Chart.Height %d", d.Height, c.Height)
		}
	})
	t.Run("labels carry status symbols", func(t *testing.T) {
		got := strs(get(o, "yAxis", 1, "data"))
		want := []string{"18.4% ✓", "16.7% ✗", "15.0%", "13.3% ✓", "11.6% ✓ 沿用", "9.9% ✓", "8.2% ✓", "6.5% ✗",
			"4.8% ✗", "—", "-0.3% ✗", "-0.3% ✗ ▼末位"}
		if !slices.Equal(got, want) {
			t.Errorf("value column = %q; want %q", got, want)
		}
		if get(o, "yAxis", 0, "data", 11, "textStyle", "fontWeight") != "bold" {
			t.Errorf("last unit's name is not bold: %v", get(o, "yAxis", 0, "data", 11))
		}
	})
	t.Run("status colours and key", func(t *testing.T) {
		for i, want := range []string{colorMet, colorBelow, colorNone, colorMet, colorMet, colorMet, colorMet, colorBelow, colorBelow, "transparent", colorBelow, colorLast} {
			if got := get(o, "series", 0, "data", i, "itemStyle", "color"); got != want {
				t.Errorf("bar %d %s colour = %v; want %s", i, district[i], got, want)
			}
		}
		if got := get(o, "series", 0, "data", 4, "itemStyle", "borderType"); got != "dashed" {
			t.Errorf("carried bar border = %v; want dashed", got)
		}
		want := []string{"✓ 达标", "✗ 未达标", "无目标", "▼ 末位", "沿用", "| 各自目标"}
		if got := keyTexts(c); !slices.Equal(got, want) {
			t.Errorf("key = %q; want %q", got, want)
		}
		if get(o, "series", 0, "data", 0, "itemStyle", "color") == colorLast {
			t.Error("the best unit is drawn in the warm colour")
		}
	})
	t.Run("own targets", func(t *testing.T) {
		if got := get(o, "series", 1, "name"); got != "各自目标" {
			t.Errorf("target series = %v; want 各自目标", got)
		}
		if got := get(o, "legend", "data", 0, "name"); got != "各自目标" {
			t.Errorf("legend = %v; want 各自目标", get(o, "legend", "data"))
		}
		var got []string
		for _, it := range get(o, "series", 1, "data").([]any) {
			v := get(it, "value").([]any)
			got = append(got, fmt.Sprintf("%s=%v", district[int(v[1].(float64))], v[0]))
		}
		var want []string
		for _, b := range bars {
			if b.HasTarget {
				want = append(want, fmt.Sprintf("%s=%v", b.Name, b.Target))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("target ticks = %q; want %q", got, want)
		}
	})
	t.Run("table and description", func(t *testing.T) {
		if got := c.Table.Head; !slices.Equal(got, []string{"单位", "投资增速（%）", "目标（%）", "状态"}) {
			t.Errorf("head = %q", got)
		}
		if got := c.Table.Rows[4][3]; got != "✓ 达标 沿用 6月30日" {
			t.Errorf("carried row status = %q", got)
		}
		if got := c.Table.Rows[9][1]; got != "—" {
			t.Errorf("undefined row value = %q; want —", got)
		}
		for _, want := range []string{"投资增速（%）", "最高为兴庆区 18.4%", "末位为月牙湖乡", "1项无数据"} {
			if !strings.Contains(c.Desc, want) {
				t.Errorf("desc %q lacks %q", c.Desc, want)
			}
		}
	})
}

func TestTimeAxis(t *testing.T) {
	for _, tt := range []struct {
		fixture string
		series  map[string][]Point // by series name: the points as given
	}{
		{"pace", map[string][]Point{
			"完成率":  points(reportDates, func(i int) (float64, bool) { return round1(7.5 * float64(i+1)), i != 7 }),
			"序时进度": expectedPace(reportDates),
		}},
		{"trend", map[string][]Point{
			"金凤区": points(reportDates[:6], func(i int) (float64, bool) { return round1(2 + 0.8*float64(i)), true }),
		}},
		{"project", map[string][]Point{"完成投资": projectFixture(1)[0].Points, "序时进度": projectFixture(1)[0].Expected}},
		{"rank-history", nil},
	} {
		t.Run(tt.fixture, func(t *testing.T) {
			o, _ := merged(t, fixtureNamed(t, tt.fixture))
			if got := get(o, "xAxis", 0, "type"); got != "time" {
				t.Errorf("xAxis.type = %v; want time", got)
			}
			if got := get(o, "xAxis", 0, "data"); got != nil {
				t.Errorf("time axis has categories %v", got)
			}
			for _, s := range o["series"].([]any) {
				if got := get(s, "connectNulls"); got == true {
					t.Errorf("series %v connects nulls", get(s, "name"))
				}
			}
			for name, want := range tt.series {
				var got []any
				for _, s := range o["series"].([]any) {
					if get(s, "name") == name {
						got = get(s, "data").([]any)
					}
				}
				if len(got) != len(want) {
					t.Fatalf("series %s has %d points; want %d as given", name, len(got), len(want))
				}
				for i, p := range want {
					var v any
					if p.Defined {
						v = p.Value
					}
					if pt := got[i].([]any); pt[0] != p.Date || pt[1] != v {
						t.Errorf("series %s point %d = %v; want [%s %v]", name, i, pt, p.Date, v)
					}
				}
			}
		})
	}
}

func TestTrendHighlight(t *testing.T) {
	c := fixtureNamed(t, "trend")
	if got := c.Key; len(got) != 1 || got[0].Text != "兴庆区目标 12.0%" || got[0].Color != colorHighlight {
		t.Errorf("key = %+v; want the target line 兴庆区目标 12.0%% in the highlight colour", got)
	}
	o, _ := merged(t, c)
	if got := strs(get(o, "legend", "data")); !slices.Equal(got, []string{"兴庆区", "其他单位"}) {
		t.Errorf("legend = %q; want [兴庆区 其他单位]", got)
	}
	for _, s := range o["series"].([]any) {
		name := get(s, "name")
		color := get(s, "lineStyle", "color")
		switch name {
		case "兴庆区":
			if color != colorHighlight || get(s, "endLabel", "show") != true {
				t.Errorf("highlighted line: colour %v, end label %v", color, get(s, "endLabel"))
			}
			if got := get(s, "markLine", "data", 0); get(got, "yAxis") != 12.0 || get(got, "name") != "兴庆区目标 12.0%" {
				t.Errorf("own target line = %v; want 兴庆区目标 12.0%% at 12", got)
			}
		default:
			if color != colorOthers {
				t.Errorf("line %v colour = %v; want grey", name, color)
			}
		}
	}
}

func TestRankHistory(t *testing.T) {
	o, _ := merged(t, fixtureNamed(t, "rank-history"))
	y := get(o, "yAxis", 0)
	if get(y, "inverse") != true || get(y, "min") != 1.0 || get(y, "max") != 12.0 {
		t.Errorf("rank axis = inverse %v min %v max %v; want true 1 12", get(y, "inverse"), get(y, "min"), get(y, "max"))
	}
	if got := strs(get(o, "legend", "data")); !slices.Equal(got, []string{"永宁县", "其他单位"}) {
		t.Errorf("legend = %q; want [永宁县 其他单位]", got)
	}
	for _, s := range o["series"].([]any) {
		if get(s, "name") == "灵武市" {
			if got := get(s, "data", 2, 1); got != nil {
				t.Errorf("unranked period = %v; want null (a gap)", got)
			}
		}
	}
}

func TestPipeline(t *testing.T) {
	c := fixtureNamed(t, "pipeline")
	o, _ := merged(t, c)
	if got := strs(get(o, "yAxis", 0, "data")); !slices.Equal(got, []string{"竣工投产", "开工建设", "储备展望", "前期推进", "谋划入库"}) {
		t.Errorf("stages = %q; want the documents' order", got)
	}
	if got := get(o, "series", 0, "type"); got != "bar" {
		t.Errorf("pipeline drawn as %v; want bar", got)
	}
	zero := get(o, "series", 0, "data", 0, "value").([]any)
	if zero[0] != 0.0 || zero[2] != "0个 · 0.00亿元" {
		t.Errorf("empty stage = %v; want 0 with label 0个 · 0.00亿元", zero)
	}
	if got := get(o, "series", 0, "data", 1, "value", 2); got != "55个 · 512.75亿元" {
		t.Errorf("label = %v", got)
	}
	if get(o, "series", 0, "label", "position") != "right" || get(o, "series", 0, "label", "color") != colorText {
		t.Errorf("labels are not dark text beside the bars: %v", get(o, "series", 0, "label"))
	}
}

func TestGauge(t *testing.T) {
	for _, tt := range []struct {
		fixture          string
		value, ref, text string
		max              float64
	}{
		{"gauge-start", "58.3%", "目标 100.0%", "开工率为58.3%", 100},
		{"gauge-completion", "112.3%", "序时进度 66.7%", "完成率为112.3%", 125},
		{"gauge-bare", "—", "", "资金到位率为—", 100},
	} {
		t.Run(tt.fixture, func(t *testing.T) {
			c := fixtureNamed(t, tt.fixture)
			o, _ := merged(t, c)
			if got := get(o, "series", 0, "detail", "formatter"); got != tt.value {
				t.Errorf("value text = %v; want %s", got, tt.value)
			}
			if got := get(o, "series", 0, "max"); got != tt.max {
				t.Errorf("dial max = %v; want %v", got, tt.max)
			}
			if !strings.Contains(c.Desc, tt.text) {
				t.Errorf("desc %q lacks %q", c.Desc, tt.text)
			}
			if tt.ref == "" {
				if n := len(o["series"].([]any)); n != 1 {
					t.Errorf("%d series; want the dial alone", n)
				}
				return
			}
			if got := get(o, "series", 1, "detail", "formatter"); got != tt.ref {
				t.Errorf("reference text = %v; want %s", got, tt.ref)
			}
			if get(o, "series", 1, "pointer", "show") != true || get(o, "series", 1, "max") != tt.max {
				t.Errorf("reference marker not on the dial: %v", get(o, "series", 1))
			}
			if !strings.Contains(c.Desc, tt.ref) || !slices.Contains(keyTexts(c), "| "+tt.ref) {
				t.Errorf("reference %q not named in desc %q / key %q", tt.ref, c.Desc, keyTexts(c))
			}
			if strings.Contains(c.Desc+strings.Join(keyTexts(c), ""), "累计完成投资") {
				t.Error("a rate is called an amount")
			}
		})
	}
}

func TestHeatmap(t *testing.T) {
	c := fixtureNamed(t, "heatmap")
	o, _ := merged(t, c)
	vm := get(o, "visualMap", 0)
	if get(vm, "min") != -12.5 || get(vm, "max") != 12.5 || get(vm, "dimension") != 2.0 {
		t.Errorf("visual map = %v; want symmetric ±12.5 on dimension 2", vm)
	}
	if got := get(o, "title", "text"); got != "与序时进度之差（个百分点）" {
		t.Errorf("visual map label = %v; want the metric and unit", got)
	}
	stops := get(vm, "inRange", "color").([]any)
	lo, hi := luminance(rgb(stops[0].(string))), luminance(rgb(stops[2].(string)))
	if contrast(lo, hi) < 3 {
		t.Errorf("scale ends %v and %v differ %.1f:1 in lightness; want ≥ 3:1", stops[0], stops[2], contrast(lo, hi))
	}
	data := get(o, "series", 0, "data").([]any)
	if len(data) != 12*6-1 {
		t.Errorf("%d cells; want 71 (one undefined)", len(data))
	}
	for _, it := range data {
		v := get(it, "value").([]any)
		x, y, val, text := int(v[0].(float64)), int(v[1].(float64)), v[2].(float64), v[3].(string)
		if want := c.Table.Rows[y][x+1]; text != want {
			t.Errorf("cell %s %d label %q; table says %q", district[y], x, text, want)
		}
		r, g, b := lerpColor(heatStops, (val+12.5)/25)
		fg := get(it, "label", "color").(string)
		if k := contrast(luminance(r, g, b), luminance(rgb(fg))); k < 4.5 {
			t.Errorf("cell %s %d: text %s on its colour %.2f:1; want ≥ 4.5", district[y], x, fg, k)
		}
	}
}

func TestProject(t *testing.T) {
	o, _ := merged(t, fixtureNamed(t, "project"))
	ml := get(o, "series", 0, "markLine", "data", 0)
	if get(ml, "yAxis") != 12.0 || get(ml, "name") != "计划投资 12.00 亿元" {
		t.Errorf("plan line = %v", ml)
	}
	if get(o, "yAxis", 0, "max").(float64) < 12 {
		t.Errorf("y axis max %v cuts the plan off", get(o, "yAxis", 0, "max"))
	}
	c := fixtureNamed(t, "project-years")
	o, _ = merged(t, c)
	if got := strs(get(o, "xAxis", 0, "data")); !slices.Equal(got, []string{"2023", "2024", "2025"}) {
		t.Errorf("years = %q", got)
	}
	if got := c.Table.Rows[2]; !slices.Equal(got, []string{"2025", "18.00", "6.66"}) {
		t.Errorf("last year row = %q", got)
	}
}

// TestStatusColours pins the colour system: fills apart in lightness (so
// in greyscale), text at ≥ 4.5:1, nothing warm but the last unit.
func TestStatusColours(t *testing.T) {
	lstar := func(hex string) float64 {
		y := luminance(rgb(hex))
		if y > 216.0/24389 {
			return 116*math.Cbrt(y) - 16
		}
		return y * 24389 / 27
	}
	fills := []string{colorMet, colorLast, colorNone, colorBelow}
	for i := 1; i < len(fills); i++ {
		if d := lstar(fills[i]) - lstar(fills[i-1]); d < 10 {
			t.Errorf("L*(%s) − L*(%s) = %.1f; want ≥ 10", fills[i], fills[i-1], d)
		}
	}
	white := luminance(255, 255, 255)
	for _, c := range []string{colorText, colorMuted} {
		if k := contrast(luminance(rgb(c)), white); k < 4.5 {
			t.Errorf("text %s on white %.2f:1; want ≥ 4.5", c, k)
		}
	}
	for _, c := range []string{colorMet, colorBelowBorder, colorNoneBorder, colorLast, colorMarker} {
		if k := contrast(luminance(rgb(c)), white); k < 3 {
			t.Errorf("mark %s on white %.2f:1; want ≥ 3 (WCAG non-text)", c, k)
		}
	}
}

// TestSafeInScript: hostile names in every place cannot close the script
// element, open a comment or end a JavaScript line, in shells and data.
func TestSafeInScript(t *testing.T) {
	for _, name := range []string{"hostile", "hostile-trend"} {
		t.Run(name, func(t *testing.T) {
			c := fixtureNamed(t, name)
			for what, b := range map[string][]byte{"shell": c.Shell.JSON, "data": c.Data} {
				for _, bad := range []string{"<", ">", "&", "\u2028", "\u2029"} {
					if i := bytes.Index(b, []byte(bad)); i >= 0 {
						t.Errorf("%s has %q at %d: %s", what, bad, i, b[max(0, i-20):min(len(b), i+20)])
					}
				}
				if !json.Valid(b) {
					t.Errorf("%s is not JSON", what)
				}
			}
			page := string(AppendFigure(AppendShell(nil, c.Shell), c, "显示数据"))
			if n := strings.Count(page, "</script>"); n != 2 {
				t.Errorf("page has %d </script>; want 2 (shell and data)", n)
			}
			if strings.Contains(page, "<!--") || strings.Contains(page, "<img") {
				t.Errorf("page has raw markup from a name:\n%s", page)
			}
			o, _ := merged(t, c)
			names, _ := json.Marshal(o)
			if !strings.Contains(string(names), hostile[0][:9]) && !strings.Contains(string(names), `\u003c/script\u003e`) {
				t.Errorf("the hostile names are not in the merged option")
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			a := mustBuild(t, f)
			resetShells()
			b := mustBuild(t, f)
			if !bytes.Equal(a.Data, b.Data) || !bytes.Equal(a.Shell.JSON, b.Shell.JSON) || a.Shell.Key != b.Shell.Key {
				t.Errorf("%s: two builds differ", f.name)
			}
			if a.Desc != b.Desc || !slices.EqualFunc(a.Table.Rows, b.Table.Rows, slices.Equal) {
				t.Errorf("%s: table or description differ", f.name)
			}
		})
	}
}

func TestShellsShared(t *testing.T) {
	l := DefaultLabels
	a, err := Project("c_projects_a_0", "甲", amount, projectFixture(1), l)
	if err != nil {
		t.Fatal(err)
	}
	ys := projectFixture(1)
	ys[0].Plan = 99
	b, err := Project("c_projects_b_0", "乙", amount, ys, l)
	if err != nil {
		t.Fatal(err)
	}
	if a.Shell.Key != b.Shell.Key || &a.Shell.JSON[0] != &b.Shell.JSON[0] {
		t.Errorf("two project charts of one shape have shells %s and %s", a.Shell.Key, b.Shell.Key)
	}
	for _, c := range []*Chart{a, b} {
		for i := 0; i < len(c.Shell.Key); i++ {
			if ch := c.Shell.Key[i]; !isAlnum(ch) && ch != '_' && ch != '-' {
				t.Errorf("shell key %q has %q", c.Shell.Key, ch)
			}
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{24.56, "24.56"}, {0, "0"}, {math.Copysign(0, -1), "0"}, {-3.2, "-3.2"},
		{1e21, "1000000000000000000000"}, {1e-7, "0.0000001"}, {100, "100"}, {12.5, "12.5"},
	} {
		if got := string(appendNumber(nil, tt.v)); got != tt.want {
			t.Errorf("appendNumber(%v) = %s; want %s", tt.v, got, tt.want)
		}
	}
	for _, tt := range []struct {
		v      float64
		places int
		want   string
	}{
		{8.2, 1, "8.2"}, {8, 1, "8.0"}, {-0.04, 1, "0.0"}, {24.56, 2, "24.56"}, {1234, 0, "1234"}, {-2.25, 2, "-2.25"},
	} {
		if got := (Axis{Places: tt.places}).num(tt.v); got != tt.want {
			t.Errorf("num(%v, %d places) = %s; want %s", tt.v, tt.places, got, tt.want)
		}
	}
	// Bounds we compute are the numbers meant, not binary noise.
	for _, tt := range []struct{ lo, hi, wantLo, wantHi float64 }{
		{0, 0.7, 0, 0.8}, {-0.3, 18.4, -5, 20}, {0, 24, 0, 25}, {0.1, 0.2, 0, 0.2},
	} {
		lo, hi := niceRange(tt.lo, tt.hi)
		if lo != tt.wantLo || hi != tt.wantHi {
			t.Errorf("niceRange(%v, %v) = %v, %v; want %v, %v", tt.lo, tt.hi, lo, hi, tt.wantLo, tt.wantHi)
		}
	}
	// The data of a chart carries its values as given.
	c, err := Ranking("c_x_0", "t", pct1, []Bar{{Name: "甲", Value: 24.56, Defined: true}}, DefaultLabels)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(c.Data, []byte(`"value":[24.56,0]`)) {
		t.Errorf("data = %s; want the value 24.56 as written", c.Data)
	}
}

func TestNewID(t *testing.T) {
	for _, tt := range []struct {
		path string
		n    int
		want string
	}{
		{"/", 0, "c_home_0"},
		{"", 3, "c_home_3"},
		{"/regions/tong-gui/", 2, "c_regions_tong_gui_2"},
		{"/项目/p1/", 1, "c____p1_1"},
		{"/a b/<script>/", 0, "c_a_b__script__0"},
	} {
		if got := NewID(tt.path, tt.n); got != tt.want {
			t.Errorf("NewID(%q, %d) = %q; want %q", tt.path, tt.n, got, tt.want)
		}
		if err := checkID(NewID(tt.path, tt.n)); err != nil {
			t.Errorf("NewID(%q) is not a valid id: %v", tt.path, err)
		}
	}
}

// TestErrors: bad input is an error naming what is wrong, never a panic.
func TestErrors(t *testing.T) {
	l := DefaultLabels
	nan, inf := math.NaN(), math.Inf(1)
	for _, tt := range []struct {
		name  string
		build func() (*Chart, error)
		want  string
	}{
		{"bad id", func() (*Chart, error) { return Ranking("c-1", "t", pct1, nil, l) }, "outside [A-Za-z0-9_]"},
		{"empty id", func() (*Chart, error) { return Pipeline("", "t", nil, l) }, "id is empty"},
		{"NaN bar", func() (*Chart, error) {
			return Ranking("c_0", "t", pct1, []Bar{{Name: "甲", Value: nan, Defined: true}}, l)
		}, `bar 1 "甲" is NaN`},
		{"Inf target", func() (*Chart, error) {
			return Ranking("c_0", "t", pct1, []Bar{{Name: "甲", Target: inf, HasTarget: true}}, l)
		}, "target is +Inf"},
		{"unknown status", func() (*Chart, error) {
			return Ranking("c_0", "t", pct1, []Bar{{Name: "甲", Status: "last"}}, l)
		}, `unknown status "last"`},
		{"places", func() (*Chart, error) { return Ranking("c_0", "t", Axis{Name: "率", Places: 9}, nil, l) }, "places 9"},
		{"bad date", func() (*Chart, error) {
			return Trend("c_0", "t", pct1, []Series{{Name: "甲", Points: []Point{{Date: "2024-13-01"}}}}, nil, l)
		}, `date "2024-13-01" is not YYYY-MM-DD`},
		{"target of no series", func() (*Chart, error) {
			return Trend("c_0", "t", pct1, nil, []TargetLine{{Name: "目标", Value: 1, Series: "乙"}}, l)
		}, `no series "乙"`},
		{"NaN pace", func() (*Chart, error) {
			return Pace("c_0", "t", pct1, Series{Points: []Point{{Date: "2024-01-31", Value: nan, Defined: true}}}, Series{}, l)
		}, "is NaN"},
		{"negative count", func() (*Chart, error) { return Pipeline("c_0", "t", []Stage{{Name: "甲", Count: -1}}, l) }, "count -1"},
		{"Inf gauge", func() (*Chart, error) { return Gauge("c_0", "t", pct1, inf, true, nil, l) }, "+Inf"},
		{"NaN gauge ref", func() (*Chart, error) { return Gauge("c_0", "t", pct1, 1, true, &Ref{Name: "目标", Value: nan}, l) }, "目标 is NaN"},
		{"ragged heatmap", func() (*Chart, error) {
			return Heatmap("c_0", "t", pct1, []string{"1月"}, []string{"甲"}, [][]Cell{{}}, l)
		}, `row "甲" has 0 cells for 1 columns`},
		{"heatmap rows", func() (*Chart, error) { return Heatmap("c_0", "t", pct1, nil, []string{"甲"}, nil, l) }, "0 rows of cells for 1 rows"},
		{"huge heatmap", func() (*Chart, error) {
			return Heatmap("c_0", "t", pct1, make([]string, 1000), make([]string, 1000), nil, l)
		}, "1000 rows"},
		{"no years", func() (*Chart, error) { return Project("c_0", "t", amount, nil, l) }, "no years"},
		{"fractional rank", func() (*Chart, error) {
			return RankHistory("c_0", "t", []string{"2024-01-31"}, []Series{{Name: "甲", Points: []Point{{Date: "2024-01-31", Value: 1.5, Defined: true}}}}, 3, "", l)
		}, "rank 1.5"},
		{"rank at no period", func() (*Chart, error) {
			return RankHistory("c_0", "t", nil, []Series{{Name: "甲", Points: []Point{{Date: "2024-01-31", Value: 1, Defined: true}}}}, 3, "", l)
		}, "not one of the periods"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.build()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("%s = %v, %v; want an error containing %q", tt.name, c, err, tt.want)
			}
		})
	}
}

// TestEmpty: charts of nothing are charts, not errors or panics.
func TestEmpty(t *testing.T) {
	l := Labels{} // every word from the defaults
	for _, tt := range []struct {
		name  string
		build func() (*Chart, error)
	}{
		{"ranking", func() (*Chart, error) { return Ranking("c_0", "", Axis{}, nil, l) }},
		{"trend", func() (*Chart, error) { return Trend("c_0", "", Axis{}, nil, nil, l) }},
		{"pace", func() (*Chart, error) { return Pace("c_0", "", Axis{}, Series{}, Series{}, l) }},
		{"pipeline", func() (*Chart, error) { return Pipeline("c_0", "", nil, l) }},
		{"gauge", func() (*Chart, error) { return Gauge("c_0", "", Axis{}, 0, false, nil, l) }},
		{"heatmap", func() (*Chart, error) { return Heatmap("c_0", "", Axis{}, nil, nil, nil, l) }},
		{"project", func() (*Chart, error) { return Project("c_0", "", Axis{}, []ProjectYear{{}}, l) }},
		{"rank history", func() (*Chart, error) { return RankHistory("c_0", "", nil, nil, 0, "", l) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.build()
			if err != nil {
				t.Fatalf("%s of nothing: %v", tt.name, err)
			}
			merged(t, c)
			if c.Height <= 0 {
				t.Errorf("height %d", c.Height)
			}
		})
	}
}

func TestAxisNames(t *testing.T) {
	long := strings.Repeat("长", 20)
	for _, tt := range []struct {
		in, want string
	}{
		{"兴庆区", "兴庆区"},
		{"经济技术开发区管理委员会", "经济技术开发区管理委员会"}, // two lines of 96 px
		{long, strings.Repeat("长", 14) + "…"},
		{strings.Repeat("a", 40), strings.Repeat("a", 24) + "…"},
	} {
		if got := axisNames([]string{"甲", tt.in}, nameWidthPx); got[1] != tt.want || got[0] != "甲" {
			t.Errorf("axisNames(%q) = %q; want %q", tt.in, got[1], tt.want)
		}
	}
}
