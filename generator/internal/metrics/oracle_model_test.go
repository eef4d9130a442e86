package metrics_test

// This file is an independent reading of docs/metrics.md (second edition):
// an oracle that computes the contract keys of metrics.json from the raw
// site, written without looking at the package's implementation, and a
// randomized test that compares the two. It is deliberately slow and
// plain: every figure is recomputed from the reports for every date it is
// needed at, in math/big.Rat, with no index and no cache, so that each
// function can be checked against one sentence of the specification.

import (
	"math/big"
	"sort"
	"time"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// The leaves of the oracle's document. A nil interface is JSON null.
type (
	// oAmount is published as the exact decimal: an amount, a sum of
	// amounts, a growth figure as a report gives it.
	oAmount struct{ r *big.Rat }
	// oRate is published as the double nearest the exact value.
	oRate struct{ r *big.Rat }
)

func amountLeaf(r *big.Rat) any { return oAmount{r} }

// rateLeaf is null for an undefined rate (nil).
func rateLeaf(r *big.Rat) any {
	if r == nil {
		return nil
	}
	return oRate{r}
}

func dateLeaf(d dataset.Date) any {
	if d == 0 {
		return nil
	}
	return d.String()
}

func decRat(d exact.Dec) *big.Rat { return big.NewRat(int64(d), exact.Scale) }

func ratInt(i int) *big.Rat { return big.NewRat(int64(i), 1) }

// percent is num/den × 100, undefined (nil) when den is 0.
func percent(num, den *big.Rat) *big.Rat {
	if den.Sign() == 0 {
		return nil
	}
	r := new(big.Rat).Quo(num, den)
	return r.Mul(r, big.NewRat(100, 1))
}

func countPercent(num, den int) *big.Rat { return percent(ratInt(num), ratInt(den)) }

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }

// oracle is the whole site as read by metrics.md.
type oracle struct{ s *dataset.Site }

// oracleJSON computes metrics.json as of d: the keys of metrics.md's
// open-data contract and nothing else.
func oracleJSON(site *dataset.Site, d dataset.Date) map[string]any {
	o := oracle{site}
	doc := map[string]any{
		"as_of":    d.String(),
		"expected": rateLeaf(o.expected(d)),
	}

	all := o.groupAt(site.Projects, d)
	pipeline := map[string]any{}
	for _, st := range oStages {
		pipeline[st] = map[string]any{"count": all.stageCount[st], "total": amountLeaf(all.stageTotal[st])}
	}
	doc["totals"] = map[string]any{
		"completed":                amountLeaf(all.completed),
		"plan":                     amountLeaf(all.plan),
		"completion_rate":          rateLeaf(all.completionRate),
		"campaign_completed":       amountLeaf(all.campaignCompleted),
		"campaign_plan":            amountLeaf(all.campaignPlan),
		"campaign_completion_rate": rateLeaf(all.campaignRate),
		"start_rate":               rateLeaf(all.startRate),
		"finish_rate":              rateLeaf(all.finishRate),
		"funds_rate":               rateLeaf(all.fundsRate),
		"projects":                 all.count,
		"slow_count":               all.slowCount,
		"pipeline":                 pipeline,
	}

	var projects []any
	for _, p := range sortedProjects(site) {
		f := o.projectAt(p, d)
		projects = append(projects, map[string]any{
			"id":                 p.ID,
			"completed":          amountLeaf(f.completed),
			"plan":               amountLeaf(f.plan),
			"completion_rate":    rateLeaf(f.completionRate),
			"campaign_completed": amountLeaf(f.campaignCompleted),
			"lifetime_completed": amountLeaf(f.lifetime),
			"progress":           rateLeaf(f.progress),
			"pace_gap":           rateLeaf(f.paceGap),
			"stage":              f.stage,
			"slow":               f.slow,
			"behind":             f.behind,
			"not_started":        f.notStarted,
			"finish_overdue":     f.finishOverdue,
			"overdue_approvals":  f.overdueApprovals,
			"overdue_milestones": f.overdueMilestones,
			"open_problems":      f.openProblems,
		})
	}
	doc["projects"] = orEmpty(projects)
	doc["regions"] = o.unitRows(dataset.Regions, d)
	doc["departments"] = o.unitRows(dataset.Departments, d)
	doc["targets"] = o.targets(d)
	return doc
}

func orEmpty(xs []any) []any {
	if xs == nil {
		return []any{}
	}
	return xs
}

func sortedProjects(s *dataset.Site) []*dataset.Project {
	ps := append([]*dataset.Project(nil), s.Projects...)
	sort.Slice(ps, func(i, j int) bool { return ps[i].ID < ps[j].ID })
	return ps
}

// reportsUpTo are the reports dated ≤ d, oldest first: "Only reports
// dated ≤ D are read".
func (o oracle) reportsUpTo(d dataset.Date) []*dataset.Report {
	var rs []*dataset.Report
	for _, r := range o.s.Reports {
		if r.Date <= d {
			rs = append(rs, r)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Date < rs[j].Date })
	return rs
}

// latestInYear is the value that the latest report dated ≤ d within year
// y gives through get, and that report's date (0 when none gives it).
// Values carry key by key (fine point 14): get looks at one key only.
func (o oracle) latestInYear(y int, d dataset.Date, get func(*dataset.Report) (exact.Dec, bool)) (exact.Dec, dataset.Date) {
	var v exact.Dec
	var from dataset.Date
	for _, r := range o.reportsUpTo(d) {
		if r.Date.Year() != y {
			continue
		}
		if x, ok := get(r); ok {
			v, from = x, r.Date
		}
	}
	return v, from
}

func entryKey(id string, key func(*dataset.Entry) dataset.Opt) func(*dataset.Report) (exact.Dec, bool) {
	return func(r *dataset.Report) (exact.Dec, bool) {
		for i := range r.Projects {
			if r.Projects[i].ID == id {
				opt := key(&r.Projects[i])
				return opt.V, opt.OK
			}
		}
		return 0, false
	}
}

func entryCompleted(e *dataset.Entry) dataset.Opt { return e.Completed }
func entryFunds(e *dataset.Entry) dataset.Opt     { return e.Funds }

// statKey reads one statistic of the campaign (kind "campaign") or of a
// unit from a report.
func statKey(kind, id string, key func(*dataset.UnitStats) dataset.Opt) func(*dataset.Report) (exact.Dec, bool) {
	return func(r *dataset.Report) (exact.Dec, bool) {
		var st *dataset.UnitStats
		switch kind {
		case "campaign":
			st = r.Stats
		case dataset.Regions:
			st = r.Regions[id]
		case dataset.Departments:
			st = r.Departments[id]
		}
		if st == nil {
			return 0, false
		}
		opt := key(st)
		return opt.V, opt.OK
	}
}

func statFAI(st *dataset.UnitStats) dataset.Opt       { return st.FAI }
func statFAIGrowth(st *dataset.UnitStats) dataset.Opt { return st.FAIGrowth }
func statFunds(st *dataset.UnitStats) dataset.Opt     { return st.Funds }

func sectorKey(id string) func(*dataset.Report) (exact.Dec, bool) {
	return func(r *dataset.Report) (exact.Dec, bool) {
		if r.Stats == nil {
			return 0, false
		}
		v, ok := r.Stats.Sectors[id]
		return v, ok
	}
}

// yearAmount is a plan or funds plan for year y, 0 when there is none.
func yearAmount(ya dataset.YearAmounts, y int) *big.Rat {
	for _, a := range ya {
		if a.Year == y {
			return decRat(a.Amount)
		}
	}
	return new(big.Rat)
}

// dayOfYear is t(d): the days from Dec 31 of the year before.
func dayOfYear(d dataset.Date) int {
	return int(d - dataset.NewDate(d.Year()-1, time.December, 31))
}

// expected is metrics.md's "Expected pace" at d.
func (o oracle) expected(d dataset.Date) *big.Rat {
	y := d.Year()
	type point struct {
		t int
		v *big.Rat
	}
	pts := []point{{0, new(big.Rat)}}
	var paces []dataset.Target
	for _, t := range o.s.Targets {
		if t.Metric == "pace" && t.By.Year() == y {
			paces = append(paces, t)
		}
	}
	sort.SliceStable(paces, func(i, j int) bool { return paces[i].By < paces[j].By })
	for _, t := range paces {
		pts = append(pts, point{dayOfYear(t.By), decRat(t.Value)})
	}
	if len(paces) == 0 {
		days := int(dataset.NewDate(y, time.December, 31) - dataset.NewDate(y-1, time.December, 31))
		pts = append(pts, point{days, big.NewRat(100, 1)})
	}
	t := dayOfYear(d)
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if t <= b.t {
			// a.v + (b.v − a.v) × (t − a.t) / (b.t − a.t)
			slope := new(big.Rat).Sub(b.v, a.v)
			slope.Mul(slope, big.NewRat(int64(t-a.t), int64(b.t-a.t)))
			return add(a.v, slope)
		}
	}
	return new(big.Rat).Set(pts[len(pts)-1].v)
}

// oProject is one project's figures at D ("Project p").
type oProject struct {
	completed, plan, funds, fundsPlan                 *big.Rat
	campaignCompleted, campaignPlan, lifetime         *big.Rat
	completionRate, campaignRate, progress            *big.Rat // nil: undefined
	fundsRate, paceGap                                *big.Rat
	started, finished, slow, behind                   bool
	notStarted, finishOverdue                         bool
	stage                                             string
	overdueApprovals, overdueMilestones, openProblems int
}

// The five stages in the documents' order.
var oStages = []string{"completed", "construction", "reserve", "preparing", "planned"}

func on(x, d dataset.Date) bool { return x != 0 && x <= d }

func (o oracle) projectAt(p *dataset.Project, d dataset.Date) oProject {
	y := d.Year()
	y0, y1 := o.s.Campaign.Start.Year(), o.s.Campaign.End.Year()
	var f oProject
	c, _ := o.latestInYear(y, d, entryKey(p.ID, entryCompleted))
	f.completed = decRat(c)
	f.plan = yearAmount(p.Plan, y)
	f.completionRate = percent(f.completed, f.plan)

	f.campaignCompleted = new(big.Rat)
	for yy := y0; yy <= min(y, y1); yy++ {
		// completed as of min(D, the last report dated in yy); a year
		// without a report adds 0.
		v, _ := o.latestInYear(yy, d, entryKey(p.ID, entryCompleted))
		f.campaignCompleted = add(f.campaignCompleted, decRat(v))
	}
	f.campaignPlan = new(big.Rat)
	for yy := y0; yy <= y1; yy++ {
		f.campaignPlan = add(f.campaignPlan, yearAmount(p.Plan, yy))
	}
	f.campaignRate = percent(f.campaignCompleted, f.campaignPlan)
	f.lifetime = add(decRat(p.Prior), f.campaignCompleted)
	f.progress = percent(f.lifetime, decRat(p.Total))

	fu, _ := o.latestInYear(y, d, entryKey(p.ID, entryFunds))
	f.funds = decRat(fu)
	f.fundsPlan = yearAmount(p.FundsPlan, y)
	f.fundsRate = percent(f.funds, f.fundsPlan)

	if f.completionRate != nil {
		f.paceGap = new(big.Rat).Sub(f.completionRate, o.expected(d))
	}
	f.started = on(p.StartActual, d)
	f.finished = on(p.FinishActual, d)
	active := f.started && !f.finished
	f.slow = active && f.completionRate != nil && f.completionRate.Cmp(decRat(o.s.Rules.SlowBelow)) < 0
	f.behind = active && f.paceGap != nil && f.paceGap.Sign() < 0
	f.notStarted = on(p.StartPlanned, d) && !f.started
	f.finishOverdue = p.FinishPlanned != 0 && p.FinishPlanned < d && !f.finished

	approvalDone := false
	for _, a := range p.Approvals {
		if on(a.Done, d) {
			approvalDone = true
		}
		if a.Due < d && !on(a.Done, d) {
			f.overdueApprovals++
		}
	}
	for _, m := range p.Milestones {
		if m.Due < d && !on(m.Done, d) {
			f.overdueMilestones++
		}
	}
	for _, pr := range p.Problems {
		if on(pr.Raised, d) && !on(pr.Resolved, d) {
			f.openProblems++
		}
	}
	switch {
	case f.finished:
		f.stage = "completed"
	case f.started:
		f.stage = "construction"
	case p.Reserve:
		f.stage = "reserve"
	case approvalDone:
		f.stage = "preparing"
	default:
		f.stage = "planned"
	}
	return f
}

// oGroup is a group's figures at D ("A group S of projects").
type oGroup struct {
	completed, plan, total, funds, fundsPlan            *big.Rat
	campaignCompleted, campaignPlan, lifetime           *big.Rat
	completionRate, campaignRate, fundsRate             *big.Rat // nil: undefined
	startRate, finishRate, landingRate, landedStartRate *big.Rat
	count, reserve, slowCount                           int
	stageCount                                          map[string]int
	stageTotal                                          map[string]*big.Rat
}

func (o oracle) groupAt(ps []*dataset.Project, d dataset.Date) oGroup {
	g := oGroup{stageCount: map[string]int{}, stageTotal: map[string]*big.Rat{}}
	zero := func() *big.Rat { return new(big.Rat) }
	g.completed, g.plan, g.total, g.funds, g.fundsPlan = zero(), zero(), zero(), zero(), zero()
	g.campaignCompleted, g.campaignPlan, g.lifetime = zero(), zero(), zero()
	rateNum, campNum, fundsNum := zero(), zero(), zero()
	for _, st := range oStages {
		g.stageTotal[st] = zero()
	}
	var started, startDen, finished, finishDen int
	var signed, landed, landedStarted int
	y0 := o.s.Campaign.Start.Year()
	for _, p := range ps {
		f := o.projectAt(p, d)
		g.count++
		g.completed = add(g.completed, f.completed)
		g.plan = add(g.plan, f.plan)
		g.total = add(g.total, decRat(p.Total))
		g.funds = add(g.funds, f.funds)
		g.fundsPlan = add(g.fundsPlan, f.fundsPlan)
		g.campaignCompleted = add(g.campaignCompleted, f.campaignCompleted)
		g.campaignPlan = add(g.campaignPlan, f.campaignPlan)
		g.lifetime = add(g.lifetime, f.lifetime)
		// Weighted rates: numerators only over projects whose
		// denominator is > 0.
		if f.plan.Sign() > 0 {
			rateNum = add(rateNum, f.completed)
		}
		if f.campaignPlan.Sign() > 0 {
			campNum = add(campNum, f.campaignCompleted)
		}
		if f.fundsPlan.Sign() > 0 {
			fundsNum = add(fundsNum, f.funds)
		}
		if f.started {
			started++
		}
		if on(p.StartPlanned, d) || f.started {
			startDen++
		}
		if f.finished {
			finished++
		}
		if on(p.FinishPlanned, d) || f.finished {
			finishDen++
		}
		if f.slow {
			g.slowCount++
		}
		if f.stage == "reserve" {
			g.reserve++
		}
		g.stageCount[f.stage]++
		g.stageTotal[f.stage] = add(g.stageTotal[f.stage], decRat(p.Total))
		// Landing rates: projects signed in Y0..Y and ≤ D.
		if on(p.Signed, d) && p.Signed.Year() >= y0 {
			signed++
			if on(p.Landed, d) {
				landed++
				if f.started {
					landedStarted++
				}
			}
		}
	}
	g.completionRate = percent(rateNum, g.plan)
	g.campaignRate = percent(campNum, g.campaignPlan)
	g.fundsRate = percent(fundsNum, g.fundsPlan)
	g.startRate = countPercent(started, startDen)
	g.finishRate = countPercent(finished, finishDen)
	g.landingRate = countPercent(landed, signed)
	g.landedStartRate = countPercent(landedStarted, landed)
	return g
}

// oScope is a target's or a board's scope: metrics.json's "campaign",
// "region:<id>" … strings.
type oScope struct{ kind, id string }

func (sc oScope) String() string {
	if sc.kind == "campaign" {
		return "campaign"
	}
	return sc.kind + ":" + sc.id
}

// unitKind is the report key of a region or department scope.
func (sc oScope) unitKind() string {
	switch sc.kind {
	case "region":
		return dataset.Regions
	case "department":
		return dataset.Departments
	case "campaign":
		return "campaign"
	}
	return ""
}

func (o oracle) projectsOf(sc oScope) []*dataset.Project {
	var ps []*dataset.Project
	for _, p := range o.s.Projects {
		in := false
		switch sc.kind {
		case "campaign":
			in = true
		case "region":
			in = p.Region == sc.id
		case "department":
			in = p.Owner == sc.id
		case "category":
			in = p.Category == sc.id
		case "list":
			for _, l := range p.Lists {
				in = in || l == sc.id
			}
		}
		if in {
			ps = append(ps, p)
		}
	}
	return ps
}

// oValue is a scope's metric at a date: r nil is undefined; amount says
// how it is published (exact decimal, or the nearest double); count
// marks an integer.
type oValue struct {
	r       *big.Rat
	amount  bool
	count   bool
	unknown string // a metric the oracle does not know: matches nothing
}

// oUnknown is the leaf of a metric the oracle cannot compute; it
// matches no value, so a generator that names one fails loudly.
type oUnknown struct{ metric string }

func (v oValue) leaf() any {
	switch {
	case v.unknown != "":
		return oUnknown{v.unknown}
	case v.r == nil:
		return nil
	case v.count:
		return int(v.r.Num().Int64())
	case v.amount:
		return amountLeaf(v.r)
	}
	return rateLeaf(v.r)
}

func amountValue(r *big.Rat) oValue { return oValue{r: r, amount: true} }
func countValue(n int) oValue       { return oValue{r: ratInt(n), count: true} }

// metricAt is a scope's metric as of d, with Y = d's year.
func (o oracle) metricAt(sc oScope, metric string, d dataset.Date) oValue {
	y := d.Year()
	if sc.kind == "sector" {
		// A sector has only its growth.
		if v, from := o.latestInYear(y, d, sectorKey(sc.id)); from != 0 {
			return amountValue(decRat(v))
		}
		return oValue{}
	}
	switch metric {
	case "fai", "fai_growth":
		get := statFAI
		if metric == "fai_growth" {
			get = statFAIGrowth
		}
		if v, from := o.latestInYear(y, d, statKey(sc.unitKind(), sc.id, get)); from != 0 {
			return amountValue(decRat(v))
		}
		return oValue{}
	case "funds":
		// A stats funds replaces the project sum for the campaign and
		// for a unit, never for lists or categories (fine point 1).
		if k := sc.unitKind(); k != "" {
			if v, from := o.latestInYear(y, d, statKey(k, sc.id, statFunds)); from != 0 {
				return amountValue(decRat(v))
			}
		}
	}
	g := o.groupAt(o.projectsOf(sc), d)
	switch metric {
	case "completed":
		return amountValue(g.completed)
	case "plan":
		return amountValue(g.plan)
	case "total":
		return amountValue(g.total)
	case "funds":
		return amountValue(g.funds)
	case "funds_plan":
		return amountValue(g.fundsPlan)
	case "campaign_completed":
		return amountValue(g.campaignCompleted)
	case "campaign_plan":
		return amountValue(g.campaignPlan)
	case "lifetime_completed":
		return amountValue(g.lifetime)
	case "completion_rate", "pace":
		return oValue{r: g.completionRate}
	case "campaign_completion_rate":
		return oValue{r: g.campaignRate}
	case "funds_rate":
		return oValue{r: g.fundsRate}
	case "start_rate":
		return oValue{r: g.startRate}
	case "finish_rate":
		return oValue{r: g.finishRate}
	case "landing_rate":
		return oValue{r: g.landingRate}
	case "landed_start_rate":
		return oValue{r: g.landedStartRate}
	case "projects":
		return countValue(g.count)
	case "reserve_projects":
		return countValue(g.reserve)
	}
	return oValue{unknown: metric}
}

// oTarget is a target with its scope.
type oTarget struct {
	scope oScope
	t     dataset.Target
}

func (o oracle) allTargets() []oTarget {
	var ts []oTarget
	for _, t := range o.s.Targets {
		ts = append(ts, oTarget{oScope{"campaign", ""}, t})
	}
	units := []struct {
		kind string
		us   []*dataset.Unit
	}{{"region", o.s.Regions}, {"department", o.s.Departments}}
	for _, u := range units {
		for _, x := range u.us {
			for _, t := range x.Targets {
				ts = append(ts, oTarget{oScope{u.kind, x.ID}, t})
			}
		}
	}
	groups := []struct {
		kind string
		gs   []*dataset.Group
	}{{"list", o.s.Lists}, {"category", o.s.Categories}, {"sector", o.s.Sectors}}
	for _, g := range groups {
		for _, x := range g.gs {
			for _, t := range x.Targets {
				ts = append(ts, oTarget{oScope{g.kind, x.ID}, t})
			}
		}
	}
	sort.SliceStable(ts, func(i, j int) bool {
		a, b := ts[i], ts[j]
		if a.scope.String() != b.scope.String() {
			return a.scope.String() < b.scope.String()
		}
		if a.t.Metric != b.t.Metric {
			return a.t.Metric < b.t.Metric
		}
		return a.t.By < b.t.By
	})
	return ts
}

// targets judges every target as of d ("Targets", fine point 6).
func (o oracle) targets(d dataset.Date) []any {
	var out []any
	for _, ot := range o.allTargets() {
		t := ot.t
		value := decRat(t.Value)
		current := o.metricAt(ot.scope, t.Metric, d)
		row := map[string]any{
			"scope":   ot.scope.String(),
			"metric":  t.Metric,
			"value":   amountLeaf(value),
			"by":      t.By.String(),
			"current": current.leaf(),
			"due_in":  int(t.By - d),
		}
		if d <= t.By {
			met := current.r != nil && current.r.Cmp(value) >= 0
			row["actual"] = current.leaf()
			row["met"] = met
			row["judged_at"] = d.String()
			row["status"] = map[bool]string{true: "met", false: "open"}[met]
		} else {
			var j dataset.Date
			for _, r := range o.reportsUpTo(t.By) {
				j = r.Date
			}
			var actual oValue
			if j != 0 {
				actual = o.metricAt(ot.scope, t.Metric, j)
			}
			met := actual.r != nil && actual.r.Cmp(value) >= 0
			row["actual"] = actual.leaf()
			row["met"] = met
			row["judged_at"] = dateLeaf(j)
			switch {
			case actual.r == nil:
				row["status"] = "no_data"
			case met:
				row["status"] = "met"
			default:
				row["status"] = "missed"
			}
		}
		out = append(out, row)
	}
	return orEmpty(out)
}

// oPeriod is one ranking period of a board: its date (the last report
// in it that gives a fresh value) and the day it begins, before which a
// value is carried.
type oPeriod struct{ date, start dataset.Date }

// fresh reports whether report r gives a fresh value of metric for at
// least one unit of kind.
func (o oracle) fresh(r *dataset.Report, kind, metric string) bool {
	statGiven := func(get func(*dataset.UnitStats) dataset.Opt) bool {
		for _, st := range r.Units(kind) {
			if st != nil && get(st).OK {
				return true
			}
		}
		return false
	}
	switch metric {
	case "fai":
		return statGiven(statFAI)
	case "fai_growth":
		return statGiven(statFAIGrowth)
	case "funds":
		// Both: a unit's own statistic, or its projects' sum.
		return statGiven(statFunds) || len(r.Projects) > 0
	}
	return len(r.Projects) > 0
}

// periods are the board's periods from the reports dated ≤ d, oldest
// first ("Ranking periods", fine point 4).
func (o oracle) periods(kind, metric string, d dataset.Date) []oPeriod {
	mode := o.s.Rules.RankingPeriod
	var ps []oPeriod
	for _, r := range o.reportsUpTo(d) {
		if !o.fresh(r, kind, metric) {
			continue
		}
		var start dataset.Date
		switch mode {
		case "report":
			start = r.Date
		case "quarter":
			q := (int(r.Date.Month()) - 1) / 3
			start = dataset.NewDate(r.Date.Year(), time.Month(q*3+1), 1)
		default:
			start = dataset.NewDate(r.Date.Year(), r.Date.Month(), 1)
		}
		if n := len(ps); n > 0 && ps[n-1].start == start {
			ps[n-1].date = r.Date // a later fresh report in the same period
			continue
		}
		ps = append(ps, oPeriod{r.Date, start})
	}
	return ps
}

// unitValue is a unit's board value at a period, and whether it is
// carried (reported before the period began).
func (o oracle) unitValue(kind, id, metric string, p oPeriod) (*big.Rat, bool) {
	y := p.date.Year()
	var get func(*dataset.UnitStats) dataset.Opt
	switch metric {
	case "fai":
		get = statFAI
	case "fai_growth":
		get = statFAIGrowth
	case "funds":
		get = statFunds
	}
	if get != nil {
		v, from := o.latestInYear(y, p.date, statKey(kind, id, get))
		if from != 0 {
			return decRat(v), from < p.start
		}
		if metric != "funds" {
			return nil, false
		}
	}
	sc := oScope{map[string]string{dataset.Regions: "region", dataset.Departments: "department"}[kind], id}
	return o.metricAt(sc, metric, p.date).r, false
}

// oBoardAt is one period of a board: each unit's rank (0: unranked),
// whether it is last, and whether its value is carried.
type oBoardAt struct {
	rank    map[string]int
	last    map[string]bool
	carried map[string]bool
}

func (o oracle) boardAt(kind, metric string, p oPeriod) oBoardAt {
	b := oBoardAt{rank: map[string]int{}, last: map[string]bool{}, carried: map[string]bool{}}
	vals := map[string]*big.Rat{}
	for _, u := range o.s.Units(kind) {
		v, carried := o.unitValue(kind, u.ID, metric, p)
		if v != nil {
			vals[u.ID] = v
			b.carried[u.ID] = carried
		}
	}
	// Competition ranking, higher is better: 1 + the number of units
	// with a strictly greater value.
	worst := 0
	for id, v := range vals {
		r := 1
		for _, w := range vals {
			if w.Cmp(v) > 0 {
				r++
			}
		}
		b.rank[id] = r
		worst = max(worst, r)
	}
	// doc.go: all tied at rank 1 (or a single unit) is no last place.
	if worst > 1 {
		for id, r := range b.rank {
			b.last[id] = r == worst
		}
	}
	return b
}

// unitRows are the regions' or departments' rows of metrics.json.
func (o oracle) unitRows(kind string, d dataset.Date) []any {
	scopeKind := map[string]string{dataset.Regions: "region", dataset.Departments: "department"}[kind]
	metric := o.s.Rules.RankBy[kind]
	var ps []oPeriod
	var boards []oBoardAt
	if metric != "" {
		ps = o.periods(kind, metric, d)
		for _, p := range ps {
			boards = append(boards, o.boardAt(kind, metric, p))
		}
	}
	measures := o.s.Rules.Escalation[kind]
	units := append([]*dataset.Unit(nil), o.s.Units(kind)...)
	sort.Slice(units, func(i, j int) bool { return units[i].ID < units[j].ID })
	var rows []any
	for _, u := range units {
		sc := oScope{scopeKind, u.ID}
		row := map[string]any{
			"id":              u.ID,
			"fai_growth":      o.metricAt(sc, "fai_growth", d).leaf(),
			"completion_rate": o.metricAt(sc, "completion_rate", d).leaf(),
			"start_rate":      o.metricAt(sc, "start_rate", d).leaf(),
			"rank":            nil,
			"rank_change":     nil,
			"last_streak":     0,
			"escalation":      nil,
			"carried":         false,
			"period":          nil,
		}
		if n := len(boards); n > 0 {
			cur := boards[n-1]
			row["period"] = ps[n-1].date.String()
			if r := cur.rank[u.ID]; r > 0 {
				row["rank"] = r
				if n > 1 {
					if prev := boards[n-2].rank[u.ID]; prev > 0 {
						row["rank_change"] = prev - r
					}
				}
			}
			row["carried"] = cur.carried[u.ID]
			streak := 0
			c := o.s.Campaign
			if ps[n-1].date >= c.Start && ps[n-1].date <= c.End {
				for i := n - 1; i >= 0 && ps[i].date >= c.Start && boards[i].last[u.ID]; i-- {
					streak++
				}
			}
			row["last_streak"] = streak
			if streak >= 1 && len(measures) > 0 {
				row["escalation"] = measures[min(streak, len(measures))-1]
			}
		}
		rows = append(rows, row)
	}
	return orEmpty(rows)
}
