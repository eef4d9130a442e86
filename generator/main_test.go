package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
)

// runCmd runs the command line in process.
func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var o, e bytes.Buffer
	err = run(context.Background(), args, &o, &e)
	return o.String(), e.String(), err
}

// The README lists exactly the flags the command line has.
func TestREADMEFlagsInStep(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile("(?m)^--([a-z-]+)").FindAllStringSubmatch(string(readme), -1) {
		listed[m[1]] = true
	}
	used := map[string]bool{}
	for _, c := range commands {
		for _, f := range c.flags {
			used[f] = true
		}
		if !strings.Contains(string(readme), "generator "+c.name) {
			t.Errorf("the README does not show the %s command", c.name)
		}
	}
	for f := range used {
		if !listed[f] {
			t.Errorf("the README's flag list lacks --%s", f)
		}
	}
	for f := range listed {
		if !used[f] {
			t.Errorf("the README lists --%s, which no command takes", f)
		}
	}
}

// Flags may come anywhere; messages follow --lang.
func TestCommandLine(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runCmd(t, "new", "site", dir, "--lang", "en"); err != nil {
		t.Fatalf("new site: %v", err)
	}
	out, _, err := runCmd(t, "check", "--source", dir, "--lang", "en")
	if err != nil || !strings.Contains(out, "check passed") {
		t.Fatalf("a new site does not pass check: %v %s", err, out)
	}
	out, _, err = runCmd(t, "check", "--lang", "zh-Hant", "--source", dir)
	if err != nil || !strings.Contains(out, "檢查通過") {
		t.Errorf("check in zh-Hant = %q, %v", out, err)
	}
	_, _, err = runCmd(t, "check", "extra", "--source", dir)
	if err == nil || !strings.Contains(err.Error(), "unexpected argument extra") {
		t.Errorf("an extra argument: %v", err)
	}
	_, errOut, err := runCmd(t, "frobnicate")
	if err == nil || !strings.Contains(errOut, "generator build") {
		t.Errorf("an unknown command: %v, usage %q", err, errOut)
	}
	out, _, err = runCmd(t, "help", "--lang", "en")
	if err != nil || !strings.Contains(out, "--as-of YYYY-MM-DD") {
		t.Errorf("help: %v\n%s", err, out)
	}
}

// new bulletin takes its as_of (and date) from the month's last report
// and its number from the previous bulletin's, with flags after the
// arguments; the words are the site's (全县 on a county's site).
func TestNewBulletin(t *testing.T) {
	src := copyDir(t, "internal/site/testdata/sites/threeyear")
	if _, _, err := runCmd(t, "new", "bulletin", "2022-12", "--source", src); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(src, "content/bulletins/2022-12.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`title = "2022年12月全县扩大有效投资进展情况通报"`, `number = "第1期"`, "date = 2022-12-31", "as_of = 2022-12-31"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the bulletin lacks %s:\n%s", want, b)
		}
	}
	// Back-filling after a later bulletin: numbered after the one before it.
	if _, _, err := runCmd(t, "new", "bulletin", "2023-12", "--source", src); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(filepath.Join(src, "content/bulletins/2023-12.md"))
	if !strings.Contains(string(b), `number = "第6期"`) { // after 第5期 (2023-06)
		t.Errorf("2023-12 after 第5期:\n%s", b)
	}
	out, _, err := runCmd(t, "check", "--source", src, "--lang", "en")
	if err != nil {
		t.Errorf("the scaffolded bulletins do not pass check: %v %s", err, out)
	}
}

// A directory with only site.toml and content/ builds with a binary built
// elsewhere: the layouts and ECharts are in the binary.
func TestInstalledBinaryBuildsBareSite(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "gongjian")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	src := copyDir(t, "internal/site/testdata/sites/threeyear")
	if _, err := os.Stat(filepath.Join(src, "layouts")); err == nil {
		t.Fatal("the test site has layouts/")
	}
	out := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(bin, "build", "--source", src, "--out", out)
	cmd.Dir = t.TempDir() // nowhere near the repository
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the installed binary could not build a bare site: %v\n%s", err, b)
	}
	for _, f := range []string{"index.html", "assets/site.css", "assets/echarts.min.js", "assets/charts.js", "assets/echarts-LICENSE.txt", "assets/echarts-NOTICE.txt"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the bare site's build lacks %s", f)
		}
	}
}

// copyDir copies a directory tree into a temporary directory.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}
