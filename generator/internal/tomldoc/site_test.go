//go:build unix

package tomldoc_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/synth"
	"gongjian/generator/internal/tomldoc"
)

// TestSyntheticSite: every document of a synthetic site parses to
// toml.Decode's map, every key has its line, and the plain files the
// generator writes take the fast path.
func TestSyntheticSite(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Projects: 300, Regions: 12, Departments: 8, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	docs := tomldoc.ReadDocs(t, dir)
	if len(docs) < 300 {
		t.Fatalf("only %d documents in the synthetic site", len(docs))
	}
	var total, fast int
	for p, src := range docs {
		doc, err := tomldoc.Parse(src, tomldoc.Options{})
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		var want map[string]any
		if _, err := toml.Decode(tomldoc.Normalize(src), &want); err != nil {
			t.Errorf("%s: toml.Decode: %v", p, err)
		}
		if d := tomldoc.DiffTOML("", doc.Root, want); d != "" {
			t.Errorf("%s: Parse differs from toml.Decode at %s", p, d)
		}
		tomldoc.CheckLines(t, doc, strings.Count(doc.Src(), "\n")+1)
		total += len(src)
		if _, ok := tomldoc.FastDecode(doc.Src(), tomldoc.DefaultMaxDepth); ok {
			fast += len(src)
		}
	}
	t.Logf("fast path: %d of %d bytes", fast, total)
	if fast < total*9/10 {
		t.Errorf("the fast path decodes %d of %d bytes; want nine tenths at least", fast, total)
	}
}

// BenchmarkSite10k decodes every TOML document of the 10,000-project
// synthetic site (the one BenchmarkLoad10k of package dataset loads,
// written once into $TMPDIR), side by side: Parse as it is, toml.Decode
// alone (Parse without its fast path), and Parse's pre-pass and fast
// decoder alone.
func BenchmarkSite10k(b *testing.B) {
	const projects, regions, depts = 10000, 100, 40
	dir := filepath.Join(os.TempDir(), "gongjian-bench-"+fmt.Sprint(projects, regions, depts))
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		if err := synth.Write(dir, synth.Options{Projects: projects, Regions: regions, Departments: depts, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	var srcs []string
	size := 0
	for _, src := range tomldoc.ReadDocs(b, dir) {
		src = tomldoc.Normalize(src)
		srcs = append(srcs, src)
		size += len(src)
	}
	for _, bc := range []struct {
		name string
		f    func(string)
	}{
		{"Parse", func(s string) { tomldoc.Parse(s, tomldoc.Options{}) }},
		{"toml.Decode", func(s string) {
			var m map[string]any
			toml.Decode(s, &m)
		}},
		{"check", func(s string) { tomldoc.Check(s) }},
		{"fast", func(s string) { tomldoc.FastDecode(s, tomldoc.DefaultMaxDepth) }},
	} {
		b.Run(bc.name, func(b *testing.B) {
			tomldoc.PerByte(b, size, func() {
				for _, s := range srcs {
					bc.f(s)
				}
			})
		})
	}
}
