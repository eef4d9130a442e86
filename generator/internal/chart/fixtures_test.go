package chart

import (
	"fmt"
	"testing"
)

// The fixtures are one chart of every kind and shape, as the site makes
// them, on a 12-unit district (the July bulletin whose ranking chart named
// 6 of its 12 units).

var pct1 = Axis{Name: "完成率", Unit: "%", Places: 1}

var district = []string{"兴庆区", "金凤区", "西夏区", "永宁县", "贺兰县", "灵武市",
	"经济技术开发区管理委员会", "综合保税区", "苏银产业园", "滨河新区", "闽宁镇", "月牙湖乡"}

// hostile names try to close the script, open a comment, break a
// JavaScript string and run code, in every place a name goes.
var hostile = []string{
	`</script><script>window.__pwned=1</script>`,
	`<!--<script>window.__pwned=2</script>`,
	"line\u2028sep\u2029arator",
	`<img src=x onerror="window.__pwned=3">`,
	`"}]};window.__pwned=4;//`,
	`{a}{b}{@[2]}`,
}

func rankingBars() []Bar {
	bars := make([]Bar, len(district))
	for i, n := range district {
		v := 18.4 - 1.7*float64(i)
		b := Bar{Name: n, Value: round1(v), Defined: true, Target: 8, HasTarget: true}
		switch {
		case i == 2:
			b.Status, b.HasTarget = StatusNone, false
		case b.Value >= b.Target:
			b.Status = StatusMet
		default:
			b.Status = StatusBelow
		}
		bars[i] = b
	}
	bars[1].Target = 24 // a unit whose own target is higher than its value
	bars[1].Status = StatusBelow
	bars[4].Carried, bars[4].Note = true, "沿用 6月30日"
	bars[9].Defined = false
	bars[10].Value = -0.3
	bars[11].Last = true
	return bars
}

func round1(v float64) float64 {
	var f float64
	fmt.Sscanf(fmt.Sprintf("%.1f", v), "%g", &f)
	return f
}

// reports are monthly, then every ten days from July.
var reportDates = []string{"2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
	"2024-07-10", "2024-07-20", "2024-07-31", "2024-08-10", "2024-08-20", "2024-08-31"}

func points(dates []string, f func(i int) (float64, bool)) []Point {
	ps := make([]Point, len(dates))
	for i, d := range dates {
		v, ok := f(i)
		ps[i] = Point{Date: d, Value: v, Defined: ok}
	}
	return ps
}

// dayOfYear of a 2024 report date, for straight pace lines.
var dayOfYear = map[string]int{"2024-01-31": 31, "2024-02-29": 60, "2024-03-31": 91, "2024-04-30": 121,
	"2024-05-31": 152, "2024-06-30": 182, "2024-07-10": 192, "2024-07-20": 202, "2024-07-31": 213,
	"2024-08-10": 223, "2024-08-20": 233, "2024-08-31": 244}

func expectedPace(dates []string) []Point {
	return points(dates, func(i int) (float64, bool) { return round1(100 * float64(dayOfYear[dates[i]]) / 366), true })
}

type fixture struct {
	name  string
	build func() (*Chart, error)
}

func fixtures() []fixture {
	l := DefaultLabels
	return []fixture{
		{"ranking", func() (*Chart, error) {
			return Ranking("c_bulletins_2024_07_0", "各地区固定资产投资增速", Axis{Name: "投资增速", Unit: "%", Places: 1}, rankingBars(), l)
		}},
		{"trend", func() (*Chart, error) {
			ss := []Series{
				{Name: "兴庆区", Points: points(reportDates, func(i int) (float64, bool) { return round1(3 + 0.5*float64(i)), i != 4 }), Highlight: true},
				{Name: "金凤区", Points: points(reportDates[:6], func(i int) (float64, bool) { return round1(2 + 0.8*float64(i)), true })},
				{Name: "西夏区", Points: points(reportDates, func(i int) (float64, bool) { return round1(6 - 0.2*float64(i)), true }), Dashed: true},
			}
			return Trend("c_regions_xingqing_1", "固定资产投资增速", Axis{Name: "投资增速", Unit: "%", Places: 1}, ss,
				[]TargetLine{{Name: "兴庆区目标", Value: 12, Series: "兴庆区"}}, l)
		}},
		{"trend-colours", func() (*Chart, error) {
			var ss []Series
			for i, n := range district[:4] {
				ss = append(ss, Series{Name: n, Points: points(reportDates, func(j int) (float64, bool) { return round1(float64(i) + 0.3*float64(j)), true })})
			}
			return Trend("c_home_4", "各地区投资增速", Axis{Name: "投资增速", Unit: "%", Places: 1}, ss,
				[]TargetLine{{Name: "兴庆区目标", Value: 2.5, Series: "兴庆区"}, {Name: "西夏区目标", Value: 6, Series: "西夏区"}}, l)
		}},
		{"pace", func() (*Chart, error) {
			done := Series{Name: "完成率", Points: points(reportDates, func(i int) (float64, bool) { return round1(7.5 * float64(i+1)), i != 7 })}
			exp := Series{Name: "序时进度", Points: expectedPace(reportDates)}
			return Pace("c_home_1", "投资完成率与序时进度", pct1, done, exp, l)
		}},
		{"pipeline", func() (*Chart, error) {
			return Pipeline("c_home_2", "五个一批", []Stage{
				{"竣工投产", 0, "0.00亿元"}, {"开工建设", 55, "512.75亿元"}, {"储备展望", 12, "88.00亿元"},
				{"前期推进", 30, "210.25亿元"}, {"谋划入库", 42, "320.50亿元"},
			}, l)
		}},
		{"gauge-start", func() (*Chart, error) {
			return Gauge("c_home_3", "项目开工率", Axis{Name: "开工率", Unit: "%", Places: 1}, 58.3, true, &Ref{Name: "目标", Value: 100}, l)
		}},
		{"gauge-completion", func() (*Chart, error) {
			return Gauge("c_home_5", "年度投资完成率", pct1, 112.3, true, &Ref{Name: "序时进度", Value: 66.7}, l)
		}},
		{"gauge-bare", func() (*Chart, error) {
			return Gauge("c_home_6", "资金到位率", Axis{Name: "资金到位率", Unit: "%", Places: 1}, 0, false, nil, l)
		}},
		{"heatmap", func() (*Chart, error) {
			cols := []string{"3月", "4月", "5月", "6月", "7月", "8月"}
			cells := make([][]Cell, len(district))
			for r := range district {
				cells[r] = make([]Cell, len(cols))
				for c := range cols {
					v := round1(float64((r*7+c*5)%23) - 11.5)
					cells[r][c] = Cell{Value: v, Defined: !(r == 3 && c == 1)}
				}
			}
			return Heatmap("c_departments_0", "各地区与序时进度之差", Axis{Name: "与序时进度之差", Unit: "个百分点", Places: 1}, cols, district, cells, l)
		}},
		{"project", func() (*Chart, error) {
			return Project("c_projects_p003_0", "某产业园项目", amount, projectFixture(1), l)
		}},
		{"project-years", func() (*Chart, error) {
			return Project("c_projects_p004_0", "某综合枢纽项目（2023—2025年）", amount, projectFixture(3), l)
		}},
		{"rank-history", func() (*Chart, error) {
			periods := []string{"2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30", "2024-07-31", "2024-08-31"}
			var ss []Series
			for i, n := range district {
				ss = append(ss, Series{Name: n, Points: points(periods, func(j int) (float64, bool) {
					if i == 5 && j == 2 {
						return 0, true // unranked
					}
					return float64((i+j*(i%3+1))%12 + 1), true
				})})
			}
			return RankHistory("c_regions_yongning_2", "名次变化", periods, ss, 12, "永宁县", l)
		}},
		{"hostile", func() (*Chart, error) {
			var bars []Bar
			for i, n := range hostile {
				bars = append(bars, Bar{Name: n, Value: float64(10 - i), Defined: true, Status: StatusMet, Note: n, Target: 5, HasTarget: true})
			}
			hl := l
			hl.OwnTargets = hostile[0]
			hl.Met = hostile[1]
			return Ranking("c_hostile_0", hostile[0]+hostile[3], Axis{Name: hostile[3], Unit: hostile[1], Places: 1}, bars, hl)
		}},
		{"hostile-trend", func() (*Chart, error) {
			var ss []Series
			for i, n := range hostile {
				ss = append(ss, Series{Name: n, Points: points(reportDates[:3], func(j int) (float64, bool) { return float64(i + j), true }), Highlight: i == 0})
			}
			return Trend("c_hostile_1", hostile[2], Axis{Name: hostile[0], Unit: hostile[4], Places: 0}, ss,
				[]TargetLine{{Name: hostile[3], Value: 9, Series: hostile[0]}}, l)
		}},
	}
}

var amount = Axis{Name: "投资额", Unit: "亿元", Places: 2}

// projectFixture is a project of n years (the last one current: reported
// monthly to June, then every ten days).
func projectFixture(n int) []ProjectYear {
	var ys []ProjectYear
	for y := range n {
		year := 2025 - n + 1 + y
		dates := []string{}
		if y == n-1 {
			dates = reportDates
		} else {
			for m := 1; m <= 12; m++ {
				dates = append(dates, fmt.Sprintf("%d-%02d-28", year, m))
			}
		}
		plan := 12.0 + float64(y)*3
		cum := 0.0
		py := ProjectYear{Year: fmt.Sprint(year), Plan: plan, HasPlan: true}
		py.Points = points(dates, func(i int) (float64, bool) {
			cum += 0.37 * float64(i%4)
			return round2(cum), true
		})
		if y == n-1 {
			py.Expected = points(dates, func(i int) (float64, bool) { return round2(plan * float64(dayOfYear[dates[i]]) / 366), true })
		}
		ys = append(ys, py)
	}
	return ys
}

func round2(v float64) float64 {
	var f float64
	fmt.Sscanf(fmt.Sprintf("%.2f", v), "%g", &f)
	return f
}

func mustBuild(t testing.TB, f fixture) *Chart {
	t.Helper()
	c, err := f.build()
	if err != nil {
		t.Fatalf("%s: %v", f.name, err)
	}
	return c
}
