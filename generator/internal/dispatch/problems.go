package dispatch

import (
	"sort"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// problems collects every mistake of one run with where it is, so that
// they are reported in the order of the files, sheets, rows and columns
// (dataset.ErrorList.Sort would put C12 before C2).
type problems struct {
	list []problem
}

type problem struct {
	err                 *dataset.Error
	file, sheet, row, c int
}

// add records a mistake at cell (r, c) of s; order is the file's place
// among the inputs.
func (ps *problems) add(order int, s *sheet, r, c int, key string, args ...any) {
	ps.addMsg(order, s, r, c, i18n.M(key, args...))
}

// addMsg records a mistake at a cell with a ready message.
func (ps *problems) addMsg(order int, s *sheet, r, c int, m i18n.Msg) {
	ps.list = append(ps.list, problem{
		err:  &dataset.Error{Path: s.ref(r, c), Msg: m},
		file: order, sheet: s.index, row: r, c: c,
	})
}

// addErr records a mistake about a whole file or sheet (row -1 sorts it
// first), or one of a report file.
func (ps *problems) addErr(order int, e *dataset.Error) {
	ps.list = append(ps.list, problem{err: e, file: order, row: -1})
}

func (ps *problems) empty() bool { return len(ps.list) == 0 }

// errs is the list, in order, as an error.
func (ps *problems) errs() dataset.ErrorList {
	sort.SliceStable(ps.list, func(i, j int) bool {
		a, b := ps.list[i], ps.list[j]
		switch {
		case a.file != b.file:
			return a.file < b.file
		case a.sheet != b.sheet:
			return a.sheet < b.sheet
		case a.row != b.row:
			return a.row < b.row
		}
		return a.c < b.c
	})
	out := make(dataset.ErrorList, len(ps.list))
	for i, p := range ps.list {
		out[i] = p.err
	}
	return out
}

// fileProblem is a mistake about a whole file or sheet.
func fileProblem(path, key string, args ...any) *dataset.Error {
	return &dataset.Error{Path: path, Msg: i18n.M(key, args...)}
}
