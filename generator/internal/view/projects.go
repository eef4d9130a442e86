package view

import (
	"slices"
	"strconv"
	"strings"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/metrics"
)

// Flag is a project's notable state, as a badge.
type Flag struct {
	ID    string // slow | behind | not-started | finish-overdue | approvals | milestones | problems | finished
	Class string
	Text  string
}

// Flags are a project's badges, worst first.
func (c *Context) Flags(p *metrics.Project) []Flag {
	var out []Flag
	add := func(on bool, id, class string) {
		if on {
			out = append(out, Flag{ID: id, Class: class, Text: c.S.T("flag." + id)})
		}
	}
	add(p.Slow, "slow", "bad")
	add(p.NotStarted, "not-started", "bad")
	add(p.FinishOverdue, "finish-overdue", "bad")
	add(p.Behind && !p.Slow, "behind", "warn")
	add(len(p.OverdueApprovals) > 0, "approvals", "warn")
	add(len(p.OverdueMilestones) > 0, "milestones", "warn")
	add(len(p.OpenProblems) > 0, "problems", "info")
	add(p.Finished, "finished", "ok")
	return out
}

// ProjectRow is a project's row in a table of projects. Sort* fields are
// machine-readable values for sorting ("" sorts last).
type ProjectRow struct {
	ID, Name, URL          string
	Region, RegionURL      string
	Owner, OwnerURL        string
	Category               string
	Plan, Completed, Rate  string
	Gap                    string
	GapClass               string
	CampaignCompleted      string // multi-year campaigns
	CampaignRate           string
	Stage                  string
	Flags                  []Flag
	RegionID, OwnerID      string
	CategoryID, ListIDs    string // space-separated
	StageID, FlagIDs       string
	SortPlan, SortDone     string
	SortRate, SortGap      string
	SortCampaign, SortName string
	SortStage              string // the stage's place in the documents' order (五个一批)
}

// Row builds a project's table row with links from root.
func (c *Context) Row(p *metrics.Project, root string) ProjectRow {
	dp := p.P
	r := ProjectRow{
		ID: dp.ID, Name: dp.Name, URL: Link(root, ProjectURL(dp.ID)),
		Region: c.Name(metrics.Scope{Kind: metrics.ScopeRegion, ID: dp.Region}), RegionURL: Link(root, "/regions/"+dp.Region+"/"),
		Owner: c.Name(metrics.Scope{Kind: metrics.ScopeDepartment, ID: dp.Owner}), OwnerURL: Link(root, "/departments/"+dp.Owner+"/"),
		Category:  c.Name(metrics.Scope{Kind: metrics.ScopeCategory, ID: dp.Category}),
		Completed: c.Dec(p.Completed),
		Rate:      c.Percent(p.CompletionRate),
		Gap:       c.Points(p.PaceGap),
		Stage:     c.Stage(p.Stage),
		Flags:     c.Flags(p),
		RegionID:  dp.Region, OwnerID: dp.Owner, CategoryID: dp.Category,
		ListIDs: strings.Join(dp.Lists, " "), StageID: string(p.Stage),
		SortDone: p.Completed.String(), SortName: dp.Name,
		SortCampaign: p.CampaignCompleted.String(),
		SortStage:    strconv.Itoa(slices.Index(metrics.Stages, p.Stage)),
	}
	if p.HasPlan {
		r.Plan, r.SortPlan = c.Dec(p.Plan), p.Plan.String()
	} else {
		r.Plan = "—"
	}
	if p.CompletionRate.OK() {
		r.SortRate = sortKey(p.CompletionRate)
	}
	if p.PaceGap.OK() {
		r.SortGap = sortKey(p.PaceGap)
		if p.Behind {
			r.GapClass = "warn"
		}
	}
	if c.MultiYear() {
		r.CampaignCompleted = c.Dec(p.CampaignCompleted)
		r.CampaignRate = c.Percent(p.CampaignCompletionRate)
	}
	ids := make([]string, len(r.Flags))
	for i, f := range r.Flags {
		ids[i] = f.ID
	}
	r.FlagIDs = strings.Join(ids, " ")
	return r
}

// sortKey is a figure for sorting in a browser: the nearest double's
// shortest text (never shown to people).
func sortKey(x exact.Num) string { return x.Round(6).String() }

// Fact is one line of a project's facts.
type Fact struct {
	Label, Value, URL string
	Links             []LinkText // several values (lists)
}

// LinkText is a text with a link.
type LinkText struct{ Text, URL string }

// YearRow is one year of a project's plan and completion.
type YearRow struct {
	Year      string
	Plan      string
	Completed string
	Rate      string
	Note      string // "as of 9月30日" for the current year, "—" before any report
	Current   bool
}

// DispatchRow is a project's line in one report.
type DispatchRow struct {
	Date, Completed, Funds, Note string
	Correction                   bool
}

// ItemRow is an approval, milestone or problem.
type ItemRow struct {
	Name, Kind, Due, Done string
	Status                Status
}

// Project is a project page.
type Project struct {
	Name       string
	Eyebrow    []LinkText // region, category
	Flags      []Flag
	Cards      []Card
	NoPlan     string
	Years      []YearRow // every year of the campaign (and of the plan)
	Lifetime   []Fact    // prior, since the start, total, progress
	Note       string    // the latest report note
	NoteDate   string
	Facts      []Fact
	Dispatch   []DispatchRow
	Approvals  []ItemRow
	Milestones []ItemRow
	Problems   []ItemRow
}

// Project builds a project page's figures.
func (c *Context) Project(p *metrics.Project, root string) *Project {
	s, dp := c.Snap, p.P
	v := &Project{Name: dp.Name, Flags: c.Flags(p), Note: p.Note, NoteDate: c.Date(p.NoteDate)}
	region := metrics.Scope{Kind: metrics.ScopeRegion, ID: dp.Region}
	dept := metrics.Scope{Kind: metrics.ScopeDepartment, ID: dp.Owner}
	cat := metrics.Scope{Kind: metrics.ScopeCategory, ID: dp.Category}
	v.Eyebrow = []LinkText{{c.Name(region), Link(root, URL(region))}, {c.Name(cat), Link(root, URL(cat))}}
	if p.HasPlan {
		gap := p.PaceGap
		pace := Card{Label: c.Metric("completion_rate"), Value: c.Percent(p.CompletionRate),
			Status: c.PaceStatus(gap), Target: c.S.T("card.expected", c.Percent(s.Expected)),
			Bar: &Bar{Width: percentWidth(p.CompletionRate), Marker: percentWidth(s.Expected)}}
		if gap.OK() {
			if gap.Sign() < 0 {
				pace.Gap = c.S.T("card.behind", c.F.Fixed(gap.Neg(), 1))
			} else {
				pace.Gap = c.S.T("card.ahead", c.F.Fixed(gap, 1))
			}
		}
		if !p.Started || p.Finished {
			pace.Status = Status{} // only a project under way is judged on the pace
		}
		v.Cards = append(v.Cards, c.amountCard(c.Metric("plan"), p.Plan.Num()), c.amountCard(c.Metric("completed"), p.Completed.Num()), pace)
	} else {
		v.NoPlan = c.S.T("project.no_plan", c.Snap.Year)
	}
	if c.MultiYear() || len(dp.Plan) > 1 {
		for _, y := range s.Years(p) {
			row := YearRow{Year: c.F.Year(y.Year), Plan: "—", Completed: "—", Rate: c.Percent(y.Rate), Current: y.Year == s.Year}
			if y.HasPlan {
				row.Plan = c.Dec(y.Plan)
			}
			if y.From != 0 {
				row.Completed = c.Dec(y.Completed)
				row.Note = c.S.T("project.as_of", c.ShortDate(y.From))
			} else if y.Year <= s.Year {
				row.Completed = c.Dec(0)
				row.Note = c.S.T("project.no_report")
			}
			v.Years = append(v.Years, row)
		}
	}
	if c.MultiYear() {
		cc := c.amountCard(c.S.T("metric.campaign_completed"), p.CampaignCompleted.Num())
		cc.Target = c.S.T("card.of_plan", c.F.AmountUnit(p.CampaignPlan.Num()), c.Percent(p.CampaignCompletionRate))
		v.Cards = append(v.Cards, cc)
	}
	if dp.Prior != 0 || c.MultiYear() {
		v.Lifetime = []Fact{
			{Label: c.S.T("metric.prior"), Value: c.F.AmountUnit(dp.Prior.Num())},
			{Label: c.S.T("metric.lifetime_completed"), Value: c.F.AmountUnit(p.LifetimeCompleted.Num())},
			{Label: c.S.T("metric.total"), Value: c.F.AmountUnit(dp.Total.Num())},
			{Label: c.S.T("metric.progress"), Value: c.Percent(p.Progress)},
		}
	}

	fact := func(label, value string) {
		if value != "" {
			v.Facts = append(v.Facts, Fact{Label: label, Value: value})
		}
	}
	v.Facts = append(v.Facts,
		Fact{Label: c.S.T("col.region"), Value: c.Name(region), URL: Link(root, URL(region))},
		Fact{Label: c.S.T("col.owner"), Value: c.Name(dept), URL: Link(root, URL(dept))})
	fact(c.S.T("project.leader"), dp.Leader)
	fact(c.S.T("project.company"), dp.Company)
	v.Facts = append(v.Facts, Fact{Label: c.S.T("col.category"), Value: c.Name(cat), URL: Link(root, URL(cat))})
	if len(dp.Lists) > 0 {
		f := Fact{Label: c.S.T("col.lists")}
		for _, l := range dp.Lists {
			sc := metrics.Scope{Kind: metrics.ScopeList, ID: l}
			f.Links = append(f.Links, LinkText{c.Name(sc), Link(root, URL(sc))})
		}
		v.Facts = append(v.Facts, f)
	}
	fact(c.S.T("metric.total"), c.F.AmountUnit(dp.Total.Num()))
	fact(c.S.T("project.stage"), c.Stage(p.Stage))
	fact(c.S.T("project.start_planned"), c.Date(dp.StartPlanned))
	fact(c.S.T("project.start_actual"), orDash(c.dateBy(dp.StartActual)))
	fact(c.S.T("project.finish_planned"), c.Date(dp.FinishPlanned))
	fact(c.S.T("project.finish_actual"), orDash(c.dateBy(dp.FinishActual)))
	if dp.Reserve {
		fact(c.S.T("project.reserve"), c.S.T("yes"))
	}
	fact(c.S.T("project.signed"), c.dateBy(dp.Signed))
	fact(c.S.T("project.landed"), c.dateBy(dp.Landed))
	if p.HasFundsPlan || p.Funds != 0 {
		fact(c.Metric("funds"), c.F.AmountUnit(p.Funds.Num()))
		if p.HasFundsPlan {
			fact(c.Metric("funds_plan"), c.F.AmountUnit(p.FundsPlan.Num()))
			fact(c.Metric("funds_rate"), c.Percent(p.FundsRate))
		}
	}

	for _, l := range c.Engine.ProjectLines(dp.ID, dataset.NewDate(c.Site.Campaign.Start.Year(), 1, 1), s.AsOf) {
		row := DispatchRow{Date: c.Date(l.Date), Note: l.Note, Correction: l.Correction}
		if l.Completed.OK {
			row.Completed = c.Dec(l.Completed.V)
		}
		if l.Funds.OK {
			row.Funds = c.Dec(l.Funds.V)
		}
		v.Dispatch = append(v.Dispatch, row)
	}
	// Newest first: the latest dispatch is what a reader looks for.
	for i, j := 0, len(v.Dispatch)-1; i < j; i, j = i+1, j-1 {
		v.Dispatch[i], v.Dispatch[j] = v.Dispatch[j], v.Dispatch[i]
	}

	for _, a := range dp.Approvals {
		v.Approvals = append(v.Approvals, ItemRow{Name: c.Approval(a.Kind), Due: c.Date(a.Due), Done: orDash(c.dateBy(a.Done)), Status: c.dueStatus(a.Due, a.Done)})
	}
	for _, m := range dp.Milestones {
		v.Milestones = append(v.Milestones, ItemRow{Name: m.Name, Due: c.Date(m.Due), Done: orDash(c.dateBy(m.Done)), Status: c.dueStatus(m.Due, m.Done)})
	}
	for _, q := range dp.Problems {
		if q.Raised > s.AsOf {
			continue // not raised yet as of the page's date
		}
		row := ItemRow{Name: q.Text, Kind: c.Level(q.Level), Due: c.Date(q.Raised), Done: orDash(c.dateBy(q.Resolved))}
		if on(q.Resolved, s.AsOf) {
			row.Status = Status{"ok", "✓", c.S.T("status.resolved")}
		} else {
			row.Status = Status{"bad", "●", c.S.T("status.unresolved")}
		}
		v.Problems = append(v.Problems, row)
	}
	return v
}

// amountCard is a card of an amount, its unit beside it.
func (c *Context) amountCard(label string, x exact.Num) Card {
	card := Card{Label: label}
	card.Value, card.Unit = c.F.AmountParts(x)
	return card
}

func on(d, asOf dataset.Date) bool { return d != 0 && d <= asOf }

// dateBy is a date that had happened by the page's date, else "".
func (c *Context) dateBy(d dataset.Date) string {
	if on(d, c.Snap.AsOf) {
		return c.Date(d)
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// dueStatus is the state of something due by a date at the page's date:
// done, done late, overdue, or pending.
func (c *Context) dueStatus(due, done dataset.Date) Status {
	asOf := c.Snap.AsOf
	switch {
	case on(done, asOf) && done > due:
		return Status{"warn", "✓", c.S.T("status.done_late")}
	case on(done, asOf):
		return Status{"ok", "✓", c.S.T("status.done")}
	case due < asOf:
		return Status{"bad", "✗", c.S.T("status.overdue")}
	}
	return Status{"info", "●", c.S.T("status.pending")}
}
