package metrics_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// siteGen builds a random small site directly in Go, the way the loader
// would hand it to the engine: entities sorted by id, reports by date,
// report lines by project id, cumulative values that go down within a
// year only on a correction line, targets only on metrics their scope
// can have (metrics.md fine point 11), pace values non-decreasing per
// scope and year.
type siteGen struct {
	r           *rand.Rand
	s           *dataset.Site
	first, last dataset.Date // the reports' range
	// cumulative values by key ("p:p01:completed"), within their year
	cum     map[string]exact.Dec
	cumYear map[string]int
	// which statistics some report gives departments
	deptFAI, deptGrowth bool
}

// Metrics a target may name on a group of projects (lists, categories,
// and, with fai and fai_growth, regions, departments and the campaign).
var genGroupMetrics = []string{
	"completed", "plan", "total", "funds", "funds_plan", "campaign_completed", "campaign_plan",
	"lifetime_completed", "completion_rate", "campaign_completion_rate", "funds_rate",
	"start_rate", "finish_rate", "landing_rate", "landed_start_rate", "projects",
	"reserve_projects", "pace",
}

func genSite(seed uint64) *dataset.Site {
	g := &siteGen{
		r:       rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		cum:     map[string]exact.Dec{},
		cumYear: map[string]int{},
	}
	g.s = &dataset.Site{
		Title: "随机站点", Language: "zh-Hans", MoneyUnit: "亿元", Jurisdiction: "district",
		Limits: dataset.DefaultLimits,
	}
	g.campaign()
	g.units()
	g.groups()
	g.reportDates()
	g.projects()
	g.reportContents()
	g.rules()
	g.targets()
	return g.s
}

func (g *siteGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *siteGen) intIn(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func (g *siteGen) dateIn(lo, hi dataset.Date) dataset.Date {
	if hi < lo {
		return lo
	}
	return lo + dataset.Date(g.r.IntN(int(hi-lo)+1))
}

// amount is a random amount in [0, maxUnits] with 0 to 4 decimals.
func (g *siteGen) amount(maxUnits float64) exact.Dec {
	n := int64(g.r.Float64() * maxUnits * exact.Scale)
	places := []int64{1, 10, 100, 1000, 10000}[g.r.IntN(5)] // 4, 3, 2, 1, 0 decimals
	return exact.Dec(n / places * places)
}

func (g *siteGen) pick(xs []string) string { return xs[g.r.IntN(len(xs))] }

func decOf(s string) exact.Dec {
	d, err := exact.ParseString(s)
	if err != nil {
		panic(err) // constants of this file only
	}
	return d
}

func (g *siteGen) pickDec(xs ...string) exact.Dec { return decOf(g.pick(xs)) }

func (g *siteGen) campaign() {
	y0 := 2022 + g.r.IntN(2)
	c := &g.s.Campaign
	c.Name, c.Issuer, c.Document = "扩大有效投资攻坚", "区政府办公室", "政办发〔2023〕1号"
	switch g.r.IntN(3) {
	case 0: // a calendar year
		c.Start, c.End = dataset.NewDate(y0, 1, 1), dataset.NewDate(y0, 12, 31)
	case 1: // a hundred days or so within a year
		c.Start = dataset.NewDate(y0, time.Month(g.intIn(2, 7)), g.intIn(1, 28))
		c.End = dataset.NewDate(y0, time.Month(g.intIn(9, 12)), g.intIn(1, 28))
	default: // three years, starting and ending mid-year or not
		c.Start = dataset.NewDate(y0, time.Month(g.intIn(1, 9)), g.intIn(1, 28))
		if g.chance(0.3) {
			c.Start = dataset.NewDate(y0, 1, 1)
		}
		c.End = dataset.NewDate(y0+2, time.Month(g.intIn(3, 12)), g.intIn(1, 28))
		if g.chance(0.3) {
			c.End = dataset.NewDate(y0+2, 12, 31)
		}
	}
	y1 := c.End.Year()
	c.Year = g.intIn(y0, y1)
}

func (g *siteGen) units() {
	for i, n := 0, g.intIn(1, 4); i < n; i++ {
		g.s.Regions = append(g.s.Regions, &dataset.Unit{ID: fmt.Sprintf("r%d", i+1), Name: fmt.Sprintf("区%d", i+1), Kind: "district"})
	}
	for i, n := 0, g.intIn(1, 4); i < n; i++ {
		g.s.Departments = append(g.s.Departments, &dataset.Unit{ID: fmt.Sprintf("d%d", i+1), Name: fmt.Sprintf("局%d", i+1), Kind: "县直部门"})
	}
}

func (g *siteGen) groups() {
	// A project must name a category, so a site with projects has one.
	for i, n := 0, g.intIn(1, 3); i < n; i++ {
		g.s.Categories = append(g.s.Categories, &dataset.Group{ID: fmt.Sprintf("c%d", i+1), Name: fmt.Sprintf("类%d", i+1)})
	}
	for i, n := 0, g.intIn(0, 3); i < n; i++ {
		g.s.Lists = append(g.s.Lists, &dataset.Group{ID: fmt.Sprintf("l%d", i+1), Name: fmt.Sprintf("批%d", i+1)})
	}
	for i, n := 0, g.intIn(0, 3); i < n; i++ {
		g.s.Sectors = append(g.s.Sectors, &dataset.Group{ID: fmt.Sprintf("s%d", i+1), Name: fmt.Sprintf("行业%d", i+1)})
	}
}

// reportDates lays out month-end reports and mid-month dispatches over
// 3 to 16 months that always cross a 1 January.
func (g *siteGen) reportDates() {
	y0, y1 := g.s.Campaign.Start.Year(), g.s.Campaign.End.Year()
	boundary := g.intIn(y0, y1+1) // reports run from before 1 Jan of this year to after it
	firstMonth := boundary*12 - g.intIn(1, 10)
	n := boundary*12 - firstMonth + g.intIn(1, 6)
	var dates []dataset.Date
	for m := firstMonth; m < firstMonth+n; m++ {
		y, mon := m/12, time.Month(m%12+1)
		if g.chance(0.35) {
			dates = append(dates, dataset.NewDate(y, mon, g.intIn(5, 25)))
		}
		if g.chance(0.85) || m == firstMonth || m == firstMonth+n-1 {
			dates = append(dates, dataset.NewDate(y, mon+1, 1)-1) // the month's last day
		}
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i] < dates[j] })
	for _, d := range dates {
		g.s.Reports = append(g.s.Reports, &dataset.Report{Date: d, Regions: map[string]*dataset.UnitStats{}, Departments: map[string]*dataset.UnitStats{}})
	}
	g.first, g.last = dates[0], dates[len(dates)-1]
}

func (g *siteGen) yearAmounts(maxUnits float64) dataset.YearAmounts {
	c := g.s.Campaign
	switch {
	case g.chance(0.5): // plan = n: campaign.year
		return dataset.YearAmounts{{Year: c.Year, Amount: g.amount(maxUnits)}}
	case g.chance(0.8): // [plan] 2022 = … 2023 = …
		var ya dataset.YearAmounts
		for y := min(c.Start.Year(), g.first.Year()) - 1; y <= max(c.End.Year(), g.last.Year())+1; y++ {
			if g.chance(0.6) {
				a := g.amount(maxUnits)
				if g.chance(0.1) {
					a = 0
				}
				ya = append(ya, dataset.YearAmount{Year: y, Amount: a})
			}
		}
		return ya
	}
	return nil
}

func (g *siteGen) optDate(p float64, lo, hi dataset.Date) dataset.Date {
	if g.chance(p) {
		return g.dateIn(lo, hi)
	}
	return 0
}

func (g *siteGen) projects() {
	lo, hi := g.first-200, g.last+200
	for i, n := 0, g.intIn(2, 25); i < n; i++ {
		p := &dataset.Project{
			ID:       fmt.Sprintf("p%02d", i+1),
			Name:     fmt.Sprintf("项目%d", i+1),
			Region:   g.s.Regions[g.r.IntN(len(g.s.Regions))].ID,
			Owner:    g.s.Departments[g.r.IntN(len(g.s.Departments))].ID,
			Category: g.s.Categories[g.r.IntN(len(g.s.Categories))].ID,
			Total:    g.amount(60),
			Plan:     g.yearAmounts(12),
			Reserve:  g.chance(0.15),
		}
		if g.chance(0.1) {
			p.Total = 0
		}
		for _, l := range g.s.Lists {
			if g.chance(0.4) {
				p.Lists = append(p.Lists, l.ID)
			}
		}
		if g.chance(0.4) {
			p.Prior = g.amount(20)
		}
		if g.chance(0.35) {
			p.FundsPlan = g.yearAmounts(5)
		}
		p.StartPlanned = g.optDate(0.9, lo, hi)
		p.StartActual = g.optDate(0.6, lo, hi)
		p.FinishPlanned = g.optDate(0.85, lo+100, hi+200)
		if p.StartActual != 0 && g.chance(0.3) {
			p.FinishActual = g.dateIn(p.StartActual, hi)
		}
		if g.chance(0.35) {
			p.Signed = g.dateIn(lo-200, hi)
			if g.chance(0.6) {
				p.Landed = g.dateIn(p.Signed, hi)
			}
		}
		kinds := []string{"filing", "land", "planning", "eia", "water", "energy", "construction"}
		for j, m := 0, g.intIn(0, 3); j < m; j++ {
			p.Approvals = append(p.Approvals, dataset.Approval{Kind: kinds[j], Due: g.dateIn(lo, hi), Done: g.optDate(0.6, lo, hi)})
		}
		for j, m := 0, g.intIn(0, 2); j < m; j++ {
			p.Milestones = append(p.Milestones, dataset.Milestone{Name: fmt.Sprintf("节点%d", j+1), Due: g.dateIn(lo, hi), Done: g.optDate(0.5, lo, hi)})
		}
		for j, m := 0, g.intIn(0, 2); j < m; j++ {
			raised := g.dateIn(lo, hi)
			pr := dataset.Problem{Text: fmt.Sprintf("问题%d", j+1), Raised: raised, Level: "county"}
			if g.chance(0.5) {
				pr.Resolved = g.dateIn(raised, hi)
			}
			p.Problems = append(p.Problems, pr)
		}
		g.s.Projects = append(g.s.Projects, p)
	}
}

// cumulative is the next year-to-date value of key in year y: up from
// the last one (sometimes unchanged), or down on a correction.
func (g *siteGen) cumulative(key string, y int, step float64) (exact.Dec, bool) {
	prev, seen := g.cum[key], g.cumYear[key] == y
	if !seen {
		prev = 0
	}
	v, correction := prev, false
	switch {
	case seen && prev > 0 && g.chance(0.08):
		v, correction = prev-exact.Dec(g.r.Int64N(int64(prev)+1)), true
	case g.chance(0.2): // unchanged: ties
	default:
		v = prev + g.amount(step)
	}
	g.cum[key], g.cumYear[key] = v, y
	return v, correction
}

// growth values come from a small set, so boards tie.
func (g *siteGen) growth() exact.Dec {
	if g.chance(0.85) {
		return g.pickDec("1", "2", "2.5", "3")
	}
	return g.pickDec("-1.5", "0", "7.9", "12.25")
}

func (g *siteGen) unitStats(key string, y int, withFunds bool) *dataset.UnitStats {
	st := &dataset.UnitStats{}
	if g.chance(0.75) {
		v, corr := g.cumulative(key+":fai", y, 30)
		st.FAI, st.Correction = dataset.Some(v), corr
	}
	if g.chance(0.8) {
		st.FAIGrowth = dataset.Some(g.growth())
	}
	if withFunds && g.chance(0.3) {
		v, corr := g.cumulative(key+":funds", y, 5)
		st.Funds, st.Correction = dataset.Some(v), st.Correction || corr
	}
	return st
}

func (g *siteGen) reportContents() {
	deptStats := g.chance(0.35)
	for _, r := range g.s.Reports {
		y := r.Date.Year()
		withStats, withLines := true, true
		switch x := g.r.Float64(); {
		case x < 0.15:
			withLines = false
		case x < 0.35:
			withStats = false
		case x < 0.45:
			withStats, withLines = false, false
		}
		if withStats {
			if g.chance(0.8) {
				r.Stats = g.unitStats("stats", y, true)
				if len(g.s.Sectors) > 0 {
					r.Stats.Sectors = map[string]exact.Dec{}
					for _, sec := range g.s.Sectors {
						if g.chance(0.7) {
							r.Stats.Sectors[sec.ID] = g.growth()
						}
					}
				}
			}
			for _, u := range g.s.Regions {
				if g.chance(0.75) {
					r.Regions[u.ID] = g.unitStats("region:"+u.ID, y, true)
				}
			}
			if deptStats {
				for _, u := range g.s.Departments {
					if g.chance(0.6) {
						st := g.unitStats("department:"+u.ID, y, true)
						r.Departments[u.ID] = st
						g.deptFAI = g.deptFAI || st.FAI.OK
						g.deptGrowth = g.deptGrowth || st.FAIGrowth.OK
					}
				}
			}
		}
		if !withLines {
			continue
		}
		for _, p := range g.s.Projects {
			if !g.chance(0.7) {
				continue
			}
			e := dataset.Entry{ID: p.ID}
			plan := decRat(0)
			for _, a := range p.Plan {
				if a.Year == y {
					plan = decRat(a.Amount)
				}
			}
			step, _ := plan.Float64()
			step = step*0.35 + 0.5
			if g.chance(0.9) {
				v, corr := g.cumulative("p:"+p.ID+":completed", y, step)
				e.Completed, e.Correction = dataset.Some(v), corr
			}
			if g.chance(map[bool]float64{true: 0.6, false: 0.1}[len(p.FundsPlan) > 0]) {
				v, corr := g.cumulative("p:"+p.ID+":funds", y, 2)
				e.Funds, e.Correction = dataset.Some(v), e.Correction || corr
			}
			if g.chance(0.2) {
				e.Note = "施工中"
			}
			r.Projects = append(r.Projects, e)
		}
	}
}

func (g *siteGen) rules() {
	ru := &g.s.Rules
	ru.SlowBelow = g.pickDec("30", "50", "62.5", "100")
	ru.RankingPeriod = g.pick([]string{"month", "month", "quarter", "report"})
	ru.RankBy = map[string]string{}
	if m := g.pick([]string{"fai_growth", "fai_growth", "fai_growth", "fai", "completion_rate", "start_rate",
		"funds", "campaign_completion_rate", "finish_rate", "completed", ""}); m != "" {
		ru.RankBy[dataset.Regions] = m
	}
	if m := g.pick([]string{"completion_rate", "completion_rate", "start_rate", "finish_rate", "completed",
		"campaign_completion_rate", "funds_rate", "landing_rate", ""}); m != "" {
		ru.RankBy[dataset.Departments] = m
	}
	if g.deptGrowth && g.chance(0.25) { // departments given their own statistics
		ru.RankBy[dataset.Departments] = "fai_growth"
	}
	if g.chance(0.85) {
		ru.Escalation = map[string][]string{}
		measures := []string{"通报批评", "分管领导约谈", "主要领导约谈"}
		for _, kind := range dataset.UnitKinds {
			switch x := g.r.Float64(); {
			case x < 0.55:
				ru.Escalation[kind] = measures[:g.intIn(1, 3)]
			case x < 0.65:
				ru.Escalation[kind] = []string{} // fine point 9: none
			}
		}
	}
}

// targetValue is a threshold for metric: often exactly the figure the
// scope reaches at the deadline, so that ≥ is tested on equality.
func (g *siteGen) targetValue(sc oScope, metric string, by dataset.Date) exact.Dec {
	if g.chance(0.3) {
		o := oracle{g.s}
		j := dataset.Date(0)
		for _, r := range o.reportsUpTo(by) {
			j = r.Date
		}
		if j != 0 {
			if v := o.metricAt(sc, metric, j); v.r != nil {
				scaled := new(big.Rat).Mul(v.r, big.NewRat(exact.Scale, 1))
				if scaled.IsInt() && scaled.Num().IsInt64() {
					return exact.Dec(scaled.Num().Int64())
				}
			}
		}
	}
	switch metric {
	case "fai_growth":
		return g.growth()
	case "projects", "reserve_projects":
		return exact.MustInt(int64(g.intIn(0, 5)))
	case "completion_rate", "campaign_completion_rate", "funds_rate", "start_rate", "finish_rate",
		"landing_rate", "landed_start_rate", "pace":
		return g.pickDec("0", "25", "50", "66.6667", "80", "100", "120")
	}
	return g.amount(40)
}

func (g *siteGen) targets() {
	type key struct {
		scope, metric string
		by            dataset.Date
	}
	seen := map[key]bool{}
	paceYears := map[string]bool{} // scope + year: one pace target each, so pace never goes down
	lo, hi := g.first-60, g.last+60
	add := func(sc oScope, metrics []string) []dataset.Target {
		var ts []dataset.Target
		for i, n := 0, g.intIn(0, 3); i < n; i++ {
			m := g.pick(metrics)
			by := g.dateIn(lo, hi)
			if g.chance(0.3) {
				by = g.s.Reports[g.r.IntN(len(g.s.Reports))].Date
			}
			k := key{sc.String(), m, by}
			py := fmt.Sprint(sc, by.Year())
			if seen[k] || (m == "pace" && paceYears[py]) {
				continue
			}
			seen[k] = true
			if m == "pace" {
				paceYears[py] = true
			}
			ts = append(ts, dataset.Target{Metric: m, Value: g.targetValue(sc, m, by), By: by})
		}
		return ts
	}
	withStats := append([]string{"fai", "fai_growth"}, genGroupMetrics...)
	// The campaign's pace milestones, non-decreasing within each year.
	for y := g.first.Year(); y <= g.last.Year(); y++ {
		if !g.chance(0.6) {
			continue
		}
		var dates []dataset.Date
		for i, n := 0, g.intIn(1, 3); i < n; i++ {
			dates = append(dates, g.dateIn(dataset.NewDate(y, 1, 15), dataset.NewDate(y, 12, 31)))
		}
		sort.Slice(dates, func(i, j int) bool { return dates[i] < dates[j] })
		var values []exact.Dec
		for range dates {
			values = append(values, g.pickDec("30", "50", "62.5", "75", "85", "100"))
		}
		sort.Slice(values, func(i, j int) bool { return values[i] < values[j] })
		for i, d := range dates {
			if i > 0 && d == dates[i-1] {
				continue
			}
			seen[key{"campaign", "pace", d}] = true
			g.s.Targets = append(g.s.Targets, dataset.Target{Metric: "pace", Value: values[i], By: d})
		}
		paceYears[fmt.Sprint(oScope{"campaign", ""}, y)] = true
	}
	nonPace := withStats[:len(withStats)-1]
	g.s.Targets = append(g.s.Targets, add(oScope{"campaign", ""}, nonPace)...)
	for _, u := range g.s.Regions {
		u.Targets = add(oScope{"region", u.ID}, withStats)
	}
	deptMetrics := slices.Clone(genGroupMetrics)
	if g.deptFAI {
		deptMetrics = append(deptMetrics, "fai")
	}
	if g.deptGrowth {
		deptMetrics = append(deptMetrics, "fai_growth")
	}
	for _, u := range g.s.Departments {
		u.Targets = add(oScope{"department", u.ID}, deptMetrics)
	}
	for _, l := range g.s.Lists {
		l.Targets = add(oScope{"list", l.ID}, genGroupMetrics)
	}
	for _, c := range g.s.Categories {
		c.Targets = add(oScope{"category", c.ID}, genGroupMetrics)
	}
	for _, s := range g.s.Sectors {
		s.Targets = add(oScope{"sector", s.ID}, []string{"fai_growth"})
	}
}

// dumpSite is a compact listing of everything the figures depend on, for
// a human to rebuild a failing case.
func dumpSite(s *dataset.Site) string {
	var b strings.Builder
	c := s.Campaign
	fmt.Fprintf(&b, "campaign %s..%s year=%d; rules slow_below=%s period=%q rank_by=%v escalation=%v\n",
		c.Start, c.End, c.Year, s.Rules.SlowBelow, s.Rules.RankingPeriod, s.Rules.RankBy, s.Rules.Escalation)
	targets := func(ts []dataset.Target) string {
		var xs []string
		for _, t := range ts {
			xs = append(xs, fmt.Sprintf("%s≥%s@%s", t.Metric, t.Value, t.By))
		}
		return strings.Join(xs, " ")
	}
	fmt.Fprintf(&b, "campaign targets: %s\n", targets(s.Targets))
	for _, u := range s.Regions {
		fmt.Fprintf(&b, "region %s: %s\n", u.ID, targets(u.Targets))
	}
	for _, u := range s.Departments {
		fmt.Fprintf(&b, "department %s: %s\n", u.ID, targets(u.Targets))
	}
	for _, gs := range [][]*dataset.Group{s.Categories, s.Lists, s.Sectors} {
		for _, x := range gs {
			fmt.Fprintf(&b, "group %s: %s\n", x.ID, targets(x.Targets))
		}
	}
	ya := func(xs dataset.YearAmounts) string {
		var parts []string
		for _, a := range xs {
			parts = append(parts, fmt.Sprintf("%d:%s", a.Year, a.Amount))
		}
		return strings.Join(parts, ",")
	}
	for _, p := range s.Projects {
		fmt.Fprintf(&b, "project %s r=%s o=%s c=%s l=%v total=%s plan=[%s] prior=%s fplan=[%s] start=%s/%s finish=%s/%s reserve=%v signed=%s landed=%s",
			p.ID, p.Region, p.Owner, p.Category, p.Lists, p.Total, ya(p.Plan), p.Prior, ya(p.FundsPlan),
			p.StartPlanned, p.StartActual, p.FinishPlanned, p.FinishActual, p.Reserve, p.Signed, p.Landed)
		for _, a := range p.Approvals {
			fmt.Fprintf(&b, " appr(%s due=%s done=%s)", a.Kind, a.Due, a.Done)
		}
		for _, m := range p.Milestones {
			fmt.Fprintf(&b, " ms(due=%s done=%s)", m.Due, m.Done)
		}
		for _, pr := range p.Problems {
			fmt.Fprintf(&b, " prob(%s..%s)", pr.Raised, pr.Resolved)
		}
		b.WriteString("\n")
	}
	opt := func(name string, o dataset.Opt) string {
		if !o.OK {
			return ""
		}
		return fmt.Sprintf(" %s=%s", name, o.V)
	}
	stats := func(st *dataset.UnitStats) string {
		x := opt("fai", st.FAI) + opt("g", st.FAIGrowth) + opt("funds", st.Funds)
		var secs []string
		for id, v := range st.Sectors {
			secs = append(secs, fmt.Sprintf("%s=%s", id, v))
		}
		sort.Strings(secs)
		if len(secs) > 0 {
			x += " sectors(" + strings.Join(secs, " ") + ")"
		}
		if st.Correction {
			x += " corr"
		}
		return "{" + strings.TrimSpace(x) + "}"
	}
	for _, r := range s.Reports {
		fmt.Fprintf(&b, "report %s", r.Date)
		if r.Stats != nil {
			b.WriteString(" stats" + stats(r.Stats))
		}
		for _, kind := range dataset.UnitKinds {
			ids := make([]string, 0, len(r.Units(kind)))
			for id := range r.Units(kind) {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			for _, id := range ids {
				b.WriteString(" " + id + stats(r.Units(kind)[id]))
			}
		}
		for _, e := range r.Projects {
			x := opt("c", e.Completed) + opt("f", e.Funds)
			if e.Correction {
				x += " corr"
			}
			fmt.Fprintf(&b, " %s{%s}", e.ID, strings.TrimSpace(x))
		}
		b.WriteString("\n")
	}
	return b.String()
}
