package dispatch

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/metrics"
)

// testSite is the site every test imports into (testdata/site).
const testSite = "testdata/site"

// copySite copies testdata/site into a fresh directory, with files
// added or replaced (path → text), and returns it.
func copySite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(testSite)); err != nil {
		t.Fatal(err)
	}
	for p, text := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadSite(t testing.TB, dir string) *dataset.Site {
	t.Helper()
	s, err := dataset.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("dataset.Load(%s): %v", dir, err)
	}
	return s
}

// metricsJSON is metrics.json of the site in dir as of its latest report.
func metricsJSON(t testing.TB, dir string) string {
	t.Helper()
	s := loadSite(t, dir)
	e := metrics.NewEngine(s)
	var b bytes.Buffer
	if err := metrics.WriteJSON(&b, e.At(e.Latest())); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// template writes the workbook for the site in dir.
func template(t testing.TB, s *dataset.Site, o TemplateOptions) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := WriteTemplate(&b, s, o); err != nil {
		t.Fatalf("WriteTemplate: %v", err)
	}
	return b.Bytes()
}

// fill is what a clerk types into one project's row of the template:
// the cells of 本年累计完成, 本年到位资金, 形象进度 and 更正 (nil: left
// empty). A string is typed as text, a float64 as a number.
type fill [4]any

// fillTemplate fills a template's rows by project id, as a clerk would
// in Excel, and saves it.
func fillTemplate(t testing.TB, book []byte, rows map[string]fill, date any) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	done := map[string]bool{}
	for _, sh := range f.GetSheetList() {
		rs, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		if date != nil && len(rs) > 2 {
			if err := f.SetCellValue(sh, cellName(colDate, rowDate), date); err != nil {
				t.Fatal(err)
			}
		}
		for r, row := range rs {
			if len(row) <= colID || r+1 < rowFirst {
				continue
			}
			v, ok := rows[row[colID]]
			if !ok {
				continue
			}
			done[row[colID]] = true
			for i, x := range v {
				if x == nil {
					continue
				}
				if err := f.SetCellValue(sh, cellName(colCompleted+i, r+1), x); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for id := range rows {
		if !done[id] {
			t.Fatalf("fillTemplate: no row for %s", id)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// book writes a workbook of plain sheets (name → rows, top first) with
// merged ranges ("A3:A4"), as an office's own table would be.
func book(t testing.TB, sheets []sheetSpec) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sp := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sp.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(sp.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sp.rows {
			row := row
			if err := f.SetSheetRow(sp.name, cellName(0, r+1), &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range sp.merges {
			a, b, _ := strings.Cut(m, ":")
			if err := f.MergeCell(sp.name, a, b); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

type sheetSpec struct {
	name   string
	rows   [][]any
	merges []string
}

// errText words an Import error in l, one problem a line.
func errText(err error, l i18n.Lang) string {
	if el, ok := err.(dataset.ErrorList); ok {
		return el.Text(l)
	}
	if err == nil {
		return ""
	}
	return err.Error()
}

func date(t testing.TB, s string) dataset.Date {
	t.Helper()
	d, err := dataset.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
