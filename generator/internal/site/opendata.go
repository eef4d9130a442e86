package site

import (
	"bufio"
	"encoding/csv"
	"encoding/xml"
	"io"
	"sort"
	"strconv"
	"strings"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/metrics"
)

// dataFiles are the open-data files, in the order /data/ lists them.
var dataFiles = []string{"metrics.json", "projects.csv", "regions.csv", "departments.csv", "lists.csv", "categories.csv", "targets.csv"}

// openData writes data/: metrics.json (the contract of docs/metrics.md)
// and CSV files for Excel (UTF-8 with a byte-order mark, exact amounts).
func (b *builder) openData() []*job {
	s := b.snap
	all := len(s.Projects)
	jobs := []*job{
		{rel: "data/metrics.json", weight: all / 2, stream: func(w io.Writer) error { return metrics.WriteJSON(w, s) }},
		{rel: "data/projects.csv", weight: all / 2, stream: b.projectsCSV},
		{rel: "data/regions.csv", stream: func(w io.Writer) error { return b.unitsCSV(w, dataset.Regions) }},
		{rel: "data/departments.csv", stream: func(w io.Writer) error { return b.unitsCSV(w, dataset.Departments) }},
		{rel: "data/lists.csv", stream: func(w io.Writer) error { return b.groupsCSV(w, s.Lists) }},
		{rel: "data/categories.csv", stream: func(w io.Writer) error { return b.groupsCSV(w, s.Categories) }},
		{rel: "data/targets.csv", stream: b.targetsCSV},
	}
	return jobs
}

// csvWriter writes a spreadsheet-safe CSV: a cell that a spreadsheet
// would read as a formula (starting with = + - @, a tab or a carriage
// return) is written with a leading apostrophe, which Excel and WPS
// show as text; numbers are written by the generator, never from text a
// user typed, and stay numbers. metrics.json keeps every value as it is.
type csvWriter struct {
	bw *bufio.Writer
	w  *csv.Writer
}

func newCSV(w io.Writer) *csvWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\ufeff") // Excel on a Chinese Windows then reads UTF-8
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	return &csvWriter{bw: bw, w: cw}
}

// Text is a cell of user text, neutralised against formula injection.
func Text(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

func (c *csvWriter) row(cells ...string) { _ = c.w.Write(cells) }

func (c *csvWriter) done() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

func num(x exact.Num) string {
	if !x.OK() {
		return ""
	}
	return x.String()
}

func boolCell(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (b *builder) projectsCSV(w io.Writer) error {
	c := newCSV(w)
	c.row("id", "name", "region", "owner", "category", "lists", "total", "plan", "completed", "completion_rate",
		"campaign_plan", "campaign_completed", "campaign_completion_rate", "prior", "lifetime_completed", "progress",
		"funds_plan", "funds", "funds_rate", "pace_gap", "stage", "start_planned", "start_actual", "finish_planned",
		"finish_actual", "signed", "landed", "slow", "behind", "not_started", "finish_overdue", "overdue_approvals",
		"overdue_milestones", "open_problems")
	for _, p := range b.snap.Projects {
		dp := p.P
		dateBy := func(d dataset.Date) string {
			if d != 0 && d <= b.asOf {
				return d.String()
			}
			return ""
		}
		c.row(dp.ID, Text(dp.Name), dp.Region, dp.Owner, dp.Category, strings.Join(dp.Lists, " "),
			dp.Total.String(), p.Plan.String(), p.Completed.String(), num(p.CompletionRate),
			p.CampaignPlan.String(), p.CampaignCompleted.String(), num(p.CampaignCompletionRate), dp.Prior.String(),
			p.LifetimeCompleted.String(), num(p.Progress), p.FundsPlan.String(), p.Funds.String(), num(p.FundsRate),
			num(p.PaceGap), string(p.Stage), dp.StartPlanned.String(), dateBy(dp.StartActual), dp.FinishPlanned.String(),
			dateBy(dp.FinishActual), dateBy(dp.Signed), dateBy(dp.Landed), boolCell(p.Slow), boolCell(p.Behind),
			boolCell(p.NotStarted), boolCell(p.FinishOverdue), strconv.Itoa(len(p.OverdueApprovals)),
			strconv.Itoa(len(p.OverdueMilestones)), strconv.Itoa(len(p.OpenProblems)))
	}
	return c.done()
}

var groupCols = []string{"projects", "total", "plan", "completed", "completion_rate", "campaign_plan", "campaign_completed",
	"campaign_completion_rate", "lifetime_completed", "funds_plan", "funds", "funds_rate", "start_rate", "finish_rate",
	"landing_rate", "landed_start_rate", "reserve_projects", "slow_count", "behind_count", "not_started_count", "finish_overdue_count"}

func (b *builder) groupCells(g *metrics.Group) []string {
	out := make([]string, len(groupCols))
	for i, m := range groupCols {
		out[i] = num(b.snap.GroupValue(g, m))
	}
	return out
}

func (b *builder) unitsCSV(w io.Writer, kind string) error {
	c := newCSV(w)
	head := append([]string{"id", "name", "fai", "fai_growth", "rank", "rank_change", "last_streak", "escalation", "carried", "period"}, groupCols...)
	c.row(head...)
	board := b.snap.MainBoard(kind)
	for _, u := range b.snap.Units(kind) {
		row := []string{u.Scope.ID, Text(u.Name), num(u.Stats.FAI.Num()), num(u.Stats.FAIGrowth.Num()), "", "", "0", "", "0", ""}
		if board != nil && board.Period != 0 {
			if r := board.Row(u.Scope.ID); r != nil {
				if r.Rank > 0 {
					row[4] = strconv.Itoa(r.Rank)
				}
				if r.HasChange {
					row[5] = strconv.Itoa(r.RankChange)
				}
				row[6], row[7], row[8], row[9] = strconv.Itoa(r.LastStreak), Text(r.Escalation), boolCell(r.Carried), board.Period.String()
			}
		}
		c.row(append(row, b.groupCells(u)...)...)
	}
	return c.done()
}

func (b *builder) groupsCSV(w io.Writer, gs []*metrics.Group) error {
	c := newCSV(w)
	c.row(append([]string{"id", "name"}, groupCols...)...)
	for _, g := range gs {
		c.row(append([]string{g.Scope.ID, Text(g.Name)}, b.groupCells(g)...)...)
	}
	return c.done()
}

func (b *builder) targetsCSV(w io.Writer) error {
	c := newCSV(w)
	c.row("scope", "metric", "value", "by", "status", "actual", "met", "judged_at", "current", "due_in")
	for _, t := range b.snap.Targets {
		c.row(t.Scope.String(), t.Metric, t.Value.String(), t.By.String(), t.Status, num(t.Actual), boolCell(t.Met),
			t.JudgedAt.String(), num(t.Current), strconv.Itoa(t.DueIn))
	}
	return c.done()
}

// feed is an Atom feed of the bulletins published as of the build's date.
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
		Lang    string   `xml:"xml:lang,attr"`
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
	f := feed{Lang: b.htmlLang(), Title: b.data.Title, ID: base, Links: []link{{Href: base}, {Href: base + "feed.xml", Rel: "self"}}}
	f.Author.Name = b.data.Campaign.Issuer
	if f.Author.Name == "" {
		f.Author.Name = b.data.Title
	}
	updated := b.asOf
	bs := b.bulletins()
	for i := len(bs) - 1; i >= 0; i-- {
		bl := bs[i]
		u := base + "bulletins/" + bl.Slug + "/"
		d := bl.Date
		if d == 0 || d > b.asOf {
			d = bl.AsOf
		}
		f.Entries = append(f.Entries, entry{Title: bl.Number + " " + bl.Title, ID: u, Link: link{Href: u},
			Updated: d.String() + "T00:00:00Z", Summary: b.lay.strings.T("feed.summary", bl.Issuer, b.ctx.Date(bl.AsOf))})
	}
	f.Updated = updated.String() + "T00:00:00Z"
	return xmlDocument(f)
}

// sitemap lists every HTML page but the 404 with its absolute URL.
func (b *builder) sitemap(pages []string) ([]byte, error) {
	type url struct {
		Loc string `xml:"loc"`
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}
	var us urlset
	base := b.base.String()
	for _, p := range pages {
		if p == "404.html" {
			continue
		}
		us.URLs = append(us.URLs, url{Loc: base + strings.TrimSuffix(p, "index.html")})
	}
	sort.Slice(us.URLs, func(i, k int) bool { return us.URLs[i].Loc < us.URLs[k].Loc })
	return xmlDocument(us)
}

func xmlDocument(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}
