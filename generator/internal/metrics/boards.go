package metrics

import (
	"cmp"
	"fmt"
	"slices"
	"sync"
	"time"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// Board is a leaderboard: the units of one kind ranked by one metric as
// of D (metrics.md, "Ranking periods" and "Boards and escalation"). It is
// the board of the latest ranking period dated ≤ D: a mid-month dispatch
// without new figures shows last month's board, it does not make a
// period of its own.
type Board struct {
	Kind    string // "regions" | "departments"
	Metric  string
	Main    bool         // the kind's main board (rules.rank_by): only it escalates
	Period  dataset.Date // 0 when no period is dated ≤ D
	Start   dataset.Date // the first day the period covers (its month's, quarter's, or the report's own)
	Prev    dataset.Date // the period before (0: none)
	Periods []dataset.Date
	Rows    []BoardRow // ranked rows by rank (ties by id), then unranked rows by id
}

// BoardRow is one unit on a board.
type BoardRow struct {
	Unit       *Group       // the unit's own figures at D
	Value      exact.Num    // the value it is ranked by, at the period
	Carried    bool         // the value was reported before the period (沿用)
	From       dataset.Date // the report that gave the value, for statistics
	Rank       int          // competition rank; 0 when not ranked
	RankChange int          // previous period's rank − rank
	HasChange  bool         // RankChange is defined
	Last       bool         // ranked last at the period
	LastStreak int          // consecutive last places within the campaign
	Escalation string       // the measure it triggers (main board only)
	Current    exact.Num    // the unit's value at D
	Target     *TargetStatus
	Below      bool  // watch board: Current below an open target
	History    []int // rank at each of Board.Periods; 0 when not ranked
}

// Showcase is the top three of the board (展示台).
func (b *Board) Showcase() []BoardRow {
	var out []BoardRow
	for _, r := range b.Rows {
		if r.Rank >= 1 && r.Rank <= 3 {
			out = append(out, r)
		}
	}
	return out
}

// Exposure is every unit with a last-place streak (曝光台).
func (b *Board) Exposure() []BoardRow {
	var out []BoardRow
	for _, r := range b.Rows {
		if r.LastStreak >= 1 {
			out = append(out, r)
		}
	}
	return out
}

// Watch is every unit below its own open target (监督台).
func (b *Board) Watch() []BoardRow {
	var out []BoardRow
	for _, r := range b.Rows {
		if r.Below {
			out = append(out, r)
		}
	}
	return out
}

// Row returns the row of a unit, or nil.
func (b *Board) Row(id string) *BoardRow {
	for i := range b.Rows {
		if b.Rows[i].Unit.Scope.ID == id {
			return &b.Rows[i]
		}
	}
	return nil
}

// MainMetric is the metric of a kind's main board (rules.rank_by), "" when
// the site names none.
func (e *Engine) MainMetric(kind string) string { return e.site.Rules.RankBy[kind] }

// boardKey names a board independently of the date.
type boardKey struct{ kind, metric string }

// boardIndex is what every date's board of one (kind, metric) shares:
// its periods, and the ranking at each period, computed once.
type boardIndex struct {
	once  sync.Once
	fresh map[dataset.Date]bool // reports with a fresh value of the metric for the kind
	mu    sync.Mutex
	sets  map[dataset.Date]*rankSet
}

// rankSet is the ranking at one period, aligned with the kind's units.
type rankSet struct {
	values  []exact.Num
	from    []dataset.Date
	carried []bool
	ranks   []int
	worst   int
}

// last reports whether unit i is ranked last: at the greatest rank, all
// tied at it. A board on which every ranked unit ties at rank 1 (or with
// a single ranked unit) has no last place: the last are also the first,
// and the figures do not single anybody out for 末位约谈.
func (rs *rankSet) last(i int) bool { return rs.ranks[i] > 1 && rs.ranks[i] == rs.worst }

func (e *Engine) units(kind string) []*dataset.Unit {
	if kind == dataset.Departments {
		return e.depts
	}
	return e.regions
}

func kindIndex(kind string) int {
	if kind == dataset.Departments {
		return 1
	}
	return 0
}

func (e *Engine) index(kind, metric string) *boardIndex {
	k := boardKey{kind, metric}
	e.mu.Lock()
	bi := e.boards[k]
	if bi == nil {
		bi = &boardIndex{sets: map[dataset.Date]*rankSet{}}
		e.boards[k] = bi
	}
	e.mu.Unlock()
	bi.once.Do(func() { bi.fresh = e.fresh(kind, metric) })
	return bi
}

// fresh reports the reports that give a fresh value of metric for at
// least one unit of kind: statistics for fai and fai_growth; for funds a
// unit's own statistic or project lines; for figures computed from
// projects, any report with project lines (fine point 3).
func (e *Engine) fresh(kind, metric string) map[dataset.Date]bool {
	out := map[dataset.Date]bool{}
	def, _ := Lookup(metric)
	if !def.FromReports || metric == "funds" {
		for d := range e.projectLines {
			out[d] = true
		}
	}
	if def.FromReports {
		for _, lines := range e.unitStats[kindIndex(kind)] {
			for _, l := range lines {
				if statOf(l.s, metric).OK {
					out[l.date] = true
				}
			}
		}
	}
	return out
}

func statOf(st *dataset.UnitStats, metric string) dataset.Opt {
	switch metric {
	case "fai":
		return st.FAI
	case "fai_growth":
		return st.FAIGrowth
	case "funds":
		return st.Funds
	}
	return dataset.Opt{}
}

// periods are a board's ranking periods as of d, ascending: per
// rules.ranking_period, each month or quarter with a fresh value, dated
// by its last such report dated ≤ d, or each such report. Only reports
// dated ≤ d are read (fine point 4): a later report of the same month
// does not move the month's period away from what was known at d.
func (e *Engine) periods(fresh map[dataset.Date]bool, d dataset.Date) []dataset.Date {
	var out []dataset.Date
	for _, d := range e.DatesUpTo(d) {
		if !fresh[d] {
			continue
		}
		if n := len(out); n > 0 && e.periodStart(out[n-1]) == e.periodStart(d) {
			out[n-1] = d // a later report in the same month or quarter
			continue
		}
		out = append(out, d)
	}
	return out
}

// periodStart is the first day of the period a report date falls in.
func (e *Engine) periodStart(d dataset.Date) dataset.Date {
	switch e.site.Rules.RankingPeriod {
	case "report":
		return d
	case "quarter":
		m := (int(d.Month())-1)/3*3 + 1
		return dataset.NewDate(d.Year(), time.Month(m), 1)
	}
	return dataset.NewDate(d.Year(), d.Month(), 1)
}

// ranking ranks the kind's units at period p, once.
func (e *Engine) ranking(bi *boardIndex, kind, metric string, p dataset.Date) *rankSet {
	bi.mu.Lock()
	rs := bi.sets[p]
	bi.mu.Unlock()
	if rs != nil {
		return rs
	}
	s := e.GroupsAt(p)
	units := s.Units(kind)
	start := e.periodStart(p)
	rs = &rankSet{
		values:  make([]exact.Num, len(units)),
		from:    make([]dataset.Date, len(units)),
		carried: make([]bool, len(units)),
		ranks:   make([]int, len(units)),
	}
	var ranked []int
	for i, u := range units {
		rs.values[i] = s.GroupValue(u, metric)
		if st := statValue(u, metric); st.OK {
			rs.from[i] = st.From
			rs.carried[i] = st.From < start
		}
		if rs.values[i].OK() {
			ranked = append(ranked, i)
		}
	}
	// Higher is better; ties compare exactly and share the rank; the
	// next rank skips (competition ranking).
	slices.SortStableFunc(ranked, func(a, b int) int { return rs.values[b].Cmp(rs.values[a]) })
	for n, i := range ranked {
		if n > 0 && rs.values[i].Cmp(rs.values[ranked[n-1]]) == 0 {
			rs.ranks[i] = rs.ranks[ranked[n-1]]
		} else {
			rs.ranks[i] = n + 1
		}
		rs.worst = rs.ranks[i]
	}
	bi.mu.Lock()
	if prev := bi.sets[p]; prev != nil {
		rs = prev
	} else {
		bi.sets[p] = rs
	}
	bi.mu.Unlock()
	return rs
}

// statValue is the statistic behind a unit's value of a metric, when the
// value is one (fai, fai_growth, or the unit's own funds).
func statValue(u *Group, metric string) Stat {
	switch metric {
	case "fai":
		return u.Stats.FAI
	case "fai_growth":
		return u.Stats.FAIGrowth
	case "funds":
		return u.Stats.Funds
	}
	return Stat{}
}

// Board returns the board of kind by metric as of s.AsOf.
func (s *Snapshot) Board(kind, metric string) (*Board, error) {
	if kind != dataset.Regions && kind != dataset.Departments {
		return nil, fmt.Errorf("metrics: unknown unit kind %q", kind)
	}
	if !Rankable(metric) {
		return nil, fmt.Errorf("metrics: units cannot be ranked by %q", metric)
	}
	e := s.e
	bi := e.index(kind, metric)
	periods := e.periods(bi.fresh, s.AsOf)
	n := len(periods)
	b := &Board{Kind: kind, Metric: metric, Main: e.MainMetric(kind) == metric, Periods: periods}
	units := s.Units(kind)
	sets := make([]*rankSet, n)
	for i, p := range b.Periods {
		sets[i] = e.ranking(bi, kind, metric, p)
	}
	var cur, prev *rankSet
	if n > 0 {
		b.Period, b.Start, cur = b.Periods[n-1], e.periodStart(b.Periods[n-1]), sets[n-1]
	}
	if n > 1 {
		b.Prev, prev = b.Periods[n-2], sets[n-2]
	}
	var ladder []string
	if b.Main {
		ladder = e.site.Rules.Escalation[kind]
	}
	c := e.site.Campaign
	within := func(d dataset.Date) bool { return d >= c.Start && d <= c.End }
	for i, u := range units {
		r := BoardRow{Unit: u, Current: s.GroupValue(u, metric), Value: s.GroupValue(u, metric)}
		r.Target = s.TheTarget(u.Scope, metric)
		r.Below = r.Target != nil && !r.Target.Closed() && r.Current.OK() && r.Current.Less(r.Target.Value.Num())
		if cur != nil {
			r.Value, r.From, r.Carried, r.Rank, r.Last = cur.values[i], cur.from[i], cur.carried[i], cur.ranks[i], cur.last(i)
			if prev != nil && prev.ranks[i] > 0 && r.Rank > 0 {
				r.RankChange, r.HasChange = prev.ranks[i]-r.Rank, true
			}
			// Only periods within the campaign count; counting back stops
			// at the first period outside it (fine point 4).
			for j := n - 1; j >= 0 && within(b.Periods[j]) && sets[j].last(i); j-- {
				r.LastStreak++
			}
			if r.LastStreak > 0 && len(ladder) > 0 {
				r.Escalation = ladder[min(r.LastStreak, len(ladder))-1]
			}
		}
		r.History = make([]int, n)
		for j, st := range sets {
			r.History[j] = st.ranks[i]
		}
		b.Rows = append(b.Rows, r)
	}
	slices.SortStableFunc(b.Rows, func(x, y BoardRow) int {
		return cmp.Compare(sortRank(x.Rank), sortRank(y.Rank))
	})
	return b, nil
}

func sortRank(r int) int {
	if r == 0 {
		return int(^uint(0) >> 1)
	}
	return r
}

// MainBoard is the board of a kind's rules.rank_by metric; nil when the
// site ranks that kind by nothing.
func (s *Snapshot) MainBoard(kind string) *Board {
	m := s.e.MainMetric(kind)
	if m == "" {
		return nil
	}
	b, err := s.Board(kind, m)
	if err != nil {
		return nil
	}
	return b
}
