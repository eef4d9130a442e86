package i18n

import (
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/exact"
	"gongjian/generator/internal/i18n/i18ntest"
)

// Every message is in every language, taking the same arguments with the
// same verbs (in whatever order its sentence names them).
func TestCatalogsComplete(t *testing.T) {
	base, err := Keys(ZhHans)
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(base)
	for _, l := range Langs[1:] {
		t.Run(string(l), func(t *testing.T) {
			keys, err := Keys(l)
			if err != nil {
				t.Fatal(err)
			}
			if missing, extra := diffKeys(base, keys); len(missing)+len(extra) > 0 {
				t.Errorf("messages/%s.toml: missing %v; extra %v (against zh-Hans.toml)", l, missing, extra)
			}
			for _, k := range base {
				if !Has(l, k) {
					continue
				}
				want, err := i18ntest.Args(catalog(ZhHans)[k])
				if err != nil {
					t.Errorf("messages/zh-Hans.toml %s: %v", k, err)
					continue
				}
				got, err := i18ntest.Args(catalog(l)[k])
				if err != nil {
					t.Errorf("messages/%s.toml %s: %v", l, k, err)
					continue
				}
				if d := i18ntest.SameArgs(want, got); d != "" {
					t.Errorf("messages/%s.toml %s takes other arguments than zh-Hans: %s", l, k, d)
				}
			}
		})
	}
}

func diffKeys(want, got []string) (missing, extra []string) {
	w, g := map[string]bool{}, map[string]bool{}
	for _, k := range want {
		w[k] = true
	}
	for _, k := range got {
		g[k] = true
		if !w[k] {
			extra = append(extra, k)
		}
	}
	for _, k := range want {
		if !g[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(extra)
	return missing, extra
}

// The Traditional catalog has no Simplified character in any message
// (keys are code values, 亿元 among them, and are not words).
func TestHantCatalogTraditional(t *testing.T) {
	const file = "messages/zh-Hant.toml"
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if _, err := toml.Decode(string(src), &m); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		found, err := i18ntest.Simplified(m[k])
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s:%d: %s has the Simplified %c (Traditional: %s) in %q", file, keyLine(string(src), k), k,
				f.Rune, f.Traditional, i18ntest.Context(m[k], f.Offset, 6))
		}
	}
}

// keyLine is the line of a catalog that defines key.
func keyLine(src, key string) int {
	for i, line := range strings.Split(src, "\n") {
		if strings.HasPrefix(line, `"`+key+`"`) {
			return i + 1
		}
	}
	return 0
}

type day struct{ y, m, d int }

func (d day) Year() int         { return d.y }
func (d day) Month() time.Month { return time.Month(d.m) }
func (d day) Day() int          { return d.d }
func (d day) IsZero() bool      { return d == day{} }

func TestDates(t *testing.T) {
	sep30, jan1 := day{2023, 9, 30}, day{2024, 1, 1}
	for _, tc := range []struct {
		lang                   Lang
		d                      day
		date, short, month, yr string
	}{
		{ZhHans, sep30, "2023年9月30日", "9月30日", "2023年9月", "2023年"},
		{ZhHant, sep30, "2023年9月30日", "9月30日", "2023年9月", "2023年"},
		{En, sep30, "30 Sep 2023", "30 Sep", "Sep 2023", "2023"},
		{En, jan1, "1 Jan 2024", "1 Jan", "Jan 2024", "2024"},
		{ZhHant, day{}, "", "", "", ""},
	} {
		t.Run(string(tc.lang)+" "+tc.date, func(t *testing.T) {
			f := Format{Lang: tc.lang}
			if got := f.Date(tc.d); got != tc.date {
				t.Errorf("Date(%v) = %q; want %q", tc.d, got, tc.date)
			}
			if got := f.ShortDate(tc.d); got != tc.short {
				t.Errorf("ShortDate(%v) = %q; want %q", tc.d, got, tc.short)
			}
			if tc.d.IsZero() {
				return
			}
			if got := f.Month(tc.d.y, time.Month(tc.d.m)); got != tc.month {
				t.Errorf("Month(%v) = %q; want %q", tc.d, got, tc.month)
			}
			if got := f.Year(tc.d.y); got != tc.yr {
				t.Errorf("Year(%v) = %q; want %q", tc.d, got, tc.yr)
			}
		})
	}
}

func dec(t *testing.T, s string) exact.Num {
	t.Helper()
	d, err := exact.ParseString(s)
	if err != nil {
		t.Fatal(err)
	}
	return d.Num()
}

func TestAmounts(t *testing.T) {
	for _, tc := range []struct {
		lang                    Lang
		unit, in                string
		amount, label, withUnit string
		figure, figureUnit      string
	}{
		{ZhHans, "亿元", "12.3456", "12.35", "亿元", "12.35 亿元", "12.35", "亿元"},
		{ZhHant, "億元", "12.3456", "12.35", "億元", "12.35 億元", "12.35", "億元"},
		{ZhHant, "萬元", "1234", "1234", "萬元", "1234 萬元", "1234", "萬元"},
		{ZhHans, "万元", "0.5", "0.50", "万元", "0.50 万元", "0.50", "万元"},
		{ZhHans, "亿元", "-3.2", "−3.20", "亿元", "−3.20 亿元", "−3.20", "亿元"},
		// English: the table's figure under "¥100 million"; in prose the
		// same figure, the decimal point moved to billions or millions.
		{En, "亿元", "12.3456", "12.35", "¥100 million", "¥1.235 billion", "¥1.235", "billion"},
		{En, "亿元", "10", "10.00", "¥100 million", "¥1 billion", "¥1", "billion"},
		{En, "亿元", "8.5", "8.50", "¥100 million", "¥850 million", "¥850", "million"},
		{En, "亿元", "0.05", "0.05", "¥100 million", "¥5 million", "¥5", "million"},
		{En, "亿元", "0.001", "0.00", "¥100 million", "¥0", "¥0", ""},
		{En, "亿元", "1234.5", "1,234.50", "¥100 million", "¥123.45 billion", "¥123.45", "billion"},
		{En, "億元", "-0.3", "−0.30", "¥100 million", "−¥30 million", "−¥30", "million"},
		{En, "万元", "12345", "12,345", "¥10,000", "¥123.45 million", "¥123.45", "million"},
		{En, "萬元", "250000", "250,000", "¥10,000", "¥2.5 billion", "¥2.5", "billion"},
		{En, "万元", "5", "5", "¥10,000", "¥50,000", "¥50,000", ""},
		{En, "万元", "0.5", "0.50", "¥10,000", "¥5,000", "¥5,000", ""},
		{En, "万元", "123.45", "123.45", "¥10,000", "¥1.2345 million", "¥1.2345", "million"},
	} {
		t.Run(string(tc.lang)+" "+tc.in+tc.unit, func(t *testing.T) {
			f := Format{Lang: tc.lang, MoneyUnit: tc.unit}
			x := dec(t, tc.in)
			if got := f.Amount(x); got != tc.amount {
				t.Errorf("Amount(%s) = %q; want %q", tc.in, got, tc.amount)
			}
			if got := f.Unit(); got != tc.label {
				t.Errorf("Unit() = %q; want %q", got, tc.label)
			}
			if got := f.AmountUnit(x); got != tc.withUnit {
				t.Errorf("AmountUnit(%s) = %q; want %q", tc.in, got, tc.withUnit)
			}
			if fig, u := f.AmountParts(x); fig != tc.figure || u != tc.figureUnit {
				t.Errorf("AmountParts(%s) = %q, %q; want %q, %q", tc.in, fig, u, tc.figure, tc.figureUnit)
			}
		})
	}
	var none exact.Num
	for _, l := range Langs {
		f := Format{Lang: l, MoneyUnit: "亿元"}
		if got := f.AmountUnit(none); got != Undefined {
			t.Errorf("%s: AmountUnit(undefined) = %q; want %q", l, got, Undefined)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, tc := range []struct {
		lang           Lang
		in             string
		places         int
		fixed, percent string
	}{
		{ZhHans, "1234.56", 1, "1234.6", "1234.6%"},
		{En, "1234.56", 1, "1,234.6", "1,234.6%"},
		{En, "-1234567", 0, "−1,234,567", "−1,234,567.0%"},
		{ZhHant, "-0.04", 1, "0.0", "0.0%"},
		{En, "85", 1, "85.0", "85.0%"},
	} {
		t.Run(string(tc.lang)+" "+tc.in, func(t *testing.T) {
			f := Format{Lang: tc.lang}
			x := dec(t, tc.in)
			if got := f.Fixed(x, tc.places); got != tc.fixed {
				t.Errorf("Fixed(%s, %d) = %q; want %q", tc.in, tc.places, got, tc.fixed)
			}
			if got := f.Percent(x); got != tc.percent {
				t.Errorf("Percent(%s) = %q; want %q", tc.in, got, tc.percent)
			}
		})
	}
	for _, tc := range []struct {
		lang Lang
		n    int
		want string
	}{
		{ZhHans, 12345, "12345"}, {En, 12345, "12,345"}, {En, -1000, "−1,000"}, {En, 999, "999"},
	} {
		if got := (Format{Lang: tc.lang}).Int(tc.n); got != tc.want {
			t.Errorf("%s: Int(%d) = %q; want %q", tc.lang, tc.n, got, tc.want)
		}
	}
}

func TestQuoteAndList(t *testing.T) {
	for _, tc := range []struct {
		lang        Lang
		quote, list string
	}{
		{ZhHans, "“南曹”", "甲、乙"},
		{ZhHant, "「南曹」", "甲、乙"},
		{En, `"南曹"`, "甲, 乙"},
	} {
		t.Run(string(tc.lang), func(t *testing.T) {
			if got := Quote(tc.lang, "南曹"); got != tc.quote {
				t.Errorf("Quote(%s, 南曹) = %q; want %q", tc.lang, got, tc.quote)
			}
			if got := List(tc.lang, []string{"甲", "乙"}); got != tc.list {
				t.Errorf("List(%s) = %q; want %q", tc.lang, got, tc.list)
			}
		})
	}
}
