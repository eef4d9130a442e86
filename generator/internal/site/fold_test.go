package site

import (
	"bytes"
	"html/template"
	"strings"
	"testing"
)

// Folding UI strings must not change a byte of any page: a string with
// every character HTML treats specially renders the same folded and not,
// in every context html/template knows.
func TestFoldSameOutput(t *testing.T) {
	table := map[string]string{
		"s":     `a<b>&"c'+d e` + "\x00",
		"url":   `/x?q=a b&c="d"`,
		"plain": "调度日期",
	}
	lookup := func(k string) (string, bool) { v, ok := table[k]; return v, ok }
	src := `{{define "main"}}<p title="{{T "s"}}" data-x={{T "s"}}>{{T "s"}} {{T "plain"}}</p>` +
		`<a href="{{T "url"}}">{{T "url"}}</a><script>var s = {{T "s"}};</script>` +
		`<style>p { content: "{{T "plain"}}"; }</style><textarea>{{T "s"}}</textarea>` +
		`{{range .}}<i data-label="{{T "plain"}}">{{.}}</i>{{end}}{{template "p" "x"}}{{end}}` +
		`{{define "p"}}<b title="{{T "s"}}">{{.}}{{T "s"}}</b>{{end}}`
	render := func(fold bool) string {
		tm := template.Must(template.New("t").Funcs(template.FuncMap{"T": func(k string) (string, error) {
			v, _ := lookup(k)
			return v, nil
		}}).Parse(src))
		if fold {
			foldStrings(tm, lookup)
			if err := escapeAll(tm); err != nil {
				t.Fatal(err)
			}
			foldEscaped(tm)
			// The strings in text and quoted attributes are now text.
			if n := strings.Count(tm.Lookup("main").Tree.Root.String(), "{{"); n > 9 {
				t.Errorf("%d actions left after folding:\n%s", n, tm.Lookup("main").Tree.Root)
			}
		}
		var b bytes.Buffer
		if err := tm.ExecuteTemplate(&b, "main", []int{1, 2}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	plain, folded := render(false), render(true)
	if plain != folded {
		t.Errorf("folded output differs:\nplain:  %s\nfolded: %s", plain, folded)
	}
	if !strings.Contains(folded, `title="a&lt;b&gt;&amp;&#34;c&#39;&#43;d e`+"\uFFFD"+`"`) {
		t.Errorf("attribute not escaped: %s", folded)
	}
}

// A key no table has is not folded: the page still fails naming it.
func TestFoldLeavesUnknownKeys(t *testing.T) {
	tm := template.Must(template.New("t").Funcs(template.FuncMap{"T": func(k string) (string, error) {
		return "", errUnknown(k)
	}}).Parse(`<p>{{T "nope"}}</p>`))
	foldStrings(tm, func(string) (string, bool) { return "", false })
	if err := escapeAll(tm); err != nil {
		t.Fatal(err)
	}
	foldEscaped(tm)
	var b bytes.Buffer
	err := tm.Execute(&b, nil)
	if err == nil || !strings.Contains(err.Error(), `"nope"`) {
		t.Errorf("want the unknown key named, got %v", err)
	}
}

type errUnknown string

func (e errUnknown) Error() string { return "unknown UI string \"" + string(e) + "\"" }

// An escaping error (a template html/template refuses) is reported when
// the layouts load, not at the first page that uses it.
func TestFoldEscapeError(t *testing.T) {
	tm := template.Must(template.New("t").Parse(`<a href="{{.}}`))
	if err := escapeAll(tm); err == nil {
		t.Error("want an escaping error for an unclosed attribute")
	}
}
