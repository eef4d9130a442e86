package metrics_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

var (
	oracleSeed  = flag.Uint64("oracle.seed", 0, "TestMetricsJSONMatchesOracle: check only this seed")
	oracleSites = flag.Int("oracle.sites", 100, "TestMetricsJSONMatchesOracle: how many random sites")
	oracleDiffs = flag.Int("oracle.diffs", 12, "TestMetricsJSONMatchesOracle: differences shown per site")
)

// TestMetricsJSONMatchesOracle compares metrics.json, at every report
// date of many random sites, with the oracle's independent reading of
// metrics.md. Only the contract keys are compared; numbers exactly.
func TestMetricsJSONMatchesOracle(t *testing.T) {
	for _, hc := range oracleHandCases() {
		t.Run("hand/"+hc.name, func(t *testing.T) {
			checkSiteAgainstOracle(t, "hand case "+hc.name, hc.site(), nil)
		})
	}
	seeds := make([]uint64, 0, *oracleSites)
	if *oracleSeed != 0 {
		seeds = append(seeds, *oracleSeed)
	} else {
		for i := range *oracleSites {
			seeds = append(seeds, uint64(i+1))
		}
	}
	for _, seed := range seeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			site := genSite(seed)
			checkSiteAgainstOracle(t, fmt.Sprintf("seed %d (go test -run TestMetricsJSONMatchesOracle -oracle.seed=%d)", seed, seed), site, nil)
		})
	}
}

// FuzzMetricsJSONMatchesOracle runs the same comparison on the site that
// the generator makes from a fuzzed seed.
func FuzzMetricsJSONMatchesOracle(f *testing.F) {
	for _, seed := range []uint64{1, 2, 3, 42} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		checkSiteAgainstOracle(t, fmt.Sprintf("seed %d", seed), genSite(seed), nil)
	})
}

// oracleDates are the dates a site is checked at: every report date
// (which includes the latest report, the mid-month dispatches and the
// first report after each target's deadline).
func oracleDates(s *dataset.Site) []dataset.Date {
	var ds []dataset.Date
	for _, r := range s.Reports {
		if len(ds) == 0 || ds[len(ds)-1] != r.Date {
			ds = append(ds, r.Date)
		}
	}
	return ds
}

// checkSiteAgainstOracle compares at every date in dates (nil: every
// report date) and reports at most a few differences, with the site.
func checkSiteAgainstOracle(t *testing.T, what string, site *dataset.Site, dates []dataset.Date) {
	t.Helper()
	if dates == nil {
		dates = oracleDates(site)
	}
	var diffs []string
	for _, d := range dates {
		// A fresh engine per date: the other dates' figures that boards
		// and closed targets read are then snapshots without projects
		// (GroupsAt), not the full ones an earlier date left cached.
		e := metrics.NewEngine(site)
		var buf bytes.Buffer
		if err := metrics.WriteJSON(&buf, e.At(d)); err != nil {
			t.Fatalf("%s: WriteJSON(At(%s)) = %v", what, d, err)
		}
		dec := json.NewDecoder(&buf)
		dec.UseNumber()
		var got any
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("%s: metrics.json at %s does not decode: %v", what, d, err)
		}
		for _, diff := range compareOracle("", oracleJSON(site, d), got) {
			diffs = append(diffs, fmt.Sprintf("at %s: %s", d, diff))
		}
	}
	if len(diffs) == 0 {
		return
	}
	if shown := *oracleDiffs; len(diffs) > shown {
		diffs = append(diffs[:shown], fmt.Sprintf("… and %d more", len(diffs)-shown))
	}
	t.Errorf("%s: metrics.json differs from the oracle:\n  %s\nsite:\n%s", what, strings.Join(diffs, "\n  "), dumpSite(site))
}

// compareOracle walks the oracle's document and reports every contract
// key where metrics.json differs, as "path = got; want want".
func compareOracle(path string, want, got any) []string {
	diff := func() []string {
		return []string{fmt.Sprintf("%s = %s; want %s", path, showGot(got), showWant(want))}
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return diff()
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out []string
		for _, k := range keys {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s.%s missing; want %s", path, k, showWant(w[k])))
				continue
			}
			out = append(out, compareOracle(path+"."+k, w[k], gv)...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return diff()
		}
		if len(g) != len(w) {
			return []string{fmt.Sprintf("len(%s) = %d; want %d", path, len(g), len(w))}
		}
		var out []string
		for i := range w {
			p := fmt.Sprintf("%s[%d]", path, i)
			if m, ok := w[i].(map[string]any); ok {
				if id, ok := m["id"]; ok {
					p = fmt.Sprintf("%s[%v]", path, id)
				} else if sc, ok := m["scope"]; ok {
					p = fmt.Sprintf("%s[%v %v %v]", path, sc, m["metric"], m["by"])
				}
			}
			out = append(out, compareOracle(p, w[i], g[i])...)
		}
		return out
	case nil:
		if got != nil {
			return diff()
		}
	case string, bool:
		if got != want {
			return diff()
		}
	case int:
		n, ok := got.(json.Number)
		if !ok || n.String() != strconv.Itoa(w) {
			return diff()
		}
	case oAmount:
		n, ok := got.(json.Number)
		if !ok {
			return diff()
		}
		r, ok := new(big.Rat).SetString(n.String())
		if !ok || r.Cmp(w.r) != 0 {
			return diff()
		}
	case oRate:
		n, ok := got.(json.Number)
		if !ok {
			return diff()
		}
		f, err := strconv.ParseFloat(n.String(), 64)
		wf, _ := w.r.Float64()
		if err != nil || f != wf {
			return diff()
		}
	default: // oUnknown
		return diff()
	}
	return nil
}

func showGot(got any) string {
	switch g := got.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(g)
	case json.Number:
		return g.String()
	case map[string]any, []any:
		b, _ := json.Marshal(g)
		return string(b)
	}
	return fmt.Sprint(got)
}

func showWant(want any) string {
	switch w := want.(type) {
	case nil:
		return "null"
	case string:
		return strconv.Quote(w)
	case oAmount:
		return ratDecimal(w.r)
	case oRate:
		f, _ := w.r.Float64()
		return fmt.Sprintf("%s (exactly %s)", strconv.FormatFloat(f, 'f', -1, 64), w.r.RatString())
	case oUnknown:
		return fmt.Sprintf("<oracle cannot compute %q>", w.metric)
	case map[string]any, []any:
		return "{…}"
	}
	return fmt.Sprint(want)
}

// ratDecimal prints an amount as its exact decimal.
func ratDecimal(r *big.Rat) string {
	s := r.FloatString(8)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
