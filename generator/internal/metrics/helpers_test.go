package metrics

import (
	"bytes"
	"encoding/json"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
)

// Small sites for hand-computed cases.

func day(s string) dataset.Date {
	d, err := dataset.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func dec(s string) exact.Dec {
	d, err := exact.ParseString(s)
	if err != nil {
		panic(s + ": " + err.Error())
	}
	return d
}

func opt(s string) dataset.Opt { return dataset.Some(dec(s)) }

func plan(y int, v string) dataset.YearAmounts { return dataset.YearAmounts{{Year: y, Amount: dec(v)}} }

func baseSite(start, end string) *dataset.Site {
	return &dataset.Site{
		Title:    "t",
		Language: "zh-Hans",
		Campaign: dataset.Campaign{Name: "c", Start: day(start), End: day(end), Year: day(start).Year()},
		Rules: dataset.Rules{
			SlowBelow:     dec("50"),
			RankingPeriod: "month",
			RankBy:        map[string]string{dataset.Regions: "fai_growth", dataset.Departments: "completion_rate"},
			Escalation:    map[string][]string{},
		},
	}
}

func units(ids ...string) []*dataset.Unit {
	var out []*dataset.Unit
	for _, id := range ids {
		out = append(out, &dataset.Unit{ID: id, Name: id})
	}
	return out
}

// report adds a report; stats maps unit id → fai_growth for regions.
func report(s *dataset.Site, date string, growth map[string]string, lines ...dataset.Entry) *dataset.Report {
	r := &dataset.Report{Date: day(date), Regions: map[string]*dataset.UnitStats{}, Departments: map[string]*dataset.UnitStats{}}
	for id, g := range growth {
		r.Regions[id] = &dataset.UnitStats{FAIGrowth: opt(g)}
	}
	r.Projects = lines
	s.Reports = append(s.Reports, r)
	return r
}

func line(id, completed string) dataset.Entry {
	return dataset.Entry{ID: id, Completed: opt(completed)}
}

func num(t *testing.T, what string, got exact.Num, want string) {
	t.Helper()
	if want == "null" {
		if got.OK() {
			t.Errorf("%s = %v; want undefined", what, got)
		}
		return
	}
	if got.String() != want {
		t.Errorf("%s = %v; want %s", what, got, want)
	}
}

func jsonOf(t *testing.T, s *Snapshot) map[string]any {
	t.Helper()
	var b bytes.Buffer
	if err := WriteJSON(&b, s); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	dec := json.NewDecoder(&b)
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("metrics.json is not JSON: %v", err)
	}
	return m
}
