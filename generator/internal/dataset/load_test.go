package dataset

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*/want.txt with the errors Load reports now")

// readTree reads a directory of testdata into a MapFS, paths relative to dir.
func readTree(t testing.TB, dir string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		fsys[filepath.ToSlash(rel)] = &fstest.MapFile{Data: b}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

func loadValid(t *testing.T) *Site {
	t.Helper()
	s, err := Load(readTree(t, "testdata/valid"))
	if err != nil {
		t.Fatalf("Load(testdata/valid) failed:\n%v", err)
	}
	return s
}

func ptr(f float64) *float64 { return &f }

func date(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestLoadValid(t *testing.T) {
	s := loadValid(t)

	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v; want %#v", what, got, want)
		}
	}
	ids := func(n int, id func(int) string) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}

	check("Title", s.Title, "兴庆区扩大有效投资百日攻坚")
	check("BaseURL", s.BaseURL, "https://example.gov.cn/invest/")
	check("Language", s.Language, "zh-Hans")
	check("MoneyUnit", s.MoneyUnit, "亿元")
	check("UnsafeHTML", s.UnsafeHTML, false)
	check("Campaign", s.Campaign, Campaign{
		Name: "扩大有效投资百日攻坚", Issuer: "银川市兴庆区人民政府办公室", Document: "银兴政办发〔2023〕61号",
		Start: NewDate(2023, time.August, 15), End: NewDate(2023, time.November, 30), Year: 2023,
	})
	check("Campaign.Start.String()", s.Campaign.Start.String(), "2023-08-15")

	// Groups are sorted by id, whatever their order in site.toml.
	check("Categories", ids(len(s.Categories), func(i int) string { return s.Categories[i].ID }), []string{"energy", "manufacturing"})
	check("Lists", ids(len(s.Lists), func(i int) string { return s.Lists[i].ID }), []string{"batch-1", "region-key"})
	check("Lists[0]", s.Lists[0], &Group{ID: "batch-1", Name: "第一批基本建设项目",
		Targets: []Target{{Metric: "start_rate", Value: 90, By: date("2023-10-31")}}})
	check("Lists[1].Targets", s.Lists[1].Targets, []Target(nil))
	check("Sectors", ids(len(s.Sectors), func(i int) string { return s.Sectors[i].ID }), []string{"manufacturing", "real-estate"})
	check("Targets", s.Targets, []Target{
		{Metric: "fai_growth", Value: 8, By: date("2023-12-31")},
		{Metric: "pace", Value: 85, By: date("2023-09-30")},
	})
	check("Rules", s.Rules, Rules{SlowBelow: 40, RankingPeriod: "report", RankRegions: "fai_growth",
		RankDepts: "start_rate", Escalation: []string{"通报批评", "约谈"}})

	check("Regions", ids(len(s.Regions), func(i int) string { return s.Regions[i].ID }), []string{"hongdunzi", "litong"})
	check("Region(litong)", s.Region("litong"), &Unit{ID: "litong", Name: "利通区", Kind: "district",
		Targets: []Target{{Metric: "fai_growth", Value: 10, By: date("2023-12-31")}}})
	check("Department(jiaotong)", s.Department("jiaotong"), &Unit{ID: "jiaotong", Name: "区交通运输局"})
	check("Department(fagai).Kind", s.Department("fagai").Kind, "综合部门")
	check("Region(nowhere)", s.Region("nowhere"), (*Unit)(nil))
	check("Category(energy).Name", s.Category("energy").Name, "能源")
	check("List(batch-1).Name", s.List("batch-1").Name, "第一批基本建设项目")
	check("Sector(real-estate).Name", s.Sector("real-estate").Name, "房地产开发投资")

	// Projects are sorted by id: "coal" < "coal-2" although "coal-2.toml" < "coal.toml".
	check("Projects", ids(len(s.Projects), func(i int) string { return s.Projects[i].ID }), []string{"coal", "coal-2", "road"})
	coal, coal2, road := s.Projects[0], s.Projects[1], s.Projects[2]
	narrative := coal.Narrative
	coal.Narrative = nil
	check("coal", coal, &Project{
		ID: "coal", Name: "红墩子红二煤矿", Region: "hongdunzi", Owner: "fagai", Leader: "县级领导甲",
		Company: "某某能源有限公司", Category: "energy", Lists: []string{"batch-1", "region-key"}, Total: 38,
		Plan:         map[int]float64{2022: 5, 2023: 6.5},
		StartPlanned: date("2023-03-01"), StartActual: date("2023-03-15"), FinishPlanned: date("2025-12-31"),
		Approvals: []Approval{
			{Kind: "land", Due: date("2023-09-15"), Done: date("2023-09-10")},
			{Kind: "eia", Due: date("2023-10-31")},
		},
		Milestones: []Milestone{{Name: "主体结构封顶", Due: date("2023-10-31"), Done: date("2023-10-20")}},
		Problems: []Problem{
			{Text: "施工用电线路迁改", Raised: date("2023-08-20"), Level: "city", Resolved: date("2023-09-05")},
			{Text: "环评批复滞后", Raised: date("2023-09-01"), Level: "county"},
		},
	})
	if narrative == nil {
		t.Fatal("coal.Narrative = nil; want content/projects/coal.md")
	}
	check("coal narrative", *narrative, Page{Path: "content/projects/coal.md", Slug: "coal", Title: "红墩子红二煤矿",
		Body: []byte("红二煤矿是园区重点能源项目。\n\n```chart\nkind = \"project\"\n```\n"), BodyLine: 1})
	// `plan = 3` is the plan for campaign.year.
	check("coal-2.Plan", coal2.Plan, map[int]float64{2023: 3})
	plan, ok := coal2.PlanFor(2023)
	check("coal-2.PlanFor(2023)", []any{plan, ok}, []any{3.0, true})
	plan, ok = coal2.PlanFor(2022)
	check("coal-2.PlanFor(2022)", []any{plan, ok}, []any{0.0, false})
	check("coal-2 dates", []Date{coal2.StartActual, coal2.FinishActual, coal2.Signed, coal2.Landed},
		[]Date{0, 0, date("2023-05-10"), date("2023-06-01")})
	check("coal-2.StartActual.IsZero()", coal2.StartActual.IsZero(), true)
	check("coal-2.Narrative", coal2.Narrative, (*Page)(nil))
	check("road.Lists", road.Lists, []string(nil))
	check("road finish", []Date{road.FinishPlanned, road.FinishActual}, []Date{date("2023-11-30"), date("2023-11-20")})

	// Reports are sorted by date; absent figures are nil pointers.
	check("Reports", ids(len(s.Reports), func(i int) string { return s.Reports[i].Date.String() }),
		[]string{"2023-08-31", "2023-09-30", "2023-10-31"})
	sep := s.Reports[1]
	check("sep.Stats", sep.Stats, &UnitStats{FAI: ptr(118.5), FAIGrowth: ptr(7.9),
		Sectors: map[string]float64{"manufacturing": 25.1, "real-estate": 6.2}})
	check("sep.Regions", sep.Regions, map[string]*UnitStats{
		"litong":    {FAI: ptr(55), FAIGrowth: ptr(10.4)},
		"hongdunzi": {FAIGrowth: ptr(-2)},
	})
	check("sep.Departments", sep.Departments, map[string]*UnitStats{"fagai": {FAI: ptr(30)}})
	check("sep.Projects", sep.Projects, []Entry{
		{ID: "coal", Completed: ptr(5.2), Funds: ptr(3), Note: "井筒施工"},
		{ID: "coal-2", Funds: ptr(0.5)},
	})
	oct := s.Reports[2]
	check("oct.Stats", oct.Stats, &UnitStats{FAI: ptr(130)})
	check("oct.Regions", oct.Regions, map[string]*UnitStats{})
	check("oct.Projects", oct.Projects, []Entry{
		{ID: "coal", Completed: ptr(4.8), Correction: true},
		{ID: "road", Completed: ptr(2), Funds: ptr(0)},
	})

	// Bulletins are sorted by as_of, not by slug.
	check("Bulletins", ids(len(s.Bulletins), func(i int) string { return s.Bulletins[i].Slug }), []string{"summer-review", "2023-09"})
	b := s.Bulletins[1]
	check("bulletin", []any{b.Title, b.Number, b.Date, b.AsOf, b.Issuer},
		[]any{"2023年9月全区扩大有效投资进展情况通报", "第3期", date("2023-10-08"), date("2023-09-30"), "兴庆区发展和改革局"})
	check("bulletin page", *b.Page, Page{Path: "content/bulletins/2023-09.md", Slug: "2023-09", Title: b.Title,
		Body: []byte("# 总体情况\n\n全区固定资产投资同比增长7.9%。\n\n```table\nkind = \"slow-projects\"\n```\n"), BodyLine: 8})
	check("summer-review.Issuer (from campaign)", s.Bulletins[0].Issuer, "银川市兴庆区人民政府办公室")
	check("summer-review.BodyLine", s.Bulletins[0].Page.BodyLine, 7)

	// Pages are sorted by slug; a page without front matter takes its title from its first heading.
	check("Pages", ids(len(s.Pages), func(i int) string { return s.Pages[i].Slug }), []string{"about", "about-data"})
	check("about", []any{s.Pages[0].Path, s.Pages[0].Title, s.Pages[0].BodyLine}, []any{"content/about.md", "关于本站", 1})
	check("about-data", []any{s.Pages[1].Title, s.Pages[1].BodyLine, string(s.Pages[1].Body)},
		[]any{"数据说明", 4, "数据来自各责任单位每月调度。\n"})
	if s.Home == nil {
		t.Fatal("Home = nil; want content/_index.md")
	}
	check("Home", []any{s.Home.Path, s.Home.Slug, s.Home.Title, s.Home.BodyLine}, []any{"content/_index.md", "", "首页", 4})
}

// TestLoadBOMCRLF loads the valid site with every file as a Windows editor
// writes it: a UTF-8 byte-order mark and CRLF line ends.
func TestLoadBOMCRLF(t *testing.T) {
	want := loadValid(t)
	fsys := readTree(t, "testdata/valid")
	for _, f := range fsys {
		f.Data = append([]byte("\ufeff"), bytes.ReplaceAll(f.Data, []byte("\n"), []byte("\r\n"))...)
	}
	got, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load(valid with BOM and CRLF) failed:\n%v", err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load(valid with BOM and CRLF) differs from Load(valid)")
	}
}

// TestLoadInvalid loads, for each testdata/invalid/<case>/, the valid site
// with the case's files laid over it, and compares the errors with the
// case's want.txt, line for line.
func TestLoadInvalid(t *testing.T) {
	cases, err := os.ReadDir("testdata/invalid")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		if !c.IsDir() {
			continue
		}
		t.Run(c.Name(), func(t *testing.T) {
			dir := filepath.Join("testdata/invalid", c.Name())
			fsys := readTree(t, "testdata/valid")
			for p, f := range readTree(t, dir) {
				if p != "want.txt" {
					fsys[p] = f
				}
			}
			_, err := Load(fsys)
			if err == nil {
				t.Fatal("Load succeeded; want errors")
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load error is %T; want ErrorList", err)
			}
			got := err.Error() + "\n"
			wantFile := filepath.Join(dir, "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if got != string(want) {
				t.Errorf("Load errors:\n%s\nwant (%s):\n%s", got, wantFile, want)
			}
			for _, e := range list {
				if e.Path == "" || e.Line < 1 {
					t.Errorf("error without path:line: %q", e)
				}
			}
		})
	}
}
