package metrics

import (
	"fmt"
	"testing"
	"time"

	"gongjian/generator/internal/dataset"
)

// benchSite generates n projects over 20 regions, 30 departments, 6
// categories and 4 lists, with 18 semi-monthly reports (2023-03-15 to
// 2023-11-30) that each mention every project and every unit.
func benchSite(n int) *dataset.Site {
	s := &dataset.Site{Rules: defaultRules(), Targets: []dataset.Target{
		{Metric: "pace", Value: 85, By: dataset.NewDate(2023, 9, 30)},
		{Metric: "pace", Value: 100, By: dataset.NewDate(2023, 12, 31)},
		{Metric: "fai_growth", Value: 8, By: dataset.NewDate(2023, 12, 31)},
	}}
	for i := range 20 {
		s.Regions = append(s.Regions, &dataset.Unit{ID: fmt.Sprintf("r%02d", i),
			Targets: []dataset.Target{{Metric: "fai_growth", Value: 8, By: dataset.NewDate(2023, 12, 31)}}})
	}
	for i := range 30 {
		s.Departments = append(s.Departments, &dataset.Unit{ID: fmt.Sprintf("d%02d", i)})
	}
	for i := range 6 {
		s.Categories = append(s.Categories, &dataset.Group{ID: fmt.Sprintf("c%d", i)})
	}
	for i := range 4 {
		s.Lists = append(s.Lists, &dataset.Group{ID: fmt.Sprintf("l%d", i)})
	}
	for i := range n {
		start := dataset.NewDate(2023, time.Month(1+i%10), 1+i%28)
		p := &dataset.Project{
			ID:           fmt.Sprintf("p%05d", i),
			Region:       s.Regions[i%20].ID,
			Owner:        s.Departments[i%30].ID,
			Category:     s.Categories[i%6].ID,
			Lists:        []string{s.Lists[i%4].ID},
			Total:        float64(10 + i%50),
			Plan:         map[int]float64{2023: float64(1 + i%9)},
			StartPlanned: start,
			Approvals:    []dataset.Approval{{Kind: "land", Due: start - 30, Done: start - 10 + dataset.Date(i%40)}},
			Problems:     []dataset.Problem{{Text: "x", Raised: start, Resolved: start + dataset.Date(i%90)}},
		}
		if i%3 != 0 {
			p.StartActual = start + dataset.Date(i%20)
		}
		if i%17 == 0 {
			p.Signed, p.Landed = start-60, start-20
		}
		s.Projects = append(s.Projects, p)
	}
	for k := range 18 {
		m := time.Month(3 + k/2)
		d := dataset.NewDate(2023, m, 15)
		if k%2 == 1 {
			d = dataset.NewDate(2023, m+1, 0) // last day of m
		}
		r := &dataset.Report{Date: d,
			Stats:       &dataset.UnitStats{FAI: num(float64(10 * k)), FAIGrowth: num(float64(k % 7)), Sectors: map[string]float64{"m": float64(k)}},
			Regions:     map[string]*dataset.UnitStats{},
			Departments: map[string]*dataset.UnitStats{},
			Projects:    make([]dataset.Entry, 0, n),
		}
		for i, u := range s.Regions {
			r.Regions[u.ID] = &dataset.UnitStats{FAI: num(float64(k + i)), FAIGrowth: num(float64((k*7 + i*3) % 11))}
		}
		for i, u := range s.Departments {
			r.Departments[u.ID] = &dataset.UnitStats{FAIGrowth: num(float64((k + i) % 5))}
		}
		for i, p := range s.Projects {
			r.Projects = append(r.Projects, dataset.Entry{ID: p.ID, Completed: num(float64(k*(1+i%9)) / 18), Funds: num(float64(k))})
		}
		s.Reports = append(s.Reports, r)
	}
	return s
}

// BenchmarkCompute indexes a 10,000-project × 18-report site and computes
// the snapshot at the latest report, with both main leaderboards over
// every monthly period (so 9 snapshots in all).
func BenchmarkCompute(b *testing.B) {
	site := benchSite(10000)
	b.ReportAllocs()
	for b.Loop() {
		e := NewEngine(site)
		s := e.At(e.Latest())
		if len(s.Projects) != 10000 {
			b.Fatalf("len(Projects) = %d; want 10000", len(s.Projects))
		}
	}
}

// BenchmarkAtEveryReport is a full build's worth: a snapshot at every report date.
func BenchmarkAtEveryReport(b *testing.B) {
	site := benchSite(10000)
	b.ReportAllocs()
	for b.Loop() {
		e := NewEngine(site)
		for _, d := range e.ReportDates() {
			e.At(d)
		}
	}
}
