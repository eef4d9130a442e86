package site

import (
	"bytes"
	"encoding/xml"
	"slices"
	"sort"
	"strings"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

// bulletinJobs adds the archive, one page per bulletin (its figures frozen
// at its as_of), the changes page, the feed and the sitemap.
func (b *builder) bulletinJobs(page func(kind, url, title string, setup func(*Page) error) *Page, T func(string) string, errs *dataset.ErrorList) {
	bs := b.data.Bulletins
	archive := page("bulletins", "/bulletins/", T("nav.bulletins"), nil)
	archive.Bulletins = newestFirst(bs)
	for i, bl := range bs {
		bl := bl
		snap := b.engine.At(bl.AsOf)
		var prev *dataset.Bulletin
		var prevSnap *metrics.Snapshot
		if i > 0 {
			prev = bs[i-1]
			prevSnap = b.engine.At(prev.AsOf)
		}
		from := b.reportBefore(bl.AsOf)
		if prev != nil {
			from = prev.AsOf
		}
		pg := page("bulletin", "/bulletins/"+bl.Slug+"/", bl.Title, func(p *Page) error {
			m := b.chartMaker(p)
			if r := p.MainRanking("regions"); r != nil {
				return m.ranking("ranking", r)
			}
			return nil
		})
		pg.S = snap
		pg.Bulletin = bl
		pg.PrevBulletin = prev
		pg.prev = prevSnap
		pg.Source = bl.Page
		pg.Changes = b.engine.Changes(from, bl.AsOf)
		pg.Rankings = nonNil(b.rank(snap, "regions", b.data.Rules.RankRegions, errs), b.rank(snap, "departments", b.data.Rules.RankDepts, errs))
		if pdf, ok := b.opts.PDFs[bl.Slug]; ok {
			pg.PDF = "/bulletins/" + bl.Slug + "/" + bl.Slug + ".pdf"
			data := pdf
			b.extra = append(b.extra, &job{rel: strings.TrimPrefix(pg.PDF, "/"), data: func() ([]byte, error) { return data, nil }})
		}
	}

	chg := page("changes", "/changes/", T("nav.changes"), nil)
	chg.Changes = b.engine.Changes(b.reportBefore(b.asOf), b.asOf)
	chg.Rankings = nonNil(b.rank(b.snap, "regions", b.data.Rules.RankRegions, errs), b.rank(b.snap, "departments", b.data.Rules.RankDepts, errs))
}

func (b *builder) rank(s *metrics.Snapshot, kind, metric string, errs *dataset.ErrorList) *metrics.Ranking {
	r, err := s.Ranking(kind, metric)
	if err != nil {
		errs.Add("site.toml", 0, "%v", err)
		return nil
	}
	return r
}

// reportBefore is the report date before d, or d itself when d is the first.
func (b *builder) reportBefore(d dataset.Date) dataset.Date {
	prev := d
	for _, r := range b.engine.ReportDates() {
		if r < d {
			prev = r
		}
	}
	return prev
}

func newestFirst(bs []*dataset.Bulletin) []*dataset.Bulletin {
	out := append([]*dataset.Bulletin(nil), bs...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].AsOf != out[j].AsOf {
			return out[i].AsOf > out[j].AsOf
		}
		return out[i].Slug > out[j].Slug
	})
	return out
}

// MainRanking is the page's main leaderboard of a kind.
func (p *Page) MainRanking(kind string) *metrics.Ranking {
	for _, r := range p.MainRankings() {
		if r.Kind == kind {
			return r
		}
	}
	return nil
}

// RankSincePrev is a unit's rank change since the previous bulletin's
// cut-off (positive: moved up); undefined without a previous bulletin or
// when either rank is.
func (p *Page) RankSincePrev(r *metrics.Ranking, id string) metrics.Value {
	if p.prev == nil {
		return metrics.Value{}
	}
	pr, err := p.prev.Ranking(r.Kind, r.Metric)
	if err != nil {
		return metrics.Value{}
	}
	var before, now metrics.Value
	for _, row := range pr.Rows {
		if row.ID == id {
			before = row.Rank
		}
	}
	for _, row := range r.Rows {
		if row.ID == id {
			now = row.Rank
		}
	}
	if !before.OK || !now.OK {
		return metrics.Value{}
	}
	return metrics.Def(before.V - now.V)
}

// OpenProblems lists (project, problem) pairs open at the page's date.
func (p *Page) OpenProblems() []ProjectProblem {
	var out []ProjectProblem
	for _, pr := range p.S.Projects {
		for _, q := range pr.Open {
			out = append(out, ProjectProblem{Project: pr, Problem: q})
		}
	}
	return out
}

// ProjectProblem is an open problem with its project.
type ProjectProblem struct {
	Project *metrics.Project
	Problem dataset.Problem
}

// LatestBulletins are the newest bulletins for the home page.
func (p *Page) LatestBulletins(n int) []*dataset.Bulletin {
	bs := newestFirst(p.Meta.Site.Bulletins)
	if len(bs) > n {
		bs = bs[:n]
	}
	return bs
}

// feed writes an Atom feed of the bulletins with absolute URLs.
func (b *builder) feed() ([]byte, error) {
	type link struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr,omitempty"`
	}
	type entry struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Link    link   `xml:"link"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
	}
	type feed struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		Title   string   `xml:"title"`
		ID      string   `xml:"id"`
		Links   []link   `xml:"link"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []entry `xml:"entry"`
	}
	base := b.base.String()
	f := feed{Title: b.data.Title, ID: base, Links: []link{{Href: base}, {Href: base + "feed.xml", Rel: "self"}}}
	f.Author.Name = b.data.Campaign.Issuer
	if f.Author.Name == "" {
		f.Author.Name = b.data.Title
	}
	updated := b.data.Campaign.Start
	for _, bl := range newestFirst(b.data.Bulletins) {
		u := base + "bulletins/" + bl.Slug + "/"
		d := bl.Date
		if d.IsZero() {
			d = bl.AsOf
		}
		if d > updated {
			updated = d
		}
		f.Entries = append(f.Entries, entry{Title: bl.Number + " " + bl.Title, ID: u, Link: link{Href: u}, Updated: atomDate(d),
			Summary: bl.Issuer + " · " + bl.AsOf.String()})
	}
	if updated.IsZero() {
		updated = b.asOf
	}
	f.Updated = atomDate(updated)
	return xmlDocument(f)
}

func atomDate(d dataset.Date) string { return d.String() + "T00:00:00Z" }

// sitemap lists every HTML page with its absolute URL.
func (b *builder) sitemap(jobs []*job) ([]byte, error) {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	var us urlset
	base := b.base.String()
	for _, j := range jobs {
		if j.page == nil || j.page.Kind == "404" {
			continue
		}
		us.URLs = append(us.URLs, url{Loc: base + strings.TrimPrefix(j.page.URL, "/")})
	}
	sort.Slice(us.URLs, func(i, k int) bool { return us.URLs[i].Loc < us.URLs[k].Loc })
	return xmlDocument(us)
}

// notableChanges keeps a changes table readable at any size: every
// project whose status changed (started, finished, became slow,
// recovered), then the largest amounts completed in the period; the
// rest are summed up in a line.
const notableAmounts = 10

// NotableChanges returns the rows a changes table shows and how many
// other projects only added amounts.
func (p *Page) NotableChanges(c *metrics.Changes) ([]metrics.ProjectChange, error) {
	var status, amounts []metrics.ProjectChange
	for _, pc := range c.Projects {
		if pc.Started || pc.Finished || pc.BecameSlow || pc.Recovered {
			status = append(status, pc)
		} else if pc.DeltaCompleted != 0 {
			amounts = topAmounts(amounts, pc)
		}
	}
	return append(status, amounts...), nil
}

// topAmounts adds pc to top, the largest amounts completed so far (at
// most notableAmounts, largest first, equal amounts in project order): a
// large campaign's changes are tens of thousands of projects, of which
// ten are shown.
func topAmounts(top []metrics.ProjectChange, pc metrics.ProjectChange) []metrics.ProjectChange {
	i := len(top)
	for i > 0 && top[i-1].DeltaCompleted < pc.DeltaCompleted {
		i--
	}
	if i == notableAmounts {
		return top
	}
	top = slices.Insert(top, i, pc)
	if len(top) > notableAmounts {
		top = top[:notableAmounts]
	}
	return top
}

// OtherChanges counts the projects NotableChanges leaves out.
func (p *Page) OtherChanges(c *metrics.Changes) int {
	rows, _ := p.NotableChanges(c)
	return len(c.Projects) - len(rows)
}

// xmlDocument writes v as an indented XML document with its declaration.
func xmlDocument(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
