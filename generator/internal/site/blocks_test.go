package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBlockErrors: a bad ```chart or ```table block is an error naming the
// markdown file and the line of the offending key.
func TestBlockErrors(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown kind", "intro\n\n```chart\nkind = \"pie\"\n```\n", "content/note.md:7: chart block kind \"pie\" is unknown (expected one of ranking | trend | pace | pipeline | gauge | heatmap | project)"},
		{"unknown metric", "```chart\nkind = \"ranking\"\nmetric = \"happiness\"\n```\n", "content/note.md:6: chart block metric \"happiness\" is unknown"},
		{"unknown of", "```table\nkind = \"ranking\"\nof = \"planets\"\n```\n", "content/note.md:6: table block of = \"planets\" is unknown"},
		{"bad toml", "```chart\nkind = ranking\n```\n", "content/note.md:5: chart block:"},
		{"no kind", "```table\nmetric = \"fai\"\n```\n", "content/note.md:4: table block has no kind"},
		{"unknown key", "```table\nkind = \"targets\"\ncolour = \"red\"\n```\n", "content/note.md:6: table block: unknown key colour"},
		{"unknown table kind", "```table\nkind = \"gossip\"\n```\n", "content/note.md:5: table block kind \"gossip\" is unknown"},
		{"unknown id", "```chart\nkind = \"pace\"\nof = \"regions\"\nid = \"atlantis\"\n```\n", "content/note.md:7: id \"atlantis\" is not one of the regions"},
		{"metric that cannot rank", "```chart\nkind = \"ranking\"\nmetric = \"slow_count\"\n```\n", "content/note.md:6:"},
		{"project chart without a project", "```chart\nkind = \"project\"\nid = \"nope\"\n```\n", "content/note.md:6: id \"nope\" is not a project"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTree(t, "testdata/sites/small", dir)
			// Two lines of front matter + "+++": the body starts on line 4.
			md := "+++\ntitle = \"说明\"\n+++\n" + tt.body
			if err := os.WriteFile(filepath.Join(dir, "content", "note.md"), []byte(md), 0o644); err != nil {
				t.Fatal(err)
			}
			err := Check(context.Background(), Options{Source: dir, Layouts: layouts})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check = %v; want an error containing %q", err, tt.want)
			}
		})
	}
}

// TestBlocksRender: valid blocks of every kind render in a page, with the
// page's figures, and raw HTML in markdown is shown as text.
func TestBlocksRender(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "testdata/sites/small", dir)
	var b strings.Builder
	b.WriteString("+++\ntitle = \"全部图表\"\n+++\n<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n")
	for _, k := range []string{
		"kind = \"ranking\"", "kind = \"ranking\"\nof = \"departments\"", "kind = \"trend\"", "kind = \"trend\"\nof = \"regions\"",
		"kind = \"trend\"\nof = \"sectors\"\nid = \"manufacturing\"", "kind = \"pace\"", "kind = \"pace\"\nof = \"lists\"\nid = \"batch-1\"",
		"kind = \"pipeline\"", "kind = \"gauge\"", "kind = \"heatmap\"", "kind = \"project\"\nid = \"a\"",
	} {
		b.WriteString("```chart\n" + k + "\n```\n\n")
	}
	for _, k := range []string{"slow-projects", "not-started", "overdue-approvals", "ranking", "changes", "targets"} {
		b.WriteString("```table\nkind = \"" + k + "\"\n```\n\n")
	}
	if err := os.WriteFile(filepath.Join(dir, "content", "all.md"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	build(t, dir, out, nil)
	html, err := os.ReadFile(filepath.Join(out, "all", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(html)
	if n := strings.Count(s, `class="chart-box"`); n != 11 {
		t.Errorf("page has %d charts; want 11", n)
	}
	for i := 0; i < 11; i++ {
		if !strings.Contains(s, `id="c_all_`+string(rune('0'+i%10))) {
			t.Errorf("chart id c_all_%d missing", i)
		}
	}
	for _, want := range []string{
		"&lt;script&gt;alert(1)&lt;/script&gt;", // raw HTML escaped
		"<table>",                               // GFM table
		"乙项目",                                   // slow-projects lists b
		"丙项目",                                   // not-started and overdue list c
		"assets/echarts.min.js",                 // the page loads the site's ECharts
	} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(s, "<script>alert(1)") {
		t.Error("raw <script> from markdown reached the page")
	}
}
