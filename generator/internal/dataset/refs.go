package dataset

import (
	"runtime"
	"sort"
	"strings"
	"sync"
)

// checkReferences runs the checks that need more than one file: every
// reference resolves, and cumulative figures only go down with
// `correction = true`.
func (l *loader) checkReferences() {
	s := l.site
	cats := idSet(len(s.Categories), func(i int) string { return s.Categories[i].ID })
	lists := idSet(len(s.Lists), func(i int) string { return s.Lists[i].ID })
	sectors := idSet(len(s.Sectors), func(i int) string { return s.Sectors[i].ID })

	for _, p := range s.Projects {
		f := l.projectFiles[p.ID]
		ref := func(key []string, val, what string, set map[string]bool, where string) {
			if val != "" && set != nil && !set[val] {
				f.errorf(key, "%s %q is not a known %s (expected one of: %s — %s)", name(key), val, what, keysOf(set), where)
			}
		}
		ref([]string{"region"}, p.Region, "region", l.regionIDs, "files in content/regions/")
		ref([]string{"owner"}, p.Owner, "department", l.departmentIDs, "files in content/departments/")
		if l.groupsKnown {
			ref([]string{"category"}, p.Category, "category", cats, "[[categories]] in site.toml")
		}
		first := map[string]int{}
		for i, id := range p.Lists {
			key := []string{"lists", index(i)}
			if l.groupsKnown {
				ref(key, id, "list", lists, "[[lists]] in site.toml")
			}
			if j, dup := first[id]; dup && id != "" {
				f.errorf(key, "%s %q repeats lists[%d] (expected each list once)", name(key), id, j+1)
			} else {
				first[id] = i
			}
		}
	}

	// Cumulative figures are compared with the same series' figure in the
	// report before (reports are sorted by date), kept here by series:
	// "stats", or a region's, department's or project's figure.
	type series struct{ kind, id string }
	last := map[series]figure{}
	add := func(kind, id string, r *Report, f *tomlFile, v *float64, corr bool, key ...string) {
		if v == nil {
			return
		}
		k := series{kind, id}
		if prev, ok := last[k]; ok && prev.date.Year() == r.Date.Year() && *v < prev.value && !corr {
			f.errorf(key, "%s went down from %s (report %s) to %s (expected a year-to-date figure ≥ %s, or correction = true if the earlier figure was wrong)",
				name(key), formatFloat(prev.value), prev.date, formatFloat(*v), formatFloat(prev.value))
		}
		last[k] = figure{r.Date, *v}
	}
	for _, r := range s.Reports {
		f := l.reportFiles[r.Date]
		checkSectors := func(st *UnitStats, key ...string) {
			if st == nil || !l.groupsKnown {
				return
			}
			for _, id := range sortedKeys(st.Sectors) {
				if !sectors[id] {
					k := append(key, "sectors", id)
					f.errorf(k, "%s: there is no sector %q (expected one of: %s — [[sectors]] in site.toml)", name(k), id, keysOf(sectors))
				}
			}
		}
		if r.Stats != nil {
			checkSectors(r.Stats, "stats")
			add("stats", "", r, f, r.Stats.FAI, r.Stats.Correction, "stats", "fai")
		}
		for _, kind := range []struct {
			key, what string
			m         map[string]*UnitStats
			set       map[string]bool
		}{{"regions", "region", r.Regions, l.regionIDs}, {"departments", "department", r.Departments, l.departmentIDs}} {
			for _, id := range sortedKeys(kind.m) {
				st := kind.m[id]
				if !kind.set[id] {
					k := []string{kind.key, id}
					f.errorf(k, "%s: there is no %s %q (expected one of: %s — files in content/%s/)", name(k), kind.what, id, keysOf(kind.set), kind.key)
					continue
				}
				checkSectors(st, kind.key, id)
				add(kind.key, id, r, f, st.FAI, st.Correction, kind.key, id, "fai")
			}
		}
	}

	// Project entries, on every core (a large site has millions): each
	// report's unknown ids, and each project's figures through the
	// reports in date order. Problems are rare; reporting one takes the
	// lock (a file's lines are scanned on its first problem).
	var mu sync.Mutex
	errorf := func(f *tomlFile, key []string, format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		f.errorf(key, format, args...)
	}
	parallel(len(s.Reports), func(i int) {
		r := s.Reports[i]
		for _, e := range r.Projects {
			if _, ok := l.known.index[e.ID]; !ok {
				k := []string{"projects", e.ID}
				errorf(l.reportFiles[r.Date], k, "%s: there is no project %q (expected one of: %s — files in content/projects/)", name(k), e.ID, keysOf(l.projectIDs))
			}
		}
	})
	// Each project's lines in date order: the reports' lines are in id
	// order, as the projects are, so each block of projects walks every
	// report from where its first project's lines begin.
	blocks := blocksOf(len(s.Projects))
	parallel(len(blocks)-1, func(b int) {
		lo, hi := blocks[b], blocks[b+1]
		if lo == hi {
			return
		}
		next := make([]int, len(s.Reports))
		for i, r := range s.Reports {
			next[i] = sort.Search(len(r.Projects), func(k int) bool { return r.Projects[k].ID >= s.Projects[lo].ID })
		}
		for _, p := range s.Projects[lo:hi] {
			id := p.ID
			var completed, funds figure // date 0: none yet
			check := func(p *figure, r *Report, v *float64, corr bool, what string) {
				if v == nil {
					return
				}
				if !p.date.IsZero() && p.date.Year() == r.Date.Year() && *v < p.value && !corr {
					key := []string{"projects", id, what}
					errorf(l.reportFiles[r.Date], key, "%s went down from %s (report %s) to %s (expected a year-to-date figure ≥ %s, or correction = true if the earlier figure was wrong)",
						name(key), formatFloat(p.value), p.date, formatFloat(*v), formatFloat(p.value))
				}
				*p = figure{r.Date, *v}
			}
			for i, r := range s.Reports {
				var e *Entry
				if e, next[i] = SeekEntry(r.Projects, next[i], id); e != nil {
					check(&completed, r, e.Completed, e.Correction, "completed")
					check(&funds, r, e.Funds, e.Correction, "funds")
				}
			}
		}
	})
}

// blocksOf splits n items into runs for parallel: their bounds, a few
// runs per core so that one slow run does not leave a core idle.
func blocksOf(n int) []int {
	parts := min(n, 4*runtime.GOMAXPROCS(0))
	out := make([]int, parts+1)
	for i := range out {
		out[i] = i * n / max(parts, 1)
	}
	return out
}

// figure is a series' cumulative figure in a report.
type figure struct {
	date  Date
	value float64
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func idSet(n int, id func(int) string) map[string]bool {
	m := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		m[id(i)] = true
	}
	return m
}

// keysOf lists a set's ids for a hint, shortened when there are many.
func keysOf(set map[string]bool) string {
	ks := sortedKeys(set)
	if len(ks) == 0 {
		return "none defined"
	}
	if len(ks) > 8 {
		return strings.Join(ks[:8], ", ") + ", …"
	}
	return strings.Join(ks, ", ")
}
