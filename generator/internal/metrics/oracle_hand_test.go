package metrics_test

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// The oracle checked by hand: tiny sites whose figures are worked out in
// the comments from metrics.md, so that the oracle and the engine cannot
// simply agree on the same mistake. TestMetricsJSONMatchesOracle also
// compares the engine with the oracle on each of these sites.

func hd(s string) dataset.Date {
	d, err := dataset.ParseDate(s)
	if err != nil {
		panic(err) // constants of this file only
	}
	return d
}

func ha(s string) exact.Dec { return decOf(s) }

func plan(y int, a string) dataset.YearAmounts {
	return dataset.YearAmounts{{Year: y, Amount: ha(a)}}
}

func line(id, completed string) dataset.Entry {
	return dataset.Entry{ID: id, Completed: dataset.Some(ha(completed))}
}

func growthStats(g string) *dataset.UnitStats {
	return &dataset.UnitStats{FAIGrowth: dataset.Some(ha(g))}
}

// handSite is a one-year 2023 campaign with one region, department and
// category; cases change what they need.
func handSite(start, end string) *dataset.Site {
	return &dataset.Site{
		Campaign:    dataset.Campaign{Start: hd(start), End: hd(end), Year: hd(start).Year()},
		Regions:     []*dataset.Unit{{ID: "r1"}},
		Departments: []*dataset.Unit{{ID: "d1"}},
		Categories:  []*dataset.Group{{ID: "c1"}},
		Rules:       dataset.Rules{SlowBelow: ha("50"), RankingPeriod: "month", RankBy: map[string]string{}},
	}
}

func proj(id string, mod func(*dataset.Project)) *dataset.Project {
	p := &dataset.Project{ID: id, Region: "r1", Owner: "d1", Category: "c1"}
	if mod != nil {
		mod(p)
	}
	return p
}

type handCheck struct {
	at   string // the as-of date
	path string // e.g. projects[p1].pace_gap, regions[r2].rank, targets[0].status
	want string // the hand-computed value as metrics.json would print it
}

type handCase struct {
	name   string
	site   func() *dataset.Site
	checks []handCheck
}

func oracleHandCases() []handCase {
	return []handCase{{
		// metrics.md's own example: pace targets (09-30, 85), (12-31, 100).
		// t(08-31) = 243, t(09-30) = 273: expected = 85 × 243 / 273
		// = 20655/273 = 75.659340659…; the project's completion rate is
		// 2.5 / 10 = 25 %, pace_gap = 25 − 20655/273 = −13830/273
		// = −50.659340659…: behind, and slow (25 < 50).
		// t(11-15) = 319: expected = 85 + 15 × (319 − 273) / (365 − 273) = 92.5;
		// at 11-15 completed is 9.25 → 92.5 %, pace_gap 0: not behind.
		name: "pace-example",
		site: func() *dataset.Site {
			s := handSite("2023-01-01", "2023-12-31")
			s.Targets = []dataset.Target{
				{Metric: "pace", Value: ha("85"), By: hd("2023-09-30")},
				{Metric: "pace", Value: ha("100"), By: hd("2023-12-31")},
			}
			s.Projects = []*dataset.Project{proj("p1", func(p *dataset.Project) {
				p.Plan, p.Total = plan(2023, "10"), ha("30")
				p.StartActual = hd("2023-03-01")
			})}
			s.Reports = []*dataset.Report{
				{Date: hd("2023-08-31"), Projects: []dataset.Entry{line("p1", "2.5")}},
				{Date: hd("2023-11-15"), Projects: []dataset.Entry{line("p1", "9.25")}},
			}
			return s
		},
		checks: []handCheck{
			{"2023-08-31", "expected", "75.65934065934066"},
			{"2023-08-31", "projects[p1].completion_rate", "25"},
			{"2023-08-31", "projects[p1].pace_gap", "-50.65934065934066"},
			{"2023-08-31", "projects[p1].behind", "true"},
			{"2023-08-31", "projects[p1].slow", "true"},
			{"2023-08-31", "projects[p1].stage", "construction"},
			{"2023-11-15", "expected", "92.5"},
			{"2023-11-15", "projects[p1].pace_gap", "0"},
			{"2023-11-15", "projects[p1].behind", "false"},
			{"2023-11-15", "projects[p1].slow", "false"},
			// The pace target due 09-30 is judged at the 08-31 report:
			// the campaign's completion rate then was 25 < 85.
			{"2023-11-15", "targets[0].status", "missed"},
			{"2023-11-15", "targets[0].actual", "25"},
			{"2023-11-15", "targets[0].judged_at", "2023-08-31"},
			{"2023-11-15", "targets[0].current", "92.5"},
			{"2023-11-15", "targets[0].due_in", "-46"},
			{"2023-11-15", "targets[1].status", "open"},
			{"2023-11-15", "targets[1].due_in", "46"},
		},
	}, {
		// A group's rate is weighted over projects with a plan: p1 plan 10
		// completed 4, p2 no plan completed 3, p3 plan 20 and no line.
		// completed = 7, plan = 30, completion_rate = (4 + 0) / 30 × 100
		// = 40/3 = 13.333…, not 7/30. start_rate: p1 started, p2 due to
		// start (start_planned ≤ D) but not, p3 due later: 1/2 = 50 %.
		// finish_rate: nobody due or finished: undefined.
		name: "weighted-group-rate",
		site: func() *dataset.Site {
			s := handSite("2023-01-01", "2023-12-31")
			s.Projects = []*dataset.Project{
				proj("p1", func(p *dataset.Project) {
					p.Plan, p.StartActual, p.StartPlanned = plan(2023, "10"), hd("2023-02-01"), hd("2023-02-01")
				}),
				proj("p2", func(p *dataset.Project) { p.StartPlanned, p.Total = hd("2023-05-01"), ha("7.5") }),
				proj("p3", func(p *dataset.Project) {
					p.Plan, p.StartPlanned, p.Total = plan(2023, "20"), hd("2023-12-01"), ha("2.25")
					p.Approvals = []dataset.Approval{{Kind: "land", Due: hd("2023-06-30"), Done: hd("2023-06-20")}}
				}),
			}
			s.Reports = []*dataset.Report{{Date: hd("2023-06-30"), Projects: []dataset.Entry{line("p1", "4"), line("p2", "3")}}}
			return s
		},
		checks: []handCheck{
			{"2023-06-30", "totals.completed", "7"},
			{"2023-06-30", "totals.plan", "30"},
			{"2023-06-30", "totals.completion_rate", "13.333333333333334"},
			{"2023-06-30", "totals.start_rate", "50"},
			{"2023-06-30", "totals.finish_rate", "null"},
			{"2023-06-30", "totals.funds_rate", "null"},
			{"2023-06-30", "projects[p2].completion_rate", "null"},
			{"2023-06-30", "projects[p2].not_started", "true"},
			{"2023-06-30", "projects[p2].stage", "planned"},
			{"2023-06-30", "projects[p3].stage", "preparing"},
			// pipeline: p2 planned (7.5), p3 preparing (2.25), p1 construction (0).
			{"2023-06-30", "totals.pipeline.planned.total", "7.5"},
			{"2023-06-30", "totals.pipeline.preparing.count", "1"},
			{"2023-06-30", "totals.pipeline.reserve.count", "0"},
		},
	}, {
		// Three-year campaign 2022-06-01..2024-05-31, Y0 = 2022. p1 plans
		// 2022: 8, 2023: 10, 2024: 4 (campaign_plan 22), prior 3, total 40.
		// 2022 ends at 6; 2023-01-31 gives 1.5; 2023-02-28 has no p1 line.
		// At 2023-02-28: completed 1.5 (carried), campaign_completed
		// 6 + 1.5 = 7.5, campaign rate 7.5 / 22 × 100 = 34.0909…,
		// lifetime 3 + 7.5 = 10.5, progress 10.5 / 40 × 100 = 26.25.
		// At 2022-12-31: completed 6 of 8 = 75 %, campaign_completed 6.
		name: "multi-year",
		site: func() *dataset.Site {
			s := handSite("2022-06-01", "2024-05-31")
			s.Campaign.Year = 2023
			s.Projects = []*dataset.Project{
				proj("p1", func(p *dataset.Project) {
					p.Plan = dataset.YearAmounts{{Year: 2022, Amount: ha("8")}, {Year: 2023, Amount: ha("10")}, {Year: 2024, Amount: ha("4")}}
					p.Prior, p.Total = ha("3"), ha("40")
				}),
				proj("p2", nil),
			}
			s.Reports = []*dataset.Report{
				{Date: hd("2022-11-30"), Projects: []dataset.Entry{line("p1", "5")}},
				{Date: hd("2022-12-31"), Projects: []dataset.Entry{line("p1", "6")}},
				{Date: hd("2023-01-31"), Projects: []dataset.Entry{line("p1", "1.5")}},
				{Date: hd("2023-02-28"), Projects: []dataset.Entry{line("p2", "1")}},
			}
			return s
		},
		checks: []handCheck{
			{"2023-02-28", "projects[p1].completed", "1.5"},
			{"2023-02-28", "projects[p1].plan", "10"},
			{"2023-02-28", "projects[p1].campaign_completed", "7.5"},
			{"2023-02-28", "totals.campaign_plan", "22"},
			{"2023-02-28", "totals.campaign_completion_rate", "34.09090909090909"},
			{"2023-02-28", "projects[p1].lifetime_completed", "10.5"},
			{"2023-02-28", "projects[p1].progress", "26.25"},
			{"2023-02-28", "projects[p2].progress", "null"},
			{"2022-12-31", "projects[p1].completion_rate", "75"},
			{"2022-12-31", "projects[p1].campaign_completed", "6"},
		},
	}, {
		// Regions ranked by fai_growth, month periods, campaign from 08-15.
		// 08-31: r1 1, r2 3, r3 2, r4 1 → r2 1st, r3 2nd, r1 and r4 tie 3rd
		// and are both last. 09-30: r1 3, r2 2.5, r3 2.5, r4 1 → 1, 2, 2, 4.
		// rank_change = previous − now: r1 3 − 1 = 2, r2 1 − 2 = −1,
		// r3 0, r4 3 − 4 = −1. r4 was last at both periods: streak 2 →
		// escalation[1]; r1 is not last at 09-30: streak 0. The 10-15
		// dispatch has only project lines: it shows the 09-30 board.
		name: "ranking-ties-escalation",
		site: func() *dataset.Site {
			s := handSite("2023-08-15", "2023-11-30")
			s.Regions = []*dataset.Unit{{ID: "r1"}, {ID: "r2"}, {ID: "r3"}, {ID: "r4"}}
			s.Rules.RankBy[dataset.Regions] = "fai_growth"
			s.Rules.Escalation = map[string][]string{dataset.Regions: {"通报批评", "分管领导约谈", "主要领导约谈"}}
			s.Projects = []*dataset.Project{proj("p1", nil)}
			grow := func(gs ...string) map[string]*dataset.UnitStats {
				m := map[string]*dataset.UnitStats{}
				for i, g := range gs {
					m[fmt.Sprintf("r%d", i+1)] = growthStats(g)
				}
				return m
			}
			s.Reports = []*dataset.Report{
				{Date: hd("2023-08-31"), Regions: grow("1", "3", "2", "1")},
				{Date: hd("2023-09-30"), Regions: grow("3", "2.5", "2.5", "1")},
				{Date: hd("2023-10-15"), Projects: []dataset.Entry{line("p1", "1")}},
			}
			return s
		},
		checks: []handCheck{
			{"2023-08-31", "regions[r1].last_streak", "1"},
			{"2023-08-31", "regions[r4].escalation", "通报批评"},
			{"2023-08-31", "regions[r1].rank_change", "null"},
			{"2023-09-30", "regions[r2].rank", "2"},
			{"2023-09-30", "regions[r3].rank", "2"},
			{"2023-09-30", "regions[r4].rank", "4"},
			{"2023-09-30", "regions[r1].rank_change", "2"},
			{"2023-09-30", "regions[r2].rank_change", "-1"},
			{"2023-09-30", "regions[r3].rank_change", "0"},
			{"2023-09-30", "regions[r4].last_streak", "2"},
			{"2023-09-30", "regions[r4].escalation", "分管领导约谈"},
			{"2023-09-30", "regions[r1].last_streak", "0"},
			{"2023-09-30", "regions[r1].escalation", "null"},
			{"2023-10-15", "regions[r4].period", "2023-09-30"},
			{"2023-10-15", "regions[r4].last_streak", "2"},
			{"2023-10-15", "regions[r4].fai_growth", "1"},
			{"2023-10-15", "departments[d1].period", "null"},
			{"2023-10-15", "departments[d1].rank", "null"},
		},
	}, {
		// Targets judged at their deadline. completed ≥ 5 by 09-30: the
		// 09-30 report says 4 → at 10-31 missed, actual 4, current 6,
		// due_in 09-30 − 10-31 = −31. At 09-30 itself it is still open.
		// A target due 06-30, before the first report: no_data, no
		// judged_at, current = the figure at D. r1's fai_growth ≥ 2 by
		// 10-15: J = 09-30 (the latest report ≤ 10-15), where r1 gave
		// exactly 2.0 → met, though 10-31 gives 1.
		name: "targets-at-deadline",
		site: func() *dataset.Site {
			s := handSite("2023-08-15", "2023-12-31")
			s.Targets = []dataset.Target{
				{Metric: "completed", Value: ha("5"), By: hd("2023-09-30")},
				{Metric: "completed", Value: ha("1"), By: hd("2023-06-30")},
			}
			s.Regions[0].Targets = []dataset.Target{{Metric: "fai_growth", Value: ha("2"), By: hd("2023-10-15")}}
			s.Projects = []*dataset.Project{proj("p1", func(p *dataset.Project) { p.Plan = plan(2023, "8") })}
			s.Reports = []*dataset.Report{
				{Date: hd("2023-09-30"), Projects: []dataset.Entry{line("p1", "4")},
					Regions: map[string]*dataset.UnitStats{"r1": growthStats("2.0")}},
				{Date: hd("2023-10-31"), Projects: []dataset.Entry{line("p1", "6")},
					Regions: map[string]*dataset.UnitStats{"r1": growthStats("1")}},
			}
			return s
		},
		checks: []handCheck{
			// targets sorted by scope, metric, by: campaign/completed/06-30,
			// campaign/completed/09-30, region:r1/fai_growth.
			{"2023-09-30", "targets[1].status", "open"},
			{"2023-09-30", "targets[1].actual", "4"},
			{"2023-09-30", "targets[1].due_in", "0"},
			{"2023-09-30", "targets[1].judged_at", "2023-09-30"},
			{"2023-10-31", "targets[1].status", "missed"},
			{"2023-10-31", "targets[1].actual", "4"},
			{"2023-10-31", "targets[1].met", "false"},
			{"2023-10-31", "targets[1].current", "6"},
			{"2023-10-31", "targets[1].judged_at", "2023-09-30"},
			{"2023-10-31", "targets[1].due_in", "-31"},
			{"2023-10-31", "targets[0].status", "no_data"},
			{"2023-10-31", "targets[0].judged_at", "null"},
			{"2023-10-31", "targets[0].actual", "null"},
			{"2023-10-31", "targets[0].current", "6"},
			{"2023-10-31", "targets[2].scope", "region:r1"},
			{"2023-10-31", "targets[2].status", "met"},
			{"2023-10-31", "targets[2].actual", "2"},
			{"2023-10-31", "targets[2].current", "1"},
		},
	}, {
		// Rates of counts are exact: 2 of 3 due projects started →
		// 200/3 = 66.66666666666667. Departments ranked by start_rate:
		// d1 (2/3) and d2 (1/1 = 100) → d2 1st, d1 2nd and last, streak 1
		// but no escalation (departments have no entry). Regions r1, r2
		// both at 2.5: both rank 1, nobody last (doc.go).
		name: "count-rates-and-ties",
		site: func() *dataset.Site {
			s := handSite("2023-01-01", "2023-12-31")
			s.Regions = []*dataset.Unit{{ID: "r1"}, {ID: "r2"}}
			s.Departments = []*dataset.Unit{{ID: "d1"}, {ID: "d2"}}
			s.Rules.RankBy = map[string]string{dataset.Regions: "fai_growth", dataset.Departments: "start_rate"}
			s.Rules.Escalation = map[string][]string{dataset.Regions: {"通报批评"}}
			started := func(p *dataset.Project) { p.StartPlanned, p.StartActual = hd("2023-03-01"), hd("2023-03-05") }
			s.Projects = []*dataset.Project{
				proj("p1", started),
				proj("p2", started),
				proj("p3", func(p *dataset.Project) { p.StartPlanned = hd("2023-04-01") }),
				proj("p4", func(p *dataset.Project) { started(p); p.Owner = "d2" }),
			}
			s.Reports = []*dataset.Report{{Date: hd("2023-05-31"),
				Projects: []dataset.Entry{line("p1", "0")},
				Regions:  map[string]*dataset.UnitStats{"r1": growthStats("2.5"), "r2": growthStats("2.5")}}}
			return s
		},
		checks: []handCheck{
			{"2023-05-31", "departments[d1].start_rate", "66.66666666666667"},
			{"2023-05-31", "departments[d1].rank", "2"},
			{"2023-05-31", "departments[d1].last_streak", "1"},
			{"2023-05-31", "departments[d1].escalation", "null"},
			{"2023-05-31", "totals.start_rate", "75"},
			{"2023-05-31", "regions[r1].rank", "1"},
			{"2023-05-31", "regions[r2].rank", "1"},
			{"2023-05-31", "regions[r2].last_streak", "0"},
		},
	}, {
		// A period's date is the last fresh report in it among the reports
		// dated ≤ D (fine point 4; "Time travel": nothing shown at D
		// depends on a later report). Month periods, regions by growth:
		// 08-31 r1 1, r2 2; 09-15 r1 3, r2 2; 09-30 r1 1, r2 2. As of the
		// 09-15 dispatch September's period is 09-15: r1 1st (rank_change
		// 2 − 1 = 1), r2 2nd and last (streak 1: 1st at 08-31). As of 09-30
		// September's period is 09-30: r1 2nd again, rank_change 2 − 2 = 0
		// against 08-31, streak 2.
		name: "period-from-reports-up-to-D",
		site: func() *dataset.Site {
			s := handSite("2023-01-01", "2023-12-31")
			s.Regions = []*dataset.Unit{{ID: "r1"}, {ID: "r2"}}
			s.Rules.RankBy[dataset.Regions] = "fai_growth"
			grow := func(g1, g2 string) map[string]*dataset.UnitStats {
				return map[string]*dataset.UnitStats{"r1": growthStats(g1), "r2": growthStats(g2)}
			}
			s.Reports = []*dataset.Report{
				{Date: hd("2023-08-31"), Regions: grow("1", "2")},
				{Date: hd("2023-09-15"), Regions: grow("3", "2")},
				{Date: hd("2023-09-30"), Regions: grow("1", "2")},
			}
			return s
		},
		checks: []handCheck{
			{"2023-09-15", "regions[r1].period", "2023-09-15"},
			{"2023-09-15", "regions[r1].rank", "1"},
			{"2023-09-15", "regions[r1].rank_change", "1"},
			{"2023-09-15", "regions[r2].last_streak", "1"},
			{"2023-09-30", "regions[r1].period", "2023-09-30"},
			{"2023-09-30", "regions[r1].rank", "2"},
			{"2023-09-30", "regions[r1].rank_change", "0"},
			{"2023-09-30", "regions[r1].last_streak", "2"},
		},
	}, {
		// Carried values (month periods): 10-31 gives r1 only, so r2's
		// 09-30 growth is carried into October's board and ranked with
		// it. In January a new year begins: nothing carries over, r2 has
		// no value and is unranked, r1 alone is ranked 1st. Funds: the
		// campaign's stats give funds 7, which does not touch funds_rate
		// (project sums: 1 of 4 = 25 %) but is the campaign's funds target
		// figure: funds ≥ 7 by 12-31 is met.
		name: "carried-and-funds",
		site: func() *dataset.Site {
			s := handSite("2023-08-01", "2024-03-31")
			s.Regions = []*dataset.Unit{{ID: "r1"}, {ID: "r2"}}
			s.Rules.RankBy[dataset.Regions] = "fai_growth"
			s.Targets = []dataset.Target{{Metric: "funds", Value: ha("7"), By: hd("2023-12-31")}}
			s.Projects = []*dataset.Project{proj("p1", func(p *dataset.Project) { p.FundsPlan = plan(2023, "4") })}
			s.Reports = []*dataset.Report{
				{Date: hd("2023-09-30"), Regions: map[string]*dataset.UnitStats{"r1": growthStats("2"), "r2": growthStats("3")}},
				{Date: hd("2023-10-31"), Regions: map[string]*dataset.UnitStats{"r1": growthStats("1")},
					Stats:    &dataset.UnitStats{Funds: dataset.Some(ha("7"))},
					Projects: []dataset.Entry{{ID: "p1", Funds: dataset.Some(ha("1"))}}},
				{Date: hd("2024-01-31"), Regions: map[string]*dataset.UnitStats{"r1": growthStats("2")}},
			}
			return s
		},
		checks: []handCheck{
			{"2023-10-31", "regions[r2].carried", "true"},
			{"2023-10-31", "regions[r2].rank", "1"},
			{"2023-10-31", "regions[r1].carried", "false"},
			{"2023-10-31", "regions[r1].rank_change", "0"},
			{"2023-10-31", "regions[r1].last_streak", "2"},
			{"2023-10-31", "totals.funds_rate", "25"},
			{"2023-10-31", "targets[0].status", "met"},
			{"2024-01-31", "regions[r2].rank", "null"},
			{"2024-01-31", "regions[r2].fai_growth", "null"},
			{"2024-01-31", "regions[r1].rank", "1"},
			{"2024-01-31", "regions[r1].last_streak", "0"},
			{"2024-01-31", "targets[0].actual", "7"},
			{"2024-01-31", "targets[0].current", "0"},
		},
	}}
}

// TestOracleByHand pins the oracle to hand-computed figures.
func TestOracleByHand(t *testing.T) {
	for _, hc := range oracleHandCases() {
		t.Run(hc.name, func(t *testing.T) {
			site := hc.site()
			for _, c := range hc.checks {
				doc := oracleJSON(site, hd(c.at))
				got, err := lookupPath(doc, c.path)
				if err != nil {
					t.Errorf("oracle at %s: %s: %v", c.at, c.path, err)
					continue
				}
				if got != c.want {
					t.Errorf("oracle at %s: %s = %s; want %s", c.at, c.path, got, c.want)
				}
			}
		})
	}
}

// lookupPath finds a leaf by a path like projects[p1].pace_gap (an
// element by id) or targets[0].status (by index), printed as metrics.json
// would print it.
func lookupPath(doc any, path string) (string, error) {
	cur := doc
	for _, part := range strings.Split(path, ".") {
		key, sel, hasSel := strings.Cut(strings.TrimSuffix(part, "]"), "[")
		m, ok := cur.(map[string]any)
		if !ok {
			return "", fmt.Errorf("%s: not an object", key)
		}
		if cur, ok = m[key]; !ok {
			return "", fmt.Errorf("no key %s", key)
		}
		if !hasSel {
			continue
		}
		arr, _ := cur.([]any)
		if i, err := strconv.Atoi(sel); err == nil {
			if i >= len(arr) {
				return "", fmt.Errorf("%s has %d elements", key, len(arr))
			}
			cur = arr[i]
			continue
		}
		cur = nil
		for _, x := range arr {
			if x.(map[string]any)["id"] == sel {
				cur = x
			}
		}
		if cur == nil {
			return "", fmt.Errorf("no %s with id %s", key, sel)
		}
	}
	switch v := cur.(type) {
	case nil:
		return "null", nil
	case oAmount:
		return ratDecimal(v.r), nil
	case oRate:
		f, _ := v.r.Float64()
		return strconv.FormatFloat(f, 'f', -1, 64), nil
	}
	return fmt.Sprint(cur), nil
}
