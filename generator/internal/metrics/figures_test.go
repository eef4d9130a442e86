package metrics

import (
	"testing"

	"gongjian/generator/internal/dataset"
)

// Change 5: a three-year county plan (2021–2023). Year-to-date figures
// restart every 1 January; campaign figures add the years up, each year
// as of its last report.
func TestMultiYearFigures(t *testing.T) {
	s := baseSite("2021-01-01", "2023-12-31")
	s.Categories = []*dataset.Group{{ID: "industry", Name: "工业", Targets: []dataset.Target{
		{Metric: "campaign_completed", Value: dec("35"), By: day("2023-12-31")},
	}}}
	s.Projects = []*dataset.Project{{
		ID: "p1", Category: "industry", Total: dec("60"), Prior: dec("5"),
		Plan: dataset.YearAmounts{{Year: 2021, Amount: dec("10")}, {Year: 2022, Amount: dec("12")}, {Year: 2023, Amount: dec("13")}},
	}, {
		ID: "p2", Category: "industry", Total: dec("8"),
		Plan: dataset.YearAmounts{{Year: 2022, Amount: dec("8")}},
	}}
	report(s, "2021-06-30", nil, line("p1", "4"))
	report(s, "2021-12-31", nil, line("p1", "10.5"))
	report(s, "2022-01-31", nil, line("p2", "0.5"))
	report(s, "2022-06-30", nil, line("p1", "6"), line("p2", "3"))
	report(s, "2022-12-31", nil, line("p2", "8.2")) // p1 keeps 6 within 2022
	report(s, "2023-03-31", nil, line("p1", "2"))
	report(s, "2024-03-31", nil, line("p2", "0.1")) // after the campaign
	e := NewEngine(s)
	for _, tc := range []struct {
		asOf                                       string
		completed, rate, campaign, crate, life, pr string
	}{
		{"2021-06-30", "4", "40", "4", "11.428571428571429", "9", "15"},
		{"2021-12-31", "10.5", "105", "10.5", "30", "15.5", "25.833333333333332"},
		{"2022-01-31", "0", "0", "10.5", "30", "15.5", "25.833333333333332"},
		{"2022-06-30", "6", "50", "16.5", "47.142857142857146", "21.5", "35.833333333333336"},
		{"2022-12-31", "6", "50", "16.5", "47.142857142857146", "21.5", "35.833333333333336"},
		{"2023-03-31", "2", "15.384615384615385", "18.5", "52.857142857142854", "23.5", "39.166666666666664"},
		{"2024-03-31", "0", "null", "18.5", "52.857142857142854", "23.5", "39.166666666666664"},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			p := e.At(day(tc.asOf)).Project("p1")
			num(t, "completed", p.Completed.Num(), tc.completed)
			num(t, "completion_rate", p.CompletionRate, tc.rate)
			num(t, "campaign_completed", p.CampaignCompleted.Num(), tc.campaign)
			num(t, "campaign_completion_rate", p.CampaignCompletionRate, tc.crate)
			num(t, "lifetime_completed", p.LifetimeCompleted.Num(), tc.life)
			num(t, "progress", p.Progress, tc.pr)
		})
	}
	// The category: p1 + p2 over the campaign. At 2023-03-31:
	// 18.5 + 8.2 = 26.7 of 35 + 8 = 43.
	s23 := e.At(day("2023-03-31"))
	g := s23.Group(Scope{ScopeCategory, "industry"})
	num(t, "category campaign_completed", g.CampaignCompleted, "26.7")
	num(t, "category campaign_plan", g.CampaignPlan, "43")
	num(t, "category campaign_completion_rate", g.CampaignCompletionRate, "62.093023255813954")
	tg := s23.TargetsOf(Scope{ScopeCategory, "industry"})[0]
	if tg.Status != Open || tg.Met {
		t.Errorf("35 亿元 three-year target at 2023-03-31: %s met=%v; want open", tg.Status, tg.Met)
	}
	num(t, "target actual", tg.Actual, "26.7")
	// Per-year figures for the project page.
	ys := s23.Years(s23.Project("p1"))
	var got []string
	for _, y := range ys {
		got = append(got, y.Completed.String()+"/"+y.Plan.String())
	}
	if want := "10.5/10 6/12 2/13"; join(got) != want {
		t.Errorf("years = %s; want %s", join(got), want)
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}

// Change 6: the 四率 and overdue work.
func TestFourRatesAndOverdue(t *testing.T) {
	s := baseSite("2023-01-01", "2023-12-31")
	s.Projects = []*dataset.Project{
		{ID: "a", StartPlanned: day("2023-03-01"), StartActual: day("2023-03-10"),
			FinishPlanned: day("2023-09-30"), FinishActual: day("2023-09-20"), FundsPlan: plan(2023, "4")},
		{ID: "b", StartPlanned: day("2023-05-01"), FinishPlanned: day("2023-09-30"),
			Milestones: []dataset.Milestone{
				{Name: "封顶", Due: day("2023-10-15")},
				{Name: "主体", Due: day("2023-10-15"), Done: day("2023-10-20")},
				{Name: "竣工", Due: day("2023-12-15")},
			}},
		{ID: "c", Reserve: true},
		{ID: "d", StartPlanned: day("2023-04-01"), StartActual: day("2023-04-05"), FinishPlanned: day("2023-12-31")},
	}
	r := report(s, "2023-10-31", nil, dataset.Entry{ID: "a", Funds: opt("3")})
	r.Stats = &dataset.UnitStats{Funds: opt("260")}
	snap := NewEngine(s).At(day("2023-10-31"))
	tot := snap.Totals
	num(t, "start_rate", tot.StartRate, "66.66666666666667")
	num(t, "finish_rate", tot.FinishRate, "50")
	num(t, "funds_rate", tot.FundsRate, "75")
	num(t, "funds (the statistic replaces the sum)", tot.Funds, "260")
	num(t, "projects' own funds", tot.ProjectFund, "3")
	if tot.Count != 4 || tot.ReserveCount != 1 || tot.FinishOverdue != 1 || tot.NotStartedCount != 1 {
		t.Errorf("projects %d reserve %d finish_overdue %d not_started %d; want 4 1 1 1", tot.Count, tot.ReserveCount, tot.FinishOverdue, tot.NotStartedCount)
	}
	b := snap.Project("b")
	if len(b.OverdueMilestones) != 1 || b.OverdueMilestones[0].Name != "封顶" || !b.FinishOverdue {
		t.Errorf("b: overdue milestones %v, finish overdue %v; want [封顶], true", b.OverdueMilestones, b.FinishOverdue)
	}
	var stages []string
	for _, f := range tot.Pipeline {
		stages = append(stages, string(f.Stage)+"="+itoa(f.Count))
	}
	if want := "completed=1 construction=1 reserve=1 preparing=0 planned=1"; join(stages) != want {
		t.Errorf("pipeline = %s; want %s", join(stages), want)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// Change 9: landing rates count projects signed from the campaign's first
// year; one signed the year before is left out of both rates.
func TestLandingRates(t *testing.T) {
	s := baseSite("2023-08-15", "2023-11-30")
	s.Projects = []*dataset.Project{
		{ID: "e", Signed: day("2022-06-01"), Landed: day("2022-07-01")},
		{ID: "f", Signed: day("2023-02-01"), Landed: day("2023-03-01"), StartActual: day("2023-04-01")},
		{ID: "g", Signed: day("2023-05-01")},
		{ID: "h", Signed: day("2023-12-01"), Landed: day("2023-12-02")}, // after D
	}
	report(s, "2023-09-30", nil)
	tot := NewEngine(s).At(day("2023-09-30")).Totals
	num(t, "landing_rate", tot.LandingRate, "50")
	num(t, "landed_start_rate", tot.LandedStartRate, "100")
}

// Changes across a year boundary count the new year's completed whole.
func TestChangesAcrossYear(t *testing.T) {
	s := baseSite("2022-01-01", "2023-12-31")
	s.Projects = []*dataset.Project{{ID: "p", Plan: dataset.YearAmounts{{Year: 2022, Amount: dec("10")}, {Year: 2023, Amount: dec("10")}}, StartActual: day("2022-01-05")},
		{ID: "q", Plan: plan(2023, "4"), StartActual: day("2023-01-20")}}
	report(s, "2022-12-31", nil, line("p", "8"))
	report(s, "2023-01-31", nil, line("p", "1"), dataset.Entry{ID: "q", Completed: opt("0.5"), Correction: true})
	c := NewEngine(s).Changes(day("2022-12-31"), day("2023-01-31"))
	num(t, "Σ Δcompleted", c.Delta, "1.5")
	if len(c.Projects) != 2 || c.Projects[0].Delta.String() != "1" || !c.Projects[1].Started || !c.Projects[1].Corrected {
		t.Errorf("changes = %+v", c.Projects)
	}
}

// Fine point 15: a rate of counts is the double nearest the exact value.
func TestCountRateExact(t *testing.T) {
	s := baseSite("2023-01-01", "2023-12-31")
	for _, id := range []string{"a", "b", "c"} {
		p := &dataset.Project{ID: id, StartPlanned: day("2023-02-01")}
		if id != "c" {
			p.StartActual = day("2023-02-02")
		}
		s.Projects = append(s.Projects, p)
	}
	report(s, "2023-03-31", nil)
	num(t, "start_rate 2/3", NewEngine(s).At(day("2023-03-31")).Totals.StartRate, "66.66666666666667")
}
