// Package dataset reads a campaign's site.toml and content/ into a typed,
// validated model. It is strict: an unknown key, a wrong type, a dangling
// reference, a bad id or an impossible value is an Error naming the file,
// the line and what was expected, and Load reports all of them at once.
//
// Every problem reads path:line: what is wrong (what was expected), with
// the line of the offending key, for example
//
//	content/projects/p1.toml:7: total is the string "38" (expected a number ≥ 0)
//
// Decoding goes through a generic map rather than struct tags so that one
// file's problems do not hide each other: every key is read, checked and
// positioned on its own (see obj), and key lines come from a scanner of our
// own (see keyLines). Cross-file checks run after all files are read, also
// when some of them are broken: what a reference may name is taken from
// file names, so a broken file is one error, not one more per reference.
package dataset

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// TargetMetrics are the metrics a target may name (data-format.md, metrics.md).
var TargetMetrics = []string{
	"completed", "completion_rate", "fai", "fai_growth", "funds", "landed_start_rate",
	"landing_rate", "pace", "plan", "start_rate", "total",
}

// RankMetrics are the metrics units can be ranked by (higher is better).
var RankMetrics = []string{
	"completed", "completion_rate", "fai", "fai_growth", "funds", "landed_start_rate",
	"landing_rate", "start_rate",
}

// RegionKinds are the allowed values of a region's kind.
var RegionKinds = []string{"county", "district", "town", "street", "park"}

// ApprovalKinds are the allowed kinds of approval (前期手续).
var ApprovalKinds = []string{"filing", "land", "planning", "eia", "water", "energy", "construction"}

// ProblemLevels are the levels at which a problem is to be solved.
var ProblemLevels = []string{"county", "city", "region", "province"}

// reservedSlugs are top-level paths the generator writes itself; a page
// content/<slug>.md may not take them.
var reservedSlugs = []string{
	"bulletins", "categories", "changes", "data", "departments", "lists", "projects",
	"rankings", "regions", "assets", "404", "feed", "sitemap",
}

// loader carries the state of one Load.
type loader struct {
	fsys fs.FS
	errs ErrorList
	site *Site
	// where entities and references were written, for cross-file messages
	projectFiles   map[string]*tomlFile
	projectsListed []string // content/projects/, once
	reportFiles    map[Date]*tomlFile

	// What exists, whether or not its file decoded: a broken file is
	// reported once, and references to it are not reported again.
	regionIDs, departmentIDs, projectIDs map[string]bool
	reportDates                          map[Date]bool
	known                                *projectOrder // projectIDs in order, once projects are loaded
	groupsKnown                          bool          // site.toml decoded: categories, lists and sectors are known
}

// Load reads site.toml and content/ from fsys (the site root). On any
// problem it returns an ErrorList with every problem found.
func Load(fsys fs.FS) (*Site, error) {
	l := &loader{
		fsys: fsys, site: &Site{},
		projectFiles: map[string]*tomlFile{}, reportFiles: map[Date]*tomlFile{},
		regionIDs: map[string]bool{}, departmentIDs: map[string]bool{}, projectIDs: map[string]bool{},
		reportDates: map[Date]bool{},
	}
	l.loadSite()
	l.loadUnits("content/regions", &l.site.Regions, l.regionIDs, true)
	l.loadUnits("content/departments", &l.site.Departments, l.departmentIDs, false)
	l.loadProjects()
	l.loadReports()
	l.loadMarkdown()
	l.checkReferences()
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return l.site, nil
}

func (l *loader) read(name string) (string, bool) { return readFile(l.fsys, name, &l.errs) }

func readFile(fsys fs.FS, name string, errs *ErrorList) (string, bool) {
	b, err := fs.ReadFile(fsys, name)
	switch {
	case errors.Is(err, fs.ErrNotExist) && name == "site.toml":
		errs.Wrap(err, name, 0, "not found (expected site.toml at the site root)")
		return "", false
	case err != nil:
		errs.Wrap(err, name, 0, "cannot read: %v", unwrapPathErr(err))
		return "", false
	}
	return string(b), true
}

// parallel runs fn(0…n-1) on every core; fn must only touch its own index.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// list returns the regular files of dir with one of exts, sorted; hidden
// files are skipped, anything else is reported. A missing dir is empty.
// projectListing is content/projects/ listed once (projects and their
// narratives).
func (l *loader) projectListing() []string {
	if l.projectsListed == nil {
		l.projectsListed = l.list("content/projects", ".toml", ".md")
		if l.projectsListed == nil {
			l.projectsListed = []string{}
		}
	}
	return l.projectsListed
}

func (l *loader) list(dir string, exts ...string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if ignored(n) {
			continue
		}
		p := dir + "/" + n
		if e.IsDir() || !contains(exts, path.Ext(n)) {
			l.errs.Add(p, fileLine(e), "unexpected %s here (expected only %s files in %s/)", kindOf(e), strings.Join(exts, " or "), dir)
			continue
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func kindOf(e fs.DirEntry) string {
	if e.IsDir() {
		return "directory"
	}
	return "file"
}

// fileLine is the line of a problem with a whole file: 1, so that editors
// can jump to it; a directory has none.
func fileLine(e fs.DirEntry) int {
	if e.IsDir() {
		return 0
	}
	return 1
}

// fileID checks a file's base name against the id rule.
func (l *loader) fileID(p string) (string, bool) { return fileID(p, &l.errs) }

func fileID(p string, errs *ErrorList) (string, bool) {
	id := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if !idRule.MatchString(id) {
		errs.Add(p, 1, "file name %q is not a valid id (expected %s)", id, idExpected)
		return id, false
	}
	return id, true
}

func (l *loader) loadSite() {
	src, ok := l.read("site.toml")
	if !ok {
		return
	}
	o, _ := parseTOML("site.toml", src, 0, &l.errs)
	if o == nil {
		return
	}
	l.groupsKnown = true
	s := l.site
	s.Title = o.str("title", true)
	s.BaseURL = o.str("base_url", false)
	s.Language = o.oneOf("language", "zh-Hans", "zh-Hans", "zh-Hant", "en")
	s.MoneyUnit = o.oneOf("money_unit", "亿元", "亿元", "万元")
	s.UnsafeHTML = o.boolean("unsafe_html")

	if c := o.table("campaign"); c != nil {
		s.Campaign.Name = c.str("name", true)
		s.Campaign.Issuer = c.str("issuer", false)
		s.Campaign.Document = c.str("document", false)
		s.Campaign.Start = c.date("start", true)
		s.Campaign.End = c.date("end", true)
		if y, ok := c.integer("year"); ok {
			if y < 1900 || y > 2200 {
				c.wrong("year", y, "a year between 1900 and 2200")
			} else {
				s.Campaign.Year = int(y)
			}
		} else if !s.Campaign.Start.IsZero() {
			s.Campaign.Year = s.Campaign.Start.Year()
		}
		order(c, "start", s.Campaign.Start, "end", s.Campaign.End)
		c.done()
	} else {
		o.missing("campaign", "a [campaign] table with name, start and end")
	}

	s.Categories = groups(o, "categories")
	s.Lists = groups(o, "lists")
	s.Sectors = groups(o, "sectors")
	s.Targets = targets(o)

	s.Rules = Rules{SlowBelow: 50, RankingPeriod: "month", RankRegions: "fai_growth", RankDepts: "completion_rate",
		Escalation: []string{"通报批评", "分管领导约谈", "主要领导约谈"}}
	if r := o.table("rules"); r != nil {
		const pct = "a percentage between 0 and 100"
		if v, ok := r.num("slow_below", false, pct); ok {
			if v < 0 || v > 100 {
				r.wrong("slow_below", r.m["slow_below"], pct)
			}
			s.Rules.SlowBelow = v
		}
		s.Rules.RankingPeriod = r.oneOf("ranking_period", "month", "month", "report")
		if rb := r.table("rank_by"); rb != nil {
			s.Rules.RankRegions = rb.oneOf("regions", s.Rules.RankRegions, RankMetrics...)
			s.Rules.RankDepts = rb.oneOf("departments", s.Rules.RankDepts, RankMetrics...)
			rb.done()
		}
		if esc := r.strs("escalation"); esc != nil {
			s.Rules.Escalation = esc
		}
		r.done()
	}
	o.done()
}

// groups reads [[categories]], [[lists]] or [[sectors]].
func groups(o *obj, k string) []*Group {
	var out []*Group
	seen := map[string][]string{} // id → key path of its first use
	for _, t := range o.tables(k) {
		g := &Group{ID: t.id("id"), Name: t.str("name", true), Targets: targets(t)}
		if first, dup := seen[g.ID]; dup && g.ID != "" {
			t.f.errorf(t.key("id"), "%s %q is already the id of %s on line %d (expected each id once)",
				name(t.key("id")), g.ID, name(first[:len(first)-1]), t.f.line(first))
		} else {
			seen[g.ID] = t.key("id")
		}
		t.done()
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// targets reads [[targets]] of a table.
func targets(o *obj) []Target {
	var out []Target
	for _, t := range o.tables("targets") {
		var tg Target
		tg.Metric = t.oneOf("metric", "", TargetMetrics...)
		tg.Value, _ = t.num("value", true, "a number")
		tg.By = t.date("by", true)
		t.done()
		out = append(out, tg)
	}
	return out
}

func (l *loader) loadUnits(dir string, dst *[]*Unit, ids map[string]bool, regions bool) {
	for _, p := range l.list(dir, ".toml") {
		id, _ := l.fileID(p)
		ids[id] = true
		src, ok := l.read(p)
		if !ok {
			continue
		}
		o, _ := parseTOML(p, src, 0, &l.errs)
		if o == nil {
			continue
		}
		u := &Unit{ID: id, Name: o.str("name", true)}
		if regions {
			u.Kind = o.oneOf("kind", "", RegionKinds...)
		} else {
			u.Kind = o.str("kind", false)
		}
		u.Targets = targets(o)
		o.done()
		*dst = append(*dst, u)
	}
	sort.Slice(*dst, func(i, j int) bool { return (*dst)[i].ID < (*dst)[j].ID })
}

func (l *loader) loadProjects() {
	var paths []string
	for _, p := range l.projectListing() {
		if path.Ext(p) == ".toml" { // narratives are attached in loadMarkdown
			paths = append(paths, p)
		}
	}
	type result struct {
		id   string
		pr   *Project
		f    *tomlFile
		errs ErrorList
	}
	res := make([]result, len(paths))
	year := l.site.Campaign.Year
	parallel(len(paths), func(i int) {
		r := &res[i]
		r.id, _ = fileID(paths[i], &r.errs)
		r.pr, r.f = l.decodeProject(paths[i], r.id, year, &r.errs)
	})
	for _, r := range res {
		l.errs = append(l.errs, r.errs...)
		l.projectIDs[r.id] = true
		if r.pr != nil {
			r.f.errs = &l.errs // later cross-file checks report here
			l.projectFiles[r.id] = r.f
			l.site.Projects = append(l.site.Projects, r.pr)
		}
	}
	sort.Slice(l.site.Projects, func(i, j int) bool { return l.site.Projects[i].ID < l.site.Projects[j].ID })
}

// decodeProject reads one project file; it touches nothing shared, so
// files decode in parallel.
func (l *loader) decodeProject(p, id string, year int, errs *ErrorList) (*Project, *tomlFile) {
	src, ok := readFile(l.fsys, p, errs)
	if !ok {
		return nil, nil
	}
	o, f := parseTOML(p, src, 0, errs)
	if o == nil {
		return nil, nil
	}
	pr := &Project{ID: id}
	pr.Name = o.str("name", true)
	pr.Region = o.text("region", true, "a region id: the name of a file in content/regions/")
	pr.Owner = o.text("owner", true, "a department id: the name of a file in content/departments/")
	pr.Leader = o.str("leader", false)
	pr.Company = o.str("company", false)
	pr.Category = o.text("category", true, "a category id from [[categories]] in site.toml")
	pr.Lists = o.strs("lists")
	pr.Total, _ = o.amount("total", false)
	pr.Plan = plan(o, year)
	pr.StartPlanned = o.date("start_planned", false)
	pr.StartActual = o.date("start_actual", false)
	pr.FinishPlanned = o.date("finish_planned", false)
	pr.FinishActual = o.date("finish_actual", false)
	pr.Reserve = o.boolean("reserve")
	pr.Signed = o.date("signed", false)
	pr.Landed = o.date("landed", false)
	order(o, "start_planned", pr.StartPlanned, "finish_planned", pr.FinishPlanned)
	order(o, "start_actual", pr.StartActual, "finish_actual", pr.FinishActual)
	order(o, "signed", pr.Signed, "landed", pr.Landed)
	if !pr.FinishActual.IsZero() && pr.StartActual.IsZero() {
		o.f.errorf(o.key("finish_actual"), "finish_actual is set but start_actual is not (expected a start_actual for a finished project)")
	}
	for _, a := range o.tables("approvals") {
		ap := Approval{Kind: a.oneOf("kind", "", ApprovalKinds...), Due: a.date("due", true), Done: a.date("done", false)}
		a.done()
		pr.Approvals = append(pr.Approvals, ap)
	}
	for _, m := range o.tables("milestones") {
		ms := Milestone{Name: m.str("name", true), Due: m.date("due", true), Done: m.date("done", false)}
		m.done()
		pr.Milestones = append(pr.Milestones, ms)
	}
	for _, q := range o.tables("problems") {
		pb := Problem{Text: q.str("text", true), Raised: q.date("raised", true), Level: q.oneOf("level", "county", ProblemLevels...), Resolved: q.date("resolved", false)}
		order(q, "raised", pb.Raised, "resolved", pb.Resolved)
		q.done()
		pr.Problems = append(pr.Problems, pb)
	}
	o.done()
	return pr, f
}

// order reports a later date that comes before an earlier one.
func order(o *obj, k1 string, d1 Date, k2 string, d2 Date) {
	if !d1.IsZero() && !d2.IsZero() && d2 < d1 {
		o.f.errorf(o.key(k2), "%s %s is before %s %s (expected %s on or after %s)", name(o.key(k2)), d2, name(o.key(k1)), d1, k2, k1)
	}
}

// plan reads `plan = n` (for campaign.year) or a [plan] table of years.
func plan(o *obj, year int) map[int]float64 {
	v, ok := o.get("plan")
	if !ok {
		return nil
	}
	if m, isTable := v.(map[string]any); isTable {
		t := o.sub("plan", 0, m)
		out := map[int]float64{}
		for _, k := range t.keys() {
			y, err := strconv.Atoi(k)
			if err != nil || y < 1900 || y > 2200 {
				t.f.errorf(t.key(k), "%s: %q is not a year (expected a year between 1900 and 2200, as in 2023 = 6.5)", name(t.key(k)), k)
				continue
			}
			if f, ok := t.toAmount(k, m[k]); ok {
				out[y] = f
			}
		}
		return out
	}
	f, ok := o.toAmount("plan", v)
	if !ok {
		return nil
	}
	if year == 0 {
		return nil // site.toml is broken; already reported there
	}
	return map[int]float64{year: f}
}

func (l *loader) loadReports() {
	paths := l.list("content/reports", ".toml")
	type result struct {
		r    *Report
		f    *tomlFile
		errs ErrorList
	}
	res := make([]result, len(paths))
	l.known = newProjectOrder(l.projectIDs)
	parallel(len(paths), func(i int) {
		res[i].r, res[i].f = decodeReport(l.fsys, paths[i], l.known, &res[i].errs)
	})
	for i, x := range res {
		l.errs = append(l.errs, x.errs...)
		if d, err := reportFileDate(paths[i]); err == nil {
			l.reportDates[d] = true
		}
		if x.r == nil || x.r.Date.IsZero() {
			continue
		}
		x.f.errs = &l.errs // later cross-file checks report here
		if prev, dup := l.reportFiles[x.r.Date]; dup {
			l.errs.Add(paths[i], x.f.line([]string{"date"}), "a second report for %s (expected one report per date; the other is %s)", x.r.Date, prev.path)
			continue
		}
		l.reportFiles[x.r.Date] = x.f
		l.site.Reports = append(l.site.Reports, x.r)
	}
	sort.Slice(l.site.Reports, func(i, j int) bool { return l.site.Reports[i].Date < l.site.Reports[j].Date })
}

// reportFileDate is the date a report's file name gives.
func reportFileDate(p string) (Date, error) {
	base := strings.TrimSuffix(path.Base(p), ".toml")
	d, err := ParseDate(base)
	if err == nil && (d.Year() < 1900 || d.Year() > 2200) {
		err = errors.New("out of range")
	}
	return d, err
}

// decodeReport reads one report file; like decodeProject it shares nothing
// (known is only read).
func decodeReport(fsys fs.FS, p string, known *projectOrder, errs *ErrorList) (*Report, *tomlFile) {
	base := strings.TrimSuffix(path.Base(p), ".toml")
	fileDate, err := reportFileDate(p)
	if err != nil {
		errs.Add(p, 1, "file name %q is not a report date (expected content/reports/YYYY-MM-DD.toml, e.g. 2023-09-30.toml)", base)
	}
	src, ok := readFile(fsys, p, errs)
	if !ok {
		return nil, nil
	}
	o, f, lines := parseReport(p, src, errs)
	if o == nil {
		return nil, nil
	}
	// The file name is the report's identity; a date key that disagrees
	// is reported, and the name wins so that one slip is one error.
	r := &Report{Date: o.date("date", true)}
	if err == nil {
		if !r.Date.IsZero() && r.Date != fileDate {
			o.f.errorf(o.key("date"), "date %s differs from the file name (expected date = %s)", r.Date, base)
		}
		r.Date = fileDate
	}
	if st := o.table("stats"); st != nil {
		r.Stats = unitStats(st)
	}
	r.Regions = unitTables(o, "regions")
	r.Departments = unitTables(o, "departments")
	if lines != nil {
		r.Projects = known.inOrder(lines)
	} else if ps := o.table("projects"); ps != nil {
		ids := ps.keysAnyOrder() // put in order below, without comparing strings
		es := make([]Entry, 0, len(ids))
		for _, id := range ids {
			e := ps.table(id)
			if e == nil {
				continue
			}
			es = append(es, Entry{
				ID:         id,
				Completed:  e.optAmount("completed"),
				Funds:      e.optAmount("funds"),
				Note:       e.str("note", false),
				Correction: e.boolean("correction"),
			})
			e.done()
		}
		r.Projects = known.inOrder(es)
	}
	o.done()
	return r, f
}

// parseReport decodes a report. Its project lines, when written plainly
// (plainReportLines), are read directly and returned apart; the rest of
// the file is decoded as TOML. A report that is not plain is decoded as a
// whole, with its errors.
func parseReport(p, src string, errs *ErrorList) (*obj, *tomlFile, []Entry) {
	src = normalize(src)
	if head, body, ok := cutReportLines(src); ok && plainReports {
		if lines, ok := plainReportLines(body); ok {
			var headErrs ErrorList
			o, f := parseTOML(p, head, 0, &headErrs)
			if o != nil && o.m["projects"] == nil {
				f.src = src // later messages find their lines in the whole file
				f.errs = errs
				o.ask("projects") // a key of the file, for messages about others
				return o, f, lines
			}
		}
	}
	o, f := parseTOML(p, src, 0, errs)
	return o, f, nil
}

// plainReports lets tests decode every report as a whole, to compare.
var plainReports = true

// projectOrder is every project id a load knows of, sorted. A report has
// a line for most projects; its lines are put in order by the projects'
// indexes, not by comparing strings (a tenth of a large load).
type projectOrder struct {
	ids   []string
	index map[string]int
}

func newProjectOrder(ids map[string]bool) *projectOrder {
	o := &projectOrder{ids: sortedKeys(ids), index: make(map[string]int, len(ids))}
	for i, id := range o.ids {
		o.index[id] = i
	}
	return o
}

// inOrder puts a report's lines in id order. Known ids take the project's
// own string: read plainly, an id is a substring that would keep the whole
// file in memory. Unknown ids, which the reference checks report, are
// copied and merged in.
func (o *projectOrder) inOrder(es []Entry) []Entry {
	at := make([]int32, len(o.ids)) // 1 + the line's index in es
	var unknown []Entry
	for i := range es {
		if k, ok := o.index[es[i].ID]; ok {
			at[k] = int32(i) + 1
		} else {
			e := es[i]
			e.ID = strings.Clone(e.ID)
			unknown = append(unknown, e)
		}
	}
	out := make([]Entry, 0, len(es))
	for k, i := range at {
		if i > 0 {
			e := es[i-1]
			e.ID = o.ids[k]
			out = append(out, e)
		}
	}
	if len(unknown) == 0 {
		return out
	}
	sort.Slice(unknown, func(i, j int) bool { return unknown[i].ID < unknown[j].ID })
	all := make([]Entry, 0, len(es))
	i := 0
	for _, u := range unknown {
		for i < len(out) && out[i].ID < u.ID {
			all = append(all, out[i])
			i++
		}
		all = append(all, u)
	}
	return append(all, out[i:]...)
}

func unitStats(o *obj) *UnitStats {
	st := &UnitStats{
		FAI:        o.optAmount("fai"),
		FAIGrowth:  o.optNum("fai_growth", "a growth percentage such as 7.9"),
		Correction: o.boolean("correction"),
	}
	if sec := o.table("sectors"); sec != nil {
		st.Sectors = map[string]float64{}
		for _, k := range sec.keys() {
			if f, ok := sec.toNum(k, sec.m[k], "a growth percentage such as 25.1"); ok {
				st.Sectors[k] = f
			}
		}
	}
	o.done()
	return st
}

func unitTables(o *obj, k string) map[string]*UnitStats {
	t := o.table(k)
	if t == nil {
		return map[string]*UnitStats{}
	}
	ids := t.keys()
	out := make(map[string]*UnitStats, len(ids))
	for _, id := range ids {
		if u := t.table(id); u != nil {
			out[id] = unitStats(u)
		}
	}
	return out
}

// frontMatter splits TOML front matter between +++ lines from a markdown
// body. It returns the front matter (nil when absent) and the body with
// the line its first byte is on; ok is false when the front matter is
// never closed.
func frontMatter(src []byte) (fm, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "+++" {
		return nil, src, 1, true
	}
	if !found {
		return nil, nil, 0, false
	}
	start := len(src) - len(rest)
	off, line := start, 2
	for {
		end := bytes.IndexByte(src[off:], '\n')
		ln, next := src[off:], len(src)
		if end >= 0 {
			ln, next = src[off:off+end], off+end+1
		}
		if string(bytes.TrimRight(ln, " \t")) == "+++" {
			return src[start:off], src[next:], line + 1, true
		}
		if end < 0 {
			return nil, nil, 0, false
		}
		off, line = next, line+1
	}
}

// readMarkdown reads a markdown file and decodes its front matter; the
// returned obj is nil when the file has no front matter.
func (l *loader) readMarkdown(p string) (*Page, *obj) { return readMarkdown(l.fsys, p, &l.errs) }

// readMarkdown reads a markdown file and its front matter, if any; its
// problems go to errs.
func readMarkdown(fsys fs.FS, p string, errs *ErrorList) (*Page, *obj) {
	src, ok := readFile(fsys, p, errs)
	if !ok {
		return nil, nil
	}
	b := []byte(normalize(src))
	fm, body, bodyLine, ok := frontMatter(b)
	if !ok {
		errs.Add(p, 1, "front matter is not closed (expected a line +++ after the TOML front matter)")
		return nil, nil
	}
	pg := &Page{Path: p, Body: body, BodyLine: bodyLine}
	if fm == nil {
		return pg, nil
	}
	o, _ := parseTOML(p, string(fm), 1, errs)
	if o == nil {
		return nil, nil
	}
	return pg, o
}

func (l *loader) loadMarkdown() {
	// content/*.md: pages, and _index.md for the home page.
	entries, _ := fs.ReadDir(l.fsys, "content")
	known := []string{"regions", "departments", "projects", "reports", "bulletins"}
	for _, e := range entries {
		n := e.Name()
		if ignored(n) {
			continue
		}
		p := "content/" + n
		if e.IsDir() {
			if !contains(known, n) {
				l.errs.Add(p, 0, "unexpected directory (expected only %s under content/)", strings.Join(known, ", "))
			}
			continue
		}
		if path.Ext(n) != ".md" {
			l.errs.Add(p, 1, "unexpected file (expected only .md pages directly under content/)")
			continue
		}
		slug := strings.TrimSuffix(n, ".md")
		if slug != "_index" {
			if _, ok := l.fileID(p); !ok {
				continue
			}
			if contains(reservedSlugs, slug) {
				l.errs.Add(p, 1, "page name %q is taken by a section the generator writes (expected another file name, not one of: %s)", slug, strings.Join(reservedSlugs, ", "))
				continue
			}
		}
		pg, o := l.readMarkdown(p)
		if pg == nil {
			continue
		}
		pg.Slug = slug
		if o != nil {
			pg.Title = o.str("title", false)
			o.done()
		}
		if slug == "_index" {
			pg.Slug = ""
			l.site.Home = pg
		} else {
			if pg.Title == "" {
				pg.Title = firstHeading(pg.Body, slug)
			}
			l.site.Pages = append(l.site.Pages, pg)
		}
	}
	sort.Slice(l.site.Pages, func(i, j int) bool { return l.site.Pages[i].Slug < l.site.Pages[j].Slug })

	// Project narratives, read on every core.
	byID := map[string]*Project{}
	for _, pr := range l.site.Projects {
		byID[pr.ID] = pr
	}
	type narrative struct {
		path string
		pr   *Project
		pg   *Page
		fm   bool
		errs ErrorList
	}
	var ns []*narrative
	for _, p := range l.projectListing() {
		if path.Ext(p) != ".md" {
			continue
		}
		id := strings.TrimSuffix(path.Base(p), ".md")
		pr := byID[id]
		if pr == nil {
			if !l.projectIDs[id] {
				l.errs.Add(p, 1, "narrative without a project (expected content/projects/%s.toml beside it)", id)
			}
			continue
		}
		ns = append(ns, &narrative{path: p, pr: pr})
	}
	parallel(len(ns), func(i int) {
		n := ns[i]
		var o *obj
		n.pg, o = readMarkdown(l.fsys, n.path, &n.errs)
		n.fm = o != nil
	})
	for _, n := range ns {
		l.errs = append(l.errs, n.errs...)
		if n.pg == nil {
			continue
		}
		if n.fm {
			l.errs.Add(n.path, 1, "front matter in a project narrative (expected none: the title is the project's name)")
			continue
		}
		n.pg.Slug = n.pr.ID
		n.pg.Title = n.pr.Name
		n.pr.Narrative = n.pg
	}

	// Bulletins.
	for _, p := range l.list("content/bulletins", ".md") {
		slug, ok := l.fileID(p)
		if !ok {
			continue
		}
		pg, o := l.readMarkdown(p)
		if pg == nil {
			continue
		}
		if o == nil {
			l.errs.Add(p, 1, "bulletin has no front matter (expected +++ title, number, date, as_of +++ at the top)")
			continue
		}
		pg.Slug = slug
		b := &Bulletin{Slug: slug, Page: pg}
		b.Title = o.str("title", true)
		b.Number = o.str("number", true)
		b.Date = o.date("date", true)
		b.AsOf = o.date("as_of", true)
		b.Issuer = o.str("issuer", false)
		if b.Issuer == "" {
			b.Issuer = l.site.Campaign.Issuer
		}
		if !b.AsOf.IsZero() {
			if !l.reportDates[b.AsOf] {
				o.f.errorf(o.key("as_of"), "as_of %s is not a report date (expected the date of a file in content/reports/)", b.AsOf)
			}
		}
		order(o, "as_of", b.AsOf, "date", b.Date)
		pg.Title = b.Title
		o.done()
		l.site.Bulletins = append(l.site.Bulletins, b)
	}
	sort.SliceStable(l.site.Bulletins, func(i, j int) bool {
		a, b := l.site.Bulletins[i], l.site.Bulletins[j]
		if a.AsOf != b.AsOf {
			return a.AsOf < b.AsOf
		}
		return a.Slug < b.Slug
	})
}

// firstHeading returns the text of the first "# " heading, or def.
func firstHeading(body []byte, def string) string {
	for _, ln := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(ln, "# ") {
			return strings.TrimSpace(ln[2:])
		}
	}
	return def
}

// ignored reports files nobody means as content: hidden files and the
// backup and lock files editors leave beside the file being edited
// (x.toml~, #x.toml#, .#x.toml, .x.toml.swp).
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}
