package synth

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/metrics"
)

var small = Options{Projects: 300, Regions: 12, Departments: 8, Seed: 1}

// writeSite writes o into a new temporary directory.
func writeSite(t testing.TB, o Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if err := Write(dir, o); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return dir
}

func load(t testing.TB, dir string) *dataset.Site {
	t.Helper()
	s, err := dataset.Load(os.DirFS(dir))
	if err != nil {
		var el dataset.ErrorList
		if errors.As(err, &el) {
			for i, e := range el {
				if i == 20 {
					t.Errorf("… and %d more", len(el)-20)
					break
				}
				t.Error(e.Error())
			}
		}
		t.Fatalf("dataset.Load: %v", err)
	}
	return s
}

// tree reads every file under dir: slash path → bytes.
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLoadsWithoutErrors(t *testing.T) {
	s := load(t, writeSite(t, small))
	if len(s.Projects) != 300 || len(s.Regions) != 12 || len(s.Departments) != 8 {
		t.Errorf("got %d projects, %d regions, %d departments; want 300, 12, 8", len(s.Projects), len(s.Regions), len(s.Departments))
	}
	if len(s.Reports) != 18 {
		t.Errorf("got %d reports; want 18 (12 monthly + 6 dekadal)", len(s.Reports))
	}
	if n := len(s.Categories); n < 6 || n > 8 {
		t.Errorf("got %d categories; want 6–8", n)
	}
	if n := len(s.Lists); n < 5 || n > 6 {
		t.Errorf("got %d lists; want 5–6", n)
	}
	for _, id := range []string{"batch-1", "promotion"} {
		if l := s.List(id); l == nil || len(l.Targets) == 0 {
			t.Errorf("list %s missing or without targets", id)
		}
	}
	if len(s.Sectors) != 4 {
		t.Errorf("got %d sectors; want 4", len(s.Sectors))
	}
	var pace int
	for _, tg := range s.Targets {
		if tg.Metric == "pace" {
			pace++
		}
	}
	if pace < 2 {
		t.Errorf("campaign has %d pace targets; want the pace milestones", pace)
	}
	if n := len(s.Bulletins); n < 2 || n > 4 {
		t.Errorf("got %d bulletins; want 2–4", n)
	}
	if s.Home == nil || len(s.Pages) != 1 || s.Pages[0].Slug != "about" {
		t.Errorf("want content/_index.md and one page about.md; got home %v, pages %d", s.Home != nil, len(s.Pages))
	}
	var narratives int
	for _, p := range s.Projects {
		if p.Narrative != nil {
			narratives++
		}
	}
	if narratives < 15 || narratives > 50 {
		t.Errorf("%d of 300 projects have a narrative; want about 10 %%", narratives)
	}
	want := []string{"01-31", "02-28", "03-31", "04-30", "05-31", "06-30", "07-31", "08-10", "08-20", "08-31",
		"09-10", "09-20", "09-30", "10-10", "10-20", "10-31", "11-30", "12-31"}
	for i, r := range s.Reports {
		if i < len(want) && r.Date.String() != "2023-"+want[i] {
			t.Errorf("report %d is %s; want 2023-%s", i, r.Date, want[i])
		}
		if r.Stats == nil || !r.Stats.FAI.OK || !r.Stats.FAIGrowth.OK || len(r.Stats.Sectors) != 4 {
			t.Errorf("report %s: [stats] incomplete", r.Date)
		}
		if len(r.Regions) != 12 {
			t.Errorf("report %s gives %d regions; want all 12", r.Date, len(r.Regions))
		}
	}
}

// TestBulletinBlocks: every bulletin has a regions' fai_growth ranking chart
// and a slow-projects table, and freezes at a month-end report.
func TestBulletinBlocks(t *testing.T) {
	s := load(t, writeSite(t, small))
	for _, b := range s.Bulletins {
		body := string(b.Page.Body)
		if !strings.Contains(body, "```chart\nkind = \"ranking\"\nmetric = \"fai_growth\"\nof = \"regions\"\n```") {
			t.Errorf("bulletin %s has no regions fai_growth ranking chart", b.Slug)
		}
		if !strings.Contains(body, "```table\nkind = \"slow-projects\"\n```") {
			t.Errorf("bulletin %s has no slow-projects table", b.Slug)
		}
		if b.AsOf.AddDays(1).Day() != 1 || b.Slug != b.AsOf.String()[:7] {
			t.Errorf("bulletin %s is as of %s; want its month's end", b.Slug, b.AsOf)
		}
	}
}

func TestDeterministic(t *testing.T) {
	a := tree(t, writeSite(t, small))
	b := tree(t, writeSite(t, small))
	if len(a) != len(b) {
		t.Fatalf("same seed: %d files vs %d", len(a), len(b))
	}
	for p, x := range a {
		if !bytes.Equal(x, b[p]) {
			t.Fatalf("same seed: %s differs", p)
		}
	}
	o := small
	o.Seed = 2
	c := tree(t, writeSite(t, o))
	if bytes.Equal(a["content/reports/2023-12-31.toml"], c["content/reports/2023-12-31.toml"]) ||
		bytes.Equal(a["content/projects/p000001.toml"], c["content/projects/p000001.toml"]) {
		t.Error("different seeds wrote the same files")
	}
}

var idRule = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

func TestIDs(t *testing.T) {
	s := load(t, writeSite(t, Options{Projects: 50, Regions: 200, Departments: 40, Seed: 3}))
	for _, u := range append(s.Regions, s.Departments...) {
		if !idRule.MatchString(u.ID) {
			t.Errorf("bad id %q", u.ID)
		}
	}
	if len(s.Regions) != 200 || len(s.Departments) != 40 {
		t.Errorf("got %d regions, %d departments; want 200, 40", len(s.Regions), len(s.Departments))
	}
	if id := s.Projects[0].ID; id != "p000001" {
		t.Errorf("first project id %q; want p000001", id)
	}
}

// TestShape checks the story through the metrics engine at the latest
// report: some projects slow, not started, finished, in reserve; the
// leaderboards have a last place; rankings move between months.
func TestShape(t *testing.T) {
	s := load(t, writeSite(t, Options{Projects: 1000, Regions: 12, Departments: 8, Seed: 1}))
	e := metrics.NewEngine(s)
	snap := e.At(e.Latest())
	n := float64(len(snap.Projects))
	var slow, notStarted, finished, reserve, started int
	for _, p := range snap.Projects {
		switch {
		case p.Slow:
			slow++
		case p.NotStarted:
			notStarted++
		}
		if p.Finished {
			finished++
		}
		if p.Started {
			started++
		}
		if p.P.Reserve {
			reserve++
		}
		if !p.Started && p.Completed > 0 {
			t.Errorf("project %s has completed %v but has not started", p.P.ID, p.Completed)
		}
	}
	share := func(name string, k int, lo, hi float64) {
		t.Logf("%s: %d of %d", name, k, int(n))
		if f := float64(k) / n; f < lo || f > hi {
			t.Errorf("%s: %d of %d (%.1f %%); want %.0f–%.0f %%", name, k, int(n), 100*f, 100*lo, 100*hi)
		}
	}
	share("slow", slow, 0.06, 0.14)
	share("not started", notStarted, 0.05, 0.11)
	share("finished", finished, 0.03, 0.08)
	share("reserve", reserve, 0.02, 0.06)
	share("started", started, 0.75, 0.92)
	stage := func(st metrics.Stage) int {
		for _, f := range snap.Totals.Pipeline {
			if f.Stage == st {
				return f.Count
			}
		}
		return 0
	}
	if stage(metrics.StageReserve) == 0 || stage(metrics.StagePlanned)+stage(metrics.StagePreparing) == 0 {
		t.Errorf("pipeline lacks reserve or early stages: %v", snap.Totals.Pipeline)
	}
	var overdue, open int
	for _, p := range snap.Projects {
		overdue += len(p.OverdueApprovals)
		open += len(p.OpenProblems)
	}
	if overdue == 0 || open == 0 {
		t.Errorf("%d overdue approvals, %d open problems; want some of each", overdue, open)
	}
	if !snap.Totals.LandingRate.OK() || snap.Totals.Funds.Sign() == 0 {
		t.Errorf("no investment promotion figures: landing rate %v, funds %v", snap.Totals.LandingRate, snap.Totals.Funds)
	}

	for _, kind := range []string{dataset.Regions, dataset.Departments} {
		r := snap.MainBoard(kind)
		if r == nil {
			t.Fatalf("no main board for %s", kind)
		}
		var last int
		for _, row := range r.Rows {
			if row.Last {
				last++
			}
		}
		if last == 0 {
			t.Errorf("%s ranking has no last place", kind)
		}
	}

	// Rankings move: the regions' order is not the same every month.
	var orders []string
	for _, d := range e.Dates() {
		r := e.At(d).MainBoard(dataset.Regions)
		var ids []string
		for _, row := range r.Rows {
			ids = append(ids, row.Unit.Scope.ID)
		}
		orders = append(orders, strings.Join(ids, ","))
	}
	changed := 0
	for i := 1; i < len(orders); i++ {
		if orders[i] != orders[i-1] {
			changed++
		}
	}
	if changed < len(orders)/2 {
		t.Errorf("region rankings changed between only %d of %d reports", changed, len(orders)-1)
	}
}

// TestCumulative: completed never goes down except on lines with
// correction = true, and there are a few of those at 10k lines.
func TestCumulative(t *testing.T) {
	s := load(t, writeSite(t, Options{Projects: 1000, Regions: 10, Departments: 6, Seed: 7}))
	last := map[string]exact.Dec{}
	var lines, corrections, missing int
	for _, r := range s.Reports {
		for _, p := range s.Projects {
			e := r.Entry(p.ID)
			if e == nil {
				if _, seen := last[p.ID]; seen {
					missing++
				}
				continue
			}
			lines++
			if e.Correction {
				corrections++
			} else if e.Completed.OK && e.Completed.V < last[p.ID] {
				t.Errorf("%s: %s went down without correction", r.Date, p.ID)
			}
			if e.Completed.OK {
				last[p.ID] = e.Completed.V
			}
			if e.Completed.OK && e.Completed.V > 0 && (p.StartActual.IsZero() || p.StartActual > r.Date) {
				t.Errorf("%s: %s has completed %v before its start %s", r.Date, p.ID, e.Completed.V, p.StartActual)
			}
		}
	}
	t.Logf("%d lines, %d corrections, %d missing", lines, corrections, missing)
	if corrections == 0 || corrections > lines/300 {
		t.Errorf("%d corrections in %d lines; want about 1 in 1000", corrections, lines)
	}
	if missing == 0 {
		t.Error("no project is ever missing from a report")
	}
}

// TestBulletinFigures: the slow-project count a bulletin states is the
// engine's at the bulletin's date.
func TestBulletinFigures(t *testing.T) {
	s := load(t, writeSite(t, small))
	e := metrics.NewEngine(s)
	re := regexp.MustCompile(`共有(\d+)个已开工项目投资完成率低于50%`)
	for _, b := range s.Bulletins {
		m := re.FindSubmatch(b.Page.Body)
		if m == nil {
			continue
		}
		want, _ := strconv.Atoi(string(m[1]))
		if got := e.At(b.AsOf).Totals.SlowCount; got != want {
			t.Errorf("bulletin %s says %d slow projects; the engine counts %d", b.Slug, want, got)
		}
	}
}

func TestOptions(t *testing.T) {
	o := Options{Projects: 20, Regions: 3, Departments: 2, Seed: 5, Year: 2024, Monthly: 9, Dekadal: 3, Bulletins: -1}
	s := load(t, writeSite(t, o))
	if len(s.Reports) != 12 {
		t.Errorf("got %d reports; want 9 monthly + 3 dekadal", len(s.Reports))
	}
	if s.Reports[len(s.Reports)-1].Date.String() != "2024-09-30" || s.Campaign.Year != 2024 {
		t.Errorf("latest report %s, year %d; want 2024-09-30, 2024", s.Reports[len(s.Reports)-1].Date, s.Campaign.Year)
	}
	if len(s.Bulletins) != 0 {
		t.Errorf("got %d bulletins; want none", len(s.Bulletins))
	}
	if got := len(o.ReportDates()); got != 12 {
		t.Errorf("ReportDates: %d; want 12", got)
	}
	for _, bad := range []Options{{Projects: -1}, {Monthly: 13}, {Monthly: 2, Dekadal: 5}, {Year: 1800}} {
		if err := Write(t.TempDir(), bad); err == nil {
			t.Errorf("Write(%+v) succeeded; want an error", bad)
		}
	}
	// Small months: everything still loads.
	for _, m := range []int{1, 2, 5} {
		load(t, writeSite(t, Options{Projects: 100, Regions: 4, Departments: 3, Monthly: m, Dekadal: -1, Seed: int64(m)}))
	}
}

// TestDirectory: Write refuses a non-empty directory that is not a site it
// wrote, and rewriting a smaller site removes the files of the larger.
func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, small); err == nil || !strings.Contains(err.Error(), "no site.toml") {
		t.Errorf("Write into a non-empty directory: %v; want a refusal", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"mine\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, small); err == nil {
		t.Error("Write over a hand-written site succeeded; want a refusal")
	}

	site := filepath.Join(t.TempDir(), "s")
	if err := Write(site, Options{Projects: 200, Regions: 9, Departments: 5, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	if err := Write(site, Options{Projects: 50, Regions: 4, Departments: 3, Seed: 2, Monthly: 6, Dekadal: -1}); err != nil {
		t.Fatalf("rewrite: %v", err)
	}
	s := load(t, site)
	if len(s.Projects) != 50 || len(s.Regions) != 4 || len(s.Reports) != 6 {
		t.Errorf("after rewrite: %d projects, %d regions, %d reports; want 50, 4, 6", len(s.Projects), len(s.Regions), len(s.Reports))
	}
}

// BenchmarkWrite10k writes a 10,000-project site into a never-used
// directory per iteration (see performance-notes.md on reusing
// directories); directories are removed after the timing.
func BenchmarkWrite10k(b *testing.B) {
	root := b.TempDir()
	n := 0
	for b.Loop() {
		n++
		if err := Write(filepath.Join(root, strconv.Itoa(n)), Options{Projects: 10_000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate10k is the CPU part of BenchmarkWrite10k: generating the
// site and rendering every file, without the file system.
func BenchmarkGenerate10k(b *testing.B) {
	o, err := Options{Projects: 10_000, Seed: 1}.withDefaults()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var buf []byte
		for _, f := range generate(o).files() {
			buf = f.render(buf[:0])
		}
	}
}
