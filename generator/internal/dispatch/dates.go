package dispatch

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// A table may state its dispatch date above its header, in any form Excel
// stores one: a date cell (a serial number of days) beside a label such as
// 调度日期, or text — 2023年9月30日, 2023-09-30, 2023/9/30, 2023.9.30 —
// alone or in a title (兴庆区重点项目调度表（截至2023年9月30日）).

// textDates find a date written in text, each form with its own
// separators throughout (2023年1-9月 is no date).
var textDates = []*regexp.Regexp{
	regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]`),
	regexp.MustCompile(`(\d{4})/(\d{1,2})/(\d{1,2})(?:\D|$)`),
	regexp.MustCompile(`(\d{4})\.(\d{1,2})\.(\d{1,2})(?:\D|$)`),
	regexp.MustCompile(`(\d{4})-(\d{1,2})-(\d{1,2})(?:\D|$)`),
}

// dateLabels are the labels of a cell that holds the dispatch date.
var dateLabels = []string{"调度日期", "調度日期", "填报日期", "填報日期", "报表日期", "報表日期", "截至日期", "截止日期", "dispatchdate"}

// isDateLabel reports whether a cell's text labels the date beside it.
func isDateLabel(text string) bool {
	n := normHeader(strings.TrimRight(strings.TrimSpace(text), ":："))
	for _, l := range dateLabels {
		if n == l {
			return true
		}
	}
	return false
}

// dateInText is the one date a text holds.
func dateInText(s string) (dataset.Date, bool) {
	s = width.Narrow.String(s)
	var ms [][]string
	for _, re := range textDates {
		ms = append(ms, re.FindAllStringSubmatch(s, 2)...)
	}
	if len(ms) != 1 {
		return 0, false
	}
	y, _ := strconv.Atoi(ms[0][1])
	m, _ := strconv.Atoi(ms[0][2])
	d, _ := strconv.Atoi(ms[0][3])
	return validDate(y, m, d)
}

func validDate(y, m, d int) (dataset.Date, bool) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return 0, false
	}
	date := dataset.NewDate(y, time.Month(m), d)
	if date.Day() != d {
		return 0, false // 2023-02-30
	}
	return date, true
}

// serialDate is the date of an Excel serial number: days since
// 1899-12-30 (Excel counts a 29 February 1900 that never was, so serials
// before 61 are one day off), or since 1904-01-01 in a 1904 workbook. A
// time of day after the point is dropped.
func serialDate(text string, date1904 bool) (dataset.Date, bool) {
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsNaN(f) || f < 1 || f > 200000 {
		return 0, false
	}
	n := int(math.Floor(f))
	var d dataset.Date
	switch {
	case date1904:
		d = dataset.NewDate(1904, 1, 1).AddDays(n)
	case n == 60:
		return 0, false // 1900-02-29
	case n < 60:
		d = dataset.NewDate(1899, 12, 31).AddDays(n)
	default:
		d = dataset.NewDate(1899, 12, 30).AddDays(n)
	}
	if d.Year() < 1900 || d.Year() > 2200 {
		return 0, false
	}
	return d, true
}

// cellDate reads a cell that should hold a date.
func cellDate(c cell, date1904 bool) (dataset.Date, bool) {
	switch c.kind {
	case kindNumber:
		return serialDate(c.text, date1904)
	case kindText:
		return dateInText(c.text)
	}
	return 0, false
}

// findDate looks above the header for the table's date: a cell beside a
// date label (which must then be a date), or the one date the texts there
// hold. Several different dates in titles state none.
func (t *table) findDate(ps *problems, order int) {
	s := t.s
	var found []dataset.Date
	var at [][2]int
	for r := 0; r < t.top; r++ {
		for c := range s.rows[r] {
			x := s.at(r, c)
			if trimCell(x.text) == "" {
				continue
			}
			if c > 0 && isDateLabel(s.merged(r, c-1).text) {
				d, ok := cellDate(x, s.date1904)
				if !ok {
					ps.add(order, s, r, c, "dispatch.bad_date", i18n.Quoted(trimCell(x.text)))
					continue
				}
				t.date, t.dateAt = d, [2]int{r, c}
				return
			}
			if x.kind == kindText {
				if d, ok := dateInText(x.text); ok {
					found = append(found, d)
					at = append(at, [2]int{r, c})
				}
			}
		}
	}
	for _, d := range found {
		if d != found[0] {
			return
		}
	}
	if len(found) > 0 {
		t.date, t.dateAt = found[0], at[0]
	}
}
