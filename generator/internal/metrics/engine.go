package metrics

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"gongjian/generator/internal/dataset"
)

// Engine computes snapshots of one site. It indexes the reports once, so
// that "the value in the latest report dated ≤ D within year Y" is a binary
// search over one project's (or one unit's) own report lines, and it caches
// one Snapshot per as-of date: a ranking looks back at every earlier ranking
// period, and each of those snapshots is then computed only once however
// many dates, pages and leaderboards ask for it.
//
// An Engine is safe for concurrent use. The site must not change while the
// Engine is in use.
type Engine struct {
	site        *dataset.Site
	dates       []dataset.Date // distinct report dates, ascending
	projects    []*dataset.Project
	regions     []*dataset.Unit
	departments []*dataset.Unit
	categories  []*dataset.Group
	lists       []*dataset.Group

	lines       []projectLines       // aligned with projects
	member      []membership         // aligned with projects
	projectAt   map[string]int       // project id → index in projects
	stats       []statsAt            // the campaign-wide [stats], by date
	regionStats map[string][]statsAt // region id → its lines, by date
	deptStats   map[string][]statsAt // department id → its lines, by date

	mu    sync.Mutex
	snaps map[dataset.Date]*snapEntry
}

// projectLines are a project's lines in the reports that mention it, by
// date. Dates sit in their own slice so that finding the year's range is a
// plain binary search, and lines are copied by value so that scanning them
// does not chase a pointer per report.
type projectLines struct {
	dates []dataset.Date
	lines []line
}

// line is the part of a dataset.Entry the figures read.
type line struct {
	completed, funds       float64
	hasCompleted, hasFunds bool
	note                   string
}

// membership is where a project's figures add up: the index of its
// region, department and category (-1: none known) and of its lists.
type membership struct {
	region, dept, category int
	lists                  []int
}

// statsAt is a unit's (or the campaign's) statistics in the report of a date.
type statsAt struct {
	date dataset.Date
	s    *dataset.UnitStats
}

// snapEntry is a cache slot. Its two stages are separate because ranking
// fields at D need the plain figures of every earlier period, but never
// those periods' own ranking fields: keeping them apart is what stops the
// recursion and lets a slot be filled without holding Engine.mu.
type snapEntry struct {
	base  sync.Once // computes s (everything but the leaderboard fields)
	ranks sync.Once // fills the units' main-leaderboard fields of s
	s     *Snapshot
}

// NewEngine indexes s. A nil site is treated as an empty one.
func NewEngine(s *dataset.Site) *Engine {
	if s == nil {
		s = &dataset.Site{}
	}
	e := &Engine{
		site:        s,
		projects:    byID(s.Projects, func(p *dataset.Project) string { return p.ID }),
		regions:     byID(s.Regions, func(u *dataset.Unit) string { return u.ID }),
		departments: byID(s.Departments, func(u *dataset.Unit) string { return u.ID }),
		categories:  byID(s.Categories, func(g *dataset.Group) string { return g.ID }),
		lists:       byID(s.Lists, func(g *dataset.Group) string { return g.ID }),
		regionStats: map[string][]statsAt{},
		deptStats:   map[string][]statsAt{},
		snaps:       map[dataset.Date]*snapEntry{},
	}

	// The loader sorts reports by date; sort again (stably) so that the
	// index never depends on it.
	reports := byID(s.Reports, func(r *dataset.Report) dataset.Date { return r.Date })
	for _, r := range reports {
		if len(e.dates) == 0 || e.dates[len(e.dates)-1] != r.Date {
			e.dates = append(e.dates, r.Date)
		}
		if r.Stats != nil {
			e.stats = append(e.stats, statsAt{r.Date, r.Stats})
		}
		for id, st := range r.Regions {
			if st != nil {
				e.regionStats[id] = append(e.regionStats[id], statsAt{r.Date, st})
			}
		}
		for id, st := range r.Departments {
			if st != nil {
				e.deptStats[id] = append(e.deptStats[id], statsAt{r.Date, st})
			}
		}
	}

	// Project by project, so that each project's lines are contiguous in
	// two shared arrays instead of 2 small slices grown per project. The
	// loader gives each report's lines in id order, as the projects are:
	// one pass through every report, no lookups.
	e.lines = make([]projectLines, len(e.projects))
	n := 0
	entries := make([][]dataset.Entry, len(reports))
	for i, r := range reports {
		n += len(r.Projects)
		entries[i] = sortedEntries(r.Projects)
	}
	dates := make([]dataset.Date, 0, n)
	lines := make([]line, 0, n)
	bounds := make([]int, len(e.projects)+1)
	next := make([]int, len(reports))
	for i, p := range e.projects {
		for k, r := range reports {
			// A project twice gets the same line; a line twice, the first.
			var en *dataset.Entry
			if en, next[k] = dataset.SeekEntry(entries[k], next[k], p.ID); en == nil {
				continue
			}
			l := line{note: en.Note}
			if en.Completed != nil {
				l.completed, l.hasCompleted = *en.Completed, true
			}
			if en.Funds != nil {
				l.funds, l.hasFunds = *en.Funds, true
			}
			dates = append(dates, r.Date)
			lines = append(lines, l)
		}
		bounds[i+1] = len(dates)
	}
	for i := range e.lines {
		lo, hi := bounds[i], bounds[i+1]
		e.lines[i] = projectLines{dates[lo:hi:hi], lines[lo:hi:hi]}
	}

	// Group memberships, looked up once rather than in every snapshot.
	index := func(n int, id func(int) string) map[string]int {
		m := make(map[string]int, n)
		for i := 0; i < n; i++ {
			m[id(i)] = i
		}
		return m
	}
	at := func(m map[string]int, id string) int {
		if i, ok := m[id]; ok {
			return i
		}
		return -1
	}
	regionAt := index(len(e.regions), func(i int) string { return e.regions[i].ID })
	deptAt := index(len(e.departments), func(i int) string { return e.departments[i].ID })
	catAt := index(len(e.categories), func(i int) string { return e.categories[i].ID })
	listAt := index(len(e.lists), func(i int) string { return e.lists[i].ID })
	e.projectAt = index(len(e.projects), func(i int) string { return e.projects[i].ID })
	e.member = make([]membership, len(e.projects))
	for i, p := range e.projects {
		m := membership{region: at(regionAt, p.Region), dept: at(deptAt, p.Owner), category: at(catAt, p.Category)}
		for j, l := range p.Lists {
			// A list named twice by one project still holds it once.
			if k := at(listAt, l); k >= 0 && !slices.Contains(p.Lists[:j], l) {
				m.lists = append(m.lists, k)
			}
		}
		e.member[i] = m
	}
	return e
}

// byID returns the non-nil elements of xs, stably sorted by key.
func byID[T any, K cmp.Ordered](xs []*T, key func(*T) K) []*T {
	out := make([]*T, 0, len(xs))
	for _, x := range xs {
		if x != nil {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, func(a, b *T) int { return cmp.Compare(key(a), key(b)) })
	return out
}

// Compute is NewEngine(s).At(d), for a single date.
func Compute(s *dataset.Site, d dataset.Date) *Snapshot {
	return NewEngine(s).At(d)
}

// sortedEntries is es in id order: as given when it already is (the
// loader's), else a sorted copy, equal ids in their given order.
func sortedEntries(es []dataset.Entry) []dataset.Entry {
	less := func(a, b dataset.Entry) int { return strings.Compare(a.ID, b.ID) }
	if slices.IsSortedFunc(es, less) {
		return es
	}
	es = slices.Clone(es)
	slices.SortStableFunc(es, less)
	return es
}

// Latest returns the date of the latest report, or 0 when there is none.
func (e *Engine) Latest() dataset.Date {
	if len(e.dates) == 0 {
		return 0
	}
	return e.dates[len(e.dates)-1]
}

// ReportDates returns the distinct report dates in ascending order.
func (e *Engine) ReportDates() []dataset.Date {
	return slices.Clone(e.dates)
}

// At returns every figure as of d. The snapshot is cached: the same
// pointer comes back for the same date, and it must not be modified.
func (e *Engine) At(d dataset.Date) *Snapshot {
	en := e.slot(d)
	s := e.base(en, d)
	en.ranks.Do(func() { e.fillRanks(s) })
	return s
}

// Release drops the per-project figures (Projects, Project, each group's
// Projects) of every computed snapshot whose date is not in keep. A large
// site computes a snapshot per report date for its time series and
// rankings, which read only the units' figures; per-project figures are
// needed at the dates pages are shown as of, and they are most of a
// snapshot's memory. Call it once those dates are known; Changes still
// works for any date.
func (e *Engine) Release(keep ...dataset.Date) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for d, en := range e.snaps {
		if en.s == nil || en.s.released || slices.Contains(keep, d) {
			continue
		}
		s := en.s
		s.Projects, s.Totals.Projects = nil, nil
		for _, u := range s.Regions {
			u.Projects = nil
		}
		for _, u := range s.Departments {
			u.Projects = nil
		}
		for _, g := range s.Categories {
			g.Projects = nil
		}
		for _, g := range s.Lists {
			g.Projects = nil
		}
		s.released = true
	}
}

// full is the snapshot at d with its per-project figures, computed again
// when they were released.
func (e *Engine) full(d dataset.Date) *Snapshot {
	if s := e.At(d); !s.released {
		return s
	}
	return e.compute(d)
}

// baseAt returns the snapshot at d without waiting for its leaderboard
// fields; rankings of later dates only read figures of earlier ones.
func (e *Engine) baseAt(d dataset.Date) *Snapshot {
	return e.base(e.slot(d), d)
}

func (e *Engine) base(en *snapEntry, d dataset.Date) *Snapshot {
	en.base.Do(func() { en.s = e.compute(d) })
	return en.s
}

func (e *Engine) slot(d dataset.Date) *snapEntry {
	e.mu.Lock()
	defer e.mu.Unlock()
	en := e.snaps[d]
	if en == nil {
		en = &snapEntry{}
		e.snaps[d] = en
	}
	return en
}

// datesUpTo returns the report dates ≤ d.
func (e *Engine) datesUpTo(d dataset.Date) []dataset.Date {
	return e.dates[:sort.Search(len(e.dates), func(i int) bool { return e.dates[i] > d })]
}

// span returns the indexes [lo, hi) of the ascending dates within
// [from, d]: year Y up to D.
func span(dates []dataset.Date, from, d dataset.Date) (lo, hi int) {
	lo, _ = slices.BinarySearch(dates, from)
	hi = lo
	if d >= from {
		hi, _ = slices.BinarySearch(dates[lo:], d+1)
		hi += lo
	}
	return lo, hi
}
