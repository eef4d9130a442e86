package site

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/i18n/i18ntest"
)

// The three languages of the UI, end to end: the tables are complete and
// take the same arguments; a Traditional site has no Simplified character
// and an English one no Chinese character outside the office's own words;
// the jurisdiction picks the words for the area and for problem levels;
// [strings] overrides any string and rejects a key no table has.

// epoch fixes the build date the footers show (SOURCE_DATE_EPOCH):
// 2023-10-08.
const epoch = "1696723200"

// readTable reads a UI string table of the embedded default layouts.
func readTable(t *testing.T, lang i18n.Lang) (map[string]string, string) {
	t.Helper()
	defaults, err := DefaultLayouts()
	if err != nil {
		t.Fatal(err)
	}
	src, err := fs.ReadFile(defaults, "i18n/"+string(lang)+".toml")
	if err != nil {
		t.Fatalf("layouts/i18n/%s.toml: %v", lang, err)
	}
	var m map[string]string
	if _, err := toml.Decode(string(src), &m); err != nil {
		t.Fatalf("layouts/i18n/%s.toml: %v", lang, err)
	}
	return m, string(src)
}

// lineOf is the line of a table that defines key.
func lineOf(src, key string) int {
	for i, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, `"`+key+`"`) {
			return i + 1
		}
	}
	return 0
}

// Every UI string is in every language — jurisdiction variants included —
// and takes the same arguments, printed by the same kinds of verb.
func TestStringTablesComplete(t *testing.T) {
	base, _ := readTable(t, i18n.ZhHans)
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			table, src := readTable(t, lang)
			for _, k := range sortedKeys(base) {
				if _, ok := table[k]; !ok {
					t.Errorf("layouts/i18n/%s.toml lacks %q (zh-Hans.toml has it)", lang, k)
				}
			}
			for _, k := range sortedKeys(table) {
				file := fmt.Sprintf("layouts/i18n/%s.toml:%d", lang, lineOf(src, k))
				if _, ok := base[k]; !ok {
					t.Errorf("%s: %q is in no other table (zh-Hans.toml lacks it)", file, k)
					continue
				}
				want, err := i18ntest.Args(base[k])
				if err != nil {
					t.Errorf("layouts/i18n/zh-Hans.toml %s: %v", k, err)
					continue
				}
				got, err := i18ntest.Args(table[k])
				if err != nil {
					t.Errorf("%s: %s: %v", file, k, err)
					continue
				}
				if d := i18ntest.SameArgs(want, got); d != "" {
					t.Errorf("%s: %s takes other arguments than in zh-Hans.toml: %s", file, k, d)
				}
				if key, jur, ok := strings.Cut(k, "@"); ok {
					if _, ok := table[key]; !ok {
						t.Errorf("%s: %s is a variant of %s, which the table lacks", file, k, key)
					}
					if !isJurisdiction(jur) {
						t.Errorf("%s: %s names %q, which is no jurisdiction", file, k, jur)
					}
				}
			}
		})
	}
}

func isJurisdiction(s string) bool {
	for _, c := range dataset.Jurisdictions {
		if c.Value == s {
			return true
		}
	}
	return false
}

// The Traditional table has no Simplified character; the English one no
// CJK character at all (the Chinese punctuation of the other tables
// included).
func TestStringTablesScript(t *testing.T) {
	hant, src := readTable(t, i18n.ZhHant)
	for _, k := range sortedKeys(hant) {
		found, err := i18ntest.Simplified(hant[k])
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("layouts/i18n/zh-Hant.toml:%d: %s has the Simplified %c (Traditional: %s) in %q",
				lineOf(src, k), k, f.Rune, f.Traditional, hant[k])
		}
	}
	en, src := readTable(t, i18n.En)
	for _, k := range sortedKeys(en) {
		for _, at := range i18ntest.CJK(en[k]) {
			t.Errorf("layouts/i18n/en.toml:%d: %s has a CJK character in %q", lineOf(src, k), k, i18ntest.Context(en[k], at, 8))
		}
	}
}

// copySite copies a test site into a temporary directory (out of git, so
// that no commit line varies), rewriting its site.toml with edit.
func copySite(t *testing.T, name string, edit func(string) string) string {
	t.Helper()
	from := filepath.Join("testdata", "sites", name)
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if strings.HasSuffix(rel, ".golden") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if rel == "site.toml" && edit != nil {
			b = []byte(edit(string(b)))
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// buildFiles builds a site into a new directory and reads every file of it
// back, by slash path; ECharts, which is not ours, is left out.
func buildFiles(t *testing.T, src string) map[string]string {
	t.Helper()
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Source: src, Out: out}); err != nil {
		var el dataset.ErrorList
		if errors.As(err, &el) {
			t.Fatalf("Build: %s", el.Text(i18n.En))
		}
		t.Fatalf("Build: %v", err)
	}
	files := map[string]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		if rel == "assets/echarts.min.js" || strings.HasPrefix(rel, ".") {
			return nil
		}
		b, err := os.ReadFile(p)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// officeWords are the office's own words: every run of text between
// ASCII spaces and punctuation with a non-ASCII character in it (Chinese
// punctuation belongs to the run), in site.toml and content/ — names,
// notes, narratives, document numbers — longest first. The generator
// shows them as written, whatever the site's language.
func officeWords(t *testing.T, src string) *strings.Replacer {
	t.Helper()
	set := map[string]bool{}
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, w := range strings.FieldsFunc(string(b), func(r rune) bool {
			return r <= unicode.MaxASCII && !unicode.IsLetter(r) && !unicode.IsDigit(r)
		}) {
			if strings.IndexFunc(w, func(r rune) bool { return r > unicode.MaxASCII }) >= 0 {
				set[w] = true
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) > len(words[j])
		}
		return words[i] < words[j]
	})
	var pairs []string
	for _, w := range words {
		pairs = append(pairs, w, "\x00")
	}
	return strings.NewReplacer(pairs...)
}

var (
	scriptOrStyle = regexp.MustCompile(`(?is)<script\b.*?</script>|<style\b.*?</style>|<head>.*?</head>`)
	tag           = regexp.MustCompile(`<[^>]*>`)
)

// visibleText is what a reader sees of a page: its text, one text node a
// line.
func visibleText(page string) string {
	var b strings.Builder
	for _, part := range tag.Split(scriptOrStyle.ReplaceAllString(page, ""), -1) {
		if s := strings.Join(strings.Fields(html.UnescapeString(part)), " "); s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// golden compares got with a golden file, or writes it with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (go test ./generator/internal/site -update writes it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the build (go test ./generator/internal/site -update, then read the diff):\n%s", file, firstDiff(string(want), got))
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d: got %q; want %q", i+1, gl, wl)
		}
	}
	return ""
}

// goldenPages are the pages whose text a language site's golden file
// holds: one of each kind that words much.
var goldenPages = []string{"index.html", "rankings/index.html", "404.html", "feed.xml"}

func TestLanguageSites(t *testing.T) {
	for _, tc := range []struct {
		site     string
		project  string // a project page with problems, approvals or milestones
		unit     string
		bulletin string
		// foreign reports where a character the language has no use for
		// appears, outside the office's own words.
		foreign func(string) []int
		want    []string // on the home page
		unit1   string   // the money unit as every page's footer names it
		not     string   // a unit no page may name
	}{
		{
			site: "lang-hant", project: "projects/chuneng/index.html", unit: "regions/yanchi/index.html", bulletin: "bulletins/2023-09/index.html",
			foreign: simplifiedAt,
			want:    []string{"2023年9月30日", "185.60", "億元", "全市", "攻堅第 47 天", "個百分點"},
			unit1:   "金額單位：億元", not: "亿元",
		},
		{
			site: "lang-en", project: "projects/fengdian/index.html", unit: "regions/huamachi/index.html", bulletin: "bulletins/2023-09/index.html",
			foreign: i18ntest.CJK,
			want:    []string{"30 Sep 2023", "Data as of 30 Sep 2023", "Amounts in ¥100 million", "¥5.08", "billion", "+¥850 million since 31 Aug", "County-wide", "pp"},
			unit1:   "Amounts in ¥100 million", not: "亿元",
		},
	} {
		t.Run(tc.site, func(t *testing.T) {
			src := copySite(t, tc.site, nil)
			files := buildFiles(t, src)
			if again := buildFiles(t, src); !sameFiles(files, again) {
				t.Errorf("two builds of %s differ", tc.site)
			}
			office := officeWords(t, src)
			for _, rel := range sortedKeys(files) {
				rest := office.Replace(visible(rel, files[rel]))
				for _, at := range tc.foreign(rest) {
					t.Errorf("%s: %q outside the office's own words", rel, i18ntest.Context(rest, at, 12))
				}
			}
			home := visibleText(files["index.html"])
			for _, w := range tc.want {
				if !strings.Contains(home, w) {
					t.Errorf("the home page does not say %q", w)
				}
			}
			for _, rel := range sortedKeys(files) {
				if !strings.HasSuffix(rel, ".html") {
					continue
				}
				if !strings.Contains(files[rel], tc.unit1) {
					t.Errorf("%s does not say %q", rel, tc.unit1)
				}
				if strings.Contains(files[rel], tc.not) {
					t.Errorf("%s says %q", rel, tc.not)
				}
			}
			var b strings.Builder
			for _, rel := range append([]string{tc.project, tc.unit, tc.bulletin}, goldenPages...) {
				page, ok := files[rel]
				if !ok {
					t.Fatalf("the build has no %s", rel)
				}
				fmt.Fprintf(&b, "==> %s <==\n", rel)
				if strings.HasSuffix(rel, ".html") {
					page = visibleText(page)
				}
				b.WriteString(page)
			}
			golden(t, filepath.Join("testdata", "sites", tc.site, "text.golden"), b.String())
		})
	}
}

// simplifiedAt lists the offsets of the Simplified-only characters of s.
func simplifiedAt(s string) []int {
	found, err := i18ntest.Simplified(s)
	if err != nil {
		panic(err)
	}
	out := make([]int, len(found))
	for i, f := range found {
		out[i] = f.Offset
	}
	return out
}

func sameFiles(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || v != w {
			return false
		}
	}
	return true
}

// areaOrLevel matches the words for the whole area (全区) and for the
// level of a problem (县级, 县（市）级).
var areaOrLevel = regexp.MustCompile(`全[区县市州省]|[县区市州省](（[^）]*）)?级`)

// A site's jurisdiction picks the words for the whole area and for the
// levels of problems, with no [strings] override: a city says 全市 and
// 县级, a county 全县 and 县级, a district 全区 and 区级 — on every page
// that names them, and never the others' words.
func TestJurisdictions(t *testing.T) {
	for _, tc := range []struct {
		jurisdiction       string
		area, county, city string
	}{
		{"city", "全市", "县级", "市级"},
		{"county", "全县", "县级", "市级"},
		{"district", "全区", "区级", "市级"},
		{"prefecture", "全州", "县（市）级", "州级"},
		{"province", "全省", "县（市、区）级", "市级"},
	} {
		t.Run(tc.jurisdiction, func(t *testing.T) {
			src := copySite(t, "jurisdiction", func(s string) string {
				return regexp.MustCompile(`(?m)^jurisdiction = .*$`).ReplaceAllString(s, `jurisdiction = "`+tc.jurisdiction+`"`)
			})
			files := buildFiles(t, src)
			office := officeWords(t, src)
			seen := map[string]bool{}
			var b strings.Builder
			for _, rel := range sortedKeys(files) {
				rest := office.Replace(visible(rel, files[rel]))
				for _, w := range areaOrLevel.FindAllString(rest, -1) {
					seen[w] = true
					if w != tc.area && w != tc.county && w != tc.city {
						t.Errorf("%s says %s; a %s site says %s, %s and %s", rel, w, tc.jurisdiction, tc.area, tc.county, tc.city)
					}
				}
				if !strings.HasSuffix(rel, ".html") {
					continue
				}
				var lines []string
				for _, line := range strings.Split(visibleText(files[rel]), "\n") {
					if areaOrLevel.MatchString(office.Replace(line)) {
						lines = append(lines, line)
					}
				}
				if len(lines) > 0 {
					fmt.Fprintf(&b, "==> %s <==\n%s\n", rel, strings.Join(lines, "\n"))
				}
			}
			for _, w := range []string{tc.area, tc.county, tc.city} {
				if !seen[w] {
					t.Errorf("no page of a %s site says %s", tc.jurisdiction, w)
				}
			}
			golden(t, filepath.Join("testdata", "sites", "jurisdiction", tc.jurisdiction+".golden"), b.String())
		})
	}
}

// [strings] overrides any UI string: with every key of the table
// overridden, the site shows no word of the table — nothing on a page is
// worded in Go code — only the office's words and the dates the
// generator formats.
func TestStringsOverrideAll(t *testing.T) {
	table, _ := readTable(t, i18n.ZhHans)
	var b strings.Builder
	b.WriteString("\n[strings]\n")
	for _, k := range sortedKeys(table) {
		args, err := i18ntest.Args(table[k])
		if err != nil {
			t.Fatal(err)
		}
		v := "<<" + k + ">>"
		for i := 1; i <= len(args); i++ {
			v += fmt.Sprintf(" %%[%d]v", i)
		}
		fmt.Fprintf(&b, "%q = %q\n", k, v)
	}
	src := copySite(t, "jurisdiction", func(s string) string { return s + b.String() })
	files := buildFiles(t, src)
	office := officeWords(t, src)
	dates := regexp.MustCompile(`\d+年(\d+月(\d+日)?)?|\d+月\d+日`)
	for _, rel := range sortedKeys(files) {
		rest := dates.ReplaceAllString(office.Replace(visible(rel, files[rel])), "")
		for _, at := range i18ntest.CJK(rest) {
			t.Errorf("%s: %q is no override, no office's word and no date", rel, i18ntest.Context(rest, at, 12))
		}
	}
	for _, w := range []string{"&lt;&lt;nav.home&gt;&gt;", "&lt;&lt;area.whole&gt;&gt;", "&lt;&lt;level.county&gt;&gt;", `print.footer\3e \3e  " counter(page) " " counter(pages)`} {
		if !strings.Contains(files["index.html"]+files["projects/daolu/index.html"], w) {
			t.Errorf("neither the home page nor a project's page has %s", w)
		}
	}
}

// An unknown key in [strings] is an error that names it and its line.
func TestStringsUnknownKey(t *testing.T) {
	src := copySite(t, "jurisdiction", func(s string) string {
		return s + "\n[strings]\n\"nav.home\" = \"首页\"\n\"nav.hom\" = \"首頁\"\n\"area.whole@city\" = \"本市\"\n"
	})
	err := Check(context.Background(), Options{Source: src})
	var el dataset.ErrorList
	if !errors.As(err, &el) {
		t.Fatalf("Check with [strings] nav.hom = %v; want an error list", err)
	}
	lines := strings.Count(mustRead(t, filepath.Join(src, "site.toml")), "\n")
	want := fmt.Sprintf("site.toml:%d: [strings] 中的 nav.hom 不是界面文字的键（应为 layouts/i18n/zh-Hans.toml 中的键）", lines-1)
	if got := el.Text(i18n.ZhHans); got != want {
		t.Errorf("Check with [strings] nav.hom:\n got %s\nwant %s", got, want)
	}
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	cssComment    = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssFontFamily = regexp.MustCompile(`(font-family|--[a-z-]+):[^;}]*"[^;}]*`)
)

// visible is what of a file can reach a reader: a stylesheet's comments
// and font family names (仿宋, 黑体 are the fonts' own names, in
// font-family or in a custom property holding a font list) never do.
func visible(rel, s string) string {
	if strings.HasSuffix(rel, ".css") {
		return cssFontFamily.ReplaceAllString(cssComment.ReplaceAllString(s, ""), "")
	}
	return s
}
