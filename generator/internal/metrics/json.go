package metrics

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// WriteJSON writes metrics.json, the open-data contract of metrics.md:
// every figure as of s.AsOf, amounts as exact decimals, rates as the
// nearest double, undefined values as null; arrays sorted by id, targets
// by scope, metric and date. Keys are only ever added, never renamed.
// It writes a project at a time, so a large site is never held whole.
func WriteJSON(w io.Writer, s *Snapshot) error {
	j := &jw{w: bufio.NewWriterSize(w, 64<<10)}
	j.raw("{")
	j.key("as_of", true)
	j.date(s.AsOf)
	j.key("expected", false)
	j.num(s.Expected)
	j.key("totals", false)
	j.group(s, s.Totals, nil)

	j.key("projects", false)
	j.raw("[")
	for i, p := range s.Projects {
		if i > 0 {
			j.raw(",")
		}
		j.project(p)
	}
	j.raw("]")

	for _, kind := range dataset.UnitKinds {
		j.key(kind, false)
		j.raw("[")
		board := s.MainBoard(kind)
		for i, u := range s.Units(kind) {
			if i > 0 {
				j.raw(",")
			}
			var row *BoardRow
			if board != nil {
				row = board.Row(u.Scope.ID)
			}
			j.unit(s, u, row, board)
		}
		j.raw("]")
	}

	j.key("sectors", false)
	j.raw("[")
	for i, x := range s.Sectors {
		if i > 0 {
			j.raw(",")
		}
		j.raw("{")
		j.key("id", true)
		j.str(x.ID)
		j.key("name", false)
		j.str(x.Name)
		j.key("fai_growth", false)
		j.num(x.Growth.Num())
		j.raw("}")
	}
	j.raw("]")

	j.key("targets", false)
	j.raw("[")
	for i, t := range s.Targets {
		if i > 0 {
			j.raw(",")
		}
		j.target(t)
	}
	j.raw("]")
	j.raw("}\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

type jw struct {
	w   *bufio.Writer
	err error
	buf []byte
}

func (j *jw) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *jw) bytes(b []byte) {
	if j.err == nil {
		_, j.err = j.w.Write(b)
	}
}

func (j *jw) key(k string, first bool) {
	if !first {
		j.raw(",")
	}
	j.str(k)
	j.raw(":")
}

func (j *jw) str(s string) {
	b, _ := json.Marshal(s) // escapes <, > and & too: safe anywhere
	j.bytes(b)
}

func (j *jw) num(x exact.Num) {
	j.buf = x.AppendJSON(j.buf[:0])
	j.bytes(j.buf)
}

func (j *jw) dec(d exact.Dec) {
	j.buf = d.Append(j.buf[:0])
	j.bytes(j.buf)
}

func (j *jw) int(n int) { j.raw(strconv.Itoa(n)) }

func (j *jw) bool(b bool) { j.raw(strconv.FormatBool(b)) }

func (j *jw) date(d dataset.Date) {
	if d == 0 {
		j.raw("null")
		return
	}
	j.str(d.String())
}

func (j *jw) optStr(s string) {
	if s == "" {
		j.raw("null")
		return
	}
	j.str(s)
}

// group writes a group's figures; extra writes keys of its own first.
func (j *jw) group(s *Snapshot, g *Group, extra func()) {
	j.raw("{")
	first := true
	k := func(name string) { j.key(name, first); first = false }
	if extra != nil {
		extra()
		first = false
	}
	for _, m := range []string{"completed", "plan", "completion_rate", "campaign_completed", "campaign_plan",
		"campaign_completion_rate", "start_rate", "finish_rate", "funds_rate"} {
		k(m)
		j.num(s.GroupValue(g, m))
	}
	k("projects")
	j.int(g.Count)
	k("slow_count")
	j.int(g.SlowCount)
	k("pipeline")
	j.raw("{")
	for i, f := range g.Pipeline {
		j.key(string(f.Stage), i == 0)
		j.raw(`{"count":`)
		j.int(f.Count)
		j.raw(`,"total":`)
		j.num(f.Total)
		j.raw("}")
	}
	j.raw("}")
	// Added keys (the contract allows additions).
	for _, m := range []string{"total", "funds", "funds_plan", "lifetime_completed", "landing_rate", "landed_start_rate"} {
		k(m)
		j.num(s.GroupValue(g, m))
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"reserve_projects", g.ReserveCount}, {"behind_count", g.BehindCount},
		{"not_started_count", g.NotStartedCount}, {"finish_overdue_count", g.FinishOverdue}} {
		k(c.name)
		j.int(c.n)
	}
	if g.Scope.Kind != ScopeList && g.Scope.Kind != ScopeCategory {
		k("fai")
		j.num(g.Stats.FAI.Num())
		k("fai_growth")
		j.num(g.Stats.FAIGrowth.Num())
	}
	j.raw("}")
}

func (j *jw) project(p *Project) {
	j.raw("{")
	j.key("id", true)
	j.str(p.P.ID)
	j.key("completed", false)
	j.dec(p.Completed)
	j.key("plan", false)
	j.dec(p.Plan)
	j.key("completion_rate", false)
	j.num(p.CompletionRate)
	j.key("campaign_completed", false)
	j.dec(p.CampaignCompleted)
	j.key("lifetime_completed", false)
	j.dec(p.LifetimeCompleted)
	j.key("progress", false)
	j.num(p.Progress)
	j.key("pace_gap", false)
	j.num(p.PaceGap)
	j.key("stage", false)
	j.str(string(p.Stage))
	for _, f := range []struct {
		name string
		v    bool
	}{{"slow", p.Slow}, {"behind", p.Behind}, {"not_started", p.NotStarted}, {"finish_overdue", p.FinishOverdue}} {
		j.key(f.name, false)
		j.bool(f.v)
	}
	j.key("overdue_approvals", false)
	j.int(len(p.OverdueApprovals))
	j.key("overdue_milestones", false)
	j.int(len(p.OverdueMilestones))
	j.key("open_problems", false)
	j.int(len(p.OpenProblems))
	// Added keys.
	j.key("campaign_plan", false)
	j.dec(p.CampaignPlan)
	j.key("campaign_completion_rate", false)
	j.num(p.CampaignCompletionRate)
	j.key("funds", false)
	j.dec(p.Funds)
	j.key("funds_plan", false)
	j.dec(p.FundsPlan)
	j.key("funds_rate", false)
	j.num(p.FundsRate)
	j.key("total", false)
	j.dec(p.P.Total)
	j.key("started", false)
	j.bool(p.Started)
	j.key("finished", false)
	j.bool(p.Finished)
	j.raw("}")
}

func (j *jw) unit(s *Snapshot, u *Group, row *BoardRow, b *Board) {
	j.raw("{")
	j.key("id", true)
	j.str(u.Scope.ID)
	j.key("fai_growth", false)
	j.num(u.Stats.FAIGrowth.Num())
	if row != nil && b.Period != 0 && row.Rank > 0 {
		j.key("rank", false)
		j.int(row.Rank)
	} else {
		j.key("rank", false)
		j.raw("null")
	}
	j.key("rank_change", false)
	if row != nil && row.HasChange {
		j.int(row.RankChange)
	} else {
		j.raw("null")
	}
	j.key("last_streak", false)
	streak := 0
	if row != nil {
		streak = row.LastStreak
	}
	j.int(streak)
	j.key("escalation", false)
	if row != nil {
		j.optStr(row.Escalation)
	} else {
		j.raw("null")
	}
	j.key("carried", false)
	j.bool(row != nil && b.Period != 0 && row.Carried)
	j.key("period", false)
	if b != nil {
		j.date(b.Period)
	} else {
		j.raw("null")
	}
	j.key("completion_rate", false)
	j.num(u.CompletionRate)
	j.key("start_rate", false)
	j.num(u.StartRate)
	// Added keys.
	j.key("name", false)
	j.str(u.Name)
	j.key("metric", false)
	if b != nil {
		j.str(b.Metric)
	} else {
		j.raw("null")
	}
	j.key("value", false)
	if row != nil && b.Period != 0 {
		j.num(row.Value)
	} else {
		j.raw("null")
	}
	for _, m := range []string{"fai", "completed", "plan", "campaign_completed", "campaign_completion_rate", "funds", "funds_rate", "finish_rate"} {
		j.key(m, false)
		j.num(s.GroupValue(u, m))
	}
	j.key("projects", false)
	j.int(u.Count)
	j.raw("}")
}

func (j *jw) target(t TargetStatus) {
	j.raw("{")
	j.key("scope", true)
	j.str(t.Scope.String())
	j.key("metric", false)
	j.str(t.Metric)
	j.key("value", false)
	j.dec(t.Value)
	j.key("by", false)
	j.date(t.By)
	j.key("status", false)
	j.str(t.Status)
	j.key("actual", false)
	j.num(t.Actual)
	j.key("met", false)
	j.bool(t.Met)
	j.key("judged_at", false)
	j.date(t.JudgedAt)
	j.key("current", false)
	j.num(t.Current)
	j.key("due_in", false)
	j.int(t.DueIn)
	j.raw("}")
}
