package view

import (
	"strconv"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

// Board is a leaderboard ready to show.
type Board struct {
	ID         string // regions-fai_growth
	Title      string // "街道（乡镇） · 2023年固定资产投资增速"
	KindLabel  string
	Metric     string // the metric's label
	MetricID   string
	Unit       string
	Main       bool
	Period     string // "2023年9月（9月30日调度）"
	Prev       string // "较上期：2023年8月"
	NoPeriod   string // why nothing is ranked yet
	Escalates  bool   // the board has an escalation ladder
	Rows       []BoardRow
	Showcase   []BoardRow
	Exposure   []BoardRow
	Watch      []BoardRow
	AnyCarried bool
	raw        *metrics.Board
}

// BoardRow is one unit on a board.
type BoardRow struct {
	ID, Name, URL string
	Rank          string // "1", or "—" when not ranked
	Value         string
	Carried       string // "沿用 8月31日"
	Change        string // ↑2 ↓1 –
	ChangeClass   string
	ChangeTitle   string // "较上期（2023年8月）上升 2 名"
	Last          bool
	Streak        string // "连续 2 期末位"
	Escalation    string
	Target        string // the unit's own target
	TargetStatus  Status
	Current       string // its figure at D, when the board's period is older
	Status        Status // the bar's status: met / below / none / last / carried
	StatusID      string
	Ranked        bool
}

// Raw is the board's figures, for charts.
func (b *Board) Raw() *metrics.Board { return b.raw }

// PeriodLabel names a board's period: a month, a quarter or a report.
func (c *Context) PeriodLabel(d dataset.Date) string {
	if d == 0 {
		return ""
	}
	switch c.Site.Rules.RankingPeriod {
	case "quarter":
		return c.S.T("period.quarter", d.Year(), (int(d.Month())-1)/3+1)
	case "report":
		return c.Date(d)
	}
	return c.F.Month(d.Year(), d.Month())
}

// Board builds a board's view.
func (c *Context) Board(b *metrics.Board, root string) *Board {
	v := &Board{
		ID:        b.Kind + "-" + b.Metric,
		KindLabel: c.S.T("kind." + b.Kind),
		Metric:    c.Metric(b.Metric),
		MetricID:  b.Metric,
		Unit:      c.UnitOf(b.Metric),
		Main:      b.Main,
		raw:       b,
	}
	v.Title = c.S.T("board.title", v.KindLabel, v.Metric)
	v.Escalates = b.Main && len(c.Site.Rules.Escalation[b.Kind]) > 0
	if b.Period != 0 {
		v.Period = c.S.T("board.period", c.PeriodLabel(b.Period), c.ShortDate(b.Period))
		if b.Prev != 0 {
			v.Prev = c.S.T("board.prev", c.PeriodLabel(b.Prev))
		}
	} else {
		v.NoPeriod = c.S.T("board.no_period")
	}
	for _, r := range b.Rows {
		row := c.boardRow(b, r, root)
		v.AnyCarried = v.AnyCarried || row.Carried != ""
		v.Rows = append(v.Rows, row)
		if r.Rank >= 1 && r.Rank <= 3 && b.Main {
			v.Showcase = append(v.Showcase, row)
		}
		if r.LastStreak >= 1 && b.Main {
			v.Exposure = append(v.Exposure, row)
		}
		if r.Below && b.Main {
			v.Watch = append(v.Watch, row)
		}
	}
	return v
}

func (c *Context) boardRow(b *metrics.Board, r metrics.BoardRow, root string) BoardRow {
	u := r.Unit
	row := BoardRow{ID: u.Scope.ID, Name: u.Name, URL: Link(root, URL(u.Scope)), Rank: "—", Value: c.Value(b.Metric, r.Value), Last: r.Last, Ranked: r.Rank > 0}
	if r.Rank > 0 {
		row.Rank = strconv.Itoa(r.Rank)
	}
	if r.Carried {
		row.Carried = c.S.T("board.carried", c.ShortDate(r.From))
	}
	if r.HasChange {
		prev := c.PeriodLabel(b.Prev)
		switch {
		case r.RankChange > 0:
			row.Change, row.ChangeClass = "↑"+strconv.Itoa(r.RankChange), "up"
			row.ChangeTitle = c.S.T("board.up", prev, r.RankChange)
		case r.RankChange < 0:
			row.Change, row.ChangeClass = "↓"+strconv.Itoa(-r.RankChange), "down"
			row.ChangeTitle = c.S.T("board.down", prev, -r.RankChange)
		default:
			row.Change, row.ChangeTitle = "–", c.S.T("board.same", prev)
		}
	}
	if r.LastStreak > 0 {
		row.Streak = c.S.T("board.streak", r.LastStreak)
	}
	row.Escalation = r.Escalation
	if t := r.Target; t != nil {
		row.Target = c.ValueUnit(targetMetricOf(t.Metric), t.Value.Num())
		row.TargetStatus = c.TargetStatus(t)
	}
	if b.Period != 0 && r.Current.Cmp(r.Value) != 0 {
		row.Current = c.Value(b.Metric, r.Current)
	}
	switch {
	case r.Last:
		row.Status, row.StatusID = Status{"bad", "▼", c.S.T("status.last")}, "last"
	case r.Target == nil:
		row.Status, row.StatusID = Status{"info", "", c.S.T("status.no_target")}, "none"
	case r.Value.OK() && r.Value.GE(r.Target.Value.Num()):
		row.Status, row.StatusID = Status{"ok", "✓", c.S.T("status.reached")}, "met"
	default:
		row.Status, row.StatusID = Status{"warn", "✗", c.S.T("status.below")}, "below"
	}
	return row
}

func targetMetricOf(m string) string {
	if m == "pace" {
		return "completion_rate"
	}
	return m
}

// MainBoards are the main boards of both kinds (those the site ranks).
func (c *Context) MainBoards(root string) []*Board {
	var out []*Board
	for _, kind := range dataset.UnitKinds {
		if len(c.Site.Units(kind)) == 0 {
			continue
		}
		if b := c.Snap.MainBoard(kind); b != nil {
			out = append(out, c.Board(b, root))
		}
	}
	return out
}

// AllBoards are the rankings page's boards: each kind's main board first,
// then its other boards that rank at least one unit.
func (c *Context) AllBoards(root string) []*Board {
	var out []*Board
	for _, kind := range dataset.UnitKinds {
		if len(c.Site.Units(kind)) == 0 {
			continue
		}
		main := c.Engine.MainMetric(kind)
		order := []string{main}
		for _, m := range []string{"fai_growth", "completion_rate", "start_rate", "finish_rate", "funds_rate", "campaign_completion_rate"} {
			if m != main && (m != "campaign_completion_rate" || c.MultiYear()) {
				order = append(order, m)
			}
		}
		for i, m := range order {
			if m == "" {
				continue
			}
			b, err := c.Snap.Board(kind, m)
			if err != nil {
				continue
			}
			if i > 0 && !anyRanked(b) {
				continue
			}
			out = append(out, c.Board(b, root))
		}
	}
	return out
}

func anyRanked(b *metrics.Board) bool {
	for _, r := range b.Rows {
		if r.Rank > 0 {
			return true
		}
	}
	return false
}
