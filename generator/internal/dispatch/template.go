package dispatch

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
)

// TemplateOptions say which workbook to write.
type TemplateOptions struct {
	AsOf  dataset.Date // last figures as of this date; 0: the latest report
	Owner string       // only this department's sheet; "": every department with projects
	Lang  i18n.Lang    // the workbook's words; "": the site's language
}

// TemplateInfo says what a template holds.
type TemplateInfo struct {
	Sheets, Projects int
	AsOf             dataset.Date // the report the last figures come from; 0: none yet
}

// Errors of WriteTemplate the command words for the user.
var (
	ErrUnknownOwner = errors.New("dispatch: no such department")
	ErrNoProjects   = errors.New("dispatch: no projects to dispatch")
)

// The template's columns, left to right. The header is two rows: the
// columns to fill sit under one group cell (本期填报), every other header
// cell spans both rows. Import reads it like any office's table.
const (
	colSeq = iota
	colID
	colProject
	colOwner
	colTotal
	colPlan
	colLastCompleted
	colLastFunds
	colCompleted
	colFunds
	colNote
	colCorrection
	numCols
)

// colDate is the column of the dispatch date cell, right of its label.
const colDate = colProject

// Rows of the template (1-based, as excelize counts).
const (
	rowTitle  = 1
	rowDate   = 2
	rowHeader = 3 // and 4
	rowFirst  = 5
)

// WriteTemplate writes the dispatch table for the next report: a sheet
// per department that owns projects (reserve projects are not
// dispatched), pre-filled, then a sheet that explains the columns.
func WriteTemplate(w io.Writer, s *dataset.Site, o TemplateOptions) (TemplateInfo, error) {
	var info TemplateInfo
	l := o.Lang
	if l == "" {
		l, _ = i18n.Parse(s.Language)
		if l == "" {
			l = i18n.ZhHans
		}
	}
	t := func(key string, args ...any) string { return i18n.M(key, args...).Text(l) }

	asOf := o.AsOf
	for _, r := range s.Reports {
		if asOf.IsZero() || r.Date <= o.AsOf {
			info.AsOf = r.Date
		}
	}
	if asOf.IsZero() {
		asOf = info.AsOf
	}
	year := s.Campaign.Year
	if !asOf.IsZero() {
		year = asOf.Year()
	}

	type sheetPlan struct {
		dept     *dataset.Unit
		projects []*dataset.Project
	}
	var plans []sheetPlan
	for _, d := range s.Departments {
		if o.Owner != "" && d.ID != o.Owner {
			continue
		}
		sp := sheetPlan{dept: d}
		for _, p := range s.Projects {
			if p.Owner == d.ID && !p.Reserve {
				sp.projects = append(sp.projects, p)
			}
		}
		if len(sp.projects) > 0 {
			plans = append(plans, sp)
		}
	}
	if o.Owner != "" && s.Department(o.Owner) == nil {
		return info, ErrUnknownOwner
	}
	if len(plans) == 0 {
		return info, ErrNoProjects
	}

	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return info, err
	}
	unit := s.MoneyUnit
	withUnit := func(h string) string {
		if l.Chinese() {
			return h + "（" + unit + "）"
		}
		return h + " (" + unit + ")"
	}
	asOfText := t("dispatch.no_report_yet")
	if !info.AsOf.IsZero() {
		asOfText = info.AsOf.String()
	}
	lastHeader := func(key string) string {
		if l.Chinese() {
			return t(key) + "（" + asOfText + "，" + unit + "）"
		}
		return t(key) + " (" + asOfText + ", " + unit + ")"
	}
	headers := [numCols]string{
		colSeq: t("dispatch.col.seq"), colID: t("dispatch.col.id"), colProject: t("dispatch.col.name"),
		colOwner: t("dispatch.col.owner"), colTotal: withUnit(t("dispatch.col.total")),
		colPlan: withUnit(t("dispatch.col.plan", year)), colLastCompleted: lastHeader("dispatch.col.last_completed"),
		colLastFunds: lastHeader("dispatch.col.last_funds"), colCompleted: withUnit(t("dispatch.col.completed")),
		colFunds: withUnit(t("dispatch.col.funds")), colNote: t("dispatch.col.note"), colCorrection: t("dispatch.col.correction"),
	}

	used := map[string]bool{}
	for i, sp := range plans {
		name := sheetName(sp.dept, used)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return info, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return info, err
		}
		title := t("dispatch.title", s.Campaign.Name, sp.dept.Name)
		if err := writeSheet(f, name, sp.projects, sp.dept, title, headers, st, year, s, info.AsOf, l); err != nil {
			return info, err
		}
		info.Sheets++
		info.Projects += len(sp.projects)
	}
	if err := writeHelp(f, t, unit, asOfText, year, st); err != nil {
		return info, err
	}
	f.SetActiveSheet(0)
	if _, err := f.WriteTo(w); err != nil {
		return info, err
	}
	return info, nil
}

// sheetName is a department's name as a sheet may be called: at most 31
// characters, none of []:*?/\ (Excel's rules), each name once; the id
// where the name cannot be.
func sheetName(d *dataset.Unit, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return -1
		}
		return r
	}, strings.TrimSpace(d.Name))
	if name == "" || utf8.RuneCountInString(name) > 31 || used[name] || strings.HasPrefix(name, "'") {
		name = d.ID
	}
	used[name] = true
	return name
}

type styles struct {
	title, label, header, fixed, amount, fill, fillAmount, date int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	amountFmt := "0.00##"
	dateFmt := "yyyy-mm-dd"
	fillColor := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF7D6"}}
	var st styles
	var err error
	mk := func(dst *int, s *excelize.Style) {
		if err == nil {
			*dst, err = f.NewStyle(s)
		}
	}
	mk(&st.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	mk(&st.label, &excelize.Style{Font: &excelize.Font{Bold: true}})
	mk(&st.header, &excelize.Style{Border: border, Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	mk(&st.fixed, &excelize.Style{Border: border, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	mk(&st.amount, &excelize.Style{Border: border, CustomNumFmt: &amountFmt})
	mk(&st.fill, &excelize.Style{Border: border, Fill: fillColor, Protection: &excelize.Protection{Locked: false},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	mk(&st.fillAmount, &excelize.Style{Border: border, Fill: fillColor, CustomNumFmt: &amountFmt, Protection: &excelize.Protection{Locked: false}})
	mk(&st.date, &excelize.Style{Border: border, Fill: fillColor, CustomNumFmt: &dateFmt, Protection: &excelize.Protection{Locked: false}})
	return &st, err
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col+1, row)
	return n
}

// writeSheet writes one department's sheet.
func writeSheet(f *excelize.File, name string, projects []*dataset.Project, dept *dataset.Unit, title string,
	headers [numCols]string, st *styles, year int, s *dataset.Site, asOf dataset.Date, l i18n.Lang) error {
	t := func(key string, args ...any) string { return i18n.M(key, args...).Text(l) }
	var errs []error
	do := func(err error) { errs = append(errs, err) }
	last := cellName(numCols-1, rowTitle)

	do(f.SetCellValue(name, "A1", title))
	do(f.MergeCell(name, "A1", last))
	do(f.SetCellStyle(name, "A1", last, st.title))
	do(f.SetRowHeight(name, rowTitle, 28))
	do(f.SetCellValue(name, cellName(0, rowDate), t("dispatch.date_label")))
	do(f.MergeCell(name, cellName(0, rowDate), cellName(colDate-1, rowDate)))
	do(f.SetCellStyle(name, cellName(0, rowDate), cellName(0, rowDate), st.label))
	do(f.SetCellStyle(name, cellName(colDate, rowDate), cellName(colDate, rowDate), st.date))

	// Two header rows: every column spans both but those to fill, which
	// sit under one group cell.
	for c := 0; c < numCols; c++ {
		top, bottom := cellName(c, rowHeader), cellName(c, rowHeader+1)
		if c >= colCompleted {
			do(f.SetCellValue(name, bottom, headers[c]))
			continue
		}
		do(f.SetCellValue(name, top, headers[c]))
		do(f.MergeCell(name, top, bottom))
	}
	do(f.SetCellValue(name, cellName(colCompleted, rowHeader), t("dispatch.col.fill")))
	do(f.MergeCell(name, cellName(colCompleted, rowHeader), cellName(numCols-1, rowHeader)))
	do(f.SetCellStyle(name, cellName(0, rowHeader), cellName(numCols-1, rowHeader+1), st.header))
	do(f.SetRowHeight(name, rowHeader+1, 45))

	for i, p := range projects {
		r := rowFirst + i
		row := make([]any, colFunds)
		row[colSeq] = i + 1
		row[colID] = p.ID
		row[colProject] = p.Name
		row[colOwner] = dept.Name
		row[colTotal] = p.Total.Float64()
		if v, ok := p.Plan.For(year); ok {
			row[colPlan] = v.Float64()
		}
		if v, ok := lastFigure(s, p.ID, asOf, func(e *dataset.Entry) dataset.Opt { return e.Completed }); ok {
			row[colLastCompleted] = v.Float64()
		}
		if v, ok := lastFigure(s, p.ID, asOf, func(e *dataset.Entry) dataset.Opt { return e.Funds }); ok {
			row[colLastFunds] = v.Float64()
		}
		for c := colFunds - 1; c >= 0 && row[c] == nil; c-- {
			row = row[:c]
		}
		do(f.SetSheetRow(name, cellName(0, r), &row))
		if lines := textLines(p.Name, nameWidth); lines > 1 {
			do(f.SetRowHeight(name, r, float64(15*lines)))
		}
	}
	end := rowFirst + len(projects) - 1
	do(f.SetCellStyle(name, cellName(0, rowFirst), cellName(colOwner, end), st.fixed))
	do(f.SetCellStyle(name, cellName(colTotal, rowFirst), cellName(colLastFunds, end), st.amount))
	do(f.SetCellStyle(name, cellName(colCompleted, rowFirst), cellName(colFunds, end), st.fillAmount))
	do(f.SetCellStyle(name, cellName(colNote, rowFirst), cellName(colCorrection, end), st.fill))

	amounts := excelize.NewDataValidation(true)
	amounts.SetSqref(cellName(colCompleted, rowFirst) + ":" + cellName(colFunds, end))
	do(amounts.SetRange(0, 9999999999, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
	amounts.SetError(excelize.DataValidationErrorStyleStop, t("dispatch.valid.title"), t("dispatch.valid.amount", s.MoneyUnit))
	amounts.SetInput(t("dispatch.valid.title"), t("dispatch.valid.amount", s.MoneyUnit))
	do(f.AddDataValidation(name, amounts))
	yesNo := excelize.NewDataValidation(true)
	yesNo.SetSqref(cellName(colCorrection, rowFirst) + ":" + cellName(colCorrection, end))
	do(yesNo.SetDropList([]string{t("dispatch.yes"), t("dispatch.no")}))
	do(f.AddDataValidation(name, yesNo))

	for c, wd := range map[int]float64{colSeq: 6, colID: 22, colProject: nameWidth, colOwner: 16, colTotal: 11, colPlan: 11,
		colLastCompleted: 14, colLastFunds: 14, colCompleted: 13, colFunds: 13, colNote: 30, colCorrection: 8} {
		col, _ := excelize.ColumnNumberToName(c + 1)
		do(f.SetColWidth(name, col, col, wd))
	}
	do(f.SetPanes(name, &excelize.Panes{Freeze: true, XSplit: colProject + 1, YSplit: rowFirst - 1,
		TopLeftCell: cellName(colProject+1, rowFirst), ActivePane: "bottomRight"}))
	do(printAcross(f, name))
	do(f.ProtectSheet(name, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true, Sort: true, AutoFilter: true,
	}))
	return errors.Join(errs...)
}

// printAcross prints a sheet on A4 across, all its columns on one page's
// width.
func printAcross(f *excelize.File, name string) error {
	landscape, a4, one, any := "landscape", 9, 1, 0
	fit := true
	return errors.Join(
		f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}),
		f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, Size: &a4, FitToWidth: &one, FitToHeight: &any}))
}

// nameWidth is the width of the name column, in Excel's units (about
// one Latin letter; a Chinese character takes two).
const nameWidth = 30

// textLines estimates the lines a text takes in a column of width w:
// Excel and WPS do not grow a row for wrapped text written by a program.
func textLines(s string, w int) int {
	n := 0
	for _, r := range s {
		if r < 0x1100 {
			n++
		} else {
			n += 2
		}
	}
	return max(1, (n+w-1)/w)
}

// lastFigure is a project's last figure reported on or before asOf,
// within asOf's year.
func lastFigure(s *dataset.Site, id string, asOf dataset.Date, of func(*dataset.Entry) dataset.Opt) (v exact.Dec, ok bool) {
	if asOf.IsZero() {
		return 0, false
	}
	for _, r := range s.Reports {
		if r.Date > asOf {
			break
		}
		if r.Date.Year() != asOf.Year() {
			continue
		}
		if e := r.Entry(id); e != nil && of(e).OK {
			v, ok = of(e).V, true
		}
	}
	return v, ok
}

// writeHelp writes the sheet that explains the columns.
func writeHelp(f *excelize.File, t func(string, ...any) string, unit, asOf string, year int, st *styles) error {
	name := t("dispatch.help_sheet")
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	rows := [][2]string{
		{t("dispatch.col.id"), t("dispatch.help.id")},
		{t("dispatch.col.name"), t("dispatch.help.name")},
		{t("dispatch.col.owner"), t("dispatch.help.owner")},
		{t("dispatch.col.total") + " / " + t("dispatch.col.plan", year), t("dispatch.help.total", unit)},
		{t("dispatch.col.last_completed") + " / " + t("dispatch.col.last_funds"), t("dispatch.help.last", asOf)},
		{t("dispatch.col.completed"), t("dispatch.help.completed", unit)},
		{t("dispatch.col.funds"), t("dispatch.help.funds", unit)},
		{t("dispatch.col.note"), t("dispatch.help.note")},
		{t("dispatch.col.correction"), t("dispatch.help.correction")},
		{t("dispatch.date_label"), t("dispatch.help.date")},
	}
	var errs []error
	do := func(err error) { errs = append(errs, err) }
	do(f.SetCellValue(name, "A1", t("dispatch.help_title")))
	do(f.SetCellStyle(name, "A1", "A1", st.title))
	do(f.SetSheetRow(name, "A3", &[]any{t("dispatch.help_column"), t("dispatch.help_what")}))
	do(f.SetCellStyle(name, "A3", "B3", st.header))
	for i, r := range rows {
		do(f.SetSheetRow(name, fmt.Sprintf("A%d", 4+i), &[]any{r[0], r[1]}))
		do(f.SetRowHeight(name, 4+i, float64(15*max(textLines(r[0], 30), textLines(r[1], 70)))))
	}
	last := fmt.Sprintf("A%d", 5+len(rows))
	do(f.SetCellValue(name, last, t("dispatch.help.return")))
	do(f.MergeCell(name, last, fmt.Sprintf("B%d", 5+len(rows))))
	do(f.SetRowHeight(name, 5+len(rows), float64(15*textLines(t("dispatch.help.return"), 100))))
	do(f.SetCellStyle(name, "A4", fmt.Sprintf("B%d", 3+len(rows)), st.fixed))
	do(f.SetCellStyle(name, last, last, st.fixed))
	do(f.SetColWidth(name, "A", "A", 30))
	do(f.SetColWidth(name, "B", "B", 70))
	do(printAcross(f, name))
	return errors.Join(errs...)
}
