package site

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"strings"

	"gongjian/generator/internal/metrics"
)

// metricsJSON is the open-data contract of metrics.md: public/data/metrics.json.
// Keys may be added, never renamed; arrays are sorted by id.
type metricsJSON struct {
	AsOf        string        `json:"as_of"`
	Expected    float64       `json:"expected"`
	Totals      totalsJSON    `json:"totals"`
	Projects    []projectJSON `json:"projects"`
	Regions     []unitJSON    `json:"regions"`
	Departments []unitJSON    `json:"departments"`
	Categories  []groupJSON   `json:"categories"`
	Lists       []groupJSON   `json:"lists"`
	Targets     []targetJSON  `json:"targets"`
	Stats       statsJSON     `json:"stats"`
}

type totalsJSON struct {
	groupFigures
}

// groupFigures are the figures of any set of projects.
type groupFigures struct {
	Completed       float64                            `json:"completed"`
	Plan            float64                            `json:"plan"`
	Total           float64                            `json:"total"`
	Funds           float64                            `json:"funds"`
	CompletionRate  metrics.Value                      `json:"completion_rate"`
	StartRate       metrics.Value                      `json:"start_rate"`
	LandingRate     metrics.Value                      `json:"landing_rate"`
	LandedStartRate metrics.Value                      `json:"landed_start_rate"`
	SlowCount       int                                `json:"slow_count"`
	BehindCount     int                                `json:"behind_count"`
	NotStartedCount int                                `json:"not_started_count"`
	Count           int                                `json:"project_count"`
	Pipeline        map[metrics.Stage]metrics.StageFig `json:"pipeline"`
}

type groupJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	groupFigures
}

type projectJSON struct {
	ID               string        `json:"id"`
	Name             string        `json:"name"`
	Region           string        `json:"region"`
	Owner            string        `json:"owner"`
	Category         string        `json:"category"`
	Completed        float64       `json:"completed"`
	Plan             float64       `json:"plan"`
	Total            float64       `json:"total"`
	Funds            float64       `json:"funds"`
	CompletionRate   metrics.Value `json:"completion_rate"`
	PaceGap          metrics.Value `json:"pace_gap"`
	Stage            metrics.Stage `json:"stage"`
	Started          bool          `json:"started"`
	Finished         bool          `json:"finished"`
	Slow             bool          `json:"slow"`
	Behind           bool          `json:"behind"`
	NotStarted       bool          `json:"not_started"`
	OverdueApprovals int           `json:"overdue_approvals"`
	OpenProblems     int           `json:"open_problems"`
}

type unitJSON struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	FAI        metrics.Value `json:"fai"`
	FAIGrowth  metrics.Value `json:"fai_growth"`
	Rank       metrics.Value `json:"rank"`
	RankChange metrics.Value `json:"rank_change"`
	LastStreak int           `json:"last_streak"`
	Escalation *string       `json:"escalation"`
	groupFigures
}

type targetJSON struct {
	Scope  string        `json:"scope"`
	Metric string        `json:"metric"`
	Value  float64       `json:"value"`
	By     string        `json:"by"`
	Actual metrics.Value `json:"actual"`
	Met    bool          `json:"met"`
	DueIn  int           `json:"due_in"`
}

type statsJSON struct {
	FAI       metrics.Value            `json:"fai"`
	FAIGrowth metrics.Value            `json:"fai_growth"`
	Sectors   map[string]metrics.Value `json:"sectors"`
}

func figures(g *metrics.Group) groupFigures {
	return groupFigures{
		Completed: g.Completed, Plan: g.Plan, Total: g.Total, Funds: g.Funds,
		CompletionRate: g.CompletionRate, StartRate: g.StartRate,
		LandingRate: g.LandingRate, LandedStartRate: g.LandedStartRate,
		SlowCount: g.SlowCount, BehindCount: g.BehindCount, NotStartedCount: g.NotStartedCount,
		Count: len(g.Projects), Pipeline: g.Pipeline,
	}
}

func units(us []*metrics.Unit) []unitJSON {
	out := make([]unitJSON, 0, len(us))
	for _, u := range us {
		j := unitJSON{ID: u.U.ID, Name: u.U.Name, FAI: u.FAI, FAIGrowth: u.FAIGrowth,
			Rank: u.Rank, RankChange: u.RankChange, LastStreak: u.LastStreak, groupFigures: figures(&u.Group)}
		if u.Escalation != "" {
			e := u.Escalation
			j.Escalation = &e
		}
		out = append(out, j)
	}
	return out
}

// MetricsJSON renders the open-data document for a snapshot.
func metricsDoc(s *metrics.Snapshot) metricsJSON {
	doc := metricsJSON{
		AsOf:        s.AsOf.String(),
		Expected:    s.Expected,
		Totals:      totalsJSON{figures(&s.Totals)},
		Projects:    make([]projectJSON, 0, len(s.Projects)),
		Regions:     units(s.Regions),
		Departments: units(s.Departments),
		Categories:  make([]groupJSON, 0, len(s.Categories)),
		Lists:       make([]groupJSON, 0, len(s.Lists)),
		Targets:     make([]targetJSON, 0, len(s.Targets)),
		Stats:       statsJSON{FAI: s.Stats.FAI, FAIGrowth: s.Stats.FAIGrowth, Sectors: s.Stats.Sectors},
	}
	if doc.Stats.Sectors == nil {
		doc.Stats.Sectors = map[string]metrics.Value{}
	}
	for _, p := range s.Projects {
		doc.Projects = append(doc.Projects, projectJSON{
			ID: p.P.ID, Name: p.P.Name, Region: p.P.Region, Owner: p.P.Owner, Category: p.P.Category,
			Completed: p.Completed, Plan: p.Plan, Total: p.P.Total, Funds: p.Funds,
			CompletionRate: p.CompletionRate, PaceGap: p.PaceGap, Stage: p.Stage,
			Started: p.Started, Finished: p.Finished, Slow: p.Slow, Behind: p.Behind, NotStarted: p.NotStarted,
			OverdueApprovals: len(p.Overdue), OpenProblems: len(p.Open),
		})
	}
	for _, g := range s.Categories {
		doc.Categories = append(doc.Categories, groupJSON{ID: g.ID, Name: g.Name, groupFigures: figures(g)})
	}
	for _, g := range s.Lists {
		doc.Lists = append(doc.Lists, groupJSON{ID: g.ID, Name: g.Name, groupFigures: figures(g)})
	}
	for _, t := range s.Targets {
		doc.Targets = append(doc.Targets, targetJSON{Scope: t.Scope, Metric: t.Metric, Value: t.Value,
			By: t.By.String(), Actual: t.Actual, Met: t.Met, DueIn: t.DueIn})
	}
	return doc
}

// writeMetricsJSON writes data/metrics.json: the document
// json.Encoder with SetIndent("", " ") writes, byte for byte, but with
// the projects encoded one at a time (a 50,000-project document is never
// held whole).
func writeMetricsJSON(w io.Writer, s *metrics.Snapshot) error {
	doc := metricsDoc(s)
	bw := bufio.NewWriter(w)
	bw.WriteString("{\n")
	v := reflect.ValueOf(doc)
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		key, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		k, err := json.Marshal(key)
		if err != nil {
			return err
		}
		bw.WriteString(" ")
		bw.Write(k)
		bw.WriteString(": ")
		if ps, ok := v.Field(i).Interface().([]projectJSON); ok && len(ps) > 0 {
			bw.WriteString("[\n")
			for j := range ps {
				b, err := json.MarshalIndent(&ps[j], "  ", " ")
				if err != nil {
					return err
				}
				bw.WriteString("  ")
				bw.Write(b)
				if j < len(ps)-1 {
					bw.WriteByte(',')
				}
				bw.WriteByte('\n')
			}
			bw.WriteString(" ]")
		} else {
			b, err := json.MarshalIndent(v.Field(i).Interface(), " ", " ")
			if err != nil {
				return err
			}
			bw.Write(b)
		}
		if i < t.NumField()-1 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
	}
	bw.WriteString("}\n")
	return bw.Flush()
}

// bom makes Excel read the CSV files as UTF-8 (so the Chinese shows).
const bom = "\ufeff"

// csvFile writes rows with a BOM and CRLF line ends, as Excel expects,
// one row at a time: row(i) is the ith of n.
func csvFile(w io.Writer, header []string, n int, row func(i int) []string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(header); err != nil {
		return err
	}
	for i := 0; i < n; i++ {
		if err := cw.Write(row(i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// num renders a figure for CSV: full precision, empty when undefined.
func csvNum(v metrics.Value) string {
	if !v.OK {
		return ""
	}
	return strconv.FormatFloat(v.V, 'g', -1, 64)
}

func csvF(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func csvBool(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// openData lists the files under public/data/.
func (b *builder) openData(s *metrics.Snapshot) []*job {
	projects := func(w pageWriter) error {
		return csvFile(w, []string{"id", "name", "region", "region_name", "owner", "owner_name", "category", "total", "plan", "completed",
			"completion_rate", "pace_gap", "stage", "start_planned", "start_actual", "finish_planned", "finish_actual",
			"slow", "behind", "not_started", "overdue_approvals", "open_problems", "funds"}, len(s.Projects), func(i int) []string {
			p := s.Projects[i]
			return []string{p.P.ID, p.P.Name, p.P.Region, b.meta.RegionName(p.P.Region), p.P.Owner, b.meta.DeptName(p.P.Owner),
				p.P.Category, csvF(p.P.Total), csvF(p.Plan), csvF(p.Completed), csvNum(p.CompletionRate), csvNum(p.PaceGap),
				string(p.Stage), p.P.StartPlanned.String(), p.P.StartActual.String(), p.P.FinishPlanned.String(), p.P.FinishActual.String(),
				csvBool(p.Slow), csvBool(p.Behind), csvBool(p.NotStarted), strconv.Itoa(len(p.Overdue)), strconv.Itoa(len(p.Open)), csvF(p.Funds)}
		})
	}
	unitCSV := func(us []*metrics.Unit) func(pageWriter) error {
		return func(w pageWriter) error {
			return csvFile(w, []string{"id", "name", "fai", "fai_growth", "rank", "rank_change", "last_streak", "escalation",
				"plan", "completed", "completion_rate", "start_rate", "slow_count", "not_started_count", "project_count"}, len(us), func(i int) []string {
				u := us[i]
				return []string{u.U.ID, u.U.Name, csvNum(u.FAI), csvNum(u.FAIGrowth), csvNum(u.Rank), csvNum(u.RankChange),
					strconv.Itoa(u.LastStreak), u.Escalation, csvF(u.Plan), csvF(u.Completed), csvNum(u.CompletionRate), csvNum(u.StartRate),
					strconv.Itoa(u.SlowCount), strconv.Itoa(u.NotStartedCount), strconv.Itoa(len(u.Projects))}
			})
		}
	}
	return []*job{
		{rel: "data/metrics.json", stream: func(w pageWriter) error { return writeMetricsJSON(w, s) }},
		{rel: "data/projects.csv", stream: projects},
		{rel: "data/regions.csv", stream: unitCSV(s.Regions)},
		{rel: "data/departments.csv", stream: unitCSV(s.Departments)},
	}
}
