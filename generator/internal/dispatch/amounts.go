package dispatch

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/tomldoc"
)

// moneyUnit is a unit amounts are written in: its name as written and its
// size as a power of ten of yuan (万元 4, 亿元 8), so that converting is
// moving the decimal point, which is exact.
type moneyUnit struct {
	name string
	exp  int
}

// unitExps are the units people write after amounts, and their sizes.
var unitExps = map[string]int{
	"元": 0, "千元": 3, "万元": 4, "萬元": 4, "万": 4, "萬": 4,
	"百万元": 6, "百萬元": 6, "千万元": 7, "千萬元": 7, "亿元": 8, "億元": 8, "亿": 8, "億": 8,
}

// unitNamed is the unit called name, if it is one.
func unitNamed(name string) (moneyUnit, bool) {
	e, ok := unitExps[strings.TrimSpace(name)]
	return moneyUnit{name: strings.TrimSpace(name), exp: e}, ok
}

// unitIn finds the unit a header states: 本年累计完成（万元）, 单位：亿元.
// Only the units of money_unit count; a header that names both is not
// taken to state either.
func unitIn(text string) (moneyUnit, bool) {
	var found []moneyUnit
	for _, n := range []string{"亿元", "億元", "万元", "萬元"} {
		if strings.Contains(text, n) {
			found = append(found, moneyUnit{name: n, exp: unitExps[n]})
		}
	}
	if len(found) != 1 {
		return moneyUnit{}, false
	}
	return found[0], true
}

// amount reads a cell as an amount written in unit from and returns it
// in unit to; a problem comes back as the message to show at the cell.
func amount(c cell, from, to moneyUnit) (exact.Dec, *i18n.Msg) {
	bad := func(key string, args ...any) (exact.Dec, *i18n.Msg) {
		m := i18n.M(key, args...)
		return 0, &m
	}
	text := trimCell(c.text)
	switch c.kind {
	case kindError:
		return bad("dispatch.excel_error", text)
	case kindBool:
		return bad("dispatch.not_amount", i18n.Quoted(text), from.name)
	case kindNumber:
		s, ok := excelNumber(text)
		if !ok {
			return bad("dispatch.not_amount", i18n.Quoted(text), from.name)
		}
		text = s
	default:
		if !plainDecimal(text) {
			h := tomldoc.Diagnose(text, tomldoc.Number)
			if h == nil {
				return bad("dispatch.not_amount", i18n.Quoted(text), from.name)
			}
			switch h.Kind {
			case tomldoc.Percent:
				return bad("dispatch.percent", i18n.Quoted(text), from.name)
			case tomldoc.MoneyUnit:
				// The cell says its own unit: 1.2亿 is 1.2 亿元 in any column.
				u, ok := unitNamed(h.Unit)
				if !ok {
					return bad("dispatch.not_amount", i18n.Quoted(text), from.name)
				}
				from = u
			case tomldoc.FullWidthDigits, tomldoc.FullWidthSign, tomldoc.ThousandsSep, tomldoc.QuotedNumber:
			default:
				return bad("dispatch.not_amount", i18n.Quoted(text), from.name)
			}
			s, ok := tomlNumber(h.Want)
			if !ok {
				return bad("dispatch.not_amount", i18n.Quoted(text), from.name)
			}
			text = s
		}
	}
	if strings.HasPrefix(text, "-") && strings.Trim(text, "-0.") != "" {
		return bad("dispatch.negative", i18n.Quoted(trimCell(c.text)))
	}
	text = strings.TrimLeft(text, "+-")
	conv := shiftPoint(text, from.exp-to.exp)
	d, err := exact.ParseString(conv)
	switch {
	case errors.Is(err, exact.ErrPlaces) && from.exp == to.exp:
		return bad("dispatch.places_same", i18n.Quoted(trimCell(c.text)), to.name)
	case errors.Is(err, exact.ErrPlaces):
		return bad("dispatch.places", text, from.name, trimZeros(conv), to.name)
	case errors.Is(err, exact.ErrRange):
		return bad("dispatch.too_big", i18n.Quoted(trimCell(c.text)))
	case err != nil:
		return bad("dispatch.not_amount", i18n.Quoted(trimCell(c.text)), from.name)
	}
	return d, nil
}

// trimCell trims the blanks people leave around a value: spaces, tabs,
// line breaks, ideographic and no-break spaces.
func trimCell(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u3000' || r == '\u00a0'
	})
}

// plainDecimal reports whether s is digits with an optional sign and
// point: what exact.ParseString reads, with any number of decimals.
func plainDecimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	ip, fp, _ := strings.Cut(s, ".")
	return (ip != "" || fp != "") && allDigits(ip) && allDigits(fp)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// excelNumber is the decimal a number cell shows. Excel keeps 15
// significant digits and shows no more; a stored value beyond that is
// binary noise from a formula (0.1+0.2 is stored as 0.30000000000000004
// and shown as 0.3), so the value is what Excel shows, not the noise.
func excelNumber(raw string) (string, bool) {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return "", false
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if significant(s) > 15 {
		g, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
		s = strconv.FormatFloat(g, 'f', -1, 64)
	}
	return s, true
}

// tomlNumber turns a number as TOML writes it (1_000, 1e3, +1.5) into a
// plain decimal. Exponents go through the shortest decimal of the double,
// which is the written number for any amount of up to 15 digits.
func tomlNumber(s string) (string, bool) {
	s = strings.ReplaceAll(s, "_", "")
	if plainDecimal(s) {
		return s, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

// significant counts the significant digits of a plain decimal.
func significant(s string) int {
	return len(strings.TrimLeft(strings.ReplaceAll(strings.TrimLeft(s, "+-"), ".", ""), "0"))
}

// shiftPoint multiplies the plain unsigned decimal s by 10^k by moving its
// point: shiftPoint("1234.5", -4) is "0.12345".
func shiftPoint(s string, k int) string {
	ip, fp, _ := strings.Cut(s, ".")
	digits := ip + fp
	point := len(ip) + k
	if point < 0 {
		digits = strings.Repeat("0", -point) + digits
		point = 0
	}
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	out := strings.TrimLeft(digits[:point], "0")
	if out == "" {
		out = "0"
	}
	if frac := digits[point:]; frac != "" {
		out += "." + frac
	}
	return out
}

// trimZeros drops the zeros a plain decimal has after its last digit.
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
}
