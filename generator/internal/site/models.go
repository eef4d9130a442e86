package site

import (
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/view"
)

// The page builders: each turns the figures into its page's model, on a
// render worker.

func (b *builder) home(cm Common) (*HomePage, error) {
	c, root := b.ctx, cm.Root
	m := &HomePage{Common: cm, Campaign: c.Campaign(), MultiYear: c.MultiYear()}
	m.Title = b.data.Title
	m.Cards = c.Cards(b.snap.Totals, root)
	m.Targets = c.Targets(metrics.Campaign, root)
	m.Boards = c.MainBoards(root)
	m.Pipeline = c.Pipeline(b.snap.Totals)
	m.Sectors = c.Sectors()
	m.Bulletins = c.Bulletins(root, b.pdfLinks())
	if len(m.Bulletins) > 3 {
		m.Bulletins = m.Bulletins[:3]
	}
	if err := b.homeCharts(c, &m.Common); err != nil {
		return nil, err
	}
	return m, b.renderMarkdown(b.data.Home, c, &m.Common, "home")
}

func (b *builder) projects(cm Common) (*ProjectsPage, error) {
	c, t := b.ctx, b.lay.strings.T
	m := &ProjectsPage{Common: cm, Count: c.F.Int(len(b.snap.Projects)), Year: c.F.Year(b.snap.Year)}
	m.Table.MultiYear = c.MultiYear()
	m.Title = t("projects.title")
	opts := func(units []*dataset.Unit) []Option {
		var out []Option
		for _, u := range units {
			out = append(out, Option{u.ID, u.Name})
		}
		return out
	}
	groups := func(gs []*dataset.Group) []Option {
		var out []Option
		for _, g := range gs {
			out = append(out, Option{g.ID, g.Name})
		}
		return out
	}
	var stages, flags []Option
	for _, st := range metrics.Stages {
		stages = append(stages, Option{string(st), c.Stage(st)})
	}
	for _, f := range []string{"slow", "not-started", "finish-overdue", "behind", "approvals", "milestones", "problems", "finished"} {
		flags = append(flags, Option{f, t("flag." + f)})
	}
	m.Filters = []Filter{
		{"region", t("col.region"), opts(b.data.Regions)},
		{"owner", t("col.owner"), opts(b.data.Departments)},
		{"category", t("col.category"), groups(b.data.Categories)},
		{"list", t("col.lists"), groups(b.data.Lists)},
		{"stage", t("col.stage"), stages},
		{"flag", t("col.flags"), flags},
	}
	var err error
	m.Table.Rows, err = b.rows(c, b.snap.Projects, cm.Root, "projects")
	return m, err
}

func (b *builder) project(cm Common, p *metrics.Project) (*ProjectPage, error) {
	c := b.ctx
	m := &ProjectPage{Common: cm, Project: c.Project(p, cm.Root), MultiYear: c.MultiYear()}
	m.Title = p.P.Name
	if err := b.projectChart(c, &m.Common, p); err != nil {
		return nil, err
	}
	return m, b.renderMarkdown(p.P.Narrative, c, &m.Common, "project")
}

func (b *builder) units(cm Common, kind string) (*UnitsPage, error) {
	c, t := b.ctx, b.lay.strings.T
	m := &UnitsPage{Common: cm, KindLabel: t("kind." + kind), MultiYear: c.MultiYear()}
	m.Title = t("units.title." + kind)
	if bd := b.snap.MainBoard(kind); bd != nil {
		m.Board = c.Board(bd, cm.Root)
	}
	for _, g := range b.snap.Units(kind) {
		m.Units = append(m.Units, c.Summary(g, cm.Root))
	}
	tot := c.Totals(cm.Root)
	m.Totals = &tot
	return m, b.unitsCharts(c, &m.Common, kind)
}

func (b *builder) unit(cm Common, kind string, g *metrics.Group) (*UnitPage, error) {
	c := b.ctx
	m := &UnitPage{Common: cm, Unit: c.Unit(g, kind, cm.Root)}
	m.Title = g.Name
	m.Table.MultiYear = c.MultiYear()
	var err error
	if m.Table.Rows, err = b.rows(c, g.Projects, cm.Root, "unit"); err != nil {
		return nil, err
	}
	return m, b.unitCharts(c, &m.Common, kind, g)
}

func (b *builder) rankings(cm Common) (*RankingsPage, error) {
	c := b.ctx
	m := &RankingsPage{Common: cm, Boards: c.AllBoards(cm.Root)}
	m.Title = b.lay.strings.T("rankings.title")
	return m, b.rankingCharts(c, &m.Common, m.Boards)
}

func (b *builder) groups(cm Common, gs []*metrics.Group) (*GroupsPage, error) {
	c, t := b.ctx, b.lay.strings.T
	kind := gs[0].Scope.Kind
	m := &GroupsPage{Common: cm, KindLabel: t("kind." + kind), MultiYear: c.MultiYear()}
	m.Title = t("groups.title." + kind)
	for _, g := range gs {
		m.Groups = append(m.Groups, c.Summary(g, cm.Root))
	}
	if kind == metrics.ScopeCategory { // categories partition the projects; lists overlap
		tot := c.Totals(cm.Root)
		m.Totals = &tot
	}
	return m, nil
}

func (b *builder) group(cm Common, g *metrics.Group) (*GroupPage, error) {
	c := b.ctx
	m := &GroupPage{Common: cm, GroupPage: c.Group(g, cm.Root)}
	m.Title = g.Name
	m.Table.MultiYear = c.MultiYear()
	var err error
	if m.Table.Rows, err = b.rows(c, g.Projects, cm.Root, "group"); err != nil {
		return nil, err
	}
	return m, b.groupCharts(c, &m.Common, g)
}

func (b *builder) bulletinIndex(cm Common) (*BulletinsPage, error) {
	m := &BulletinsPage{Common: cm, Bulletins: b.ctx.Bulletins(cm.Root, b.pdfLinks())}
	m.Title = b.lay.strings.T("bulletins.title")
	return m, nil
}

// bulletinModel is a bulletin frozen at its as_of: every figure, table
// and chart of it, its blocks included, is computed as of that date.
// withPDF links its printed PDF when the build has one (a page printed
// is rendered without it: see printSource).
func (b *builder) bulletinModel(cm Common, bl *dataset.Bulletin, withPDF bool) (*BulletinPage, error) {
	c := b.ctx.At(bl.AsOf)
	t := b.lay.strings.T
	m := &BulletinPage{Common: cm, Number: bl.Number, Issuer: bl.Issuer, Date: c.Date(bl.Date), AsOf: c.Date(bl.AsOf),
		Campaign: c.Campaign(), Series: t("bulletin.series")}
	m.Title = bl.Title
	m.Print = true
	if p := b.pdfLinks()[bl.Slug]; p != "" && withPDF {
		m.PDF = view.Link(cm.Root, p)
	}
	m.Cards = c.Cards(c.Snap.Totals, cm.Root)
	m.Targets = c.AllTargets("", cm.Root)
	m.Boards = c.MainBoards(cm.Root)
	m.Sections = c.Sections(c.Snap.Projects, cm.Root)
	if since := b.bulletinSince(bl); since != 0 {
		m.Changes = c.Changes(since, bl.AsOf, cm.Root)
		m.Since = c.Date(since)
	}
	return m, b.renderMarkdown(bl.Page, c, &m.Common, "bulletin")
}

// bulletinSince is the date a bulletin's changes compare with: its own
// `since`, else the previous bulletin's as_of, else the report before.
func (b *builder) bulletinSince(bl *dataset.Bulletin) dataset.Date {
	if bl.Since != 0 {
		return bl.Since
	}
	var prev dataset.Date
	for _, o := range b.data.Bulletins {
		if o.AsOf < bl.AsOf && o.AsOf > prev {
			prev = o.AsOf
		}
	}
	if prev != 0 {
		return prev
	}
	ds := b.engine.DatesUpTo(bl.AsOf)
	if len(ds) >= 2 {
		return ds[len(ds)-2]
	}
	return 0
}

func (b *builder) changes(cm Common) (*ChangesPage, error) {
	c, t := b.ctx, b.lay.strings.T
	m := &ChangesPage{Common: cm}
	m.Title = t("changes.title")
	ds := b.engine.DatesUpTo(b.asOf)
	if len(ds) < 2 {
		m.Single = t("changes.single")
		return m, nil
	}
	m.Changes = c.Changes(ds[len(ds)-2], ds[len(ds)-1], cm.Root)
	return m, nil
}

func (b *builder) dataPage(cm Common) (*DataPage, error) {
	t := b.lay.strings.T
	m := &DataPage{Common: cm, AsOf: b.ctx.Date(b.asOf)}
	m.Title = t("data.title")
	for _, f := range dataFiles {
		m.Files = append(m.Files, DataFile{Name: f, URL: view.Link(cm.Root, "/data/"+f), Desc: t("data." + f)})
	}
	return m, nil
}

// pdfLinks are the site paths of the printed bulletins this build keeps or
// adds, by slug.
func (b *builder) pdfLinks() map[string]string {
	out := map[string]string{}
	for slug, p := range b.opts.PDFs {
		if p.PDF != nil {
			out[slug] = pdfPath(slug)
		}
	}
	for slug, e := range b.prevPDFs {
		if _, ok := out[slug]; !ok && b.pdfStillValid(slug, e) {
			out[slug] = e.File
		}
	}
	return out
}

func pdfPath(slug string) string { return "/bulletins/" + slug + "/" + slug + ".pdf" }
