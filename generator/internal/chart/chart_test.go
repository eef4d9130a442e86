package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

var update = flag.Bool("update", false, "rewrite testdata/*.json golden options")

func def(v float64) Value { return Value{V: v, OK: true} }

var undef = Value{}

var labels = Labels{
	Unit: "%", Undefined: "—",
	Target: "目标", Expected: "时序进度", Completed: "累计完成", Plan: "年度计划",
	Increment: "当期完成", Cumulative: "累计完成", Count: "项目数", Total: "总投资",
	Rank: "名次", Value: "数值",
}

func money(l Labels) Labels { l.Unit = "亿元"; return l }

var months = []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30"}

// fixtures is one chart of every kind, with undefined values and reference
// lines, as the site would make them.
func fixtures() map[string]func() (*Chart, error) {
	return map[string]func() (*Chart, error){
		"ranking": func() (*Chart, error) {
			return Ranking("c_rankings_0", "固定资产投资增速排名", []Bar{
				{"铜官区", def(12.34), "met"},
				{"义安区", def(9.06), "met"},
				{"郊区", def(6.5), "below"},
				{"枞阳县", def(-2.25), "last"},
				{"经开区", undef, ""},
			}, def(8), labels)
		},
		"trend": func() (*Chart, error) {
			return Trend("c_home_0", "固定资产投资增速", months, []Series{
				{Name: "全市", Points: []Value{def(3.1), def(4.25), undef, def(5.5), def(6.04), def(6.8)}},
				{Name: "铜官区", Points: []Value{def(2), def(3), def(4), undef, def(5), def(7.1)}, Dashed: true},
			}, def(10), labels)
		},
		"pace": func() (*Chart, error) {
			return Pace("c_home_1", "投资完成率与时序进度", months,
				[]Value{def(5.2), def(12.9), def(21), def(30.44), undef, def(49.5)},
				[]Value{def(8.3), def(16.7), def(25), def(33.3), def(41.7), def(50)}, labels)
		},
		"pipeline": func() (*Chart, error) {
			return Pipeline("c_home_2", "五个一批", []Stage{
				{"谋划入库", 42, 320.5}, {"前期推进", 30, 210.25}, {"储备展望", 12, 88},
				{"开工建设", 55, 512.75}, {"竣工投产", 8, 40.1},
			}, money(labels))
		},
		"gauge": func() (*Chart, error) {
			return Gauge("c_home_3", "年度投资完成率", def(112.34), def(58.3), labels)
		},
		"heatmap": func() (*Chart, error) {
			return Heatmap("c_regions_0", "各地区月度增速", []string{"1月", "2月", "3月"}, []string{"铜官区", "义安区", "郊区"},
				[][]Value{
					{def(3.2), def(4.1), def(5)},
					{def(-1.5), undef, def(0)},
					{def(8.25), def(7), def(6.6)},
				}, labels)
		},
		"project": func() (*Chart, error) {
			return Project("c_projects_p003_0", "某产业园项目", months[:4],
				[]Value{def(1.2), def(2.5), def(2.5), def(4)},
				[]Value{def(1.2), def(1.3), def(0), def(1.5)},
				[]Value{def(1), def(2), def(3), def(4)}, def(12), money(labels))
		},
		"rank-history": func() (*Chart, error) {
			return RankHistory("c_regions_tong_guan_1", "名次变化", months[:5], []Series{
				{Name: "铜官区", Points: []Value{def(3), def(2), undef, def(1), def(1)}},
			}, 8, labels)
		},
	}
}

// parse decodes options into a generic map.
func parse(t *testing.T, c *Chart) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(c.Options, &m); err != nil {
		t.Fatalf("options do not parse: %v\n%s", err, c.Options)
	}
	return m
}

func seriesOf(m map[string]any) []map[string]any {
	var out []map[string]any
	ss, _ := m["series"].([]any) // null without series
	for _, s := range ss {
		out = append(out, s.(map[string]any))
	}
	return out
}

func nulls(data []any) int {
	n := 0
	for _, d := range data {
		if d == nil {
			n++
		}
	}
	return n
}

func hasMarkLine(s map[string]any) bool {
	ml, ok := s["markLine"].(map[string]any)
	if !ok {
		return false
	}
	d, _ := ml["data"].([]any)
	return len(d) > 0
}

func TestKinds(t *testing.T) {
	tests := []struct {
		name      string
		kind      string
		types     []string // series types in order
		points    []int    // data items per series
		nulls     []int    // null items per series
		markLine  int      // index of the series carrying the reference line, -1: none
		rows      int
		legend    bool
		wantInOpt []string // substrings of the options
	}{
		{"ranking", KindRanking, []string{"bar"}, []int{5}, []int{1}, 0, 5, false,
			[]string{`"inverse":true`, `"color":"#b3261e"`, `"xAxis":8`, `"formatter":"{c}%"`}},
		{"trend", KindTrend, []string{"line", "line"}, []int{6, 6}, []int{1, 1}, 0, 6, true,
			[]string{`"yAxis":10`, `"type":"dashed"`}},
		{"pace", KindPace, []string{"line", "line"}, []int{6, 6}, []int{1, 0}, -1, 6, true, nil},
		{"pipeline", KindPipeline, []string{"funnel", "funnel"}, []int{5, 5}, []int{0, 0}, -1, 5, false,
			[]string{`"sort":"none"`, `"max":55`, `"max":513`}},
		{"gauge", KindGauge, []string{"gauge", "gauge"}, []int{1, 1}, []int{0, 0}, -1, 1, false,
			[]string{`"formatter":"112.3%"`, `"value":100`, `"formatter":"时序进度 58.3%"`}},
		{"heatmap", KindHeatmap, []string{"heatmap"}, []int{8}, []int{0}, -1, 3, false,
			[]string{`"min":-1.5`, `"max":8.3`, `"inRange":{"color":["#b3261e"`}},
		{"project", KindProject, []string{"bar", "line", "line"}, []int{4, 4, 4}, []int{0, 0, 0}, 1, 4, true,
			[]string{`"yAxis":12`}},
		{"rank-history", KindRankHistory, []string{"line"}, []int{5}, []int{1}, -1, 5, false,
			[]string{`"inverse":true`, `"min":1`, `"max":8`, `"minInterval":1`}},
	}
	fx := fixtures()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := fx[tt.name]()
			if err != nil {
				t.Fatal(err)
			}
			if c.Kind != tt.kind {
				t.Errorf("Kind = %q; want %q", c.Kind, tt.kind)
			}
			m := parse(t, c)
			ss := seriesOf(m)
			if len(ss) != len(tt.types) || c.Series != len(tt.types) {
				t.Fatalf("series = %d (Chart.Series %d); want %d", len(ss), c.Series, len(tt.types))
			}
			points := 0
			for i, s := range ss {
				if s["type"] != tt.types[i] {
					t.Errorf("series %d type = %v; want %s", i, s["type"], tt.types[i])
				}
				data, _ := s["data"].([]any)
				if len(data) != tt.points[i] {
					t.Errorf("series %d points = %d; want %d", i, len(data), tt.points[i])
				}
				if n := nulls(data); n != tt.nulls[i] {
					t.Errorf("series %d nulls = %d; want %d", i, n, tt.nulls[i])
				}
				points += len(data)
				if got, want := hasMarkLine(s), i == tt.markLine; got != want {
					t.Errorf("series %d markLine = %v; want %v", i, got, want)
				}
			}
			if c.Points != points {
				t.Errorf("Chart.Points = %d; want %d", c.Points, points)
			}
			if got := len(c.Table.Rows); got != tt.rows {
				t.Errorf("table rows = %d; want %d", got, tt.rows)
			}
			for i, r := range c.Table.Rows {
				if len(r) != len(c.Table.Head) {
					t.Errorf("table row %d has %d cells for %d heads", i, len(r), len(c.Table.Head))
				}
			}
			if len(c.Table.NumCols) != len(c.Table.Head) {
				t.Errorf("NumCols = %d for %d heads", len(c.Table.NumCols), len(c.Table.Head))
			}
			legend := m["legend"].(map[string]any)
			if legend["show"] != tt.legend {
				t.Errorf("legend.show = %v; want %v", legend["show"], tt.legend)
			}
			checkCommon(t, c, m)
			for _, s := range tt.wantInOpt {
				if !bytes.Contains(c.Options, []byte(s)) {
					t.Errorf("options lack %s\n%s", s, c.Options)
				}
			}
			golden(t, c)
		})
	}
}

// checkCommon checks the rules every chart follows.
func checkCommon(t *testing.T, c *Chart, m map[string]any) {
	t.Helper()
	if m["animation"] != true {
		t.Errorf("animation = %v; want true", m["animation"])
	}
	if d, ok := m["animationDuration"].(float64); !ok || d > 600 {
		t.Errorf("animationDuration = %v; want ≤ 600", m["animationDuration"])
	}
	for _, s := range seriesOf(m) {
		if _, ok := s["animation"]; ok {
			t.Errorf("series %v sets its own animation flag (the page could not turn it off for print)", s["name"])
		}
		if d, ok := s["animationDuration"].(float64); !ok || d > 600 {
			t.Errorf("series animationDuration = %v; want ≤ 600", s["animationDuration"])
		}
	}
	if tb := m["toolbox"].(map[string]any); tb["show"] != false {
		t.Errorf("toolbox = %v; want hidden", tb)
	}
	if g, ok := m["grid"].([]any); ok {
		for _, gr := range g {
			if gr.(map[string]any)["containLabel"] != true {
				t.Errorf("grid %v without containLabel", gr)
			}
		}
	} else if c.Kind != KindPipeline && c.Kind != KindGauge {
		t.Errorf("no grid")
	}
	if c.Title == "" || c.Desc == "" || c.Height < 60 {
		t.Errorf("Title %q, Desc %q, Height %d", c.Title, c.Desc, c.Height)
	}
	aria := m["aria"].(map[string]any)
	if aria["label"].(map[string]any)["description"] != c.Desc {
		t.Errorf("aria description = %v; want Desc %q", aria["label"], c.Desc)
	}
	for _, bad := range []string{"fontFamily", "__f__", "http", "go-echarts", "toolbox\":{\"show\":true"} {
		if bytes.Contains(c.Options, []byte(bad)) {
			t.Errorf("options contain %q", bad)
		}
	}
	if bytes.Contains(c.Options, []byte(c.ID)) {
		// Not wrong, but nothing needs the id inside the options.
		t.Errorf("options contain the chart id")
	}
}

func golden(t *testing.T, c *Chart) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, c.Options, "", "  "); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	file := filepath.Join("testdata", c.Kind+".json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("options differ from %s (go test -update to accept):\n%s", file, buf.Bytes())
	}
}

func TestTables(t *testing.T) {
	fx := fixtures()
	tests := []struct {
		name    string
		caption string
		head    []string
		rows    [][]string
	}{
		{"ranking", "固定资产投资增速排名（目标 8.0%）", []string{"", "名次", "数值"}, [][]string{
			{"铜官区", "1", "12.3%"}, {"义安区", "2", "9.1%"}, {"郊区", "3", "6.5%"}, {"枞阳县", "4", "-2.3%"}, {"经开区", "—", "—"},
		}},
		{"trend", "固定资产投资增速（目标 10.0%）", []string{"", "全市", "铜官区"}, [][]string{
			{"2024-01-31", "3.1%", "2.0%"}, {"2024-02-29", "4.3%", "3.0%"}, {"2024-03-31", "—", "4.0%"},
			{"2024-04-30", "5.5%", "—"}, {"2024-05-31", "6.0%", "5.0%"}, {"2024-06-30", "6.8%", "7.1%"},
		}},
		{"pipeline", "五个一批", []string{"", "项目数", "总投资（亿元）"}, [][]string{
			{"谋划入库", "42", "320.50"}, {"前期推进", "30", "210.25"}, {"储备展望", "12", "88.00"},
			{"开工建设", "55", "512.75"}, {"竣工投产", "8", "40.10"},
		}},
		{"gauge", "年度投资完成率", []string{"", "累计完成", "时序进度"}, [][]string{
			{"年度投资完成率", "112.3%", "58.3%"},
		}},
		{"heatmap", "各地区月度增速", []string{"", "1月", "2月", "3月"}, [][]string{
			{"铜官区", "3.2%", "4.1%", "5.0%"}, {"义安区", "-1.5%", "—", "0.0%"}, {"郊区", "8.3%", "7.0%", "6.6%"},
		}},
		{"project", "某产业园项目（年度计划 12.00 亿元）", []string{"", "当期完成（亿元）", "累计完成（亿元）", "时序进度（亿元）"}, [][]string{
			{"2024-01-31", "1.20", "1.20", "1.00"}, {"2024-02-29", "1.30", "2.50", "2.00"},
			{"2024-03-31", "0.00", "2.50", "3.00"}, {"2024-04-30", "1.50", "4.00", "4.00"},
		}},
		{"rank-history", "名次变化", []string{"", "铜官区"}, [][]string{
			{"2024-01-31", "3"}, {"2024-02-29", "2"}, {"2024-03-31", "—"}, {"2024-04-30", "1"}, {"2024-05-31", "1"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := fx[tt.name]()
			if err != nil {
				t.Fatal(err)
			}
			if c.Table.Caption != tt.caption {
				t.Errorf("caption = %q; want %q", c.Table.Caption, tt.caption)
			}
			if !reflect.DeepEqual(c.Table.Head, tt.head) {
				t.Errorf("head = %q; want %q", c.Table.Head, tt.head)
			}
			if !reflect.DeepEqual(c.Table.Rows, tt.rows) {
				t.Errorf("rows = %q; want %q", c.Table.Rows, tt.rows)
			}
		})
	}
}

func TestID(t *testing.T) {
	tests := []struct {
		path  string
		index int
		want  string
	}{
		{"/regions/tong-gui/", 2, "c_regions_tong_gui_2"},
		{"/", 0, "c_home_0"},
		{"", 3, "c_home_3"},
		{"/projects/p003/", 0, "c_projects_p003_0"},
		{"/bulletins/2024-05/", 11, "c_bulletins_2024_05_11"},
		{"/regions/铜官区/", 1, "c_regions_____1"},
		{"/a.b/c d/<x>/", 0, "c_a_b_c_d__x__0"},
		{"/preview/pr-7/changes/", 4, "c_preview_pr_7_changes_4"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got := ID(tt.path, tt.index)
			if got != tt.want {
				t.Errorf("ID(%q, %d) = %q; want %q", tt.path, tt.index, got, tt.want)
			}
			if err := checkID(got); err != nil {
				t.Errorf("ID(%q, %d) = %q: %v", tt.path, tt.index, got, err)
			}
		})
	}
}

func TestBadInput(t *testing.T) {
	l := labels
	tests := []struct {
		name string
		make func() (*Chart, error)
		want string
	}{
		{"id with dash", func() (*Chart, error) { return Ranking("c-1", "t", nil, undef, l) }, `character '-'`},
		{"empty id", func() (*Chart, error) { return Gauge("", "t", undef, undef, l) }, "empty"},
		{"unknown status", func() (*Chart, error) {
			return Ranking("c_1", "t", []Bar{{"a", def(1), "great"}}, undef, l)
		}, `unknown status "great"`},
		{"trend length", func() (*Chart, error) {
			return Trend("c_1", "t", months, []Series{{Name: "a", Points: []Value{def(1)}}}, undef, l)
		}, `series "a" has 1 points for 6 x values`},
		{"pace length", func() (*Chart, error) { return Pace("c_1", "t", months[:2], []Value{def(1)}, nil, l) }, "completion has 1 points"},
		{"heatmap rows", func() (*Chart, error) {
			return Heatmap("c_1", "t", []string{"1月"}, []string{"a", "b"}, [][]Value{{def(1)}}, l)
		}, "1 rows of cells for 2 y values"},
		{"heatmap cols", func() (*Chart, error) {
			return Heatmap("c_1", "t", []string{"1月"}, []string{"a"}, [][]Value{{def(1), def(2)}}, l)
		}, `row "a" has 2 points`},
		{"project length", func() (*Chart, error) {
			return Project("c_1", "t", months[:2], []Value{def(1), def(2)}, []Value{def(1)}, []Value{undef, undef}, undef, l)
		}, "increments has 1 points"},
		{"format", func() (*Chart, error) {
			l := l
			l.Format = "percent"
			return Trend("c_1", "t", nil, nil, undef, l)
		}, `unknown number format "percent"`},
		{"pipeline NaN", func() (*Chart, error) {
			return Pipeline("c_1", "t", []Stage{{"a", 1, math.NaN()}}, l)
		}, "total is NaN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.make()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v; want it to contain %q", err, tt.want)
			}
			if c != nil {
				t.Errorf("chart = %v; want nil with an error", c)
			}
		})
	}
}

// TestEdgeCases: empty and fully undefined inputs still make valid charts.
func TestEdgeCases(t *testing.T) {
	l := labels
	tests := []struct {
		name  string
		make  func() (*Chart, error)
		check func(t *testing.T, c *Chart, m map[string]any)
	}{
		{"empty ranking", func() (*Chart, error) { return Ranking("c_1", "t", nil, undef, l) }, nil},
		{"empty trend", func() (*Chart, error) { return Trend("c_1", "t", nil, nil, def(5), l) }, nil},
		{"all undefined ranking with target", func() (*Chart, error) {
			return Ranking("c_1", "t", []Bar{{"a", undef, ""}, {"b", Value{V: math.Inf(1), OK: true}, ""}}, def(5), l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			if n := nulls(seriesOf(m)[0]["data"].([]any)); n != 2 {
				t.Errorf("nulls = %d; want 2 (NaN/Inf count as undefined)", n)
			}
			if c.Table.Rows[1][2] != "—" {
				t.Errorf("Inf cell = %q; want —", c.Table.Rows[1][2])
			}
		}},
		{"target above data widens the axis", func() (*Chart, error) {
			return Trend("c_1", "t", months[:2], []Series{{Name: "a", Points: []Value{def(1), def(2.5)}}}, def(12), l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			y := m["yAxis"].([]any)[0].(map[string]any)
			if y["max"].(float64) < 12 || y["min"].(float64) != 0 {
				t.Errorf("yAxis = %v; want 0 … ≥ 12", y)
			}
		}},
		{"target within data leaves the axis to ECharts", func() (*Chart, error) {
			return Trend("c_1", "t", months[:2], []Series{{Name: "a", Points: []Value{def(1), def(20)}}}, def(12), l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			y := m["yAxis"].([]any)[0].(map[string]any)
			if _, ok := y["max"]; ok {
				t.Errorf("yAxis = %v; want no max", y)
			}
		}},
		{"undefined gauge", func() (*Chart, error) { return Gauge("c_1", "t", undef, undef, l) }, func(t *testing.T, c *Chart, m map[string]any) {
			ss := seriesOf(m)
			if len(ss) != 1 || c.Series != 1 {
				t.Errorf("series = %d; want 1 (no expected marker)", len(ss))
			}
			if f := ss[0]["detail"].(map[string]any)["formatter"]; f != "—" {
				t.Errorf("detail = %v; want —", f)
			}
		}},
		{"heatmap with one value", func() (*Chart, error) {
			return Heatmap("c_1", "t", []string{"1月", "2月"}, []string{"a"}, [][]Value{{def(0), undef}}, l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			vm := m["visualMap"].([]any)[0].(map[string]any)
			if vm["min"] != -1.0 || vm["max"] != 1.0 {
				t.Errorf("visualMap = %v; want -1 … 1 around the one value", vm)
			}
			if c.Points != 1 || c.Table.Rows[0][2] != "—" {
				t.Errorf("points %d, row %q", c.Points, c.Table.Rows[0])
			}
		}},
		{"heatmap with zero max", func() (*Chart, error) {
			return Heatmap("c_1", "t", []string{"1月", "2月"}, []string{"a"}, [][]Value{{def(-3), def(0)}}, l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			vm := m["visualMap"].([]any)[0].(map[string]any)
			if vm["min"] != -3.0 || vm["max"] != 0.0 {
				t.Errorf("visualMap = %v; want -3 … 0 written out", vm)
			}
		}},
		{"rank beyond maxRank", func() (*Chart, error) {
			return RankHistory("c_1", "t", months[:2], []Series{{Name: "a", Points: []Value{def(9), def(3)}}, {Name: "b", Points: []Value{undef, undef}}}, 0, l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			y := m["yAxis"].([]any)[0].(map[string]any)
			if y["max"] != 9.0 {
				t.Errorf("yAxis.max = %v; want 9", y["max"])
			}
			if m["legend"].(map[string]any)["show"] != true {
				t.Errorf("legend hidden with 2 series")
			}
		}},
		{"ranking ties share a rank", func() (*Chart, error) {
			return Ranking("c_1", "t", []Bar{{"a", def(5), ""}, {"b", def(5), ""}, {"c", undef, ""}, {"d", def(4), ""}}, undef, l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			var ranks []string
			for _, r := range c.Table.Rows {
				ranks = append(ranks, r[1])
			}
			if want := []string{"1", "1", "—", "3"}; !reflect.DeepEqual(ranks, want) {
				t.Errorf("ranks = %q; want %q", ranks, want)
			}
			if bytes.Contains(c.Options, []byte("markLine")) {
				t.Errorf("markLine without a target")
			}
		}},
		{"count format and money unit", func() (*Chart, error) {
			l := l
			l.Unit, l.Format = "个", FormatCount
			return Ranking("c_1", "t", []Bar{{"a", def(12), "met"}}, def(10), l)
		}, func(t *testing.T, c *Chart, m map[string]any) {
			if got := c.Table.Rows[0]; got[2] != "12" || c.Table.Head[2] != "数值（个）" {
				t.Errorf("row %q head %q", got, c.Table.Head)
			}
			x := m["xAxis"].([]any)[0].(map[string]any)
			if x["name"] != "个" {
				t.Errorf("xAxis.name = %v; want the unit", x["name"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			m := parse(t, c)
			checkCommon(t, c, m)
			if tt.check != nil {
				tt.check(t, c, m)
			}
		})
	}
}

// TestEscaping: user text cannot close the <script> the options are
// inlined into, and reads back unchanged.
func TestEscaping(t *testing.T) {
	const evil = `</script><script>alert(1)</script>`
	const amp = `A & B <b>`
	l := labels
	tests := []struct {
		name string
		make func() (*Chart, error)
	}{
		{"ranking", func() (*Chart, error) {
			return Ranking("c_1", evil, []Bar{{evil, def(1), ""}, {amp, def(0.5), ""}}, def(2), l)
		}},
		{"trend", func() (*Chart, error) {
			return Trend("c_1", evil, []string{evil}, []Series{{Name: evil, Points: []Value{def(1)}}}, undef, l)
		}},
		{"heatmap", func() (*Chart, error) {
			return Heatmap("c_1", evil, []string{evil}, []string{amp}, [][]Value{{def(1)}}, l)
		}},
		{"pipeline", func() (*Chart, error) { return Pipeline("c_1", evil, []Stage{{evil, 1, 2}}, l) }},
		{"project", func() (*Chart, error) {
			return Project("c_1", evil, []string{evil}, []Value{def(1)}, []Value{def(1)}, []Value{def(1)}, def(2), l)
		}},
		{"gauge", func() (*Chart, error) {
			l := l
			l.Completed, l.Expected = evil, amp
			return Gauge("c_1", evil, def(1), def(2), l)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"</", "<script", "<b>", "& B"} {
				if bytes.Contains(c.Options, []byte(bad)) {
					t.Errorf("options contain %q:\n%s", bad, c.Options)
				}
			}
			if !bytes.Contains(c.Options, []byte(`\u003c/script\u003e`)) {
				t.Errorf("options lack the escaped name:\n%s", c.Options)
			}
			// Round trip: the title (hidden, first) reads back unchanged.
			var m struct {
				Title json.RawMessage `json:"title"`
			}
			if err := json.Unmarshal(c.Options, &m); err != nil {
				t.Fatal(err)
			}
			var title struct {
				Text string `json:"text"`
			}
			if m.Title[0] == '[' {
				var ts []json.RawMessage
				if err := json.Unmarshal(m.Title, &ts); err != nil {
					t.Fatal(err)
				}
				m.Title = ts[0]
			}
			if err := json.Unmarshal(m.Title, &title); err != nil {
				t.Fatal(err)
			}
			if title.Text != evil {
				t.Errorf("title round trip = %q; want %q", title.Text, evil)
			}
			if !containsString(parse(t, c), evil) {
				t.Errorf("the name does not read back from the options")
			}
		})
	}
}

// containsString reports whether s occurs as a string anywhere in v.
func containsString(v any, s string) bool {
	switch v := v.(type) {
	case string:
		return v == s
	case []any:
		for _, e := range v {
			if containsString(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range v {
			if containsString(e, s) {
				return true
			}
		}
	}
	return false
}

func TestDeterminism(t *testing.T) {
	for name, make := range fixtures() {
		t.Run(name, func(t *testing.T) {
			a, err := make()
			if err != nil {
				t.Fatal(err)
			}
			b, err := make()
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Options, b.Options) {
				t.Errorf("options differ between two builds:\n%s\n%s", a.Options, b.Options)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("charts differ between two builds")
			}
		})
	}
}

// TestChartID: go-echarts draws a random ChartID at construction; ours
// replaces it, neither is in the JSON, and AssetsHost points at the site.
func TestChartID(t *testing.T) {
	bar := charts.NewBar()
	random := bar.ChartID
	if random == "" {
		t.Fatal("go-echarts no longer draws a ChartID; revisit this test")
	}
	bar.SetGlobalOptions(base{id: "c_home_0", title: "t"}.opts()...)
	bar.SetXAxis([]string{"a"}).AddSeries("s", []opts.BarData{{Value: 1}})
	var c Chart
	if err := render(&c, bar, nil); err != nil {
		t.Fatal(err)
	}
	if bar.ChartID != "c_home_0" {
		t.Errorf("ChartID = %q; want c_home_0", bar.ChartID)
	}
	for _, id := range []string{random, "c_home_0"} {
		if bytes.Contains(c.Options, []byte(id)) {
			t.Errorf("options contain the chart id %q:\n%s", id, c.Options)
		}
	}
	if bar.AssetsHost != "/assets/" {
		t.Errorf("AssetsHost = %q; want /assets/", bar.AssetsHost)
	}
	for _, js := range bar.JSAssets.Values {
		if js != EChartsPath {
			t.Errorf("JS asset %q; want only %s", js, EChartsPath)
		}
	}
}

// TestAddLine: addLine gives the JSON Line.AddSeries gives (it only skips
// a reflection walk that finds nothing to set), also when the line goes
// into a Bar instead of through Overlap.
func TestAddLine(t *testing.T) {
	so := func() []charts.SeriesOpts {
		return append(lineSeriesOpts(lineData([]Value{def(1), undef, def(2.5)}, fmtRate), true, colorNeutral),
			refLine("目标", "目标 3.0%", false, 3)...)
	}
	x := []string{"a", "b", "c"}

	want := charts.NewLine()
	want.SetGlobalOptions(base{id: "c_1"}.opts()...)
	want.SetXAxis(x)
	want.AddSeries("s", nil, so()...)
	got := charts.NewLine()
	got.SetGlobalOptions(base{id: "c_1"}.opts()...)
	got.SetXAxis(x)
	addLine(&got.MultiSeries, "s", so()...)
	var a, b Chart
	if err := render(&a, want, nil); err != nil {
		t.Fatal(err)
	}
	if err := render(&b, got, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Options, b.Options) {
		t.Errorf("addLine:\n%s\nLine.AddSeries:\n%s", b.Options, a.Options)
	}

	wantBar := charts.NewBar()
	wantBar.SetGlobalOptions(base{id: "c_1"}.opts()...)
	wantBar.SetXAxis(x)
	wantBar.AddSeries("b", []opts.BarData{{Value: 1}})
	line := charts.NewLine()
	line.AddSeries("s", nil, so()...)
	wantBar.Overlap(line)
	gotBar := charts.NewBar()
	gotBar.SetGlobalOptions(base{id: "c_1"}.opts()...)
	gotBar.SetXAxis(x)
	gotBar.AddSeries("b", []opts.BarData{{Value: 1}})
	addLine(&gotBar.MultiSeries, "s", so()...)
	if err := render(&a, wantBar, nil); err != nil {
		t.Fatal(err)
	}
	if err := render(&b, gotBar, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Options, b.Options) {
		t.Errorf("addLine into a bar:\n%s\nOverlap:\n%s", b.Options, a.Options)
	}
}

// TestRecover: a panic inside go-echarts comes back as an error.
func TestRecover(t *testing.T) {
	tests := []struct {
		name  string
		build func() (*Chart, error)
	}{
		{"axis index out of range", func() (*Chart, error) {
			// go-echarts indexes its axis list without a check.
			charts.NewLine().SetGlobalOptions(charts.WithYAxisOpts(opts.YAxis{}, 3))
			return &Chart{}, nil
		}},
		{"nil chart", func() (*Chart, error) {
			var bar *charts.Bar
			return &Chart{}, render(&Chart{}, bar, nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := guard("c_1", KindTrend, tt.build)
			if err == nil || !strings.Contains(err.Error(), "go-echarts panicked") || !strings.Contains(err.Error(), "c_1") {
				t.Errorf("err = %v; want a recovered panic naming the chart", err)
			}
			if c != nil {
				t.Errorf("chart = %v; want nil", c)
			}
		})
	}
}

func TestRound(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     float64
	}{
		{8.25, 1, 8.3},
		{-2.25, 1, -2.3},
		{1.005, 2, 1.01},
		{4.24999, 1, 4.2},
		{12.34, 1, 12.3},
		{-0.04, 1, 0},
		{3, 2, 3},
		{0.5, 0, 1},
		{2.5, 0, 3},
		{1e20 + 0.5, 2, 1e20},
		{123456.785, 2, 123456.79},
	}
	for _, tt := range tests {
		f := numFmt{decimals: tt.decimals}
		if got := f.round(tt.v); got != tt.want || math.Signbit(got) != math.Signbit(tt.want) {
			t.Errorf("round(%v, %d) = %v; want %v", tt.v, tt.decimals, got, tt.want)
		}
	}
}

func TestAxisRange(t *testing.T) {
	tests := []struct {
		vals   []float64
		ref    float64
		lo, hi float64
		split  int
		ok     bool
	}{
		{[]float64{1, 2.5}, 12, 0, 12, 4, true},
		{[]float64{1, 20}, 12, 0, 0, 0, false},
		{[]float64{-3, -1}, 2, -3, 2, 5, true},
		{[]float64{10, 20}, 31, 0, 40, 4, true},
		{nil, 8, 0, 8, 4, true},
		{nil, 0, 0, 1, 5, true},
		{[]float64{0.12, 0.3}, 0.9, 0, 1, 5, true},
	}
	for _, tt := range tests {
		lo, hi, split, ok := axisRange(tt.vals, tt.ref)
		if lo != tt.lo || hi != tt.hi || split != tt.split || ok != tt.ok {
			t.Errorf("axisRange(%v, %v) = %v, %v, %v, %v; want %v, %v, %v, %v",
				tt.vals, tt.ref, lo, hi, split, ok, tt.lo, tt.hi, tt.split, tt.ok)
		}
	}
}
