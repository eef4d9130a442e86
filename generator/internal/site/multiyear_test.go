package site

import (
	"regexp"
	"testing"
)

// The three-year county plan (testdata/sites/threeyear, after Xincheng's
// 2021–2023 plan): its cumulative targets read met or missed as computed
// by hand, as of the end of each year and mid-year, and year-to-date
// completion restarts on 1 January.
func TestThreeYearPlan(t *testing.T) {
	const src = "testdata/sites/threeyear"
	// Hand computation (figures from the reports):
	//   industry = ind-a + ind-b; 2021: 5.2+3.8 = 9.0; 2022: 6.1+7.2 = 13.3;
	//     2023-03-31: 1.0+0 (ind-b not yet reported in 2023); 2023-06-30: 2.8+3.5 = 6.3; 2023: 6.3+8.4 = 14.7
	//   transport = tr-a + tr-b; 2021: 9.5; 2022: 14.0+2.6 = 16.6; 2023-06-30: 7.5+1.5 = 9.0; 2023: 14.8+4.1 = 18.9
	//   major = ind-a + tr-a + tr-b; 2021: 14.7; 2022-06-30: 2.5+6.0+1.0 = 9.5; 2022: 22.7; 2023: 25.2
	for _, tc := range []struct {
		asOf                      string
		industry, transport       string // campaign_completed
		indStatus, trStatus       string // the 2023-12-31 targets (35 and 45)
		major40, major40Actual    string // the 2022-12-31 target of 40
		indThisYear, indBThisYear string // completed this year
	}{
		{"2021-12-31", "9", "9.5", "open", "open", "open", "14.7", "5.2", "3.8"},
		{"2022-06-30", "14.5", "16.5", "open", "open", "open", "24.2", "2.5", "3"},
		{"2022-12-31", "22.3", "26.1", "open", "open", "open", "37.4", "6.1", "7.2"}, // due that day: open, judged on its figure
		{"2023-03-31", "23.3", "29.1", "open", "open", "missed", "37.4", "1", "0"},
		{"2023-06-30", "28.6", "35.1", "open", "open", "missed", "37.4", "2.8", "3.5"},
		{"2023-12-31", "37", "45", "met", "met", "missed", "37.4", "6.3", "8.4"},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			out := build(t, src, Options{AsOf: mustDate(tc.asOf)})
			js := readFile(t, out, "data/metrics.json")
			want := func(re string) {
				t.Helper()
				if !regexp.MustCompile(re).MatchString(js) {
					t.Errorf("metrics.json as of %s lacks %s", tc.asOf, re)
				}
			}
			want(`"scope":"category:industry","metric":"campaign_completed","value":35,"by":"2023-12-31","status":"` + tc.indStatus + `","actual":` + tc.industry + `,`)
			want(`"scope":"category:transport","metric":"campaign_completed","value":45,"by":"2023-12-31","status":"` + tc.trStatus + `","actual":` + tc.transport + `,`)
			want(`"scope":"list:major","metric":"campaign_completed","value":40,"by":"2022-12-31","status":"` + tc.major40 + `","actual":` + tc.major40Actual + `,`)
			want(`"id":"ind-a","completed":` + tc.indThisYear + `,`)
			want(`"id":"ind-b","completed":` + tc.indBThisYear + `,`)
			page := text(t, out, "categories/industry/index.html")
			contains(t, "the industry page", page, "攻坚以来累计完成投资")
		})
	}
	// The project page shows every year's plan and completion, and the
	// lifetime progress: ind-a 2 (prior) + 5.2 + 6.1 + 6.3 = 19.6 of 25 = 78.4 %.
	out := build(t, src, Options{})
	page := text(t, out, "projects/ind-a/index.html")
	contains(t, "ind-a's page", page, "2021年 5.00 5.20 104.0%", "2022年 6.00 6.10 101.7%", "2023年 6.00 6.30 105.0%",
		"开工以来累计完成投资 19.60 亿元", "78.4%", "2023年累计完成投资")
	// The county's words: 全县, not 全区.
	contains(t, "the home page", text(t, out, "index.html"), "全县")
	lacks(t, "the home page", text(t, out, "index.html"), "全区")
}
