package dispatch

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"gongjian/generator/internal/dataset"
)

// What a clerk gets: a sheet per department, pre-filled, the units in the
// header, validated number cells, locked ids, the explanation last.
func TestTemplate(t *testing.T) {
	s := loadSite(t, testSite)
	data := template(t, s, TemplateOptions{})
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, want := strings.Join(f.GetSheetList(), " "), "发改局 教育局 填表说明"; got != want {
		t.Errorf("sheets = %s; want %s", got, want)
	}
	cells := []struct{ cell, want string }{
		{"A1", "调度测试攻坚调度表（发改局）"},
		{"A2", "调度日期"},
		{"B3", "项目ID"},
		{"E3", "总投资（亿元）"},
		{"F3", "2023年计划投资（亿元）"},
		{"G3", "上期本年累计完成（2023-09-30，亿元）"},
		{"I3", "本期填报"},
		{"I4", "本年累计完成（亿元）"},
		{"J4", "本年到位资金（亿元）"},
		{"L4", "更正"},
		{"B5", "plant"}, {"C5", "新材料工厂"}, {"D5", "发改局"}, {"G5", "0.8"}, {"H5", "0.5"}, {"I5", ""},
		{"B6", "road"}, {"E6", "10"}, {"F6", "2"}, {"G6", "1.5"},
		{"B7", "twin-a"}, {"B8", "twin-b"}, {"B9", ""}, // depot is a reserve project: not dispatched
	}
	for _, c := range cells {
		if got, _ := f.GetCellValue("发改局", c.cell, excelize.Options{RawCellValue: true}); got != c.want {
			t.Errorf("发改局!%s = %q; want %q", c.cell, got, c.want)
		}
	}

	locked := func(cell string) bool {
		id, err := f.GetCellStyle("发改局", cell)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return st.Protection == nil || st.Protection.Locked
	}
	for cell, want := range map[string]bool{"B5": true, "C5": true, "G5": true, "I5": false, "J5": false, "K5": false, "L5": false, "C2": false} {
		if got := locked(cell); got != want {
			t.Errorf("发改局!%s locked = %v; want %v", cell, got, want)
		}
	}
	dvs, err := f.GetDataValidations("发改局")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, dv := range dvs {
		got = append(got, dv.Sqref+" "+dv.Type)
	}
	if want := "I5:J8 decimal,L5:L8 list"; strings.Join(got, ",") != want {
		t.Errorf("data validations = %s; want %s", strings.Join(got, ","), want)
	}
	if !sheetXMLHas(t, data, "xl/worksheets/sheet1.xml", "<sheetProtection") {
		t.Error("sheet 发改局 is not protected")
	}

	// One department, and figures as of an earlier report.
	one := template(t, s, TemplateOptions{Owner: "jiaoyu", AsOf: dataset.NewDate(2023, 9, 1)})
	g, err := excelize.OpenReader(bytes.NewReader(one))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	if got := strings.Join(g.GetSheetList(), " "); got != "教育局 填表说明" {
		t.Errorf("--owner jiaoyu: sheets = %s; want 教育局 填表说明", got)
	}
	if got, _ := g.GetCellValue("教育局", "G6", excelize.Options{RawCellValue: true}); got != "0.6" {
		t.Errorf("--as-of 2023-09-01: school's last figure = %q; want 0.6 (2023-08-31)", got)
	}

	for _, tt := range []struct {
		owner string
		want  error
	}{{"nobody", ErrUnknownOwner}, {"", nil}} {
		var w bytes.Buffer
		if _, err := WriteTemplate(&w, s, TemplateOptions{Owner: tt.owner}); err != tt.want {
			t.Errorf("WriteTemplate(owner %q) = %v; want %v", tt.owner, err, tt.want)
		}
	}
}

func sheetXMLHas(t *testing.T, data []byte, name, s string) bool {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			return bytes.Contains(b, []byte(s))
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return false
}
