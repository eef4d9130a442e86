package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"

	"gongjian/generator/internal/chart"
	"gongjian/generator/internal/dataset"
)

// assetJobs copies layouts/assets/ (CSS, scripts, images of the layouts)
// to public/assets/, minifying CSS and JavaScript, and writes the site's
// own ECharts once.
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
		rel = filepath.ToSlash(rel)
		jobs = append(jobs, &job{rel: "assets/" + rel, data: func() ([]byte, error) {
			src, err := os.ReadFile(f)
			if err != nil {
				return nil, err
			}
			return minify("layouts/assets/"+rel, src)
		}})
	}
	return jobs
}

// minify shrinks a stylesheet or script with esbuild; other files pass
// through. Its output is deterministic, and a syntax error is reported at
// its line in the layout file.
func minify(path string, src []byte) ([]byte, error) {
	var loader api.Loader
	switch strings.ToLower(filepath.Ext(path)) {
	case ".css":
		loader = api.LoaderCSS
	case ".js":
		loader = api.LoaderJS
	default:
		return src, nil
	}
	res := api.Transform(string(src), api.TransformOptions{
		Loader:            loader,
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		LegalComments:     api.LegalCommentsNone,
		Target:            api.ES2017,
		Sourcefile:        path,
	})
	if len(res.Errors) > 0 {
		var errs dataset.ErrorList
		for _, m := range res.Errors {
			line := 0
			if m.Location != nil {
				line = m.Location.Line
			}
			errs.Add(path, line, "%s (expected valid %s)", m.Text, strings.ToUpper(strings.TrimPrefix(filepath.Ext(path), ".")))
		}
		return nil, errs.Err()
	}
	if len(res.Code) == 0 && len(src) > 0 {
		return nil, fmt.Errorf("%s: minifying produced nothing", path)
	}
	return res.Code, nil
}
