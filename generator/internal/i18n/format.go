package i18n

import (
	"strconv"
	"strings"
	"time"

	"gongjian/generator/internal/exact"
)

// Day is a calendar date (dataset.Date satisfies it).
type Day interface {
	Year() int
	Month() time.Month
	Day() int
	IsZero() bool
}

var enMonths = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// Format formats figures in one language for one money unit.
type Format struct {
	Lang      Lang
	MoneyUnit string // as site.toml writes it: 亿元 万元 億元 萬元
}

// Date is 2023年9月30日 or 30 Sep 2023; "" for a zero date.
func (f Format) Date(d Day) string {
	if d == nil || d.IsZero() {
		return ""
	}
	if f.Lang.Chinese() {
		return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
	}
	return strconv.Itoa(d.Day()) + " " + enMonths[d.Month()-1] + " " + strconv.Itoa(d.Year())
}

// ShortDate is 9月30日 or 30 Sep.
func (f Format) ShortDate(d Day) string {
	if d == nil || d.IsZero() {
		return ""
	}
	if f.Lang.Chinese() {
		return strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
	}
	return strconv.Itoa(d.Day()) + " " + enMonths[d.Month()-1]
}

// Month is 2023年9月 or Sep 2023.
func (f Format) Month(y int, m time.Month) string {
	if f.Lang.Chinese() {
		return strconv.Itoa(y) + "年" + strconv.Itoa(int(m)) + "月"
	}
	return enMonths[m-1] + " " + strconv.Itoa(y)
}

// Year is 2023年 or 2023.
func (f Format) Year(y int) string {
	if f.Lang.Chinese() {
		return strconv.Itoa(y) + "年"
	}
	return strconv.Itoa(y)
}

// Undefined is how an undefined figure is shown.
const Undefined = "—"

// Minus is the sign of a negative figure shown to people.
const Minus = "−"

// Fixed is x rounded half away from zero to places digits, with a true
// minus sign; English groups thousands with commas. Undefined: "—".
func (f Format) Fixed(x exact.Num, places int) string {
	if !x.OK() {
		return Undefined
	}
	s := x.Fixed(places)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if f.Lang == En {
		s = groupThousands(s)
	}
	if neg {
		return Minus + s
	}
	return s
}

func groupThousands(s string) string {
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// Amounts.
//
// Every amount is in the site's money unit, and tables show it as a bare
// figure in that unit (12.35) under a unit label: 亿元 as written in
// Chinese, "¥100 million" in English — the way China's statistical
// yearbooks head their English tables ("100 million yuan").
//
// An amount standing in a sentence or on a card carries its unit. In
// Chinese that is the figure and the unit: 12.35 亿元. In English the
// figure is written the way English prose writes money, as official
// English does ("1.235 billion yuan"): ¥1.235 billion, ¥850 million,
// ¥50,000. It is the table's figure with the decimal point moved — the
// same rounding, no digit added or lost — so the two never disagree.

// AmountPlaces is how many decimals an amount is shown with: 2 in 亿元,
// 0 in 万元 (an amount in 万元 with cents would be false precision)
// unless the amount itself has more.
func (f Format) AmountPlaces() int {
	if f.unitExp() == 4 {
		return 0
	}
	return 2
}

// places is how many decimals x is shown with.
func (f Format) places(x exact.Num) int {
	p := f.AmountPlaces()
	if p == 0 && x.OK() && x.Round(0).Cmp(x) != 0 {
		p = 2 // 0.5 万元 is shown, not rounded away
	}
	return p
}

// unitExp is the money unit as a power of ten of yuan: 8 for 亿元, 4 for 万元.
func (f Format) unitExp() int {
	switch f.MoneyUnit {
	case "万元", "萬元":
		return 4
	}
	return 8
}

// Amount is an amount in the money unit, without the unit: 12.35.
func (f Format) Amount(x exact.Num) string {
	return f.Fixed(x, f.places(x))
}

// Unit is the label of amounts shown without their unit: 亿元 (万元, 億元,
// 萬元) as site.toml writes it in Chinese; "¥100 million" or "¥10,000" in
// English.
func (f Format) Unit() string {
	if f.Lang == En {
		if f.unitExp() == 4 {
			return "¥10,000"
		}
		return "¥100 million"
	}
	return f.MoneyUnit
}

// AmountUnit is an amount with its unit: 12.35 亿元, ¥1.235 billion.
func (f Format) AmountUnit(x exact.Num) string {
	v, u := f.AmountParts(x)
	if u == "" {
		return v
	}
	return v + " " + u
}

// AmountParts is AmountUnit as a figure and a unit, for a card that sets
// the figure large: ("12.35", "亿元"), ("¥1.235", "billion"), ("¥50,000", "").
func (f Format) AmountParts(x exact.Num) (figure, unit string) {
	if !x.OK() {
		return Undefined, ""
	}
	if f.Lang != En {
		return f.Amount(x), f.Unit()
	}
	p, u := f.places(x), f.unitExp()
	yuan := x.Round(p).Mul(pow10(u))
	abs := yuan
	if abs.Sign() < 0 {
		abs = abs.Neg()
	}
	scale := 0
	switch {
	case abs.Cmp(pow10(9)) >= 0:
		scale, unit = 9, "billion"
	case abs.Cmp(pow10(6)) >= 0:
		scale, unit = 6, "million"
	}
	// x has p decimals, so x·10^(u−scale) has p−u+scale: exact.
	s := f.Fixed(yuan.Quo(pow10(scale)), max(p-u+scale, 0))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if rest, neg := strings.CutPrefix(s, Minus); neg {
		return Minus + "¥" + rest, unit
	}
	return "¥" + s, unit
}

func pow10(n int) exact.Num {
	v := int64(1)
	for ; n > 0; n-- {
		v *= 10
	}
	return exact.Int(v)
}

// Percent is a rate with one decimal and the sign: 85.0%.
func (f Format) Percent(x exact.Num) string {
	if !x.OK() {
		return Undefined
	}
	return f.Fixed(x, 1) + "%"
}

// Int is a whole number (a count).
func (f Format) Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	if f.Lang == En {
		s = groupThousands(s)
	}
	if neg {
		return Minus + s
	}
	return s
}
