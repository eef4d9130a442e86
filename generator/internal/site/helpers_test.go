package site

import (
	"context"
	"errors"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// writeSite writes a site's files into a fresh directory.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// build builds a site into a fresh directory and returns it; the build
// must succeed.
func build(t *testing.T, src string, o Options) string {
	t.Helper()
	o.Source = src
	if o.Out == "" {
		o.Out = filepath.Join(t.TempDir(), "public")
	}
	if _, err := Build(context.Background(), o); err != nil {
		t.Fatalf("build failed:\n%s", errText(err))
	}
	return o.Out
}

func errText(err error) string {
	var el dataset.ErrorList
	if errors.As(err, &el) {
		return el.Text(i18n.En)
	}
	return err.Error()
}

func readFile(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	tagRE   = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<[^>]+>`)
	spaceRE = regexp.MustCompile(`\s+`)
)

// text is a page's visible text, one space between words: what a reader
// (or a screen reader) sees, for assertions about what the page says.
func text(t *testing.T, dir, rel string) string {
	t.Helper()
	s := tagRE.ReplaceAllString(readFile(t, dir, rel), " ")
	return strings.TrimSpace(spaceRE.ReplaceAllString(html.UnescapeString(s), " "))
}

// contains fails unless s contains every want.
func contains(t *testing.T, where, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Errorf("%s does not say %q:\n%s", where, w, excerpt(s, w))
		}
	}
}

// lacks fails when s contains any of bad.
func lacks(t *testing.T, where, s string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if i := strings.Index(s, b); i >= 0 {
			t.Errorf("%s says %q: …%s…", where, b, s[max(0, i-120):min(len(s), i+len(b)+120)])
		}
	}
}

// excerpt is the part of s nearest to what was looked for, for a failure.
func excerpt(s, near string) string {
	r := []rune(near)
	if len(r) > 2 {
		if i := strings.Index(s, string(r[:2])); i >= 0 {
			return "…" + s[max(0, i-200):min(len(s), i+300)] + "…"
		}
	}
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// baseFiles is a minimal valid site; tests add and replace files.
func baseFiles(start, end string) map[string]string {
	return map[string]string{
		"site.toml": `title = "测试站"
language = "zh-Hans"
money_unit = "亿元"
jurisdiction = "district"
[campaign]
name = "测试攻坚"
issuer = "测试区人民政府办公室"
start = ` + start + `
end = ` + end + `
[[categories]]
id = "industry"
name = "工业"
[rules]
rank_by = { regions = "fai_growth", departments = "completion_rate" }
escalation = { regions = ["通报批评", "分管领导约谈", "主要领导约谈"] }
`,
		"content/regions/a.toml":     "name = \"甲街道\"\nkind = \"street\"\n",
		"content/regions/b.toml":     "name = \"乙街道\"\nkind = \"street\"\n",
		"content/regions/c.toml":     "name = \"丙街道\"\nkind = \"street\"\n",
		"content/departments/x.toml": "name = \"发改局\"\n",
		"content/departments/y.toml": "name = \"工信局\"\n",
		"content/projects/p1.toml":   "name = \"一号项目\"\nregion = \"a\"\nowner = \"x\"\ncategory = \"industry\"\ntotal = 10\nplan = 4\nstart_planned = 2023-01-10\nstart_actual = 2023-01-15\n",
		"content/projects/p2.toml":   "name = \"二号项目\"\nregion = \"b\"\nowner = \"y\"\ncategory = \"industry\"\ntotal = 8\nplan = 2\nstart_planned = 2023-02-01\nstart_actual = 2023-02-10\n",
		"content/projects/p3.toml":   "name = \"三号项目\"\nregion = \"c\"\nowner = \"y\"\ncategory = \"industry\"\ntotal = 6\nplan = 3\nstart_planned = 2023-03-01\n",
	}
}

// with returns files with more (or replaced) files.
func with(files map[string]string, more map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// stats is a report with region growth figures and project lines.
func stats(date string, growth map[string]string, lines map[string]string) string {
	var b strings.Builder
	b.WriteString("date = " + date + "\n")
	for _, id := range sortedKeys(growth) {
		b.WriteString("[regions." + id + "]\nfai_growth = " + growth[id] + "\n")
	}
	for _, id := range sortedKeys(lines) {
		b.WriteString("[projects." + id + "]\ncompleted = " + lines[id] + "\n")
	}
	return b.String()
}

// walk lists a directory's files, slash-separated and relative.
func walk(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// repoRoot is the repository: its site.toml and content/ are the demo.
const repoRoot = "../../.."
