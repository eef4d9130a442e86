package chart

import (
	"strconv"
	"strings"
)

func appendFloatF(dst []byte, v float64) []byte {
	return strconv.AppendFloat(dst, v, 'f', -1, 64)
}

// num writes v with the axis' decimals ("8.20" for 8.2 with 2 places),
// never "-0.0".
func (ax Axis) num(v float64) string {
	var buf [40]byte
	return string(ax.appendNum(buf[:0], v))
}

func (ax Axis) appendNum(dst []byte, v float64) []byte {
	n := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', ax.Places, 64)
	if dst[n] == '-' && isZero(dst[n+1:]) {
		dst = append(dst[:n], dst[n+1:]...)
	}
	return dst
}

func isZero(digits []byte) bool {
	for _, c := range digits {
		if c != '0' && c != '.' {
			return false
		}
	}
	return true
}

// signed writes v with an explicit "+" when positive (gaps to pace).
func (ax Axis) signed(v float64) string {
	s := ax.num(v)
	if v > 0 && s != ax.num(0) {
		return "+" + s
	}
	return s
}

// text writes v with its unit as a reader sees it beside a mark: "8.2%",
// "12.35 亿元", "3 个".
func (ax Axis) text(v float64) string { return withUnitValue(ax.num(v), ax.Unit) }

func withUnitValue(n, unit string) string {
	switch {
	case unit == "":
		return n
	case unit == "%" || unit == "‰":
		return n + unit
	}
	return n + " " + unit
}

// label is the short value written at a bar's end: "%" sticks to the
// number; any other unit is in the axis name and the table head.
func (ax Axis) label(v float64) string {
	if ax.Unit == "%" {
		return ax.num(v) + "%"
	}
	return ax.num(v)
}

// head names the metric with its unit: "完成率（%）", "Rate (%)".
func (ax Axis) head(l *Labels) string { return l.withUnit(ax.Name, ax.Unit) }

// withUnit appends a unit to a head or caption in the script of the head.
func (l *Labels) withUnit(head, unit string) string {
	if unit == "" {
		return head
	}
	if head == "" {
		return unit
	}
	return l.paren(head, unit)
}

// paren adds a note in parentheses after s, as the site's language writes
// it: "Rate (%)", "完成率（%）" (the phrase "of").
func (l *Labels) paren(s, note string) string { return l.say("of", s, note) }

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// joinDesc builds a description sentence from its parts, skipping empty
// ones: "横向条形图：标题，8项…。"
func (l *Labels) joinDesc(kind string, parts ...string) string {
	var b strings.Builder
	b.WriteString(l.say(kind))
	b.WriteString(l.say("colon"))
	first := true
	for _, p := range parts {
		if p == "" {
			continue
		}
		if !first {
			b.WriteString(l.say("sep"))
		}
		b.WriteString(p)
		first = false
	}
	b.WriteString(l.say("end"))
	return b.String()
}

// caption is the data table's caption: "数据表：标题".
func (l *Labels) caption(title string) string {
	if title == "" {
		return l.DataTable
	}
	return l.DataTable + l.say("colon") + title
}

// textWidth estimates the width in px of s at 12 px: wide (CJK) runes
// 12 px, others 7 px. It sizes the room for bar labels.
func textWidth(s string) int {
	w := 0
	for _, r := range s {
		if r >= 0x1100 {
			w += 12
		} else {
			w += 7
		}
	}
	return w
}
