package dispatch

import (
	"os"
	"strings"
	"testing"
	"time"

	"gongjian/generator/internal/i18n"
)

// officeHeader is the header of an office's own table: two levels, the
// figures in 万元 under one merged group cell.
var officeHeader = [][]any{
	{"调度表（单位：万元）"},
	{"序号", "项目ID", "项目名称", "2023年", nil, "形象进度", "责任单位"},
	{nil, nil, nil, "年度计划", "1-9月完成", nil, nil},
}

var officeMerges = []string{"A1:G1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:F3", "G2:G3"}

func office(name string, rows ...[]any) sheetSpec {
	return sheetSpec{name: name, rows: append(append([][]any{}, officeHeader...), rows...), merges: officeMerges}
}

// Every mistake of the issue gets its file!Sheet!Cell and what was
// expected; nothing comes back to write.
func TestMistakes(t *testing.T) {
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	tpl := template(t, s, TemplateOptions{})
	sept30 := time.Date(2023, 9, 30, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"text in a number cell", fillTemplate(t, tpl, map[string]fill{"road": {"约1.2亿", nil, nil, nil}}, nil),
			`t.xlsx!发改局!I6: "约1.2亿" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
		{"a percentage", fillTemplate(t, tpl, map[string]fill{"plant": {"85%", nil, nil, nil}}, nil),
			`t.xlsx!发改局!I5: "85%" is a percentage (expected an amount in 亿元, such as 1.25)`},
		{"went down", fillTemplate(t, tpl, map[string]fill{"road": {1.2, nil, nil, nil}}, nil),
			`t.xlsx!发改局!I6: completed this year went down from 1.5 (report 2023-09-30) to 1.2 (expected a year-to-date figure ≥ 1.5, or 是 in the 更正 column if the earlier figure was wrong)`},
		{"funds went down", fillTemplate(t, tpl, map[string]fill{"plant": {nil, 0.45, nil, nil}}, nil),
			`t.xlsx!发改局!J5: funds arrived went down from 0.5 (report 2023-09-30) to 0.45 (expected a year-to-date figure ≥ 0.5, or 是 in the 更正 column if the earlier figure was wrong)`},
		{"not yes or no", fillTemplate(t, tpl, map[string]fill{"road": {1.2, nil, nil, "也许"}}, nil),
			`t.xlsx!发改局!L6: "也许" is not yes or no (expected 是 or 否, or an empty cell)`},
		{"dated otherwise", fillTemplate(t, tpl, map[string]fill{"road": {1.6, nil, nil, nil}}, sept30),
			"t.xlsx!发改局!C2: the table is dated 2023-09-30, but --date is 2023-10-10 (expected the same date: is this the right table?)\n" +
				"t.xlsx!教育局!C2: the table is dated 2023-09-30, but --date is 2023-10-10 (expected the same date: is this the right table?)"},
		{"another unit's project", book(t, []sheetSpec{office("教育局",
			[]any{1, "school", "第一中学", 12000, 9000, "主体", "教育局"},
			[]any{2, "road", "东区主干道", 20000, 18000, nil, nil})}),
			`t.xlsx!教育局!B5: project road belongs to 发改局, not 教育局 (expected it on its own department's sheet)`},
		{"owner column says another unit", book(t, []sheetSpec{office("Sheet1",
			[]any{1, "school", "第一中学", 12000, 9000, "主体", "发改局"})}),
			`t.xlsx!Sheet1!G4: project school belongs to 教育局, not 发改局 (expected it on its own department's sheet)`},
		{"two rows for one project", book(t, []sheetSpec{office("教育局",
			[]any{1, "school", "第一中学", 12000, 9000},
			[]any{2, "clinic", "社区医院", 8000, 5000},
			[]any{3, "school", "第一中学", 12000, 9100})}),
			`t.xlsx!教育局!B6: a second row for project school; the first is t.xlsx!教育局!B4 (expected one row per project)`},
		{"a blank id", book(t, []sheetSpec{office("教育局",
			[]any{1, nil, "第一中学", 12000, 9000},
			[]any{2, nil, "未列入项目", 100, 50})}),
			"t.xlsx!教育局!B4: the project ID is blank (expected the project's id: school for \"第一中学\")\n" +
				"t.xlsx!教育局!B5: the project ID is blank (expected the project's id)"},
		{"an unknown id", book(t, []sheetSpec{office("教育局",
			[]any{1, "第一中学", "第一中学", 12000, 9000},
			[]any{2, "schol", "第一中学", 12000, 9000})}),
			"t.xlsx!教育局!B4: \"第一中学\" is not a project's id (expected the id of a project in content/projects/; did you mean school?)\n" +
				"t.xlsx!教育局!B5: \"schol\" is not a project's id (expected the id of a project in content/projects/)"},
		{"more than 4 decimals in 亿元", book(t, []sheetSpec{office("教育局",
			[]any{1, "school", "第一中学", 12000, 9000.12345})}),
			`t.xlsx!教育局!E4: 9000.12345 万元 is 0.900012345 亿元, more than 4 decimals (expected an amount in 亿元 with at most 4 digits after the point)`},
		{"below zero", book(t, []sheetSpec{office("教育局",
			[]any{1, "school", "第一中学", 12000, -5})}),
			`t.xlsx!教育局!E4: "-5" is below zero (expected an amount ≥ 0)`},
		{"unknown department", book(t, []sheetSpec{office("Sheet1",
			[]any{1, "school", "第一中学", 12000, 9000, nil, "区教育局"})}),
			`t.xlsx!Sheet1!G4: "区教育局" is not a department (expected a department's name or id, as in content/departments/)`},
		{"no id column, unknown and ambiguous names", book(t, []sheetSpec{{name: "Sheet1", rows: [][]any{
			{"项目名称", "本年累计完成（亿元）"},
			{"第一中学", 0.9},
			{"第一中学（二期）", 0.1},
			{"配套道路", 0.2},
			{"合计", 1.2},
		}}}),
			"t.xlsx!Sheet1!A3: no project is named \"第一中学（二期）\" (expected a project's exact name as in content/projects/, or a project ID column)\n" +
				"t.xlsx!Sheet1!A4: \"配套道路\" is the name of several projects: twin-a, twin-b (expected a project ID column to tell them apart)"},
		{"no table", book(t, []sheetSpec{{name: "Sheet1", rows: [][]any{{"兴庆区项目调度"}, {"序号", "名单"}}}}),
			`t.xlsx: no sheet has a dispatch table (expected a header row with a project ID or 项目名称 column and a 本年累计完成, 到位资金 or 形象进度 column, or [import] columns in site.toml)`},
		{"nothing filled", tpl,
			`t.xlsx: no figure is filled in (expected at least one row with 本年累计完成, 到位资金 or 形象进度)`},
		{"not a workbook", []byte("PK\x03\x04 but not a zip"),
			`t.xlsx: is not an Excel workbook: zip: not a valid zip file (expected an .xlsx file saved by Excel, WPS or LibreOffice)`},
		{"an old binary workbook", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
			`t.xlsx: is not a file import can read (expected .xlsx, or .csv; save .xls and .et workbooks as .xlsx first)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Import(os.DirFS(dir), s, date(t, "2023-10-10"), []Input{{Name: "t.xlsx", Data: tt.data}})
			if got := errText(err, i18n.En); got != tt.want || res != nil {
				t.Errorf("Import(%s) = %v,\n%s\nwant nil,\n%s", tt.name, res != nil, got, tt.want)
			}
		})
	}
}

// The same problems in the site's language: Chinese for this site, with
// the user's text in Chinese quotes.
func TestMistakesInChinese(t *testing.T) {
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	data := fillTemplate(t, template(t, s, TemplateOptions{}), map[string]fill{
		"road":   {"约1.2亿", nil, nil, nil},
		"school": {0.5, nil, nil, nil},
	}, nil)
	_, err := Import(os.DirFS(dir), s, date(t, "2023-10-10"), []Input{{Name: "调度表.xlsx", Data: data}})
	want := strings.Join([]string{
		"调度表.xlsx!发改局!I6: “约1.2亿” 不是金额（应只填数字，单位亿元，如 1.25）",
		"调度表.xlsx!教育局!I6: 本年累计完成 从 0.55（2023-09-30 调度）降到 0.5（本年累计数应 ≥ 0.55；若上期数字有误，在“更正”列填“是”）",
	}, "\n")
	if got := errText(err, i18n.ZhHans); got != want {
		t.Errorf("Import in zh-Hans =\n%s\nwant\n%s", got, want)
	}
}

// An office's own table read through site.toml's [import]: which sheets,
// how many header rows, which header means which field, the unit.
func TestImportMap(t *testing.T) {
	base, err := os.ReadFile(testSite + "/site.toml")
	if err != nil {
		t.Fatal(err)
	}
	dir := copySite(t, map[string]string{"site.toml": string(base) + `
[import]
sheets = ["调度"]
header_rows = 2
unit = "万元"

[import.columns]
"项目" = "name"
"本月/累计" = "completed"
"备注" = "note"
"形象进度" = "ignore"
`})
	s := loadSite(t, dir)
	data := book(t, []sheetSpec{
		{name: "封面", rows: [][]any{{"项目", "本月累计"}, {"第一中学", 1}}}, // not in sheets: not read
		{name: "调度", rows: [][]any{
			{"重点项目推进情况（截至2023年10月10日）"},
			{"项目", "本月", nil, "备注", "形象进度"},
			{nil, "新开工", "累计", nil, nil},
			{"第一中学", nil, 5600, "主体施工", "不导入"},
			{"社区医院", nil, "2,000"},
		}, merges: []string{"A2:A3", "B2:C2", "D2:D3", "E2:E3"}},
	})
	res, err := Import(os.DirFS(dir), s, 0, []Input{{Name: "t.xlsx", Data: data}})
	if err != nil {
		t.Fatalf("Import: %s", errText(err, i18n.En))
	}
	want := "date = 2023-10-10\n\n[projects.clinic]\ncompleted = 0.2\n\n[projects.school]\ncompleted = 0.56\nnote = \"主体施工\"\n"
	if string(res.Text) != want {
		t.Errorf("Import with [import] =\n%s\nwant\n%s", res.Text, want)
	}

	// Two tables of different dispatches, and a sheet [import] names
	// that is not there.
	other := book(t, []sheetSpec{{name: "调度", rows: [][]any{
		{"截至2023年9月30日"}, {"项目", "本月"}, {nil, "累计"}, {"社区医院", 2000},
	}, merges: []string{"A2:A3"}}})
	missing := book(t, []sheetSpec{{name: "Sheet1", rows: [][]any{{"项目", "累计"}}}})
	_, err = Import(os.DirFS(dir), s, 0, []Input{{Name: "a.xlsx", Data: data}, {Name: "b.xlsx", Data: other}, {Name: "c.xlsx", Data: missing}})
	wantErr := "b.xlsx!调度!A1: the table is dated 2023-09-30, but a.xlsx!调度!A1 is dated 2023-10-10 (expected the tables of one dispatch)\n" +
		"b.xlsx!调度!A4: a second row for project clinic; the first is a.xlsx!调度!A5 (expected one row per project)\n" +
		"c.xlsx: has no sheet \"调度\", which site.toml [import] sheets names (expected one of: Sheet1)"
	if got := errText(err, i18n.En); got != wantErr {
		t.Errorf("Import(a, b, c) =\n%s\nwant\n%s", got, wantErr)
	}
}
