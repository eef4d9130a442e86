package dispatch

import (
	"os"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
)

func amountOf(t testing.TB, s string) dataset.Opt {
	t.Helper()
	d, err := exact.ParseString(s)
	if err != nil {
		t.Fatal(err)
	}
	return dataset.Some(d)
}

func TestMerge(t *testing.T) {
	sept := dataset.NewDate(2023, 9, 30)
	tests := []struct {
		name    string
		old     string
		entries []*entry
		want    string
		changed int
	}{
		{
			name: "values replaced, comments and everything else kept",
			old: "date = 2023-09-30\n\n# 九月\n[stats]\nfai = 60.5\n\n[projects.road]\ncompleted = 1.5   # 含设备款\nnote = \"路面施工\"\n\n" +
				"[projects.school]\ncompleted = 0.55\ncorrection = true\n",
			entries: []*entry{
				{id: "road", completed: amountOf(t, "1.6"), note: "面层 #2", hasNote: true},
				{id: "school", completed: amountOf(t, "0.55")},
			},
			want: "date = 2023-09-30\n\n# 九月\n[stats]\nfai = 60.5\n\n[projects.road]\ncompleted = 1.6   # 含设备款\nnote = \"面层 #2\"\n\n" +
				"[projects.school]\ncompleted = 0.55\ncorrection = true\n",
			changed: 1,
		},
		{
			name: "keys added under the table's last key, new tables at the end",
			old:  "date = 2023-09-30\n\n[projects.plant]\ncompleted = 0.8 # 8月\n\n# 其他\n[regions.east]\nfai = 1.0\n",
			entries: []*entry{
				{id: "plant", funds: amountOf(t, "0.6"), correction: true, hasCorrection: true},
				{id: "clinic", completed: amountOf(t, "2"), note: "a \"quoted\"\nline", hasNote: true},
			},
			want: "date = 2023-09-30\n\n[projects.plant]\ncompleted = 0.8 # 8月\nfunds = 0.6\ncorrection = true\n\n# 其他\n[regions.east]\nfai = 1.0\n" +
				"\n[projects.clinic]\ncompleted = 2.0\nnote = \"a \\\"quoted\\\"\\nline\"\n",
			changed: 2,
		},
		{
			name:    "a multi-line note, a quoted key, no newline at the end",
			old:     "date = 2023-09-30\n[projects.road]\nnote = \"\"\"\n一\n二\"\"\" # 旧\n\"completed\" = 1.5",
			entries: []*entry{{id: "road", completed: amountOf(t, "1.7"), note: "三", hasNote: true}},
			want:    "date = 2023-09-30\n[projects.road]\nnote = \"三\" # 旧\n\"completed\" = 1.7",
			changed: 1,
		},
		{
			name:    "line ends and byte-order mark kept",
			old:     "\ufeffdate = 2023-09-30\r\n\r\n[projects.road]\r\ncompleted = 1.5\r\n",
			entries: []*entry{{id: "road", completed: amountOf(t, "1.8")}, {id: "school", completed: amountOf(t, "1")}},
			want:    "\ufeffdate = 2023-09-30\r\n\r\n[projects.road]\r\ncompleted = 1.8\r\n\r\n[projects.school]\r\ncompleted = 1.0\r\n",
			changed: 2,
		},
		{
			name:    "the same figures: the very same bytes",
			old:     "date = 2023-09-30\n[projects.road]\ncompleted = 1.50\nfunds = 2\nnote = '路面'\n",
			entries: []*entry{{id: "road", completed: amountOf(t, "1.5"), funds: amountOf(t, "2.0"), note: "路面", hasNote: true}},
			want:    "date = 2023-09-30\n[projects.road]\ncompleted = 1.50\nfunds = 2\nnote = '路面'\n",
			changed: 0,
		},
		{
			name:    "a new file",
			entries: []*entry{{id: "road", completed: amountOf(t, "1.5")}},
			want:    "date = 2023-09-30\n\n[projects.road]\ncompleted = 1.5\n",
			changed: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var old []byte
			if tt.old != "" {
				old = []byte(tt.old)
			}
			got, changed, err := merge("r.toml", old, sept, tt.entries)
			if err != nil || string(got) != tt.want || changed != tt.changed {
				t.Errorf("merge(%q) = %q, %d, %v; want %q, %d", tt.old, got, changed, err, tt.want, tt.changed)
			}
		})
	}
}

// A project written otherwise than as a [projects.<id>] table is not
// merged into: the file is left alone and the line named.
func TestMergeOtherForms(t *testing.T) {
	tests := []struct{ name, old, want string }{
		{"inline table", "date = 2023-09-30\nprojects.road = { completed = 1.5 }\n",
			"r.toml:2: projects.road is not written as a [projects.road] table (expected its keys one per line under [projects.road], so that import can merge into it)"},
		{"dotted keys", "date = 2023-09-30\n[projects]\nroad.completed = 1.5\n",
			"r.toml:3: projects.road is not written as a [projects.road] table (expected its keys one per line under [projects.road], so that import can merge into it)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := merge("r.toml", []byte(tt.old), dataset.NewDate(2023, 9, 30), []*entry{{id: "road", completed: amountOf(t, "1.6")}})
			if errText(err, i18n.En) != tt.want || got != nil {
				t.Errorf("merge(%q) = %q, %s; want nil, %s", tt.old, got, errText(err, i18n.En), tt.want)
			}
		})
	}
}

// Importing into the site's existing report keeps its statistics, notes,
// comments and corrections, and the site still loads.
func TestImportIntoExistingReport(t *testing.T) {
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	tpl := template(t, s, TemplateOptions{AsOf: dataset.NewDate(2023, 8, 31)})
	old, err := os.ReadFile(dir + "/content/reports/2023-09-30.toml")
	if err != nil {
		t.Fatal(err)
	}

	// The figures the file has already: nothing changes, to the byte.
	same := fillTemplate(t, tpl, map[string]fill{"road": {1.5, nil, "路面施工", nil}, "plant": {0.8, 0.5, nil, nil}}, nil)
	res, err := Import(os.DirFS(dir), s, dataset.NewDate(2023, 9, 30), []Input{{Name: "t.xlsx", Data: same}})
	if err != nil {
		t.Fatalf("Import(the same figures): %s", errText(err, i18n.En))
	}
	if !res.Unchanged() || string(res.Text) != string(old) || res.Changed != 0 {
		t.Fatalf("Import(the same figures) = unchanged %v, %d changed:\n%s\nwant the file as it was:\n%s", res.Unchanged(), res.Changed, res.Text, old)
	}

	// New figures: the school's correction in the file lets its figure
	// stay below August's.
	changed := fillTemplate(t, tpl, map[string]fill{"road": {1.6, nil, nil, nil}, "school": {0.56, nil, nil, nil}, "clinic": {0.3, nil, nil, nil}}, nil)
	res, err = Import(os.DirFS(dir), s, dataset.NewDate(2023, 9, 30), []Input{{Name: "t.xlsx", Data: changed}})
	if err != nil {
		t.Fatalf("Import: %s", errText(err, i18n.En))
	}
	want := strings.NewReplacer(
		"completed = 1.5   # 含设备款", "completed = 1.6   # 含设备款",
		"completed = 0.55\n", "completed = 0.56\n",
	).Replace(string(old)) + "\n[projects.clinic]\ncompleted = 0.3\n"
	if string(res.Text) != want || res.Changed != 3 {
		t.Errorf("Import into 2023-09-30.toml wrote (%d changed)\n%s\nwant (3 changed)\n%s", res.Changed, res.Text, want)
	}
}
