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

// AmountPlaces is how many decimals an amount is shown with: 2 in 亿元,
// 0 in 万元 (an amount in 万元 with cents would be false precision)
// unless the amount itself has more.
func (f Format) AmountPlaces() int {
	switch f.MoneyUnit {
	case "万元", "萬元":
		return 0
	}
	return 2
}

// Amount is an amount in the money unit, without the unit: 12.35.
func (f Format) Amount(x exact.Num) string {
	p := f.AmountPlaces()
	if p == 0 && x.OK() && x.Round(0).Cmp(x) != 0 {
		p = 2 // 0.5 万元 is shown, not rounded away
	}
	return f.Fixed(x, p)
}

// Unit is the money unit as the language names it: 亿元 as written in
// Chinese; "¥100 million" or "¥10,000" in English.
func (f Format) Unit() string {
	if f.Lang == En {
		switch f.MoneyUnit {
		case "万元", "萬元":
			return "¥10,000"
		}
		return "¥100 million"
	}
	return f.MoneyUnit
}

// AmountUnit is an amount with its unit: 12.35 亿元, 12.35 × ¥100 million.
func (f Format) AmountUnit(x exact.Num) string {
	if !x.OK() {
		return Undefined
	}
	if f.Lang == En {
		return f.Amount(x) + " × " + f.Unit()
	}
	return f.Amount(x) + " " + f.Unit()
}

// Percent is a rate with one decimal and the sign: 85.0%.
func (f Format) Percent(x exact.Num) string {
	if !x.OK() {
		return Undefined
	}
	return f.Fixed(x, 1) + "%"
}

// Points is a gap in percentage points: −24.5 个百分点, −24.5 pp.
func (f Format) Points(x exact.Num) string {
	if !x.OK() {
		return Undefined
	}
	s := f.Fixed(x, 1)
	if x.Sign() > 0 {
		s = "+" + s
	}
	switch f.Lang {
	case ZhHans:
		return s + " 个百分点"
	case ZhHant:
		return s + " 個百分點"
	}
	return s + " pp"
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
