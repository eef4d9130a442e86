package dataset

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// loadOK loads the site at root and fails the test on any problem.
func loadOK(t *testing.T, root string) *Site {
	t.Helper()
	s, err := Load(os.DirFS(root))
	if err != nil {
		t.Fatalf("Load(%s) = %v", root, err)
	}
	return s
}

// TestDemo loads the demo campaign at the repository root.
func TestDemo(t *testing.T) {
	s := loadOK(t, "../../..")
	tests := []struct {
		name string
		got  bool
	}{
		{"language", s.Language == "zh-Hans"},
		{"projects", len(s.Projects) > 0},
		{"regions", len(s.Regions) > 0},
		{"departments", len(s.Departments) > 0},
		{"reports", len(s.Reports) > 0},
		{"bulletins", len(s.Bulletins) > 0},
		{"home", s.Home != nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !tt.got {
				t.Errorf("demo %s = %v; want it present", tt.name, tt.got)
			}
		})
	}
}

// planText writes a plan for comparison: 2022:5 2023:6.5.
func planText(ya YearAmounts) string {
	var parts []string
	for _, a := range ya {
		parts = append(parts, fmt.Sprintf("%d:%s", a.Year, a.Amount))
	}
	return strings.Join(parts, " ")
}

func opt(o Opt) string {
	if !o.OK {
		return "absent"
	}
	return o.V.String()
}

// TestValidModel checks that what testdata/valid says arrives in the
// model's fields: multi-year plans, prior, funds plans, statistics of
// funds, a bulletin's since.
func TestValidModel(t *testing.T) {
	s := loadOK(t, "testdata/valid")
	p := func(id string) *Project {
		pr := s.Project(id)
		if pr == nil {
			t.Fatalf("Project(%s) = nil", id)
		}
		return pr
	}
	var sept *Report
	for _, r := range s.Reports {
		if r.Date.String() == "2023-09-30" {
			sept = r
		}
	}
	if sept == nil {
		t.Fatal("no report 2023-09-30")
	}
	var b2309 *Bulletin
	for _, b := range s.Bulletins {
		if b.Slug == "2023-09" {
			b2309 = b
		}
	}
	if b2309 == nil {
		t.Fatal("no bulletin 2023-09")
	}
	tests := []struct {
		name, got, want string
	}{
		{"jurisdiction", s.Jurisdiction, "district"},
		{"campaign.year", fmt.Sprint(s.Campaign.Year), "2023"},
		{"escalation", fmt.Sprint(s.Rules.Escalation), "map[regions:[通报批评 约谈]]"},
		{"rank_by", fmt.Sprint(s.Rules.RankBy), "map[departments:start_rate regions:fai_growth]"},
		{"slow_below", s.Rules.SlowBelow.String(), "40"},
		{"coal plan table", planText(p("coal").Plan), "2022:5 2023:6.5"},
		{"road plan number", planText(p("road").Plan), "2023:2"},
		{"coal prior", p("coal").Prior.String(), "12"},
		{"road prior", p("road").Prior.String(), "0"},
		{"coal-2 funds_plan", planText(p("coal-2").FundsPlan), "2023:2 2024:1.5"},
		{"coal lists", fmt.Sprint(p("coal").Lists), "[batch-1 region-key]"},
		{"coal approvals", fmt.Sprint(p("coal").Approvals), "[{land 2023-09-15 2023-09-10} {eia 2023-10-31 }]"},
		{"coal problem level default", p("coal").Problems[1].Level, "county"},
		{"coal-2 landed", p("coal-2").Landed.String(), "2023-06-01"},
		{"stats funds", opt(sept.Stats.Funds), "3.5"},
		{"stats fai_growth", opt(sept.Stats.FAIGrowth), "7.9"},
		{"region growth", opt(sept.Regions["hongdunzi"].FAIGrowth), "-2"},
		{"department fai", opt(sept.Departments["fagai"].FAI), "30"},
		{"coal-2 completed absent", opt(sept.Entry("coal-2").Completed), "absent"},
		{"since", b2309.Since.String(), "2023-08-31"},
		{"as_of", b2309.AsOf.String(), "2023-09-30"},
		{"issuer default", s.Bulletins[0].Issuer, "银川市兴庆区人民政府办公室"},
		{"narrative", p("coal").Narrative.Title, "红墩子红二煤矿"},
		{"pages", fmt.Sprint(len(s.Pages)), "2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.got != tt.want {
				t.Errorf("%s = %q; want %q", tt.name, tt.got, tt.want)
			}
		})
	}
}

// TestSameModel loads the valid site written as Windows editors and
// people's editors leave it: the model is the same.
func TestSameModel(t *testing.T) {
	want := loadOK(t, "testdata/valid")
	tests := []struct {
		name  string
		alter func(t *testing.T, root string)
	}{
		{"BOM and CRLF", func(t *testing.T, root string) {
			copyTree(t, "testdata/valid", root, nil, func(s string) string {
				return "\ufeff" + strings.ReplaceAll(s, "\n", "\r\n")
			})
		}},
		{"CRLF", func(t *testing.T, root string) {
			copyTree(t, "testdata/valid", root, nil, func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") })
		}},
		{"editor leftovers", func(t *testing.T, root string) {
			junk := "this = is not [TOML\n"
			for _, dir := range []string{"content", "content/projects", "content/reports", "content/regions", "content/departments", "content/bulletins"} {
				for _, name := range []string{"coal.toml~", "#coal.toml#", ".coal.toml.swp", ".DS_Store", "2023-09-30.toml~"} {
					writeFile(t, filepath.Join(root, dir, name), junk)
				}
				// Emacs' lock file is a link to nowhere.
				symlink(t, "root@host.1234:1700000000", filepath.Join(root, dir, ".#coal.toml"))
			}
			writeFile(t, filepath.Join(root, ".git/config"), junk)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := siteCopy(t, "")
			tt.alter(t, root)
			got := loadOK(t, root)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Load(%s) differs from Load(testdata/valid):\n%s", tt.name, diffSites(got, want))
			}
		})
	}
}

// diffSites names the first fields in which two models differ.
func diffSites(a, b *Site) string {
	var out []string
	va, vb := reflect.ValueOf(*a), reflect.ValueOf(*b)
	for i := 0; i < va.NumField(); i++ {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, fmt.Sprintf("%s: %#v\nwant %#v", va.Type().Field(i).Name, va.Field(i).Interface(), vb.Field(i).Interface()))
		}
	}
	return strings.Join(out, "\n")
}
