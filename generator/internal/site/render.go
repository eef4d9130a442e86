package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/view"
)

// job is one output file.
type job struct {
	rel    string                    // output path, slash-separated
	kind   string                    // a page's layout ("" for other files)
	model  func() (pageModel, error) // builds a page's model (on the worker)
	data   func() ([]byte, error)    // a whole file
	stream func(w io.Writer) error   // a large file, written as it is made
	weight int                       // rough cost, to start the longest first
	keep   func() error              // a file carried over from the previous output
}

// discard is the sink of Check.
type discard struct{}

func (discard) write(string, []byte) error { return nil }
func (discard) page(_ string, fill func(io.Writer) error) error {
	return fill(io.Discard)
}

// render produces every file of the site into s, on every core.
func (b *builder) render(ctx context.Context, s sink, extra ...*job) error {
	defer b.closeLayouts()
	jobs, err := b.jobs()
	if err != nil {
		return err
	}
	return b.renderJobs(ctx, s, append(jobs, extra...))
}

// renderJobs runs jobs into s, the longest first.
func (b *builder) renderJobs(ctx context.Context, s sink, jobs []*job) error {
	workers := 2*runtime.GOMAXPROCS(0) + 2
	var (
		mu   sync.Mutex
		errs dataset.ErrorList
		wg   sync.WaitGroup
		next = make(chan *job)
	)
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				if err := b.output(j, s); err != nil {
					mu.Lock()
					addErr(&errs, j.rel, err)
					mu.Unlock()
				}
			}
		}()
	}
	order := slices.Clone(jobs)
	slices.SortStableFunc(order, func(a, c *job) int { return cmp.Compare(c.weight, a.weight) })
	for _, j := range order {
		if ctx.Err() != nil {
			break
		}
		next <- j
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	if missing := b.lay.strings.Missing(); len(missing) > 0 {
		for _, k := range missing {
			errs.Add("layouts/i18n/"+b.data.Language+".toml", 0, "layouts.missing_string", k)
		}
	}
	return errs.Err()
}

// addErr records a job's error; positioned errors keep their place.
func addErr(errs *dataset.ErrorList, rel string, err error) {
	var el dataset.ErrorList
	var de *dataset.Error
	switch {
	case errors.As(err, &el):
		*errs = append(*errs, el...)
	case errors.As(err, &de):
		*errs = append(*errs, de)
	default:
		errs.Add("public/"+rel, 0, "site.render", err.Error())
	}
}

// output writes one job's file into s.
func (b *builder) output(j *job, s sink) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error rendering %s: %v", j.rel, r)
		}
	}()
	switch {
	case j.keep != nil:
		return j.keep()
	case j.data != nil:
		out, err := j.data()
		if err != nil {
			return err
		}
		return s.write(j.rel, out)
	case j.stream != nil:
		return s.page(j.rel, j.stream)
	}
	m, err := j.model()
	if err != nil {
		return err
	}
	return s.page(j.rel, func(w io.Writer) error { return b.execute(w, j.kind, m) })
}

// execute renders a page through base.html; a template error is
// positioned in the layout file it happened in.
func (b *builder) execute(w io.Writer, kind string, m pageModel) error {
	t := b.lay.kinds[kind]
	if t == nil {
		return fmt.Errorf("no layout for page kind %q", kind)
	}
	c := m.common()
	var err error
	if c.Header, err = b.frag.get(fragKey{"header", navOf(c.Kind, c.Path), c.Root}, func() (template.HTML, error) {
		return b.partial(kind, "partials/header", b.chrome(c))
	}); err != nil {
		return err
	}
	if c.Footer, err = b.frag.get(fragKey{"footer", "", c.Root}, func() (template.HTML, error) {
		return b.partial(kind, "partials/footer", b.chrome(c))
	}); err != nil {
		return err
	}
	if err := t.ExecuteTemplate(w, "base", m); err != nil {
		return layoutError(kind, err)
	}
	return nil
}

// partial renders a partial into a string.
func (b *builder) partial(kind, name string, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := b.lay.kinds[kind].ExecuteTemplate(&buf, name, data); err != nil {
		return "", layoutError(kind, err)
	}
	return template.HTML(buf.String()), nil
}

// layoutError positions a template execution error in its layout file:
// "template: partials/card:12:3: executing …" → layouts/partials/card.html:12.
func layoutError(kind string, err error) error {
	msg := err.Error()
	file := "layouts/" + kind + ".html"
	if rest, ok := strings.CutPrefix(msg, "template: "); ok {
		if name, _, ok := strings.Cut(rest, ":"); ok && name != "" {
			if name == "base" {
				name = "base"
			}
			file = "layouts/" + name + ".html"
		}
	}
	var el dataset.ErrorList
	el.Add(file, templateLine(err), "layouts.exec", templateMsg(err))
	return el
}

// fragments are shared HTML fragments rendered once: a page's header and
// footer depend only on its navigation entry and depth; a project's row
// only on its project, its depth and its date.
type fragments struct {
	mu sync.RWMutex
	m  map[fragKey]template.HTML
}

type fragKey struct{ name, kind, root string }

func (f *fragments) get(k fragKey, make func() (template.HTML, error)) (template.HTML, error) {
	f.mu.RLock()
	h, ok := f.m[k]
	f.mu.RUnlock()
	if ok {
		return h, nil
	}
	h, err := make()
	if err != nil {
		return "", err
	}
	f.mu.Lock()
	if f.m == nil {
		f.m = map[fragKey]template.HTML{}
	}
	f.m[k] = h
	f.mu.Unlock()
	return h, nil
}

// rows renders the table rows of projects as of c's date, from root;
// each row once per project, depth and date.
func (b *builder) rows(c *view.Context, ps []*metrics.Project, root, kind string) ([]template.HTML, error) {
	out := make([]template.HTML, len(ps))
	date := c.Snap.AsOf.String()
	for i, p := range ps {
		p := p
		h, err := b.frag.get(fragKey{"row:" + p.P.ID + "@" + date, "", root}, func() (template.HTML, error) {
			return b.partial(kind, "partials/project-row", c.Row(p, root))
		})
		if err != nil {
			return nil, err
		}
		out[i] = h
	}
	return out, nil
}

// renderMarkdown renders a page's markdown: its chart and table blocks are
// drawn from c's figures; errors are positioned in the markdown file.
func (b *builder) renderMarkdown(src *dataset.Page, c *view.Context, page *Common, kind string) error {
	if src == nil {
		return nil
	}
	h, err := b.md.Convert(src.Body, src.BodyLine, b.blockFunc(c, page, kind))
	page.Body = h
	if err == nil {
		return nil
	}
	var errs dataset.ErrorList
	for _, e := range unwrapAll(err) {
		var le *markdown.LineError
		if errors.As(e, &le) {
			errs.AddMsg(src.Path, le.Line, le.Msg, nil)
			continue
		}
		errs.Add(src.Path, 0, "site.render", e.Error())
	}
	return errs.Err()
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
