package metrics

import (
	"sort"
	"sync"

	"gongjian/generator/internal/dataset"
)

// Snapshot is every figure of metrics.md as of one date. It is read-only
// once At has returned it; Ranking caches its results and is safe for
// concurrent use.
type Snapshot struct {
	Site        *dataset.Site
	AsOf        dataset.Date
	Year        int     // Y: the calendar year of AsOf
	Expected    float64 // expected share of the annual plan at AsOf (%)
	Projects    []*Project
	Totals      Group // all projects; ID ""
	Stats       Stats // the campaign-wide [stats]
	Regions     []*Unit
	Departments []*Unit
	Categories  []*Group
	Lists       []*Group
	Targets     []TargetStatus // by scope, metric, by

	e           *Engine
	regions     map[string]*Unit
	departments map[string]*Unit
	categories  map[string]*Group
	lists       map[string]*Group

	mu       sync.Mutex
	rankings map[rankKey]*Ranking
	released bool // per-project figures dropped (Engine.Release)
}

type rankKey struct{ kind, metric string }

// Project, Region, Department, Category and List look figures up by id;
// nil when there is none.
func (s *Snapshot) Project(id string) *Project {
	if s.e == nil {
		return nil
	}
	if i, ok := s.e.projectAt[id]; ok && i < len(s.Projects) {
		return s.Projects[i]
	}
	return nil
}
func (s *Snapshot) Region(id string) *Unit     { return s.regions[id] }
func (s *Snapshot) Department(id string) *Unit { return s.departments[id] }
func (s *Snapshot) Category(id string) *Group  { return s.categories[id] }
func (s *Snapshot) List(id string) *Group      { return s.lists[id] }

// Sector is the campaign-wide growth of a sector ([stats.sectors]);
// undefined when no report of the year up to AsOf gives it.
func (s *Snapshot) Sector(id string) Value { return s.Stats.Sectors[id] }

// unitsOf returns the units of a ranking kind.
func (s *Snapshot) unitsOf(kind string) ([]*Unit, bool) {
	switch kind {
	case KindRegions:
		return s.Regions, true
	case KindDepartments:
		return s.Departments, true
	}
	return nil, false
}

// compute builds the snapshot at d: everything except the units'
// main-leaderboard fields, which need other dates (see fillRanks).
func (e *Engine) compute(d dataset.Date) *Snapshot {
	site := e.site
	y := d.Year()
	from := dataset.NewDate(y, 1, 1)
	s := &Snapshot{
		Site:        site,
		AsOf:        d,
		Year:        y,
		Expected:    Expected(site, d),
		e:           e,
		regions:     make(map[string]*Unit, len(e.regions)),
		departments: make(map[string]*Unit, len(e.departments)),
		categories:  make(map[string]*Group, len(e.categories)),
		lists:       make(map[string]*Group, len(e.lists)),
	}

	total := newAcc("", "")
	total.g.Projects = make([]*Project, 0, len(e.projects))
	regions := make([]*acc, len(e.regions))
	for i, u := range e.regions {
		regions[i] = newAcc(u.ID, u.Name)
	}
	depts := make([]*acc, len(e.departments))
	for i, u := range e.departments {
		depts[i] = newAcc(u.ID, u.Name)
	}
	cats := make([]*acc, len(e.categories))
	for i, g := range e.categories {
		cats[i] = newAcc(g.ID, g.Name)
	}
	lists := make([]*acc, len(e.lists))
	for i, g := range e.lists {
		lists[i] = newAcc(g.ID, g.Name)
	}
	s.Projects = make([]*Project, 0, len(e.projects))
	for i, dp := range e.projects {
		p := e.project(dp, &e.lines[i], d, y, from, s.Expected)
		p.idx = i
		s.Projects = append(s.Projects, p)
		total.add(p, d)
		m := &e.member[i]
		if m.region >= 0 {
			regions[m.region].add(p, d)
		}
		if m.dept >= 0 {
			depts[m.dept].add(p, d)
		}
		if m.category >= 0 {
			cats[m.category].add(p, d)
		}
		for _, l := range m.lists {
			lists[l].add(p, d)
		}
	}

	s.Totals = *total.finish()
	s.Stats = statsIn(e.stats, from, d)
	s.Regions = e.buildUnits(e.regions, regions, e.regionStats, s.regions, from, d)
	s.Departments = e.buildUnits(e.departments, depts, e.deptStats, s.departments, from, d)
	for _, a := range cats {
		g := a.finish()
		s.Categories = append(s.Categories, g)
		s.categories[g.ID] = g
	}
	for _, a := range lists {
		g := a.finish()
		s.Lists = append(s.Lists, g)
		s.lists[g.ID] = g
	}
	s.Targets = s.targets()
	return s
}

func (e *Engine) buildUnits(us []*dataset.Unit, accs []*acc, stats map[string][]statsAt, byID map[string]*Unit, from, d dataset.Date) []*Unit {
	out := make([]*Unit, len(us))
	for i, du := range us {
		u := &Unit{U: du, Group: *accs[i].finish(), Stats: statsIn(stats[du.ID], from, d)}
		out[i] = u
		byID[du.ID] = u
	}
	return out
}

// project computes p's figures at d, reading its report lines dated in
// [from, d] (year Y up to D) in one pass: the last line that gives a value
// wins, which is how a project missing from a report keeps its last value
// without ever carrying one over from the previous year.
func (e *Engine) project(dp *dataset.Project, pl *projectLines, d dataset.Date, y int, from dataset.Date, expected float64) *Project {
	p := &Project{P: dp}
	lo, hi := span(pl.dates, from, d)
	for i := lo; i < hi; i++ {
		l := &pl.lines[i]
		if l.hasCompleted {
			p.Completed = l.completed
		}
		if l.hasFunds {
			p.Funds = l.funds
		}
		if l.note != "" {
			p.Note, p.NoteDate = l.note, pl.dates[i]
		}
	}

	p.Plan, p.HasPlan = dp.Plan[y]
	p.CompletionRate = rate(p.Completed, p.Plan)
	if p.CompletionRate.OK {
		p.PaceGap = Def(p.CompletionRate.V - expected)
	}
	p.Started = on(dp.StartActual, d)
	p.Finished = on(dp.FinishActual, d)
	// An undefined rate or gap compares as false: a project without a plan
	// for Y is neither slow nor behind, since nothing says it should be.
	active := p.Started && !p.Finished
	p.Slow = active && p.CompletionRate.OK && p.CompletionRate.V < e.site.Rules.SlowBelow
	p.Behind = active && p.PaceGap.OK && p.PaceGap.V < 0
	p.NotStarted = on(dp.StartPlanned, d) && !p.Started
	p.Stage = stage(dp, p, d)
	for _, a := range dp.Approvals {
		if a.Due != 0 && a.Due < d && !on(a.Done, d) {
			p.Overdue = append(p.Overdue, a)
		}
	}
	for _, q := range dp.Problems {
		// The loader requires raised; a problem without one is taken as
		// raised before any date rather than silently dropped.
		if (q.Raised == 0 || q.Raised <= d) && !on(q.Resolved, d) {
			p.Open = append(p.Open, q)
		}
	}
	return p
}

// on reports whether the optional date x exists and is ≤ d.
func on(x, d dataset.Date) bool { return x != 0 && x <= d }

// stage is the first stage that holds, in metrics.md's order.
func stage(dp *dataset.Project, p *Project, d dataset.Date) Stage {
	switch {
	case p.Finished:
		return StageCompleted
	case p.Started:
		return StageConstruction
	case dp.Reserve:
		return StageReserve
	}
	for _, a := range dp.Approvals {
		if on(a.Done, d) {
			return StagePreparing
		}
	}
	return StagePlanned
}

// rate is num/den × 100, undefined when den is not positive.
func rate(num, den float64) Value {
	if den <= 0 {
		return Value{}
	}
	return Def(num / den * 100)
}

// acc accumulates a group's figures project by project.
type acc struct {
	g                    *Group
	crNum, crDen         float64
	startNum, startDen   int
	landNum, landDen     int
	lStartNum, lStartDen int
}

func newAcc(id, name string) *acc {
	g := &Group{ID: id, Name: name, Pipeline: make(map[Stage]StageFig, len(Stages))}
	for _, st := range Stages {
		g.Pipeline[st] = StageFig{}
	}
	return &acc{g: g}
}

func (a *acc) add(p *Project, d dataset.Date) {
	g := a.g
	g.Projects = append(g.Projects, p)
	g.Completed += p.Completed
	g.Plan += p.Plan
	g.Total += p.P.Total
	g.Funds += p.Funds
	// Weighted: only projects with a plan count, on both sides, so that a
	// project without a plan neither dilutes nor inflates the rate.
	if p.Plan > 0 {
		a.crNum += p.Completed
		a.crDen += p.Plan
	}
	if p.Started || on(p.P.StartPlanned, d) {
		a.startDen++
		if p.Started {
			a.startNum++
		}
	}
	signed, landed := on(p.P.Signed, d), on(p.P.Landed, d)
	if signed {
		a.landDen++
		if landed {
			a.landNum++
		}
	}
	if landed {
		a.lStartDen++
		if p.Started {
			a.lStartNum++
		}
	}
	if p.Slow {
		g.SlowCount++
	}
	if p.Behind {
		g.BehindCount++
	}
	if p.NotStarted {
		g.NotStartedCount++
	}
	f := g.Pipeline[p.Stage]
	f.Count++
	f.Total += p.P.Total
	g.Pipeline[p.Stage] = f
}

func (a *acc) finish() *Group {
	g := a.g
	g.CompletionRate = rate(a.crNum, a.crDen)
	g.StartRate = rate(float64(a.startNum), float64(a.startDen))
	g.LandingRate = rate(float64(a.landNum), float64(a.landDen))
	g.LandedStartRate = rate(float64(a.lStartNum), float64(a.lStartDen))
	return g
}

// statsIn reads statistics from lines dated in [from, d]; each figure is
// that of the latest line that gives it (carry-forward within the year).
func statsIn(lines []statsAt, from, d dataset.Date) Stats {
	st := Stats{Sectors: map[string]Value{}}
	lo, hi := sort.Search(len(lines), func(i int) bool { return lines[i].date >= from }),
		sort.Search(len(lines), func(i int) bool { return lines[i].date > d })
	for _, l := range lines[lo:max(lo, hi)] {
		if l.s.FAI != nil {
			st.FAI = Def(*l.s.FAI)
		}
		if l.s.FAIGrowth != nil {
			st.FAIGrowth = Def(*l.s.FAIGrowth)
		}
		for id, v := range l.s.Sectors {
			st.Sectors[id] = Def(v)
		}
	}
	return st
}

// Monthly is p's cumulative completed at each report ≤ D in year Y that
// mentions it (the per-project chart). It is computed on demand: kept for
// every project of every snapshot it would be most of a large site's memory.
func (s *Snapshot) Monthly(p *Project) []Point {
	if p == nil || s.e == nil || p.idx >= len(s.e.lines) {
		return nil
	}
	pl := &s.e.lines[p.idx]
	lo, hi := span(pl.dates, dataset.NewDate(s.Year, 1, 1), s.AsOf)
	if hi <= lo {
		return nil
	}
	out := make([]Point, 0, hi-lo)
	completed := 0.0
	for i := lo; i < hi; i++ {
		if pl.lines[i].hasCompleted {
			completed = pl.lines[i].completed
		}
		out = append(out, Point{Date: pl.dates[i], Value: completed})
	}
	return out
}
