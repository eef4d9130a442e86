package dispatch

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// MaxInputBytes bounds a file Import reads: a filled dispatch table of a
// thousand projects is well under a megabyte.
const MaxInputBytes = 64 << 20

// unzipLimit bounds what a workbook may unpack to, so that a zip bomb is
// an error instead of a machine out of memory.
const unzipLimit = 512 << 20

// Input is one filled table: its name as the user gave it (it starts
// every message about it) and its bytes.
type Input struct {
	Name string
	Data []byte
}

// ReadInput reads a file for Import, up to MaxInputBytes.
func ReadInput(path string) (Input, *dataset.Error) {
	in := Input{Name: filepath.ToSlash(path)}
	f, err := os.Open(path)
	if err != nil {
		return in, fileProblem(in.Name, "dispatch.cannot_read", sysErr(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return in, fileProblem(in.Name, "dispatch.file_kind")
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxInputBytes+1))
	if err != nil {
		return in, fileProblem(in.Name, "dispatch.cannot_read", sysErr(err))
	}
	if len(b) > MaxInputBytes {
		return in, fileProblem(in.Name, "dispatch.too_large", MaxInputBytes>>20)
	}
	in.Data = b
	return in, nil
}

// sysErr is a file system error's own words, without the path that every
// message starts with anyway.
func sysErr(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err.Error()
}

// kind is how a cell was typed in the spreadsheet.
type kind uint8

const (
	kindText   kind = iota // text, or anything from a CSV file
	kindNumber             // a number (dates are numbers too)
	kindBool               // TRUE / FALSE
	kindError              // #DIV/0!, #REF! …
)

type cell struct {
	text string // the value as stored (numbers unformatted)
	kind kind
}

// span is a merged range, 0-based and inclusive.
type span struct{ r0, c0, r1, c1 int }

// sheet is one table to read: a worksheet, or a CSV file.
type sheet struct {
	file     string // as the user named it
	name     string // the worksheet's name; "" for CSV
	index    int    // the worksheet's position in its workbook
	rows     [][]cell
	merges   []span
	date1904 bool // the workbook counts days from 1904 (old Mac Excel)
}

// ref names cell (r, c) (0-based) as messages do: file.xlsx!Sheet!C12,
// or file.csv!C12.
func (s *sheet) ref(r, c int) string {
	name, err := excelize.CoordinatesToCellName(c+1, r+1)
	if err != nil {
		name = fmt.Sprintf("R%dC%d", r+1, c+1)
	}
	return s.where() + "!" + name
}

// where names the sheet: file.xlsx!Sheet, or file.csv.
func (s *sheet) where() string {
	if s.name == "" {
		return s.file
	}
	return s.file + "!" + s.name
}

// at is the cell at (r, c) as stored; merged cells other than a range's
// first are empty.
func (s *sheet) at(r, c int) cell {
	if r < 0 || r >= len(s.rows) || c < 0 || c >= len(s.rows[r]) {
		return cell{}
	}
	return s.rows[r][c]
}

// merged is the cell at (r, c) with merged ranges expanded: every cell of
// a range has the value of its first.
func (s *sheet) merged(r, c int) cell {
	for _, m := range s.merges {
		if r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 {
			return s.at(m.r0, m.c0)
		}
	}
	return s.at(r, c)
}

// width is the number of columns of the widest row.
func (s *sheet) width() int {
	w := 0
	for _, r := range s.rows {
		w = max(w, len(r))
	}
	return w
}

// readSheets reads a workbook or a CSV file into sheets.
func readSheets(in Input) ([]*sheet, *dataset.Error) {
	switch {
	case bytes.HasPrefix(in.Data, []byte("PK\x03\x04")):
		return readWorkbook(in)
	case bytes.HasPrefix(in.Data, []byte("\xd0\xcf\x11\xe0")): // .xls, .et: the old binary formats
		return nil, fileProblem(in.Name, "dispatch.file_kind")
	}
	switch strings.ToLower(filepath.Ext(in.Name)) {
	case ".csv", ".txt":
		s, p := readCSV(in)
		if p != nil {
			return nil, p
		}
		return []*sheet{s}, nil
	}
	return nil, fileProblem(in.Name, "dispatch.file_kind")
}

// readWorkbook reads every worksheet of an .xlsx file. excelize is a
// library of many parts reading a hostile zip: a panic in it is an error
// about this file, not the end of the run.
func readWorkbook(in Input) (sheets []*sheet, p *dataset.Error) {
	defer func() {
		if r := recover(); r != nil {
			sheets, p = nil, fileProblem(in.Name, "dispatch.not_xlsx", fmt.Sprint(r))
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(in.Data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipLimit / 4})
	if err != nil {
		return nil, fileProblem(in.Name, "dispatch.not_xlsx", err.Error())
	}
	defer f.Close()
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	for i, name := range f.GetSheetList() {
		s := &sheet{file: in.Name, name: name, index: i, date1904: date1904}
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, fileProblem(s.where(), "dispatch.not_xlsx", err.Error())
		}
		s.rows = make([][]cell, len(rows))
		for r, row := range rows {
			cells := make([]cell, len(row))
			for c, v := range row {
				cells[c] = cell{text: v, kind: kindText}
				if v != "" && (v[0] == '#' || isFloat(v)) {
					// Only such texts can be something else than text;
					// asking every cell's type would cost a lookup each.
					ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
					cells[c].kind = cellKind(f, name, ref)
				}
			}
			s.rows[r] = cells
		}
		ms, err := f.GetMergeCells(name, true)
		if err != nil {
			return nil, fileProblem(s.where(), "dispatch.not_xlsx", err.Error())
		}
		for _, m := range ms {
			c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
			c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
			if err1 == nil && err2 == nil {
				s.merges = append(s.merges, span{r0 - 1, c0 - 1, r1 - 1, c1 - 1})
			}
		}
		sheets = append(sheets, s)
	}
	if len(sheets) == 0 {
		return nil, fileProblem(in.Name, "dispatch.not_xlsx", "no worksheet")
	}
	return sheets, nil
}

func isFloat(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// cellKind asks the workbook how a cell was typed. A cell without a type
// attribute is a number, as the format says.
func cellKind(f *excelize.File, sheet, ref string) kind {
	t, err := f.GetCellType(sheet, ref)
	if err != nil {
		return kindText
	}
	switch t {
	case excelize.CellTypeUnset, excelize.CellTypeNumber, excelize.CellTypeDate:
		return kindNumber
	case excelize.CellTypeBool:
		return kindBool
	case excelize.CellTypeError:
		return kindError
	}
	return kindText
}

// readCSV reads a CSV file: UTF-8 with or without a byte-order mark, or
// GB18030 (what Excel and WPS on a Chinese Windows save as "CSV"). Text
// that is valid UTF-8 is taken as UTF-8: GB18030 Chinese text almost
// never is.
func readCSV(in Input) (*sheet, *dataset.Error) {
	data := in.Data
	switch {
	case bytes.HasPrefix(data, []byte("\xef\xbb\xbf")):
		data = data[3:]
	case bytes.HasPrefix(data, []byte("\xff\xfe")), bytes.HasPrefix(data, []byte("\xfe\xff")):
		return nil, fileProblem(in.Name, "dispatch.csv_utf16")
	}
	if !utf8.Valid(data) {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil || bytes.ContainsRune(dec, utf8.RuneError) {
			return nil, fileProblem(in.Name, "dispatch.csv_encoding")
		}
		data = dec
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	s := &sheet{file: in.Name}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &dataset.Error{Path: in.Name, Line: pe.Line, Msg: i18n.M("dispatch.csv_syntax", pe.Err.Error())}
			}
			return nil, fileProblem(in.Name, "dispatch.csv_syntax", err.Error())
		}
		cells := make([]cell, len(rec))
		for i, v := range rec {
			cells[i] = cell{text: v}
		}
		s.rows = append(s.rows, cells)
	}
	return s, nil
}
