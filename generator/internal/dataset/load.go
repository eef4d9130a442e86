// Package dataset reads a campaign's site.toml and content/ into a typed,
// validated model (docs/data-format.md). It is strict: an unknown key, a
// wrong type, a dangling reference, a bad id, an impossible value or a
// target its scope cannot have is an Error naming the file, the line and
// what was expected, and Load reports all of them at once.
//
// Errors are messages (package i18n), worded when printed in the site's
// language or the one the person at the terminal asks for:
//
//	content/projects/p1.toml:7: total is the string "38" (expected a number ≥ 0 with at most 4 digits after the point)
//	content/projects/p1.toml:7: total 写成了字符串“38”（应为 ≥ 0 的数字，小数点后最多 4 位）
//
// The mistakes of a Chinese input method — 2023年4月10日, ０.８０, “…”,
// 1,234, 15%, 1.54 亿元 — are recognised (package tomldoc) and the message
// says exactly what to type instead. A value already reported is not
// reported again by checks that depend on it, and a broken file is one
// problem, not one more per reference to it.
//
// Every file is read through listings that admit only regular files and
// directories (a symbolic link is an error: it could publish any file of
// the build machine), under a size limit.
package dataset

import (
	"io/fs"

	"gongjian/generator/internal/i18n"

	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
)

// reservedSlugs are top-level paths the generator writes itself; a page
// content/<slug>.md may not take them.
var reservedSlugs = []string{
	"bulletins", "categories", "changes", "data", "departments", "lists", "projects",
	"rankings", "regions", "assets", "404", "feed", "sitemap",
}

// loader carries the state of one Load.
type loader struct {
	r    reader
	lim  Limits
	errs ErrorList
	site *Site

	// What exists, whether or not its file decoded: a broken file is
	// reported once, and references to it are not reported again.
	regionIDs, departmentIDs, projectIDs map[string]bool
	reportDates                          map[Date]bool
	groupsKnown                          bool // site.toml decoded: categories, lists and sectors are known

	// Where things were written, for cross-file messages.
	projectObjs map[string]*obj // id → its decoded file
	reportObjs  map[Date]*obj
	siteObj     *obj
	targetRefs  []targetRef
	projectMDs  []string // content/projects/*.md

	filesMu sync.Mutex
	docs    []*file // every TOML document decoded
}

// Load reads site.toml and content/ from fsys (the site root). On any
// problem it returns an ErrorList with every problem found.
func Load(fsys fs.FS) (*Site, error) {
	l := &loader{
		r:         reader{fsys: fsys, limit: DefaultLimits.FileBytes, mdLimit: DefaultLimits.MarkdownBytes},
		lim:       DefaultLimits,
		site:      &Site{Limits: DefaultLimits},
		regionIDs: map[string]bool{}, departmentIDs: map[string]bool{}, projectIDs: map[string]bool{},
		reportDates: map[Date]bool{}, projectObjs: map[string]*obj{}, reportObjs: map[Date]*obj{},
	}
	l.loadSite()
	l.checkContentDir()
	l.site.Regions = l.loadUnits("content/regions", l.regionIDs, true)
	l.site.Departments = l.loadUnits("content/departments", l.departmentIDs, false)
	l.loadProjects()
	l.loadReports()
	l.loadMarkdown()
	l.checkReferences()
	l.checkTargets()
	for _, f := range l.docs {
		if f.more > 0 {
			l.errs.Add(f.path, strings.Count(f.doc.Src(), "\n")+1+f.offset, "content.more_problems", f.more, maxFileProblems)
		}
	}
	if err := l.errs.Err(); err != nil {
		return nil, err
	}
	return l.site, nil
}

// parallel runs fn(0…n-1) on every core; fn must only touch its own index.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		}()
	}
	wg.Wait()
}

// checkContentDir reports what content/ holds that nothing reads.
func (l *loader) checkContentDir() {
	known := []string{"regions", "departments", "projects", "reports", "bulletins"}
	entries, _ := l.r.dirEntries("content", &l.errs)
	for _, e := range entries {
		n := e.Name()
		p := "content/" + n
		if e.IsDir() {
			if !contains(known, n) {
				l.errs.Add(p, 0, "content.unexpected_dir", i18n.Plain(known))
			}
			continue
		}
		if path.Ext(n) != ".md" {
			l.errs.Add(p, 1, "content.unexpected_file")
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// files lists the regular files of dir with extension ext (sorted);
// anything else in dir is reported. refused are the files of those
// extensions that were reported as links or devices.
func (l *loader) files(dir string, exts ...string) (paths, refused []string) {
	entries, bad := l.r.dirEntries(dir, &l.errs)
	for _, e := range entries {
		p := dir + "/" + e.Name()
		if e.IsDir() || !contains(exts, path.Ext(e.Name())) {
			l.errs.Add(p, lineOf(e), "content.unexpected_in", strings.Join(exts, " / "), dir+"/")
			continue
		}
		paths = append(paths, p)
	}
	for _, p := range bad {
		if contains(exts, path.Ext(p)) {
			refused = append(refused, p)
		}
	}
	return paths, refused
}

// baseID is the id a file's name gives, valid or not.
func baseID(p string) string { return strings.TrimSuffix(path.Base(p), path.Ext(p)) }

func lineOf(e fs.DirEntry) int {
	if e.IsDir() {
		return 0
	}
	return 1
}

// fileID checks a file's base name against the id rule.
func fileID(p string, errs *ErrorList) (string, bool) {
	id := baseID(p)
	if !idRule.MatchString(id) {
		if s := suggestID(id); s != "" {
			errs.Add(p, 1, "id.file_suggest", i18n.Quoted(id), s+path.Ext(p))
		} else {
			errs.Add(p, 1, "id.file", i18n.Quoted(id))
		}
		return id, false
	}
	return id, true
}

func (l *loader) loadUnits(dir string, ids map[string]bool, regions bool) []*Unit {
	paths, refused := l.files(dir, ".toml")
	for _, p := range refused {
		ids[baseID(p)] = true
	}
	out := make([]*Unit, len(paths))
	objs := make([]*obj, len(paths))
	errs := make([]ErrorList, len(paths))
	refs := make([][]targetRef, len(paths))
	parallel(len(paths), func(i int) {
		p := paths[i]
		id, _ := fileID(p, &errs[i])
		src, ok := l.r.readFile(p, &errs[i])
		if !ok {
			out[i] = &Unit{ID: id}
			return
		}
		o := l.parse(p, src, 0, &errs[i])
		if o == nil {
			out[i] = &Unit{ID: id}
			return
		}
		u := &Unit{ID: id, Name: o.str("name", true)}
		if regions {
			u.Kind = o.oneOf("kind", "district", RegionKinds, regionKindAliases)
		} else {
			u.Kind = o.str("kind", false)
		}
		u.Targets, refs[i] = readTargets(o, scopeOf(regions), id)
		o.done()
		out[i], objs[i] = u, o
	})
	var units []*Unit
	for i, u := range out {
		l.errs = append(l.errs, errs[i]...)
		if objs[i] != nil {
			objs[i].f.errs = &l.errs // checkTargets reports here
		}
		l.targetRefs = append(l.targetRefs, refs[i]...)
		ids[u.ID] = true
		l.renamed(ids, u.ID)
		units = append(units, u)
	}
	sort.Slice(units, func(i, j int) bool { return units[i].ID < units[j].ID })
	return units
}

// renamed marks as existing the id a misnamed file would have once
// renamed as its message says (Ring Road.toml → ring-road.toml), so that
// references already written with that id are not reported as well.
func (l *loader) renamed(ids map[string]bool, id string) {
	if !idRule.MatchString(id) {
		if s := suggestID(id); s != "" {
			ids[s] = true
		}
	}
}

func scopeOf(regions bool) string {
	if regions {
		return ScopeRegion
	}
	return ScopeDepartment
}
