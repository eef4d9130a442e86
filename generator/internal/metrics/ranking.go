package metrics

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"gongjian/generator/internal/dataset"
)

// The kinds of unit that are ranked, each against its own kind.
const (
	KindRegions     = "regions"
	KindDepartments = "departments"
)

// Ranking returns the leaderboard of kind ("regions" or "departments") by
// metric at s.AsOf, with each unit's movement, last-place streak and
// escalation over the ranking periods up to s.AsOf. The result is cached
// and shared: do not modify it.
func (s *Snapshot) Ranking(kind, metric string) (*Ranking, error) {
	units, ok := s.unitsOf(kind)
	if !ok {
		return nil, fmt.Errorf("metrics: unknown ranking kind %q (expected %s or %s)", kind, KindRegions, KindDepartments)
	}
	if d, ok := LookupMetric(metric); !ok || !d.Rankable {
		return nil, fmt.Errorf("metrics: units cannot be ranked by %q (expected one of %s)", metric, strings.Join(rankable(), ", "))
	}
	key := rankKey{kind, metric}
	s.mu.Lock()
	r := s.rankings[key]
	s.mu.Unlock()
	if r != nil {
		return r, nil
	}
	// Computed without the lock: it reads other snapshots, and two
	// goroutines racing here compute the same thing; the first one stored wins.
	r = s.rank(kind, metric, units)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev := s.rankings[key]; prev != nil {
		return prev, nil
	}
	if s.rankings == nil {
		s.rankings = map[rankKey]*Ranking{}
	}
	s.rankings[key] = r
	return r, nil
}

// MainRanking returns the kind's main leaderboard (rules.rank_by).
func (s *Snapshot) MainRanking(kind string) (*Ranking, error) {
	return s.Ranking(kind, s.mainMetric(kind))
}

func (s *Snapshot) mainMetric(kind string) string {
	if s.Site == nil {
		return ""
	}
	if kind == KindRegions {
		return s.Site.Rules.RankRegions
	}
	return s.Site.Rules.RankDepts
}

func rankable() []string {
	var out []string
	for _, n := range MetricNames() {
		if metricDefs[n].Rankable {
			out = append(out, n)
		}
	}
	return out
}

func (s *Snapshot) rank(kind, metric string, units []*Unit) *Ranking {
	periods := []dataset.Date{s.AsOf}
	if s.e != nil {
		periods = s.e.periods(s.AsOf)
	}
	// The ranks at each period come from that period's own snapshot (cached
	// by the Engine), so a date's figures are computed once for all the
	// rankings that look back at it.
	sets := make([]rankSet, len(periods))
	for j, p := range periods {
		ps := s
		if p != s.AsOf {
			ps = s.e.baseAt(p)
		}
		pu, _ := ps.unitsOf(kind)
		sets[j] = rankUnits(ps, pu, metric)
	}
	cur, prev := sets[len(sets)-1], rankSet{}
	if len(sets) > 1 {
		prev = sets[len(sets)-2]
	}

	var escalation []string
	if s.Site != nil {
		escalation = s.Site.Rules.Escalation
	}
	r := &Ranking{Kind: kind, Metric: metric, Periods: periods, Rows: make([]RankRow, len(units))}
	for i, u := range units {
		row := RankRow{ID: u.ID, Name: u.Name, Value: cur.values[i], Rank: cur.ranks[i], Last: cur.last(i)}
		if i < len(prev.ranks) && prev.ranks[i].OK && row.Rank.OK {
			row.RankChange = Def(prev.ranks[i].V - row.Rank.V)
		}
		for j := len(sets) - 1; j >= 0 && sets[j].last(i); j-- {
			row.LastStreak++
		}
		if row.LastStreak >= 1 && len(escalation) > 0 {
			row.Escalation = escalation[min(row.LastStreak, len(escalation))-1]
		}
		row.Target = unitTarget(u.U, metric, s.AsOf)
		// An undefined value is not shown below its target: the watch board
		// lists measured shortfalls, not missing figures.
		row.BelowTarget = row.Target.OK && row.Value.OK && row.Value.V < row.Target.V
		row.History = make([]Value, len(sets))
		for j := range sets {
			if i < len(sets[j].ranks) {
				row.History[j] = sets[j].ranks[i]
			}
		}
		r.Rows[i] = row
	}
	// Units are in id order already; a stable sort by rank keeps ties and
	// the unranked tail in id order.
	slices.SortStableFunc(r.Rows, func(a, b RankRow) int {
		return cmp.Compare(sortRank(a.Rank), sortRank(b.Rank))
	})
	return r
}

func sortRank(v Value) float64 {
	if !v.OK {
		return math.Inf(1)
	}
	return v.V
}

// rankSet is one period's competition ranking, aligned with the units.
type rankSet struct {
	values []Value
	ranks  []Value
	worst  float64 // the last place's rank (the greatest); 0 when nobody is ranked
}

// last reports whether unit i is ranked last.
func (rs rankSet) last(i int) bool {
	return i < len(rs.ranks) && rs.ranks[i].OK && rs.ranks[i].V == rs.worst
}

// rankUnits ranks units by metric, higher first, competition style: a
// unit's rank is 1 + the number of units with a greater value.
func rankUnits(s *Snapshot, units []*Unit, metric string) rankSet {
	rs := rankSet{values: make([]Value, len(units)), ranks: make([]Value, len(units))}
	keys := make([]float64, len(units))
	var ranked []int
	for i, u := range units {
		v := s.UnitValue(u, metric)
		rs.values[i] = v
		// A NaN or infinity cannot be ordered; it is left out like an
		// undefined value rather than scrambling the sort.
		if !v.OK || math.IsNaN(v.V) || math.IsInf(v.V, 0) {
			continue
		}
		keys[i] = tieKey(v.V)
		ranked = append(ranked, i)
	}
	slices.SortStableFunc(ranked, func(a, b int) int { return cmp.Compare(keys[b], keys[a]) })
	for n, i := range ranked {
		if n > 0 && keys[i] == keys[ranked[n-1]] {
			rs.ranks[i] = rs.ranks[ranked[n-1]]
		} else {
			rs.ranks[i] = Def(float64(n + 1))
		}
		rs.worst = rs.ranks[i].V
	}
	// metrics.md: last is the greatest rank among ranked units, and all
	// tied at it are last — even when that rank is 1 (everybody tied, or a
	// single ranked unit): the law is literal here, so a board with no
	// spread exposes everyone on it.
	return rs
}

// tieKey rounds v to 1e-9 so that sums that differ only by floating-point
// noise (0.1+0.2 vs 0.3) tie, as they display identically; a genuine
// difference is always far larger.
func tieKey(v float64) float64 {
	return math.Round(v*1e9) / 1e9
}

// periods returns the ranking periods up to d (metrics.md "Ranking
// periods"), ending with d itself.
//
// Periods run across years: every report ≤ D counts, so a January ranking
// still has a previous period (December) and a last-place streak can span
// New Year — the leaderboards are continuous even though the cumulative
// figures restart.
//
// D always is a period and stands for the bucket it falls in: with
// "month" it replaces the latest report of its own month (when D is a
// report date that report is D); with "report" a D that is not a report
// date is one more period after the last report.
func (e *Engine) periods(d dataset.Date) []dataset.Date {
	ds := e.datesUpTo(d)
	var out []dataset.Date
	if e.site.Rules.RankingPeriod == "report" {
		for _, r := range ds {
			if r < d {
				out = append(out, r)
			}
		}
		return append(out, d)
	}
	// "month", also the loader's default.
	dy, dm := d.Year(), d.Month()
	for i, r := range ds {
		ry, rm := r.Year(), r.Month()
		if ry == dy && rm == dm {
			continue
		}
		if i+1 < len(ds) && ds[i+1].Year() == ry && ds[i+1].Month() == rm {
			continue // not the latest report of its month
		}
		out = append(out, r)
	}
	return append(out, d)
}

// fillRanks sets the units' main-leaderboard fields.
func (e *Engine) fillRanks(s *Snapshot) {
	for _, kind := range []string{KindRegions, KindDepartments} {
		r, err := s.MainRanking(kind)
		if err != nil {
			continue // no (valid) rank_by: the fields stay undefined
		}
		for _, row := range r.Rows {
			u := s.Region(row.ID)
			if kind == KindDepartments {
				u = s.Department(row.ID)
			}
			if u == nil {
				continue
			}
			u.Rank, u.RankChange, u.LastStreak, u.Escalation = row.Rank, row.RankChange, row.LastStreak, row.Escalation
		}
	}
}
