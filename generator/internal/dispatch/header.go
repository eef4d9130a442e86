package dispatch

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// Fields a column can fill (dataset.ImportFields).
const (
	fieldID         = "id"
	fieldName       = "name"
	fieldOwner      = "owner"
	fieldCompleted  = "completed"
	fieldFunds      = "funds"
	fieldNote       = "note"
	fieldCorrection = "correction"
	fieldIgnore     = "ignore"
)

// figureFields are the fields a row reports; a header needs one of them.
var figureFields = []string{fieldCompleted, fieldFunds, fieldNote, fieldCorrection}

// headerScan is how many rows from the top a header may start in: below
// a title, a date line and a unit line.
const headerScan = 30

// matcher maps header texts to fields: site.toml's [import] columns
// first, then the words this package knows.
type matcher struct {
	site    map[string]string // normalised header → field
	builtin map[string]string
}

// monthsPattern is 1-9月完成, 1—9月累计完成投资, 1至9月到位资金 and the like
// (after normalising).
var monthsPattern = regexp.MustCompile(`^1(?:-|—|–|~|至|到)(?:1[0-2]|[1-9])月份?(?:累计)?(完成|到位资金)(?:投资)?(?:额|金额)?$`)

// builtinHeaders are the usual words of Chinese dispatch tables; the
// words of this package's own template, in every language, are added to
// them.
var builtinHeaders = map[string][]string{
	fieldID:         {"id", "项目id", "項目id", "projectid"},
	fieldName:       {"项目名称", "項目名稱", "项目", "項目", "名称", "名稱", "projectname"},
	fieldOwner:      {"责任单位", "責任單位", "牵头单位", "牽頭單位", "责任部门", "責任部門"},
	fieldCompleted:  {"本年累计完成投资", "本年累計完成投資", "本年完成投资", "本年完成投資", "年度累计完成", "年度累計完成", "本年累计完成额"},
	fieldFunds:      {"到位资金", "到位資金", "本年累计到位资金", "本年累計到位資金"},
	fieldNote:       {"工程形象进度", "工程形象進度", "进展情况", "進展情況", "项目进展", "項目進展", "形象进度"},
	fieldCorrection: {"是否更正"},
}

func newMatcher(m dataset.ImportMap) *matcher {
	mt := &matcher{site: map[string]string{}, builtin: map[string]string{}}
	for k, f := range m.Columns {
		mt.site[normHeader(k)] = f
	}
	for f, ws := range builtinHeaders {
		for _, w := range ws {
			mt.builtin[normHeader(w)] = f
		}
	}
	for f, key := range map[string]string{
		fieldID: "dispatch.col.id", fieldName: "dispatch.col.name", fieldOwner: "dispatch.col.owner",
		fieldCompleted: "dispatch.col.completed", fieldFunds: "dispatch.col.funds",
		fieldNote: "dispatch.col.note", fieldCorrection: "dispatch.col.correction",
	} {
		for _, l := range i18n.Langs {
			mt.builtin[normHeader(i18n.M(key).Text(l))] = f
		}
	}
	return mt
}

// field is what a column whose header has these levels (top first)
// fills; "" when nothing.
func (mt *matcher) field(levels []string) string {
	if len(levels) == 0 {
		return ""
	}
	if f, ok := mt.site[normHeader(strings.Join(levels, "/"))]; ok {
		return f
	}
	for i := len(levels) - 1; i >= 0; i-- {
		if f, ok := mt.site[normHeader(levels[i])]; ok {
			return f
		}
	}
	for i := len(levels) - 1; i >= 0; i-- {
		n := normHeader(levels[i])
		if f, ok := mt.builtin[n]; ok {
			return f
		}
		if m := monthsPattern.FindStringSubmatch(n); m != nil {
			if m[1] == "完成" {
				return fieldCompleted
			}
			return fieldFunds
		}
	}
	return ""
}

// normHeader is a header's text as compared: half-width, lower case,
// without blanks, asterisks and anything in brackets (units, remarks).
func normHeader(s string) string {
	s = width.Narrow.String(s)
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(' || r == '【' || r == '[':
			depth++
		case r == ')' || r == '】' || r == ']':
			if depth > 0 {
				depth--
			}
		case depth > 0, unicode.IsSpace(r), r == '*', r == '※':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// table is a dispatch table found on a sheet.
type table struct {
	s           *sheet
	top, bottom int            // the header's rows, inclusive
	cols        map[string]int // field → column
	units       map[string]moneyUnit
	date        dataset.Date // the date the table states above its header; 0: none
	dateAt      [2]int       // where (row, column)
	order       int          // the place of its file among the inputs
}

// findTable finds the header of a sheet; nil when the sheet has none.
func findTable(s *sheet, mt *matcher, headerRows int) *table {
	for r := 0; r < len(s.rows) && r < headerScan; r++ {
		if !namesProject(s, r, mt) {
			continue // a title above the header, even one merged over it
		}
		bottom := r + headerRows - 1
		if headerRows <= 0 {
			bottom = headerBottom(s, r)
		}
		cols := map[string][]int{}
		for c := 0; c < s.width(); c++ {
			if f := mt.field(levels(s, r, bottom, c)); f != "" && f != fieldIgnore {
				cols[f] = append(cols[f], c)
			}
		}
		if len(cols[fieldID]) == 0 && len(cols[fieldName]) == 0 {
			continue
		}
		if !hasAny(cols, figureFields) {
			continue
		}
		t := &table{s: s, top: r, bottom: bottom, cols: map[string]int{}, units: map[string]moneyUnit{}}
		for f, cs := range cols {
			t.cols[f] = cs[0]
		}
		return t
	}
	return nil
}

// namesProject reports whether row r has a project id or name column's
// header: the row a header starts in.
func namesProject(s *sheet, r int, mt *matcher) bool {
	for c := 0; c < len(s.rows[r]); c++ {
		if t := trimCell(s.at(r, c).text); t != "" {
			if f := mt.field([]string{t}); f == fieldID || f == fieldName {
				return true
			}
		}
	}
	return false
}

func hasAny(cols map[string][]int, fields []string) bool {
	for _, f := range fields {
		if len(cols[f]) > 0 {
			return true
		}
	}
	return false
}

// headerBottom is the last row of a header that starts in row r: as deep
// as the merged cells that start in it go, and one row deeper when it
// has a group header (cells merged across columns) over its leaves.
func headerBottom(s *sheet, r int) int {
	bottom := r
	for _, m := range s.merges {
		if m.r0 != r {
			continue
		}
		bottom = max(bottom, m.r1)
		if m.c1 > m.c0 && m.r1 == r {
			bottom = max(bottom, r+1)
		}
	}
	return min(bottom, r+9)
}

// levels are the texts of column c's header, top first, merged cells
// expanded and a text repeated by a vertical merge taken once.
func levels(s *sheet, top, bottom, c int) []string {
	var out []string
	for r := top; r <= bottom; r++ {
		t := trimCell(s.merged(r, c).text)
		if t != "" && (len(out) == 0 || out[len(out)-1] != t) {
			out = append(out, t)
		}
	}
	return out
}

// columns checks the header's columns, each field once, and finds the
// unit of each amount: the column's header's, else def.
func (t *table) columns(mt *matcher, def moneyUnit, ps *problems, order int) {
	s := t.s
	seen := map[string]int{}
	for c := 0; c < s.width(); c++ {
		lv := levels(s, t.top, t.bottom, c)
		f := mt.field(lv)
		if f == "" || f == fieldIgnore {
			continue
		}
		if first, dup := seen[f]; dup {
			ps.add(order, s, t.top, c, "dispatch.dup_column", colName(c), i18n.M("import_field."+f), colName(first))
			continue
		}
		seen[f] = c
		if f == fieldCompleted || f == fieldFunds {
			t.units[f] = def
			for i := len(lv) - 1; i >= 0; i-- {
				if u, ok := unitIn(lv[i]); ok {
					t.units[f] = u
					break
				}
			}
		}
	}
}

// tableUnit is the unit a table states above or in its header as a
// whole: 单位：万元.
func tableUnit(s *sheet, bottom int) (moneyUnit, bool) {
	for r := 0; r <= bottom && r < len(s.rows); r++ {
		for _, c := range s.rows[r] {
			if c.kind == kindText && (strings.Contains(c.text, "单位") || strings.Contains(c.text, "單位") || strings.Contains(strings.ToLower(c.text), "unit")) {
				if u, ok := unitIn(c.text); ok {
					return u, true
				}
			}
		}
	}
	return moneyUnit{}, false
}

func colName(c int) string {
	var b []byte
	for c++; c > 0; c = (c - 1) / 26 {
		b = append([]byte{byte('A' + (c-1)%26)}, b...)
	}
	return string(b)
}
