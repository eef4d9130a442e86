// Package metrics computes every figure of metrics.md as of a report date.
// It is pure: it reads a *dataset.Site and returns values, with no I/O.
//
// Undefined figures (a rate whose denominator is 0, a statistic no report
// gives) are Values with OK == false; they are shown as "—", are null in
// JSON, and are left out of rankings.
//
// An Engine indexes a site's reports once and hands out one cached
// Snapshot per as-of date (Engine.At). Rankings look back over the ranking
// periods by reading the Engine's snapshots at those dates, so each date's
// figures are computed once per build.
//
// Where metrics.md is silent, this package decides:
//   - Ranking periods run across years (every report ≤ D); D stands for its
//     own month with ranking_period = "month", and is one more period
//     with "report" when it is not a report date.
//   - (Not a decision but worth knowing: metrics.md makes the greatest rank
//     last even when it is 1, so a board where everybody ties, or with one
//     ranked unit, exposes everyone on it.)
//   - Ties are compared to 1e-9, so floating-point noise does not split them.
//   - An undefined completion rate or pace gap compares as false: a project
//     without a plan for Y is neither slow nor behind.
//   - A unit's target for a leaderboard is its next one due (else its latest);
//     a pace target counts for completion_rate. An undefined value is never
//     below its target.
//   - Changes across a year boundary count completed at D₁ whole, since the
//     year-to-date figures restarted.
//   - landing_rate counts in its numerator only projects signed ≤ D, so it
//     stays within 0–100.
package metrics

import (
	"strconv"

	"gongjian/generator/internal/dataset"
)

// Value is a figure that may be undefined.
type Value struct {
	V  float64
	OK bool
}

// Def returns a defined Value.
func Def(v float64) Value { return Value{V: v, OK: true} }

// MarshalJSON writes the number at full precision, or null.
func (v Value) MarshalJSON() ([]byte, error) {
	if !v.OK {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v.V, 'g', -1, 64), nil
}

// Stage is a project's place in the five-stage pipeline (五个一批).
type Stage string

const (
	StagePlanned      Stage = "planned"      // 谋划入库
	StagePreparing    Stage = "preparing"    // 前期推进
	StageReserve      Stage = "reserve"      // 储备展望
	StageConstruction Stage = "construction" // 开工建设
	StageCompleted    Stage = "completed"    // 竣工投产
)

// Stages lists the stages in pipeline order (the funnel's top to bottom).
var Stages = []Stage{StagePlanned, StagePreparing, StageReserve, StageConstruction, StageCompleted}

// StageFig is a stage's count of projects and their Σtotal.
type StageFig struct {
	Count int     `json:"count"`
	Total float64 `json:"total"`
}

// Project is one project's figures at the snapshot date.
type Project struct {
	P              *dataset.Project
	Completed      float64
	Plan           float64 // 0 when the project has no plan for the year
	HasPlan        bool
	CompletionRate Value
	PaceGap        Value
	Started        bool
	Finished       bool
	Slow           bool
	Behind         bool
	NotStarted     bool
	Stage          Stage
	Overdue        []dataset.Approval // overdue approvals at D
	Open           []dataset.Problem  // open problems at D
	Funds          float64
	Note           string       // the note of the latest report ≤ D in year Y that gives one
	NoteDate       dataset.Date // that report's date
	idx            int          // index in the engine's projects (Snapshot.Monthly)
}

// Point is a value at a report date.
type Point struct {
	Date  dataset.Date
	Value float64
}

// Group is the figures of a set of projects: a region, department,
// category, list, or all projects.
type Group struct {
	ID              string // "" for all projects
	Name            string
	Projects        []*Project // in id order
	Completed       float64
	Plan            float64
	Total           float64
	Funds           float64
	CompletionRate  Value
	StartRate       Value
	LandingRate     Value
	LandedStartRate Value
	SlowCount       int
	BehindCount     int
	NotStartedCount int
	Pipeline        map[Stage]StageFig // every stage present, zero when empty
}

// Stats are a unit's (or the whole jurisdiction's) official statistics at D.
type Stats struct {
	FAI       Value
	FAIGrowth Value
	Sectors   map[string]Value // growth by sector id; only sectors some report gives
}

// Unit is a region or department: its projects' figures, its statistics and
// its place on the kind's main leaderboard (rules.rank_by).
type Unit struct {
	U *dataset.Unit
	Group
	Stats
	Rank       Value // undefined when the metric is undefined
	RankChange Value // previous period's rank − rank at D
	LastStreak int
	Escalation string // "" when none
}

// Ranking is a leaderboard of one kind of unit by one metric at D.
type Ranking struct {
	Kind   string // "regions" | "departments"
	Metric string
	Rows   []RankRow // ranked rows by rank (ties by id), then unranked rows by id
	// Periods are the ranking period dates up to and including D.
	Periods []dataset.Date
}

// RankRow is one unit's line on a leaderboard.
type RankRow struct {
	ID          string
	Name        string
	Value       Value
	Rank        Value // competition rank; undefined when Value is
	RankChange  Value
	LastStreak  int
	Escalation  string
	Last        bool    // ranked last at D
	Target      Value   // the unit's own target for the metric, if any
	BelowTarget bool    // Value < Target (watch board)
	History     []Value // rank at each of Ranking.Periods
}

// Showcase, Exposure and Watch are the three boards (展示台/曝光台/监督台).
func (r *Ranking) Showcase() []RankRow {
	var out []RankRow
	for _, row := range r.Rows {
		if row.Rank.OK && row.Rank.V <= 3 {
			out = append(out, row)
		}
	}
	return out
}

func (r *Ranking) Exposure() []RankRow {
	var out []RankRow
	for _, row := range r.Rows {
		if row.LastStreak >= 1 {
			out = append(out, row)
		}
	}
	return out
}

func (r *Ranking) Watch() []RankRow {
	var out []RankRow
	for _, row := range r.Rows {
		if row.BelowTarget {
			out = append(out, row)
		}
	}
	return out
}

// TargetStatus is a target's state at D.
type TargetStatus struct {
	Scope  string // campaign | region:<id> | department:<id> | list:<id> | category:<id> | sector:<id>
	Metric string
	Value  float64
	By     dataset.Date
	Actual Value
	Met    bool
	DueIn  int // by − D in days
}
