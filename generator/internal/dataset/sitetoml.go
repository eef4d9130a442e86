package dataset

import (
	"sort"

	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
)

// loadSite reads site.toml. Its limits apply to every file read after it.
func (l *loader) loadSite() {
	src, exists, ok := l.r.fileAt("site.toml", &l.errs)
	if !exists {
		l.errs.Add("site.toml", 0, "site.missing")
		return
	}
	if !ok {
		return
	}
	o := l.parse("site.toml", src, 0, &l.errs)
	if o == nil {
		return
	}
	l.siteObj = o
	l.groupsKnown = true
	s := l.site
	s.Title = o.str("title", true)
	s.BaseURL = o.str("base_url", false)
	s.Language = o.oneOf("language", "zh-Hans", Languages, languageAliases)
	s.MoneyUnit = o.oneOf("money_unit", "亿元", MoneyUnits, moneyAliases)
	s.Jurisdiction = o.oneOf("jurisdiction", "district", Jurisdictions, jurisdictionAliases)
	s.UnsafeHTML = o.boolean("unsafe_html")
	if st := o.table("strings"); st != nil {
		s.Strings = map[string]string{}
		s.StringLines = map[string]int{}
		for _, k := range st.keys() {
			if v := st.str(k, false); v != "" || !st.isBad(k) {
				s.Strings[k] = v
				s.StringLines[k] = st.f.line(st.key(k))
			}
		}
	}
	if lim := o.table("limits"); lim != nil {
		if mb, ok := lim.integer("max_file_mb", i18n.M("want.int_range", 1, 1024)); ok {
			if mb < 1 || mb > 1024 {
				lim.wrong("max_file_mb", mb, i18n.M("want.int_range", 1, 1024))
			} else {
				s.Limits.FileBytes = mb << 20
			}
		}
		if kb, ok := lim.integer("max_markdown_kb", i18n.M("want.int_range", 16, 65536)); ok {
			if kb < 16 || kb > 65536 {
				lim.wrong("max_markdown_kb", kb, i18n.M("want.int_range", 16, 65536))
			} else {
				s.Limits.MarkdownBytes = kb << 10
			}
		}
		if d, ok := lim.integer("max_depth", i18n.M("want.int_range", 8, 1000)); ok {
			if d < 8 || d > 1000 {
				lim.wrong("max_depth", d, i18n.M("want.int_range", 8, 1000))
			} else {
				s.Limits.Depth = int(d)
			}
		}
		lim.done()
	}
	l.lim = s.Limits
	l.r.limit, l.r.mdLimit = s.Limits.FileBytes, s.Limits.MarkdownBytes

	if c := o.table("campaign"); c != nil {
		s.Campaign.Name = c.str("name", true)
		s.Campaign.Issuer = c.str("issuer", false)
		s.Campaign.Document = c.str("document", false)
		s.Campaign.Start = c.date("start", true)
		s.Campaign.End = c.date("end", true)
		if y, ok := c.integer("year", i18n.M("want.year")); ok {
			if y < 1900 || y > 2200 {
				c.wrong("year", y, i18n.M("want.year"))
			} else {
				s.Campaign.Year = int(y)
			}
		} else if !s.Campaign.Start.IsZero() {
			s.Campaign.Year = s.Campaign.Start.Year()
		}
		order(c, "start", s.Campaign.Start, "end", s.Campaign.End)
		c.done()
	} else {
		o.missing("campaign", i18n.M("want.campaign"))
	}

	var refs []targetRef
	s.Categories, refs = l.groups(o, "categories", ScopeCategory, refs)
	s.Lists, refs = l.groups(o, "lists", ScopeList, refs)
	s.Sectors, refs = l.groups(o, "sectors", ScopeSector, refs)
	var own []targetRef
	s.Targets, own = readTargets(o, ScopeCampaign, "")
	l.targetRefs = append(l.targetRefs, append(refs, own...)...)
	l.rules(o)
	l.importMap(o)
	o.done()
}

// groups reads [[categories]], [[lists]] or [[sectors]].
func (l *loader) groups(o *obj, k, scope string, refs []targetRef) ([]*Group, []targetRef) {
	var out []*Group
	seen := map[string]*obj{}
	for _, t := range o.tables(k) {
		g := &Group{ID: t.id("id"), Name: t.str("name", true)}
		var own []targetRef
		g.Targets, own = readTargets(t, scope, g.ID)
		refs = append(refs, own...)
		if first, dup := seen[g.ID]; dup && g.ID != "" {
			t.f.add(t.key("id"), "id.duplicate", t.name("id"), i18n.Quoted(g.ID), first.f.line(first.key("id")))
		} else {
			seen[g.ID] = t
		}
		t.done()
		out = append(out, g)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, refs
}

// rules reads [rules].
func (l *loader) rules(o *obj) {
	s := l.site
	s.Rules = Rules{
		SlowBelow:     exact.MustInt(50),
		RankingPeriod: "month",
		RankBy:        map[string]string{Regions: "fai_growth", Departments: "completion_rate"},
		Escalation:    map[string][]string{},
	}
	r := o.table("rules")
	if r == nil {
		return
	}
	if v, ok := r.decimal("slow_below", decPercent); ok {
		if v > exact.MustInt(100) {
			r.f.add(r.key("slow_below"), "key.type", r.name("slow_below"), i18n.M("got.number", v.String()), i18n.M("want.percent"))
		} else {
			s.Rules.SlowBelow = v
		}
	}
	s.Rules.RankingPeriod = r.oneOf("ranking_period", "month", RankingPeriods, periodAliases)
	if rb := r.table("rank_by"); rb != nil {
		rankable := metricCodes(func(d Def) bool { return d.Rankable })
		for _, kind := range UnitKinds {
			if _, ok := rb.m[kind]; ok {
				s.Rules.RankBy[kind] = rb.oneOf(kind, "", rankable, nil)
			}
		}
		rb.done()
	}
	v, ok := r.get("escalation")
	switch {
	case !ok:
	case isArray(v):
		// The first edition's form applied one ladder to every board.
		r.f.bad[r.key("escalation").String()] = true
		r.f.add(r.key("escalation"), "rules.escalation_array", `escalation = { regions = ["通报批评", "分管领导约谈", "主要领导约谈"] }`)
	default:
		if esc := r.table("escalation"); esc != nil {
			for _, k := range esc.keys() {
				if !contains(UnitKinds, k) {
					continue // done() reports it
				}
				s.Rules.Escalation[k] = esc.strs(k)
			}
			for _, kind := range UnitKinds {
				esc.known = append(esc.known, kind)
			}
			esc.done()
		}
	}
	r.done()
}

func isArray(v any) bool {
	switch v.(type) {
	case []any, []map[string]any:
		return true
	}
	return false
}

// importMap reads [import]: how an office's own dispatch table maps to
// report fields.
func (l *loader) importMap(o *obj) {
	im := o.table("import")
	if im == nil {
		return
	}
	m := &l.site.Import
	m.Sheets = im.strs("sheets")
	if n, ok := im.integer("header_rows", i18n.M("want.int_range", 1, 10)); ok {
		if n < 1 || n > 10 {
			im.wrong("header_rows", n, i18n.M("want.int_range", 1, 10))
		} else {
			m.HeaderRows = int(n)
		}
	}
	if _, ok := im.m["unit"]; ok {
		m.Unit = im.oneOf("unit", "", MoneyUnits, moneyAliases)
	}
	if cols := im.table("columns"); cols != nil {
		m.Columns = map[string]string{}
		fields := codes("import_field.", ImportFields...)
		for _, k := range cols.keys() {
			if f := cols.oneOf(k, "", fields, nil); f != "" {
				m.Columns[k] = f
			}
		}
		cols.done()
	}
	im.done()
}

// ImportFields are the report fields a dispatch table's column can fill.
var ImportFields = []string{"id", "name", "owner", "completed", "funds", "note", "correction", "ignore"}

// metricCodes are the metric names for which keep holds, as codes.
func metricCodes(keep func(Def) bool) i18n.Codes {
	var out i18n.Codes
	for _, n := range NamesWhere(keep) {
		out = append(out, i18n.Code{Value: n, Gloss: i18n.M("metric." + n)})
	}
	return out
}

// order reports a later date that comes before an earlier one.
func order(o *obj, k1 string, d1 Date, k2 string, d2 Date) {
	if !d1.IsZero() && !d2.IsZero() && d2 < d1 {
		o.f.add(o.key(k2), "date.order", o.name(k2), d2.String(), o.name(k1), d1.String())
	}
}
