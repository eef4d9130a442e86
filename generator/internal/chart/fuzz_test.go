package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
)

// checkSafe fails unless c's shell and data are JSON that cannot end a
// <script> element, and merge as charts.js merges them.
func checkSafe(t *testing.T, c *Chart) {
	t.Helper()
	for what, b := range map[string][]byte{"shell": c.Shell.JSON, "data": c.Data} {
		if !json.Valid(b) {
			t.Fatalf("%s is not JSON: %s", what, b)
		}
		for _, bad := range [][]byte{[]byte("<"), []byte(">"), []byte("&"), []byte("\u2028"), []byte("\u2029")} {
			if bytes.Contains(b, bad) {
				t.Fatalf("%s has %q: %s", what, bad, b)
			}
		}
	}
	merged(t, c)
}

// FuzzRanking feeds names, words, values and statuses from the data into a
// ranking and a trend: an error or a safe chart, never a panic.
func FuzzRanking(f *testing.F) {
	for _, h := range hostile {
		f.Add(h, "完成率", "%", 8.2, 8.0, "met", "2024-01-31", uint8(1))
	}
	f.Add("甲", "", "", math.Inf(1), math.NaN(), "last", "2024-02-30", uint8(7))
	f.Add("\xff\xfe", "\x00", "</script>", -0.0, 1e308, "", "0000-00-00", uint8(0))
	f.Fuzz(func(t *testing.T, name, metric, unit string, v, target float64, status, date string, places uint8) {
		ax := Axis{Name: metric, Unit: unit, Places: int(places % 8)}
		l := DefaultLabels
		l.Met, l.OwnTargets = name, metric
		c, err := Ranking("c_fuzz_0", name, ax, []Bar{
			{Name: name, Value: v, Defined: true, Status: status, Target: target, HasTarget: true, Note: name, Last: true},
			{Name: unit, Value: target, Defined: places%2 == 0, Carried: true},
		}, l)
		if err == nil {
			checkSafe(t, c)
		}
		c, err = Trend("c_fuzz_1", metric, ax, []Series{
			{Name: name, Points: []Point{{Date: date, Value: v, Defined: true}, {Date: "2024-12-31", Value: target, Defined: places%3 == 0}}, Highlight: places%2 == 1},
			{Name: unit, Points: []Point{{Date: date}}},
		}, []TargetLine{{Name: metric, Value: target, Series: name}}, l)
		if err == nil {
			checkSafe(t, c)
		}
		c, err = Heatmap("c_fuzz_2", name, ax, []string{date, unit}, []string{name}, [][]Cell{{{Value: v, Defined: true}, {Value: target, Defined: true}}}, l)
		if err == nil {
			checkSafe(t, c)
		}
		c, err = Gauge("c_fuzz_3", name, ax, v, places%2 == 0, &Ref{Name: metric, Value: target}, l)
		if err == nil {
			checkSafe(t, c)
		}
	})
}
