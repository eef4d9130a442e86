package dispatch

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"time"
)

// overlay is fsys with one file's bytes replaced (or added): the site as
// it will be once the report is written, so that it can be loaded and
// checked before anything is.
func overlay(fsys fs.FS, name string, data []byte) fs.FS {
	return &overlayFS{base: fsys, name: name, data: data}
}

type overlayFS struct {
	base fs.FS
	name string
	data []byte
}

func (o *overlayFS) Open(name string) (fs.File, error) {
	if name == o.name {
		return &memFile{info: o.info(), r: bytes.NewReader(o.data)}, nil
	}
	return o.base.Open(name)
}

// ReadDir lists a directory of the base with the file (and the
// directories leading to it) in it.
func (o *overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(o.base, name)
	child, isDir := o.childIn(name)
	if child == "" {
		return es, err
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	out := es[:0:0]
	for _, e := range es {
		if e.Name() != child {
			out = append(out, e)
		}
	}
	var add fs.DirEntry = fs.FileInfoToDirEntry(o.info())
	if isDir {
		add = fs.FileInfoToDirEntry(dirInfo(child))
		for _, e := range es {
			if e.Name() == child {
				add = e
			}
		}
	}
	out = append(out, add)
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// childIn is the entry of dir on the way to the file: its next path
// element, and whether that is a directory.
func (o *overlayFS) childIn(dir string) (string, bool) {
	prefix := dir + "/"
	if dir == "." {
		prefix = ""
	}
	if len(o.name) <= len(prefix) || o.name[:len(prefix)] != prefix {
		return "", false
	}
	rest := o.name[len(prefix):]
	for i := 0; i < len(rest); i++ {
		if rest[i] == '/' {
			return rest[:i], true
		}
	}
	return rest, false
}

func (o *overlayFS) info() fs.FileInfo {
	return fileInfo{name: path.Base(o.name), size: int64(len(o.data))}
}

type fileInfo struct {
	name string
	size int64
	dir  bool
}

func dirInfo(name string) fileInfo { return fileInfo{name: name, dir: true} }

func (fi fileInfo) Name() string { return fi.name }
func (fi fileInfo) Size() int64  { return fi.size }
func (fi fileInfo) Mode() fs.FileMode {
	if fi.dir {
		return fs.ModeDir | 0o755
	}
	return 0o644
}
func (fi fileInfo) ModTime() time.Time { return time.Time{} }
func (fi fileInfo) IsDir() bool        { return fi.dir }
func (fi fileInfo) Sys() any           { return nil }

type memFile struct {
	info fs.FileInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

var _ io.Reader = (*memFile)(nil)
