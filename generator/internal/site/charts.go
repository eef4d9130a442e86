package site

import (
	"errors"
	"fmt"
	"html/template"

	"gongjian/generator/internal/chart"
	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/markdown"
	"gongjian/generator/internal/metrics"
	"gongjian/generator/internal/view"
)

// ChartView is a chart as a page shows it (layouts/partials/chart.html):
// the box the chart script draws into, its data, its status key, and the
// same numbers as a table.
type ChartView struct {
	ID, Kind, Role string
	Title          string
	Desc           string // aria description
	Height         int    // px
	Shell          string // the key of its option shell (Common.Shells)
	Data           template.JS
	Key            []KeyView
	Table          TableView
	Toggle         string // the words of the button that folds the table away
	// PrintTable prints the data table: the page prints these figures
	// nowhere else (a ranking beside its board's table does not).
	PrintTable bool
}

// KeyView is an entry of a chart's visible status key.
type KeyView struct {
	Status, Shape, Symbol, Text string
	Style                       template.CSS // the swatch's colours, from package chart's constants
}

// ShellView is a chart option shell a page carries once.
type ShellView struct {
	Key  string
	JSON template.JS
}

// TableView is a chart's data table.
type TableView struct {
	Caption string
	Head    []HeadCell
	Body    template.HTML // the rows, package chart's markup (chart.AppendRows)
}

// HeadCell is a column head.
type HeadCell struct {
	Text string
	Num  bool
}

// addChart puts a chart on a page: its view in order, its shell once.
func addChart(cm *Common, role string, ch *chart.Chart, printTable bool, toggle string) {
	v := &ChartView{ID: ch.ID, Kind: ch.Kind, Role: role, Title: ch.Title, Desc: ch.Desc, Height: ch.Height,
		Shell: ch.Shell.Key, Data: template.JS(ch.Data), PrintTable: printTable, Toggle: toggle}
	for _, k := range ch.Key {
		v.Key = append(v.Key, KeyView{Status: k.Status, Shape: k.Shape, Symbol: k.Symbol, Text: k.Text, Style: template.CSS(swatch(k))})
	}
	t := ch.Table
	v.Table.Caption = t.Caption
	num := func(i int) bool { return i < len(t.Num) && t.Num[i] }
	for i, h := range t.Head {
		v.Table.Head = append(v.Table.Head, HeadCell{h, num(i)})
	}
	v.Table.Body = template.HTML(chart.AppendRows(nil, &t))
	cm.Charts = append(cm.Charts, v)
	for _, s := range cm.Shells {
		if s.Key == ch.Shell.Key {
			return
		}
	}
	cm.Shells = append(cm.Shells, ShellView{Key: ch.Shell.Key, JSON: template.JS(ch.Shell.JSON)})
}

// swatch is a key swatch's inline style: its colours are package chart's
// own #rrggbb constants, its shape comes from the page's CSS classes.
func swatch(k chart.KeyItem) string {
	switch k.Shape {
	case "line", "dashed-line":
		style := "solid"
		if k.Shape == "dashed-line" {
			style = "dashed"
		}
		return "border-top:2px " + style + " " + k.Color
	}
	s := "background:" + k.Color
	if k.Border != "" {
		style := "solid"
		if k.Dashed {
			style = "dashed"
		}
		s += ";border:1px " + style + " " + k.Border
	}
	return s
}

// charts builds the charts of one page: ids from the page's path and the
// chart's position, words from the site's UI strings.
type charts struct {
	b    *builder
	c    *view.Context
	cm   *Common
	next int
}

func (b *builder) charts(c *view.Context, cm *Common) *charts {
	return &charts{b: b, c: c, cm: cm, next: len(cm.Charts)}
}

func (cs *charts) id() string {
	id := chart.NewID(cs.cm.Path, cs.next)
	cs.next++
	return id
}

func (cs *charts) add(role string, ch *chart.Chart, err error, printTable bool) error {
	if err != nil {
		return fmt.Errorf("chart %s of %s: %w", role, cs.cm.Path, err)
	}
	addChart(cs.cm, role, ch, printTable, cs.b.lay.strings.T("chart.show_data"))
	return nil
}

// labels are the charts' words in the site's language, once per build.
func (b *builder) chartLabels() chart.Labels {
	b.labelsOnce.Do(func() {
		t := b.lay.strings.T
		l := chart.Labels{
			Undefined: "—", Target: t("chart.target"), OwnTargets: t("chart.own_targets"), Expected: t("chart.expected"),
			Others: t("chart.others"), Met: t("chart.met"), Below: t("chart.below"), NoTarget: t("chart.no_target"),
			Last: t("chart.last"), Carried: t("chart.carried"), NoData: t("chart.no_data"), Behind: t("chart.behind"),
			Ahead: t("chart.ahead"), DataTable: t("chart.data_table"), Unit: t("chart.unit"), Date: t("chart.date"),
			Period: t("chart.period"), Stage: t("chart.stage"), Year: t("chart.year"), Status: t("chart.status"),
			Rank: t("chart.rank"), Count: t("chart.count"), CountUnit: t("chart.count_unit"), Amount: t("chart.amount"),
			Plan: t("chart.plan"), Completed: t("chart.completed"), TimeYear: t("chart.time_year"),
			TimeMonth: t("chart.time_month"), TimeDay: t("chart.time_day"),
			Phrases: map[string]string{},
		}
		for k := range chart.DefaultPhrases {
			l.Phrases[k] = t("chart.phrase." + k)
		}
		b.labels = l
	})
	return b.labels
}

// f64 is a figure rounded exactly to what a page shows, as the double
// charts plot (no binary noise: 24.56 stays 24.56).
func f64(x exact.Num, places int) (float64, bool) {
	if !x.OK() {
		return 0, false
	}
	return x.Round(places).Float64(), true
}

func (cs *charts) axis(metric string) chart.Axis {
	return chart.Axis{Name: cs.c.Metric(metric), Unit: cs.c.UnitOf(metric), Places: cs.c.Places(metric)}
}

// ranking is a board as bars: each unit's own target, its status, the
// last unit and carried values marked.
func (cs *charts) ranking(role, title string, b *view.Board, printTable bool) error {
	raw := b.Raw()
	var bars []chart.Bar
	places := cs.c.Places(raw.Metric)
	for i, r := range raw.Rows {
		vr := b.Rows[i]
		v, ok := f64(r.Value, places)
		bar := chart.Bar{Name: r.Unit.Name, Value: v, Defined: ok, Last: r.Last, Carried: r.Carried, Note: vr.Carried}
		switch vr.StatusID {
		case "met":
			bar.Status = chart.StatusMet
		case "below":
			bar.Status = chart.StatusBelow
		default:
			bar.Status = chart.StatusNone
		}
		if r.Target != nil {
			bar.Target, bar.HasTarget = f64(r.Target.Value.Num(), places)
		}
		bars = append(bars, bar)
	}
	if title == "" {
		title = b.Title
	}
	ch, err := chart.Ranking(cs.id(), title, cs.axis(raw.Metric), bars, cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// gauge is a rate against its own reference: the completion rate against
// the expected pace, any other rate against the scope's own target.
func (cs *charts) gauge(role string, sc metrics.Scope, metric, title string, printTable bool) error {
	s := cs.c.Snap
	v, ok := f64(s.Value(sc, metric), 1)
	var ref *chart.Ref
	if metric == "completion_rate" {
		e, _ := f64(s.Expected, 1)
		ref = &chart.Ref{Name: cs.b.lay.strings.T("chart.expected"), Value: e}
	} else if t := s.TheTarget(sc, metric); t != nil {
		tv, _ := f64(t.Value.Num(), 1)
		ref = &chart.Ref{Name: cs.b.lay.strings.T("chart.target"), Value: tv}
	}
	if title == "" {
		title = cs.c.Name(sc) + " · " + cs.c.Metric(metric)
	}
	ch, err := chart.Gauge(cs.id(), title, cs.axis(metric), v, ok, ref, cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// points are a series' fresh values as chart points.
func points(ps []metrics.Point, places int) []chart.Point {
	out := make([]chart.Point, len(ps))
	for i, p := range ps {
		v, ok := f64(p.V, places)
		out[i] = chart.Point{Date: p.Date.String(), Value: v, Defined: ok}
	}
	return out
}

// campaignSpan is where charts over time begin: the campaign's first year.
func (cs *charts) campaignSpan() dataset.Date {
	return dataset.NewDate(cs.c.Site.Campaign.Start.Year(), 1, 1)
}

// trend is reported growth over time against each scope's own target.
func (cs *charts) trend(role, title string, scopes []metrics.Scope, metric string, highlight string, printTable bool) error {
	e, s := cs.c.Engine, cs.c.Snap
	places := cs.c.Places(metric)
	var series []chart.Series
	var targets []chart.TargetLine
	for _, sc := range scopes {
		name := cs.c.Name(sc)
		series = append(series, chart.Series{Name: name, Points: points(e.StatSeries(sc, metric, cs.campaignSpan(), s.AsOf), places),
			Highlight: highlight != "" && sc.ID == highlight})
		if t := s.TheTarget(sc, metric); t != nil {
			v, _ := f64(t.Value.Num(), places)
			targets = append(targets, chart.TargetLine{Name: cs.b.lay.strings.T("chart.target_of", name), Value: v, Series: name})
		}
	}
	if title == "" {
		title = cs.c.Metric(metric)
	}
	ch, err := chart.Trend(cs.id(), title, cs.axis(metric), series, targets, cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// pace is a scope's completion rate at each report against the expected
// pace, on a time axis.
func (cs *charts) pace(role string, sc metrics.Scope, title string, printTable bool) error {
	e, s := cs.c.Engine, cs.c.Snap
	done := e.GroupSeries(sc, "completion_rate", dataset.NewDate(s.Year, 1, 1), s.AsOf)
	dates := make([]dataset.Date, len(done))
	for i, p := range done {
		dates[i] = p.Date
	}
	if title == "" {
		title = cs.c.Name(sc) + " · " + cs.c.Metric("completion_rate")
	}
	ch, err := chart.Pace(cs.id(), title, cs.axis("completion_rate"),
		chart.Series{Name: cs.c.Metric("completion_rate"), Points: points(done, 1)},
		chart.Series{Name: cs.b.lay.strings.T("chart.expected"), Points: points(e.ExpectedSeries(dates), 1), Dashed: true},
		cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// pipeline is the five stages as bars in the documents' order.
func (cs *charts) pipeline(role string, g *metrics.Group, title string, printTable bool) error {
	var stages []chart.Stage
	for _, f := range g.Pipeline {
		stages = append(stages, chart.Stage{Name: cs.c.Stage(f.Stage), Count: f.Count, Amount: cs.c.AmountUnit(f.Total)})
	}
	if title == "" {
		title = cs.b.lay.strings.T("chart.pipeline_title")
	}
	ch, err := chart.Pipeline(cs.id(), title, stages, cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// heatmap is each unit's gap to the pace at each month's last report.
func (cs *charts) heatmap(role, kind, title string, printTable bool) error {
	e, s := cs.c.Engine, cs.c.Snap
	var months []dataset.Date
	for _, d := range e.DatesUpTo(s.AsOf) {
		if d.Year() != s.Year || !e.HasProjectLines(d) {
			continue
		}
		if n := len(months); n > 0 && months[n-1].Month() == d.Month() {
			months[n-1] = d
			continue
		}
		months = append(months, d)
	}
	cols := make([]string, len(months))
	for i, d := range months {
		cols[i] = cs.c.F.Month(d.Year(), d.Month())
	}
	units := s.Units(kind)
	rows := make([]string, len(units))
	cells := make([][]chart.Cell, len(units))
	for i, u := range units {
		rows[i] = u.Name
		cells[i] = make([]chart.Cell, len(months))
	}
	for j, d := range months {
		at := e.GroupsAt(d)
		for i, u := range at.Units(kind) {
			v, ok := f64(at.GroupValue(u, "pace_gap"), 1)
			cells[i][j] = chart.Cell{Value: v, Defined: ok}
		}
	}
	if title == "" {
		title = cs.b.lay.strings.T("chart.heatmap_title", cs.b.lay.strings.T("kind."+kind))
	}
	ax := chart.Axis{Name: cs.c.Metric("pace_gap"), Unit: cs.c.UnitOf("pace_gap"), Places: 1}
	ch, err := chart.Heatmap(cs.id(), title, ax, cols, rows, cells, cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// rankHistory is a unit's rank at every period of its main board, the
// others drawn thin.
func (cs *charts) rankHistory(role string, b *metrics.Board, highlight, title string, printTable bool) error {
	var periods []string
	var from int
	start := cs.c.Site.Campaign.Start
	for i, p := range b.Periods {
		if p < dataset.NewDate(start.Year(), 1, 1) {
			from = i + 1
			continue
		}
		periods = append(periods, p.String())
	}
	if len(periods) == 0 {
		return nil
	}
	var series []chart.Series
	maxRank := 1
	for _, r := range b.Rows {
		ser := chart.Series{Name: r.Unit.Name, Highlight: r.Unit.Scope.ID == highlight}
		for k, rank := range r.History[from:] {
			ser.Points = append(ser.Points, chart.Point{Date: periods[k], Value: float64(rank), Defined: rank > 0})
			maxRank = max(maxRank, rank)
		}
		series = append(series, ser)
	}
	if title == "" {
		title = cs.b.lay.strings.T("chart.rank_history_title", cs.c.Metric(b.Metric))
	}
	ch, err := chart.RankHistory(cs.id(), title, periods, series, maxRank, cs.nameOf(b, highlight), cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

func (cs *charts) nameOf(b *metrics.Board, id string) string {
	for _, r := range b.Rows {
		if r.Unit.Scope.ID == id {
			return r.Unit.Name
		}
	}
	return ""
}

// project is a project's cumulative completion against its plan: each
// year of a multi-year campaign, or the current one.
func (cs *charts) project(role string, p *metrics.Project, title string, printTable bool) error {
	e, s, c := cs.c.Engine, cs.c.Snap, cs.c
	places := c.F.AmountPlaces()
	var years []chart.ProjectYear
	for _, y := range s.Years(p) {
		if y.Year > s.Year {
			continue
		}
		if !c.MultiYear() && y.Year != s.Year {
			continue
		}
		to := dataset.NewDate(y.Year, 12, 31)
		if y.Year == s.Year {
			to = s.AsOf
		}
		pts := e.ProjectSeries(p.P.ID, dataset.NewDate(y.Year, 1, 1), to)
		py := chart.ProjectYear{Year: fmt.Sprint(y.Year), Points: points(pts, max(places, 2))}
		if y.HasPlan {
			py.Plan, py.HasPlan = f64(y.Plan.Num(), max(places, 2))
			dates := make([]dataset.Date, len(pts))
			for i, pt := range pts {
				dates[i] = pt.Date
			}
			for _, ep := range e.ExpectedSeries(dates) {
				v, ok := f64(ep.V.Mul(y.Plan.Num()).Quo(exact.Int(100)), max(places, 2))
				py.Expected = append(py.Expected, chart.Point{Date: ep.Date.String(), Value: v, Defined: ok})
			}
		}
		years = append(years, py)
	}
	if title == "" {
		title = cs.b.lay.strings.T("chart.project_title")
	}
	ax := chart.Axis{Name: c.Metric("completed"), Unit: c.F.Unit(), Places: max(places, 2)}
	ch, err := chart.Project(cs.id(), title, ax, years, cs.b.chartLabels())
	return cs.add(role, ch, err, printTable)
}

// The charts of each page kind.

func (b *builder) homeCharts(c *view.Context, cm *Common) error {
	cs := b.charts(c, cm)
	s := c.Snap
	errs := []error{
		cs.gauge("gauge", metrics.Campaign, "completion_rate", "", false),
		cs.pace("pace", metrics.Campaign, "", true),
	}
	if s.Totals.Stats.FAIGrowth.OK {
		errs = append(errs, cs.trend("trend", b.lay.strings.T("chart.trend_title"), []metrics.Scope{metrics.Campaign}, "fai_growth", "", true))
	}
	for _, bd := range c.MainBoards(cm.Root) {
		errs = append(errs, cs.ranking("ranking-"+bd.ID, "", bd, false))
	}
	errs = append(errs, cs.pipeline("pipeline", s.Totals, "", false))
	return errors.Join(errs...)
}

func (b *builder) projectChart(c *view.Context, cm *Common, p *metrics.Project) error {
	return b.charts(c, cm).project("project", p, "", true)
}

func (b *builder) unitsCharts(c *view.Context, cm *Common, kind string) error {
	cs := b.charts(c, cm)
	var errs []error
	if bd := c.Snap.MainBoard(kind); bd != nil {
		errs = append(errs, cs.ranking("ranking", "", c.Board(bd, cm.Root), false))
	}
	if c.Snap.Totals.Plan.Sign() > 0 {
		errs = append(errs, cs.heatmap("heatmap", kind, "", true))
	}
	return errors.Join(errs...)
}

func (b *builder) unitCharts(c *view.Context, cm *Common, kind string, g *metrics.Group) error {
	cs := b.charts(c, cm)
	var errs []error
	if g.Stats.FAIGrowth.OK {
		errs = append(errs, cs.trend("trend", "", []metrics.Scope{g.Scope}, "fai_growth", g.Scope.ID, true))
	}
	if bd := c.Snap.MainBoard(kind); bd != nil {
		errs = append(errs, cs.rankHistory("rank-history", bd, g.Scope.ID, "", true))
	}
	return errors.Join(errs...)
}

func (b *builder) rankingCharts(c *view.Context, cm *Common, boards []*view.Board) error {
	cs := b.charts(c, cm)
	var errs []error
	for _, bd := range boards {
		errs = append(errs, cs.ranking("ranking-"+bd.ID, "", bd, false))
	}
	return errors.Join(errs...)
}

func (b *builder) groupCharts(c *view.Context, cm *Common, g *metrics.Group) error {
	if g.Plan.Sign() == 0 {
		return nil
	}
	return b.charts(c, cm).gauge("gauge", g.Scope, "completion_rate", "", false)
}

// blockChart draws a ```chart block from the page's figures.
func (b *builder) blockChart(c *view.Context, page *Common, kind string, bl *block, index int) (template.HTML, error) {
	cs := b.charts(c, page)
	sc, err := bl.scope(c.Snap)
	if err != nil {
		return "", err
	}
	// A block's figures are printed in its data table unless the page's
	// own tables print them (a bulletin's annex prints its main boards).
	printTable := true
	switch bl.kind {
	case "ranking":
		unitKind := dataset.Regions
		switch bl.of {
		case "departments":
			unitKind = dataset.Departments
		case "", "regions":
		default:
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
		if page.Kind == "bulletin" && bd.Main {
			printTable = false
		}
		err = cs.ranking("block", bl.title, c.Board(bd, page.Root), printTable)
		return b.blockHTML(kind, page, err)
	case "trend":
		metric := orDefault(bl.metric, "fai_growth")
		var scopes []metrics.Scope
		switch {
		case sc.Kind == metrics.ScopeCampaign || sc.ID != "":
			scopes = []metrics.Scope{sc}
		case sc.Kind == metrics.ScopeRegion || sc.Kind == metrics.ScopeDepartment:
			for _, u := range c.Snap.Units(map[string]string{metrics.ScopeRegion: dataset.Regions, metrics.ScopeDepartment: dataset.Departments}[sc.Kind]) {
				scopes = append(scopes, u.Scope)
			}
		case sc.Kind == metrics.ScopeSector:
			for _, x := range c.Snap.Sectors {
				scopes = append(scopes, metrics.Scope{Kind: metrics.ScopeSector, ID: x.ID})
			}
		}
		if d, _ := dataset.Lookup(metric); !d.FromReports || metric == "funds" {
			return "", bl.errAt("metric", i18n.M("block.trend_metric", bl.info, metric))
		}
		return b.blockHTML(kind, page, cs.trend("block", bl.title, scopes, metric, "", printTable))
	case "pace":
		if sc.Kind == metrics.ScopeSector || (sc.ID == "" && sc.Kind != metrics.ScopeCampaign) {
			return "", bl.errAt("of", i18n.M("block.needs_id", bl.info))
		}
		return b.blockHTML(kind, page, cs.pace("block", sc, bl.title, printTable))
	case "pipeline":
		g := c.Snap.Totals
		if x := c.Snap.Group(sc); x != nil {
			g = x
		}
		return b.blockHTML(kind, page, cs.pipeline("block", g, bl.title, printTable))
	case "gauge":
		metric := orDefault(bl.metric, "completion_rate")
		if d, _ := dataset.Lookup(metric); d.Unit != dataset.Percent || !dataset.ScopeHas(orDefault(sc.Kind, metrics.ScopeCampaign), metric) {
			return "", bl.errAt("metric", i18n.M("block.gauge_metric", bl.info, metric))
		}
		if sc.Kind != metrics.ScopeCampaign && sc.ID == "" {
			return "", bl.errAt("of", i18n.M("block.needs_id", bl.info))
		}
		return b.blockHTML(kind, page, cs.gauge("block", sc, metric, bl.title, printTable))
	case "heatmap":
		unitKind := dataset.Regions
		if bl.of == "departments" {
			unitKind = dataset.Departments
		}
		return b.blockHTML(kind, page, cs.heatmap("block", unitKind, bl.title, printTable))
	case "project":
		if bl.of != "projects" || bl.id == "" {
			return "", bl.errAt("id", i18n.M("block.project_id", bl.info))
		}
		return b.blockHTML(kind, page, cs.project("block", c.Snap.Project(bl.id), bl.title, printTable))
	case "rank-history":
		if sc.Kind != metrics.ScopeRegion && sc.Kind != metrics.ScopeDepartment || sc.ID == "" {
			return "", bl.errAt("of", i18n.M("block.unit_id", bl.info))
		}
		unitKind := map[string]string{metrics.ScopeRegion: dataset.Regions, metrics.ScopeDepartment: dataset.Departments}[sc.Kind]
		bd := c.Snap.MainBoard(unitKind)
		if bd == nil {
			return "", nil
		}
		return b.blockHTML(kind, page, cs.rankHistory("block", bd, sc.ID, bl.title, printTable))
	}
	return "", bl.errAt("kind", i18n.M("block.kind", bl.info, bl.kind, i18n.Plain(ChartKinds)))
}

// blockHTML renders the chart a block just added to the page.
func (b *builder) blockHTML(kind string, page *Common, err error) (template.HTML, error) {
	if err != nil {
		return "", &markdown.BlockError{Msg: i18n.M("block.failed", "chart", err.Error())}
	}
	if len(page.Charts) == 0 {
		return "", nil
	}
	return b.partial(kind, "partials/chart", page.Charts[len(page.Charts)-1])
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
