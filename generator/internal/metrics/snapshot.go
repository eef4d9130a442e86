package metrics

import (
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// Snapshot is every figure of metrics.md as of one date D. It is
// read-only once Engine.At has returned it.
type Snapshot struct {
	AsOf     dataset.Date
	Year     int       // Y: the calendar year of AsOf
	Expected exact.Num // the expected share of the annual plan at AsOf (%)

	Projects    []*Project // by id
	Totals      *Group     // all projects, with the campaign's statistics
	Regions     []*Group   // by id, with their statistics
	Departments []*Group
	Categories  []*Group
	Lists       []*Group
	Sectors     []*Sector
	Targets     []TargetStatus // by scope, metric, by, value

	e *Engine
}

// Project is one project's figures at D.
type Project struct {
	P *dataset.Project

	Completed     exact.Dec    // this year, to date
	CompletedFrom dataset.Date // the report that gave it (0: none this year)
	Plan          exact.Dec
	HasPlan       bool
	Funds         exact.Dec
	FundsPlan     exact.Dec
	HasFundsPlan  bool

	CompletionRate         exact.Num
	CampaignCompleted      exact.Dec
	CampaignPlan           exact.Dec
	CampaignCompletionRate exact.Num
	LifetimeCompleted      exact.Dec
	Progress               exact.Num
	FundsRate              exact.Num
	PaceGap                exact.Num

	Started, Finished, Slow, Behind, NotStarted, FinishOverdue bool
	Stage                                                      Stage

	OverdueApprovals  []dataset.Approval
	OverdueMilestones []dataset.Milestone
	OpenProblems      []dataset.Problem

	Note     string       // the note of the latest report ≤ D in year Y that gives one
	NoteDate dataset.Date // that report's date
	idx      int
}

// Stage is a project's place in the five-stage pipeline (五个一批).
type Stage string

const (
	StageCompleted    Stage = "completed"    // 竣工投产
	StageConstruction Stage = "construction" // 开工建设
	StageReserve      Stage = "reserve"      // 储备展望
	StagePreparing    Stage = "preparing"    // 前期推进
	StagePlanned      Stage = "planned"      // 谋划入库
)

// Stages are the five stages in the documents' order.
var Stages = []Stage{StageCompleted, StageConstruction, StageReserve, StagePreparing, StagePlanned}

// StageFig is a stage's count of projects and their Σtotal.
type StageFig struct {
	Stage Stage
	Count int
	Total exact.Num
}

// Group is the figures of a set of projects — a region, department,
// category, list, or all projects — and, for regions, departments and
// the campaign, their official statistics.
type Group struct {
	Scope    Scope
	Name     string
	Kind     string     // a unit's kind (county, district…; a department's free text)
	Projects []*Project // in id order

	Completed, Plan, Total, Funds, FundsPlan            exact.Num
	CampaignCompleted, CampaignPlan, LifetimeCompleted  exact.Num
	CompletionRate, CampaignCompletionRate, FundsRate   exact.Num
	StartRate, FinishRate, LandingRate, LandedStartRate exact.Num

	Count, ReserveCount                                    int
	SlowCount, BehindCount, NotStartedCount, FinishOverdue int
	Pipeline                                               []StageFig // every stage, in Stages order

	Stats       Stats     // regions, departments, the campaign
	ProjectFund exact.Num // Σfunds of the projects (Funds is the statistic when one is given)
}

// Sector is a statistical sector's growth at D.
type Sector struct {
	ID, Name string
	Growth   Stat
}

// compute builds the snapshot at d.
func (e *Engine) compute(d dataset.Date) *Snapshot {
	y := d.Year()
	s := &Snapshot{AsOf: d, Year: y, Expected: expected(e.site, d), e: e}

	total := newAcc(Campaign, "", "")
	regions := make([]*acc, len(e.regions))
	for i, u := range e.regions {
		regions[i] = newAcc(Scope{ScopeRegion, u.ID}, u.Name, u.Kind)
	}
	depts := make([]*acc, len(e.depts))
	for i, u := range e.depts {
		depts[i] = newAcc(Scope{ScopeDepartment, u.ID}, u.Name, u.Kind)
	}
	cats := make([]*acc, len(e.cats))
	for i, g := range e.cats {
		cats[i] = newAcc(Scope{ScopeCategory, g.ID}, g.Name, "")
	}
	lists := make([]*acc, len(e.lists))
	for i, g := range e.lists {
		lists[i] = newAcc(Scope{ScopeList, g.ID}, g.Name, "")
	}

	s.Projects = make([]*Project, len(e.projects))
	for i := range e.projects {
		p := e.project(i, d, s.Expected)
		s.Projects[i] = p
		total.add(p, e, d)
		m := &e.member[i]
		if m.region >= 0 {
			regions[m.region].add(p, e, d)
		}
		if m.dept >= 0 {
			depts[m.dept].add(p, e, d)
		}
		if m.cat >= 0 {
			cats[m.cat].add(p, e, d)
		}
		for _, l := range m.lists {
			lists[l].add(p, e, d)
		}
	}

	from := yearStart(y)
	s.Totals = total.finish(statsAt(e.campaignStats, from, d))
	s.Regions = make([]*Group, len(regions))
	for i, a := range regions {
		s.Regions[i] = a.finish(statsAt(e.unitStats[0][i], from, d))
	}
	s.Departments = make([]*Group, len(depts))
	for i, a := range depts {
		s.Departments[i] = a.finish(statsAt(e.unitStats[1][i], from, d))
	}
	for _, a := range cats {
		s.Categories = append(s.Categories, a.finish(Stats{}))
	}
	for _, a := range lists {
		s.Lists = append(s.Lists, a.finish(Stats{}))
	}
	for _, g := range e.sectors {
		s.Sectors = append(s.Sectors, &Sector{ID: g.ID, Name: g.Name, Growth: s.Totals.Stats.Sectors[g.ID]})
	}
	s.Targets = s.targets()
	return s
}

// project computes project i's figures at d.
func (e *Engine) project(i int, d dataset.Date, expected exact.Num) *Project {
	dp, ls := e.projects[i], e.lines[i]
	y := d.Year()
	p := &Project{P: dp, idx: i}
	p.Completed, p.Funds, p.CompletedFrom, _, p.Note, p.NoteDate = latestLines(ls, yearStart(y), d)
	p.Plan, p.HasPlan = dp.Plan.For(y)
	p.FundsPlan, p.HasFundsPlan = dp.FundsPlan.For(y)
	p.CompletionRate = exact.Percent(p.Completed.Num(), p.Plan.Num())
	p.FundsRate = exact.Percent(p.Funds.Num(), p.FundsPlan.Num())

	// campaign_completed: every campaign year up to Y, each year as of
	// its last report (this year: as of D); a year with no report adds 0.
	var cc exact.Sum
	for yy := e.y0; yy <= min(y, e.y1); yy++ {
		to := yearEnd(yy)
		if yy == y {
			to = d
		}
		c, _, _, _, _, _ := latestLines(ls, yearStart(yy), to)
		cc.Add(c)
	}
	var cp exact.Sum
	for yy := e.y0; yy <= e.y1; yy++ {
		v, _ := dp.Plan.For(yy)
		cp.Add(v)
	}
	p.CampaignCompleted = sumDec(cc)
	p.CampaignPlan = sumDec(cp)
	p.CampaignCompletionRate = exact.Percent(p.CampaignCompleted.Num(), p.CampaignPlan.Num())
	p.LifetimeCompleted = p.CampaignCompleted + dp.Prior
	p.Progress = exact.Percent(p.LifetimeCompleted.Num(), dp.Total.Num())
	p.PaceGap = p.CompletionRate.Sub(expected)

	p.Started = on(dp.StartActual, d)
	p.Finished = on(dp.FinishActual, d)
	active := p.Started && !p.Finished
	// Undefined rates compare as false (fine point 10): a project with
	// no plan for Y is neither slow nor behind.
	p.Slow = active && p.CompletionRate.OK() && p.CompletionRate.Less(e.site.Rules.SlowBelow.Num())
	p.Behind = active && p.PaceGap.OK() && p.PaceGap.Sign() < 0
	p.NotStarted = on(dp.StartPlanned, d) && !p.Started
	p.FinishOverdue = dp.FinishPlanned != 0 && dp.FinishPlanned < d && !p.Finished
	p.Stage = stage(dp, p, d)
	for _, a := range dp.Approvals {
		if a.Due != 0 && a.Due < d && !on(a.Done, d) {
			p.OverdueApprovals = append(p.OverdueApprovals, a)
		}
	}
	for _, m := range dp.Milestones {
		if m.Due != 0 && m.Due < d && !on(m.Done, d) {
			p.OverdueMilestones = append(p.OverdueMilestones, m)
		}
	}
	for _, q := range dp.Problems {
		if on(q.Raised, d) && !on(q.Resolved, d) {
			p.OpenProblems = append(p.OpenProblems, q)
		}
	}
	return p
}

// sumDec is a project's sum of a few amounts; a project's own sums stay
// far inside int64 (at most a few years of amounts below 10^10).
func sumDec(s exact.Sum) exact.Dec {
	if d, ok := s.Dec(); ok {
		return d
	}
	n := s.Num()
	d, _ := n.Mul(exact.Int(exact.Scale)).Dec()
	return d
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

// acc accumulates a group's figures project by project.
type acc struct {
	g                                          *Group
	completed, plan, total, funds, fundsPlan   exact.Sum
	campaignCompleted, campaignPlan, lifetime  exact.Sum
	crNum, crDen, ccrNum, ccrDen, frNum, frDen exact.Sum
	startNum, startDen, finishNum, finishDen   int
	landNum, landDen, lStartNum, lStartDen     int
	stageCount                                 [5]int
	stageTotal                                 [5]exact.Sum
}

func newAcc(sc Scope, name, kind string) *acc {
	return &acc{g: &Group{Scope: sc, Name: name, Kind: kind}}
}

func stageIndex(st Stage) int {
	for i, s := range Stages {
		if s == st {
			return i
		}
	}
	return len(Stages) - 1
}

func (a *acc) add(p *Project, e *Engine, d dataset.Date) {
	g := a.g
	g.Projects = append(g.Projects, p)
	g.Count++
	a.completed.Add(p.Completed)
	a.plan.Add(p.Plan)
	a.total.Add(p.P.Total)
	a.funds.Add(p.Funds)
	a.fundsPlan.Add(p.FundsPlan)
	a.campaignCompleted.Add(p.CampaignCompleted)
	a.campaignPlan.Add(p.CampaignPlan)
	a.lifetime.Add(p.LifetimeCompleted)
	// Weighted rates over the projects whose denominator is > 0, on both
	// sides: a project without a plan neither dilutes nor inflates them.
	if p.Plan > 0 {
		a.crNum.Add(p.Completed)
		a.crDen.Add(p.Plan)
	}
	if p.CampaignPlan > 0 {
		a.ccrNum.Add(p.CampaignCompleted)
		a.ccrDen.Add(p.CampaignPlan)
	}
	if p.FundsPlan > 0 {
		a.frNum.Add(p.Funds)
		a.frDen.Add(p.FundsPlan)
	}
	dp := p.P
	if p.Started || on(dp.StartPlanned, d) {
		a.startDen++
		if p.Started {
			a.startNum++
		}
	}
	if p.Finished || on(dp.FinishPlanned, d) {
		a.finishDen++
		if p.Finished {
			a.finishNum++
		}
	}
	// Landing rates count projects signed from the campaign's first year
	// up to D (fine point 12).
	if on(dp.Signed, d) && dp.Signed.Year() >= e.y0 {
		a.landDen++
		if on(dp.Landed, d) {
			a.landNum++
			a.lStartDen++
			if p.Started {
				a.lStartNum++
			}
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
	if p.FinishOverdue {
		g.FinishOverdue++
	}
	if p.Stage == StageReserve {
		g.ReserveCount++
	}
	k := stageIndex(p.Stage)
	a.stageCount[k]++
	a.stageTotal[k].Add(dp.Total)
}

func (a *acc) finish(st Stats) *Group {
	g := a.g
	g.Completed, g.Plan, g.Total = a.completed.Num(), a.plan.Num(), a.total.Num()
	g.ProjectFund, g.FundsPlan = a.funds.Num(), a.fundsPlan.Num()
	g.Funds = g.ProjectFund
	if st.Funds.OK {
		g.Funds = st.Funds.Num() // fine point 1: the scope's own statistic replaces the sum
	}
	g.CampaignCompleted, g.CampaignPlan, g.LifetimeCompleted = a.campaignCompleted.Num(), a.campaignPlan.Num(), a.lifetime.Num()
	g.CompletionRate = exact.Percent(a.crNum.Num(), a.crDen.Num())
	g.CampaignCompletionRate = exact.Percent(a.ccrNum.Num(), a.ccrDen.Num())
	g.FundsRate = exact.Percent(a.frNum.Num(), a.frDen.Num())
	g.StartRate = exact.Percent(exact.Int(int64(a.startNum)), exact.Int(int64(a.startDen)))
	g.FinishRate = exact.Percent(exact.Int(int64(a.finishNum)), exact.Int(int64(a.finishDen)))
	g.LandingRate = exact.Percent(exact.Int(int64(a.landNum)), exact.Int(int64(a.landDen)))
	g.LandedStartRate = exact.Percent(exact.Int(int64(a.lStartNum)), exact.Int(int64(a.lStartDen)))
	g.Pipeline = make([]StageFig, len(Stages))
	for i, stg := range Stages {
		g.Pipeline[i] = StageFig{Stage: stg, Count: a.stageCount[i], Total: a.stageTotal[i].Num()}
	}
	g.Stats = st
	return g
}

// withoutProjects is a copy of s whose groups do not list their projects.
func (s *Snapshot) withoutProjects() *Snapshot {
	c := *s
	c.Projects = nil
	strip := func(gs []*Group) []*Group {
		out := make([]*Group, len(gs))
		for i, g := range gs {
			cg := *g
			cg.Projects = nil
			out[i] = &cg
		}
		return out
	}
	t := *s.Totals
	t.Projects = nil
	c.Totals = &t
	c.Regions, c.Departments = strip(s.Regions), strip(s.Departments)
	c.Categories, c.Lists = strip(s.Categories), strip(s.Lists)
	return &c
}

// Project looks a project's figures up by id (nil when unknown).
func (s *Snapshot) Project(id string) *Project {
	for lo, hi := 0, len(s.Projects); lo < hi; {
		m := (lo + hi) / 2
		switch pid := s.Projects[m].P.ID; {
		case pid == id:
			return s.Projects[m]
		case pid < id:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

// Group looks a group up by scope: the campaign, a region, department,
// category or list (nil when unknown).
func (s *Snapshot) Group(sc Scope) *Group {
	var gs []*Group
	switch sc.Kind {
	case ScopeCampaign:
		return s.Totals
	case ScopeRegion:
		gs = s.Regions
	case ScopeDepartment:
		gs = s.Departments
	case ScopeCategory:
		gs = s.Categories
	case ScopeList:
		gs = s.Lists
	}
	for lo, hi := 0, len(gs); lo < hi; {
		m := (lo + hi) / 2
		switch id := gs[m].Scope.ID; {
		case id == sc.ID:
			return gs[m]
		case id < sc.ID:
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

// Units are the groups of a unit kind ("regions" or "departments").
func (s *Snapshot) Units(kind string) []*Group {
	if kind == dataset.Departments {
		return s.Departments
	}
	return s.Regions
}

// Sector looks a sector up by id.
func (s *Snapshot) Sector(id string) *Sector {
	for _, x := range s.Sectors {
		if x.ID == id {
			return x
		}
	}
	return nil
}

// Value is a scope's metric at D; undefined for a metric the scope does
// not have or an unknown scope. A `pace` target's metric is the scope's
// completion rate.
func (s *Snapshot) Value(sc Scope, metric string) exact.Num {
	if sc.Kind == ScopeSector {
		if x := s.Sector(sc.ID); x != nil && metric == "fai_growth" {
			return x.Growth.Num()
		}
		return exact.Undefined
	}
	return s.GroupValue(s.Group(sc), metric)
}

// GroupValue is a group's metric.
func (s *Snapshot) GroupValue(g *Group, metric string) exact.Num {
	if g == nil {
		return exact.Undefined
	}
	count := func(n int) exact.Num { return exact.Int(int64(n)) }
	switch metric {
	case "completed":
		return g.Completed
	case "plan":
		return g.Plan
	case "total":
		return g.Total
	case "funds":
		return g.Funds
	case "funds_plan":
		return g.FundsPlan
	case "campaign_completed":
		return g.CampaignCompleted
	case "campaign_plan":
		return g.CampaignPlan
	case "lifetime_completed":
		return g.LifetimeCompleted
	case "completion_rate", "pace":
		return g.CompletionRate
	case "campaign_completion_rate":
		return g.CampaignCompletionRate
	case "funds_rate":
		return g.FundsRate
	case "start_rate":
		return g.StartRate
	case "finish_rate":
		return g.FinishRate
	case "landing_rate":
		return g.LandingRate
	case "landed_start_rate":
		return g.LandedStartRate
	case "projects":
		return count(g.Count)
	case "reserve_projects":
		return count(g.ReserveCount)
	case "slow_count":
		return count(g.SlowCount)
	case "behind_count":
		return count(g.BehindCount)
	case "not_started_count":
		return count(g.NotStartedCount)
	case "finish_overdue_count":
		return count(g.FinishOverdue)
	case "expected":
		return s.Expected
	case "pace_gap":
		return g.CompletionRate.Sub(s.Expected)
	case "fai":
		if g.Scope.Kind == ScopeList || g.Scope.Kind == ScopeCategory {
			return exact.Undefined
		}
		return g.Stats.FAI.Num()
	case "fai_growth":
		if g.Scope.Kind == ScopeList || g.Scope.Kind == ScopeCategory {
			return exact.Undefined
		}
		return g.Stats.FAIGrowth.Num()
	}
	return exact.Undefined
}

// ProjectValue is a project's metric.
func (s *Snapshot) ProjectValue(p *Project, metric string) exact.Num {
	if p == nil {
		return exact.Undefined
	}
	switch metric {
	case "completed":
		return p.Completed.Num()
	case "plan":
		return p.Plan.Num()
	case "total":
		return p.P.Total.Num()
	case "funds":
		return p.Funds.Num()
	case "funds_plan":
		return p.FundsPlan.Num()
	case "campaign_completed":
		return p.CampaignCompleted.Num()
	case "campaign_plan":
		return p.CampaignPlan.Num()
	case "lifetime_completed":
		return p.LifetimeCompleted.Num()
	case "completion_rate":
		return p.CompletionRate
	case "campaign_completion_rate":
		return p.CampaignCompletionRate
	case "funds_rate":
		return p.FundsRate
	case "progress":
		return p.Progress
	case "expected":
		return s.Expected
	case "pace_gap":
		return p.PaceGap
	}
	return exact.Undefined
}

// YearFig is a project's plan and completion in one year of the campaign.
type YearFig struct {
	Year      int
	Plan      exact.Dec
	HasPlan   bool
	Completed exact.Dec    // as of the year's last report ≤ D
	From      dataset.Date // that report (0: no report gives it)
	Rate      exact.Num
}

// Years are a project's figures per year: every campaign year up to D's
// and every year its plan names, in order.
func (s *Snapshot) Years(p *Project) []YearFig {
	e := s.e
	years := map[int]bool{}
	for y := e.y0; y <= min(s.Year, e.y1); y++ {
		years[y] = true
	}
	for _, ya := range p.P.Plan {
		years[ya.Year] = true
	}
	var out []YearFig
	for y := min(e.y0, s.Year); y <= max(e.y1, s.Year); y++ {
		if !years[y] {
			continue
		}
		f := YearFig{Year: y}
		f.Plan, f.HasPlan = p.P.Plan.For(y)
		if y <= s.Year {
			to := yearEnd(y)
			if y == s.Year {
				to = s.AsOf
			}
			f.Completed, _, f.From, _, _, _ = latestLines(e.lines[p.idx], yearStart(y), to)
		}
		f.Rate = exact.Percent(f.Completed.Num(), f.Plan.Num())
		out = append(out, f)
	}
	for _, ya := range p.P.Plan { // years outside the span above
		if ya.Year < min(e.y0, s.Year) || ya.Year > max(e.y1, s.Year) {
			out = append(out, YearFig{Year: ya.Year, Plan: ya.Amount, HasPlan: true})
		}
	}
	sortYears(out)
	return out
}

func sortYears(ys []YearFig) {
	for i := 1; i < len(ys); i++ {
		for j := i; j > 0 && ys[j].Year < ys[j-1].Year; j-- {
			ys[j], ys[j-1] = ys[j-1], ys[j]
		}
	}
}
