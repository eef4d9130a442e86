package chart

import (
	"strconv"
	"testing"
)

// BenchmarkRankingAndProject builds the two charts every region and
// project page has: a ranking of 8 units and a project's 12 months. One op
// is both charts.
func BenchmarkRankingAndProject(b *testing.B) {
	var bars []Bar
	for i, n := range []string{"铜官区", "义安区", "郊区", "枞阳县", "经开区", "狮子山区", "市直", "高新区"} {
		st := "met"
		if i >= 5 {
			st = "below"
		}
		bars = append(bars, Bar{Name: n, Value: def(20 - 2.7*float64(i)), Status: st})
	}
	bars[7].Status = "last"
	x := make([]string, 12)
	var cum, inc, exp []Value
	total := 0.0
	for i := range x {
		x[i] = "2024-" + strconv.Itoa(10 + i)[1:] + "-28"
		inc = append(inc, def(0.37*float64(i%4)))
		total += 0.37 * float64(i%4)
		cum = append(cum, def(total))
		exp = append(exp, def(12*float64(i+1)/12))
	}
	l := money(labels)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Ranking("c_regions_tong_guan_0", "固定资产投资增速排名", bars, def(8), labels); err != nil {
			b.Fatal(err)
		}
		if _, err := Project("c_projects_p003_1", "某产业园项目", x, cum, inc, exp, def(12), l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKinds builds each fixture chart.
func BenchmarkKinds(b *testing.B) {
	for name, mk := range fixtures() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := mk(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProject builds one project page's chart (12 monthly reports
// and a plan), as the site does 10,000 times: through the template
// (Project), through go-echarts per chart, and as Project did before the
// template (projectBefore).
func BenchmarkProject(b *testing.B) {
	x := make([]string, 12)
	var cum, inc, exp []Value
	total := 0.0
	for i := range x {
		x[i] = "2024-" + strconv.Itoa(101 + i)[1:] + "-28"
		inc = append(inc, def(0.37*float64(i%4)))
		total += 0.37 * float64(i%4)
		cum = append(cum, def(total))
		exp = append(exp, def(12*float64(i+1)/12))
	}
	l := money(labels)
	for _, bm := range []struct {
		name  string
		build func() (*Chart, error)
	}{
		{"template", func() (*Chart, error) {
			return Project("c_projects_p003_1", "某产业园项目", x, cum, inc, exp, def(12), l)
		}},
		{"go-echarts", func() (*Chart, error) {
			return project("c_projects_p003_1", "某产业园项目", x, cum, inc, exp, def(12), l, false)
		}},
		{"before", func() (*Chart, error) {
			return projectBefore("c_projects_p003_1", "某产业园项目", x, cum, inc, exp, def(12), l)
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bm.build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
