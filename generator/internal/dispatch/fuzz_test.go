package dispatch

import (
	"os"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/tomldoc"
)

// An amount read in 万元 is the same amount as read in 亿元 and shown in
// 万元: converting only moves the point. No text panics or gives a
// negative amount.
func FuzzAmount(f *testing.F) {
	for _, s := range []string{"1.25", "１.２", "1,234.5", "1.2亿", "约1.2亿", "15%", "-0", "0.30000000000000004", "1e3", "3000万元", ".5", "5000元"} {
		f.Add(s, uint8(kindText))
		f.Add(s, uint8(kindNumber))
	}
	f.Fuzz(func(t *testing.T, text string, k uint8) {
		c := cell{text: text, kind: kind(k % 4)}
		inWan, m1 := amount(c, wan, wan)
		inYi, m2 := amount(c, wan, yi)
		if m1 == nil && inWan < 0 || m2 == nil && inYi < 0 {
			t.Fatalf("amount(%q) is negative: %s, %s", text, inWan, inYi)
		}
		if m1 == nil && m2 == nil && inWan != inYi*exact.Scale {
			t.Fatalf("amount(%q) = %s 万元 but %s 亿元", text, inWan, inYi)
		}
		if m1 != nil && m2 == nil && m1.Key != "dispatch.too_big" { // 10^10 万元 is too large, 10^6 亿元 is not
			t.Fatalf("amount(%q) is no amount in 万元 (%s) but %s 亿元", text, m1, inYi)
		}
	})
}

// Any CSV file: Import never panics, and what it accepts loads with the
// site (Import checks that) and holds a line for every project it counts.
func FuzzImportCSV(f *testing.F) {
	dir := copySite(f, nil)
	s := loadSite(f, dir)
	fsys := os.DirFS(dir)
	f.Add([]byte("项目ID,本年累计完成（万元）,形象进度\nroad,16000,路面\nschool,\"5,600\",\n"))
	f.Add([]byte("调度日期,2023年10月10日\n项目名称,1-9月完成,责任单位\n第一中学,0.7,教育局\n合计,0.7,\n"))
	f.Add([]byte("项目ID,本年累计完成\nroad,约1.2亿\nroad,1.6\n,2\n"))
	f.Add([]byte("\ufeff项目ID,更正,本年累计完成\nschool,是,0.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Import(fsys, s, dataset.NewDate(2023, 10, 10), []Input{{Name: "f.csv", Data: data}})
		if err != nil {
			return
		}
		if n := strings.Count(string(res.Text), "[projects."); n != res.Projects {
			t.Fatalf("Import(%q) counts %d projects but writes %d tables:\n%s", data, res.Projects, n, res.Text)
		}
	})
}

// Any report text the loader could have accepted: merging either says
// why it cannot or writes the figure and the note where a decoder finds
// them, everything else as it was (merge checks that too).
func FuzzMerge(f *testing.F) {
	f.Add("date = 2023-09-30\n[projects.road]\ncompleted = 1.5 # x\nnote = \"a\"\n", "路面 #1")
	f.Add("date = 2023-09-30\r\n[projects.road]\r\nnote = '''\r\nx'''\r\n", "\"\\")
	f.Add("date = 2023-09-30\n[projects]\nroad = { completed = 1.0 }\n", "x")
	f.Add("date = 2023-09-30\n[projects.road]\n\"note\"=\"\"\n[projects.road.x]\n", "\n\t")
	f.Fuzz(func(t *testing.T, old, note string) {
		if _, err := tomldoc.Parse(old, tomldoc.Options{}); err != nil {
			return
		}
		d, _ := exact.ParseString("1.6")
		e := &entry{id: "road", completed: dataset.Some(d), note: note, hasNote: true}
		out, _, err := merge("r.toml", []byte(old), dataset.NewDate(2023, 9, 30), []*entry{e})
		if err != nil {
			return
		}
		doc, err := tomldoc.Parse(string(out), tomldoc.Options{})
		if err != nil {
			t.Fatalf("merge(%q) wrote text that does not decode: %v\n%s", old, err, out)
		}
		road := doc.Root["projects"].(map[string]any)["road"].(map[string]any)
		if !equalValue(road["completed"], 1.6) || road["note"] != note {
			t.Fatalf("merge(%q) wrote completed %v, note %q; want 1.6, %q", old, road["completed"], road["note"], note)
		}
	})
}

// Any bytes as a workbook: an error, never a panic.
func FuzzReadSheets(f *testing.F) {
	if b, err := os.ReadFile("testdata/office.xlsx"); err == nil {
		f.Add(b)
	}
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("\xd0\xcf\x11\xe0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		sheets, p := readSheets(Input{Name: "f.xlsx", Data: data})
		if p == nil && len(sheets) == 0 {
			t.Fatalf("readSheets(%q) read no sheet and said nothing", data)
		}
	})
}
