package dispatch

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"

	"golang.org/x/text/width"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// ErrNoDate is returned by Import when it is given no date and no table
// states one.
var ErrNoDate = errors.New("dispatch: no date given and no table states one")

// Result is what an import makes of the tables.
type Result struct {
	Date     dataset.Date
	Path     string // the report file, relative to the site root: content/reports/<date>.toml
	Old      []byte // the file as it was; nil when there was none
	Text     []byte // the file as it should be
	Projects int    // projects the tables fill in
	Sheets   int    // tables read
	Changed  int    // projects whose entry in the file changes
}

// Unchanged reports whether the file already says what the tables say.
func (r *Result) Unchanged() bool { return r.Old != nil && string(r.Old) == string(r.Text) }

// ReportPath is where the report of date d lives, relative to the site
// root (data-format.md).
func ReportPath(d dataset.Date) string { return "content/reports/" + d.String() + ".toml" }

// entry is what one row says about a project.
type entry struct {
	id               string
	completed, funds dataset.Opt
	note             string
	hasNote          bool
	correction       bool
	hasCorrection    bool

	// Where it was written, for the checks that need every row.
	s     *sheet
	order int
	row   int
	cols  map[string]int
}

// importer is the state of one Import.
type importer struct {
	site   *dataset.Site
	mt     *matcher
	ps     problems
	target moneyUnit // the site's money_unit

	byName  map[string][]*dataset.Project
	depts   map[string]*dataset.Unit // by id and by name
	seen    map[string]string        // project id → the cell of its row
	entries []*entry
	tables  []*table
}

// Import reads filled dispatch tables and returns the report file they
// make, merged into the one that exists in fsys (the site root), after
// checking it loads with the rest of the site. s is the site as loaded
// from fsys. A zero date is taken from the tables (ErrNoDate when none
// states one). Every problem comes back at once as a dataset.ErrorList,
// in the order of the inputs.
func Import(fsys fs.FS, s *dataset.Site, date dataset.Date, inputs []Input) (*Result, error) {
	im := newImporter(s)
	for order, in := range inputs {
		im.read(order, in)
	}
	date = im.resolveDate(date)
	switch {
	case date.IsZero() && im.ps.empty():
		return nil, ErrNoDate
	case !date.IsZero():
		im.checkCumulative(date)
	}
	if len(im.entries) == 0 && len(inputs) > 0 && im.ps.empty() {
		im.ps.addErr(0, fileProblem(inputs[0].Name, "dispatch.nothing"))
	}
	if !im.ps.empty() {
		return nil, im.ps.errs()
	}
	res := &Result{Date: date, Path: ReportPath(date), Projects: len(im.entries), Sheets: len(im.tables)}
	if old, err := fs.ReadFile(fsys, res.Path); err == nil {
		res.Old = old
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, dataset.ErrorList{fileProblem(res.Path, "dispatch.cannot_read", sysErr(err))}
	}
	text, changed, err := merge(res.Path, res.Old, date, im.entries)
	if err != nil {
		return nil, err
	}
	res.Text, res.Changed = text, changed
	if !res.Unchanged() {
		if _, err := dataset.Load(overlay(fsys, res.Path, res.Text)); err != nil {
			return nil, err
		}
	}
	return res, nil
}

func newImporter(s *dataset.Site) *importer {
	im := &importer{
		site: s, mt: newMatcher(s.Import),
		byName: map[string][]*dataset.Project{}, depts: map[string]*dataset.Unit{}, seen: map[string]string{},
	}
	im.target, _ = unitNamed(s.MoneyUnit)
	if im.target.name == "" {
		im.target = moneyUnit{name: "亿元", exp: 8}
	}
	for _, p := range s.Projects {
		im.byName[strings.TrimSpace(p.Name)] = append(im.byName[strings.TrimSpace(p.Name)], p)
	}
	for _, u := range s.Departments {
		im.depts[u.ID] = u
		if u.Name != "" {
			im.depts[strings.TrimSpace(u.Name)] = u
		}
	}
	return im
}

// read reads one input's tables.
func (im *importer) read(order int, in Input) {
	sheets, p := readSheets(in)
	if p != nil {
		im.ps.addErr(order, p)
		return
	}
	wanted := im.site.Import.Sheets
	found := 0
	for _, name := range wanted {
		if !hasSheet(sheets, name) && sheets[0].name != "" {
			var names []string
			for _, s := range sheets {
				names = append(names, s.name)
			}
			im.ps.addErr(order, fileProblem(in.Name, "dispatch.no_sheet", i18n.Quoted(name), i18n.Plain(names)))
			found++ // reported: not "no table" as well
		}
	}
	for _, s := range sheets {
		named := len(wanted) > 0 && s.name != "" && contains(wanted, s.name)
		if len(wanted) > 0 && s.name != "" && !named {
			continue
		}
		t := findTable(s, im.mt, im.site.Import.HeaderRows)
		if t == nil {
			if named {
				im.ps.addErr(order, fileProblem(s.where(), "dispatch.no_header", headerScan))
				found++ // reported: not "no table" as well
			}
			continue
		}
		found++
		t.order = order
		im.tables = append(im.tables, t)
		def := im.target
		if im.site.Import.Unit != "" {
			def, _ = unitNamed(im.site.Import.Unit)
		}
		if u, ok := tableUnit(s, t.bottom); ok {
			def = u
		}
		t.columns(im.mt, def, &im.ps, order)
		t.findDate(&im.ps, order)
		im.rows(t, order)
	}
	if found == 0 {
		im.ps.addErr(order, fileProblem(in.Name, "dispatch.no_table"))
	}
}

func hasSheet(sheets []*sheet, name string) bool {
	for _, s := range sheets {
		if s.name == name {
			return true
		}
	}
	return false
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// subtotal matches the rows of a table that are not projects: totals
// (合计, 小计) and section headings (一、工业项目, （二）).
var subtotal = regexp.MustCompile(`^(合计|合計|总计|總計|小计|小計|共计|共計|total|subtotal)|^[一二三四五六七八九十]+[、.]|^\([一二三四五六七八九十]+\)`)

func isSubtotal(name string) bool {
	return subtotal.MatchString(strings.ToLower(strings.ReplaceAll(width.Narrow.String(name), " ", "")))
}

// rows reads the rows under a table's header.
func (im *importer) rows(t *table, order int) {
	s := t.s
	sheetDept := im.depts[strings.TrimSpace(s.name)]
	for r := t.bottom + 1; r < len(s.rows); r++ {
		get := func(f string) (cell, int) {
			c, ok := t.cols[f]
			if !ok {
				return cell{}, -1
			}
			if f == fieldOwner {
				return s.merged(r, c), c // one department's cell often spans its projects' rows
			}
			return s.at(r, c), c
		}
		filled := false
		for _, f := range figureFields {
			if x, _ := get(f); trimCell(x.text) != "" {
				filled = true
			}
		}
		idCell, idCol := get(fieldID)
		nameCell, nameCol := get(fieldName)
		id, name := trimCell(idCell.text), trimCell(nameCell.text)
		if id == "" && (name == "" && !filled || isSubtotal(name)) {
			continue
		}
		keyCol := idCol
		if keyCol < 0 {
			keyCol = nameCol
		}

		// Which project the row is.
		var p *dataset.Project
		switch {
		case idCol >= 0 && id == "":
			if !filled {
				continue
			}
			var hint any = i18n.Plain(nil)
			if ps := im.byName[name]; len(ps) == 1 {
				hint = i18n.M("dispatch.blank_id_of", ps[0].ID, i18n.Quoted(name))
			}
			im.ps.add(order, s, r, idCol, "dispatch.blank_id", hint)
			continue
		case idCol >= 0:
			if p = im.site.Project(id); p == nil {
				var hint any = i18n.Plain(nil)
				if ps := im.byName[id]; len(ps) == 1 {
					hint = i18n.M("dispatch.did_you_mean", ps[0].ID)
				}
				im.ps.add(order, s, r, idCol, "dispatch.unknown_id", i18n.Quoted(id), hint)
				continue
			}
		default:
			ps := im.byName[name]
			switch {
			case len(ps) == 0 && !filled:
				continue
			case name == "":
				im.ps.add(order, s, r, nameCol, "dispatch.blank_name")
				continue
			case len(ps) == 0:
				im.ps.add(order, s, r, nameCol, "dispatch.unknown_name", i18n.Quoted(name))
				continue
			case len(ps) > 1:
				var ids i18n.Plain
				for _, p := range ps {
					ids = append(ids, p.ID)
				}
				im.ps.add(order, s, r, nameCol, "dispatch.ambiguous_name", i18n.Quoted(name), ids)
				continue
			}
			p = ps[0]
		}

		// Whose row it is.
		owner, ownerCol := sheetDept, keyCol
		if oc, c := get(fieldOwner); c >= 0 && trimCell(oc.text) != "" {
			ownerCol = c
			if owner = im.depts[trimCell(oc.text)]; owner == nil {
				im.ps.add(order, s, r, c, "dispatch.unknown_owner", i18n.Quoted(trimCell(oc.text)))
				continue
			}
		}
		if owner != nil && owner.ID != p.Owner {
			im.ps.add(order, s, r, ownerCol, "dispatch.other_owner", p.ID, im.deptName(p.Owner), owner.Name)
			continue
		}
		if first, dup := im.seen[p.ID]; dup {
			im.ps.add(order, s, r, keyCol, "dispatch.duplicate", p.ID, first)
			continue
		}
		im.seen[p.ID] = s.ref(r, keyCol)
		if !filled {
			continue
		}

		e := &entry{id: p.ID, s: s, order: order, row: r, cols: t.cols}
		ok := true
		for _, f := range []string{fieldCompleted, fieldFunds} {
			x, c := get(f)
			if c < 0 || trimCell(x.text) == "" {
				continue
			}
			v, msg := amount(x, t.units[f], im.target)
			if msg != nil {
				im.ps.addMsg(order, s, r, c, *msg)
				ok = false
				continue
			}
			if f == fieldCompleted {
				e.completed = dataset.Some(v)
			} else {
				e.funds = dataset.Some(v)
			}
		}
		if x, c := get(fieldNote); c >= 0 && trimCell(x.text) != "" {
			e.note, e.hasNote = strings.TrimSpace(strings.ReplaceAll(x.text, "\r\n", "\n")), true
		}
		if x, c := get(fieldCorrection); c >= 0 && trimCell(x.text) != "" {
			b, good := yesNo(x)
			if !good {
				im.ps.add(order, s, r, c, "dispatch.not_bool", i18n.Quoted(trimCell(x.text)))
				ok = false
			}
			e.correction, e.hasCorrection = b, true
		}
		if ok {
			im.entries = append(im.entries, e)
		}
	}
}

func (im *importer) deptName(id string) string {
	if u := im.depts[id]; u != nil && u.Name != "" {
		return u.Name
	}
	return id
}

// yesNo reads a correction cell.
func yesNo(c cell) (bool, bool) {
	t := strings.ToLower(width.Narrow.String(trimCell(c.text)))
	switch c.kind {
	case kindBool, kindNumber:
		return t == "1", t == "1" || t == "0"
	}
	switch t {
	case "是", "yes", "y", "true", "√", "✓", "✔", "对", "對", "更正":
		return true, true
	case "否", "no", "n", "false", "×", "✗", "不", "无", "無":
		return false, true
	}
	return false, false
}

// resolveDate settles the report's date: the one given, which every
// table that states a date must agree with, or else the tables' own.
func (im *importer) resolveDate(given dataset.Date) dataset.Date {
	var first *table
	for _, t := range im.tables {
		if t.date.IsZero() {
			continue
		}
		order := t.order
		switch {
		case !given.IsZero() && t.date != given:
			im.ps.add(order, t.s, t.dateAt[0], t.dateAt[1], "dispatch.date_differs", t.date.String(), given.String())
		case given.IsZero() && first != nil && t.date != first.date:
			im.ps.add(order, t.s, t.dateAt[0], t.dateAt[1], "dispatch.dates_differ", t.date.String(), first.date.String(), first.s.ref(first.dateAt[0], first.dateAt[1]))
		case first == nil:
			first = t
		}
	}
	if given.IsZero() && first != nil {
		return first.date
	}
	return given
}

// checkCumulative holds year-to-date figures to the loader's rule: not
// below the report before within the year, not above the one after,
// unless a correction says the earlier figure was wrong.
func (im *importer) checkCumulative(date dataset.Date) {
	var existing *dataset.Report
	for _, r := range im.site.Reports {
		if r.Date == date {
			existing = r
		}
	}
	for _, e := range im.entries {
		corr := e.hasCorrection && e.correction
		if !e.hasCorrection && existing != nil {
			if x := existing.Entry(e.id); x != nil {
				corr = x.Correction
			}
		}
		for _, f := range []struct {
			field string
			v     dataset.Opt
			of    func(*dataset.Entry) dataset.Opt
		}{
			{fieldCompleted, e.completed, func(x *dataset.Entry) dataset.Opt { return x.Completed }},
			{fieldFunds, e.funds, func(x *dataset.Entry) dataset.Opt { return x.Funds }},
		} {
			if !f.v.OK {
				continue
			}
			c := e.cols[f.field]
			label := i18n.M("import_field." + f.field)
			if prev, at := im.before(e.id, date, f.of); prev.OK && f.v.V < prev.V && !corr {
				im.ps.add(e.order, e.s, e.row, c, "dispatch.went_down", label, prev.V.String(), at.String(), f.v.V.String())
			}
			if next, at, nextCorr := im.after(e.id, date, f.of); next.OK && next.V < f.v.V && !nextCorr {
				im.ps.add(e.order, e.s, e.row, c, "dispatch.above_later", label, f.v.V.String(), next.V.String(), at.String())
			}
		}
	}
}

// before is the last figure of a project reported before date in the
// same year, and its report's date.
func (im *importer) before(id string, date dataset.Date, of func(*dataset.Entry) dataset.Opt) (dataset.Opt, dataset.Date) {
	var out dataset.Opt
	var at dataset.Date
	for _, r := range im.site.Reports {
		if r.Date >= date {
			break
		}
		if r.Date.Year() != date.Year() {
			continue
		}
		if x := r.Entry(id); x != nil && of(x).OK {
			out, at = of(x), r.Date
		}
	}
	return out, at
}

// after is the first figure of a project reported after date in the same
// year, its report's date, and whether that entry is a correction.
func (im *importer) after(id string, date dataset.Date, of func(*dataset.Entry) dataset.Opt) (dataset.Opt, dataset.Date, bool) {
	for _, r := range im.site.Reports {
		if r.Date <= date || r.Date.Year() != date.Year() {
			continue
		}
		if x := r.Entry(id); x != nil && of(x).OK {
			return of(x), r.Date, x.Correction
		}
	}
	return dataset.Opt{}, 0, false
}
