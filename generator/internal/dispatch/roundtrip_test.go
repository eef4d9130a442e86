package dispatch

import (
	"os"
	"path/filepath"
	"testing"

	"gongjian/generator/internal/i18n"
)

// The round trip: the template filled as a clerk fills it and imported
// gives the site the same figures as the report written by hand.
func TestRoundTrip(t *testing.T) {
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	filled := fillTemplate(t, template(t, s, TemplateOptions{}), map[string]fill{
		"road":   {1.9, nil, "面层摊铺", nil},
		"plant":  {"1.05", 0.7, nil, nil}, // a number typed into a text cell
		"school": {0.8, nil, nil, nil},
		"twin-a": {nil, nil, "前期手续办理", nil},
		"clinic": {"１.２", nil, "主体封顶", nil}, // full-width digits from an input method
	}, nil)

	res, err := Import(os.DirFS(dir), s, date(t, "2023-10-10"), []Input{{Name: "filled.xlsx", Data: filled}})
	if err != nil {
		t.Fatalf("Import: %s", errText(err, "en"))
	}
	const want = `date = 2023-10-10

[projects.clinic]
completed = 1.2
note = "主体封顶"

[projects.plant]
completed = 1.05
funds = 0.7

[projects.road]
completed = 1.9
note = "面层摊铺"

[projects.school]
completed = 0.8

[projects.twin-a]
note = "前期手续办理"
`
	if got := string(res.Text); got != want {
		t.Errorf("Import(filled template) wrote\n%s\nwant\n%s", got, want)
	}
	if res.Projects != 5 || res.Changed != 5 || res.Sheets != 2 {
		t.Errorf("Import(filled template) = %d projects, %d changed, %d sheets; want 5, 5, 2", res.Projects, res.Changed, res.Sheets)
	}
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(res.Path)), res.Text, 0o644); err != nil {
		t.Fatal(err)
	}

	byHand := copySite(t, map[string]string{"content/reports/2023-10-10.toml": `date = 2023-10-10
[projects.road]
completed = 1.9
note = "面层摊铺"
[projects.plant]
completed = 1.05
funds = 0.70
[projects.school]
completed = 0.80
[projects.twin-a]
note = "前期手续办理"
[projects.clinic]
completed = 1.2
note = "主体封顶"
`})
	if got, want := metricsJSON(t, dir), metricsJSON(t, byHand); got != want {
		t.Errorf("metrics.json after import differs from the hand-written report's:\n%s\nwant\n%s", got, want)
	}
}

// A template in any language of the site reads back the same.
func TestRoundTripLanguages(t *testing.T) {
	dir := copySite(t, nil)
	s := loadSite(t, dir)
	for _, l := range i18n.Langs {
		t.Run(string(l), func(t *testing.T) {
			filled := fillTemplate(t, template(t, s, TemplateOptions{Lang: l}), map[string]fill{
				"road": {1.9, nil, "面层摊铺", nil}, "plant": {nil, 0.7, nil, "否"},
			}, nil)
			res, err := Import(os.DirFS(dir), s, date(t, "2023-10-10"), []Input{{Name: "t.xlsx", Data: filled}})
			want := "date = 2023-10-10\n\n[projects.plant]\nfunds = 0.7\ncorrection = false\n\n[projects.road]\ncompleted = 1.9\nnote = \"面层摊铺\"\n"
			if err != nil || string(res.Text) != want {
				t.Errorf("Import(template in %s) = %s; want\n%s", l, errText(err, i18n.En), want)
			}
		})
	}
}
