package devserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// watcher reports changes below its roots, recursively: fsnotify watches
// single directories, so every directory is added, and those created
// later as they appear. Each root's parent is watched too, for a root that
// appears later or that an editor replaces by renaming a new file over it.
type watcher struct {
	fw    *fsnotify.Watcher
	roots []string // absolute and clean
	base  string   // changes are named relative to it
}

func newWatcher(paths []string) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watching files: %w", err)
	}
	w := &watcher{fw: fw}
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			fw.Close()
			return nil, fmt.Errorf("watching %s: %w", p, err)
		}
		w.roots = append(w.roots, abs)
		parent := filepath.Dir(abs)
		if err := fw.Add(parent); err != nil {
			fw.Close()
			return nil, fmt.Errorf("watching %s: %w", parent, watchHint(err))
		}
		if w.base == "" {
			w.base = parent
		}
		for !within(parent, w.base) {
			w.base = filepath.Dir(w.base)
		}
	}
	for _, r := range w.roots {
		if err := w.addTree(r); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

func (w *watcher) close() { w.fw.Close() }

// watchHint adds what to do when the system runs out of watches.
func watchHint(err error) error {
	if errors.Is(err, syscall.ENOSPC) {
		return fmt.Errorf("%w (too many directories for the system's limit; raise it with: sudo sysctl fs.inotify.max_user_watches=524288)", err)
	}
	return err
}

// addTree watches dir and every directory below it but hidden ones (.git);
// a dir that is missing or a file needs nothing.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return filepath.SkipDir
			}
			return nil // vanished meanwhile, or unreadable: nothing to watch
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if err := w.fw.Add(p); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return filepath.SkipDir // removed since the walk saw it
			}
			return fmt.Errorf("watching %s: %w", p, watchHint(err))
		}
		return nil
	})
}

// run sends the name of every change on out until ctx is done; warn gets
// what the watcher could not do.
func (w *watcher) run(ctx context.Context, out chan<- string, warn func(error)) {
	for {
		var name string
		select {
		case <-ctx.Done():
			return
		case ev, open := <-w.fw.Events:
			if !open {
				return
			}
			rel, ok, err := w.handle(ev)
			if err != nil {
				warn(err)
			}
			if !ok {
				continue
			}
			name = rel
		case err, open := <-w.fw.Errors:
			if !open {
				return
			}
			warn(err)
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				continue
			}
			name = "(many files)" // events were lost: rebuild anyway
		}
		select {
		case out <- name:
		case <-ctx.Done():
			return
		}
	}
}

// handle looks at one event: it watches new directories and tells whether
// the event may change the site, and the changed file's name.
func (w *watcher) handle(ev fsnotify.Event) (rel string, changed bool, err error) {
	if ev.Op&^fsnotify.Chmod == 0 {
		return "", false, nil // touch, chmod, a virus scanner: same bytes
	}
	name := filepath.Clean(ev.Name)
	root := w.rootOf(name)
	if root == "" {
		return "", false, nil // a sibling of a root in its parent
	}
	below, _ := filepath.Rel(root, name)
	for _, part := range strings.Split(below, string(filepath.Separator)) {
		if part != "." && ignoredName(part) {
			return "", false, nil
		}
	}
	if ev.Has(fsnotify.Create) {
		if fi, e := os.Lstat(name); e == nil && fi.IsDir() {
			// Files may have appeared before the watch did; the rebuild
			// reads them anyway.
			err = w.addTree(name)
		}
	}
	rel, e := filepath.Rel(w.base, name)
	if e != nil {
		rel = name
	}
	return filepath.ToSlash(rel), true, err
}

// rootOf is the root that name is or is below, or "".
func (w *watcher) rootOf(name string) string {
	for _, r := range w.roots {
		if within(name, r) {
			return r
		}
	}
	return ""
}

// within tells whether p is dir or below it.
func within(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// ignoredName tells names that never hold the site: hidden files and
// directories (which the site's loader skips too) and what editors leave
// beside a file they save: vim's swap files and its "4913" write test,
// backups (x~), emacs autosaves (#x#) and locks (.#x), JetBrains' and
// Kate's temporary files.
func ignoredName(base string) bool {
	switch {
	case base == "4913",
		strings.HasPrefix(base, "."),
		strings.HasSuffix(base, "~"),
		len(base) > 1 && strings.HasPrefix(base, "#") && strings.HasSuffix(base, "#"),
		strings.HasSuffix(base, ".swp"), strings.HasSuffix(base, ".swo"), strings.HasSuffix(base, ".swx"),
		strings.HasSuffix(base, "___jb_tmp___"), strings.HasSuffix(base, "___jb_old___"),
		strings.HasSuffix(base, ".kate-swp"):
		return true
	}
	return false
}
