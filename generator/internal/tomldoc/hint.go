package tomldoc

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// HintKind names a mistake a Chinese input method makes easy.
type HintKind int

const (
	FullWidthDigits HintKind = iota + 1 // ０.８０ for 0.80
	FullWidthSign                       // ＝ ＋ － ． ％ ＃ ［ ］ ： and other full-width ASCII
	FullWidthSpace                      // 　 (U+3000) for a space
	CurlyQuotes                         // “南曹” or ‘南曹’ for "南曹"
	ChinesePunct                        // 【】 around a table name, ， or 、 between array elements
	ChineseDate                         // 2023年4月10日
	SlashDate                           // 2023/5/1
	DotDate                             // 2023.5.1
	UnpaddedDate                        // 2023-4-1: TOML wants 2023-04-01
	ThousandsSep                        // 1,234.5 or 1，234
	Percent                             // 15% for 15
	MoneyUnit                           // 1.54亿元 for 1.54, the unit in Hint.Unit
	ChineseBool                         // 是 否 for true false
	BoolCase                            // True, TRUE for true
	QuotedDate                          // "2023-04-10" for 2023-04-10
	QuotedNumber                        // "1.5" for 1.5
	QuotedBool                          // "true" for true
	Unquoted                            // name = 南曹 for name = "南曹"
	UnquotedKey                         // 制造业 = 1 for "制造业" = 1
)

var hintKindNames = [...]string{
	FullWidthDigits: "FullWidthDigits", FullWidthSign: "FullWidthSign", FullWidthSpace: "FullWidthSpace",
	CurlyQuotes: "CurlyQuotes", ChinesePunct: "ChinesePunct", ChineseDate: "ChineseDate",
	SlashDate: "SlashDate", DotDate: "DotDate", UnpaddedDate: "UnpaddedDate",
	ThousandsSep: "ThousandsSep", Percent: "Percent", MoneyUnit: "MoneyUnit",
	ChineseBool: "ChineseBool", BoolCase: "BoolCase", QuotedDate: "QuotedDate",
	QuotedNumber: "QuotedNumber", QuotedBool: "QuotedBool", Unquoted: "Unquoted", UnquotedKey: "UnquotedKey",
}

func (k HintKind) String() string {
	if k > 0 && int(k) < len(hintKindNames) {
		return hintKindNames[k]
	}
	return fmt.Sprintf("HintKind(%d)", int(k))
}

// Hint says what the user probably meant.
type Hint struct {
	Kind HintKind
	// Got is the offending text as written: a value (2023年4月10日), or a
	// whole line, trimmed, where the mistake is in its punctuation
	// (plan ＝ 1.5, name = “南曹”).
	Got string
	// Want is exactly what to type instead of Got: 2023-04-10,
	// plan = 1.5. For MoneyUnit, the bare number.
	Want string
	// Unit is the money unit the user wrote (亿元, 萬元, …) whenever one was
	// dropped from Want, so that the caller can say amounts are in the
	// site's money_unit, or convert.
	Unit string
}

// Want is the kind of value a key expects.
type Want int

const (
	Any     Want = iota // nothing known about the key (a syntax error's line)
	Number              // an integer or a float
	Integer             // an integer
	Date                // a local date, 2023-09-30
	String              // a string
	Bool                // true or false
)

// maxDiagnose bounds the texts Diagnose looks at: nobody types a date or
// a number longer than that, and a hostile 10 MB value costs nothing.
const maxDiagnose = 256

// Diagnose classifies a value's text — as written after `=`, or the
// contents of a string found where want was expected — and says what to
// type instead; nil when nothing is recognised. A text that is already a
// valid value of the wanted kind is taken for the contents of a string:
// "2023-04-10" where a date was wanted is QuotedDate, Want 2023-04-10.
//
// Every Hint's Want is checked: it decodes as a TOML value of the wanted
// kind.
func Diagnose(text string, want Want) *Hint {
	return diagnoseValue(text, want, true)
}

// diagnoseValue is Diagnose; fromString says whether a text that is a
// valid value as it is came from a string (Diagnose) or was written bare
// (a syntax error's line, where it is then not the mistake).
func diagnoseValue(text string, want Want, fromString bool) *Hint {
	if len(text) > maxDiagnose {
		return nil
	}
	got := trimSpace(text)
	if got == "" {
		return nil
	}
	h := classify(got, want, fromString)
	if h == nil || !decodesAs(h.Want, want) {
		return nil
	}
	h.Got = got
	return h
}

func classify(s string, want Want, fromString bool) *Hint {
	inner, quote := unquote(s)
	switch quote {
	case '"', '\'':
		if want == Any {
			return nil // a string: whatever is in it is not a mistake of syntax
		}
		fromString = true
	case '“', '‘':
		if want == Any || want == String {
			return curlyQuoted(inner, quote)
		}
		fromString = true
	default:
		if !fromString && decodesAs(s, Any) {
			return nil // a TOML value as it is: not the mistake
		}
	}
	n, wide := narrow(inner)
	n = strings.TrimSpace(n)
	// asWritten is the hint for a value that has no mistake but its
	// width or its quotes.
	asWritten := func(k HintKind, v string) *Hint {
		switch {
		case wide&wideDigits != 0:
			return &Hint{Kind: FullWidthDigits, Want: v}
		case wide != 0:
			return &Hint{Kind: FullWidthSign, Want: v}
		case fromString && want != Any:
			return &Hint{Kind: k, Want: v}
		}
		return nil
	}

	if want == Date || want == Any {
		if k, iso, ok := dateLike(n); ok {
			if k == 0 {
				return asWritten(QuotedDate, iso)
			}
			return &Hint{Kind: k, Want: iso}
		}
	}
	if want == Number || want == Integer || want == Any {
		if k, num, unit, ok := numberLike(n, want == Integer); ok {
			if k == 0 {
				return asWritten(QuotedNumber, num)
			}
			return &Hint{Kind: k, Want: num, Unit: unit}
		}
	}
	if want == Bool || want == Any {
		switch n {
		case "是", "真", "对", "對":
			return &Hint{Kind: ChineseBool, Want: "true"}
		case "否", "假", "错", "錯":
			return &Hint{Kind: ChineseBool, Want: "false"}
		case "True", "TRUE":
			return &Hint{Kind: BoolCase, Want: "true"}
		case "False", "FALSE":
			return &Hint{Kind: BoolCase, Want: "false"}
		case "true", "false":
			if want == Bool {
				return asWritten(QuotedBool, n)
			}
		}
	}
	if (want == String || want == Any) && quote == 0 && looksLikeWord(s) {
		return &Hint{Kind: Unquoted, Want: quoteString(s)}
	}
	return nil
}

// curlyQuoted is the hint for a string in curly quotes: the same string
// in ASCII quotes, single ones for single ones where TOML allows.
func curlyQuoted(inner string, quote rune) *Hint {
	if quote == '‘' && !strings.ContainsAny(inner, "'\n") {
		return &Hint{Kind: CurlyQuotes, Want: "'" + inner + "'"}
	}
	return &Hint{Kind: CurlyQuotes, Want: quoteString(inner)}
}

// decodesAs reports whether v is a TOML value of the kind want.
func decodesAs(v string, want Want) bool {
	var m map[string]any
	if _, err := toml.Decode("v = "+v, &m); err != nil {
		return false
	}
	switch x := m["v"]; want {
	case Number:
		return TypeName(x) == "integer" || TypeName(x) == "float"
	case Integer:
		return TypeName(x) == "integer"
	case Date:
		return TypeName(x) == "date"
	case String:
		return TypeName(x) == "string"
	case Bool:
		return TypeName(x) == "boolean"
	}
	return true
}

// Quote characters: the ASCII ones, and those input methods type for them.
const (
	curlyDouble = "“”„‟〝〞＂″"
	curlySingle = "‘’‚‛＇′"
)

// quoteClass maps a quote character to its class: '"', '\”, '“' for the
// curly double quotes, '‘' for the curly single ones; 0 for anything else.
func quoteClass(r rune) rune {
	switch {
	case r == '"' || r == '\'':
		return r
	case strings.ContainsRune(curlyDouble, r):
		return '“'
	case strings.ContainsRune(curlySingle, r):
		return '‘'
	}
	return 0
}

// unquote strips the quotes around s: ASCII or curly, the same class at
// both ends (an input method may type ” for both).
func unquote(s string) (string, rune) {
	first, n := utf8.DecodeRuneInString(s)
	last, m := utf8.DecodeLastRuneInString(s)
	q := quoteClass(first)
	if q == 0 || len(s) < n+m || quoteClass(last) != q {
		return s, 0
	}
	inner := s[n : len(s)-m]
	if q == '"' && strings.ContainsAny(inner, `"\`) || q == '\'' && strings.ContainsRune(inner, '\'') {
		return s, 0 // not one plain string: leave it alone
	}
	return inner, q
}

// quoteString writes s as a TOML basic string.
func quoteString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Which full-width characters narrow found.
const (
	wideDigits = 1 << iota
	wideOther
)

// narrow turns full-width ASCII (U+FF01–FF5E), the ideographic space and
// full stop, and the minus sign into ASCII, and says what it changed.
func narrow(s string) (string, int) {
	var b strings.Builder
	wide := 0
	for i, r := range s {
		var c rune
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			c = r - 0xFEE0
		case r == '\u3000':
			c = ' '
		case r == '。':
			c = '.'
		case r == '−':
			c = '-'
		default:
			if wide != 0 {
				b.WriteRune(r)
			}
			continue
		}
		if wide == 0 {
			b.WriteString(s[:i])
		}
		if isDigit(byte(c)) {
			wide |= wideDigits
		} else {
			wide |= wideOther
		}
		b.WriteRune(c)
	}
	if wide == 0 {
		return s, 0
	}
	return b.String(), wide
}

// trimSpace trims ASCII blanks and ideographic spaces.
func trimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' })
}

// looksLikeWord: s could only be meant as a string, written without
// quotes: it starts with a letter and has nothing of TOML's syntax in it.
func looksLikeWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) && !strings.ContainsAny(s, "\"'[]{}=#\\\n")
}

// dateForms are the ways people write dates: the separators after the
// year, the month and the day, "|" between choices.
var dateForms = []struct {
	kind HintKind
	seps [3]string
}{
	{ChineseDate, [3]string{"年", "月", "日|号|號"}},
	{SlashDate, [3]string{"/", "/", ""}},
	{DotDate, [3]string{".", ".", ""}},
	{UnpaddedDate, [3]string{"-", "-", ""}},
}

// dateLike reads a date written as people write them: 2023-04-10 (kind
// 0: TOML's own form), 2023年4月10日, 2023/5/1, 2023.5.1, 2023-4-1. It
// returns the date as TOML writes it, for a day that exists only.
func dateLike(s string) (HintKind, string, bool) {
	for _, f := range dateForms {
		ymd, ok := readDate(s, f.seps)
		if !ok {
			continue
		}
		y, m, d := ymd[0], ymd[1], ymd[2]
		if m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
			return 0, "", false
		}
		iso := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		if iso == s {
			return 0, iso, true
		}
		return f.kind, iso, true
	}
	return 0, "", false
}

// readDate reads a year of four digits, a month and a day of one or two,
// each followed by its separator; blanks around them are allowed.
func readDate(s string, seps [3]string) ([3]int, bool) {
	var ymd [3]int
	digits := [3][2]int{{4, 4}, {1, 2}, {1, 2}} // at least, at most
	for i, sep := range seps {
		n, rest, ok := digitsAtMost(strings.TrimLeft(s, " "), digits[i][0], digits[i][1])
		if !ok {
			return ymd, false
		}
		ymd[i] = n
		s = strings.TrimLeft(rest, " ")
		if sep == "" {
			continue
		}
		found := false
		for _, c := range strings.Split(sep, "|") {
			if rest, ok := strings.CutPrefix(s, c); ok {
				s, found = rest, true
				break
			}
		}
		if !found {
			return ymd, false
		}
	}
	return ymd, s == ""
}

// digitsAtMost reads from lo to hi ASCII digits at the start of s.
func digitsAtMost(s string, lo, hi int) (int, string, bool) {
	n, i := 0, 0
	for i < len(s) && i < hi && isDigit(s[i]) {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i < lo || i < len(s) && isDigit(s[i]) {
		return 0, s, false
	}
	return n, s[i:], true
}

// Money units, longest first: what people write after an amount.
var moneyUnits = []string{"千万元", "千萬元", "百万元", "百萬元", "亿元", "億元", "万元", "萬元", "千元", "亿", "億", "万", "萬", "元"}

// numberLike reads a number as people write it: with a money unit
// (1.54 亿元), a percent sign, thousands separators (1,234.5). kind 0 is a
// TOML number as it is. It returns the number as TOML writes it.
func numberLike(s string, integer bool) (kind HintKind, num, unit string, ok bool) {
	for _, u := range moneyUnits {
		if rest, found := strings.CutSuffix(s, u); found {
			s, unit, kind = strings.TrimSpace(rest), u, MoneyUnit
			break
		}
	}
	if rest, found := strings.CutSuffix(s, "%"); found {
		s = strings.TrimSpace(rest)
		if kind == 0 {
			kind = Percent
		}
	}
	if t, found := dropThousands(s); found {
		s = t
		if kind == 0 {
			kind = ThousandsSep
		}
	}
	d := fastDecoder{s: s}
	if s == "" || !strings.ContainsAny(s[:1], "+-0123456789") {
		return 0, "", "", false // inf and nan are no amounts
	}
	v, ok := d.number()
	if !ok || d.i != len(s) {
		return 0, "", "", false
	}
	if _, isInt := v.(int64); integer && !isInt {
		return 0, "", "", false
	}
	return kind, s, unit, true
}

// dropThousands removes the separators of 1,234,567.89 (or 1，234): groups
// of three digits after the first group of one to three.
func dropThousands(s string) (string, bool) {
	if !strings.ContainsAny(s, ",，") {
		return s, false
	}
	sign := ""
	if s != "" && (s[0] == '+' || s[0] == '-') {
		sign, s = s[:1], s[1:]
	}
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	groups := strings.FieldsFunc(intPart, func(r rune) bool { return r == ',' || r == '，' })
	if len(groups) < 2 || strings.Count(intPart, ",")+strings.Count(intPart, "，") != len(groups)-1 {
		return s, false
	}
	for i, g := range groups {
		if _, rest, ok := digitsAtMost(g, 1, 3); !ok || rest != "" || i > 0 && len(g) != 3 {
			return s, false
		}
	}
	return sign + strings.Join(groups, "") + frac, true
}
