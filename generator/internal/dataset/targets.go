package dataset

import (
	"sort"

	"gongjian/generator/internal/i18n"
)

// targetRef is a target with where it was written, for the checks that
// need the whole site (a department target on a statistic needs a report
// that gives departments that statistic).
type targetRef struct {
	o     *obj // the [[targets]] table
	scope string
	id    string
	t     Target
}

// readTargets reads the [[targets]] of a table. The metric's validity for
// its scope is checked once everything is loaded (checkTargets).
func readTargets(o *obj, scope, id string) ([]Target, []targetRef) {
	var out []Target
	var refs []targetRef
	for _, t := range o.tables("targets") {
		var tg Target
		tg.Metric = t.oneOf("metric", "", metricCodes(func(d Def) bool { return d.Target }), nil)
		v, ok := t.decimal("value", decSigned)
		if !ok && !t.isBad("value") {
			t.missing("value", i18n.M("want.number"))
		}
		tg.Value = v
		tg.By = t.date("by", true)
		t.done()
		out = append(out, tg)
		if tg.Metric != "" && ok && tg.By != 0 {
			refs = append(refs, targetRef{o: t, scope: scope, id: id, t: tg})
		}
	}
	return out, refs
}

// allowedTargets are the metrics a scope kind may have targets on, apart
// from the report-dependent rule for departments.
func allowedTargets(scope string) []string {
	return NamesWhere(func(d Def) bool {
		if !d.Target {
			return false
		}
		switch scope {
		case ScopeSector:
			return d.Name == "fai_growth"
		case ScopeList, ScopeCategory:
			return d.Group
		}
		return true
	})
}

// checkTargets reports targets their scope cannot have (metrics.md fine
// point 11) and pace milestones that go down within a year.
func (l *loader) checkTargets() {
	deptStat := map[string]bool{}
	for _, r := range l.site.Reports {
		for _, st := range r.Departments {
			if st.FAI.OK {
				deptStat["fai"] = true
			}
			if st.FAIGrowth.OK {
				deptStat["fai_growth"] = true
			}
		}
	}
	type paceKey struct {
		scope, id string
		year      int
	}
	paces := map[paceKey][]targetRef{}
	for _, ref := range l.targetRefs {
		m := ref.t.Metric
		allowed := allowedTargets(ref.scope)
		switch {
		case !contains(allowed, m):
			ref.o.f.add(ref.o.key("metric"), "target.scope", ref.o.name("metric"), m,
				i18n.M("scope."+ref.scope), metricList(allowed))
			continue
		case ref.scope == ScopeDepartment && (m == "fai" || m == "fai_growth") && !deptStat[m]:
			ref.o.f.add(ref.o.key("metric"), "target.department_stat", ref.o.name("metric"), m)
			continue
		}
		if d, _ := Lookup(m); d.Unit == Count && ref.t.Value.Num().Round(0).Cmp(ref.t.Value.Num()) != 0 {
			ref.o.f.add(ref.o.key("value"), "target.count_whole", ref.o.name("value"), ref.t.Value.String())
		}
		if m == "pace" {
			k := paceKey{ref.scope, ref.id, ref.t.By.Year()}
			paces[k] = append(paces[k], ref)
		}
	}
	keys := make([]paceKey, 0, len(paces))
	for k := range paces {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.scope != b.scope {
			return a.scope < b.scope
		}
		if a.id != b.id {
			return a.id < b.id
		}
		return a.year < b.year
	})
	for _, k := range keys {
		refs := paces[k]
		sort.SliceStable(refs, func(i, j int) bool { return refs[i].t.By < refs[j].t.By })
		for i := 1; i < len(refs); i++ {
			prev, cur := refs[i-1], refs[i]
			if cur.t.Value < prev.t.Value {
				cur.o.f.add(cur.o.key("value"), "target.pace_down", cur.o.name("value"), cur.t.Value.String(),
					cur.t.By.String(), prev.t.Value.String(), prev.t.By.String())
			}
		}
	}
}

func metricList(names []string) i18n.Codes {
	out := make(i18n.Codes, len(names))
	for i, n := range names {
		out[i] = i18n.Code{Value: n, Gloss: i18n.M("metric." + n)}
	}
	return out
}
