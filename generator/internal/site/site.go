package site

import (
	"context"
	"errors"
	"fmt"

	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"gongjian/generator/internal/chart"
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
)

// Options configure a build.
type Options struct {
	Source  string       // site root (site.toml, content/)
	Layouts string       // layouts directory; default <Source>/layouts
	Out     string       // output directory; default <Source>/public
	AsOf    dataset.Date // figures as of this report date; 0 = the latest
	BaseURL string       // overrides site.toml's base_url when set

	// PDFs are printed bulletins by slug, written beside their pages and
	// linked from them (the pdf command fills it).
	PDFs map[string][]byte

	// Phase, when set, is called as each phase of the build ends: "load",
	// "layouts", "figures", "pages".
	Phase func(name string)
}

func (o *Options) phase(name string) {
	if o.Phase != nil {
		o.Phase(name)
	}
}

func (o *Options) defaults() {
	if o.Source == "" {
		o.Source = "."
	}
	if o.Layouts == "" {
		o.Layouts = filepath.Join(o.Source, "layouts")
	}
	if o.Out == "" {
		o.Out = filepath.Join(o.Source, "public")
	}
}

// Result tells what a build produced.
type Result struct {
	Pages     int // HTML pages written
	Files     int // all files written
	AsOf      dataset.Date
	Bulletins []string // bulletin slugs, oldest first
}

// Check loads and validates the site without writing anything: data,
// markdown blocks and layouts.
func Check(ctx context.Context, opts Options) error {
	opts.defaults()
	b, err := prepare(opts)
	if err != nil {
		return err
	}
	err = b.render(ctx, discard{})
	opts.phase("pages")
	return err
}

// Build compiles the site into opts.Out atomically.
func Build(ctx context.Context, opts Options) (*Result, error) {
	opts.defaults()
	w, err := newDirWriter(opts.Out)
	if err != nil {
		return nil, err
	}
	// Directories in one parent are made one at a time by the kernel:
	// the project pages' are made while the figures are computed, not
	// by page workers queueing for the parent.
	var dirs sync.WaitGroup
	b, err := prepare(opts, func(s *dataset.Site) {
		dirs.Go(func() { w.precreate(projectDirs(s)) })
	})
	if err == nil {
		err = b.render(ctx, w)
	}
	dirs.Wait()
	if err != nil {
		w.abort()
		return nil, err
	}
	opts.phase("pages")
	if err := w.commit(); err != nil {
		return nil, err
	}
	res := &Result{Pages: w.pages, Files: w.files, AsOf: b.asOf}
	for _, bl := range b.data.Bulletins {
		res.Bulletins = append(res.Bulletins, bl.Slug)
	}
	return res, nil
}

// builder holds what every page of one build shares.
type builder struct {
	opts   Options
	data   *dataset.Site
	engine *metrics.Engine
	asOf   dataset.Date
	snap   *metrics.Snapshot
	md     *markdown.Markdown
	tpl    *templates
	base   *url.URL // base URL; Path always ends in "/"
	meta   *Meta
	extra  []*job // files added while listing pages (bulletin PDFs)

	chartLabels chart.Labels // UI strings of every chart, looked up once
}

// prepare runs the phases that can fail on the user's input: load, pick
// the as-of date, parse layouts.
func prepare(opts Options, loaded ...func(*dataset.Site)) (*builder, error) {
	data, err := dataset.Load(os.DirFS(opts.Source))
	if err != nil {
		return nil, err
	}
	for _, f := range loaded {
		f(data)
	}
	opts.phase("load")
	b := &builder{opts: opts, data: data, engine: metrics.NewEngine(data)}
	var errs dataset.ErrorList

	b.asOf = b.engine.Latest()
	if !opts.AsOf.IsZero() {
		if !hasReport(data, opts.AsOf) {
			errs.Add("--as-of", 0, "%s is not a report date (expected one of the dates in content/reports/: %s)", opts.AsOf, reportDates(data))
		}
		b.asOf = opts.AsOf
	}
	if b.asOf.IsZero() {
		errs.Add("content/reports", 0, "no reports (expected at least one content/reports/YYYY-MM-DD.toml)")
	}

	base := data.BaseURL
	baseSrc := "site.toml"
	if opts.BaseURL != "" {
		base, baseSrc = opts.BaseURL, "--base-url"
	}
	b.base, err = parseBase(base)
	if err != nil {
		errs.Add(baseSrc, 0, "%v", err)
	}
	b.tpl, err = loadTemplates(opts.Layouts, data.Language)
	if err != nil {
		var el dataset.ErrorList
		if errors.As(err, &el) {
			errs = append(errs, el...)
		} else {
			errs.Add(opts.Layouts, 0, "%v", err)
		}
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	opts.phase("layouts")
	b.warm()
	opts.phase("figures")
	b.snap = b.engine.At(b.asOf)
	b.md = markdown.New(data.UnsafeHTML)
	b.meta = newMeta(b)
	b.chartLabels = b.labels(func(k string) string { s, _ := b.tpl.T(k); return s })
	return b, nil
}

func hasReport(s *dataset.Site, d dataset.Date) bool {
	for _, r := range s.Reports {
		if r.Date == d {
			return true
		}
	}
	return false
}

func reportDates(s *dataset.Site) string {
	var ds []string
	for _, r := range s.Reports {
		ds = append(ds, r.Date.String())
	}
	if len(ds) == 0 {
		return "none"
	}
	return strings.Join(ds, ", ")
}

// parseBase accepts an absolute http(s) URL or a path; "" means "/".
func parseBase(s string) (*url.URL, error) {
	if s == "" {
		s = "/"
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme != "" && u.Host == "") || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base URL %q is not usable (expected https://host/path/ or a path such as /preview/pr-12/)", s)
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// sink receives the built files; Check uses one that keeps nothing.
type sink interface {
	write(rel string, data []byte) error
	// page writes a file through fill.
	page(rel string, fill func(pageWriter) error) error
}

type discard struct{}

func (discard) write(string, []byte) error { return nil }

func (discard) page(_ string, fill func(pageWriter) error) error { return fill(discardWriter{}) }

type discardWriter struct{}

func (discardWriter) Write(b []byte) (int, error)       { return len(b), nil }
func (discardWriter) WriteString(s string) (int, error) { return len(s), nil }
func (discardWriter) restart() error                    { return nil }

// warm computes the snapshot of every report date up front, on every core:
// time series, rankings and bulletins need them, and computed lazily they
// would be computed by whichever page asked first while the others wait.
func (b *builder) warm() {
	dates := b.engine.ReportDates()
	var wg sync.WaitGroup
	next := make(chan dataset.Date)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				b.engine.At(d)
			}
		}()
	}
	// Latest first: it needs the earlier periods, which then run beside it.
	for i := len(dates) - 1; i >= 0; i-- {
		next <- dates[i]
	}
	close(next)
	wg.Wait()
}
