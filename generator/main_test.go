package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(args ...string) (stdout, stderr string, err error) {
	var o, e bytes.Buffer
	err = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"build", "-h"}} {
		out, _, err := runCLI(args...)
		if err != nil || !strings.Contains(out, "go run ./generator build") {
			t.Errorf("run(%q) = %v, %q; want the usage text with examples", args, err, out)
		}
	}
	for _, args := range [][]string{{}, {"frob"}, {"build", "--nope"}, {"build", "extra"}, {"build", "--as-of", "30.9.2023"}} {
		if _, _, err := runCLI(args...); err == nil {
			t.Errorf("run(%q) succeeded; want a usage error", args)
		}
	}
}

// TestCheckReportsEveryProblem: check on a broken site prints every problem
// as file:line: message and fails.
func TestCheckReportsEveryProblem(t *testing.T) {
	src := t.TempDir()
	write := func(name, text string) {
		p := filepath.Join(src, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.toml", "title = \"t\"\n[campaign]\nname = \"c\"\nstart = 2023-08-01\nend = 2023-11-30\n")
	write("content/regions/r.toml", "name = \"r\"\nkind = \"town\"\n")
	write("content/departments/d.toml", "name = \"d\"\n")
	write("content/projects/p.toml", "name = \"p\"\nregion = \"x\"\nowner = \"d\"\ncategory = \"none\"\ncolour = \"red\"\n")
	write("content/reports/2023-09-30.toml", "date = 2023-09-29\n")
	_, stderr, err := runCLI("check", "--source", src, "--layouts", "../layouts")
	if err == nil {
		t.Fatal("check on a broken site succeeded")
	}
	for _, want := range []string{
		"content/projects/p.toml:2: region \"x\" is not a known region",
		"content/projects/p.toml:4: category \"none\" is not a known category",
		"content/projects/p.toml:5: unknown key colour",
		"content/reports/2023-09-30.toml:1: date 2023-09-29 differs from the file name",
		"generator: error:",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check output lacks %q:\n%s", want, stderr)
		}
	}
}

func TestBuildDemo(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	stdout, stderr, err := runCLI("build", "--source", "..", "--out", out)
	if err != nil {
		t.Fatalf("build demo: %v\n%s", err, stderr)
	}
	if !strings.Contains(stdout, "as of 2023-09-30") {
		t.Errorf("build said %q; want the as-of date", stdout)
	}
}

// TestNewScaffolds: a scaffolded project and bulletin pass check as written.
func TestNewScaffolds(t *testing.T) {
	src := t.TempDir()
	for _, name := range []string{"site.toml", "content"} {
		if err := exec.Command("cp", "-r", filepath.Join("..", name), src).Run(); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"new", "--source", src, "project", "new-road"}, {"new", "--source", src, "bulletin", "2023-07"}} {
		if _, stderr, err := runCLI(args...); err != nil {
			t.Fatalf("%v: %v %s", args, err, stderr)
		}
	}
	// An existing file is never overwritten.
	for _, args := range [][]string{{"project", "new-road"}, {"bulletin", "2023-08"}} {
		if _, _, err := runCLI(append([]string{"new", "--source", src}, args...)...); err == nil || !strings.Contains(err.Error(), "already exists") {
			t.Errorf("new %v = %v; want already exists", args, err)
		}
	}
	if _, _, err := runCLI("new", "--source", src, "bulletin", "2031-01"); err == nil || !strings.Contains(err.Error(), "no report in 2031-01") {
		t.Errorf("new bulletin without a report = %v; want no report", err)
	}
	if _, _, err := runCLI("new", "--source", src, "project", "Bad_ID"); err == nil {
		t.Error("new project Bad_ID succeeded; want an id error")
	}
	if _, stderr, err := runCLI("check", "--source", src, "--layouts", "../layouts"); err != nil {
		t.Fatalf("check after scaffolding: %v\n%s", err, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(src, "content", "projects", "new-road.toml"))
	for _, key := range []string{"# leader", "# [[approvals]]", "# [[milestones]]", "# [[problems]]", "# start_actual", "# signed"} {
		if !strings.Contains(string(b), key) {
			t.Errorf("scaffolded project lacks %q", key)
		}
	}
}
