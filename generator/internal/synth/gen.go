package synth

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
)

// Amounts are held in integers so that sums, comparisons and the never-
// going-down rule are exact: project money in hundredths of the money unit
// (亿元: 0.01 亿元 = 100万元), statistics in tenths.

// class is the story of a project over the year.
type class uint8

const (
	classNormal     class = iota // started; completes 60–115 % of its plan
	classSlow                    // started; completes under 50 % (slow)
	classNotStarted              // start_planned is past, not started
	classFinished                // finished during the year
	classReserve                 // reserve for later years (储备展望)
	classFuture                  // planned to start next year (谋划/前期)
)

type site struct {
	o       Options
	dates   []dataset.Date // report dates, ascending
	monthly []bool         // dates[i] is a month end
	latest  dataset.Date
	year    int

	regions     []*unit
	departments []*unit
	projects    []*project
	// entries[i][j] is project j's line in report i.
	entries [][]entry
	// region statistics per report: fai in tenths, growth in tenths of a %
	regionFAI    [][]int64
	regionGrowth [][]int64
	statsFAI     []int64
	statsGrowth  []int64
	sectorGrowth [][]int64 // [report][sector]

	faiTarget int64    // campaign fai target, tenths
	notes     []string // distinct note texts; entry.note is index+1
}

type unit struct {
	id, name, kind string
	place          string  // the place stem of a region (金凤)
	weight         float64 // regions: how many projects it draws
	growthTarget   int     // regions: fai_growth target (%)
	rateTarget     bool    // departments: a completion_rate target
	baseGrowth     float64 // regions
	faiFactor      float64 // regions: fai per unit of project work
	faiBase        int64   // regions: fai from outside the key projects, hundredths
	planSum        int64
}

type project struct {
	id, name        string
	region, owner   int
	cat             int
	leader, company string
	lists           []string
	total           int64
	plan            int64 // plan for Year; 0 with hasPlan false: none
	hasPlan         bool
	planTable       []yearAmount // non-nil: write [plan] as a table
	class           class
	startPlanned    dataset.Date
	startActual     dataset.Date
	finishPlanned   dataset.Date
	finishActual    dataset.Date
	signed, landed  dataset.Date
	approvals       []approval
	milestones      []milestone
	problems        []problem
	narrative       bool
	final           int64   // completed at the latest report (or at finish)
	gamma           float64 // shape of the year's curve
	fundsFactor     float64
}

type yearAmount struct {
	year   int
	amount int64
}

type approval struct {
	kind      string
	due, done dataset.Date
}

type milestone struct {
	name      string
	due, done dataset.Date
}

type problem struct {
	text             string
	raised, resolved dataset.Date
	level            string
}

// entry is a project's line in one report; completed < 0: no line.
type entry struct {
	completed  int32
	funds      int32 // < 0: none
	note       int16 // index into notes+1; 0: none
	correction bool
}

const sectorCount = 4

var sectors = [sectorCount]struct {
	id, name string
	base     float64
}{
	{"manufacturing", "制造业投资", 18},
	{"real-estate", "房地产投资", 4},
	{"infrastructure", "基础设施投资", 9},
	{"construction", "建筑安装工程投资", 7},
}

type gen struct {
	*site
	r     *rand.Rand
	names map[string]int   // project names used, for phase suffixes
	cum   []float64        // cumulative region weights, for pickRegion
	noteI map[string]int16 // index+1 of each note in site.notes
}

func generate(o Options) *site {
	s := &site{o: o, year: o.Year}
	s.dates = reportDates(o)
	s.latest = s.dates[len(s.dates)-1]
	for _, d := range s.dates {
		s.monthly = append(s.monthly, d.AddDays(1).Day() == 1)
	}
	g := &gen{
		site:  s,
		r:     rand.New(rand.NewPCG(uint64(o.Seed), 0x9e3779b97f4a7c15)),
		names: make(map[string]int, o.Projects),
		noteI: map[string]int16{},
	}
	g.genRegions()
	g.genDepartments()
	g.genProjects()
	g.genEntries()
	g.genStats()
	return s
}

// Random helpers.

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) between(a, b float64) float64 { return a + (b-a)*g.r.Float64() }

func (g *gen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

// day returns a date in [a, b] (a when b < a).
func (g *gen) day(a, b dataset.Date) dataset.Date {
	if b <= a {
		return a
	}
	return a + dataset.Date(g.r.IntN(int(b-a)+1))
}

func (s *site) date(m, d int) dataset.Date { return dataset.NewDate(s.year, time.Month(m), d) }

func (g *gen) genRegions() {
	n := g.o.Regions
	perm := g.r.Perm(len(places))
	used := map[string]bool{}
	for i := range n {
		pl := places[perm[i%len(places)]]
		rk := g.regionKind()
		u := &unit{kind: rk.kind, place: pl.name, id: pl.pinyin}
		u.name = pl.name + g.pick(rk.suffixes)
		if k := i / len(places); k > 0 {
			u.id = pl.pinyin + "-" + strconv.Itoa(k+1)
			u.name += "（" + strconv.Itoa(k+1) + "）"
		}
		for used[u.id] { // cannot happen with distinct pinyin; kept for safety
			u.id += "-x"
		}
		used[u.id] = true
		u.weight = math.Exp(0.6 * g.r.NormFloat64())
		if u.kind == "park" {
			u.weight *= 1.5
		}
		u.baseGrowth = g.between(0, 13)
		if u.kind == "park" {
			u.baseGrowth += 4
		}
		u.growthTarget = max(5, int(math.Round(u.baseGrowth))+g.r.IntN(5)-1)
		u.faiFactor = g.between(1.2, 1.8)
		g.regions = append(g.regions, u)
	}
	slices.SortStableFunc(g.regions, func(a, b *unit) int { return strings.Compare(a.id, b.id) })
	total := 0.0
	for _, u := range g.regions {
		total += u.weight
		g.cum = append(g.cum, total)
	}
}

func (g *gen) regionKind() regionKind {
	x := g.r.Float64()
	for _, k := range regionKinds {
		if x < k.weight {
			return k
		}
		x -= k.weight
	}
	return regionKinds[len(regionKinds)-1]
}

func (g *gen) genDepartments() {
	for i := range g.o.Departments {
		d := departments[i%len(departments)]
		u := &unit{id: d.id, kind: d.kind, name: jurisdiction + d.name}
		if k := i / len(departments); k > 0 {
			u.id = d.id + "-" + strconv.Itoa(k+1)
			u.name += "（" + strconv.Itoa(k+1) + "）"
		}
		u.rateTarget = d.kind == "市直部门" && g.chance(0.6)
		g.departments = append(g.departments, u)
	}
}

// pickRegion draws a region by weight.
func (g *gen) pickRegion() int {
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	i, _ := slices.BinarySearch(g.cum, x)
	return min(i, len(g.cum)-1)
}

func (g *gen) pickCategory() int {
	x := g.r.Float64()
	for i, c := range categories {
		if x < c.weight {
			return i
		}
		x -= c.weight
	}
	return len(categories) - 1
}

func (g *gen) pickClass() class {
	x := g.r.Float64()
	switch {
	case x < 0.04:
		return classReserve
	case x < 0.12:
		return classNotStarted
	case x < 0.17:
		return classFinished
	case x < 0.27:
		return classSlow
	case x < 0.30:
		return classFuture
	}
	return classNormal
}

func (g *gen) genProjects() {
	width := max(6, len(strconv.Itoa(g.o.Projects)))
	owners := g.ownerTable()
	for i := range g.o.Projects {
		p := &project{id: "p" + pad(i+1, width)}
		p.class = g.pickClass()
		p.cat = g.pickCategory()
		c := &categories[p.cat]
		p.region = g.pickRegion()
		if owners[p.cat] != nil && g.chance(0.9) {
			p.owner = owners[p.cat][g.r.IntN(len(owners[p.cat]))]
		} else {
			p.owner = g.r.IntN(len(g.departments))
		}
		p.name = g.projectName(p, c)
		if g.chance(0.8) {
			if g.chance(0.6) {
				p.leader = c.leader
			} else {
				p.leader = g.pick(leaders)
			}
		}
		g.company(p, c)
		g.schedule(p)
		g.money(p)
		g.assignLists(p, c)
		g.promotion(p)
		g.genApprovals(p)
		g.genMilestones(p)
		g.genProblems(p)
		p.narrative = g.chance(0.1)
		p.gamma = g.between(0.8, 1.25)
		p.fundsFactor = g.between(0.85, 1.3)
		if p.hasPlan {
			g.regions[p.region].planSum += p.plan
		}
		g.projects = append(g.projects, p)
	}
}

// ownerTable lists, per category, the indexes of the departments that
// usually own its projects.
func (g *gen) ownerTable() [][]int {
	idx := map[string]int{}
	for j, d := range g.departments {
		idx[d.id] = j
	}
	out := make([][]int, len(categories))
	for i, c := range categories {
		for _, id := range c.depts {
			if j, ok := idx[id]; ok {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// projectName composes <地名><行业词><工程类型>, adding a phase when the
// name is taken.
func (g *gen) projectName(p *project, c *category) string {
	reg := g.regions[p.region]
	var where string
	switch x := g.r.Float64(); {
	case x < 0.5:
		where = reg.name
	case x < 0.9:
		where = reg.place
	default:
		where = jurisdiction
	}
	base := where + g.pick(c.words) + g.pick(c.types)
	n := g.names[base]
	g.names[base] = n + 1
	if n == 0 {
		return base
	}
	// 金凤镇智能制造生产线建设项目（二期）
	k := n + 1
	if k <= 10 {
		return base + "（" + chineseDigits[k] + "期）"
	}
	return base + "（" + strconv.Itoa(k) + "标段）"
}

func (g *gen) company(p *project, c *category) {
	switch {
	case c.company != nil && g.chance(0.85):
		stem := g.pick(tradeNames)
		if g.chance(0.3) {
			stem = g.regions[p.region].place + stem
		}
		p.company = provinceShort + stem + g.pick(c.company) + "有限公司"
	case g.chance(0.5):
		p.company = g.pick(publicOwners)
	}
}

// schedule sets the start and finish dates of the project's class.
func (g *gen) schedule(p *project) {
	y := g.year
	L := g.latest
	jan1 := g.date(1, 1)
	// the latest day a planned start may be and still be past: leave a
	// fortnight before the latest report
	pastEnd := max(jan1.AddDays(20), L.AddDays(-15))
	switch p.class {
	case classNormal, classSlow, classFinished:
		if g.chance(0.45) {
			// continuing: started in an earlier year
			p.startPlanned = g.day(dataset.NewDate(y-2, 3, 1), dataset.NewDate(y-1, 10, 31))
			p.startActual = g.day(p.startPlanned.AddDays(-10), p.startPlanned.AddDays(50))
		} else {
			hi := min(g.date(9, 30), pastEnd)
			if p.class == classFinished {
				hi = min(g.date(5, 31), pastEnd)
			}
			// most new projects start in spring (集中开工)
			lo := jan1.AddDays(45)
			p.startPlanned = lo
			if hi > lo {
				u := g.r.Float64()
				p.startPlanned = lo.AddDays(int(float64(hi-lo) * u * u))
			}
			p.startActual = g.day(p.startPlanned.AddDays(-7), min(p.startPlanned.AddDays(40), L.AddDays(-5)))
			if p.startActual < jan1 {
				p.startActual = jan1.AddDays(g.r.IntN(20))
			}
		}
		if p.class == classFinished {
			lo := max(p.startActual.AddDays(60), g.date(4, 30))
			p.finishActual = g.day(min(lo, L.AddDays(-5)), L.AddDays(-5))
			if p.finishActual < p.startActual {
				p.finishActual = p.startActual
			}
			p.finishPlanned = max(p.startPlanned, p.finishActual.AddDays(g.r.IntN(90)-45))
		} else {
			p.finishPlanned = g.day(max(p.startPlanned.AddDays(180), g.date(12, 31)), dataset.NewDate(y+3, 12, 31))
			if g.chance(0.5) {
				p.finishPlanned = monthEnd(p.finishPlanned)
			}
		}
	case classNotStarted:
		p.startPlanned = g.day(min(g.date(3, 1), pastEnd), pastEnd)
		p.finishPlanned = monthEnd(g.day(p.startPlanned.AddDays(270), dataset.NewDate(y+2, 12, 31)))
	case classReserve, classFuture:
		p.startPlanned = g.day(dataset.NewDate(y+1, 3, 1), dataset.NewDate(y+1, 9, 30))
		p.finishPlanned = monthEnd(g.day(p.startPlanned.AddDays(300), dataset.NewDate(y+3, 12, 31)))
	}
}

func monthEnd(d dataset.Date) dataset.Date {
	return dataset.NewDate(d.Year(), d.Month()+1, 0)
}

// money sets the plan (log-normal, 0.05–8 亿元), the plan table and total.
func (g *gen) money(p *project) {
	plan := math.Exp(math.Log(0.8) + 1.0*g.r.NormFloat64())
	plan = min(8, max(0.05, plan))
	cents := int64(math.Round(plan * 100))
	y := g.year
	multi := p.startActual != 0 && p.startActual.Year() < y
	switch p.class {
	case classReserve, classFuture:
		p.planTable = []yearAmount{{y + 1, cents}}
		if g.chance(0.4) {
			p.planTable = append(p.planTable, yearAmount{y + 2, roundCents(float64(cents) * g.between(0.5, 1.5))})
		}
		p.total = sumPlan(p.planTable) + roundCents(float64(cents)*g.between(0, 2))
		return
	}
	p.plan, p.hasPlan = cents, true
	switch {
	case multi && g.chance(0.4):
		p.planTable = []yearAmount{{y - 1, roundCents(float64(cents) * g.between(0.5, 1.2))}, {y, cents}}
		if p.class != classFinished && p.finishPlanned.Year() > y {
			p.planTable = append(p.planTable, yearAmount{y + 1, roundCents(float64(cents) * g.between(0.4, 1.4))})
		}
	case !multi && p.class != classFinished && p.finishPlanned.Year() > y && g.chance(0.15):
		p.planTable = []yearAmount{{y, cents}, {y + 1, roundCents(float64(cents) * g.between(0.5, 1.5))}}
	}
	if p.planTable != nil {
		p.total = sumPlan(p.planTable)
	} else {
		p.total = cents
	}
	switch {
	case p.class == classFinished:
		p.total += roundCents(float64(cents) * g.between(0, 0.3))
	case p.finishPlanned.Year() > y:
		p.total += roundCents(float64(cents) * g.between(0.3, 3))
	default:
		p.total += roundCents(float64(cents) * g.between(0, 0.2))
	}
}

func roundCents(f float64) int64 { return max(1, int64(math.Round(f))) }

func sumPlan(t []yearAmount) int64 {
	var s int64
	for _, ya := range t {
		s += ya.amount
	}
	return s
}

func (g *gen) assignLists(p *project, c *category) {
	if p.class == classReserve {
		return
	}
	newStart := p.startPlanned.Year() == g.year
	switch x := g.r.Float64(); {
	case p.class == classFuture:
		if x < 0.5 {
			p.lists = append(p.lists, "batch-3")
		}
	case newStart && p.startPlanned.Month() >= 8 && x < 0.6:
		p.lists = append(p.lists, "batch-3")
	case x < 0.48:
		p.lists = append(p.lists, "batch-1")
	case x < 0.80:
		p.lists = append(p.lists, "batch-2")
	case x < 0.88:
		p.lists = append(p.lists, "batch-3")
	}
	if c.central && g.chance(0.22) {
		p.lists = append(p.lists, "central-budget")
	}
	if p.total >= 1000 && g.chance(0.6) || p.total >= 300 && g.chance(0.08) {
		p.lists = append(p.lists, "region-key")
	}
	if c.promo && g.chance(0.4) {
		p.lists = append(p.lists, "promotion")
	}
}

func (p *project) onList(id string) bool { return slices.Contains(p.lists, id) }

// promotion sets signed and landed for investment-promotion projects:
// signed before the start, landed between the two.
func (g *gen) promotion(p *project) {
	if !p.onList("promotion") {
		return
	}
	L := g.latest
	switch p.class {
	case classNormal, classSlow, classFinished:
		p.signed = g.day(p.startActual.AddDays(-240), p.startActual.AddDays(-30))
		p.landed = g.day(p.signed.AddDays(7), min(p.signed.AddDays(90), p.startActual))
	case classNotStarted:
		p.signed = g.day(p.startPlanned.AddDays(-200), min(p.startPlanned.AddDays(-20), L.AddDays(-20)))
		if g.chance(0.5) {
			p.landed = g.day(p.signed.AddDays(7), min(p.signed.AddDays(120), L))
		}
	default:
		if g.chance(0.6) {
			p.signed = g.day(min(g.date(6, 1), L.AddDays(-10)), L.AddDays(-1))
		}
	}
}

// genApprovals writes the 前期手续 chain before the planned start: done in
// time for started projects, overdue for some that have not started.
func (g *gen) genApprovals(p *project) {
	L := g.latest
	var kinds []string
	for _, k := range approvalKinds {
		var pr float64
		switch k {
		case "filing":
			pr = 1
		case "land":
			pr = 0.8
		case "planning":
			pr = 0.7
		case "eia":
			pr = 0.6
		case "water":
			pr = 0.3
		case "energy":
			pr = 0.25
			if p.cat == 0 || p.cat == 1 {
				pr = 0.7
			}
		case "construction":
			pr = 0.8
		}
		if g.chance(pr) {
			kinds = append(kinds, k)
		}
	}
	end := p.startPlanned.AddDays(-g.r.IntN(20) - 5)
	start := end.AddDays(-60 - g.r.IntN(240))
	step := int(end-start) / len(kinds)
	due := start
	started := p.startActual != 0
	pending := 0 // not-started projects: how many of the last approvals are not done
	if p.class == classNotStarted {
		pending = 1 + g.r.IntN(min(2, len(kinds)))
	}
	for i, k := range kinds {
		due = due.AddDays(step/2 + g.r.IntN(step/2+1))
		if i == len(kinds)-1 {
			due = end
		}
		a := approval{kind: k, due: due}
		switch {
		case started:
			a.done = due.AddDays(-g.r.IntN(25))
			if g.chance(0.12) {
				a.done = due.AddDays(1 + g.r.IntN(40))
			}
			a.done = min(a.done, p.startActual)
			if k == "energy" && g.chance(0.05) && due < L.AddDays(-10) {
				a.done = 0 // a lingering approval of a started project
			}
		case p.class == classNotStarted:
			if i < len(kinds)-pending {
				a.done = min(due.AddDays(g.r.IntN(30)-15), L)
			} else if g.chance(0.15) {
				a.done = g.day(due.AddDays(1), L) // done late; the start is still to come
			}
		default: // reserve and future: what was due is mostly done
			if due <= L && g.chance(0.85) {
				a.done = due.AddDays(-g.r.IntN(20))
			}
		}
		if a.done > L {
			a.done = L
		}
		p.approvals = append(p.approvals, a)
	}
}

// genMilestones gives slow projects a reverse schedule (倒排工期).
func (g *gen) genMilestones(p *project) {
	if p.class != classSlow && !(p.class == classNormal && g.chance(0.03)) {
		return
	}
	L := g.latest
	n := 2 + g.r.IntN(3)
	first := g.r.IntN(len(milestoneNames) - n + 1)
	due := max(g.date(9, 15), p.startActual.AddDays(30))
	for i := range n {
		m := milestone{name: milestoneNames[first+i], due: due}
		if due <= L && g.chance(0.65) {
			m.done = min(L, due.AddDays(g.r.IntN(25)-12))
		}
		p.milestones = append(p.milestones, m)
		due = monthEnd(due.AddDays(20 + g.r.IntN(30)))
	}
}

func (g *gen) genProblems(p *project) {
	pr := 0.12
	switch p.class {
	case classSlow:
		pr = 0.75
	case classNotStarted:
		pr = 0.6
	case classReserve, classFuture:
		pr = 0.05
	}
	if !g.chance(pr) {
		return
	}
	L := g.latest
	lo := max(g.date(1, 5), p.startPlanned.AddDays(-90))
	if lo > L {
		lo = max(g.date(1, 5), L.AddDays(-60))
	}
	n := 1 + g.r.IntN(2)
	for range n {
		q := problem{text: g.pick(problemTexts), raised: g.day(lo, L.AddDays(-3))}
		switch x := g.r.Float64(); {
		case x < 0.4:
			q.level = "county"
		case x < 0.75:
			q.level = "city"
		case x < 0.95:
			q.level = "region"
		default:
			q.level = "province"
		}
		resolveP := 0.6
		if p.class == classSlow || p.class == classNotStarted {
			resolveP = 0.4
		}
		if g.chance(resolveP) {
			if d := q.raised.AddDays(7 + g.r.IntN(80)); d <= L {
				q.resolved = d
			}
		}
		p.problems = append(p.problems, q)
	}
	slices.SortStableFunc(p.problems, func(a, b problem) int { return int(a.raised - b.raised) })
}

// noteID interns a note.
func (g *gen) noteID(s string) int16 {
	if i, ok := g.noteI[s]; ok {
		return i
	}
	g.notes = append(g.notes, s)
	i := int16(len(g.notes))
	g.noteI[s] = i
	return i
}

// genEntries writes every project's year: cumulative completed that never
// goes down (except ~1 line in 1000, marked correction = true), absent
// before the start, and exactly the project's final figure at the latest
// report (or from its finish on).
func (g *gen) genEntries() {
	nr := len(g.dates)
	g.entries = make([][]entry, nr)
	for i := range g.entries {
		g.entries[i] = make([]entry, len(g.projects))
	}
	jan0 := g.date(1, 0) // Dec 31 of the previous year: t = 0
	for j, p := range g.projects {
		switch p.class {
		case classNormal:
			p.final = roundCents(float64(p.plan) * g.between(0.62, 1.15))
		case classSlow:
			p.final = int64(float64(p.plan) * g.between(0.12, 0.46))
		case classFinished:
			p.final = roundCents(float64(p.plan) * g.between(1.0, 1.08))
		}
		started := p.startActual != 0
		t0 := max(jan0, p.startActual)
		end := g.latest
		if p.finishActual != 0 {
			end = p.finishActual
		}
		var last, lastFunds int64 = -1, -1
		for i, d := range g.dates {
			e := &g.entries[i][j]
			e.completed, e.funds = -1, -1
			if !started || d < p.startActual {
				if p.class == classNotStarted && d >= p.startPlanned && g.monthly[i] && g.chance(0.25) {
					e.completed = 0
					e.note = g.noteID(g.pick(notesWaiting))
				}
				continue
			}
			// presence
			final := i == nr-1
			present := final && p.finishActual == 0
			if !present {
				pr := 0.97
				switch {
				case p.finishActual != 0 && d > p.finishActual:
					pr = 0.5
				case !g.monthly[i]:
					pr = 0.7
					if p.onList("region-key") || p.onList("batch-1") {
						pr = 0.92
					}
				}
				present = g.chance(pr)
			}
			if !present {
				continue
			}
			var c int64
			if d >= end {
				c = p.final
			} else {
				u := 1.0
				if s0, s1 := g.season(t0), g.season(end); s1 > s0 {
					u = (g.season(d) - s0) / (s1 - s0)
				}
				share := math.Pow(min(1, max(0, u)), p.gamma)
				c = int64(math.Round(float64(p.final) * share * (1 + 0.08*g.r.NormFloat64())))
				c = min(p.final, max(0, c))
			}
			c = max(c, last)
			if !final && last > 1 && g.chance(0.001) {
				// a revised figure: lower than the last one
				c = int64(float64(last) * g.between(0.85, 0.97))
				c = min(c, last-1)
				e.correction = true
				e.note = g.noteID("数据更正")
			}
			e.completed = int32(c)
			last = c
			if p.landed != 0 && p.landed <= d {
				f := int64(math.Round(float64(c) * p.fundsFactor))
				if !e.correction {
					f = max(f, lastFunds)
				}
				e.funds = int32(f)
				lastFunds = f
			}
			if e.note == 0 && g.chance(0.12) {
				e.note = g.noteID(g.progressNote(p, d, c))
			}
		}
	}
}

// monthWork is the share (%) of a year's construction work done in each
// month: little in winter, most from April to October.
var monthWork = [12]float64{2, 3, 6, 9, 10, 11, 11, 11, 11, 10, 9, 7}

// season is the share (0–1) of a typical year's work done by the end of d
// (0 before the year, 1 after it), linear within each month.
func (g *gen) season(d dataset.Date) float64 {
	switch {
	case d.Year() < g.year:
		return 0
	case d.Year() > g.year:
		return 1
	}
	m := int(d.Month()) - 1
	done := 0.0
	for _, w := range monthWork[:m] {
		done += w
	}
	days := float64(dataset.NewDate(g.year, d.Month()+1, 0).Day())
	return (done + monthWork[m]*float64(d.Day())/days) / 100
}

func (g *gen) progressNote(p *project, d dataset.Date, c int64) string {
	if p.finishActual != 0 && d >= p.finishActual {
		return "已竣工投产"
	}
	if p.class == classSlow && len(p.problems) > 0 && g.chance(0.4) {
		return "受" + p.problems[0].text + "影响进度滞后"
	}
	share := float64(c) / float64(max(1, p.final))
	switch {
	case share < 0.2:
		return g.pick(notesEarly)
	case share < 0.5:
		return g.pick(notesMid)
	case share < 0.8:
		return g.pick(notesLate)
	}
	return g.pick(notesEnd)
}

// genStats writes the official statistics: each region's fai grows with
// its projects' work plus investment outside the key projects; growth
// rates wander around each region's level so that rankings move, with an
// occasional tie.
func (g *gen) genStats() {
	nr, nreg := len(g.dates), len(g.regions)
	g.regionFAI = make([][]int64, nr)
	g.regionGrowth = make([][]int64, nr)
	g.statsFAI = make([]int64, nr)
	g.statsGrowth = make([]int64, nr)
	g.sectorGrowth = make([][]int64, nr)
	for _, u := range g.regions {
		u.faiBase = int64(float64(u.planSum)*g.between(0.3, 0.8)) + 50
	}
	carried := make([]int64, len(g.projects)) // each project's completed as of the report
	work := make([]int64, nreg)
	walk := make([]float64, nreg)
	var sectorWalk [sectorCount]float64
	prevFAI := make([]int64, nreg)
	for i, d := range g.dates {
		for j := range g.projects {
			if e := g.entries[i][j]; e.completed >= 0 {
				work[g.projects[j].region] += int64(e.completed) - carried[j]
				carried[j] = int64(e.completed)
			}
		}
		yearShare := g.season(d)
		vol := 1.0
		if d.Month() <= 2 {
			vol = 2.5 // early-year figures swing
		}
		g.regionFAI[i] = make([]int64, nreg)
		g.regionGrowth[i] = make([]int64, nreg)
		var sumFAI int64
		var wsum float64
		for r, u := range g.regions {
			f := int64(math.Round((u.faiFactor*float64(work[r]) + float64(u.faiBase)*yearShare) / 10))
			f = max(f, prevFAI[r])
			prevFAI[r] = f
			g.regionFAI[i][r] = f
			walk[r] = 0.7*walk[r] + 2.0*vol*g.r.NormFloat64()
			gr := int64(math.Round((u.baseGrowth + walk[r]) * 10))
			g.regionGrowth[i][r] = gr
			sumFAI += f
			wsum += float64(f) * float64(gr)
		}
		if nreg > 1 && g.chance(0.2) {
			// a tie
			a, b := g.r.IntN(nreg), g.r.IntN(nreg)
			g.regionGrowth[i][a] = g.regionGrowth[i][b]
			wsum = 0
			for r := range g.regions {
				wsum += float64(g.regionFAI[i][r]) * float64(g.regionGrowth[i][r])
			}
		}
		g.statsFAI[i] = sumFAI
		if sumFAI > 0 {
			g.statsGrowth[i] = int64(math.Round(wsum / float64(sumFAI)))
		}
		g.sectorGrowth[i] = make([]int64, sectorCount)
		for k := range sectorCount {
			sectorWalk[k] = 0.7*sectorWalk[k] + 1.5*vol*g.r.NormFloat64()
			g.sectorGrowth[i][k] = int64(math.Round((sectors[k].base + sectorWalk[k]) * 10))
		}
	}
	last := g.statsFAI[nr-1]
	g.faiTarget = int64(math.Round(float64(last) * g.between(0.96, 1.05)))
}
