package metrics

import "gongjian/generator/internal/dataset"

// Changes are the movements between two dates (metrics.md "Changes
// between two reports").
type Changes struct {
	From, To       dataset.Date
	Projects       []ProjectChange // only projects where something changed, id order
	Regions        []UnitChange    // every region, id order
	Departments    []UnitChange    // every department, id order
	DeltaCompleted float64         // Σ over all projects
	DeltaStage     map[Stage]int   // every stage present
}

// ProjectChange is one project's movement between From and To.
type ProjectChange struct {
	ID, Name       string
	From, To       *Project
	DeltaCompleted float64
	Started        bool // started in (From, To]
	Finished       bool // finished in (From, To]
	BecameSlow     bool
	Recovered      bool // stopped being slow
}

// UnitChange is a unit's move on its kind's main leaderboard.
type UnitChange struct {
	ID, Name         string
	RankFrom, RankTo Value
	Move             Value // RankFrom − RankTo: positive moved up; undefined if either is
}

// Changes compares the snapshots at d0 and d1 (normally d0 < d1).
//
// `completed` is year to date, so when d0 and d1 fall in different years
// the year restarted in between: the change is then the whole of
// completed at d1 (as if it were 0 at the turn of the year), not a
// difference that could be negative.
//
// A project is listed when its completed value, start, finish, slowness or
// stage changed.
func (e *Engine) Changes(d0, d1 dataset.Date) *Changes {
	s0, s1 := e.full(d0), e.full(d1)
	sameYear := s0.Year == s1.Year
	delta := func(c0, c1 float64) float64 {
		if sameYear {
			return c1 - c0
		}
		return c1
	}

	c := &Changes{From: d0, To: d1, DeltaStage: make(map[Stage]int, len(Stages))}
	c.DeltaCompleted = delta(s0.Totals.Completed, s1.Totals.Completed)
	for _, st := range Stages {
		c.DeltaStage[st] = s1.Totals.Pipeline[st].Count - s0.Totals.Pipeline[st].Count
	}
	// Both snapshots come from the same engine, so their projects align.
	for i, p1 := range s1.Projects {
		p0 := s0.Projects[i]
		pc := ProjectChange{
			ID:             p1.P.ID,
			Name:           p1.P.Name,
			From:           p0,
			To:             p1,
			DeltaCompleted: delta(p0.Completed, p1.Completed),
			Started:        !p0.Started && p1.Started,
			Finished:       !p0.Finished && p1.Finished,
			BecameSlow:     !p0.Slow && p1.Slow,
			Recovered:      p0.Slow && !p1.Slow,
		}
		if pc.DeltaCompleted != 0 || pc.Started || pc.Finished || pc.BecameSlow || pc.Recovered || p0.Stage != p1.Stage {
			c.Projects = append(c.Projects, pc)
		}
	}
	c.Regions = unitChanges(s0.Regions, s1.Regions)
	c.Departments = unitChanges(s0.Departments, s1.Departments)
	return c
}

func unitChanges(u0, u1 []*Unit) []UnitChange {
	out := make([]UnitChange, len(u1))
	for i, u := range u1 {
		uc := UnitChange{ID: u.ID, Name: u.Name, RankFrom: u0[i].Rank, RankTo: u.Rank}
		if uc.RankFrom.OK && uc.RankTo.OK {
			uc.Move = Def(uc.RankFrom.V - uc.RankTo.V)
		}
		out[i] = uc
	}
	return out
}
