package chart

import (
	"bytes"
	"math"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// A chart drawn once per page for thousands of pages (the project chart)
// does not build its go-echarts options per page. Building them is most of
// the ~50 µs a 12-month project chart took (BenchmarkProject/before), and
// nearly all of it is the same every time: charts.NewBar walks the whole
// option tree by reflection for default tags, and encoding/json walks it
// again, through map[string]any and interfaces, to write a JSON whose every
// byte but the figures and names is fixed by the labels. With the template
// the chart takes ~8 µs, its table and description included.
//
// So the options are built by go-echarts once, with a sentinel string in
// place of every per-chart value (the title, the description, the x values,
// each series' data, …), marshalled, and cut at the sentinels: an
// optTemplate. A chart then writes the template's fixed text and, at each
// cut, its own value, encoded the way encoding/json encodes it
// (appendJSONString, appendJSONFloat). The option structure still comes
// from go-echarts' types alone; the test TestProjectFastPath checks the
// bytes are those of the straightforward go-echarts build.
//
// Only values that cannot change the structure are cut out: a sentinel
// stands where the value is written whatever it is. What decides the
// structure (an empty string left out by omitempty, a reference line or an
// axis range present or not, the labels) is part of the template's key.

// sentinelPrefix starts every sentinel. It needs no JSON escaping, so a
// sentinel is written verbatim between quotes.
const sentinelPrefix = "@@gongjian-chart-slot-"

// sentinel is the string standing for slot i in a template's go-echarts
// options.
func sentinel(i int) string {
	return sentinelPrefix + strconv.Itoa(100+i) + "@@"
}

// intSentinel stands for an int slot (an int field cannot hold a string);
// it is written as a bare number.
const intSentinel = 1987654321

// optTemplate is a chart's option JSON cut at its slots.
type optTemplate struct {
	text []byte
	cuts []optCut // in text order
}

// optCut is one slot: text[at:end] is its sentinel.
type optCut struct {
	at, end int
	slot    int
}

// slotPattern is how a slot's sentinel appears in the JSON.
type slotPattern struct {
	slot    int
	pattern []byte
}

// stringSlot is slot i holding a sentinel string (any interface-typed or
// string field): `"@@…@@"`, quotes included.
func stringSlot(i int) slotPattern {
	return slotPattern{i, []byte(strconv.Quote(sentinel(i)))}
}

// intSlot is slot i holding intSentinel.
func intSlot(i int) slotPattern {
	return slotPattern{i, strconv.AppendInt(nil, intSentinel, 10)}
}

// newOptTemplate cuts js at the slots' patterns. It returns nil when a
// pattern does not occur exactly once: some label then contains a
// sentinel's text, and the caller must build that chart with go-echarts.
func newOptTemplate(js []byte, slots []slotPattern) *optTemplate {
	t := &optTemplate{text: js}
	for _, s := range slots {
		if bytes.Count(js, s.pattern) != 1 {
			return nil
		}
		at := bytes.Index(js, s.pattern)
		t.cuts = append(t.cuts, optCut{at: at, end: at + len(s.pattern), slot: s.slot})
	}
	// Insertion sort: a handful of cuts.
	for i := 1; i < len(t.cuts); i++ {
		for j := i; j > 0 && t.cuts[j].at < t.cuts[j-1].at; j-- {
			t.cuts[j], t.cuts[j-1] = t.cuts[j-1], t.cuts[j]
		}
	}
	for i := 1; i < len(t.cuts); i++ {
		if t.cuts[i].at < t.cuts[i-1].end {
			return nil // overlapping: cannot happen with distinct sentinels
		}
	}
	return t
}

// templateCache holds templates by key. Labels rarely change within a
// build; a long-running process (watch mode) that keeps changing them
// starts over past maxTemplates.
type templateCache struct {
	m sync.Map // key → *optTemplate (nil: build with go-echarts)
	n atomic.Int64
}

const maxTemplates = 256

// get returns the template of key, made by mk on first use.
func (c *templateCache) get(key any, mk func() *optTemplate) *optTemplate {
	if t, ok := c.m.Load(key); ok {
		return t.(*optTemplate)
	}
	t := mk()
	if _, loaded := c.m.LoadOrStore(key, t); !loaded && c.n.Add(1) > maxTemplates {
		c.m.Clear()
		c.n.Store(0)
	}
	return t
}

// appendJSONString appends s as encoding/json writes a string with its
// default HTML escaping (json.Marshal): <, > and & as \u003c, \u003e and
// \u0026, control characters escaped, invalid UTF-8 as \ufffd, U+2028 and
// U+2029 escaped. It is encoding/json's appendString with escapeHTML set.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendJSONFloat appends a finite f as encoding/json writes a float64:
// the shortest form, in 'e' notation below 1e-6 and from 1e21 (ES6 number
// to string), with a one-digit negative exponent unpadded. -0 is "-0".
func appendJSONFloat(dst []byte, f float64) []byte {
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// appendJSONStrings appends a []string as encoding/json does (nil: null).
func appendJSONStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, s)
	}
	return append(dst, ']')
}

// appendValueData appends series data as lineData/barData give it to
// go-echarts: {"value":v} for a defined (rounded) point, null otherwise.
// The slice is never nil (make), so empty data is [].
func appendValueData(dst []byte, vs []Value) []byte {
	dst = append(dst, '[')
	for i, v := range vs {
		if i > 0 {
			dst = append(dst, ',')
		}
		if v.OK {
			dst = append(dst, `{"value":`...)
			dst = appendJSONFloat(dst, v.V)
			dst = append(dst, '}')
		} else {
			dst = append(dst, "null"...)
		}
	}
	return append(dst, ']')
}

// finite reports whether every defined value can be written as JSON.
func finite(vs []Value) bool {
	for _, v := range vs {
		if v.OK && (math.IsNaN(v.V) || math.IsInf(v.V, 0)) {
			return false
		}
	}
	return true
}
