package site

import (
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
)

// A block is a ```chart or ```table fence whose body is TOML
// (data-format.md): kind, and for some kinds metric, of and id.
type block struct {
	Kind   string `toml:"kind"`
	Metric string `toml:"metric"`
	Of     string `toml:"of"`
	ID     string `toml:"id"`
	Title  string `toml:"title"`

	body []byte
}

var (
	chartKinds = []string{"ranking", "trend", "pace", "pipeline", "gauge", "heatmap", "project"}
	tableKinds = []string{"slow-projects", "not-started", "overdue-approvals", "ranking", "changes", "targets"}
	blockOfs   = []string{"regions", "departments", "projects", "categories", "lists", "sectors"}
)

// blockErr points at the line of key in the block body (the fence when
// the key is not written).
func (bl *block) errf(key, format string, args ...any) error {
	return &markdown.BlockError{Line: keyLine(bl.body, key), Msg: fmt.Sprintf(format, args...)}
}

func keyLine(body []byte, key string) int {
	if key == "" {
		return 0
	}
	re := regexp.MustCompile(`^\s*"?` + regexp.QuoteMeta(key) + `"?\s*=`)
	for i, ln := range strings.Split(string(body), "\n") {
		if re.MatchString(ln) {
			return i + 1
		}
	}
	return 0
}

// parseBlock decodes a block body strictly.
func parseBlock(info string, body []byte) (*block, error) {
	bl := &block{body: body}
	md, err := toml.Decode(string(body), bl)
	if err != nil {
		line := 0
		var pe toml.ParseError
		msg := err.Error()
		if errors.As(err, &pe) {
			line, msg = pe.Position.Line, pe.Message
		}
		return nil, &markdown.BlockError{Line: line, Msg: fmt.Sprintf("%s block: %s (expected TOML such as kind = \"ranking\")", info, msg)}
	}
	for _, k := range md.Undecoded() {
		return nil, bl.errf(k.String(), "%s block: unknown key %s (expected kind, metric, of, id, title)", info, k)
	}
	kinds := chartKinds
	if info == "table" {
		kinds = tableKinds
	}
	if bl.Kind == "" {
		return nil, &markdown.BlockError{Msg: fmt.Sprintf("%s block has no kind (expected kind = one of %s)", info, strings.Join(kinds, " | "))}
	}
	if !slices.Contains(kinds, bl.Kind) {
		return nil, bl.errf("kind", "%s block kind %q is unknown (expected one of %s)", info, bl.Kind, strings.Join(kinds, " | "))
	}
	if bl.Of != "" && !slices.Contains(blockOfs, bl.Of) {
		return nil, bl.errf("of", "%s block of = %q is unknown (expected one of %s)", info, bl.Of, strings.Join(blockOfs, " | "))
	}
	if bl.Metric != "" {
		if _, ok := metrics.LookupMetric(bl.Metric); !ok {
			return nil, bl.errf("metric", "%s block metric %q is unknown (expected one of %s)", info, bl.Metric, strings.Join(metrics.MetricNames(), ", "))
		}
	}
	return bl, nil
}

// blockFunc renders the ```chart and ```table blocks of a page's markdown
// from the page's snapshot.
func (b *builder) blockFunc(p *Page) markdown.BlockFunc {
	return func(info string, body []byte, index int) (h template.HTML, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &markdown.BlockError{Msg: fmt.Sprintf("%s block could not be rendered: %v", info, r)}
			}
		}()
		bl, err := parseBlock(info, body)
		if err != nil {
			return "", err
		}
		if info == "chart" {
			return b.chartBlock(p, bl)
		}
		return b.tableBlock(p, bl)
	}
}

// blockRanking is the leaderboard a ranking or heatmap block names: of
// regions (the default) or departments, by metric (default the kind's
// rules.rank_by).
func (b *builder) blockRanking(bl *block, s *metrics.Snapshot, info string) (*metrics.Ranking, error) {
	kind := bl.Of
	if kind == "" {
		kind = "regions"
	}
	if kind != "regions" && kind != "departments" {
		return nil, bl.errf("of", "a %s %s ranks regions or departments, not %s (expected of = \"regions\" or \"departments\")", bl.Kind, info, kind)
	}
	metric := bl.Metric
	if metric == "" {
		metric = b.data.Rules.RankRegions
		if kind == "departments" {
			metric = b.data.Rules.RankDepts
		}
	}
	r, err := s.Ranking(kind, metric)
	if err != nil {
		return nil, bl.errf("metric", "%v (expected a metric units can be ranked by: %s)", err, strings.Join(rankableMetrics(), ", "))
	}
	return r, nil
}

// scope resolves of + id to a target scope ("campaign", "region:x", …).
func (b *builder) blockScope(bl *block, allowed ...string) (string, error) {
	if bl.Of == "" {
		if bl.ID != "" {
			return "", bl.errf("id", "id = %q needs of = … to say what it is (expected of = one of %s)", bl.ID, strings.Join(allowed, " | "))
		}
		return "campaign", nil
	}
	if !slices.Contains(allowed, bl.Of) {
		return "", bl.errf("of", "a %s block cannot be of %s (expected one of %s)", bl.Kind, bl.Of, strings.Join(allowed, " | "))
	}
	if bl.ID == "" {
		return "", bl.errf("of", "of = %q needs id = … (expected the id of one of the %s)", bl.Of, bl.Of)
	}
	s := b.data
	var ok bool
	var kind string
	switch bl.Of {
	case "regions":
		ok, kind = s.Region(bl.ID) != nil, "region"
	case "departments":
		ok, kind = s.Department(bl.ID) != nil, "department"
	case "categories":
		ok, kind = s.Category(bl.ID) != nil, "category"
	case "lists":
		ok, kind = s.List(bl.ID) != nil, "list"
	case "sectors":
		ok, kind = s.Sector(bl.ID) != nil, "sector"
	}
	if !ok {
		return "", bl.errf("id", "id %q is not one of the %s (expected an id defined in site.toml or content/%s/)", bl.ID, bl.Of, bl.Of)
	}
	return kind + ":" + bl.ID, nil
}

func (b *builder) chartBlock(p *Page, bl *block) (template.HTML, error) {
	m := b.chartMaker(p)
	s := p.S
	title := func(def string) string {
		if bl.Title != "" {
			return bl.Title
		}
		return def
	}
	var err error
	switch bl.Kind {
	case "ranking", "heatmap":
		r, rerr := b.blockRanking(bl, s, "chart")
		if rerr != nil {
			return "", rerr
		}
		kind, metric := r.Kind, r.Metric
		if bl.Kind == "ranking" {
			err = m.ranking("", r)
			if bl.Title != "" && err == nil {
				p.charts.all[len(p.charts.all)-1].Title = bl.Title
			}
		} else {
			err = m.heatmap("", title(m.T("chart.heatmap_title."+kind)+" · "+m.T("metric."+metric)), kind, metric)
		}
	case "trend":
		metric := bl.Metric
		if metric == "" {
			metric = "fai_growth"
		}
		scopes, names, serr := b.trendScopes(bl)
		if serr != nil {
			return "", serr
		}
		target := metrics.Value{}
		if len(scopes) == 1 {
			target = targetFor(s, scopes[0], metric)
		}
		err = m.trend("", title(m.T("metric."+metric)), scopes, names, metric, target)
	case "pace", "pipeline", "gauge":
		scope, serr := b.blockScope(bl, "regions", "departments", "categories", "lists")
		if serr != nil {
			return "", serr
		}
		switch bl.Kind {
		case "pace":
			err = m.pace("", title(m.T("chart.pace_title")), scope)
		case "pipeline":
			err = m.pipeline("", title(m.T("home.pipeline")), b.scopeGroup(s, scope))
		default:
			metric := bl.Metric
			if metric == "" {
				metric = "completion_rate"
			}
			if def, _ := metrics.LookupMetric(metric); def.Unit != "%" {
				return "", bl.errf("metric", "a gauge shows a rate, not %s (expected a metric in %%, such as completion_rate or start_rate)", metric)
			}
			err = m.gauge("", title(m.T("metric."+metric)), s.ScopeValue(scope, metric))
		}
	case "project":
		if bl.Of != "" && bl.Of != "projects" {
			return "", bl.errf("of", "a project chart is of projects, not %s (expected of = \"projects\" or no of)", bl.Of)
		}
		pr := s.Project(bl.ID)
		if pr == nil {
			return "", bl.errf("id", "id %q is not a project (expected the id of a file in content/projects/)", bl.ID)
		}
		err = m.project("", title(pr.P.Name), pr)
	}
	if err != nil {
		return "", &markdown.BlockError{Msg: fmt.Sprintf("chart could not be built: %v", err)}
	}
	return b.renderPartial("partials/chart", p.charts.all[len(p.charts.all)-1])
}

// trendScopes: one scope (of + id), every unit or sector of a kind (of
// without id), or the campaign.
func (b *builder) trendScopes(bl *block) ([]string, []string, error) {
	if bl.Of == "" || bl.ID != "" {
		sc, err := b.blockScope(bl, "regions", "departments", "categories", "lists", "sectors")
		if err != nil {
			return nil, nil, err
		}
		return []string{sc}, []string{b.meta.ScopeName(sc)}, nil
	}
	var scopes, names []string
	switch bl.Of {
	case "regions":
		for _, u := range b.data.Regions {
			scopes, names = append(scopes, "region:"+u.ID), append(names, u.Name)
		}
	case "departments":
		for _, u := range b.data.Departments {
			scopes, names = append(scopes, "department:"+u.ID), append(names, u.Name)
		}
	case "sectors":
		for _, g := range b.data.Sectors {
			scopes, names = append(scopes, "sector:"+g.ID), append(names, g.Name)
		}
	default:
		return nil, nil, bl.errf("of", "a trend of every %s is not offered (expected of = regions, departments or sectors, or an id)", bl.Of)
	}
	return scopes, names, nil
}

func (b *builder) scopeGroup(s *metrics.Snapshot, scope string) *metrics.Group {
	kind, id, _ := strings.Cut(scope, ":")
	switch kind {
	case "region":
		return &s.Region(id).Group
	case "department":
		return &s.Department(id).Group
	case "category":
		return s.Category(id)
	case "list":
		return s.List(id)
	}
	return &s.Totals
}

func rankableMetrics() []string {
	var out []string
	for _, n := range metrics.MetricNames() {
		if d, _ := metrics.LookupMetric(n); d.Rankable {
			out = append(out, n)
		}
	}
	return out
}

// renderPartial executes a partial with data, for blocks.
func (b *builder) renderPartial(name string, data any) (template.HTML, error) {
	var buf bufWriter
	if err := b.tpl.run("page", name, &buf, data); err != nil {
		return "", execError("page", err)
	}
	return template.HTML(buf.String()), nil
}

// tableBlock renders a ```table block through layouts/partials/table-<kind>.html.
func (b *builder) tableBlock(p *Page, bl *block) (template.HTML, error) {
	s := p.S
	data := map[string]any{"Page": p, "Title": bl.Title}
	scope := "campaign"
	if bl.Kind != "ranking" && bl.Kind != "changes" {
		sc, err := b.blockScope(bl, "regions", "departments", "categories", "lists")
		if err != nil {
			return "", err
		}
		scope = sc
	}
	g := b.scopeGroup(s, scope)
	switch bl.Kind {
	case "slow-projects", "not-started", "overdue-approvals":
		var ps []*metrics.Project
		for _, pr := range g.Projects {
			if (bl.Kind == "slow-projects" && pr.Slow) || (bl.Kind == "not-started" && pr.NotStarted) || (bl.Kind == "overdue-approvals" && len(pr.Overdue) > 0) {
				ps = append(ps, pr)
			}
		}
		if bl.Kind == "slow-projects" {
			sort.SliceStable(ps, func(i, j int) bool { return ps[i].CompletionRate.V < ps[j].CompletionRate.V })
		}
		data["Projects"] = ps
	case "ranking":
		r, err := b.blockRanking(bl, s, "table")
		if err != nil {
			return "", err
		}
		data["Ranking"] = r
	case "changes":
		data["Changes"] = b.changesAt(s)
	case "targets":
		if scope == "campaign" {
			data["Targets"] = p.CampaignTargets()
		} else {
			data["Targets"] = p.ScopeTargets(scope)
		}
	}
	return b.renderPartial("partials/table-"+bl.Kind, data)
}

// changesAt is what changed between the report before s's date and s's date.
func (b *builder) changesAt(s *metrics.Snapshot) *metrics.Changes {
	return b.engine.Changes(b.reportBefore(s.AsOf), s.AsOf)
}
