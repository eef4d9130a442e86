package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)

// runNew scaffolds a site, a project or a bulletin: files that pass
// `check` as written, with every other key present as a comment that
// says what it is.
func runNew(e *env, args []string) error {
	what, arg := args[0], args[1]
	source := e.o.source
	var files map[string]string
	switch what {
	case "site":
		return newSite(e, arg)
	case "project", "bulletin":
		s, err := dataset.Load(os.DirFS(source))
		if err != nil {
			if report(e.stderr, e.lang, err, "cli.new_needs_check") == errReported {
				return errReported
			}
			return err
		}
		if what == "project" {
			if !idPattern.MatchString(arg) {
				return usageError{i18n.M("cli.bad_id", arg)}
			}
			if len(s.Regions) == 0 || len(s.Departments) == 0 || len(s.Categories) == 0 {
				return usageError{i18n.M("cli.new_project_needs")}
			}
			files = map[string]string{filepath.Join("content", "projects", arg+".toml"): projectTemplate(s, arg)}
		} else {
			p, text, err := newBulletin(e, s, arg)
			if err != nil {
				return err
			}
			files = map[string]string{p: text}
		}
	default:
		return usageError{i18n.M("cli.new_what", what)}
	}
	return writeNew(e, source, files)
}

// writeNew writes scaffolded files, refusing to overwrite any.
func writeNew(e *env, root string, files map[string]string) error {
	names := make([]string, 0, len(files))
	for p := range files {
		names = append(names, p)
		if _, err := os.Stat(filepath.Join(root, p)); err == nil {
			return usageError{i18n.M("cli.exists", filepath.ToSlash(p))}
		}
	}
	for _, p := range sortedNames(setOf(names)) {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(files[p]), 0o644); err != nil {
			return err
		}
		e.say("cli.wrote", filepath.ToSlash(filepath.Join(root, p)))
	}
	return nil
}

func setOf(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// newBulletin scaffolds the bulletin of a month: frozen at the month's
// last report, dated that day (the office changes the issue date), and
// numbered after the previous bulletin's number.
func newBulletin(e *env, s *dataset.Site, month string) (string, string, error) {
	t, err := time.Parse("2006-01", month)
	if err != nil {
		return "", "", usageError{i18n.M("cli.bad_month", month)}
	}
	var asOf dataset.Date
	for _, r := range s.Reports {
		if r.Date.Year() == t.Year() && r.Date.Month() == t.Month() {
			asOf = r.Date
		}
	}
	if asOf.IsZero() {
		return "", "", usageError{i18n.M("cli.no_report_in", month)}
	}
	number := 1
	var prev *dataset.Bulletin
	for _, b := range s.Bulletins {
		if b.AsOf < asOf && (prev == nil || b.AsOf >= prev.AsOf) {
			prev = b
		}
	}
	if prev != nil {
		if n, ok := issueNumber(prev.Number); ok {
			number = n + 1
		}
	}
	lang, _ := i18n.Parse(s.Language)
	if lang == "" {
		lang = i18n.ZhHans
	}
	t2 := func(key string, args ...any) string { return i18n.M(key, args...).Text(lang) }
	area := t2("new.area." + s.Jurisdiction)
	issuer := s.Campaign.Issuer
	var b strings.Builder
	fmt.Fprintf(&b, "+++\n")
	fmt.Fprintf(&b, "title = %q\n", t2("new.bulletin_title", t.Year(), int(t.Month()), area))
	fmt.Fprintf(&b, "number = %q\n", t2("new.bulletin_number", number))
	fmt.Fprintf(&b, "date = %s      # %s\n", asOf, t2("new.bulletin_date_note"))
	fmt.Fprintf(&b, "as_of = %s     # %s\n", asOf, t2("new.bulletin_as_of_note"))
	if issuer != "" {
		fmt.Fprintf(&b, "issuer = %q\n", issuer)
	}
	fmt.Fprintf(&b, "+++\n")
	b.WriteString(t2("new.bulletin_body", int(asOf.Month()), asOf.Day(), area, s.Rules.RankBy[dataset.Regions]))
	return filepath.Join("content", "bulletins", month+".md"), b.String(), nil
}

// issueNumber reads the number in 第3期, No. 3, 3.
func issueNumber(s string) (int, bool) {
	var digits []rune
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, r)
		case r >= '０' && r <= '９':
			digits = append(digits, '0'+(r-'０'))
		case len(digits) > 0:
			n, err := strconv.Atoi(string(digits))
			return n, err == nil
		}
	}
	if len(digits) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(string(digits))
	return n, err == nil
}

// newSite scaffolds an empty campaign in dir that passes check: one
// region, one department, one category and a first report.
func newSite(e *env, dir string) error {
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return usageError{i18n.M("cli.new_site_not_empty", dir)}
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	lang := e.lang
	today := dataset.FromTime(time.Now())
	t2 := func(key string, args ...any) string { return i18n.M(key, args...).Text(lang) }
	files := map[string]string{
		"site.toml":                                   t2("new.site_toml", string(lang), today.String(), dataset.NewDate(today.Year(), 12, 31).String(), today.Year()),
		"content/regions/region-1.toml":               t2("new.region"),
		"content/departments/dept-1.toml":             t2("new.department"),
		"content/reports/" + today.String() + ".toml": "date = " + today.String() + "\n\n" + t2("new.report"),
		"content/_index.md":                           t2("new.index"),
	}
	return writeNew(e, dir, files)
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
