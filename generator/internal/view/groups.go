package view

import (
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

// Cards are a group's headline figures: growth against its own target
// (units and the campaign), completion against the pace, the campaign's
// figures in a multi-year campaign, the 四率 that apply, and the counts
// of projects that need attention — each with its verdict and change.
func (c *Context) Cards(g *metrics.Group, root string) []Card {
	sc := g.Scope
	var cards []Card
	unit := sc.Kind == metrics.ScopeRegion || sc.Kind == metrics.ScopeDepartment || sc.Kind == metrics.ScopeCampaign
	if unit && g.Stats.FAIGrowth.OK {
		cards = append(cards, c.MetricCard(sc, "fai_growth", root))
	}
	if unit && g.Stats.FAI.OK {
		cards = append(cards, c.MetricCard(sc, "fai", root))
	}
	if g.Plan.Sign() > 0 {
		cards = append(cards, c.PaceCard(sc))
		done := c.MetricCard(sc, "completed", root)
		done.Target = c.S.T("card.of_plan", c.F.AmountUnit(g.Plan), c.Percent(g.CompletionRate))
		cards = append(cards, done)
	}
	if c.MultiYear() && g.CampaignPlan.Sign() > 0 {
		cc := c.MetricCard(sc, "campaign_completed", root)
		if cc.Target == "" {
			cc.Target = c.S.T("card.of_plan", c.F.AmountUnit(g.CampaignPlan), c.Percent(g.CampaignCompletionRate))
		}
		cards = append(cards, cc)
	}
	for _, m := range []string{"start_rate", "finish_rate", "funds_rate", "landing_rate", "landed_start_rate"} {
		v := c.Snap.GroupValue(g, m)
		if v.OK() || c.Snap.TheTarget(sc, m) != nil {
			cards = append(cards, c.MetricCard(sc, m, root))
		}
	}
	prev := c.prevGroup(sc)
	count := func(metric string, n int, pick func(*metrics.Group) int, anchor string) {
		pn, has := 0, prev != nil
		if has {
			pn = pick(prev)
		}
		cards = append(cards, c.CountCard(metric, n, pn, has, anchor))
	}
	// A unit's or group's page lists these projects itself; the
	// campaign's counts link to the project list, filtered.
	list := func(flag string) string {
		if sc.Kind == metrics.ScopeCampaign {
			return root + "projects/?flag=" + flag
		}
		return "#" + flag
	}
	count("slow_count", g.SlowCount, func(x *metrics.Group) int { return x.SlowCount }, list("slow"))
	count("not_started_count", g.NotStartedCount, func(x *metrics.Group) int { return x.NotStartedCount }, list("not-started"))
	if g.FinishOverdue > 0 {
		count("finish_overdue_count", g.FinishOverdue, func(x *metrics.Group) int { return x.FinishOverdue }, list("finish-overdue"))
	}
	return cards
}

// prevGroup is the group's figures at the previous report (nil: none).
func (c *Context) prevGroup(sc metrics.Scope) *metrics.Group {
	d := c.prevReport()
	if d == 0 {
		return nil
	}
	return c.Engine.GroupsAt(d).Group(sc)
}

// Summary is a group's line in an index (lists, categories, regions).
type Summary struct {
	Name, URL                  string
	Projects                   string
	Plan, Completed            string
	Rate, Gap                  string
	RateStatus                 Status
	StartRate, FinishRate      string
	FundsRate                  string
	Slow, NotStarted           string
	CampaignCompleted          string
	CampaignPlan, CampaignRate string
	Growth                     string // units: fai growth at D
	Total                      string
}

// Summary builds a group's index line.
func (c *Context) Summary(g *metrics.Group, root string) Summary {
	gap := g.CompletionRate.Sub(c.Snap.Expected)
	s := Summary{
		Name: g.Name, URL: Link(root, URL(g.Scope)),
		Projects:  c.F.Int(g.Count),
		Plan:      c.Amount(g.Plan),
		Completed: c.Amount(g.Completed),
		Rate:      c.Percent(g.CompletionRate),
		Gap:       c.Points(gap),
		RateStatus: func() Status {
			if g.Plan.Sign() > 0 {
				return c.PaceStatus(gap)
			}
			return Status{}
		}(),
		StartRate:  c.Percent(g.StartRate),
		FinishRate: c.Percent(g.FinishRate),
		FundsRate:  c.Percent(g.FundsRate),
		Slow:       c.F.Int(g.SlowCount),
		NotStarted: c.F.Int(g.NotStartedCount),
		Total:      c.Amount(g.Total),
	}
	if c.MultiYear() {
		s.CampaignCompleted = c.Amount(g.CampaignCompleted)
		s.CampaignPlan = c.Amount(g.CampaignPlan)
		s.CampaignRate = c.Percent(g.CampaignCompletionRate)
	}
	if g.Stats.FAIGrowth.OK {
		s.Growth = c.Percent(g.Stats.FAIGrowth.Num())
	}
	return s
}

// Totals is the sum line of an index of groups that partition the
// projects (regions, departments, categories); lists overlap and have none.
func (c *Context) Totals(root string) Summary {
	t := c.Summary(c.Snap.Totals, root)
	t.Name, t.URL = c.S.T("area.total"), ""
	return t
}

// SlowRow is a slow or behind project with what is being done about it.
type SlowRow struct {
	ProjectRow
	Milestones []ItemRow // its reverse schedule (倒排工期), overdue ones marked
}

// AttentionRow is a project that needs attention for one reason, with
// the detail that reason calls for.
type AttentionRow struct {
	Name, URL, Owner, OwnerURL, Region string
	Detail                             string // e.g. 计划开工 2023年5月1日；前期手续：用地（逾期）
	Status                             Status
}

// Attention lists a group's projects of one kind: slow, not-started,
// finish-overdue, overdue-approvals, overdue-milestones, problems.
func (c *Context) Attention(ps []*metrics.Project, kind, root string) []AttentionRow {
	var out []AttentionRow
	for _, p := range ps {
		dp := p.P
		row := AttentionRow{Name: dp.Name, URL: Link(root, ProjectURL(dp.ID)),
			Owner: c.Name(metrics.Scope{Kind: metrics.ScopeDepartment, ID: dp.Owner}), OwnerURL: Link(root, "/departments/"+dp.Owner+"/"),
			Region: c.Name(metrics.Scope{Kind: metrics.ScopeRegion, ID: dp.Region})}
		switch kind {
		case "slow":
			if !p.Slow {
				continue
			}
			row.Detail = c.S.T("attention.slow", c.Percent(p.CompletionRate), c.Points(p.PaceGap))
			row.Status = Status{"bad", "▼", c.S.T("flag.slow")}
			if len(dp.Milestones) > 0 {
				row.Detail += c.S.T("attention.milestones", len(dp.Milestones), len(p.OverdueMilestones))
			}
		case "not-started":
			if !p.NotStarted {
				continue
			}
			row.Detail = c.S.T("attention.not_started", c.Date(dp.StartPlanned))
			if n := len(p.OverdueApprovals); n > 0 {
				row.Detail += c.S.T("attention.approvals_overdue", n)
			}
			row.Status = Status{"bad", "✗", c.S.T("flag.not-started")}
		case "finish-overdue":
			if !p.FinishOverdue {
				continue
			}
			row.Detail = c.S.T("attention.finish_overdue", c.Date(dp.FinishPlanned))
			row.Status = Status{"bad", "✗", c.S.T("flag.finish-overdue")}
		case "approvals":
			if len(p.OverdueApprovals) == 0 {
				continue
			}
			for i, a := range p.OverdueApprovals {
				if i > 0 {
					row.Detail += c.S.T("list.sep")
				}
				row.Detail += c.S.T("attention.approval", c.Approval(a.Kind), c.Date(a.Due))
			}
			row.Status = Status{"warn", "✗", c.S.T("flag.approvals")}
		case "milestones":
			if len(p.OverdueMilestones) == 0 {
				continue
			}
			for i, m := range p.OverdueMilestones {
				if i > 0 {
					row.Detail += c.S.T("list.sep")
				}
				row.Detail += c.S.T("attention.milestone", m.Name, c.Date(m.Due))
			}
			row.Status = Status{"warn", "✗", c.S.T("flag.milestones")}
		case "problems":
			if len(p.OpenProblems) == 0 {
				continue
			}
			for i, q := range p.OpenProblems {
				if i > 0 {
					row.Detail += c.S.T("list.sep")
				}
				row.Detail += c.S.T("attention.problem", q.Text, c.Level(q.Level), c.Date(q.Raised))
			}
			row.Status = Status{"info", "●", c.S.T("flag.problems")}
		}
		out = append(out, row)
	}
	return out
}

// AttentionKinds are the kinds Attention lists, in the order pages show them.
var AttentionKinds = []string{"slow", "not-started", "finish-overdue", "milestones", "approvals", "problems"}

// Section is a titled list of projects needing attention.
type Section struct {
	ID, Title, Empty string
	Rows             []AttentionRow
}

// Sections are a group's attention lists (empty ones kept, with their
// "none" sentence, so that a reader sees nothing was left out).
func (c *Context) Sections(ps []*metrics.Project, root string) []Section {
	var out []Section
	for _, k := range AttentionKinds {
		out = append(out, Section{ID: k, Title: c.S.T("section." + k), Empty: c.S.T("section." + k + ".none"), Rows: c.Attention(ps, k, root)})
	}
	return out
}

// Unit is a region's or department's page.
type Unit struct {
	Name, KindLabel string
	UnitKind        string // regions | departments
	Rank            string // "第 3 名（共 8 个）· 2023年9月"
	RankStatus      Status
	Streak          string
	Escalation      string
	Change          string
	Carried         string
	Cards           []Card
	Targets         []TargetView
	Sections        []Section
}

// Unit builds a unit page's figures.
func (c *Context) Unit(g *metrics.Group, kind string, root string) *Unit {
	v := &Unit{Name: g.Name, UnitKind: kind, KindLabel: c.S.T("kind1." + kind)}
	if g.Kind != "" && kind == dataset.Regions {
		v.KindLabel = c.S.T("region_kind." + g.Kind)
	} else if g.Kind != "" {
		v.KindLabel = g.Kind
	}
	if b := c.Snap.MainBoard(kind); b != nil {
		if r := b.Row(g.Scope.ID); r != nil {
			ranked := 0
			for _, x := range b.Rows {
				if x.Rank > 0 {
					ranked++
				}
			}
			if r.Rank > 0 {
				v.Rank = c.S.T("unit.rank", r.Rank, ranked, c.Metric(b.Metric), c.PeriodLabel(b.Period))
			} else {
				v.Rank = c.S.T("unit.unranked", c.Metric(b.Metric))
			}
			row := c.boardRow(b, *r, root)
			v.Streak, v.Escalation, v.Change, v.Carried = row.Streak, row.Escalation, row.ChangeTitle, row.Carried
			if r.Last {
				v.RankStatus = Status{"bad", "▼", c.S.T("status.last")}
			}
		}
	}
	v.Cards = c.Cards(g, root)
	for _, t := range c.Snap.TargetsOf(g.Scope) {
		t := t
		v.Targets = append(v.Targets, c.Target(&t, root))
	}
	v.Sections = c.Sections(g.Projects, root)
	return v
}

// GroupPage is a list's or category's page.
type GroupPage struct {
	Name, KindLabel string
	Cards           []Card
	Targets         []TargetView
	Sections        []Section
}

// Group builds a list's or category's page.
func (c *Context) Group(g *metrics.Group, root string) *GroupPage {
	v := &GroupPage{Name: g.Name, KindLabel: c.S.T("kind1." + g.Scope.Kind), Cards: c.Cards(g, root), Sections: c.Sections(g.Projects, root)}
	for _, t := range c.Snap.TargetsOf(g.Scope) {
		t := t
		v.Targets = append(v.Targets, c.Target(&t, root))
	}
	return v
}

// Targets are the target views of a scope.
func (c *Context) Targets(sc metrics.Scope, root string) []TargetView {
	var out []TargetView
	for _, t := range c.Snap.TargetsOf(sc) {
		t := t
		out = append(out, c.Target(&t, root))
	}
	return out
}

// AllTargets are the targets of every scope of a kind ("" for all).
func (c *Context) AllTargets(kind, root string) []TargetView {
	var out []TargetView
	for i := range c.Snap.Targets {
		t := &c.Snap.Targets[i]
		if kind == "" || t.Scope.Kind == kind {
			out = append(out, c.Target(t, root))
		}
	}
	return out
}
