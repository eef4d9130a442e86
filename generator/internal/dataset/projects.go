package dataset

import (
	"path"
	"sort"
	"strconv"

	"gongjian/generator/internal/i18n"
)

func (l *loader) loadProjects() {
	var paths []string
	listing, refused := l.files("content/projects", ".toml", ".md")
	for _, p := range refused {
		if path.Ext(p) == ".toml" {
			l.projectIDs[baseID(p)] = true
		}
	}
	l.projectMDs = nil
	for _, p := range listing {
		if path.Ext(p) == ".toml" {
			paths = append(paths, p)
		} else {
			l.projectMDs = append(l.projectMDs, p)
		}
	}
	type result struct {
		id   string
		pr   *Project
		o    *obj
		errs ErrorList
	}
	res := make([]result, len(paths))
	year := l.site.Campaign.Year
	parallel(len(paths), func(i int) {
		r := &res[i]
		r.id, _ = fileID(paths[i], &r.errs)
		r.pr, r.o = l.decodeProject(paths[i], r.id, year, &r.errs)
	})
	for _, r := range res {
		l.errs = append(l.errs, r.errs...)
		l.projectIDs[r.id] = true
		l.renamed(l.projectIDs, r.id)
		if r.pr != nil {
			r.o.f.errs = &l.errs // later cross-file checks report here
			l.projectObjs[r.id] = r.o
			l.site.Projects = append(l.site.Projects, r.pr)
		}
	}
	sort.Slice(l.site.Projects, func(i, j int) bool { return l.site.Projects[i].ID < l.site.Projects[j].ID })
}

// decodeProject reads one project file; it touches nothing shared, so
// files decode in parallel.
func (l *loader) decodeProject(p, id string, year int, errs *ErrorList) (*Project, *obj) {
	src, ok := l.r.readFile(p, errs)
	if !ok {
		return nil, nil
	}
	o := l.parse(p, src, 0, errs)
	if o == nil {
		return nil, nil
	}
	pr := &Project{ID: id}
	pr.Name = o.str("name", true)
	pr.Region = o.ref("region", true, i18n.M("want.region_id"))
	pr.Owner = o.ref("owner", true, i18n.M("want.department_id"))
	pr.Leader = o.str("leader", false)
	pr.Company = o.str("company", false)
	pr.Category = o.ref("category", true, i18n.M("want.category_id"))
	pr.Lists = dedupe(o.strs("lists"))
	pr.Total, _ = o.amount("total")
	pr.Plan = yearAmounts(o, "plan", year)
	pr.Prior, _ = o.amount("prior")
	pr.FundsPlan = yearAmounts(o, "funds_plan", year)
	pr.StartPlanned = o.date("start_planned", false)
	pr.StartActual = o.date("start_actual", false)
	pr.FinishPlanned = o.date("finish_planned", false)
	pr.FinishActual = o.date("finish_actual", false)
	pr.Reserve = o.boolean("reserve")
	pr.Signed = o.date("signed", false)
	pr.Landed = o.date("landed", false)
	order(o, "start_planned", pr.StartPlanned, "finish_planned", pr.FinishPlanned)
	order(o, "start_actual", pr.StartActual, "finish_actual", pr.FinishActual)
	order(o, "signed", pr.Signed, "landed", pr.Landed)
	// A start_actual that is present but wrong was reported already; it is
	// not also "missing" for the finish.
	if !pr.FinishActual.IsZero() && pr.StartActual.IsZero() && !o.isBad("start_actual") {
		o.f.add(o.key("finish_actual"), "project.finish_without_start")
	}
	for _, a := range o.tables("approvals") {
		ap := Approval{Kind: a.oneOf("kind", "", ApprovalKinds, approvalAliases), Due: a.date("due", true), Done: a.date("done", false)}
		a.done()
		pr.Approvals = append(pr.Approvals, ap)
	}
	for _, m := range o.tables("milestones") {
		ms := Milestone{Name: m.str("name", true), Due: m.date("due", true), Done: m.date("done", false)}
		m.done()
		pr.Milestones = append(pr.Milestones, ms)
	}
	for _, q := range o.tables("problems") {
		pb := Problem{Text: q.str("text", true), Raised: q.date("raised", true),
			Level: q.oneOf("level", "county", ProblemLevels, levelAliases), Resolved: q.date("resolved", false)}
		order(q, "raised", pb.Raised, "resolved", pb.Resolved)
		q.done()
		pr.Problems = append(pr.Problems, pb)
	}
	o.done()
	return pr, o
}

func dedupe(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// yearAmounts reads `plan = n` (for campaign.year) or a [plan] table of
// years (likewise funds_plan).
func yearAmounts(o *obj, k string, year int) YearAmounts {
	v, ok := o.m[k]
	if !ok {
		o.known = append(o.known, k)
		return nil
	}
	if _, isTable := v.(map[string]any); isTable {
		t := o.table(k)
		var out YearAmounts
		for _, yk := range t.keys() {
			y, err := strconv.Atoi(yk)
			if err != nil || y < 1900 || y > 2200 {
				t.f.add(t.key(yk), "plan.year", t.name(yk), i18n.Quoted(yk), k)
				t.known = append(t.known, yk)
				continue
			}
			if a, ok := t.amount(yk); ok {
				out = append(out, YearAmount{Year: y, Amount: a})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
		return out
	}
	a, ok := o.amount(k)
	if !ok || year == 0 { // year 0: site.toml is broken, reported there
		return nil
	}
	return YearAmounts{{Year: year, Amount: a}}
}
