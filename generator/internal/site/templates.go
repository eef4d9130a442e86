package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/tmplexec"
)

// pageKinds are the layouts a site needs; each is layouts/<kind>.html.
var pageKinds = []string{
	"home", "projects", "project", "regions", "region", "departments", "department",
	"rankings", "group", "bulletins", "bulletin", "changes", "page", "data", "404",
}

// templates are the parsed layouts: one template set per page kind.
type templates struct {
	kinds map[string]*template.Template
	tr    map[string]string
	dir   string
	fm    template.FuncMap
	// progs holds the compiled form of each template executed so far
	// (page kind + "\x00" + name → *compiled): see package tmplexec.
	progs     sync.Map
	compileMu sync.Mutex
}

// loadTemplates parses layouts/ once per build.
func loadTemplates(dir, lang string) (*templates, error) {
	t := &templates{kinds: map[string]*template.Template{}, dir: dir}
	var errs dataset.ErrorList
	rel := func(p string) string {
		return filepath.ToSlash(filepath.Join("layouts", strings.TrimPrefix(p, dir)))
	}
	trPath := filepath.Join(dir, "i18n", lang+".toml")
	if _, err := toml.DecodeFile(trPath, &t.tr); err != nil {
		var pe toml.ParseError
		line := 0
		if errors.As(err, &pe) {
			line = pe.Position.Line
		}
		errs.Add(rel(trPath), line, "cannot read the UI strings: %v (expected a TOML file of key = \"text\")", err)
	}
	fast := t.funcs()
	t.fm = template.FuncMap{}
	fm := template.FuncMap{}
	for k, f := range fast {
		t.fm[k] = f
		fm[k] = f.Value()
	}
	base := template.New("base").Funcs(fm)
	files := []string{filepath.Join(dir, "base.html")}
	partials, _ := filepath.Glob(filepath.Join(dir, "partials", "*.html"))
	sort.Strings(partials)
	files = append(files, partials...)
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			errs.Add(rel(f), 0, "cannot read layout: %v", err)
			continue
		}
		name := strings.TrimSuffix(filepath.Base(f), ".html")
		if strings.Contains(f, string(filepath.Separator)+"partials"+string(filepath.Separator)) {
			name = "partials/" + name
		}
		// base.html is parsed into the root itself: New with the root's
		// own name would detach the function map from later templates.
		target := base
		if name != "base" {
			target = base.New(name)
		}
		if _, err := target.Parse(t.inline(string(src))); err != nil {
			errs.Add(rel(f), templateLine(err), "%v", err)
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	for _, k := range pageKinds {
		f := filepath.Join(dir, k+".html")
		src, err := os.ReadFile(f)
		if err != nil {
			errs.Add(rel(f), 0, "cannot read layout: %v (expected a layout for every page kind: %s)", err, strings.Join(pageKinds, ", "))
			continue
		}
		kt, err := base.Clone()
		if err == nil {
			_, err = kt.New(k).Parse(t.inline(string(src)))
		}
		if err != nil {
			errs.Add(rel(f), templateLine(err), "%v", err)
			continue
		}
		t.kinds[k] = kt
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return t, nil
}

// templateLine digs the line out of a text/template error ("template: x:12: …").
func templateLine(err error) int {
	parts := strings.SplitN(err.Error(), ":", 4)
	if len(parts) >= 3 {
		if n, e := strconv.Atoi(parts[2]); e == nil {
			return n
		}
	}
	return 0
}

// execute renders a page through base.html.
func (t *templates) execute(w pageWriter, p *Page) error {
	if t.kinds[p.Kind] == nil {
		return fmt.Errorf("no layout for page kind %q", p.Kind)
	}
	if err := t.run(p.Kind, "base", w, p); err != nil {
		return execError(p.Kind, err)
	}
	return nil
}

// compiledTemplates switches the compiled programs on; the tests switch
// them off to compare with html/template.
var compiledTemplates = true

// run executes the template name of a page kind's set into w: through
// its compiled program when there is one, else (and whenever the program
// declines, after discarding what it wrote) through html/template, whose
// output the program reproduces byte for byte.
func (t *templates) run(kind, name string, w pageWriter, data any) error {
	kt := t.kinds[kind]
	if !compiledTemplates {
		return kt.ExecuteTemplate(w, name, data)
	}
	c := t.program(kind, name)
	if c.prog != nil {
		if c.prog.Execute(w, data) == nil {
			return nil
		}
		if err := w.restart(); err != nil {
			return err
		}
	}
	c.fallbacks.Add(1)
	return kt.ExecuteTemplate(w, name, data)
}

// pageWriter is where a page is written, straight to its file in a
// build: a 50,000-row table is never held in memory. restart discards
// what was written so far.
type pageWriter interface {
	tmplexec.Writer
	restart() error
}

// bufWriter is a pageWriter in memory.
type bufWriter struct{ bytes.Buffer }

func (b *bufWriter) restart() error { b.Reset(); return nil }

// scratch holds buffers for output that ends up as a string (a cached
// row, a chart): built in a reused buffer, it is allocated once, at its
// size.
var scratch = sync.Pool{New: func() any { return new(bufWriter) }}

func putScratch(b *bufWriter) {
	if b.Cap() <= 1<<20 {
		b.Reset()
		scratch.Put(b)
	}
}

// program compiles a template on its first use. html/template escapes a
// template when it is first executed; an execution without data does
// that (and stops at the first field, or runs through writing nothing of
// use), so even a page kind with a single page runs compiled.
func (t *templates) program(kind, name string) *compiled {
	key := kind + "\x00" + name
	if v, ok := t.progs.Load(key); ok {
		return v.(*compiled)
	}
	t.compileMu.Lock()
	defer t.compileMu.Unlock()
	if v, ok := t.progs.Load(key); ok {
		return v.(*compiled)
	}
	kt := t.kinds[kind]
	c := &compiled{}
	var escErr *template.Error
	if err := kt.ExecuteTemplate(io.Discard, name, nil); errors.As(err, &escErr) {
		c.err = err // html/template reports it on every execution
	} else {
		c.prog, c.err = tmplexec.Compile(kt, name, t.fm, pageMethods()...)
	}
	t.progs.Store(key, c)
	return c
}

// pageMethods are the methods layouts call on every page, called
// directly by compiled templates. (A function: Shared and Row run
// templates themselves.)
func pageMethods() []*tmplexec.Method {
	return []*tmplexec.Method{
		tmplexec.Method1("Rel", (*Page).Rel),
		tmplexec.Method0("Canonical", (*Page).Canonical),
		tmplexec.Method0("HasCharts", (*Page).HasCharts),
		tmplexec.Method1("Chart", (*Page).Chart),
		tmplexec.Method1E("Shared", (*Page).Shared),
		tmplexec.Method2E("Row", (*Page).Row),
		tmplexec.Method1("DoneBy", (*Page).DoneBy),
		tmplexec.Method1("ApprovalStatus", (*Page).ApprovalStatus),
		tmplexec.Method1("RegionName", (*Meta).RegionName),
		tmplexec.Method1("DeptName", (*Meta).DeptName),
		tmplexec.Method1("CategoryName", (*Meta).CategoryName),
		tmplexec.Method1("ListName", (*Meta).ListName),
		tmplexec.Method0("HTML", (*chartView).HTML),
	}
}

// compiled is a template's program, or why it has none.
type compiled struct {
	prog      *tmplexec.Program
	err       error
	fallbacks atomic.Int64 // executions the program declined
}

// T translates a UI string key.
func (t *templates) T(key string) (string, error) {
	if s, ok := t.tr[key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("no UI string %q in layouts/i18n (expected a line %s = \"…\")", key, key)
}

// funcs are the layouts' functions. Those with our own types are wrapped
// for a direct call from compiled templates (tmplexec.Func1); the others
// get theirs from their signature.
func (t *templates) funcs() map[string]tmplexec.Func {
	fs := map[string]any{
		"T":       t.T,
		"amount":  formatAmount,
		"pct":     tmplexec.Func1(formatPct),
		"pp":      tmplexec.Func1(formatPP),
		"rank":    tmplexec.Func1(formatRank),
		"change":  tmplexec.Func1(formatChange),
		"date":    tmplexec.Func1(func(d dataset.Date) string { return d.String() }),
		"datecn":  tmplexec.Func1(t.formatDateLong),
		"def":     tmplexec.Func1(func(v metrics.Value) bool { return v.OK }),
		"bar":     tmplexec.Func1(barWidth),
		"dict":    dict,
		"neg":     func(i int) int { return -i },
		"fmetric": formatMetric,
		"list":    func(xs ...any) []any { return xs },
		"stageName": tmplexec.Func1E(func(s metrics.Stage) (string, error) {
			return t.T("stage." + string(s))
		}),
		"approvalName": func(kind string) (string, error) { return t.T("approval." + kind) },
		"levelName":    func(l string) (string, error) { return t.T("level." + l) },
		"metricName":   func(m string) (string, error) { return t.T("metric." + m) },
		"escalationClass": func(streak int) string {
			if streak >= 3 {
				return "esc3"
			}
			return "esc" + strconv.Itoa(streak)
		},
	}
	out := map[string]tmplexec.Func{}
	for k, f := range fs {
		if fn, ok := f.(tmplexec.Func); ok {
			out[k] = fn
		} else {
			out[k] = tmplexec.Reflect(f)
		}
	}
	return out
}

const dash = "—"

// formatAmount shows an amount (float64 or Value) with two decimals.
func formatAmount(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(round(v, 2), 'f', 2, 64)
	case metrics.Value:
		if !v.OK {
			return dash
		}
		return strconv.FormatFloat(round(v.V, 2), 'f', 2, 64)
	case int:
		return strconv.Itoa(v)
	}
	return fmt.Sprint(v)
}

// formatPct shows a rate as "75.7%", undefined as "—".
func formatPct(v metrics.Value) string {
	if !v.OK {
		return dash
	}
	return strconv.FormatFloat(round(v.V, 1), 'f', 1, 64) + "%"
}

// formatPP shows percentage points with a sign: "+3.2", "−4.1".
func formatPP(v metrics.Value) string {
	if !v.OK {
		return dash
	}
	r := round(v.V, 1)
	switch {
	case r > 0:
		return "+" + strconv.FormatFloat(r, 'f', 1, 64)
	case r < 0:
		return "−" + strconv.FormatFloat(-r, 'f', 1, 64)
	}
	return "0.0"
}

func formatRank(v metrics.Value) string {
	if !v.OK {
		return dash
	}
	return strconv.Itoa(int(v.V))
}

// formatChange shows a rank change: ↑2 (moved up), ↓1, "=" or "—".
func formatChange(v metrics.Value) string {
	switch {
	case !v.OK:
		return dash
	case v.V > 0:
		return "↑" + strconv.Itoa(int(v.V))
	case v.V < 0:
		return "↓" + strconv.Itoa(int(-v.V))
	}
	return "="
}

// formatDateLong writes a date the way the site's language does
// (date.long in layouts/i18n: 2023年9月30日).
func (t *templates) formatDateLong(d dataset.Date) string {
	if d.IsZero() {
		return dash
	}
	f, ok := t.tr["date.long"]
	if !ok {
		f = "%d-%02d-%02d"
	}
	return fmt.Sprintf(f, d.Year(), int(d.Month()), d.Day())
}

// barWidth turns a rate into a CSS width percentage clamped to 0–100.
func barWidth(v metrics.Value) string {
	if !v.OK {
		return "0"
	}
	w := math.Max(0, math.Min(100, v.V))
	return strconv.FormatFloat(round(w, 1), 'f', 1, 64)
}

// round rounds half away from zero at the given decimals, so that the
// figure shown matches what a reader computes by hand.
func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(v*p) / p
	if r == 0 {
		return 0 // no "-0.0"
	}
	return r
}

// dict builds a map from key, value pairs for passing several values to a
// partial: {{template "partials/x" dict "Page" $ "Projects" .Projects}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// formatMetric formats a figure by its metric's unit: amounts with two
// decimals, rates as percentages, counts as integers.
func formatMetric(metric string, v any) string {
	val, ok := v.(metrics.Value)
	if !ok {
		f, isF := v.(float64)
		if !isF {
			return fmt.Sprint(v)
		}
		val = metrics.Def(f)
	}
	def, _ := metrics.LookupMetric(metric)
	switch def.Unit {
	case "%":
		return formatPct(val)
	case "pp":
		return formatPP(val)
	case "count":
		if !val.OK {
			return dash
		}
		return strconv.Itoa(int(val.V))
	}
	return formatAmount(val)
}

// execError positions a template execution error in the layout file it
// happened in ("template: partials/unit:31:7: executing …"), without the
// page, so the same mistake hit by many pages is reported once.
func execError(kind string, err error) error {
	msg := err.Error()
	rest, ok := strings.CutPrefix(msg, "template: ")
	if !ok {
		return &dataset.Error{Path: "layouts/" + kind + ".html", Msg: msg}
	}
	parts := strings.SplitN(rest, ":", 4)
	if len(parts) == 4 {
		if line, e := strconv.Atoi(parts[1]); e == nil {
			return &dataset.Error{Path: "layouts/" + parts[0] + ".html", Line: line, Msg: strings.TrimSpace(parts[3])}
		}
	}
	return &dataset.Error{Path: "layouts/" + kind + ".html", Msg: msg}
}

// A UI string written {{T "key"}} or (T "key") in a layout.
var tCall = regexp.MustCompile(`(\{\{-?\s*|\()T\s+"([^"\\]+)"(\s*-?\}\}|\))`)

// inline replaces the UI strings of a layout by their text before it is
// parsed: {{T "nav.home"}} becomes {{"首页"}}, a constant that html/template
// still escapes for its context, instead of a function call on every page
// (a large site executes these hundreds of thousands of times). Keys
// without a string are left to T, which reports them.
func (t *templates) inline(src string) string {
	return tCall.ReplaceAllStringFunc(src, func(m string) string {
		sub := tCall.FindStringSubmatch(m)
		text, ok := t.tr[sub[2]]
		if !ok {
			return m
		}
		if sub[1] == "(" {
			return strconv.Quote(text)
		}
		return sub[1] + strconv.Quote(text) + sub[3]
	})
}
