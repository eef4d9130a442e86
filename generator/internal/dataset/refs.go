package dataset

import (
	"sort"

	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/tomldoc"
)

// idNames is the ids a reference may name, with their display names, for
// "did you mean": a clerk often types the name (南曹街道) for the id.
type idNames struct {
	what  string // message key of the entity: region, department, …
	ids   map[string]bool
	names map[string]string // id → name
}

func newIDNames(what string, ids map[string]bool) *idNames {
	return &idNames{what: what, ids: ids, names: map[string]string{}}
}

// check reports val, the value at key, when it names nothing known.
func (n *idNames) check(f *file, key tomldoc.Path, val string) {
	if val != "" && n.ids != nil && !n.ids[val] {
		n.report(f, key, val, false)
	}
}

// checkKey reports the last key of path when it names nothing known:
// [projects.<id>] in a report.
func (n *idNames) checkKey(f *file, path tomldoc.Path, val string) {
	if val != "" && n.ids != nil && !n.ids[val] {
		n.report(f, path, val, true)
	}
}

// report words an unknown id, the value at key or (isKey) the last key
// of it: the name typed for the id, a likely typo, or else the ids there
// are. The choices are valid ids only: a misnamed file's name is no
// example to follow.
func (n *idNames) report(f *file, key tomldoc.Path, val string, isKey bool) {
	msg := "ref."
	if isKey {
		msg = "ref.key_"
	}
	f.bad[key.String()] = true
	if f.n >= maxFileProblems {
		f.full()
		return
	}
	for _, id := range sortedKeys(n.names) {
		if n.names[id] == val && idRule.MatchString(id) {
			want := key.String() + ` = "` + id + `"`
			if isKey {
				want = key[:len(key)-1].Key(id).String()
			}
			f.add(key, msg+"name_for_id", key.String(), i18n.Quoted(val), i18n.M("entity."+n.what), id, want)
			return
		}
	}
	var ids []string
	for _, id := range sortedKeys(n.ids) {
		if idRule.MatchString(id) {
			ids = append(ids, id)
		}
	}
	if near := nearest(val, ids); near != "" {
		f.add(key, msg+"unknown_near", key.String(), i18n.Quoted(val), i18n.M("entity."+n.what), n.code(near))
		return
	}
	f.add(key, msg+"unknown", key.String(), i18n.Quoted(val), i18n.M("entity."+n.what), n.choices(ids), i18n.M("where."+n.what))
}

// name records the name of id, and of the id a misnamed file gets once
// renamed as its message says (see loader.renamed).
func (n *idNames) name(id, name string) {
	n.names[id] = name
	if !idRule.MatchString(id) {
		if s := suggestID(id); s != "" {
			n.names[s] = name
		}
	}
}

func (n *idNames) code(id string) i18n.Code {
	if name := n.names[id]; name != "" {
		return i18n.Code{Value: id, Gloss: i18n.M("raw", name)}
	}
	return i18n.Code{Value: id}
}

// choices lists the valid ids with their names, shortened when many.
func (n *idNames) choices(ids []string) i18n.Worder {
	if len(ids) == 0 {
		return i18n.Plain{}
	}
	cut := len(ids) > 12
	if cut {
		ids = ids[:12]
	}
	cs := make(i18n.Codes, 0, len(ids)+1)
	for _, id := range ids {
		cs = append(cs, n.code(id))
	}
	if cut {
		cs = append(cs, i18n.Code{Value: "…"})
	}
	return cs
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// checkReferences runs the checks that need more than one file: every
// reference resolves, and cumulative figures only go down with
// `correction = true`.
func (l *loader) checkReferences() {
	s := l.site
	regions := newIDNames("region", l.regionIDs)
	for _, u := range s.Regions {
		regions.name(u.ID, u.Name)
	}
	depts := newIDNames("department", l.departmentIDs)
	for _, u := range s.Departments {
		depts.name(u.ID, u.Name)
	}
	projects := newIDNames("project", l.projectIDs)
	for _, p := range s.Projects {
		projects.name(p.ID, p.Name)
	}
	var cats, lists, sectors *idNames
	if l.groupsKnown {
		cats, lists, sectors = groupNames("category", s.Categories), groupNames("list", s.Lists), groupNames("sector", s.Sectors)
	}

	for _, p := range s.Projects {
		o := l.projectObjs[p.ID]
		if !o.isBad("region") {
			regions.check(o.f, o.key("region"), p.Region)
		}
		if !o.isBad("owner") {
			depts.check(o.f, o.key("owner"), p.Owner)
		}
		if cats != nil && !o.isBad("category") {
			cats.check(o.f, o.key("category"), p.Category)
		}
		if lists != nil {
			for i, id := range p.Lists {
				lists.check(o.f, o.key("lists").Index(i), id)
			}
		}
	}

	// Cumulative figures are compared with the same series' figure in the
	// report before, within a year.
	type series struct{ kind, id, key string }
	type figure struct {
		date Date
		v    exact.Dec
	}
	last := map[series]figure{}
	down := func(o *obj, path tomldoc.Path, k series, date Date, v Opt, corr bool) {
		if !v.OK {
			return
		}
		// A correction flag written wrong was reported; what it would
		// have allowed is not reported as well.
		if prev, ok := last[k]; ok && prev.date.Year() == date.Year() && v.V < prev.v && !corr &&
			!o.f.bad[path[:len(path)-1].Key("correction").String()] {
			o.f.add(path, "report.went_down", path.String(), prev.v.String(), prev.date.String(), v.V.String())
		}
		last[k] = figure{date, v.V}
	}
	for _, r := range s.Reports {
		o := l.reportObjs[r.Date]
		if st := r.Stats; st != nil {
			if sectors != nil {
				for _, id := range sortedKeys(st.Sectors) {
					sectors.checkKey(o.f, tomldoc.Path{}.Key("stats").Key("sectors").Key(id), id)
				}
			}
			down(o, o.key("stats").Key("fai"), series{"stats", "", "fai"}, r.Date, st.FAI, st.Correction)
			down(o, o.key("stats").Key("funds"), series{"stats", "", "funds"}, r.Date, st.Funds, st.Correction)
		}
		for _, kind := range []struct {
			key string
			ref *idNames
			m   map[string]*UnitStats
		}{{Regions, regions, r.Regions}, {Departments, depts, r.Departments}} {
			for _, id := range sortedKeys(kind.m) {
				p := o.key(kind.key).Key(id)
				if !kind.ref.ids[id] {
					kind.ref.checkKey(o.f, p, id)
					continue
				}
				st := kind.m[id]
				down(o, p.Key("fai"), series{kind.key, id, "fai"}, r.Date, st.FAI, st.Correction)
				down(o, p.Key("funds"), series{kind.key, id, "funds"}, r.Date, st.Funds, st.Correction)
			}
		}
		for _, e := range r.Projects {
			p := o.key("projects").Key(e.ID)
			if !l.projectIDs[e.ID] {
				projects.checkKey(o.f, p, e.ID)
				continue
			}
			down(o, p.Key("completed"), series{"project", e.ID, "completed"}, r.Date, e.Completed, e.Correction)
			down(o, p.Key("funds"), series{"project", e.ID, "funds"}, r.Date, e.Funds, e.Correction)
		}
	}
}

func groupNames(what string, gs []*Group) *idNames {
	n := newIDNames(what, map[string]bool{})
	for _, g := range gs {
		n.ids[g.ID] = true
		n.names[g.ID] = g.Name
	}
	return n
}
