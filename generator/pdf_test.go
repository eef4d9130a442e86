package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongjian/generator/internal/browser"
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

// needTools skips locally when Chromium or poppler is missing; in CI
// (CI=true), where .ci/run installs them, it fails instead.
func needTools(t *testing.T, tools ...string) {
	t.Helper()
	var missing []string
	if _, err := browser.Find(); err != nil {
		missing = append(missing, "chromium")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("missing %v (apt-get install -y chromium fonts-noto-cjk poppler-utils)", missing)
	}
	t.Skipf("missing %v", missing)
}

func pdfPages(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo says no page count:\n%s", out)
	}
	return string(m[1])
}

// TestPrintBulletin prints the September bulletin, reads its text back and
// finds what a reader of the printed bulletin looks for; printing again
// gives the same number of pages.
func TestPrintBulletin(t *testing.T) {
	needTools(t, "pdftotext", "pdfinfo")
	out := filepath.Join(t.TempDir(), "public")
	_, stderr, err := runCLI("pdf", "--source", "..", "--out", out, "2023-09")
	if err != nil {
		t.Fatalf("pdf: %v\n%s", err, stderr)
	}
	pdf := filepath.Join(out, "bulletins", "2023-09", "2023-09.pdf")
	text, err := exec.Command("pdftotext", "-raw", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	// Table cells wrap: -raw keeps each cell's lines together in paint
	// order, and comparing without whitespace joins them.
	flat := strings.Join(strings.Fields(string(text)), "")

	data, err := dataset.Load(os.DirFS(".."))
	if err != nil {
		t.Fatal(err)
	}
	var b *dataset.Bulletin
	for _, x := range data.Bulletins {
		if x.Slug == "2023-09" {
			b = x
		}
	}
	want := []string{b.Title, b.Number, "2023年9月30日"}
	for _, r := range data.Regions {
		want = append(want, r.Name)
	}
	snap := metrics.Compute(data, b.AsOf)
	slow := 0
	for _, p := range snap.Projects {
		if p.Slow {
			want = append(want, p.P.Name)
			slow++
		}
	}
	if slow == 0 {
		t.Fatal("the demo has no slow project at 2023-09-30")
	}
	for _, w := range want {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), "")) {
			t.Errorf("the printed bulletin lacks %q", w)
		}
	}
	if !strings.Contains(flat, "第1页") {
		t.Errorf("the printed bulletin has no page numbers in its footer")
	}
	// The site links the PDF from the bulletin page.
	page, _ := os.ReadFile(filepath.Join(out, "bulletins", "2023-09", "index.html"))
	if !strings.Contains(string(page), `href="2023-09.pdf"`) {
		t.Errorf("the bulletin page does not link its PDF")
	}

	first := pdfPages(t, pdf)
	out2 := filepath.Join(t.TempDir(), "public")
	if _, stderr, err := runCLI("pdf", "--source", "..", "--out", out2, "2023-09"); err != nil {
		t.Fatalf("second pdf: %v\n%s", err, stderr)
	}
	if second := pdfPages(t, filepath.Join(out2, "bulletins", "2023-09", "2023-09.pdf")); second != first {
		t.Errorf("page count changed between two prints: %s then %s", first, second)
	}
}

func TestPrintUnknownBulletin(t *testing.T) {
	needTools(t)
	_, _, err := runCLI("pdf", "--source", "..", "--out", filepath.Join(t.TempDir(), "p"), "1999-01")
	if err == nil || !strings.Contains(err.Error(), `no bulletin "1999-01"`) {
		t.Errorf("pdf 1999-01 = %v; want no bulletin", err)
	}
}
