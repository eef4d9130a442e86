package site

import (
	"bytes"
	"context"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// Live is a site loaded in memory whose pages render when requested: the
// development server and the pdf command serve it; nothing is written.
type Live struct {
	b    *builder
	jobs map[string]*job // by output path
}

// Prepare loads the site (data, figures, layouts) for serving.
func Prepare(ctx context.Context, opts Options) (*Live, error) {
	opts.defaults()
	b, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	jobs, err := b.jobs()
	if err != nil {
		b.closeLayouts()
		return nil, err
	}
	l := &Live{b: b, jobs: map[string]*job{}}
	for _, j := range jobs {
		if j.rel != "" {
			l.jobs[j.rel] = j
		}
	}
	return l, nil
}

// Close releases the layouts' directory.
func (l *Live) Close() { l.b.closeLayouts() }

// Pages is the number of HTML pages.
func (l *Live) Pages() int {
	n := 0
	for rel := range l.jobs {
		if strings.HasSuffix(rel, ".html") {
			n++
		}
	}
	return n
}

// AsOf is the date the site shows.
func (l *Live) AsOf() dataset.Date { return l.b.asOf }

// Lang is the site's language.
func (l *Live) Lang() string { return string(l.b.lang) }

// File renders one output file (rel as in public/, e.g. "projects/x/index.html").
func (l *Live) File(rel string) ([]byte, bool, error) {
	j := l.jobs[rel]
	if j == nil {
		return nil, false, nil
	}
	var m memSink
	if err := l.b.output(j, &m); err != nil {
		return nil, true, err
	}
	return m.data, true, nil
}

// Check renders every page once, keeping nothing: the mistakes only
// rendering shows (a layout calling what a page lacks).
func (l *Live) Check(ctx context.Context) error {
	return l.b.renderJobs(ctx, discard{}, l.list())
}

func (l *Live) list() []*job {
	out := make([]*job, 0, len(l.jobs))
	for _, rel := range sortedKeys(l.jobs) {
		out = append(out, l.jobs[rel])
	}
	return out
}

// ServeHTTP serves the site rooted at "/": directories' index.html, the
// 404 page with status 404 for anything else.
func (l *Live) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := path.Clean("/" + r.URL.Path)
	rel := strings.TrimPrefix(p, "/")
	if strings.HasSuffix(r.URL.Path, "/") || rel == "" {
		rel = strings.TrimSuffix(rel+"/index.html", "/index.html/index.html")
		rel = strings.TrimPrefix(rel, "/")
		if !strings.HasSuffix(rel, "index.html") {
			rel += "/index.html"
		}
	}
	data, ok, err := l.File(rel)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	status := http.StatusOK
	if !ok {
		if !strings.HasSuffix(rel, ".html") {
			if _, dir, _ := l.File(rel + "/index.html"); dir {
				http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
				return
			}
		}
		data, _, err = l.File("404.html")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		rel, status = "404.html", http.StatusNotFound
	}
	ct := mime.TypeByExtension(path.Ext(rel))
	if ct == "" {
		ct = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, bytes.NewReader(data))
	}
}

// memSink keeps one rendered file.
type memSink struct{ data []byte }

func (m *memSink) write(_ string, data []byte) error { m.data = data; return nil }

func (m *memSink) page(_ string, fill func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := fill(&buf); err != nil {
		return err
	}
	m.data = buf.Bytes()
	return nil
}

// PrintJob is a bulletin to print: its page and the digest of what it is
// printed from (see printSource).
type PrintJob struct {
	Slug, Path, Title, Source string
}

// PrintJobs are the bulletins to print: every bulletin published as of
// the site's date, or those named (an unknown slug is an error listing
// the known ones).
func (l *Live) PrintJobs(slugs []string) ([]PrintJob, error) {
	var out []PrintJob
	known := map[string]bool{}
	for _, bl := range l.b.bulletins() {
		known[bl.Slug] = true
		if len(slugs) > 0 && !containsStr(slugs, bl.Slug) {
			continue
		}
		src, err := l.b.printSource(bl)
		if err != nil {
			return nil, err
		}
		out = append(out, PrintJob{Slug: bl.Slug, Path: "/bulletins/" + bl.Slug + "/", Title: bl.Title, Source: src})
	}
	var errs dataset.ErrorList
	for _, s := range slugs {
		if !known[s] {
			errs.Add("content/bulletins/"+s+".md", 0, "pdf.unknown", s, i18n.Plain(sortedKeys(known)))
		}
	}
	return out, errs.Err()
}

func containsStr(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
