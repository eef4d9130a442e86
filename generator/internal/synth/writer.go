package synth

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// file is one file of the site: its slash path under the site root and a
// function that appends its bytes to a buffer.
type file struct {
	path   string
	render func(b []byte) []byte
}

// writer renders and writes files on a few goroutines, each with its own
// reusable buffer. Rendering only reads the generated site, so the bytes do
// not depend on which goroutine renders what.
type writer struct{ dir string }

func newWriter(dir string) *writer { return &writer{dir: dir} }

func (w *writer) run(files []file) error {
	// Writes wait on the file system more than on the CPU: at least two
	// goroutines even on one CPU; more than 4 measured no faster.
	workers := max(1, min(max(runtime.GOMAXPROCS(0), 2), 4, len(files)))
	var (
		next  = make(chan int)
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for i := range next {
				f := files[i]
				buf = f.render(buf[:0])
				if err := os.WriteFile(filepath.Join(w.dir, filepath.FromSlash(f.path)), buf, 0o644); err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("synth: %w", err)
					}
					mu.Unlock()
				}
				if cap(buf) > 1<<20 {
					buf = nil // do not keep a report-sized buffer for small files
				}
			}
		}()
	}
	for i := range files {
		mu.Lock()
		stop := first != nil
		mu.Unlock()
		if stop {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}
