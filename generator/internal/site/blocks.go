package site

import (
	"errors"
	"fmt"
	"html/template"
	"slices"
	"strconv"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/tomldoc"
	"gongjian/generator/internal/view"
)

// Chart and table blocks: a fenced block whose info string is `chart` or
// `table` and whose body is TOML (docs/data-format.md). Their figures are
// those of the page's date (a bulletin's as_of).

// ChartKinds and TableKinds are the kinds a block may name.
var (
	ChartKinds = []string{"ranking", "trend", "pace", "pipeline", "gauge", "heatmap", "project", "rank-history"}
	TableKinds = []string{"slow-projects", "not-started", "finish-overdue", "overdue-approvals", "overdue-milestones",
		"problems", "ranking", "changes", "targets", "summary", "sectors", "pipeline"}
	blockOfs = []string{"regions", "departments", "projects", "categories", "lists", "sectors"}
)

// attentionOf maps a table kind to its view.Attention kind.
var attentionOf = map[string]string{
	"slow-projects": "slow", "not-started": "not-started", "finish-overdue": "finish-overdue",
	"overdue-approvals": "approvals", "overdue-milestones": "milestones", "problems": "problems",
}

// block is a decoded block.
type block struct {
	info, kind, metric, of, id, title string
	doc                               *tomldoc.Doc
}

func (bl *block) errAt(key string, m i18n.Msg) error {
	line := 0
	if key != "" && bl.doc != nil {
		if _, ok := bl.doc.Root[key]; ok {
			line = bl.doc.Line(tomldoc.Path{}.Key(key))
		}
	}
	return &markdown.BlockError{Line: line, Msg: m}
}

// parseBlock decodes a block body strictly.
func parseBlock(info string, body []byte) (*block, error) {
	doc, err := tomldoc.Parse(string(body), tomldoc.Options{MaxDepth: 8})
	if err != nil {
		var se *tomldoc.SyntaxError
		line := 0
		msg := err.Error()
		if errors.As(err, &se) {
			line, msg = se.Line, se.Msg
		}
		return nil, &markdown.BlockError{Line: line, Msg: i18n.M("block.syntax", info, msg)}
	}
	bl := &block{info: info, doc: doc}
	keys := []string{"kind", "metric", "of", "id", "title"}
	for _, k := range sortedKeys(doc.Root) {
		if !slices.Contains(keys, k) {
			return nil, bl.errAt(k, i18n.M("block.unknown_key", info, k, i18n.Plain(keys)))
		}
		s, ok := doc.Root[k].(string)
		if !ok {
			return nil, bl.errAt(k, i18n.M("block.not_text", info, k))
		}
		switch k {
		case "kind":
			bl.kind = s
		case "metric":
			bl.metric = s
		case "of":
			bl.of = s
		case "id":
			bl.id = s
		case "title":
			bl.title = s
		}
	}
	kinds := ChartKinds
	if info == "table" {
		kinds = TableKinds
	}
	switch {
	case bl.kind == "":
		return nil, &markdown.BlockError{Msg: i18n.M("block.no_kind", info, i18n.Plain(kinds))}
	case !slices.Contains(kinds, bl.kind):
		return nil, bl.errAt("kind", i18n.M("block.kind", info, bl.kind, i18n.Plain(kinds)))
	case bl.of != "" && !slices.Contains(blockOfs, bl.of):
		return nil, bl.errAt("of", i18n.M("block.of", info, bl.of, i18n.Plain(blockOfs)))
	}
	if bl.metric != "" {
		if _, ok := dataset.Lookup(bl.metric); !ok {
			return nil, bl.errAt("metric", i18n.M("block.metric", info, bl.metric, i18n.Plain(dataset.Names())))
		}
	}
	return bl, nil
}

// scope resolves the block's of/id to a target scope, checking the id.
func (bl *block) scope(s *metrics.Snapshot) (metrics.Scope, error) {
	kind := map[string]string{"regions": metrics.ScopeRegion, "departments": metrics.ScopeDepartment,
		"categories": metrics.ScopeCategory, "lists": metrics.ScopeList, "sectors": metrics.ScopeSector}[bl.of]
	if bl.id == "" {
		if bl.of == "" {
			return metrics.Campaign, nil
		}
		return metrics.Scope{Kind: kind}, nil
	}
	if bl.of == "" || bl.of == "projects" {
		if bl.of == "projects" && s.Project(bl.id) != nil {
			return metrics.Scope{Kind: "project", ID: bl.id}, nil
		}
		return metrics.Scope{}, bl.errAt("id", i18n.M("block.id_without_of", bl.info, bl.id))
	}
	sc := metrics.Scope{Kind: kind, ID: bl.id}
	if (kind == metrics.ScopeSector && s.Sector(bl.id) == nil) || (kind != metrics.ScopeSector && s.Group(sc) == nil) {
		return metrics.Scope{}, bl.errAt("id", i18n.M("block.id", bl.info, bl.id, bl.of))
	}
	return sc, nil
}

// blockFunc renders a page's blocks from c's figures: tables through the
// layouts' partials, charts into the page's chart list.
func (b *builder) blockFunc(c *view.Context, page *Common, kind string) markdown.BlockFunc {
	return func(info string, body []byte, index int) (h template.HTML, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &markdown.BlockError{Msg: i18n.M("block.failed", info, fmt.Sprint(r))}
			}
		}()
		bl, err := parseBlock(info, body)
		if err != nil {
			return "", err
		}
		if info == "chart" {
			return b.blockChart(c, page, kind, bl, index)
		}
		return b.blockTable(c, page, kind, bl, index)
	}
}

// blockTable renders a table block through a partial.
func (b *builder) blockTable(c *view.Context, page *Common, kind string, bl *block, index int) (template.HTML, error) {
	sc, err := bl.scope(c.Snap)
	if err != nil {
		return "", err
	}
	root := page.Root
	projects := c.Snap.Projects
	if g := c.Snap.Group(sc); g != nil && sc.Kind != metrics.ScopeCampaign {
		projects = g.Projects
	}
	switch bl.kind {
	case "slow-projects", "not-started", "finish-overdue", "overdue-approvals", "overdue-milestones", "problems":
		k := attentionOf[bl.kind]
		title := bl.title
		if title == "" {
			title = c.S.T("section." + k)
		}
		// A block's own id: the page (a bulletin's annex) may list the same kind.
		sec := view.Section{ID: "block-" + itoa(index) + "-" + k, Title: title, Empty: c.S.T("section." + k + ".none"), Rows: c.Attention(projects, k, root)}
		return b.partial(kind, "partials/attention", sec)
	case "ranking":
		unitKind := dataset.Regions
		if bl.of == "departments" {
			unitKind = dataset.Departments
		} else if bl.of != "" && bl.of != "regions" {
			return "", bl.errAt("of", i18n.M("block.of", bl.info, bl.of, i18n.Plain(dataset.UnitKinds)))
		}
		metric := bl.metric
		if metric == "" {
			metric = c.Engine.MainMetric(unitKind)
		}
		bd, err := c.Snap.Board(unitKind, metric)
		if err != nil {
			return "", bl.errAt("metric", i18n.M("block.rank_metric", bl.info, metric, i18n.Plain(dataset.NamesWhere(func(d dataset.Def) bool { return d.Rankable }))))
		}
		return b.partial(kind, "partials/board-table", c.Board(bd, root))
	case "changes":
		ds := c.Engine.DatesUpTo(c.Snap.AsOf)
		if len(ds) < 2 {
			return template.HTML(""), nil
		}
		from := ds[len(ds)-2]
		if page.Kind == "bulletin" {
			for _, bl2 := range b.data.Bulletins {
				if "/bulletins/"+bl2.Slug+"/" == page.Path {
					if s := b.bulletinSince(bl2); s != 0 {
						from = s
					}
				}
			}
		}
		return b.partial(kind, "partials/changes", c.Changes(from, c.Snap.AsOf, root))
	case "targets":
		var ts []view.TargetView
		switch {
		case bl.of == "":
			ts = c.Targets(metrics.Campaign, root)
		case bl.id != "":
			ts = c.Targets(sc, root)
		default:
			ts = c.AllTargets(sc.Kind, root)
		}
		return b.partial(kind, "partials/targets-table", ts)
	case "summary":
		var gs []*metrics.Group
		switch bl.of {
		case "regions":
			gs = c.Snap.Regions
		case "departments":
			gs = c.Snap.Departments
		case "categories", "":
			gs = c.Snap.Categories
		case "lists":
			gs = c.Snap.Lists
		default:
			return "", bl.errAt("of", i18n.M("block.of", bl.info, bl.of, i18n.Plain([]string{"regions", "departments", "categories", "lists"})))
		}
		var rows []view.Summary
		for _, g := range gs {
			rows = append(rows, c.Summary(g, root))
		}
		return b.partial(kind, "partials/summary-table", rows)
	case "sectors":
		return b.partial(kind, "partials/sectors-table", c.Sectors())
	case "pipeline":
		g := c.Snap.Totals
		if x := c.Snap.Group(sc); x != nil {
			g = x
		}
		return b.partial(kind, "partials/pipeline-table", c.Pipeline(g))
	}
	return "", bl.errAt("kind", i18n.M("block.kind", bl.info, bl.kind, i18n.Plain(TableKinds)))
}

var _ = strconv.Itoa
