package dataset

import (
	"path"
	"sort"
	"strings"

	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
)

func (l *loader) loadReports() {
	paths, refused := l.files("content/reports", ".toml")
	for _, p := range refused {
		if d, ok := reportFileDate(p); ok {
			l.reportDates[d] = true
		}
	}
	type result struct {
		r    *Report
		o    *obj
		errs ErrorList
	}
	res := make([]result, len(paths))
	parallel(len(paths), func(i int) {
		res[i].r, res[i].o = l.decodeReport(paths[i], &res[i].errs)
	})
	for i, x := range res {
		l.errs = append(l.errs, x.errs...)
		if d, ok := reportFileDate(paths[i]); ok {
			l.reportDates[d] = true
		}
		if x.r == nil || x.r.Date.IsZero() {
			continue
		}
		x.o.f.errs = &l.errs
		l.reportObjs[x.r.Date] = x.o
		l.site.Reports = append(l.site.Reports, x.r)
	}
	sort.Slice(l.site.Reports, func(i, j int) bool { return l.site.Reports[i].Date < l.site.Reports[j].Date })
}

// reportFileDate is the date a report's file name gives.
func reportFileDate(p string) (Date, bool) {
	d, err := ParseDate(strings.TrimSuffix(path.Base(p), ".toml"))
	return d, err == nil && d.Year() >= 1900 && d.Year() <= 2200
}

// decodeReport reads one report file; it shares nothing, so reports
// decode in parallel.
func (l *loader) decodeReport(p string, errs *ErrorList) (*Report, *obj) {
	base := strings.TrimSuffix(path.Base(p), ".toml")
	fileDate, named := reportFileDate(p)
	if !named {
		errs.Add(p, 1, "report.file_name", i18n.Quoted(base))
	}
	src, ok := l.r.readFile(p, errs)
	if !ok {
		return nil, nil
	}
	o := l.parse(p, src, 0, errs)
	if o == nil {
		return nil, nil
	}
	// The file name is the report's identity; a date key that disagrees
	// is reported, and the name wins so that one slip is one problem.
	r := &Report{Date: o.date("date", !named)}
	if named {
		if !r.Date.IsZero() && r.Date != fileDate {
			o.f.add(o.key("date"), "report.date_differs", r.Date.String(), base)
		}
		r.Date = fileDate
	}
	if st := o.table("stats"); st != nil {
		r.Stats = unitStats(st, true)
	}
	r.Regions = unitTables(o, Regions)
	r.Departments = unitTables(o, Departments)
	if ps := o.table("projects"); ps != nil {
		ids := ps.keys()
		r.Projects = make([]Entry, 0, len(ids))
		for _, id := range ids {
			e := ps.table(id)
			if e == nil {
				continue
			}
			r.Projects = append(r.Projects, Entry{
				ID:         id,
				Completed:  e.opt("completed", decAmount),
				Funds:      e.opt("funds", decAmount),
				Note:       e.str("note", false),
				Correction: e.boolean("correction"),
			})
			e.done()
		}
	}
	o.done()
	return r, o
}

func unitStats(o *obj, campaign bool) *UnitStats {
	st := &UnitStats{
		FAI:        o.opt("fai", decAmount),
		FAIGrowth:  o.opt("fai_growth", decSigned),
		Funds:      o.opt("funds", decAmount),
		Correction: o.boolean("correction"),
	}
	if campaign {
		if sec := o.table("sectors"); sec != nil {
			st.Sectors = map[string]exact.Dec{}
			for _, k := range sec.keys() {
				if v, ok := sec.decimal(k, decSigned); ok {
					st.Sectors[k] = v
				}
			}
		}
	}
	o.done()
	return st
}

func unitTables(o *obj, kind string) map[string]*UnitStats {
	t := o.table(kind)
	if t == nil {
		return map[string]*UnitStats{}
	}
	out := map[string]*UnitStats{}
	for _, id := range t.keys() {
		if u := t.table(id); u != nil {
			out[id] = unitStats(u, false)
		}
	}
	return out
}
