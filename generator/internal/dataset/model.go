package dataset

import (
	"sort"

	"gongjian/generator/internal/exact"
)

// Site is everything under a site root: site.toml and content/, decoded and
// validated. Slices of entities are sorted by id (reports by date), so every
// consumer iterates in a stable order.
type Site struct {
	Title        string
	BaseURL      string
	Language     string            // zh-Hans | zh-Hant | en
	MoneyUnit    string            // 亿元 | 万元 | 億元 | 萬元, shown as written
	Jurisdiction string            // county | district | city | prefecture | province
	Strings      map[string]string // [strings]: UI strings that override the language's
	StringLines  map[string]int    // the site.toml line of each [strings] key, for messages
	UnsafeHTML   bool
	Limits       Limits

	Campaign   Campaign
	Categories []*Group
	Lists      []*Group
	Sectors    []*Group
	Targets    []Target // campaign-wide
	Rules      Rules
	Import     ImportMap // [import]: how an office's own dispatch tables map to fields

	Regions     []*Unit
	Departments []*Unit
	Projects    []*Project
	Reports     []*Report
	Bulletins   []*Bulletin // sorted by as_of, then slug
	Pages       []*Page     // content/<slug>.md, sorted by slug
	Home        *Page       // content/_index.md; nil when absent
}

// Limits bound what a build reads, so that a hostile or mistaken file is
// an error instead of a stalled CI job.
type Limits struct {
	FileBytes     int64 // the largest TOML file read (site.toml [limits] max_file_mb; default 4 MB)
	MarkdownBytes int64 // the largest markdown file read ([limits] max_markdown_kb; default 1 MB)
	Depth         int   // the deepest TOML nesting (default 64)
}

// DefaultLimits are used when site.toml says nothing.
//
// A report of 50,000 projects is about 2 MB and a bulletin about 20 KB.
// Within these sizes the slowest file anyone can write (TOML that falls
// back to the general decoder, markdown that defeats its parser's fast
// paths) is read in well under a second.
var DefaultLimits = Limits{FileBytes: 4 << 20, MarkdownBytes: 1 << 20, Depth: 64}

// Campaign is site.toml's [campaign].
type Campaign struct {
	Name     string
	Issuer   string
	Document string
	Start    Date
	End      Date
	Year     int // the plan year that `plan = <number>` refers to
}

// Years are the calendar years the campaign spans, Y0 and Y1 of
// metrics.md ("Years of a campaign").
func (c Campaign) Years() (y0, y1 int) { return c.Start.Year(), c.End.Year() }

// MultiYear reports whether the campaign spans more than one calendar year.
func (c Campaign) MultiYear() bool {
	y0, y1 := c.Years()
	return y1 > y0
}

// Group is a category, list or sector: an id, a name and its own targets.
type Group struct {
	ID      string
	Name    string
	Targets []Target
}

// Target is a threshold a scope's metric must reach (≥) by a date.
type Target struct {
	Metric string
	Value  exact.Dec
	By     Date
}

// Rules is site.toml's [rules].
type Rules struct {
	SlowBelow     exact.Dec           // completion rate (%) under which a started project is slow
	RankingPeriod string              // "month" | "quarter" | "report"
	RankBy        map[string]string   // unit kind ("regions", "departments") → main board metric
	Escalation    map[string][]string // unit kind → measures for 1, 2, 3+ consecutive last places
}

// Unit kinds: regions and departments are ranked, each against its own kind.
const (
	Regions     = "regions"
	Departments = "departments"
)

// UnitKinds lists the kinds of unit in the order pages show them.
var UnitKinds = []string{Regions, Departments}

// Unit is a region or a department.
type Unit struct {
	ID      string
	Name    string
	Kind    string // regions: county | district | town | street | park; departments: free text
	Targets []Target
}

// YearAmount is an amount for one calendar year (a plan, a funds plan).
type YearAmount struct {
	Year   int
	Amount exact.Dec
}

// YearAmounts are sorted by year, each year once.
type YearAmounts []YearAmount

// For returns the amount of year y and whether there is one.
func (ya YearAmounts) For(y int) (exact.Dec, bool) {
	i := sort.Search(len(ya), func(i int) bool { return ya[i].Year >= y })
	if i < len(ya) && ya[i].Year == y {
		return ya[i].Amount, true
	}
	return 0, false
}

// Project is content/projects/<id>.toml (+ optional <id>.md narrative).
type Project struct {
	ID            string
	Name          string
	Region        string
	Owner         string
	Leader        string
	Company       string
	Category      string
	Lists         []string // each list once, as written
	Total         exact.Dec
	Plan          YearAmounts // annual plans
	Prior         exact.Dec   // completed before the campaign's first year
	FundsPlan     YearAmounts // funds due to arrive, per year (promotion projects)
	StartPlanned  Date
	StartActual   Date
	FinishPlanned Date
	FinishActual  Date
	Reserve       bool
	Signed        Date
	Landed        Date
	Approvals     []Approval
	Milestones    []Milestone
	Problems      []Problem
	Narrative     *Page // nil when there is no <id>.md
}

// Approval is one 前期手续 step.
type Approval struct {
	Kind string // filing | land | planning | eia | water | energy | construction
	Due  Date
	Done Date
}

// Milestone is one step of a reverse schedule (倒排工期).
type Milestone struct {
	Name string
	Due  Date
	Done Date
}

// Problem is an issue that needs coordination (需协调解决问题).
type Problem struct {
	Text     string
	Raised   Date
	Level    string // county | city | region | province
	Resolved Date
}

// Report is one dispatch: content/reports/<date>.toml.
type Report struct {
	Date        Date
	Stats       *UnitStats            // nil when the report has no [stats]
	Regions     map[string]*UnitStats // by region id
	Departments map[string]*UnitStats // by department id
	Projects    []Entry               // one per project line, sorted by project id
}

// Units is the report's statistics of one unit kind.
func (r *Report) Units(kind string) map[string]*UnitStats {
	if kind == Departments {
		return r.Departments
	}
	return r.Regions
}

// Entry returns the report's line for project id, or nil when it has none.
func (r *Report) Entry(id string) *Entry {
	i := sort.Search(len(r.Projects), func(i int) bool { return r.Projects[i].ID >= id })
	if i < len(r.Projects) && r.Projects[i].ID == id {
		return &r.Projects[i]
	}
	return nil
}

// Opt is an amount or percentage a report may give or leave out.
type Opt struct {
	V  exact.Dec
	OK bool
}

// Some is a given value.
func Some(v exact.Dec) Opt { return Opt{V: v, OK: true} }

// UnitStats are official statistics, year to date, for the jurisdiction
// ([stats]) or one unit ([regions.<id>], [departments.<id>]). A value a
// report leaves out keeps its earlier value within the year.
type UnitStats struct {
	FAI        Opt                  // 固定资产投资, amount
	FAIGrowth  Opt                  // 同比增长, %
	Funds      Opt                  // funds arrived; replaces the project sum for this scope
	Sectors    map[string]exact.Dec // growth % by sector id ([stats.sectors] only)
	Correction bool                 // fai and funds may go down: the statistics were revised
}

// Entry is a project's line in a report.
type Entry struct {
	ID         string
	Completed  Opt // cumulative this calendar year
	Funds      Opt // funds arrived this year, cumulative
	Note       string
	Correction bool
}

// Bulletin is content/bulletins/<slug>.md.
type Bulletin struct {
	Slug   string
	Title  string
	Number string // e.g. 第3期
	Date   Date   // issued
	AsOf   Date   // figures frozen at this report date
	Since  Date   // optional: changes compare with this report date
	Issuer string
	Page   *Page
}

// Page is a markdown file: its path relative to the site root, front
// matter title, and the body with the line of its first byte so that
// errors inside the body can name file lines.
type Page struct {
	Path     string // e.g. content/about.md
	Slug     string
	Title    string
	Body     []byte
	BodyLine int // 1-based line of Body[0] in the file
}

// ImportMap is site.toml's [import]: how the columns of an office's own
// dispatch table (调度表) map to report fields (see package dispatch).
type ImportMap struct {
	Sheets     []string          // sheet names to read; empty: every sheet
	HeaderRows int               // rows of (merged) headers; 0: detect
	Columns    map[string]string // header text → field (id, name, completed, funds, note, owner, …)
	Unit       string            // the unit amounts are written in: 万元 | 亿元 (default: money_unit)
}

// Region, Department, Category, List and Sector look an entity up by id.
func (s *Site) Region(id string) *Unit     { return findUnit(s.Regions, id) }
func (s *Site) Department(id string) *Unit { return findUnit(s.Departments, id) }
func (s *Site) Category(id string) *Group  { return findGroup(s.Categories, id) }
func (s *Site) List(id string) *Group      { return findGroup(s.Lists, id) }
func (s *Site) Sector(id string) *Group    { return findGroup(s.Sectors, id) }

// Units returns the units of a kind.
func (s *Site) Units(kind string) []*Unit {
	if kind == Departments {
		return s.Departments
	}
	return s.Regions
}

// Project looks a project up by id.
func (s *Site) Project(id string) *Project {
	i := sort.Search(len(s.Projects), func(i int) bool { return s.Projects[i].ID >= id })
	if i < len(s.Projects) && s.Projects[i].ID == id {
		return s.Projects[i]
	}
	return nil
}

func findUnit(us []*Unit, id string) *Unit {
	i := sort.Search(len(us), func(i int) bool { return us[i].ID >= id })
	if i < len(us) && us[i].ID == id {
		return us[i]
	}
	return nil
}

func findGroup(gs []*Group, id string) *Group {
	i := sort.Search(len(gs), func(i int) bool { return gs[i].ID >= id })
	if i < len(gs) && gs[i].ID == id {
		return gs[i]
	}
	return nil
}
