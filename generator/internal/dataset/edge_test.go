package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unsafe"

	"github.com/BurntSushi/toml"
)

// TestLoadEdges covers smaller cases inline: files laid over the valid
// site (nil removes one), and the exact errors expected ("" for none).
func TestLoadEdges(t *testing.T) {
	road := "name = \"利通区环城路\"\nregion = \"litong\"\nowner = \"jiaotong\"\ncategory = \"manufacturing\"\n"
	tests := []struct {
		name  string
		files map[string]string // path → content; "" removes the file
		want  string
	}{
		{"no site.toml", map[string]string{"site.toml": ""},
			"site.toml: not found (expected site.toml at the site root)"},
		{"stats corrected downwards", map[string]string{
			"content/reports/2023-10-31.toml": "date = 2023-10-31\n[stats]\nfai = 100.0\ncorrection = true\n[regions.litong]\nfai = 50.0\ncorrection = true\n",
		}, ""},
		{"a new year starts from zero", map[string]string{
			"content/reports/2024-01-31.toml": "date = 2024-01-31\n[stats]\nfai = 1.0\n[regions.litong]\nfai = 0.5\n[projects.coal]\ncompleted = 0.1\nfunds = 0\n",
		}, ""},
		{"region figure going down", map[string]string{
			"content/reports/2023-10-31.toml": "date = 2023-10-31\n\n[regions.litong]\nfai = 50.0\n",
		}, "content/reports/2023-10-31.toml:4: regions.litong.fai went down from 55.0 (report 2023-09-30) to 50.0 (expected a year-to-date figure ≥ 55.0, or correction = true if the earlier figure was wrong)"},
		{"unexpected directory", map[string]string{"content/misc/x.md": "x"},
			"content/misc: unexpected directory (expected only regions, departments, projects, reports, bulletins under content/)"},
		{"unexpected file", map[string]string{"content/projects/notes.txt": "x", "content/logo.png": "x"},
			"content/logo.png:1: unexpected file (expected only .md pages directly under content/)\n" +
				"content/projects/notes.txt:1: unexpected file here (expected only .toml or .md files in content/projects/)"},
		{"narrative with front matter", map[string]string{"content/projects/road.md": "+++\ntitle = \"x\"\n+++\n正文\n"},
			"content/projects/road.md:1: front matter in a project narrative (expected none: the title is the project's name)"},
		{"bulletin without front matter", map[string]string{"content/bulletins/summer-review.md": "# 八月\n"},
			"content/bulletins/summer-review.md:1: bulletin has no front matter (expected +++ title, number, date, as_of +++ at the top)"},
		{"unknown page front matter", map[string]string{"content/about.md": "+++\ntitle = \"关于\"\ndraft = true\n+++\n"},
			"content/about.md:3: unknown key draft (expected one of: title)"},
		{"inline array of tables", map[string]string{"content/projects/road.toml": road +
			"approvals = [\n  { kind = \"land\", due = 2023-09-15 },\n  { kind = \"eia\",\n    due = \"2023-10-15\" },\n]\n"},
			`content/projects/road.toml:8: approvals[2].due is the string "2023-10-15" (expected the date without quotes: due = 2023-10-15)`},
		{"date with a time", map[string]string{"content/projects/road.toml": road + "start_planned = 2023-04-01T08:00:00\n"},
			"content/projects/road.toml:5: start_planned is the date and time 2023-04-01T08:00:00 (expected a date without a time: start_planned = 2023-04-01)"},
		{"date out of range", map[string]string{"content/projects/road.toml": road + "start_planned = 0023-04-01\n"},
			"content/projects/road.toml:5: start_planned is the date 0023-04-01 (expected a date between 1900 and 2200)"},
		{"list twice, list not a string", map[string]string{"content/projects/road.toml": road + "lists = [\"batch-1\", 7,\n  \"batch-1\", \"\"]\n"},
			"content/projects/road.toml:5: lists[2] is the number 7 (expected a string in quotes)\n" +
				"content/projects/road.toml:6: lists[3] \"batch-1\" repeats lists[1] (expected each list once)\n" +
				"content/projects/road.toml:6: lists[4] is the string \"\" (expected a non-empty string)"},
		{"plan keys", map[string]string{"content/projects/road.toml": road + "[plan]\n2023 = 1.0\nnext = 2.0\n\"2024\" = \"3\"\n"},
			"content/projects/road.toml:7: plan.next: \"next\" is not a year (expected a year between 1900 and 2200, as in 2023 = 6.5)\n" +
				"content/projects/road.toml:8: plan.2024 is the string \"3\" (expected a number ≥ 0)"},
		{"wrong table kinds", map[string]string{"content/reports/2023-10-31.toml": "date = 2023-10-31\nstats = 5\n[[projects]]\nid = \"coal\"\n"},
			"content/reports/2023-10-31.toml:2: stats is the number 5 (expected a table written [stats])\n" +
				"content/reports/2023-10-31.toml:3: projects is an array of tables (expected a table written [projects])"},
		{"second report for a date", map[string]string{"content/reports/october.toml": "date = 2023-10-31\n"},
			"content/reports/october.toml:1: a second report for 2023-10-31 (expected one report per date; the other is content/reports/2023-10-31.toml)\n" +
				"content/reports/october.toml:1: file name \"october\" is not a report date (expected content/reports/YYYY-MM-DD.toml, e.g. 2023-09-30.toml)"},
		{"rules", map[string]string{"site.toml": "title = \"t\"\n[campaign]\nname = \"c\"\nstart = 2023-08-15\nend = 2023-08-01\n" +
			"[[categories]]\nid = \"energy\"\nname = \"能源\"\n[[categories]]\nid = \"manufacturing\"\nname = \"制造业\"\n" +
			"[[lists]]\nid = \"batch-1\"\nname = \"b\"\n[[lists]]\nid = \"region-key\"\nname = \"r\"\n" +
			"[[sectors]]\nid = \"manufacturing\"\nname = \"m\"\n[[sectors]]\nid = \"real-estate\"\nname = \"r\"\n" +
			"[rules]\nslow_below = 120\nrank_by = { region = \"fai\" }\n"},
			"site.toml:5: campaign.end 2023-08-01 is before campaign.start 2023-08-15 (expected end on or after start)\n" +
				"site.toml:25: rules.slow_below is the number 120 (expected a percentage between 0 and 100)\n" +
				"site.toml:26: unknown key rules.rank_by.region — did you mean regions? (expected one of: departments, regions)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := readTree(t, "testdata/valid")
			for p, data := range tt.files {
				if data == "" {
					delete(fsys, p)
				} else {
					fsys[p] = &fstest.MapFile{Data: []byte(data)}
				}
			}
			_, err := Load(fsys)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Errorf("Load errors:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestErrorList(t *testing.T) {
	var l ErrorList
	if err := l.Err(); err != nil {
		t.Errorf("empty ErrorList.Err() = %v; want nil", err)
	}
	l.Add("site.toml", 3, "b")
	l.Add("content/x.toml", 2, "a")
	l.Add("site.toml", 3, "a")
	l.Add("site.toml", 3, "b")
	l.Add("content", 0, "dir")
	want := "content: dir\ncontent/x.toml:2: a\nsite.toml:3: a\nsite.toml:3: b"
	if got := l.Err().Error(); got != want {
		t.Errorf("ErrorList.Err() =\n%s\nwant\n%s", got, want)
	}
}

// TestLoadUnwrap checks that a syntax error keeps its cause: callers can
// reach BurntSushi's ParseError (and its column) through the ErrorList.
func TestLoadUnwrap(t *testing.T) {
	fsys := readTree(t, "testdata/valid")
	fsys["content/projects/road.toml"] = &fstest.MapFile{Data: []byte("name = \"x\"\ntotal = = 1\n")}
	_, err := Load(fsys)
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("errors.As(Load error, *toml.ParseError) = false for %v", err)
	}
	if pe.Position.Line != 2 {
		t.Errorf("ParseError line = %d; want 2", pe.Position.Line)
	}
	delete(fsys, "site.toml")
	if _, err := Load(fsys); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load without site.toml: errors.Is(err, fs.ErrNotExist) = false for %v", err)
	}
}

// TestEditorBackupsIgnored: the backup and lock files editors leave beside
// a file do not break the build.
func TestEditorBackupsIgnored(t *testing.T) {
	for _, name := range []string{"x.toml~", "#x.toml#", ".#x.toml", ".x.toml.swp"} {
		if !ignored(name) {
			t.Errorf("ignored(%q) = false; want true", name)
		}
	}
	for _, name := range []string{"x.toml", "x.md", "2023-09-30.toml"} {
		if ignored(name) {
			t.Errorf("ignored(%q) = true; want false", name)
		}
	}
}

// TestReportLinesInIDOrder: a report's lines come out in project id order
// whatever order the file gives them, and Entry finds each one.
func TestReportLinesInIDOrder(t *testing.T) {
	fsys := readTree(t, "testdata/valid")
	fsys["content/reports/2023-10-31.toml"] = &fstest.MapFile{Data: []byte("date = 2023-10-31\n" +
		"[projects.road]\ncompleted = 2.0\n[projects.coal-2]\nfunds = 0.5\n[projects.coal]\ncompleted = 5.5\n")}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Reports[len(s.Reports)-1]
	var got []string
	for _, e := range r.Projects {
		got = append(got, e.ID)
	}
	if want := []string{"coal", "coal-2", "road"}; !slices.Equal(got, want) {
		t.Errorf("report lines %v; want %v", got, want)
	}
	if e := r.Entry("road"); e == nil || *e.Completed != 2 {
		t.Errorf(`Entry("road") = %+v; want completed 2.0`, e)
	}
	for _, id := range []string{"", "bridge", "coal-1", "zzz"} {
		if e := r.Entry(id); e != nil {
			t.Errorf("Entry(%q) = %+v; want nil", id, e)
		}
	}
}

// TestProjectOrderInOrder: lines of known ids in the load's order, under
// the project's own string; unknown ids merged in by string.
func TestProjectOrderInOrder(t *testing.T) {
	o := newProjectOrder(map[string]bool{"b": true, "d": true, "f": true, "h": true})
	for _, tt := range []struct {
		ids  []string
		want []string
	}{
		{nil, nil},
		{[]string{"f", "b", "d"}, []string{"b", "d", "f"}},
		{[]string{"z", "f", "a", "e", "b"}, []string{"a", "b", "e", "f", "z"}},
		{[]string{"c"}, []string{"c"}},
	} {
		var es []Entry
		for _, id := range tt.ids {
			es = append(es, Entry{ID: strings.Clone(id), Note: "n" + id})
		}
		var got []string
		for _, e := range o.inOrder(es) {
			got = append(got, e.ID)
			if e.Note != "n"+e.ID {
				t.Errorf("line %s has the note %q of another", e.ID, e.Note)
			}
			if k, known := o.index[e.ID]; known && unsafe.StringData(e.ID) != unsafe.StringData(o.ids[k]) {
				t.Errorf("line %s does not use the project's string", e.ID)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("inOrder(%v) = %v; want %v", tt.ids, got, tt.want)
		}
	}
}

// TestFigureDownAnyProject: the year-to-date check reaches every project
// of a site larger than the blocks it is checked in, and only those that
// go down.
func TestFigureDownAnyProject(t *testing.T) {
	fsys := readTree(t, "testdata/valid")
	var sep, oct strings.Builder
	sep.WriteString("date = 2023-09-30\n")
	oct.WriteString("date = 2023-10-31\n")
	for i := range 64 {
		id := fmt.Sprintf("p%02d", i)
		fsys["content/projects/"+id+".toml"] = &fstest.MapFile{Data: []byte("name = \"项目\"\nregion = \"litong\"\nowner = \"jiaotong\"\ncategory = \"energy\"\n")}
		fmt.Fprintf(&sep, "[projects.%s]\ncompleted = 3.0\n", id)
		down := i == 7 || i == 63
		if down {
			fmt.Fprintf(&oct, "[projects.%s]\ncompleted = 2.0\n", id)
		} else if i%5 != 0 { // some projects miss a report
			fmt.Fprintf(&oct, "[projects.%s]\ncompleted = 3.5\n", id)
		}
	}
	fsys["content/reports/2023-09-30.toml"] = &fstest.MapFile{Data: []byte(sep.String())}
	fsys["content/reports/2023-10-31.toml"] = &fstest.MapFile{Data: []byte(oct.String())}
	_, err := Load(fsys)
	want := "content/reports/2023-10-31.toml:13: projects.p07.completed went down from 3.0 (report 2023-09-30) to 2.0 (expected a year-to-date figure ≥ 3.0, or correction = true if the earlier figure was wrong)\n" +
		"content/reports/2023-10-31.toml:103: projects.p63.completed went down from 3.0 (report 2023-09-30) to 2.0 (expected a year-to-date figure ≥ 3.0, or correction = true if the earlier figure was wrong)"
	if err == nil || err.Error() != want {
		t.Errorf("Load errors:\n%v\nwant:\n%s", err, want)
	}
}
