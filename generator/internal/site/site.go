package site

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"gongjian/generator/internal/chart"
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/view"
)

// Options configure a build.
type Options struct {
	Source  string       // site root (site.toml, content/)
	Layouts string       // the site's own layouts; default <Source>/layouts (absent: the defaults alone)
	Out     string       // output directory; default <Source>/public
	AsOf    dataset.Date // figures as of this report date; 0 = the latest
	BaseURL string       // overrides site.toml's base_url when set

	// PDFs are bulletins printed by the pdf command, by slug: the PDF and
	// the digest of what it was printed from.
	PDFs map[string]PrintedPDF

	// Phase, when set, is called as each phase ends: "load", "layouts",
	// "figures", "pages".
	Phase func(name string)
}

// PrintedPDF is a bulletin printed to PDF from a page whose source digest
// is Source (Live.PrintSource).
type PrintedPDF struct {
	PDF    []byte
	Source string
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
	Pages, Files int
	AsOf         dataset.Date
	Bulletins    []string // slugs of the bulletins published, oldest first
	KeptPDFs     []string // printed bulletins carried over from the previous output
}

// Check loads and validates the site and renders every page, writing
// nothing.
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
	b, err := prepare(opts)
	if err == nil {
		b.prevPDFs = previousPDFs(opts.Out)
		err = b.render(ctx, w, b.pdfJobs(w)...)
	}
	if err != nil {
		w.abort()
		return nil, err
	}
	opts.phase("pages")
	if err := w.commit(); err != nil {
		return nil, err
	}
	res := &Result{Pages: int(w.np.Load()), Files: int(w.n.Load()), AsOf: b.asOf, KeptPDFs: b.keptPDFs()}
	for _, bl := range b.bulletins() {
		res.Bulletins = append(res.Bulletins, bl.Slug)
	}
	return res, nil
}

// previousPDFs are the printed bulletins the previous output holds.
func previousPDFs(out string) map[string]pdfEntry {
	m, ok := readMarker(out)
	if !ok {
		return nil
	}
	return m.PDFs
}

// builder holds what every page of one build shares.
type builder struct {
	opts    Options
	data    *dataset.Site
	engine  *metrics.Engine
	asOf    dataset.Date
	latest  dataset.Date
	snap    *metrics.Snapshot
	ctx     *view.Context // views as of asOf
	md      *markdown.Markdown
	lay     *layouts
	lfs     *layoutFS
	base    *url.URL
	version dataVersion
	lang    i18n.Lang

	pageFooter template.CSS // the printed page footer (printcss.go)

	prevPDFs map[string]pdfEntry
	keptMu   sync.Mutex
	kept     []string

	frag fragments // shared HTML fragments (header, footer, rows)

	closeLayouts func()
	assetsOnce   sync.Once
	assetFiles   map[string][]byte
	assetsErr    error
	printMu      sync.Mutex
	printSlots   map[string]*printSlot
	labelsOnce   sync.Once
	labels       chart.Labels
}

// prepare runs the phases that can fail on the user's input: load, the
// as-of date, layouts.
func prepare(opts Options) (*builder, error) {
	src, closeSrc, err := openRoot(opts.Source)
	if err != nil {
		return nil, err
	}
	defer closeSrc()
	if src == nil {
		return nil, fmt.Errorf("%s: no such directory (expected the site root, with site.toml and content/)", opts.Source)
	}
	data, err := dataset.Load(src)
	if err != nil {
		return nil, err
	}
	opts.phase("load")
	b := &builder{opts: opts, data: data, engine: metrics.NewEngine(data)}
	b.lang, _ = i18n.Parse(data.Language)
	if b.lang == "" {
		b.lang = i18n.ZhHans
	}
	var errs dataset.ErrorList

	b.asOf = b.engine.Latest()
	if !opts.AsOf.IsZero() {
		if !b.hasReport(opts.AsOf) {
			errs.Add("--as-of", 0, "site.as_of", opts.AsOf.String(), b.reportDates())
		}
		b.asOf = opts.AsOf
	}
	if b.asOf.IsZero() {
		errs.Add("content/reports", 0, "site.no_reports")
	}
	b.latest = b.asOf

	base, baseSrc := data.BaseURL, "site.toml"
	if opts.BaseURL != "" {
		base, baseSrc = opts.BaseURL, "--base-url"
	}
	if b.base, err = parseBase(base); err != nil {
		errs.Add(baseSrc, 0, "site.base_url", base)
	}

	defaults, err := DefaultLayouts()
	if err != nil {
		return nil, fmt.Errorf("the embedded layouts are unreadable: %w", err)
	}
	own, closeOwn, err := openRoot(opts.Layouts)
	if err != nil {
		errs.Add(opts.Layouts, 0, "source.cannot_read", err.Error())
	}
	b.lfs = &layoutFS{own: own, base: defaults}
	if b.lay, err = loadLayouts(b.lfs, data); err != nil {
		var el dataset.ErrorList
		if errors.As(err, &el) {
			errs = append(errs, el...)
		} else {
			errs.Add("layouts", 0, "source.cannot_read", err.Error())
		}
	}
	if err := errs.Err(); err != nil {
		closeOwn()
		return nil, err
	}
	b.closeLayouts = closeOwn
	b.pageFooter = pageFooterCSS(b.lay.strings.T("print.footer", cssPage, cssPages))
	opts.phase("layouts")
	b.warm()
	b.snap = b.engine.At(b.asOf)
	opts.phase("figures")
	b.md = markdown.New(data.UnsafeHTML)
	b.version = readVersion(opts.Source)
	b.ctx = view.NewContext(data, b.engine, b.snap, b.lay.strings, b.asOf)
	return b, nil
}

func (b *builder) hasReport(d dataset.Date) bool {
	for _, r := range b.data.Reports {
		if r.Date == d {
			return true
		}
	}
	return false
}

func (b *builder) reportDates() string {
	var ds []string
	for _, r := range b.data.Reports {
		ds = append(ds, r.Date.String())
	}
	if len(ds) > 12 {
		ds = append(ds[:3], append([]string{"…"}, ds[len(ds)-6:]...)...)
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
		return nil, fmt.Errorf("unusable base URL %q", s)
	}
	if u.Scheme == "" && !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// warm computes the snapshot of every report date ≤ the as-of date up
// front, on every core: boards, series and bulletins need them, and
// computed lazily they would be computed by whichever page asked first
// while the others wait. Later reports are never read (time travel).
func (b *builder) warm() {
	dates := b.engine.DatesUpTo(b.asOf)
	var wg sync.WaitGroup
	next := make(chan dataset.Date)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range next {
				b.engine.GroupsAt(d)
			}
		}()
	}
	for i := len(dates) - 1; i >= 0; i-- {
		next <- dates[i]
	}
	close(next)
	wg.Wait()
}

// bulletins are the bulletins that existed at the as-of date.
func (b *builder) bulletins() []*dataset.Bulletin {
	var out []*dataset.Bulletin
	for _, bl := range b.data.Bulletins {
		if bl.AsOf <= b.asOf {
			out = append(out, bl)
		}
	}
	return out
}

func (b *builder) keptPDFs() []string {
	b.keptMu.Lock()
	defer b.keptMu.Unlock()
	return append([]string(nil), b.kept...)
}

// sink receives the built files; Check uses one that keeps nothing.
type sink interface {
	write(rel string, data []byte) error
	page(rel string, fill func(io.Writer) error) error
}
