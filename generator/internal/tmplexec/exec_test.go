package tmplexec

import (
	"bytes"
	"errors"
	"html/template"
	"io"
	"strings"
	"testing"
)

type inner struct {
	Name string
	N    int
}

func (i *inner) Hello(s string) string { return "hi " + s + " " + i.Name }

type data struct {
	Title   string
	HTML    template.HTML
	URL     template.URL
	Ptr     *inner
	Nil     *inner
	Val     inner
	Items   []inner
	Empty   []string
	Map     map[string]int
	IntMap  map[int]string
	Any     any
	NilAny  any
	Err     error
	Count   int
	Uint    uint8
	F       float64
	Flag    bool
	Href    string
	Width   string
	private string
}

func (d *data) Fail() (string, error) { return "", errors.New("boom") }
func (d *data) Twice(n int) int       { return 2 * n }
func (d data) ByValue() string        { return "v:" + d.Title }
func (d *data) Panics() string        { panic("oops") }

func sample() *data {
	return &data{
		Title: `Tom & "Jerry" <b>+1</b>`, HTML: "<em>ok</em>", URL: "javascript:alert(1)",
		Ptr: &inner{"p", 3}, Val: inner{"v", 0},
		Items: []inner{{"a", 1}, {"b", 2}, {"c", 3}},
		Map:   map[string]int{"z": 26, "a": 1, "m": 13}, IntMap: map[int]string{3: "c", 1: "a", 2: "b"},
		Any: 42, Count: 3, Uint: 7, F: 2.5, Flag: true,
		Href: "javascript:evil()", Width: "42.5",
		private: "x",
	}
}

var testFuncs = template.FuncMap{
	"upper": strings.ToUpper,
	"fails": func(string) (string, error) { return "", errors.New("bad") },
	"join":  func(xs ...any) string { return strings.Repeat("*", len(xs)) },
	"inc":   func(i int) int { return i + 1 },
	"typed": Func1(func(i inner) string { return "typed " + i.Name }),
}

var testMethods = []*Method{
	Method1("Hello", (*inner).Hello),
	Method1("Twice", (*data).Twice),
	Method0("ByValue", data.ByValue), // value receiver: found on *data with another type, so not used
}

// run executes as the site does: the program, or html/template when it
// declines.
func run(t *testing.T, set *template.Template, prog *Program, d any) (string, error) {
	var buf bytes.Buffer
	if prog != nil {
		if err := prog.Execute(&buf, d); err == nil {
			return buf.String(), nil
		} else if !errors.Is(err, ErrFallback) {
			t.Fatalf("Execute error %v, want nil or ErrFallback", err)
		}
		buf.Reset()
	}
	err := set.ExecuteTemplate(&buf, "t", d)
	return buf.String(), err
}

func TestExecuteMatchesHTMLTemplate(t *testing.T) {
	cases := []struct {
		name, src string
		compiled  bool // Compile accepts it
		fast      bool // and executes it without falling back
	}{
		{"text and fields", `<p title="{{.Title}}">{{.Title}} {{.Ptr.Name}} {{.Val.N}} {{.F}} {{.Uint}}</p>`, true, true},
		{"html content", `<div>{{.HTML}}</div>`, true, true},
		{"html in attribute falls back", `<div title="{{.HTML}}"></div>`, true, false},
		{"urls", `<a href="{{.Href}}">x</a><a href="{{.URL}}">y</a><a href="/q?s={{.Title}}">z</a><a href="{{.Ptr.Name}}/{{.Title}}">w</a>`, true, true},
		{"css value", `<span style="width: {{.Width}}%"></span><span style="width: {{.Title}}"></span>`, true, true},
		{"css string", `<style>p { content: "{{.Title}}"; } q { content: '{{.Href}}\\ \\' } </style>`, true, true},
		{"rcdata", `<title>{{.Title}} {{.HTML}}</title>`, true, true},
		{"methods", `{{.Ptr.Hello "you"}} {{.Twice 21}} {{.ByValue}} {{.Val.Name}}`, true, true},
		{"method error falls back", `{{.Fail}}`, true, false},
		{"func error falls back", `{{fails "x"}}`, true, false},
		{"panic falls back", `{{.Panics}}`, true, false},
		{"nil pointer falls back", `{{.Nil.Name}}`, true, false},
		{"missing map key", `[{{.Map.nothere}}] [{{index .Map "q"}}] [{{.NilAny}}]`, true, true},
		{"if else chains", `{{if .Flag}}a{{end}}{{if .Empty}}b{{else if .Count}}c{{else}}d{{end}}{{with .Ptr}}{{.Name}}{{else}}none{{end}}{{with .Nil}}x{{else with .Val}}{{.Name}}{{end}}`, true, true},
		{"range slice", `{{range $i, $e := .Items}}{{if $i}},{{end}}{{$i}}={{$e.Name}}{{end}}{{range .Empty}}x{{else}}empty{{end}}`, true, true},
		{"range map sorted", `{{range $k, $v := .Map}}{{$k}}:{{$v}} {{end}}{{range .IntMap}}{{.}}{{end}}`, true, true},
		{"range int", `{{range .Count}}{{.}}{{end}}{{range $x := 2}}[{{$x}}]{{end}}`, true, true},
		{"break continue", `{{range .Items}}{{if eq .N 2}}{{continue}}{{end}}{{if eq .N 3}}{{break}}{{end}}{{.Name}}{{end}}`, true, true},
		{"variables", `{{$x := .Title}}{{$y := 1}}{{range .Items}}{{$y = .N}}{{end}}{{$x}} {{$y}} {{$.Count}}`, true, true},
		{"and or not", `{{and .Flag .Count .Title}} {{or .Empty .Nil 0 "x"}} {{not .Flag}} {{and .Empty .Panics}} {{or .Flag .Panics}} {{.Count | and 1}}`, true, true},
		{"comparisons", `{{eq .Count 3}} {{eq .Uint 7}} {{eq .Title "x" "y"}} {{ne .F 2.5}} {{lt .Count 4}} {{le 3 .Count}} {{gt .F 1.0}} {{ge .Uint 8}}`, true, true},
		{"comparison error falls back", `{{lt .Title 3}}`, true, false},
		{"len index print", `{{len .Items}} {{len .Map}} {{(index .Items 1).Name}} {{index .Map "m"}} {{print "a" 1 .F}} {{printf "%s-%d-%.1f" .Title .Count .F}} {{println .Count}}`, true, true},
		{"index out of range falls back", `{{index .Items 5}}`, true, false},
		{"pipelines and parens", `{{.Title | upper}} {{.Count | inc | inc}} {{(inc .Count)}} {{join 1 2 .Count}} {{typed .Val}} {{"c" | printf "%s-%s" "b"}}`, true, true},
		{"interfaces", `{{.Any}} {{eq .Any 42}} {{if .NilAny}}x{{else}}nil{{end}} {{.Err}}`, true, true},
		{"template calls", `{{define "item"}}<li>{{.Name}}</li>{{end}}<ul>{{range .Items}}{{template "item" .}}{{end}}</ul>{{block "b" .Ptr}}{{.Name}}{{end}}`, true, true},
		{"unexported field falls back", `{{.private}}`, true, false},
		{"unknown field falls back", `{{.Nope}}`, true, false},
		{"js context is not compiled", `<script>var x = {{.Title}};</script>`, false, false},
		{"numbers", `{{1}} {{1.5}} {{1e3}} {{0x10}} {{-2}} {{'a'}}`, true, true},
		{"comment", `a{{/* c */}}b<!-- html comment -->c`, true, true},
		{"nil", `{{.Ptr.Hello "x" | printf "%s"}}{{if eq .Nil nil}}x{{end}}`, true, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			set := template.Must(template.New("t").Funcs(fmValues(testFuncs)).Parse(c.src))
			// Escaping happens on the first execution.
			set.Execute(io.Discard, sample())
			prog, err := Compile(set, "t", testFuncs, testMethods...)
			if (err == nil) != c.compiled {
				t.Fatalf("Compile error = %v, want compiled %v", err, c.compiled)
			}
			d := sample()
			want, wantErr := run(t, set, nil, d)
			got, gotErr := run(t, set, prog, d)
			if got != want || (gotErr == nil) != (wantErr == nil) || (gotErr != nil && gotErr.Error() != wantErr.Error()) {
				t.Errorf("compiled:\n%q (%v)\nhtml/template:\n%q (%v)", got, gotErr, want, wantErr)
			}
			if prog != nil {
				var buf bytes.Buffer
				fast := prog.Execute(&buf, sample()) == nil
				if fast != c.fast {
					t.Errorf("executed without fallback = %v, want %v", fast, c.fast)
				}
			}
		})
	}
}

func fmValues(fm template.FuncMap) template.FuncMap {
	out := template.FuncMap{}
	for k, f := range fm {
		if fn, ok := f.(Func); ok {
			f = fn.Value()
		}
		out[k] = f
	}
	return out
}

// FuzzExecute: for any template html/template accepts, a compiled
// program writes what html/template writes (or falls back).
func FuzzExecute(f *testing.F) {
	for _, s := range []string{
		`<p title="{{.Title}}">{{.Title}} {{.Ptr.Name}}</p>`,
		`{{range $i, $e := .Items}}{{if $i}},{{end}}{{$e.Name}}{{end}}`,
		`<a href="{{.Href}}">{{.Map.a}}</a>`,
		`{{with .Ptr}}{{.Hello "x"}}{{else}}n{{end}}{{and .Flag .Count}}`,
		`{{printf "%v" .Items}}{{len .Map}}{{index .IntMap 1}}`,
		`<span style="width: {{.Width}}">{{eq .Count 3 4}}</span>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		set, err := template.New("t").Funcs(fmValues(testFuncs)).Parse(src)
		if err != nil {
			return
		}
		var escErr *template.Error
		if err := set.Execute(io.Discard, sample()); errors.As(err, &escErr) {
			return
		}
		prog, err := Compile(set, "t", testFuncs, testMethods...)
		if err != nil {
			return
		}
		d := sample() // the same pointers: %v prints addresses
		want, wantErr := run(t, set, nil, d)
		got, gotErr := run(t, set, prog, d)
		if got != want || (gotErr == nil) != (wantErr == nil) {
			t.Errorf("%q:\ncompiled:      %q (%v)\nhtml/template: %q (%v)", src, got, gotErr, want, wantErr)
		}
	})
}

func TestHTMLReplaceTo(t *testing.T) {
	for _, s := range []string{"", "plain", `<a href="x">'&'+</a>`, "\x00nul", "中文<b>", "bad \xff\xfe utf8 <", "\uFDD0\uFFFF>", "end&"} {
		for _, table := range [][]string{htmlReplacementTable, htmlNormReplacementTable} {
			var b bytes.Buffer
			htmlReplaceTo(&b, s, table)
			if want := htmlReplacer(s, table, true); b.String() != want {
				t.Errorf("htmlReplaceTo(%q) = %q; want %q", s, b.String(), want)
			}
		}
	}
}
