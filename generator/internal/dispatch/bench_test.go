package dispatch

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/synth"
)

// dispatch291 is a synthetic campaign of 291 projects (the issue's
// office) with reports to September, and its template filled for
// 2023-10-10: every project's figure up by 0.05 and a note.
func dispatch291(b *testing.B) (dir string, s *dataset.Site, filled []byte) {
	b.Helper()
	dir = filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, synth.Options{Projects: 291, Regions: 10, Departments: 12, Monthly: 9, Dekadal: -1}); err != nil {
		b.Fatal(err)
	}
	s = loadSite(b, dir)
	var tpl bytes.Buffer
	info, err := WriteTemplate(&tpl, s, TemplateOptions{})
	if err != nil {
		b.Fatal(err)
	}
	rows := map[string]fill{}
	for _, p := range s.Projects {
		if p.Reserve {
			continue
		}
		last, _ := lastFigure(s, p.ID, info.AsOf, func(e *dataset.Entry) dataset.Opt { return e.Completed })
		rows[p.ID] = fill{(last + 500).Float64(), nil, "按计划推进", nil}
	}
	return dir, s, fillTemplate(b, tpl.Bytes(), rows, nil)
}

// BenchmarkImport291 is `generator import` on a filled 291-project
// dispatch: reading the workbook, checking, merging and loading the site
// with the new report.
func BenchmarkImport291(b *testing.B) {
	dir, s, filled := dispatch291(b)
	fsys := os.DirFS(dir)
	b.ResetTimer()
	for b.Loop() {
		res, err := Import(fsys, s, dataset.NewDate(2023, 10, 10), []Input{{Name: "filled.xlsx", Data: filled}})
		if err != nil {
			b.Fatal(errText(err, "en"))
		}
		if res.Projects < 200 {
			b.Fatalf("Import read %d projects", res.Projects)
		}
	}
}

// BenchmarkTemplate291 is `generator template` for the same office.
func BenchmarkTemplate291(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "site")
	if err := synth.Write(dir, synth.Options{Projects: 291, Regions: 10, Departments: 12, Monthly: 9, Dekadal: -1}); err != nil {
		b.Fatal(err)
	}
	s := loadSite(b, dir)
	b.ResetTimer()
	for b.Loop() {
		var w bytes.Buffer
		if _, err := WriteTemplate(&w, s, TemplateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
