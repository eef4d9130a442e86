package dataset

import (
	"bytes"
	"path"
	"sort"
	"strings"

	"gongjian/generator/internal/i18n"
)

// frontMatter splits TOML front matter between +++ lines from a markdown
// body. It returns the front matter (nil when absent) and the body with
// the line its first byte is on; ok is false when the front matter is
// never closed.
func frontMatter(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "+++" {
		return nil, src, 1, true
	}
	if !found {
		return nil, nil, 0, false
	}
	start := len(src) - len(rest)
	off, line := start, 2
	for {
		end := bytes.IndexByte(src[off:], '\n')
		ln, next := src[off:], len(src)
		if end >= 0 {
			ln, next = src[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(ln, " \t\r")) == "+++" {
			return src[start:off], src[next:], line + 1, true
		}
		if end < 0 {
			return nil, nil, 0, false
		}
		off, line = next, line+1
	}
}

// readMarkdown reads a markdown file and its front matter, if any.
func (l *loader) readMarkdown(p string, errs *ErrorList) (*Page, *obj) {
	src, ok := l.r.readFile(p, errs)
	if !ok {
		return nil, nil
	}
	b := []byte(strings.ReplaceAll(strings.TrimPrefix(src, "\ufeff"), "\r\n", "\n"))
	fm, body, bodyLine, ok := frontMatter(b)
	if !ok {
		errs.Add(p, 1, "markdown.front_matter_open")
		return nil, nil
	}
	pg := &Page{Path: p, Body: body, BodyLine: bodyLine}
	if fm == nil {
		return pg, nil
	}
	o := l.parse(p, string(fm), 1, errs)
	if o == nil {
		return nil, nil
	}
	return pg, o
}

func (l *loader) loadMarkdown() {
	// content/*.md: pages, and _index.md for the home page.
	entries, _ := l.r.dirEntries("content", &ErrorList{}) // listing problems were reported by checkContentDir
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || path.Ext(n) != ".md" {
			continue
		}
		p := "content/" + n
		slug := strings.TrimSuffix(n, ".md")
		if slug != "_index" {
			if _, ok := fileID(p, &l.errs); !ok {
				continue
			}
			if contains(reservedSlugs, slug) {
				l.errs.Add(p, 1, "page.reserved", slug, i18n.Plain(reservedSlugs))
				continue
			}
		}
		pg, o := l.readMarkdown(p, &l.errs)
		if pg == nil {
			continue
		}
		pg.Slug = slug
		if o != nil {
			pg.Title = o.str("title", false)
			o.done()
		}
		if slug == "_index" {
			pg.Slug = ""
			l.site.Home = pg
			continue
		}
		if pg.Title == "" {
			pg.Title = firstHeading(pg.Body, slug)
		}
		l.site.Pages = append(l.site.Pages, pg)
	}

	// Project narratives, read on every core.
	byID := map[string]*Project{}
	for _, pr := range l.site.Projects {
		byID[pr.ID] = pr
	}
	type narrative struct {
		path string
		pr   *Project
		pg   *Page
		fm   bool
		errs ErrorList
	}
	var ns []*narrative
	for _, p := range l.projectMDs {
		id := strings.TrimSuffix(path.Base(p), ".md")
		pr := byID[id]
		if pr == nil {
			if !l.projectIDs[id] {
				l.errs.Add(p, 1, "narrative.orphan", id)
			}
			continue
		}
		ns = append(ns, &narrative{path: p, pr: pr})
	}
	parallel(len(ns), func(i int) {
		n := ns[i]
		var o *obj
		n.pg, o = l.readMarkdown(n.path, &n.errs)
		n.fm = o != nil
	})
	for _, n := range ns {
		l.errs = append(l.errs, n.errs...)
		if n.pg == nil {
			continue
		}
		if n.fm {
			l.errs.Add(n.path, 1, "narrative.front_matter")
			continue
		}
		n.pg.Slug = n.pr.ID
		n.pg.Title = n.pr.Name
		n.pr.Narrative = n.pg
	}

	// Bulletins.
	bulletins, _ := l.files("content/bulletins", ".md")
	for _, p := range bulletins {
		slug, ok := fileID(p, &l.errs)
		if !ok {
			continue
		}
		pg, o := l.readMarkdown(p, &l.errs)
		if pg == nil {
			continue
		}
		if o == nil {
			l.errs.Add(p, 1, "bulletin.no_front_matter")
			continue
		}
		pg.Slug = slug
		b := &Bulletin{Slug: slug, Page: pg}
		b.Title = o.str("title", true)
		b.Number = o.str("number", true)
		b.Date = o.date("date", true)
		b.AsOf = o.date("as_of", true)
		b.Since = o.date("since", false)
		b.Issuer = o.str("issuer", false)
		if b.Issuer == "" {
			b.Issuer = l.site.Campaign.Issuer
		}
		if b.AsOf != 0 && !l.reportDates[b.AsOf] {
			o.f.add(o.key("as_of"), "bulletin.as_of", b.AsOf.String())
		}
		if b.Since != 0 {
			switch {
			case !l.reportDates[b.Since]:
				o.f.add(o.key("since"), "bulletin.since_report", b.Since.String())
			case b.AsOf != 0 && b.Since >= b.AsOf:
				o.f.add(o.key("since"), "bulletin.since_order", b.Since.String(), b.AsOf.String())
			}
		}
		order(o, "as_of", b.AsOf, "date", b.Date)
		pg.Title = b.Title
		o.done()
		l.site.Bulletins = append(l.site.Bulletins, b)
	}
	sort.SliceStable(l.site.Bulletins, func(i, j int) bool {
		a, b := l.site.Bulletins[i], l.site.Bulletins[j]
		if a.AsOf != b.AsOf {
			return a.AsOf < b.AsOf
		}
		return a.Slug < b.Slug
	})
	sort.Slice(l.site.Pages, func(i, j int) bool { return l.site.Pages[i].Slug < l.site.Pages[j].Slug })
}

// firstHeading returns the text of the first "# " heading, or def.
func firstHeading(body []byte, def string) string {
	for _, ln := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(ln, "# ") {
			return strings.TrimSpace(ln[2:])
		}
	}
	return def
}
