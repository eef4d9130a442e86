package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"sort"
	"sync"

	"gongjian/generator/internal/chart"
	"gongjian/generator/internal/dataset"
)

// assetJobs copies layouts/assets/ (the site's own files over the
// defaults) to public/assets/ as they are, and writes the site's own
// ECharts, the chart script, and ECharts' licence and notice, which must
// go wherever ECharts goes (Apache-2.0).
func (b *builder) assetJobs() ([]*job, error) {
	files, err := b.assets()
	if err != nil {
		return nil, err
	}
	var jobs []*job
	for _, name := range sortedKeys(files) {
		data := files[name]
		jobs = append(jobs, &job{rel: "assets/" + name, data: func() ([]byte, error) { return data, nil }})
	}
	return jobs, nil
}

// assets are every file public/assets/ gets, by name, read once.
func (b *builder) assets() (map[string][]byte, error) {
	b.assetsOnce.Do(func() {
		var errs dataset.ErrorList
		out := map[string][]byte{}
		for _, name := range b.lfs.list("assets", &errs) {
			f, err := b.lfs.open("assets/" + name)
			if err != nil {
				errs.Add("layouts/assets/"+name, 0, "source.cannot_read", err.Error())
				continue
			}
			data, err := io.ReadAll(io.LimitReader(f, b.data.Limits.FileBytes+1))
			f.Close()
			if err != nil || int64(len(data)) > b.data.Limits.FileBytes {
				errs.Add("layouts/assets/"+name, 0, "source.too_large", b.data.Limits.FileBytes>>20)
				continue
			}
			out[name] = data
		}
		for name, data := range chart.Assets() {
			out[name] = data
		}
		b.assetFiles, b.assetsErr = out, errs.Err()
	})
	return b.assetFiles, b.assetsErr
}

// assetDigest is the digest of every asset, in name order: part of what a
// printed bulletin was printed from.
func (b *builder) assetDigest() string {
	files, _ := b.assets()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(files[n])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

var _ sync.Once
