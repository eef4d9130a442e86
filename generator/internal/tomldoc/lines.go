package tomldoc

import "math"

// lineIndex is the tree of a document's keys and array elements, each
// node with the line it is written on. A node is a number; its children
// are found by (parent, key) and (parent, index) in two maps, so a key
// costs one map entry whatever its depth, and keys are substrings of the
// text, not copies.
type lineIndex struct {
	lines    []int32 // node → line; node 0 is the root
	explicit []bool  // node → defined by a [header] of its own
	keys     map[keyEdge]int32
	elems    map[elemEdge]int32
	tables   map[int32]int32 // array of tables ([[k]]) → number of its tables so far
}

type keyEdge struct {
	parent int32
	key    string
}

type elemEdge struct {
	parent, index int32
}

// buildIndex scans src, a text Parse accepted, for the lines of its keys.
func buildIndex(src string, maxDepth int) *lineIndex {
	ix := newLineIndex()
	newScanner(src, maxDepth, ix).document()
	return ix
}

func newLineIndex() *lineIndex {
	return &lineIndex{
		lines:    []int32{1},
		explicit: []bool{true},
		keys:     map[keyEdge]int32{},
		elems:    map[elemEdge]int32{},
		tables:   map[int32]int32{},
	}
}

func (ix *lineIndex) add(line int) int32 {
	ix.lines = append(ix.lines, int32(line))
	ix.explicit = append(ix.explicit, false)
	return int32(len(ix.lines) - 1)
}

// key returns the node of key k of parent, which a first mention on line
// creates.
func (ix *lineIndex) key(parent int32, k string, line int) int32 {
	e := keyEdge{parent, k}
	n, ok := ix.keys[e]
	if !ok {
		n = ix.add(line)
		ix.keys[e] = n
	}
	return n
}

// elem returns the node of element i of the array parent.
func (ix *lineIndex) elem(parent int32, i, line int) int32 {
	e := elemEdge{parent, int32(min(i, math.MaxInt32))}
	n, ok := ix.elems[e]
	if !ok {
		n = ix.add(line)
		ix.elems[e] = n
	}
	return n
}

// through returns the table a header's key part n leads into: n itself,
// or the last table of n when n is an array of tables.
func (ix *lineIndex) through(n int32) int32 {
	if count, ok := ix.tables[n]; ok && count > 0 {
		return ix.elem(n, int(count-1), 0)
	}
	return n
}

// define records the [header] of table n: its own header is its line,
// whatever line first implied the table.
func (ix *lineIndex) define(n int32, line int) int32 {
	if !ix.explicit[n] {
		ix.explicit[n] = true
		ix.lines[n] = int32(line)
	}
	return n
}

// appendTable adds a table to the array of tables n, a [[header]] on line.
func (ix *lineIndex) appendTable(n int32, line int) int32 {
	count := ix.tables[n]
	ix.tables[n] = count + 1
	return ix.elem(n, int(count), line)
}

// line returns the line of p, or of its closest ancestor in the index.
func (ix *lineIndex) line(p Path) int {
	n, best := int32(0), 1
	for _, e := range p {
		var ok bool
		if i, isIndex := e.Index(); isIndex {
			if i < 0 || i > math.MaxInt32 {
				break
			}
			n, ok = ix.elems[elemEdge{n, int32(i)}]
		} else {
			n, ok = ix.keys[keyEdge{n, e.key}]
		}
		if !ok {
			break
		}
		if l := ix.lines[n]; l > 0 {
			best = int(l)
		}
	}
	return best
}
