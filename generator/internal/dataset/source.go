package dataset

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"

	"gongjian/generator/internal/i18n"
)

// Reading sources safely.
//
// A campaign's repository arrives through pull requests, in which a
// symbolic link looks like a one-line file: `ln -s /proc/self/environ
// content/env.md` would otherwise publish the build machine's environment
// (CI tokens). So every entry the loader reads must be a regular file or
// a directory, as the directory listing says (links are not followed to
// ask), and no file may exceed the size limit: a hostile or mistaken file
// is an error, not a stalled build. The site package also opens the site
// root through os.OpenRoot, so nothing outside it can be reached even by
// a path.

// entryKind describes what a directory entry is, for messages.
func entryKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeSymlink != 0:
		return "symlink"
	case m.IsDir():
		return "directory"
	case m.IsRegular():
		return "file"
	}
	return "special"
}

// reader reads a site's files through fsys under the limits.
type reader struct {
	fsys    fs.FS
	limit   int64 // TOML files
	mdLimit int64 // markdown files
}

// dirEntries lists dir (regular files and directories only, others
// reported), sorted by name; hidden files and editor leftovers are
// skipped. A missing directory is empty. refused are the paths of the
// entries reported (links, devices): they exist, so that what refers to
// them is not reported again.
func (r *reader) dirEntries(dir string, errs *ErrorList) (entries []fs.DirEntry, refused []string) {
	es, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			errs.AddMsg(dir, 0, msgCannotRead(err), err)
		}
		return nil, nil
	}
	for _, e := range es {
		if ignored(e.Name()) {
			continue
		}
		p := join(dir, e.Name())
		switch k := entryKind(e.Type()); k {
		case "symlink":
			errs.Add(p, 0, "source.symlink")
			refused = append(refused, p)
			continue
		case "special":
			errs.Add(p, 0, "source.special")
			refused = append(refused, p)
			continue
		}
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, refused
}

func join(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

// readFile reads a file that a listing showed is a regular file, up to
// the size limit.
func (r *reader) readFile(p string, errs *ErrorList) (string, bool) {
	f, err := r.fsys.Open(p)
	if err != nil {
		errs.AddMsg(p, 0, msgCannotRead(err), err)
		return "", false
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		errs.Add(p, 0, "source.special")
		return "", false
	}
	limit := r.limit
	if path.Ext(p) == ".md" {
		limit = r.mdLimit
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		errs.AddMsg(p, 0, msgCannotRead(err), err)
		return "", false
	}
	if int64(len(b)) > limit {
		if path.Ext(p) == ".md" {
			errs.Add(p, 0, "source.markdown_too_large", limit>>10)
		} else {
			errs.Add(p, 0, "source.too_large", limit>>20)
		}
		return "", false
	}
	return string(b), true
}

// fileAt reads a file named by the site's layout (site.toml): it must be
// a regular file in its directory's listing. ok is false and nothing is
// reported when it does not exist.
func (r *reader) fileAt(p string, errs *ErrorList) (src string, exists, ok bool) {
	dir, name := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	es, err := fs.ReadDir(r.fsys, dir)
	if err != nil {
		return "", false, false
	}
	for _, e := range es {
		if e.Name() != name {
			continue
		}
		switch entryKind(e.Type()) {
		case "symlink":
			errs.Add(p, 0, "source.symlink")
			return "", true, false
		case "directory", "special":
			errs.Add(p, 0, "source.special")
			return "", true, false
		}
		src, ok := r.readFile(p, errs)
		return src, true, ok
	}
	return "", false, false
}

// ignored reports files nobody means as content: hidden files and the
// backup and lock files editors leave beside the file being edited
// (x.toml~, #x.toml#, .#x.toml, .x.toml.swp).
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		(strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"))
}

// msgCannotRead words a file system error (its text is the system's).
func msgCannotRead(err error) i18n.Msg {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return i18n.M("source.cannot_read", err.Error())
}
