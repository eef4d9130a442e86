package site

import (
	"context"
	"strings"
	"testing"
)

// blockSite is a small site whose about page holds one block.
func blockSite(t *testing.T, block string) (string, error) {
	t.Helper()
	files := with(baseFiles("2023-01-01", "2023-12-31"), map[string]string{
		"content/reports/2023-03-31.toml": stats("2023-03-31", map[string]string{"a": "5", "b": "4", "c": "1"}, map[string]string{"p1": "0.5", "p2": "1"}),
		"content/reports/2023-04-30.toml": stats("2023-04-30", map[string]string{"a": "6", "b": "3", "c": "2"}, map[string]string{"p1": "1.5", "p2": "1.2"}),
		"content/about.md":                "# 说明\n\n段落。\n\n" + block + "\n",
	})
	files["site.toml"] += "[[sectors]]\nid = \"manufacturing\"\nname = \"制造业投资\"\n[[sectors.targets]]\nmetric = \"fai_growth\"\nvalue = 10\nby = 2023-12-31\n"
	files["content/projects/p3.toml"] += "[[milestones]]\nname = \"封顶\"\ndue = 2023-04-01\n[[approvals]]\nkind = \"land\"\ndue = 2023-02-01\n[[problems]]\ntext = \"用电迁改\"\nraised = 2023-03-01\nlevel = \"city\"\n"
	files["content/projects/p1.toml"] += "finish_planned = 2023-04-15\n"
	src := writeSite(t, files)
	out := t.TempDir() + "/public"
	_, err := Build(context.Background(), Options{Source: src, Out: out})
	return out, err
}

// Every table kind renders what it names, from the page's figures.
func TestTableBlocks(t *testing.T) {
	for _, tc := range []struct {
		body string
		want []string
	}{
		{`kind = "slow-projects"`, []string{"一号项目", "完成率 37.5%"}},
		{`kind = "not-started"`, []string{"三号项目", "计划 2023年3月1日 开工", "1 项手续逾期"}},
		{`kind = "finish-overdue"`, []string{"一号项目", "计划 2023年4月15日 竣工"}},
		{`kind = "overdue-approvals"`, []string{"三号项目", "用地（时限 2023年2月1日）"}},
		{`kind = "overdue-milestones"`, []string{"三号项目", "封顶（时限 2023年4月1日）"}},
		{`kind = "problems"`, []string{"待解决问题", "用电迁改（市级协调"}},
		{"kind = \"ranking\"\nof = \"regions\"", []string{"甲街道", "6.0%", "丙街道"}},
		{"kind = \"ranking\"\nof = \"departments\"\nmetric = \"start_rate\"", []string{"发改局", "开工率"}},
		{`kind = "changes"`, []string{"2023年3月31日 至 2023年4月30日", "新增完成投资"}},
		{"kind = \"targets\"\nof = \"sectors\"", []string{"制造业投资", "10.0%"}},
		{"kind = \"summary\"\nof = \"regions\"", []string{"甲街道", "乙街道", "丙街道"}},
		{`kind = "sectors"`, []string{"制造业投资"}},
		{`kind = "pipeline"`, []string{"竣工投产", "开工建设", "谋划入库"}},
	} {
		t.Run(tc.body, func(t *testing.T) {
			out, err := blockSite(t, "```table\n"+tc.body+"\n```")
			if err != nil {
				t.Fatalf("build failed:\n%s", errText(err))
			}
			contains(t, "the about page", text(t, out, "about/index.html"), tc.want...)
		})
	}
}

// A block's mistakes are errors at the markdown file's line, naming what
// is valid.
func TestBlockErrors(t *testing.T) {
	for _, tc := range []struct{ block, want string }{
		{"```table\nkind = \"slow\"\n```", "content/about.md:6: table block kind \"slow\" is unknown (expected one of: slow-projects, not-started, finish-overdue, overdue-approvals, overdue-milestones, problems, ranking, changes, targets, summary, sectors, pipeline)"},
		{"```chart\nkind = \"pie\"\n```", "content/about.md:6: chart block kind \"pie\" is unknown (expected one of: ranking, trend, pace, pipeline, gauge, heatmap, project, rank-history)"},
		{"```table\n\nkind = \"targets\"\nof = \"towns\"\n```", "content/about.md:8: table block of = \"towns\" is unknown here"},
		{"```table\nkind = \"ranking\"\nmetric = \"slow_count\"\n```", "content/about.md:7: table block: units cannot be ranked by slow_count"},
		{"```table\nkind = \"targets\"\nof = \"regions\"\nid = \"zz\"\n```", "content/about.md:8: table block id \"zz\" names nothing in regions"},
		{"```table\nkind = \"targets\"\ncolour = \"red\"\n```", "content/about.md:7: table block: unknown key colour"},
		{"```table\nkind = targets\n```", "content/about.md:6: table block: "},
		{"```table\n```", "content/about.md:5: table block has no kind"},
	} {
		t.Run(tc.block, func(t *testing.T) {
			_, err := blockSite(t, tc.block)
			if err == nil {
				t.Fatalf("a wrong block built")
			}
			if got := errText(err); !strings.Contains(got, tc.want) {
				t.Errorf("error:\n%s\nwant it to contain:\n%s", got, tc.want)
			}
		})
	}
}
