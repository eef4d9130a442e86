package tomldoc

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// maxDiagnoseLine bounds the lines diagnoseLine looks at.
const maxDiagnoseLine = 4096

// diagnoseLine looks for input-method mistakes on a line toml.Decode
// refused: in its punctuation (＝ ： 【】 ［］ ＃, curly quotes, full-width
// spaces, ， and 、 between array elements, a key in Chinese without
// quotes) and in its values (Diagnose). It returns nil when it finds none,
// or when the line with them put right is still not TOML.
func diagnoseLine(line string) *Hint {
	if len(line) > maxDiagnoseLine {
		return nil
	}
	f := &lineFixer{src: line, valueAt: -1}
	f.statement()
	if len(f.edits) == 0 {
		return nil
	}
	return f.hint()
}

// lineFixer collects the edits that put a line right.
type lineFixer struct {
	src   string
	edits []edit
	// The span of the value of a key/value line; -1 for other lines.
	valueAt, valueEnd int
	// The line is the continuation of an array: verified inside one.
	inArray bool
}

type edit struct {
	at, end int
	repl    string
	kind    HintKind
	unit    string
}

func (f *lineFixer) edit(at, end int, repl string, kind HintKind) {
	f.edits = append(f.edits, edit{at: at, end: end, repl: repl, kind: kind})
}

func (f *lineFixer) runeAt(i int) (rune, int) {
	if i >= len(f.src) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(f.src[i:])
}

// spaces skips blanks from i, putting ideographic spaces right.
func (f *lineFixer) spaces(i int) int {
	for {
		switch r, n := f.runeAt(i); r {
		case ' ', '\t':
			i += n
		case '\u3000':
			f.edit(i, i+n, " ", FullWidthSpace)
			i += n
		default:
			return i
		}
	}
}

// find returns the index of the first rune from i to end, outside quotes
// of any kind, that is one of set; end if none.
func (f *lineFixer) find(i, end int, set string) int {
	for i < end {
		r, n := f.runeAt(i)
		switch {
		case strings.ContainsRune(set, r):
			return i
		case quoteClass(r) != 0:
			i = f.quoteEnd(i)
		default:
			i += n
		}
	}
	return end
}

// quoteEnd returns the index after the string that starts with the quote
// at i: closed by a quote of the same class, or by the end of the line.
func (f *lineFixer) quoteEnd(i int) int {
	r, n := f.runeAt(i)
	q := quoteClass(r)
	for j := i + n; j < len(f.src); {
		c, m := f.runeAt(j)
		j += m
		switch {
		case q == '"' && c == '\\':
			_, m = f.runeAt(j) // the escaped character: never the end
			j += m
		case quoteClass(c) == q:
			return j
		}
	}
	return len(f.src)
}

func (f *lineFixer) statement() {
	i := f.spaces(0)
	switch r, n := f.runeAt(i); r {
	case 0, '#':
	case '＃':
		f.edit(i, i+n, "#", FullWidthSign)
	case '[', '［', '【':
		f.header(i)
	default:
		end := f.find(i, len(f.src), "#＃")
		sep := f.find(i, end, "=＝：")
		if sep == end {
			f.inArray = true
			f.elements(i, end)
		} else {
			f.key(i, sep)
			f.value(f.separator(sep))
		}
	}
}

// bracket puts an opening or closing bracket at i right.
func (f *lineFixer) bracket(i int) (int, bool) {
	r, n := f.runeAt(i)
	switch r {
	case '[', ']':
	case '［':
		f.edit(i, i+n, "[", FullWidthSign)
	case '］':
		f.edit(i, i+n, "]", FullWidthSign)
	case '【':
		f.edit(i, i+n, "[", ChinesePunct)
	case '】':
		f.edit(i, i+n, "]", ChinesePunct)
	default:
		return i, false
	}
	return i + n, true
}

// header reads [a.b] or [[a.b]] with any of the brackets people type.
func (f *lineFixer) header(i int) {
	i, _ = f.bracket(i)
	i, array := f.bracket(i)
	end := f.find(i, len(f.src), "]］】")
	f.key(i, end)
	i, _ = f.bracket(end)
	if array {
		i, _ = f.bracket(i)
	}
	f.comment(f.spaces(i))
}

// comment puts a comment's ＃ at i right.
func (f *lineFixer) comment(i int) {
	if r, n := f.runeAt(i); r == '＃' {
		f.edit(i, i+n, "#", FullWidthSign)
	}
}

// key reads a dotted key from i to end: parts in full-width letters,
// Chinese keys without quotes, curly quotes, full-width dots.
func (f *lineFixer) key(i, end int) {
	for i < end {
		i = f.spaces(i)
		dot := f.find(i, end, ".．。")
		f.keyPart(i, dot)
		if dot == end {
			return
		}
		r, n := f.runeAt(dot)
		if r != '.' {
			f.edit(dot, dot+n, ".", FullWidthSign)
		}
		i = dot + n
	}
}

// trimEnd returns end moved back over blanks after i, putting ideographic
// spaces right.
func (f *lineFixer) trimEnd(i, end int) int {
	for end > i {
		r, n := utf8.DecodeLastRuneInString(f.src[i:end])
		if r != ' ' && r != '\t' && r != '\u3000' {
			break
		}
		if r == '\u3000' {
			f.edit(end-n, end, " ", FullWidthSpace)
		}
		end -= n
	}
	return end
}

func (f *lineFixer) keyPart(i, end int) {
	end = f.trimEnd(i, end)
	part := f.src[i:end]
	if part == "" || IsBareKey(part) {
		return
	}
	switch inner, q := unquote(part); q {
	case '"', '\'':
	case '“', '‘':
		f.edit(i, end, curlyQuoted(inner, q).Want, CurlyQuotes)
	default:
		if n, wide := narrow(part); wide != 0 && IsBareKey(n) {
			kind := FullWidthSign
			if wide&wideDigits != 0 {
				kind = FullWidthDigits
			}
			f.edit(i, end, n, kind)
		} else if !strings.ContainsAny(part, "\"' \t") {
			f.edit(i, end, quoteString(part), UnquotedKey)
		}
	}
}

// separator puts the = at sep right and returns where the value starts.
func (f *lineFixer) separator(sep int) int {
	r, n := f.runeAt(sep)
	if r == '=' {
		return sep + n
	}
	repl := "="
	if sep > 0 && f.src[sep-1] != ' ' && f.src[sep-1] != '\t' {
		repl = " " + repl
	}
	if c, _ := f.runeAt(sep + n); c != ' ' && c != '\t' && c != '\u3000' {
		repl += " "
	}
	f.edit(sep, sep+n, repl, FullWidthSign)
	return sep + n
}

// value reads the value of a key/value line from i, and its comment.
func (f *lineFixer) value(i int) {
	i = f.spaces(i)
	comment := f.find(i, len(f.src), "#＃")
	f.comment(comment)
	end := f.trimEnd(i, comment)
	f.valueAt, f.valueEnd = i, end
	if r, _ := f.runeAt(i); r == '[' || r == '［' || r == '【' {
		f.elements(i, end)
		return
	}
	f.scalar(i, end)
}

// scalar diagnoses the value from i to end.
func (f *lineFixer) scalar(i, end int) {
	if h := diagnoseValue(f.src[i:end], Any, false); h != nil {
		f.edits = append(f.edits, edit{at: i, end: end, repl: h.Want, kind: h.Kind, unit: h.Unit})
	}
}

// elements reads the elements of arrays from i to end: brackets,
// separators and values, arrays flattened.
func (f *lineFixer) elements(i, end int) {
	for i < end {
		i = f.spaces(i)
		if i >= end {
			return
		}
		if j, ok := f.bracket(i); ok {
			i = j
			continue
		}
		switch r, n := f.runeAt(i); r {
		case ',':
			i += n
		case '，', '、':
			repl := ","
			if c, _ := f.runeAt(i + n); c != ' ' && c != '\t' && i+n < end {
				repl += " "
			}
			f.edit(i, i+n, repl, ChinesePunct)
			i += n
		case '{':
			return // an inline table: left alone
		default:
			j := f.find(i, end, ",，、]］】")
			f.scalar(i, f.trimEnd(i, j))
			i = j
		}
	}
}

// valueKinds are the kinds a value is put right with where the rest of
// its line is right: the hint shows the value alone.
var valueKinds = []HintKind{ChineseDate, SlashDate, DotDate, UnpaddedDate, ThousandsSep, Percent,
	MoneyUnit, ChineseBool, BoolCase, FullWidthDigits, FullWidthSign, Unquoted}

// hint applies the edits, checks that the line is TOML then, and returns
// the hint: for the value alone when only the value was wrong, else for
// the whole line.
func (f *lineFixer) hint() *Hint {
	slices.SortStableFunc(f.edits, func(a, b edit) int { return a.at - b.at })
	h := &Hint{Kind: f.edits[0].kind}
	valueOnly := f.valueAt >= 0
	for _, e := range f.edits {
		if e.unit != "" {
			h.Unit = e.unit
		}
		if e.at < f.valueAt || e.end > f.valueEnd || !slices.Contains(valueKinds, e.kind) {
			valueOnly = false
		}
	}
	fixed := f.apply(0, len(f.src))
	if !f.verify(fixed) {
		return nil
	}
	if valueOnly {
		h.Got, h.Want = f.src[f.valueAt:f.valueEnd], f.apply(f.valueAt, f.valueEnd)
	} else {
		h.Got, h.Want = strings.Trim(f.src, " \t"), strings.Trim(fixed, " \t")
	}
	return h
}

// apply returns the text from i to end with the edits within it made.
func (f *lineFixer) apply(i, end int) string {
	var b strings.Builder
	for _, e := range f.edits {
		if e.at < i || e.end > end {
			continue // outside, or overlapping an edit made
		}
		b.WriteString(f.src[i:e.at])
		b.WriteString(e.repl)
		i = e.end
	}
	b.WriteString(f.src[i:end])
	return b.String()
}

// verify reports whether the line put right is TOML: alone, as the first
// line of an array, or as a line inside one.
func (f *lineFixer) verify(fixed string) bool {
	ok := func(doc string) bool {
		var m map[string]any
		_, err := toml.Decode(doc, &m)
		return err == nil
	}
	if f.inArray {
		return ok("x = [\n" + fixed + "\n]")
	}
	return ok(fixed) || f.valueAt >= 0 && ok(fixed+"\n]")
}
