package metrics

import (
	"slices"
	"sort"
	"sync"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// Engine computes the figures of one site at any date. It indexes the
// reports once — each project's and each unit's own lines by date — and
// caches one Snapshot per date, so that the many dates a build needs
// (every ranking period, every bulletin, every closed target's deadline)
// are each computed once.
//
// An Engine is safe for concurrent use; the site must not change while it
// is in use.
type Engine struct {
	site  *dataset.Site
	dates []dataset.Date // distinct report dates, ascending
	y0    int            // the campaign's first and last calendar years
	y1    int

	projects  []*dataset.Project
	projectAt map[string]int
	lines     [][]pline // per project, by date
	member    []membership
	regions   []*dataset.Unit
	depts     []*dataset.Unit
	cats      []*dataset.Group
	lists     []*dataset.Group
	sectors   []*dataset.Group

	campaignStats []sline               // [stats], by date
	unitStats     [2][][]sline          // [kind][unit index] → its lines by date
	projectLines  map[dataset.Date]bool // reports with at least one project line
	corrections   map[dataset.Date][]string

	mu     sync.Mutex
	snaps  map[dataset.Date]*snapSlot // full snapshots (At)
	groups map[dataset.Date]*snapSlot // snapshots without per-project figures (GroupsAt)
	boards map[boardKey]*boardIndex
}

// pline is a project's line in one report.
type pline struct {
	date       dataset.Date
	completed  dataset.Opt
	funds      dataset.Opt
	note       string
	correction bool
}

// sline is one scope's statistics in one report.
type sline struct {
	date dataset.Date
	s    *dataset.UnitStats
}

// membership is where a project's figures add up: indexes of its region,
// department, category (-1: none) and lists.
type membership struct {
	region, dept, cat int
	lists             []int
}

type snapSlot struct {
	once sync.Once
	s    *Snapshot
}

// NewEngine indexes s; a nil site is an empty one.
func NewEngine(s *dataset.Site) *Engine {
	if s == nil {
		s = &dataset.Site{}
	}
	e := &Engine{
		site:         s,
		projects:     sortedBy(s.Projects, func(p *dataset.Project) string { return p.ID }),
		regions:      sortedBy(s.Regions, func(u *dataset.Unit) string { return u.ID }),
		depts:        sortedBy(s.Departments, func(u *dataset.Unit) string { return u.ID }),
		cats:         sortedBy(s.Categories, func(g *dataset.Group) string { return g.ID }),
		lists:        sortedBy(s.Lists, func(g *dataset.Group) string { return g.ID }),
		sectors:      sortedBy(s.Sectors, func(g *dataset.Group) string { return g.ID }),
		projectLines: map[dataset.Date]bool{},
		corrections:  map[dataset.Date][]string{},
		snaps:        map[dataset.Date]*snapSlot{},
		groups:       map[dataset.Date]*snapSlot{},
		boards:       map[boardKey]*boardIndex{},
	}
	e.y0, e.y1 = s.Campaign.Years()

	reports := sortedBy(s.Reports, func(r *dataset.Report) dataset.Date { return r.Date })
	projectAt := indexOf(e.projects, func(p *dataset.Project) string { return p.ID })
	e.projectAt = projectAt
	e.lines = make([][]pline, len(e.projects))
	unitAt := [2]map[string]int{
		indexOf(e.regions, func(u *dataset.Unit) string { return u.ID }),
		indexOf(e.depts, func(u *dataset.Unit) string { return u.ID }),
	}
	e.unitStats = [2][][]sline{make([][]sline, len(e.regions)), make([][]sline, len(e.depts))}
	for _, r := range reports {
		if len(e.dates) == 0 || e.dates[len(e.dates)-1] != r.Date {
			e.dates = append(e.dates, r.Date)
		}
		if r.Stats != nil {
			e.campaignStats = append(e.campaignStats, sline{r.Date, r.Stats})
		}
		for k, kind := range dataset.UnitKinds {
			for id, st := range r.Units(kind) {
				if i, ok := unitAt[k][id]; ok && st != nil {
					e.unitStats[k][i] = append(e.unitStats[k][i], sline{r.Date, st})
				}
			}
		}
		for _, en := range r.Projects {
			i, ok := projectAt[en.ID]
			if !ok {
				continue
			}
			e.projectLines[r.Date] = true
			e.lines[i] = append(e.lines[i], pline{r.Date, en.Completed, en.Funds, en.Note, en.Correction})
			if en.Correction {
				e.corrections[r.Date] = append(e.corrections[r.Date], en.ID)
			}
		}
	}
	// Statistics of one unit were appended in map order within a report,
	// but each unit has at most one line per report, so every list is in
	// date order already.

	regionAt, deptAt := unitAt[0], unitAt[1]
	catAt := indexOf(e.cats, func(g *dataset.Group) string { return g.ID })
	listAt := indexOf(e.lists, func(g *dataset.Group) string { return g.ID })
	e.member = make([]membership, len(e.projects))
	for i, p := range e.projects {
		m := membership{region: at(regionAt, p.Region), dept: at(deptAt, p.Owner), cat: at(catAt, p.Category)}
		for j, l := range p.Lists {
			if k := at(listAt, l); k >= 0 && !slices.Contains(p.Lists[:j], l) {
				m.lists = append(m.lists, k)
			}
		}
		e.member[i] = m
	}
	return e
}

func sortedBy[T any, K string | dataset.Date](xs []*T, key func(*T) K) []*T {
	out := make([]*T, 0, len(xs))
	for _, x := range xs {
		if x != nil {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, func(a, b *T) int {
		ka, kb := key(a), key(b)
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	return out
}

func indexOf[T any](xs []*T, key func(*T) string) map[string]int {
	m := make(map[string]int, len(xs))
	for i, x := range xs {
		if _, dup := m[key(x)]; !dup {
			m[key(x)] = i
		}
	}
	return m
}

func at(m map[string]int, id string) int {
	if i, ok := m[id]; ok {
		return i
	}
	return -1
}

// Site is the site the engine computes.
func (e *Engine) Site() *dataset.Site { return e.site }

// Latest is the date of the latest report (0 when there is none).
func (e *Engine) Latest() dataset.Date {
	if len(e.dates) == 0 {
		return 0
	}
	return e.dates[len(e.dates)-1]
}

// Dates are the distinct report dates, ascending.
func (e *Engine) Dates() []dataset.Date { return slices.Clone(e.dates) }

// DatesUpTo are the report dates ≤ d.
func (e *Engine) DatesUpTo(d dataset.Date) []dataset.Date {
	return e.dates[:sort.Search(len(e.dates), func(i int) bool { return e.dates[i] > d })]
}

// LatestUpTo is the latest report dated ≤ d (0: none).
func (e *Engine) LatestUpTo(d dataset.Date) dataset.Date {
	ds := e.DatesUpTo(d)
	if len(ds) == 0 {
		return 0
	}
	return ds[len(ds)-1]
}

// HasProjectLines reports whether the report of date d has project lines.
func (e *Engine) HasProjectLines(d dataset.Date) bool { return e.projectLines[d] }

// At returns every figure as of d. The snapshot is cached: the same
// pointer comes back for the same date; it must not be modified.
func (e *Engine) At(d dataset.Date) *Snapshot {
	return e.slot(e.snaps, d, func() *Snapshot { return e.compute(d) })
}

// GroupsAt returns the figures of every group as of d, without the
// per-project figures: Projects, and every group's Projects, are nil.
// Series, boards and closed targets read other dates than the pages are
// shown as of, and need only these; keeping them alone is what keeps a
// build's memory proportional to its projects, not to projects × reports.
func (e *Engine) GroupsAt(d dataset.Date) *Snapshot {
	e.mu.Lock()
	full := e.snaps[d]
	e.mu.Unlock()
	if full != nil {
		return e.At(d)
	}
	return e.slot(e.groups, d, func() *Snapshot { return e.compute(d).withoutProjects() })
}

func (e *Engine) slot(m map[dataset.Date]*snapSlot, d dataset.Date, compute func() *Snapshot) *Snapshot {
	e.mu.Lock()
	slot := m[d]
	if slot == nil {
		slot = &snapSlot{}
		m[d] = slot
	}
	e.mu.Unlock()
	slot.once.Do(func() { slot.s = compute() })
	return slot.s
}

// yearStart is 1 January of year y.
func yearStart(y int) dataset.Date { return dataset.NewDate(y, 1, 1) }

// yearEnd is 31 December of year y.
func yearEnd(y int) dataset.Date { return dataset.NewDate(y, 12, 31) }

// latest returns, among a project's lines dated within [from, to], the
// last value of each key that gives one (metrics.md fine point 14:
// values carry key by key within a year), with the line's date.
func latestLines(ls []pline, from, to dataset.Date) (completed, funds exact.Dec, cDate, fDate dataset.Date, note string, noteDate dataset.Date) {
	lo := sort.Search(len(ls), func(i int) bool { return ls[i].date >= from })
	for i := lo; i < len(ls) && ls[i].date <= to; i++ {
		l := &ls[i]
		if l.completed.OK {
			completed, cDate = l.completed.V, l.date
		}
		if l.funds.OK {
			funds, fDate = l.funds.V, l.date
		}
		if l.note != "" {
			note, noteDate = l.note, l.date
		}
	}
	return
}

// Stat is a statistic a report gives: its value at a date and the date of
// the report that gave it (for carried values).
type Stat struct {
	V    exact.Dec
	OK   bool
	From dataset.Date
}

// Num is the statistic as a figure (undefined when no report gives it).
func (s Stat) Num() exact.Num {
	if !s.OK {
		return exact.Undefined
	}
	return s.V.Num()
}

// Stats are a scope's official statistics at a date, year to date.
type Stats struct {
	FAI       Stat
	FAIGrowth Stat
	Funds     Stat
	Sectors   map[string]Stat // growth by sector id ([stats] only)
}

// statsAt reads statistics from lines dated in [from, to]; each value is
// that of the latest line that gives it.
func statsAt(lines []sline, from, to dataset.Date) Stats {
	var st Stats
	lo := sort.Search(len(lines), func(i int) bool { return lines[i].date >= from })
	for i := lo; i < len(lines) && lines[i].date <= to; i++ {
		l := lines[i]
		if l.s.FAI.OK {
			st.FAI = Stat{l.s.FAI.V, true, l.date}
		}
		if l.s.FAIGrowth.OK {
			st.FAIGrowth = Stat{l.s.FAIGrowth.V, true, l.date}
		}
		if l.s.Funds.OK {
			st.Funds = Stat{l.s.Funds.V, true, l.date}
		}
		for id, v := range l.s.Sectors {
			if st.Sectors == nil {
				st.Sectors = map[string]Stat{}
			}
			st.Sectors[id] = Stat{v, true, l.date}
		}
	}
	return st
}
