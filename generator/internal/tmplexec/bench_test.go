package tmplexec

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"testing"
)

// Per action: 100 copies of one action, compiled against html/template.
func benchAction(b *testing.B, action string) {
	src := "<p>" + strings.Repeat(action+" ", 100) + "</p>"
	set := template.Must(template.New("t").Funcs(fmValues(testFuncs)).Parse(src))
	set.Execute(io.Discard, sample())
	prog, err := Compile(set, "t", testFuncs, testMethods...)
	if err != nil {
		b.Fatal(err)
	}
	d := sample()
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := prog.Execute(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConst(b *testing.B)  { benchAction(b, `{{"常量"}}`) }
func BenchmarkField(b *testing.B)  { benchAction(b, `{{.Title}}`) }
func BenchmarkField2(b *testing.B) { benchAction(b, `{{.Ptr.Name}}`) }
func BenchmarkMethod(b *testing.B) { benchAction(b, `{{.Ptr.Hello "x"}}`) }
func BenchmarkFunc(b *testing.B)   { benchAction(b, `{{upper .Ptr.Name}}`) }
func BenchmarkHref(b *testing.B)   { benchAction(b, `<a href="{{.Ptr.Hello "x"}}">a</a>`) }
func BenchmarkIf(b *testing.B)     { benchAction(b, `{{if .Flag}}y{{end}}`) }
func BenchmarkEq(b *testing.B)     { benchAction(b, `{{if eq .Count 3}}y{{end}}`) }
func BenchmarkPrint(b *testing.B)  { benchAction(b, `{{print "/a/" .Ptr.Name "/"}}`) }
func BenchmarkTyped(b *testing.B)  { benchAction(b, `{{typed .Val}}`) }
