package dataset

// Site is everything under a site root: site.toml and content/, decoded and
// validated. Slices of entities are sorted by id (reports by date), so every
// consumer iterates in a stable order.
type Site struct {
	Title      string
	BaseURL    string
	Language   string // zh-Hans | zh-Hant | en
	MoneyUnit  string // 亿元 | 万元
	UnsafeHTML bool

	Campaign   Campaign
	Categories []*Group
	Lists      []*Group
	Sectors    []*Group
	Targets    []Target // campaign-wide
	Rules      Rules

	Regions     []*Unit
	Departments []*Unit
	Projects    []*Project
	Reports     []*Report
	Bulletins   []*Bulletin // sorted by as_of, then slug
	Pages       []*Page     // content/<slug>.md, sorted by slug
	Home        *Page       // content/_index.md; nil when absent
}

// Campaign is site.toml's [campaign].
type Campaign struct {
	Name     string
	Issuer   string
	Document string
	Start    Date
	End      Date
	Year     int // the plan year that `plan = <number>` refers to
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
	Value  float64
	By     Date
}

// Rules is site.toml's [rules].
type Rules struct {
	SlowBelow     float64  // completion rate (%) under which a started project is slow
	RankingPeriod string   // "month" | "report"
	RankRegions   string   // metric of the regions' main leaderboard
	RankDepts     string   // metric of the departments' main leaderboard
	Escalation    []string // consecutive last places 1, 2, 3+
}

// Unit is a region or a department.
type Unit struct {
	ID      string
	Name    string
	Kind    string
	Targets []Target
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
	Lists         []string
	Total         float64
	Plan          map[int]float64 // year → annual plan
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

// Entry returns the report's line for project id, or nil when it has none.
func (r *Report) Entry(id string) *Entry {
	es := r.Projects
	lo, hi := 0, len(es)
	for lo < hi { // the first entry whose id is ≥ id
		m := int(uint(lo+hi) >> 1)
		if es[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(es) && es[lo].ID == id {
		return &es[lo]
	}
	return nil
}

// SeekEntry finds id's line in es, lines in id order, looking from index
// from on. It returns the line (nil when there is none) and where to look
// for the next id: walking projects in id order, each report's lines are
// read once, without a lookup per project.
func SeekEntry(es []Entry, from int, id string) (*Entry, int) {
	for from < len(es) && es[from].ID < id {
		from++
	}
	if from < len(es) && es[from].ID == id {
		return &es[from], from
	}
	return nil, from
}

// UnitStats are official statistics, year to date. Nil pointers are values
// the report does not give (the previous value carries forward).
type UnitStats struct {
	FAI        *float64
	FAIGrowth  *float64
	Sectors    map[string]float64 // growth % by sector id
	Correction bool               // fai may go down: the statistics were revised
}

// Entry is a project's line in a report.
type Entry struct {
	ID         string   // the project's id
	Completed  *float64 // cumulative this calendar year
	Funds      *float64 // funds arrived this year, cumulative
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

// Region, Department, Project and Report look an entity up by id.
func (s *Site) Region(id string) *Unit     { return findUnit(s.Regions, id) }
func (s *Site) Department(id string) *Unit { return findUnit(s.Departments, id) }
func (s *Site) Category(id string) *Group  { return findGroup(s.Categories, id) }
func (s *Site) List(id string) *Group      { return findGroup(s.Lists, id) }
func (s *Site) Sector(id string) *Group    { return findGroup(s.Sectors, id) }

func findUnit(us []*Unit, id string) *Unit {
	for _, u := range us {
		if u.ID == id {
			return u
		}
	}
	return nil
}

func findGroup(gs []*Group, id string) *Group {
	for _, g := range gs {
		if g.ID == id {
			return g
		}
	}
	return nil
}

// PlanFor returns the project's annual plan for year y (0 when none).
func (p *Project) PlanFor(y int) (float64, bool) {
	v, ok := p.Plan[y]
	return v, ok
}
