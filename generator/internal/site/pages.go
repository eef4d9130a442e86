package site

import (
	"cmp"
	"context"
	"errors"
	"html/template"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
)

// Page is what a layout receives.
type Page struct {
	Kind  string // the layout: layouts/<Kind>.html
	URL   string // site path, "/projects/x/"; "/404.html" for the 404 page
	Title string
	Meta  *Meta
	S     *metrics.Snapshot // the figures this page shows

	Body     template.HTML // rendered markdown, if any
	Project  *metrics.Project
	Unit     *metrics.Unit
	Group    *metrics.Group
	Rankings []*metrics.Ranking
	Source   *dataset.Page // the markdown file behind the page, if any

	Bulletins    []*dataset.Bulletin // the archive, newest first
	Bulletin     *dataset.Bulletin
	PrevBulletin *dataset.Bulletin
	Changes      *metrics.Changes
	PDF          string // site path of the bulletin's PDF, when it was printed

	charts *charts
	prev   *metrics.Snapshot // the previous bulletin's figures

	// relRoot, when set, is the link to the site root; Rel then links
	// through it instead of taking the shortest path (see sharedView).
	relRoot string
	view    *Page
	deeper  *Page // tableRow's page a level down
}

// Meta is what every page of a build shares.
type Meta struct {
	Site       *dataset.Site
	HTMLLang   string
	MoneyUnit  string
	AsOf       dataset.Date
	Latest     dataset.Date
	Day        int // day N of the campaign at AsOf (1 = the start date)
	DaysLeft   int // days from AsOf to the end date
	Base       string
	Pages      []*dataset.Page
	Version    dataVersion
	regionName map[string]string
	deptName   map[string]string
	catName    map[string]string
	listName   map[string]string
	t          func(string) (string, error)
	tpl        *templates
	sharedMu   sync.RWMutex
	rebaseOnce sync.Once // tableRow's check
	rebaseOK   bool
	shared     map[sharedKey]template.HTML // Shared's and Row's outputs
}

func newMeta(b *builder) *Meta {
	s := b.data
	m := &Meta{
		shared:     map[sharedKey]template.HTML{},
		Site:       s,
		HTMLLang:   s.Language,
		MoneyUnit:  s.MoneyUnit,
		AsOf:       b.asOf,
		Latest:     b.engine.Latest(),
		Base:       b.base.String(),
		Pages:      s.Pages,
		Version:    readVersion(b.opts.Source),
		regionName: map[string]string{},
		deptName:   map[string]string{},
		catName:    map[string]string{},
		listName:   map[string]string{},
		t:          b.tpl.T,
		tpl:        b.tpl,
	}
	if !s.Campaign.Start.IsZero() {
		m.Day = int(b.asOf-s.Campaign.Start) + 1
		m.DaysLeft = int(s.Campaign.End - b.asOf)
	}
	for _, u := range s.Regions {
		m.regionName[u.ID] = u.Name
	}
	for _, u := range s.Departments {
		m.deptName[u.ID] = u.Name
	}
	for _, g := range s.Categories {
		m.catName[g.ID] = g.Name
	}
	for _, g := range s.Lists {
		m.listName[g.ID] = g.Name
	}
	return m
}

// RegionName, DeptName, CategoryName and ListName give an id's display name.
func (m *Meta) RegionName(id string) string   { return m.regionName[id] }
func (m *Meta) DeptName(id string) string     { return m.deptName[id] }
func (m *Meta) CategoryName(id string) string { return m.catName[id] }
func (m *Meta) ListName(id string) string     { return m.listName[id] }

// Rel returns the link from this page to a site path such as "/projects/x/".
// Links are relative so the site works under any sub-path; the 404 page is
// served at arbitrary paths, so it links from the base URL's path instead.
func (p *Page) Rel(target string) string {
	if p.Kind == "404" {
		return p.Meta.basePath() + strings.TrimPrefix(target, "/")
	}
	if p.relRoot != "" {
		return p.relRoot + strings.TrimPrefix(target, "/")
	}
	return relPath(p.URL, target)
}

// sharedView is the page as partials rendered once for many pages see it
// (Shared, Row): its links go up to the root and down again, so they
// depend on the page's depth only. The shortest link from
// /regions/north/ to /regions/south/ is ../south/; from
// /departments/x/ it is ../../regions/south/, and a row rendered for one
// page must be right on the other.
func (p *Page) sharedView() *Page {
	if p.view != nil {
		return p.view
	}
	p.view = p
	if depth := strings.Count(p.URL, "/") - 1; p.Kind != "404" && depth > 0 && strings.HasSuffix(p.URL, "/") {
		v := *p
		v.relRoot = strings.Repeat("../", depth)
		v.view = &v
		p.view = &v
	}
	return p.view
}

// Canonical is the page's absolute URL when base_url is absolute.
func (p *Page) Canonical() string {
	if !strings.Contains(p.Meta.Base, "://") || p.Kind == "404" {
		return ""
	}
	return p.Meta.Base + strings.TrimPrefix(p.URL, "/")
}

func (m *Meta) basePath() string {
	if i := strings.Index(m.Base, "://"); i >= 0 {
		rest := m.Base[i+3:]
		if j := strings.Index(rest, "/"); j >= 0 {
			return rest[j:]
		}
		return "/"
	}
	return m.Base
}

// relPath computes the shortest relative link between two site paths.
// Directory pages end in "/"; files (404.html, data/metrics.json) do not.
func relPath(from, to string) string {
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = path.Dir(dir) + "/"
	}
	d := strings.TrimLeft(dir, "/")  // "projects/a/"
	t := strings.TrimPrefix(to, "/") // "regions/b/"
	// Only whole directories of the target (not its last part) can be
	// shared: a segment of d followed by "/" in t.
	for {
		i := strings.IndexByte(d, '/')
		if i <= 0 || len(t) <= i || t[:i+1] != d[:i+1] {
			break
		}
		d, t = d[i+1:], t[i+1:]
	}
	up := strings.Count(d, "/")
	if up == 0 && t == "" {
		return "./"
	}
	var b strings.Builder
	b.Grow(3*up + len(t))
	for range up {
		b.WriteString("../")
	}
	b.WriteString(t)
	return b.String()
}

// job is one output file to produce.
type job struct {
	rel    string // output path, slash-separated
	page   *Page  // rendered through the layouts, or
	data   func() ([]byte, error)
	stream func(pageWriter) error // a large data file, written as it is made
	setup  func(*Page) error      // charts and markdown, run by the worker before the page
}

// render produces every file of the site into s.
func (b *builder) render(ctx context.Context, s sink) error {
	jobs, err := b.jobs()
	if err != nil {
		return err
	}
	// More workers than cores: while one waits on the disk, another renders.
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
				if err := j.output(b, s); err != nil {
					mu.Lock()
					addErr(&errs, j.rel, err)
					mu.Unlock()
				}
			}
		}()
	}
	// The longest jobs first (the table of every project, the group
	// pages): started last, one of them would keep a core busy after the
	// others are done.
	order := slices.Clone(jobs)
	slices.SortStableFunc(order, func(a, c *job) int { return cmp.Compare(c.weight(b), a.weight(b)) })
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
	return errs.Err()
}

// weight estimates a job's cost: the project rows it writes.
func (j *job) weight(b *builder) int {
	all := len(b.snap.Projects)
	switch {
	case j.stream != nil:
		return all / 2
	case j.page == nil:
		return 1
	}
	p := j.page
	switch {
	case p.Kind == "projects":
		return all
	case p.Group != nil:
		return len(p.Group.Projects)
	case p.Unit != nil:
		return len(p.Unit.Projects)
	case p.Kind == "bulletin" || p.Kind == "changes":
		return all / 4
	}
	return 1
}

// addErr records a job's error; positioned errors keep their place.
func addErr(errs *dataset.ErrorList, rel string, err error) {
	for _, e := range unwrapAll(err) {
		var el dataset.ErrorList
		var de *dataset.Error
		switch {
		case errors.As(e, &el):
			*errs = append(*errs, el...)
		case errors.As(e, &de):
			*errs = append(*errs, de)
		default:
			errs.Add("public/"+rel, 0, "%v", e)
		}
	}
}

func (j *job) produce(b *builder, w pageWriter) error {
	// Charts and markdown go on a copy: a served site (Live) renders a
	// page again on every request, and may do so concurrently.
	p := *j.page
	if j.setup != nil {
		if err := j.setup(&p); err != nil {
			return err
		}
	}
	return b.tpl.execute(w, &p)
}

// output writes the job's file into s.
func (j *job) output(b *builder, s sink) error {
	if j.data != nil {
		out, err := j.data()
		if err != nil {
			return err
		}
		return s.write(j.rel, out)
	}
	if j.stream != nil {
		return s.page(j.rel, j.stream)
	}
	return s.page(j.rel, func(w pageWriter) error { return j.produce(b, w) })
}

// jobs lists every file of the site.
func (b *builder) jobs() ([]*job, error) {
	var jobs []*job
	var errs dataset.ErrorList
	snap := b.snap
	rules := b.data.Rules
	page := func(kind, url, title string, setup func(*Page) error) *Page {
		p := &Page{Kind: kind, URL: url, Title: title, Meta: b.meta, S: snap}
		rel := strings.TrimPrefix(url, "/")
		if strings.HasSuffix(url, "/") {
			rel += "index.html"
		}
		jobs = append(jobs, &job{rel: rel, page: p, setup: setup})
		return p
	}
	T := func(k string) string { s, _ := b.tpl.T(k); return s }
	mainRegions := b.rank(snap, "regions", rules.RankRegions, &errs)
	mainDepts := b.rank(snap, "departments", rules.RankDepts, &errs)

	home := page("home", "/", b.data.Title, func(p *Page) error {
		return b.homeCharts(p, mainRegions)
	})
	home.Rankings = nonNil(mainRegions, mainDepts)
	if b.data.Home != nil {
		home.Source = b.data.Home
	}

	page("projects", "/projects/", T("nav.projects"), nil)
	for _, pr := range snap.Projects {
		pr := pr
		pg := page("project", "/"+projectDir(pr.P.ID)+"/", pr.P.Name, func(p *Page) error {
			return b.chartMaker(p).project("project", T("chart.project_title"), pr)
		})
		pg.Project = pr
		pg.Source = pr.P.Narrative
	}

	regions := page("regions", "/regions/", T("nav.regions"), func(p *Page) error {
		return b.unitsIndexCharts(p, "regions", mainRegions)
	})
	regions.Rankings = nonNil(mainRegions)
	for _, u := range snap.Regions {
		pg := page("region", "/regions/"+u.U.ID+"/", u.U.Name, func(p *Page) error {
			return b.unitCharts(p, "region", mainRegions)
		})
		pg.Unit = u
		pg.Rankings = regions.Rankings
	}
	depts := page("departments", "/departments/", T("nav.departments"), func(p *Page) error {
		return b.unitsIndexCharts(p, "departments", mainDepts)
	})
	depts.Rankings = nonNil(mainDepts)
	for _, u := range snap.Departments {
		pg := page("department", "/departments/"+u.U.ID+"/", u.U.Name, func(p *Page) error {
			return b.unitCharts(p, "department", mainDepts)
		})
		pg.Unit = u
		pg.Rankings = depts.Rankings
	}

	rankings := page("rankings", "/rankings/", T("nav.rankings"), func(p *Page) error {
		m := b.chartMaker(p)
		for i, r := range p.Rankings {
			if err := m.ranking("ranking-"+strconv.Itoa(i), r); err != nil {
				return err
			}
		}
		return nil
	})
	rankings.Rankings = nonNil(b.leaderboards(snap, &errs)...)

	for _, g := range snap.Lists {
		pg := page("group", "/lists/"+g.ID+"/", g.Name, func(p *Page) error { return b.groupCharts(p, "list:") })
		pg.Group = g
	}
	for _, g := range snap.Categories {
		pg := page("group", "/categories/"+g.ID+"/", g.Name, func(p *Page) error { return b.groupCharts(p, "category:") })
		pg.Group = g
	}

	for _, src := range b.data.Pages {
		pg := page("page", "/"+src.Slug+"/", src.Title, nil)
		pg.Source = src
	}

	b.bulletinJobs(page, T, &errs)

	page("data", "/data/", T("nav.data"), nil)
	page("404", "/404.html", T("notfound.title"), nil)
	pages := append([]*job(nil), jobs...)
	jobs = append(jobs, &job{rel: "feed.xml", data: b.feed}, &job{rel: "sitemap.xml", data: func() ([]byte, error) { return b.sitemap(pages) }})
	jobs = append(jobs, b.extra...)
	jobs = append(jobs, b.openData(snap)...)
	jobs = append(jobs, b.assetJobs()...)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// Markdown goes last in every page's setup, after the page's own
	// charts, so block chart ids continue the page's numbering.
	for _, j := range jobs {
		if j.page == nil || j.page.Source == nil {
			continue
		}
		own := j.setup
		j.setup = func(p *Page) error {
			if own != nil {
				if err := own(p); err != nil {
					return err
				}
			}
			return b.renderMarkdown(p)
		}
	}
	sort.SliceStable(jobs, func(i, k int) bool { return jobs[i].rel < jobs[k].rel })
	// Pages show figures as of the build's date and each bulletin's;
	// other dates serve time series and rankings, which need no
	// per-project figures.
	// (Changes were computed above; a changes table in markdown computes
	// the report before again.)
	keep := []dataset.Date{b.asOf}
	for _, bl := range b.data.Bulletins {
		keep = append(keep, bl.AsOf)
	}
	b.engine.Release(keep...)
	return jobs, nil
}

// projectDir is the directory of a project's page.
func projectDir(id string) string { return "projects/" + id }

// projectDirs are the directories of every project's page.
func projectDirs(s *dataset.Site) []string {
	out := make([]string, len(s.Projects))
	for i, p := range s.Projects {
		out[i] = projectDir(p.ID)
	}
	return out
}

// leaderboards are the rankings page's boards: each kind's main metric
// first, then the other rankable metrics that rank at least one unit.
func (b *builder) leaderboards(snap *metrics.Snapshot, errs *dataset.ErrorList) []*metrics.Ranking {
	var out []*metrics.Ranking
	for _, kind := range []struct{ kind, main string }{
		{"regions", b.data.Rules.RankRegions},
		{"departments", b.data.Rules.RankDepts},
	} {
		metricsOrder := []string{kind.main}
		for _, m := range []string{"fai_growth", "completion_rate", "start_rate"} {
			if m != kind.main {
				metricsOrder = append(metricsOrder, m)
			}
		}
		for i, m := range metricsOrder {
			r := b.rank(snap, kind.kind, m, errs)
			if r == nil || (i > 0 && !anyRanked(r)) {
				continue
			}
			out = append(out, r)
		}
	}
	return out
}

func anyRanked(r *metrics.Ranking) bool {
	for _, row := range r.Rows {
		if row.Rank.OK {
			return true
		}
	}
	return false
}

func nonNil(rs ...*metrics.Ranking) []*metrics.Ranking {
	out := rs[:0]
	for _, r := range rs {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}

// renderMarkdown renders the page's markdown file into Body; errors in
// its chart and table blocks are positioned in that file.
func (b *builder) renderMarkdown(p *Page) error {
	src := p.Source
	h, err := b.md.Convert(src.Body, src.BodyLine, b.blockFunc(p))
	p.Body = h
	if err == nil {
		return nil
	}
	var errs dataset.ErrorList
	for _, e := range unwrapAll(err) {
		var le *markdown.LineError
		if errors.As(e, &le) {
			errs.Add(src.Path, le.Line, "%s", le.Msg)
			continue
		}
		errs.Add(src.Path, 0, "%v", e)
	}
	return errs.Err()
}

func unwrapAll(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// ScopeName names a target scope: "campaign", "region:<id>", ….
func (m *Meta) ScopeName(scope string) string {
	kind, id, _ := strings.Cut(scope, ":")
	var name string
	switch kind {
	case "campaign":
		name, _ = m.t("scope.campaign")
	case "region":
		name = m.regionName[id]
	case "department":
		name = m.deptName[id]
	case "category":
		name = m.catName[id]
	case "list":
		name = m.listName[id]
	case "sector":
		if g := m.Site.Sector(id); g != nil {
			name = g.Name
		}
	}
	if name == "" {
		return scope
	}
	return name
}

// ScopeURL links a target scope to its page, "" when it has none.
func (p *Page) ScopeURL(scope string) string {
	kind, id, _ := strings.Cut(scope, ":")
	switch kind {
	case "region":
		return p.Rel("/regions/" + id + "/")
	case "department":
		return p.Rel("/departments/" + id + "/")
	}
	return ""
}

// Stages lists the pipeline stages in order, for layouts.
func (p *Page) Stages() []metrics.Stage { return metrics.Stages }

// CampaignTargets are the campaign-wide target statuses.
func (p *Page) CampaignTargets() []metrics.TargetStatus { return p.ScopeTargets("campaign") }

// ScopeTargets are the target statuses of one scope ("region:x", …).
func (p *Page) ScopeTargets(scope string) []metrics.TargetStatus {
	var out []metrics.TargetStatus
	for _, t := range p.S.Targets {
		if t.Scope == scope {
			out = append(out, t)
		}
	}
	return out
}

// CampaignTarget is the campaign's target for a metric due last (the
// year's goal rather than a milestone), or nil.
func (p *Page) CampaignTarget(metric string) *metrics.TargetStatus {
	return latestTarget(p.S, "campaign", metric)
}

// DoneBy reports whether a date is set and not after the page's as-of date:
// a page shows the state of things at that date, not later facts.
func (p *Page) DoneBy(d dataset.Date) bool { return !d.IsZero() && d <= p.S.AsOf }

// ApprovalStatus is "done", "late" (done after its due date), "overdue"
// or "pending" at the page's as-of date.
func (p *Page) ApprovalStatus(a dataset.Approval) string {
	switch {
	case p.DoneBy(a.Done) && a.Done > a.Due:
		return "late"
	case p.DoneBy(a.Done):
		return "done"
	case a.Due < p.S.AsOf:
		return "overdue"
	}
	return "pending"
}

// MainRankings are the main leaderboard of each kind (rules.rank_by).
func (p *Page) MainRankings() []*metrics.Ranking {
	var out []*metrics.Ranking
	rules := p.Meta.Site.Rules
	for _, r := range p.Rankings {
		if (r.Kind == "regions" && r.Metric == rules.RankRegions) || (r.Kind == "departments" && r.Metric == rules.RankDepts) {
			out = append(out, r)
		}
	}
	return out
}

// IsList tells a group page whether it shows a list (else a category).
func (p *Page) IsList() bool { return strings.HasPrefix(p.URL, "/lists/") }

// GroupScope is the target scope of a group page: "list:<id>" or "category:<id>".
func (p *Page) GroupScope() string {
	if p.Group == nil {
		return ""
	}
	if p.IsList() {
		return "list:" + p.Group.ID
	}
	return "category:" + p.Group.ID
}

// Filter picks the projects with a flag: "slow", "not-started", "overdue".
func (p *Page) Filter(ps []*metrics.Project, flag string) []*metrics.Project {
	var out []*metrics.Project
	for _, pr := range ps {
		if (flag == "slow" && pr.Slow) || (flag == "not-started" && pr.NotStarted) || (flag == "overdue" && len(pr.Overdue) > 0) {
			out = append(out, pr)
		}
	}
	return out
}

// Shared renders a partial whose output depends only on the page's kind,
// its depth in the site and its as-of date (the header and footer), once
// per such combination instead of once per page.
func (p *Page) Shared(name string) (template.HTML, error) {
	depth := strings.Count(p.URL, "/")
	if p.Kind == "404" {
		depth = -1 // links from the base path, not relative
	}
	return p.cached(sharedKey{name: name, kind: p.Kind, depth: depth, asOf: p.S.AsOf}, p.sharedView())
}

// sharedKey identifies a partial's output reused across pages.
type sharedKey struct {
	name  string
	kind  string // Shared: the page kind
	depth int
	pr    *metrics.Project // Row: the project, as of one date
	asOf  dataset.Date
}

// lookup returns a partial's output already rendered for k.
func (m *Meta) lookup(k sharedKey) (template.HTML, bool) {
	m.sharedMu.RLock()
	defer m.sharedMu.RUnlock()
	h, ok := m.shared[k]
	return h, ok
}

// rowData is what a project row partial receives.
type rowData struct {
	Page    *Page
	Project *metrics.Project
}

// cached executes a partial once per key for the build.
func (p *Page) cached(k sharedKey, data any) (template.HTML, error) {
	m := p.Meta
	if h, ok := m.lookup(k); ok {
		return h, nil
	}
	b := scratch.Get().(*bufWriter)
	defer putScratch(b)
	if err := m.tpl.run(p.Kind, k.name, b, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String())
	m.sharedMu.Lock()
	m.shared[k] = h
	m.sharedMu.Unlock()
	return h, nil
}

// tableRow is a row of the table of every project (/projects/, one level
// down): the row the pages two levels down share, its links moved up a
// level, instead of rendering 50,000 rows again. Links come from Rel in
// href attributes (a quote in data is always escaped, so href=" starts
// only an attribute the layout wrote). The first row of a build is also
// rendered directly: if a layout links otherwise, the two differ and
// every row is rendered directly.
func (p *Page) tableRow(name string, pr *metrics.Project) (template.HTML, error) {
	m := p.Meta
	direct := func() (template.HTML, error) {
		b := scratch.Get().(*bufWriter)
		defer putScratch(b)
		if err := m.tpl.run(p.Kind, name, b, rowData{p.sharedView(), pr}); err != nil {
			return "", err
		}
		return template.HTML(b.String()), nil
	}
	if !rebaseRows || strings.Count(p.URL, "/") != 2 {
		return direct()
	}
	if p.deeper == nil { // one per page, not one per row
		d := *p
		d.URL, d.view = "/projects/-/", nil
		p.deeper = &d
	}
	shared, err := p.deeper.Row(name, pr)
	if err != nil {
		return "", err
	}
	up := template.HTML(strings.ReplaceAll(string(shared), `href="../../`, `href="../`))
	m.rebaseOnce.Do(func() {
		d, err := direct()
		m.rebaseOK = err == nil && d == up
	})
	if !m.rebaseOK {
		return direct()
	}
	return up, nil
}

// rebaseRows lets tableRow reuse rows (tests compare with direct rows).
var rebaseRows = true

// Row renders a partial for one project, once for all pages at the same
// depth and date: the same project appears in the projects table, its
// region's, its department's and its groups'.
func (p *Page) Row(name string, pr *metrics.Project) (template.HTML, error) {
	if p.Kind == "projects" {
		return p.tableRow(name, pr)
	}
	k := sharedKey{name: name, depth: strings.Count(p.URL, "/"), pr: pr, asOf: p.S.AsOf}
	if h, ok := p.Meta.lookup(k); ok {
		return h, nil // without building the row's data
	}
	return p.cached(k, rowData{p.sharedView(), pr})
}
