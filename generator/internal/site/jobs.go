package site

import (
	"strings"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/view"
)

// jobs lists every file of the site.
func (b *builder) jobs() ([]*job, error) {
	var jobs []*job
	c := b.ctx
	snap := b.snap
	all := len(snap.Projects)
	add := func(kind, path string, weight int, model func(cm Common) (pageModel, error)) *job {
		rel := strings.TrimPrefix(path, "/")
		if strings.HasSuffix(path, "/") {
			rel += "index.html"
		}
		j := &job{rel: rel, kind: kind, weight: weight}
		j.model = func() (pageModel, error) { return model(b.common(kind, path)) }
		jobs = append(jobs, j)
		return j
	}

	add("home", "/", all/4+10, func(cm Common) (pageModel, error) { return b.home(cm) })
	add("projects", "/projects/", all, func(cm Common) (pageModel, error) { return b.projects(cm) })
	for _, p := range snap.Projects {
		p := p
		add("project", view.ProjectURL(p.P.ID), 1, func(cm Common) (pageModel, error) { return b.project(cm, p) })
	}
	for _, kind := range dataset.UnitKinds {
		kind := kind
		units := snap.Units(kind)
		if len(units) == 0 {
			continue
		}
		add("units", "/"+kind+"/", len(units)+5, func(cm Common) (pageModel, error) { return b.units(cm, kind) })
		for _, g := range units {
			g := g
			add("unit", view.URL(g.Scope), len(g.Projects)+2, func(cm Common) (pageModel, error) { return b.unit(cm, kind, g) })
		}
	}
	add("rankings", "/rankings/", 20, func(cm Common) (pageModel, error) { return b.rankings(cm) })
	for _, gk := range []struct {
		path string
		gs   []*metrics.Group
	}{{"/lists/", snap.Lists}, {"/categories/", snap.Categories}} {
		gk := gk
		if len(gk.gs) == 0 {
			continue
		}
		add("groups", gk.path, len(gk.gs), func(cm Common) (pageModel, error) { return b.groups(cm, gk.gs) })
		for _, g := range gk.gs {
			g := g
			add("group", view.URL(g.Scope), len(g.Projects)+2, func(cm Common) (pageModel, error) { return b.group(cm, g) })
		}
	}
	add("bulletins", "/bulletins/", 2, func(cm Common) (pageModel, error) { return b.bulletinIndex(cm) })
	for _, bl := range b.bulletins() {
		bl := bl
		add("bulletin", "/bulletins/"+bl.Slug+"/", all/4+10, func(cm Common) (pageModel, error) { return b.bulletinModel(cm, bl, true) })
	}
	add("changes", "/changes/", all/8+2, func(cm Common) (pageModel, error) { return b.changes(cm) })
	for _, pg := range b.data.Pages {
		pg := pg
		add("page", "/"+pg.Slug+"/", 2, func(cm Common) (pageModel, error) {
			m := &MarkdownPage{Common: cm}
			m.Title = pg.Title
			return m, b.renderMarkdown(pg, b.ctx, &m.Common, "page")
		})
	}
	add("data", "/data/", 1, func(cm Common) (pageModel, error) { return b.dataPage(cm) })
	add("404", "/404.html", 1, func(cm Common) (pageModel, error) {
		m := &NotFoundPage{Common: cm}
		m.Title = c.S.T("notfound.title")
		return m, nil
	})
	var pages []string
	for _, j := range jobs {
		pages = append(pages, j.rel)
	}
	jobs = append(jobs,
		&job{rel: "feed.xml", data: b.feed},
		&job{rel: "sitemap.xml", data: func() ([]byte, error) { return b.sitemap(pages) }},
	)
	jobs = append(jobs, b.openData()...)
	assets, err := b.assetJobs()
	if err != nil {
		return nil, err
	}
	jobs = append(jobs, assets...)
	return jobs, nil
}

// common is a page's Common: where it is and what it links from.
func (b *builder) common(kind, path string) Common {
	cm := Common{Kind: kind, Path: path, Lang: b.htmlLang(), SiteTitle: b.data.Title, Root: view.Root(path),
		PageFooter: b.pageFooter}
	if kind == "404" {
		cm.Root = b.base.Path // served at any path: links from the base path
	}
	if b.base.Scheme != "" && kind != "404" {
		cm.Canonical = b.base.String() + strings.TrimPrefix(path, "/")
	}
	return cm
}

func (b *builder) htmlLang() string {
	if b.data.Language == "" {
		return "zh-Hans"
	}
	return b.data.Language
}

// chrome is the header and footer's data for a page.
func (b *builder) chrome(c *Common) *Chrome {
	t := b.lay.strings.T
	ch := &Chrome{Root: c.Root, Nav: navOf(c.Kind, c.Path), SiteTitle: b.data.Title,
		AsOf: b.ctx.Date(b.asOf), MoneyUnit: b.ctx.F.Unit(), Issuer: b.data.Campaign.Issuer,
		License: view.Link(c.Root, "/assets/echarts-LICENSE.txt")}
	if last := b.engine.Latest(); last != b.asOf {
		ch.Latest = b.ctx.Date(last)
	}
	if v := b.version; v.Commit != "" {
		ch.Commit, ch.CommitDate = v.Commit, b.ctx.Date(v.CommitDate)
	}
	if b.version.Built != 0 {
		ch.Built = b.ctx.Date(b.version.Built)
	}
	for _, n := range []struct{ id, path string }{
		{"home", "/"}, {"projects", "/projects/"}, {"regions", "/regions/"}, {"departments", "/departments/"},
		{"rankings", "/rankings/"}, {"lists", "/lists/"}, {"bulletins", "/bulletins/"}, {"changes", "/changes/"}, {"data", "/data/"},
	} {
		switch {
		case n.id == "regions" && len(b.data.Regions) == 0, n.id == "departments" && len(b.data.Departments) == 0,
			n.id == "lists" && len(b.data.Lists) == 0 && len(b.data.Categories) == 0:
			continue
		}
		path := n.path
		if n.id == "lists" && len(b.data.Lists) == 0 {
			path = "/categories/"
		}
		ch.Nav1 = append(ch.Nav1, NavItem{Label: t("nav." + n.id), URL: view.Link(c.Root, path), Current: ch.Nav == n.id})
	}
	for _, pg := range b.data.Pages {
		ch.Pages = append(ch.Pages, NavItem{Label: pg.Title, URL: view.Link(c.Root, "/"+pg.Slug+"/")})
	}
	return ch
}

// navOf is the navigation entry a page belongs to.
func navOf(kind, path string) string {
	switch kind {
	case "home", "rankings", "changes", "data":
		return kind
	case "projects", "project":
		return "projects"
	case "bulletins", "bulletin":
		return "bulletins"
	case "units", "unit":
		if strings.HasPrefix(path, "/departments/") {
			return "departments"
		}
		return "regions"
	case "groups", "group":
		return "lists"
	}
	return ""
}
