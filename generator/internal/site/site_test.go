package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// repoRoot is the repository root: the demo site and the layouts live there.
const repoRoot = "../../.."

var layouts = filepath.Join(repoRoot, "layouts")

func build(t testing.TB, source, out string, mod func(*Options)) *Result {
	t.Helper()
	opts := Options{Source: source, Layouts: layouts, Out: out}
	if mod != nil {
		mod(&opts)
	}
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("Build(%s) = %v", source, err)
	}
	return res
}

// TestSmallSiteFigures checks hand-computed figures of testdata/sites/small
// in its metrics.json, then the whole document against a golden copy.
func TestSmallSiteFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, "testdata/sites/small", out, nil)
	got, err := os.ReadFile(filepath.Join(out, "data", "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}

	var doc struct {
		AsOf     string  `json:"as_of"`
		Expected float64 `json:"expected"`
		Totals   struct {
			Completed, Plan float64
			CompletionRate  *float64 `json:"completion_rate"`
			StartRate       *float64 `json:"start_rate"`
			SlowCount       int      `json:"slow_count"`
			NotStartedCount int      `json:"not_started_count"`
			Pipeline        map[string]struct {
				Count int
				Total float64
			}
		}
		Projects []struct {
			ID               string
			CompletionRate   *float64 `json:"completion_rate"`
			PaceGap          *float64 `json:"pace_gap"`
			Stage            string
			Slow, Behind     bool
			NotStarted       bool `json:"not_started"`
			OverdueApprovals int  `json:"overdue_approvals"`
			OpenProblems     int  `json:"open_problems"`
		}
		Regions, Departments []struct {
			ID         string
			FAIGrowth  *float64 `json:"fai_growth"`
			Rank       *float64
			RankChange *float64 `json:"rank_change"`
			LastStreak int      `json:"last_streak"`
			Escalation *string
		}
		Targets []struct {
			Scope, Metric string
			Value         float64
			By            string
			Actual        *float64
			Met           bool
			DueIn         int `json:"due_in"`
		}
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	near := func(name string, got *float64, want float64) {
		t.Helper()
		if got == nil || math.Abs(*got-want) > 1e-9 {
			t.Errorf("%s = %v; want %v", name, deref(got), want)
		}
	}
	null := func(name string, got *float64) {
		t.Helper()
		if got != nil {
			t.Errorf("%s = %v; want null (undefined)", name, *got)
		}
	}
	if doc.AsOf != "2023-09-30" || doc.Expected != 85 {
		t.Errorf("as_of, expected = %s, %v; want 2023-09-30, 85", doc.AsOf, doc.Expected)
	}
	tot := doc.Totals
	if tot.Completed != 10.5 || tot.Plan != 20 {
		t.Errorf("totals completed, plan = %v, %v; want 10.5, 20", tot.Completed, tot.Plan)
	}
	near("totals.completion_rate", tot.CompletionRate, 52.5)
	near("totals.start_rate", tot.StartRate, 200.0/3)
	if tot.SlowCount != 1 || tot.NotStartedCount != 1 {
		t.Errorf("slow, not started = %d, %d; want 1, 1", tot.SlowCount, tot.NotStartedCount)
	}
	for stage, want := range map[string][2]float64{"construction": {2, 38}, "planned": {1, 12}, "reserve": {1, 5}, "preparing": {0, 0}, "completed": {0, 0}} {
		if f := tot.Pipeline[stage]; f.Count != int(want[0]) || f.Total != want[1] {
			t.Errorf("pipeline[%s] = %d, %v; want %v, %v", stage, f.Count, f.Total, want[0], want[1])
		}
	}

	p := map[string]int{}
	for i, pr := range doc.Projects {
		p[pr.ID] = i
	}
	a, b, c, d := doc.Projects[p["a"]], doc.Projects[p["b"]], doc.Projects[p["c"]], doc.Projects[p["d"]]
	near("a.completion_rate", a.CompletionRate, 90)
	near("a.pace_gap", a.PaceGap, 5)
	near("b.completion_rate (1.5 carried? no: 1.5 reported on 09-30)", b.CompletionRate, 37.5)
	if !b.Slow || !b.Behind || b.OpenProblems != 1 {
		t.Errorf("b slow, behind, open problems = %v, %v, %d; want true, true, 1", b.Slow, b.Behind, b.OpenProblems)
	}
	near("c.completion_rate", c.CompletionRate, 0)
	if !c.NotStarted || c.OverdueApprovals != 1 || c.Stage != "planned" {
		t.Errorf("c not started, overdue, stage = %v, %d, %s; want true, 1, planned", c.NotStarted, c.OverdueApprovals, c.Stage)
	}
	null("d.completion_rate (no plan for 2023)", d.CompletionRate)
	null("d.pace_gap", d.PaceGap)
	if d.Stage != "reserve" {
		t.Errorf("d.stage = %s; want reserve", d.Stage)
	}

	// Regions tie at 8.0 on 09-30: both rank 1, and both are last. North was
	// also last on 07-31 and 08-31 (month periods), so its streak is 3.
	north, south := doc.Regions[0], doc.Regions[1]
	if north.ID != "north" {
		north, south = south, north
	}
	near("north.rank", north.Rank, 1)
	near("south.rank", south.Rank, 1)
	near("north.rank_change", north.RankChange, 1)
	near("south.rank_change", south.RankChange, 0)
	if north.LastStreak != 3 || deref2(north.Escalation) != "主要领导约谈" {
		t.Errorf("north streak, escalation = %d, %q; want 3, 主要领导约谈", north.LastStreak, deref2(north.Escalation))
	}
	if south.LastStreak != 1 || deref2(south.Escalation) != "通报批评" {
		t.Errorf("south streak, escalation = %d, %q; want 1, 通报批评", south.LastStreak, deref2(south.Escalation))
	}
	// Departments by completion rate: dev (9+0)/(10+6) = 56.25, build 1.5/4 = 37.5.
	for _, u := range doc.Departments {
		switch u.ID {
		case "dev":
			near("dev.rank", u.Rank, 1)
		case "build":
			near("build.rank", u.Rank, 2)
			if u.LastStreak != 3 {
				t.Errorf("build.last_streak = %d; want 3 (07-31 25%% < 31.25%%, 08-31 25%% < 37.5%%, 09-30)", u.LastStreak)
			}
		}
	}
	want := []string{
		"campaign fai_growth 8 2023-12-31 actual=8.5 met=true due_in=92",
		"campaign pace 100 2023-12-31 actual=52.5 met=false due_in=92",
		"campaign pace 85 2023-09-30 actual=52.5 met=false due_in=0",
		"region:north fai_growth 10 2023-12-31 actual=8 met=false due_in=92",
	}
	var gotT []string
	for _, tg := range doc.Targets {
		gotT = append(gotT, fmt.Sprintf("%s %s %g %s actual=%g met=%t due_in=%d", tg.Scope, tg.Metric, tg.Value, tg.By, deref(tg.Actual), tg.Met, tg.DueIn))
	}
	sort.Strings(gotT)
	if strings.Join(gotT, "\n") != strings.Join(want, "\n") {
		t.Errorf("targets =\n%s\nwant\n%s", strings.Join(gotT, "\n"), strings.Join(want, "\n"))
	}

	golden := "testdata/sites/small/metrics.golden.json"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	wantJSON, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, wantJSON) {
		t.Errorf("metrics.json differs from %s (run go test ./generator/internal/site -update and review the diff)\ngot:\n%s", golden, got)
	}
}

func deref(f *float64) any {
	if f == nil {
		return "null"
	}
	return *f
}

func deref2(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// tree hashes every file under dir by relative path.
func tree(t testing.TB, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameTree(t *testing.T, a, b map[string][32]byte) {
	t.Helper()
	for p, h := range a {
		if h2, ok := b[p]; !ok {
			t.Errorf("%s is missing from the second tree", p)
		} else if h != h2 {
			t.Errorf("%s differs", p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			t.Errorf("%s is only in the second tree", p)
		}
	}
}

// TestDemoDeterministic builds the demo twice: byte-identical output.
func TestDemoDeterministic(t *testing.T) {
	dir := t.TempDir()
	build(t, repoRoot, filepath.Join(dir, "one"), nil)
	build(t, repoRoot, filepath.Join(dir, "two"), nil)
	one, two := tree(t, filepath.Join(dir, "one")), tree(t, filepath.Join(dir, "two"))
	if len(one) < 50 {
		t.Fatalf("the demo built only %d files", len(one))
	}
	sameTree(t, one, two)
}

// copyTree copies a site (site.toml, content/) for a test to break.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	if err := os.MkdirAll(to, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"site.toml", "content"} {
		copyDir(t, filepath.Join(from, name), filepath.Join(to, name))
	}
}

// TestFailedBuildLeavesOutput: a build that fails on bad data leaves the
// previous output byte for byte, and leaves no temporary directory behind.
func TestFailedBuildLeavesOutput(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "site")
	out := filepath.Join(dir, "public")
	copyTree(t, "testdata/sites/small", src)
	build(t, src, out, nil)
	before := tree(t, out)

	bad := filepath.Join(src, "content", "projects", "a.toml")
	if err := os.WriteFile(bad, []byte("name = \"甲项目\"\nregion = \"nowhere\"\nowner = \"dev\"\ncategory = \"infra\"\nplan = -1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Source: src, Layouts: layouts, Out: out})
	if err == nil {
		t.Fatal("Build with a broken project succeeded; want an error")
	}
	for _, want := range []string{"content/projects/a.toml:2: region \"nowhere\"", "content/projects/a.toml:5: plan is the number -1 (expected a number ≥ 0)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error = %v; want it to contain %q", err, want)
		}
	}
	sameTree(t, before, tree(t, out))
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != "site" && e.Name() != "public" {
			t.Errorf("left behind %s", e.Name())
		}
	}

	// A broken layout fails the same way, naming the layout file.
	lay := filepath.Join(dir, "layouts")
	copyDir(t, layouts, lay)
	if err := os.WriteFile(filepath.Join(lay, "project.html"), []byte(`{{define "main"}}{{.Nope}}{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	copyTree(t, "testdata/sites/small", src)
	_, err = Build(context.Background(), Options{Source: src, Layouts: lay, Out: out})
	if err == nil || !strings.Contains(err.Error(), "layouts/project.html:1:") {
		t.Errorf("Build with a broken layout = %v; want layouts/project.html:1: …", err)
	}
	sameTree(t, before, tree(t, out))
}

// copyDir copies a file or a directory tree.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRefusesForeignOutput: --out pointing at a directory that is not a
// previous build is refused and left alone.
func TestRefusesForeignOutput(t *testing.T) {
	out := t.TempDir()
	keep := filepath.Join(out, "thesis.docx")
	if err := os.WriteFile(keep, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Source: "testdata/sites/small", Layouts: layouts, Out: out})
	if err == nil || !strings.Contains(err.Error(), "not a previous build") {
		t.Fatalf("Build into a foreign directory = %v; want a refusal", err)
	}
	if b, _ := os.ReadFile(keep); string(b) != "precious" {
		t.Error("the foreign file was changed")
	}
}

// TestDemoPages: the demo has every page a reader expects, and check passes.
func TestDemoPages(t *testing.T) {
	if err := Check(context.Background(), Options{Source: repoRoot, Layouts: layouts}); err != nil {
		t.Fatalf("Check(demo) = %v", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	res := build(t, repoRoot, out, nil)
	for _, p := range []string{
		"index.html", "projects/index.html", "projects/baofeng-pv/index.html", "regions/index.html",
		"regions/tonggui/index.html", "departments/index.html", "departments/fagai/index.html", "rankings/index.html",
		"about/index.html", "methodology/index.html", "data/index.html", "404.html",
		"data/metrics.json", "data/projects.csv", "data/regions.csv", "data/departments.csv", "assets/site.css",
	} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("demo is missing %s", p)
		}
	}
	if res.Pages < 80 {
		t.Errorf("demo built %d pages; want at least 80", res.Pages)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "data", "projects.csv"))
	if !bytes.HasPrefix(csv, []byte("\ufeffid,name,")) {
		t.Errorf("projects.csv does not start with a UTF-8 BOM and its header: %q", csv[:min(len(csv), 20)])
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	for _, want := range []string{"银兴政办发〔2023〕61号", "攻坚第 47 天", "剩余 61 天", "通贵乡", "主要领导约谈"} {
		if !bytes.Contains(home, []byte(want)) {
			t.Errorf("home page lacks %q", want)
		}
	}
}

// TestAsOf: --as-of rebuilds the figures as they stood on an earlier report.
func TestAsOf(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	d, _ := parseDateForTest("2023-08-31")
	build(t, "testdata/sites/small", out, func(o *Options) { o.AsOf = d })
	b, _ := os.ReadFile(filepath.Join(out, "data", "metrics.json"))
	if !bytes.Contains(b, []byte(`"as_of": "2023-08-31"`)) {
		t.Errorf("metrics.json as of 2023-08-31 says %s", b[:60])
	}
	_, err := Build(context.Background(), Options{Source: "testdata/sites/small", Layouts: layouts, Out: out, AsOf: d + 1})
	if err == nil || !strings.Contains(err.Error(), "--as-of: 2023-09-01 is not a report date") {
		t.Errorf("Build --as-of 2023-09-01 = %v; want not a report date", err)
	}
}

// BenchmarkBuildDemo measures a full build of the demo into a fresh
// directory (never-used directories: see performance-notes.md).
func BenchmarkBuildDemo(b *testing.B) {
	dir := b.TempDir()
	for i := 0; b.Loop(); i++ {
		build(b, repoRoot, filepath.Join(dir, fmt.Sprint(i)), nil)
	}
}

// TestAssetsMinified: layout CSS and JS are minified, and a syntax error in
// them fails the build at its line.
func TestAssetsMinified(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, "testdata/sites/small", out, nil)
	for _, name := range []string{"site.css", "site.js", "charts.js"} {
		src, _ := os.ReadFile(filepath.Join(layouts, "assets", name))
		got, _ := os.ReadFile(filepath.Join(out, "assets", name))
		if len(got) == 0 || len(got) >= len(src)*9/10 {
			t.Errorf("assets/%s is %d bytes from %d; want it minified", name, len(got), len(src))
		}
	}
	lay := filepath.Join(t.TempDir(), "layouts")
	copyDir(t, layouts, lay)
	if err := os.WriteFile(filepath.Join(lay, "assets", "site.js"), []byte("// ok\nvar a = ;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Source: "testdata/sites/small", Layouts: lay, Out: filepath.Join(t.TempDir(), "p")})
	if err == nil || !strings.Contains(err.Error(), "layouts/assets/site.js:2: ") {
		t.Errorf("Build with broken site.js = %v; want layouts/assets/site.js:2: …", err)
	}
}
