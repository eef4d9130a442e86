package dispatch

import (
	"testing"

	"gongjian/generator/internal/i18n"
)

var (
	yi  = moneyUnit{"亿元", 8}
	wan = moneyUnit{"万元", 4}
)

func TestAmount(t *testing.T) {
	tests := []struct {
		in       cell
		from, to moneyUnit
		want     string // the amount, or the problem in English
	}{
		{cell{"1.25", kindNumber}, yi, yi, "1.25"},
		{cell{"12345", kindNumber}, wan, yi, "1.2345"},
		{cell{"0.30000000000000004", kindNumber}, yi, yi, "0.3"}, // a formula's binary noise
		{cell{"18000.000000000004", kindNumber}, wan, yi, "1.8"},
		{cell{"1.2E-3", kindNumber}, yi, yi, "0.0012"},
		{cell{"1.5", kindText}, yi, wan, "15000"},
		{cell{" 1.5\u3000", kindText}, yi, yi, "1.5"},
		{cell{"１.２", kindText}, yi, yi, "1.2"},
		{cell{"1,234", kindText}, wan, yi, "0.1234"},
		{cell{"1.2亿", kindText}, wan, yi, "1.2"},      // the cell's own unit wins
		{cell{"3000万元", kindText}, yi, yi, "0.3"},     // in any column
		{cell{"1.2 億元", kindText}, wan, wan, "12000"}, // traditional characters
		{cell{"5000元", kindText}, wan, wan, "0.5"},
		{cell{"-0", kindText}, yi, yi, "0"},
		{cell{"约1.2亿", kindText}, yi, yi, `"约1.2亿" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
		{cell{"1.2亿左右", kindText}, wan, yi, `"1.2亿左右" is not an amount (expected a number in 万元, such as 1.25, and nothing else in the cell)`},
		{cell{"15%", kindText}, yi, yi, `"15%" is a percentage (expected an amount in 亿元, such as 1.25)`},
		{cell{"2023年9月30日", kindText}, yi, yi, `"2023年9月30日" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
		{cell{"#DIV/0!", kindError}, yi, yi, `the cell holds the Excel error #DIV/0! (expected a number; check the formula)`},
		{cell{"1", kindBool}, yi, yi, `"1" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
		{cell{"-1.5", kindNumber}, yi, yi, `"-1.5" is below zero (expected an amount ≥ 0)`},
		{cell{"1.23456", kindNumber}, yi, yi, `"1.23456" has more than 4 digits after the point (expected an amount in 亿元 with at most 4, such as 1.2345)`},
		{cell{"1.00001", kindText}, wan, yi, `1.00001 万元 is 0.000100001 亿元, more than 4 decimals (expected an amount in 亿元 with at most 4 digits after the point)`},
		{cell{"99999999999", kindNumber}, yi, yi, `"99999999999" is too large (expected an amount below 10,000,000,000)`},
		{cell{"1e400", kindText}, yi, yi, `"1e400" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
		{cell{"inf", kindText}, yi, yi, `"inf" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)`},
	}
	for _, tt := range tests {
		t.Run(tt.in.text, func(t *testing.T) {
			v, msg := amount(tt.in, tt.from, tt.to)
			got := v.String()
			if msg != nil {
				got = msg.Text(i18n.En)
			}
			if got != tt.want {
				t.Errorf("amount(%q in %s → %s) = %s; want %s", tt.in.text, tt.from.name, tt.to.name, got, tt.want)
			}
		})
	}
}

func TestShiftPoint(t *testing.T) {
	tests := []struct {
		in   string
		k    int
		want string
	}{
		{"1234.5", -4, "0.12345"},
		{"1.2", 4, "12000"},
		{"0.00012", 4, "1.2"},
		{".5", 0, "0.5"},
		{"5.", 0, "5"},
		{"7", -8, "0.00000007"},
	}
	for _, tt := range tests {
		if got := shiftPoint(tt.in, tt.k); got != tt.want {
			t.Errorf("shiftPoint(%q, %d) = %q; want %q", tt.in, tt.k, got, tt.want)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		in    cell
		d1904 bool
		want  string // "" when not a date
	}{
		{cell{"45199", kindNumber}, false, "2023-09-30"},
		{cell{"45199.75", kindNumber}, false, "2023-09-30"}, // a time of day
		{cell{"43737", kindNumber}, true, "2023-09-30"},     // a 1904 workbook
		{cell{"61", kindNumber}, false, "1900-03-01"},
		{cell{"59", kindNumber}, false, "1900-02-28"},
		{cell{"60", kindNumber}, false, ""}, // the 29 February 1900 Excel counts
		{cell{"2023年9月30日", kindText}, false, "2023-09-30"},
		{cell{"２０２３年９月３０日", kindText}, false, "2023-09-30"},
		{cell{"截至2023年9月30日", kindText}, false, "2023-09-30"},
		{cell{"2023/9/30", kindText}, false, "2023-09-30"},
		{cell{"2023.09.30", kindText}, false, "2023-09-30"},
		{cell{"2023-9-30", kindText}, false, "2023-09-30"},
		{cell{"2023年2月30日", kindText}, false, ""},
		{cell{"2023年1-9月", kindText}, false, ""},
		{cell{"2023-09-01至2023-09-30", kindText}, false, ""}, // two dates: none
		{cell{"TRUE", kindBool}, false, ""},
	}
	for _, tt := range tests {
		d, ok := cellDate(tt.in, tt.d1904)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("cellDate(%q, 1904 %v) = %q; want %q", tt.in.text, tt.d1904, got, tt.want)
		}
	}
}

func TestHeaders(t *testing.T) {
	mt := newMatcher(loadSite(t, testSite).Import)
	tests := []struct {
		levels []string
		want   string
	}{
		{[]string{"项目ID"}, fieldID},
		{[]string{"Project ID"}, fieldID},
		{[]string{"项 目 名 称"}, fieldName},
		{[]string{"2023年", "1-9月完成"}, fieldCompleted},
		{[]string{"1—10月累计完成投资（万元）"}, fieldCompleted},
		{[]string{"1至9月到位资金"}, fieldFunds},
		{[]string{"本期填报", "本年累计完成（亿元）"}, fieldCompleted},
		{[]string{"本年累計完成（億元）"}, fieldCompleted},
		{[]string{"*形象进度"}, fieldNote},
		{[]string{"上期本年累计完成（2023-09-30，亿元）"}, ""},
		{[]string{"开工以来累计完成"}, ""}, // since the start, not this year
		{[]string{"1-13月完成"}, ""},
	}
	for _, tt := range tests {
		if got := mt.field(tt.levels); got != tt.want {
			t.Errorf("field(%q) = %q; want %q", tt.levels, got, tt.want)
		}
	}
}
