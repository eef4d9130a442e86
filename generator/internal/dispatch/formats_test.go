package dispatch

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"gongjian/generator/internal/i18n"
)

// officeReport is what testdata/office.fods (an office's own table, in
// 万元, dated 2023-10-10 in a date cell) imports as.
const officeReport = `date = 2023-10-10

[projects.clinic]
completed = 0.2

[projects.plant]
completed = 0.95
note = "设备安装"

[projects.road]
completed = 1.8

[projects.school]
completed = 0.56

[projects.twin-a]
note = "前期手续"
`

// A workbook saved by another program than ours: LibreOffice Calc. Its
// file is committed (testdata/office.xlsx) so that the test runs where
// LibreOffice is not installed; where it is, the table is converted
// afresh from its source (testdata/office.fods), so that the test also
// follows the LibreOffice of the day, not only the one that saved the
// fixture.
func TestLibreOffice(t *testing.T) {
	files := map[string]string{"committed": "testdata/office.xlsx"}
	if soffice, err := exec.LookPath("soffice"); err == nil {
		out := t.TempDir()
		src, _ := filepath.Abs("testdata/office.fods")
		cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(out, "profile"),
			"--headless", "--convert-to", "xlsx", "--outdir", out, src)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to xlsx: %v\n%s", err, b)
		}
		files["converted now"] = filepath.Join(out, "office.xlsx")
	}
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	for name, path := range files {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// No --date: the table's own date cell says 2023-10-10.
			res, err := Import(os.DirFS(dir), s, 0, []Input{{Name: "office.xlsx", Data: data}})
			if err != nil {
				t.Fatalf("Import(%s): %s", path, errText(err, i18n.En))
			}
			if string(res.Text) != officeReport || res.Date.String() != "2023-10-10" {
				t.Errorf("Import(%s) = %s:\n%s\nwant 2023-10-10:\n%s", path, res.Date, res.Text, officeReport)
			}
		})
	}
}

// CSV as Excel and WPS save it: UTF-8 with or without a byte-order mark,
// or GB18030, CRLF line ends, a date in text, thousands separators.
func TestCSV(t *testing.T) {
	text := "调度日期,2023/10/10\r\n" +
		"序号,项目ID,项目名称,本年累计完成（万元）,形象进度,责任单位\r\n" +
		"1,school,第一中学,\"5,600\",,教育局\r\n" +
		"2,clinic,社区医院,2000,,教育局\r\n" +
		"3,plant,新材料工厂,9500.0,设备安装,发改局\r\n" +
		"4,road,东区主干道,18000,,发改局\r\n" +
		"5,twin-a,配套道路,,前期手续,发改局\r\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"utf-8", []byte(text)},
		{"utf-8 with bom", append([]byte("\ufeff"), text...)},
		{"gb18030", gb},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import(os.DirFS(dir), s, 0, []Input{{Name: "t.csv", Data: tt.data}})
			if err != nil {
				t.Fatalf("Import(%s): %s", tt.name, errText(err, i18n.En))
			}
			if string(res.Text) != officeReport {
				t.Errorf("Import(%s) =\n%s\nwant\n%s", tt.name, res.Text, officeReport)
			}
		})
	}
}

func TestCSVMistakes(t *testing.T) {
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"neither utf-8 nor gb18030", []byte("项目ID,本年累计完成\n\xff\xff\xff,1\n"),
			`t.csv: is neither UTF-8 nor GB18030 text (expected a CSV saved by Excel or WPS)`},
		{"utf-16", []byte("\xff\xfe1\x00"),
			`t.csv: is UTF-16 text (expected CSV: in Excel, save as “CSV UTF-8” or “CSV (comma delimited)”)`},
		{"a cell", []byte("项目ID,本年累计完成（亿元）\nroad,1.2亿元左右\n"),
			`t.csv!B2: "1.2亿元左右" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
		{"an amount with its unit", []byte("项目ID,本年累计完成（亿元）\nroad,1.23456亿\nplant,12345.6万元\n"),
			"t.csv!B2: \"1.23456亿\" has more than 4 digits after the point (expected an amount in 亿元 with at most 4, such as 1.2345)\n" +
				"t.csv!B3: 12345.6 万元 is 1.23456 亿元, more than 4 decimals (expected an amount in 亿元 with at most 4 digits after the point)"},
		{"a bad date", []byte("调度日期,十月上旬\n项目ID,本年累计完成\nroad,1.6\n"),
			`t.csv!B1: "十月上旬" is not a date (expected a date such as 2023-09-30 or 2023年9月30日)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import(os.DirFS(dir), s, date(t, "2023-10-10"), []Input{{Name: "t.csv", Data: tt.data}})
			if got := errText(err, i18n.En); got != tt.want || res != nil {
				t.Errorf("Import(%q) =\n%s\nwant\n%s", tt.data, got, tt.want)
			}
		})
	}
}
