package site

import (
	"context"
	"strings"

	"gongjian/generator/internal/dataset"
)

// Live is a site loaded, figured and listed but not rendered: the
// development server's build. Preparing it costs what can fail on the
// user's data and layouts' syntax (loading, figures, parsing); its pages
// are rendered when asked for, so a rebuild after an edit takes a fraction
// of a full build (Hugo's fast render mode does the same). Check renders
// them all to find the mistakes only execution shows.
type Live struct {
	b     *builder
	jobs  map[string]*job // by output path
	pages int
}

// Prepare loads the site for serving: everything Build does but render.
func Prepare(ctx context.Context, opts Options) (*Live, error) {
	opts.defaults()
	b, err := prepare(opts)
	if err != nil {
		return nil, err
	}
	jobs, err := b.jobs()
	if err != nil {
		return nil, err
	}
	l := &Live{b: b, jobs: make(map[string]*job, len(jobs))}
	for _, j := range jobs {
		l.jobs[j.rel] = j
		if strings.HasSuffix(j.rel, ".html") {
			l.pages++
		}
	}
	return l, nil
}

// Pages is the number of HTML pages the site has.
func (l *Live) Pages() int { return l.pages }

// AsOf is the date the site's figures are as of.
func (l *Live) AsOf() dataset.Date { return l.b.asOf }

// File renders one file of the site by its slash-separated path below the
// site root ("projects/x/index.html"); ok is false when there is none.
// Concurrent calls are safe.
func (l *Live) File(rel string) (data []byte, ok bool, err error) {
	j := l.jobs[rel]
	if j == nil {
		return nil, false, nil
	}
	m := &memSink{}
	if err := j.output(l.b, m); err != nil {
		var errs dataset.ErrorList
		addErr(&errs, j.rel, err)
		return nil, true, errs.Err()
	}
	return m.data, true, nil
}

// Check renders every file, keeping nothing, and returns all problems.
func (l *Live) Check(ctx context.Context) error {
	return l.b.render(ctx, discard{})
}

// memSink keeps the one file written to it.
type memSink struct{ data []byte }

func (m *memSink) write(_ string, data []byte) error { m.data = data; return nil }

func (m *memSink) page(_ string, fill func(pageWriter) error) error {
	var b bufWriter
	if err := fill(&b); err != nil {
		return err
	}
	m.data = b.Bytes()
	return nil
}
