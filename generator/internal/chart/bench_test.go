package chart

import (
	"testing"
)

// BenchmarkProjectChart is one project page's chart (a year reported
// monthly then every ten days, 12 points and 12 expected, and a plan), as
// a site builds it 10,000 times: "shared" with the shell built once and
// shared, as every build does after its first project page; "unshared"
// with the shell built by go-echarts and marshalled per chart, the cost of
// building options per chart (the way before shells).
func BenchmarkProjectChart(b *testing.B) {
	ys := projectFixture(1)
	l := DefaultLabels
	build := func() {
		if _, err := Project("c_projects_p003_0", "某产业园项目", amount, ys, l); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("shared", func(b *testing.B) {
		build()
		b.ReportAllocs()
		for b.Loop() {
			build()
		}
	})
	b.Run("unshared", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			resetShells()
			build()
		}
	})
}

// BenchmarkKinds builds each fixture chart with its shell shared.
func BenchmarkKinds(b *testing.B) {
	for _, f := range fixtures() {
		b.Run(f.name, func(b *testing.B) {
			mustBuild(b, f)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.build(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
