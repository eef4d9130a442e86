package site

import (
	"archive/zip"
	"bytes"
	_ "embed"
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"sync"

	"gongjian/generator/internal/dataset"
)

// The default layouts are the repository's layouts/, embedded in the
// binary as layouts.zip (a Go package can only embed files below its own
// directory, and layouts/ sits at the top of the repository where offices
// expect it). TestEmbeddedLayoutsCurrent fails when the archive differs
// from layouts/; `make layouts` (go test -run TestEmbeddedLayoutsCurrent
// -update) writes it again. A campaign repository needs no layouts/ at
// all: each file of its own layouts/ replaces the embedded one of the same
// name, and nothing else changes.
//
//go:embed layouts.zip
var defaultLayouts []byte

var (
	defaultsOnce sync.Once
	defaultsFS   fs.FS
	defaultsErr  error
)

// DefaultLayouts is the embedded layouts as a file system.
func DefaultLayouts() (fs.FS, error) {
	defaultsOnce.Do(func() {
		r, err := zip.NewReader(bytes.NewReader(defaultLayouts), int64(len(defaultLayouts)))
		if err != nil {
			defaultsErr = err
			return
		}
		defaultsFS = r
	})
	return defaultsFS, defaultsErr
}

// openRoot opens dir as a file system confined to it: no path, link or
// ".." reaches outside (os.Root). A missing directory gives nil.
func openRoot(dir string) (fs.FS, func(), error) {
	r, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, func() {}, nil
	}
	if err != nil {
		return nil, func() {}, err
	}
	return r.FS(), func() { r.Close() }, nil
}

// layoutFS looks a layout file up in the site's own layouts (when it has
// them), then in the defaults: one rule, file by file. Entries of the
// site's layouts that are not regular files (links above all) are errors.
type layoutFS struct {
	own  fs.FS // nil: the site has no layouts/
	base fs.FS
}

// read returns a layout file: the site's own, else the default one.
func (l *layoutFS) read(name string, errs *dataset.ErrorList) ([]byte, bool) {
	if l.own != nil {
		if ok, isFile := regularIn(l.own, name, errs); ok {
			b, err := fs.ReadFile(l.own, name)
			if err != nil {
				errs.Add("layouts/"+name, 0, "source.cannot_read", err.Error())
				return nil, false
			}
			return b, true
		} else if isFile {
			return nil, false // reported
		}
	}
	b, err := fs.ReadFile(l.base, name)
	if err != nil {
		return nil, false
	}
	return b, true
}

// regularIn reports whether name is a regular file in fsys (ok), and
// whether something by that name exists that is not (reported).
func regularIn(fsys fs.FS, name string, errs *dataset.ErrorList) (ok, exists bool) {
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	es, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return false, false
	}
	for _, e := range es {
		if e.Name() != base {
			continue
		}
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			errs.Add("layouts/"+name, 0, "source.symlink")
			return false, true
		case !e.Type().IsRegular():
			errs.Add("layouts/"+name, 0, "source.special")
			return false, true
		}
		return true, true
	}
	return false, false
}

// list returns the names of the regular files of dir (site's and
// defaults', each once), sorted; entries of the site's that are not
// regular files are reported.
func (l *layoutFS) list(dir string, errs *dataset.ErrorList) []string {
	seen := map[string]bool{}
	add := func(fsys fs.FS, own bool) {
		es, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return
		}
		for _, e := range es {
			n := e.Name()
			if strings.HasPrefix(n, ".") || strings.HasSuffix(n, "~") {
				continue
			}
			switch {
			case e.Type()&fs.ModeSymlink != 0:
				if own {
					errs.Add("layouts/"+dir+"/"+n, 0, "source.symlink")
				}
			case e.IsDir():
			case !e.Type().IsRegular():
				if own {
					errs.Add("layouts/"+dir+"/"+n, 0, "source.special")
				}
			default:
				seen[n] = true
			}
		}
	}
	if l.own != nil {
		add(l.own, true)
	}
	add(l.base, false)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// open opens a layout file for copying (assets), the site's first.
func (l *layoutFS) open(name string) (io.ReadCloser, error) {
	if l.own != nil {
		if f, err := l.own.Open(name); err == nil {
			return f, nil
		}
	}
	return l.base.Open(name)
}
