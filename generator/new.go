package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// runNew scaffolds a project or a bulletin: a file that passes `check` as
// written, with every other key present as a comment that says what it is.
// The required references are filled with the site's first region,
// department and category, for the office to change.
func runNew(source string, args []string, now time.Time, stdout io.Writer) error {
	if len(args) != 2 || (args[0] != "project" && args[0] != "bulletin") {
		return usageError{"usage: new project <id> | new bulletin <yyyy-mm>"}
	}
	site, err := dataset.Load(os.DirFS(source))
	if err != nil {
		return fmt.Errorf("the site must check cleanly before scaffolding: %w", err)
	}
	var path, text string
	switch args[0] {
	case "project":
		id := args[1]
		if !idPattern.MatchString(id) {
			return usageError{fmt.Sprintf("%q is not a valid id (expected lower-case letters, digits and '-', e.g. baofeng-pv)", id)}
		}
		if len(site.Regions) == 0 || len(site.Departments) == 0 || len(site.Categories) == 0 {
			return errors.New("the site needs at least one region, department and category before a project (content/regions/, content/departments/, [[categories]] in site.toml)")
		}
		path = filepath.Join("content", "projects", id+".toml")
		text = projectTemplate(site, id)
	case "bulletin":
		month := args[1]
		t, err := time.Parse("2006-01", month)
		if err != nil {
			return usageError{fmt.Sprintf("%q is not a month (expected yyyy-mm, e.g. 2023-10)", month)}
		}
		var asOf dataset.Date
		for _, r := range site.Reports {
			if r.Date.Year() == t.Year() && r.Date.Month() == t.Month() {
				asOf = r.Date
			}
		}
		if asOf.IsZero() {
			return fmt.Errorf("no report in %s (expected a file content/reports/%s-DD.toml to freeze the bulletin at)", month, month)
		}
		path = filepath.Join("content", "bulletins", month+".md")
		issued := dataset.FromTime(now)
		if issued < asOf {
			issued = asOf
		}
		text = bulletinTemplate(site, t, asOf, issued)
	}
	full := filepath.Join(source, path)
	if _, err := os.Stat(full); err == nil {
		return fmt.Errorf("%s already exists (expected a new id; edit the existing file instead)", filepath.ToSlash(path))
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generator: wrote %s\n", filepath.ToSlash(path))
	return nil
}

func projectTemplate(s *dataset.Site, id string) string {
	return `# Project ` + id + ` — every key is described; lines starting with # are comments.
# Required: name, region, owner, category. Dates are written unquoted: 2023-09-30.

name = "新项目"                     # 项目名称 (the Chinese name)
region = "` + s.Regions[0].ID + `"      # region id: a file in content/regions/
owner = "` + s.Departments[0].ID + `"   # department id (责任单位): a file in content/departments/
category = "` + s.Categories[0].ID + `" # category id: one of [[categories]] in site.toml
# leader = "县级领导"               # 包抓领导
# company = "某某有限公司"           # 项目单位
# lists = ["batch-1"]              # list ids ([[lists]] in site.toml)
# total = 10.0                     # 总投资, in ` + s.MoneyUnit + `
# plan = 2.0                       # 年度计划投资 for ` + strconv.Itoa(s.Campaign.Year) + `; or a table per year:
# [plan]
# ` + strconv.Itoa(s.Campaign.Year) + ` = 2.0
# start_planned = 2023-03-01       # 计划开工
# start_actual = 2023-03-15        # 实际开工 (absent: not started)
# finish_planned = 2024-12-31      # 计划竣工
# finish_actual = 2024-11-30       # 实际竣工 (absent: not finished)
# reserve = false                  # true: a reserve project for later years (储备展望)
# signed = 2023-05-10              # 招商引资: contract signed
# landed = 2023-06-01              # 招商引资: registered / landed

# [[approvals]]                    # 前期手续, one table per approval
# kind = "land"                    # filing | land | planning | eia | water | energy | construction
# due = 2023-09-15                 # 办结时限
# done = 2023-09-10                # absent: not done yet

# [[milestones]]                   # 倒排工期 (for slow projects)
# name = "主体结构封顶"
# due = 2023-10-31
# done = 2023-10-20

# [[problems]]                     # 需协调解决问题
# text = "施工用电线路迁改"
# raised = 2023-08-20
# level = "county"                 # county | city | region | province
# resolved = 2023-09-05            # absent: still open

# Figures that grow (completed, funds) go in report files:
# content/reports/<date>.toml →  [projects.` + id + `]  completed = 1.2
`
}

func bulletinTemplate(s *dataset.Site, month time.Time, asOf, issued dataset.Date) string {
	n := len(s.Bulletins) + 1
	issuer := s.Campaign.Issuer
	if issuer == "" {
		issuer = "发布单位"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "+++\n")
	fmt.Fprintf(&b, "title = \"%d年%d月全区扩大有效投资进展情况通报\"   # 标题\n", month.Year(), int(month.Month()))
	fmt.Fprintf(&b, "number = \"第%d期\"                                # 期号\n", n)
	fmt.Fprintf(&b, "date = %s                                       # 印发日期\n", issued)
	fmt.Fprintf(&b, "as_of = %s                                      # 数据截至: a report date; figures are frozen here\n", asOf)
	fmt.Fprintf(&b, "issuer = %q\n", issuer)
	fmt.Fprintf(&b, "+++\n")
	fmt.Fprintf(&b, "现将截至%d月%d日全区扩大有效投资进展情况通报如下。\n\n", int(asOf.Month()), asOf.Day())
	b.WriteString("## 一、总体情况\n\n（总体进展。下面的图表按数据截止日自动生成，可删改。）\n\n")
	b.WriteString("```chart\nkind = \"ranking\"      # ranking | trend | pace | pipeline | gauge | heatmap | project\nmetric = \"" + s.Rules.RankRegions + "\"\nof = \"regions\"        # regions | departments\n```\n\n")
	b.WriteString("## 二、存在问题\n\n（存在的问题。）\n\n")
	b.WriteString("```table\nkind = \"slow-projects\"   # slow-projects | not-started | overdue-approvals | ranking | changes | targets\n```\n\n")
	b.WriteString("## 三、下步工作\n\n（下步工作安排。）\n")
	return b.String()
}
