package site

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
)

// dirWriter writes a build into a fresh temporary directory beside the
// output directory and swaps it in on commit, so a failed build leaves the
// previous output byte-for-byte as it was.
type dirWriter struct {
	out   string
	tmp   string
	dirs  sync.Map // directories already created
	pages int
	files int
	n     atomic.Int64
	np    atomic.Int64
}

func newDirWriter(out string) (*dirWriter, error) {
	out = filepath.Clean(out)
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".build-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &dirWriter{out: out, tmp: tmp}, nil
}

// checkReplaceable refuses to replace a directory that is not a previous
// build: --out pointed at the wrong place must never delete anyone's files.
func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("output %s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, "data", "metrics.json")); err == nil {
		return nil
	}
	return fmt.Errorf("output %s is not empty and not a previous build (expected an empty directory or one this generator wrote, with data/metrics.json); choose another --out", out)
}

func (w *dirWriter) write(rel string, data []byte) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return err
	}
	w.count(rel)
	return nil
}

// page streams a file: one write per 64 KiB, a small page in one.
func (w *dirWriter) page(rel string, fill func(pageWriter) error) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	f, err := createFile(p)
	if err != nil {
		return err
	}
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(f)
	fw := &fileWriter{Writer: bw, f: f}
	err = fill(fw)
	if err == nil {
		err = fw.Flush()
	}
	bw.Reset(nil)
	bufPool.Put(bw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err // the whole build directory goes
	}
	w.count(rel)
	return nil
}

// precreate makes directories (slash-separated, below the output) ahead
// of their pages.
func (w *dirWriter) precreate(dirs []string) {
	if len(dirs) == 0 {
		return
	}
	if err := os.MkdirAll(filepath.Dir(filepath.Join(w.tmp, filepath.FromSlash(dirs[0]))), 0o755); err != nil {
		return // the pages' own writes report it
	}
	for _, d := range dirs {
		p := filepath.Join(w.tmp, filepath.FromSlash(d))
		if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return
		}
		w.dirs.Store(p, true)
	}
}

// path is where rel goes, its directory made.
func (w *dirWriter) path(rel string) (string, error) {
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	if _, ok := w.dirs.Load(dir); !ok {
		// Mkdir first: MkdirAll would look for the directory before
		// making it, a wasted call for each of 10,000 pages.
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return "", err
			}
		}
		w.dirs.Store(dir, true)
	}
	return p, nil
}

func (w *dirWriter) count(rel string) {
	w.n.Add(1)
	if strings.HasSuffix(rel, ".html") {
		w.np.Add(1)
	}
}

// bufPool holds the pages' write buffers: one per worker, not per page.
var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// fileWriter is a page being written to its file.
type fileWriter struct {
	*bufio.Writer
	f outFile
}

func (fw *fileWriter) restart() error {
	fw.Reset(fw.f)
	return fw.f.truncate()
}

func (w *dirWriter) abort() { os.RemoveAll(w.tmp) }

// commit swaps the new output in: old → aside, new → out, remove old.
func (w *dirWriter) commit() error {
	w.files, w.pages = int(w.n.Load()), int(w.np.Load())
	old := ""
	if _, err := os.Stat(w.out); err == nil {
		old = w.tmp + ".old"
		if err := os.Rename(w.out, old); err != nil {
			w.abort()
			return fmt.Errorf("replacing %s: %w", w.out, err)
		}
	}
	if err := os.Rename(w.tmp, w.out); err != nil {
		if old != "" {
			_ = os.Rename(old, w.out)
		}
		w.abort()
		return fmt.Errorf("replacing %s: %w", w.out, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
