package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/synth"
)

// TestMetricsJSONStreamed: data/metrics.json, written a project at a
// time, is the document encoding/json writes whole (indent " "), for the
// small site, the demo and a synthetic campaign, and for no projects.
func TestMetricsJSONStreamed(t *testing.T) {
	synthDir := filepath.Join(t.TempDir(), "synth")
	if err := synth.Write(synthDir, synth.Options{Projects: 200, Regions: 8, Departments: 6, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	snaps := map[string]*metrics.Snapshot{"empty": metrics.Compute(&dataset.Site{}, dataset.NewDate(2023, 1, 31))}
	for _, src := range []string{"testdata/sites/small", repoRoot, synthDir} {
		data, err := dataset.Load(os.DirFS(src))
		if err != nil {
			t.Fatal(err)
		}
		e := metrics.NewEngine(data)
		snaps[src] = e.At(e.Latest())
	}
	for name, s := range snaps {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetIndent("", " ")
		if err := enc.Encode(metricsDoc(s)); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := writeMetricsJSON(&got, s); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			i := 0
			for i < got.Len() && i < want.Len() && got.Bytes()[i] == want.Bytes()[i] {
				i++
			}
			t.Errorf("%s: streamed metrics.json differs at byte %d: %q; encoding/json: %q", name, i, got.Bytes()[max(i-40, 0):min(i+40, got.Len())], want.Bytes()[max(i-40, 0):min(i+40, want.Len())])
		}
	}
}
