package site

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Output directories.
//
// A build writes into a fresh directory beside --out and swaps it in only
// when everything succeeded, so a failed build leaves the previous output
// byte for byte as it was. Every build leaves a marker file of its own in
// the output (MarkerName); --out must be absent, empty or carry that
// marker, so that a mistyped --out never deletes somebody's files. A
// build directory left by a killed run carries the marker with the
// process id that made it, and the next build removes it once that
// process is gone.

// MarkerName is the file every build writes at the top of its output.
const MarkerName = ".gongjian-output.json"

// marker is the marker file's content: which generator wrote the output,
// the process that is writing it (while building), and which printed
// bulletins it holds and from what (see pdfEntry).
type marker struct {
	Generator string              `json:"generator"`
	PID       int                 `json:"pid,omitempty"`
	PDFs      map[string]pdfEntry `json:"pdfs,omitempty"`
}

// pdfEntry is a printed bulletin: its PDF and the digest of what it was
// printed from (the bulletin page and the assets it loads). A later build
// keeps the PDF, and its link, exactly when that digest is unchanged.
type pdfEntry struct {
	File   string `json:"file"`   // site path of the PDF
	Source string `json:"source"` // digest of the printed page and its assets
}

// ErrForeignOutput is returned when --out holds files no build wrote.
var ErrForeignOutput = errors.New("output directory holds files this generator did not write")

// readMarker reads an output directory's marker; ok is false when there
// is none (or it is not ours).
func readMarker(dir string) (marker, bool) {
	var m marker
	b, err := os.ReadFile(filepath.Join(dir, MarkerName))
	if err != nil || json.Unmarshal(b, &m) != nil || m.Generator != "gongjian" {
		return marker{}, false
	}
	return m, true
}

// checkReplaceable refuses to replace a directory that is neither empty
// nor a previous build, naming a few of the files that would be lost.
func checkReplaceable(out string) error {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	if len(entries) == 0 {
		return nil
	}
	if _, ok := readMarker(out); ok {
		return nil
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) > 5 {
		names = append(names[:5], "…")
	}
	return &foreignError{dir: out, names: names}
}

type foreignError struct {
	dir   string
	names []string
}

func (e *foreignError) Error() string {
	return fmt.Sprintf("%s holds files no build wrote (%s) and would be deleted (expected an absent or empty directory, or a previous build with %s; choose another --out)",
		e.dir, strings.Join(e.names, ", "), MarkerName)
}

func (e *foreignError) Unwrap() error { return ErrForeignOutput }

// dirWriter writes a build into a fresh temporary directory beside the
// output directory and swaps it in on commit.
type dirWriter struct {
	out   string
	tmp   string
	dirs  sync.Map
	n, np atomic.Int64
	mu    sync.Mutex
	pdfs  map[string]pdfEntry
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
	removeLeftovers(parent, filepath.Base(out))
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".build-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	w := &dirWriter{out: out, tmp: tmp, pdfs: map[string]pdfEntry{}}
	if err := w.writeMarker(os.Getpid()); err != nil {
		w.abort()
		return nil, err
	}
	return w, nil
}

func (w *dirWriter) writeMarker(pid int) error {
	w.mu.Lock()
	m := marker{Generator: "gongjian", PID: pid, PDFs: w.pdfs}
	b, err := json.MarshalIndent(m, "", "  ")
	w.mu.Unlock()
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.tmp, MarkerName), append(b, '\n'), 0o644)
}

// removeLeftovers removes the build directories of killed runs: ours (by
// name and marker) whose process is gone.
func removeLeftovers(parent, base string) {
	es, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	prefix := "." + base + ".build-"
	for _, e := range es {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		m, ok := readMarker(dir)
		if !ok {
			// A leftover of a swap ("….old") or of a run killed before it
			// wrote its marker: ours by name, and a minute old.
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < time.Minute {
				continue
			}
		} else if m.PID != 0 && processAlive(m.PID) {
			continue
		}
		_ = os.RemoveAll(dir)
	}
}

// write writes a whole file.
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

// page streams a file through fill.
func (w *dirWriter) page(rel string, fill func(io.Writer) error) error {
	p, err := w.path(rel)
	if err != nil {
		return err
	}
	f, err := os.Create(p)
	if err != nil {
		return err
	}
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(f)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	bw.Reset(nil)
	bufPool.Put(bw)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	w.count(rel)
	return nil
}

var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// path is where rel goes, its directory made.
func (w *dirWriter) path(rel string) (string, error) {
	p := filepath.Join(w.tmp, filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	if _, ok := w.dirs.Load(dir); !ok {
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

// keepPDF carries a printed bulletin over from the previous output (the
// caller decided its source is unchanged): a hard link where the file
// system allows, else a copy.
func (w *dirWriter) keepPDF(slug string, e pdfEntry) error {
	src := filepath.Join(w.out, filepath.FromSlash(strings.TrimPrefix(e.File, "/")))
	dst, err := w.path(strings.TrimPrefix(e.File, "/"))
	if err != nil {
		return err
	}
	if err := os.Link(src, dst); err != nil {
		b, err := os.ReadFile(src)
		if err != nil {
			return err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return err
		}
	}
	w.addPDF(slug, e)
	w.n.Add(1)
	return nil
}

// addPDF records a PDF in the output's marker.
func (w *dirWriter) addPDF(slug string, e pdfEntry) {
	w.mu.Lock()
	w.pdfs[slug] = e
	w.mu.Unlock()
}

func (w *dirWriter) abort() { os.RemoveAll(w.tmp) }

// commit swaps the new output in: old → aside, new → out, remove old.
func (w *dirWriter) commit() error {
	if err := w.writeMarker(0); err != nil {
		w.abort()
		return err
	}
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

func itoa(n int) string { return strconv.Itoa(n) }
