package metrics

import (
	"slices"

	"gongjian/generator/internal/dataset"
)

// Expected returns the expected share (%) of the annual plan at d
// (metrics.md, "Expected pace"): linear in t = day of year between (0, 0)
// and the campaign's `pace` targets due in d's year, sorted by date, and
// constant after the last of them. With no such target it is the time
// share t / days in year × 100.
func Expected(s *dataset.Site, d dataset.Date) float64 {
	y := d.Year()
	t := float64(d.DayOfYear())
	type point struct {
		by   dataset.Date
		t, v float64
	}
	var pts []point
	if s != nil {
		for _, tg := range s.Targets {
			if tg.Metric == "pace" && tg.By != 0 && tg.By.Year() == y {
				pts = append(pts, point{tg.By, float64(tg.By.DayOfYear()), tg.Value})
			}
		}
	}
	if len(pts) == 0 {
		return t / float64(dataset.DaysInYear(y)) * 100
	}
	slices.SortStableFunc(pts, func(a, b point) int { return int(a.by - b.by) })

	prevT, prevV := 0.0, 0.0
	for _, p := range pts {
		// Every point's t is ≥ 1 and we only move past a point when t is
		// beyond it, so p.t > prevT here: no division by zero even when two
		// targets share a date (the first of them wins at that date).
		if t <= p.t {
			return prevV + (p.v-prevV)*(t-prevT)/(p.t-prevT)
		}
		prevT, prevV = p.t, p.v
	}
	return prevV
}
