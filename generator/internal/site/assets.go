package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gongjian/generator/internal/chart"
)

// assetJobs copies layouts/assets/ (CSS, scripts, images of the layouts)
// to public/assets/, and writes the site's own ECharts once.
func (b *builder) assetJobs() []*job {
	dir := filepath.Join(b.opts.Layouts, "assets")
	var files []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	jobs := make([]*job, 0, len(files)+1)
	jobs = append(jobs, &job{rel: strings.TrimPrefix(chart.EChartsPath, "/"), data: func() ([]byte, error) { return chart.EChartsJS, nil }})
	for _, f := range files {
		rel, _ := filepath.Rel(dir, f)
		jobs = append(jobs, &job{rel: "assets/" + filepath.ToSlash(rel), data: func() ([]byte, error) { return os.ReadFile(f) }})
	}
	return jobs
}
