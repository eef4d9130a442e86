package tomldoc

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func (h *Hint) String() string {
	if h == nil {
		return "nil"
	}
	s := fmt.Sprintf("%v %q → %q", h.Kind, h.Got, h.Want)
	if h.Unit != "" {
		s += " unit " + h.Unit
	}
	return s
}

func TestDiagnose(t *testing.T) {
	tests := []struct {
		text string
		want Want
		hint *Hint // Got is the text, trimmed, unless set
	}{
		// dates
		{"2023年4月10日", Date, &Hint{Kind: ChineseDate, Want: "2023-04-10"}},
		{"2023 年 12 月 1 号", Date, &Hint{Kind: ChineseDate, Want: "2023-12-01"}},
		{"２０２３年４月１０日", Date, &Hint{Kind: ChineseDate, Want: "2023-04-10"}},
		{"2023年2月30日", Date, nil},
		{"2024年2月29日", Date, &Hint{Kind: ChineseDate, Want: "2024-02-29"}},
		{"2023年4月", Date, nil},
		{"2023/05/01", Date, &Hint{Kind: SlashDate, Want: "2023-05-01"}},
		{"2023/5/1", Any, &Hint{Kind: SlashDate, Want: "2023-05-01"}},
		{"2023/13/1", Date, nil},
		{"2023.5.1", Date, &Hint{Kind: DotDate, Want: "2023-05-01"}},
		{"2023。5。1", Date, &Hint{Kind: DotDate, Want: "2023-05-01"}},
		{"2023.5", Date, nil},
		{"2023-4-1", Date, &Hint{Kind: UnpaddedDate, Want: "2023-04-01"}},
		{"2023-04-10", Date, &Hint{Kind: QuotedDate, Want: "2023-04-10"}},
		{`"2023-04-10"`, Date, &Hint{Kind: QuotedDate, Want: "2023-04-10"}},
		{" 2023-04-10 ", Date, &Hint{Kind: QuotedDate, Got: "2023-04-10", Want: "2023-04-10"}},
		{"２０２３-０４-１０", Date, &Hint{Kind: FullWidthDigits, Want: "2023-04-10"}},
		{"2023年4月10日", Number, nil},
		{"12023-04-10", Date, nil},
		{"2023-04-10T08:00", Date, nil},
		// numbers
		{"０.８０", Number, &Hint{Kind: FullWidthDigits, Want: "0.80"}},
		{"1．5", Number, &Hint{Kind: FullWidthSign, Want: "1.5"}},
		{"－５", Integer, &Hint{Kind: FullWidthDigits, Want: "-5"}},
		{"1,234", Number, &Hint{Kind: ThousandsSep, Want: "1234"}},
		{"1,234.5", Number, &Hint{Kind: ThousandsSep, Want: "1234.5"}},
		{"-12,345,678", Integer, &Hint{Kind: ThousandsSep, Want: "-12345678"}},
		{"1，234", Number, &Hint{Kind: ThousandsSep, Want: "1234"}},
		{"1,23", Number, nil},
		{"1234,567", Number, nil},
		{"1,,234", Number, nil},
		{"15%", Number, &Hint{Kind: Percent, Want: "15"}},
		{"15 ％", Number, &Hint{Kind: Percent, Want: "15"}},
		{"-2.5%", Number, &Hint{Kind: Percent, Want: "-2.5"}},
		{"%", Number, nil},
		{"1.54 億元", Number, &Hint{Kind: MoneyUnit, Want: "1.54", Unit: "億元"}},
		{"1.54亿元", Number, &Hint{Kind: MoneyUnit, Want: "1.54", Unit: "亿元"}},
		{"300万元", Number, &Hint{Kind: MoneyUnit, Want: "300", Unit: "万元"}},
		{"300萬元", Integer, &Hint{Kind: MoneyUnit, Want: "300", Unit: "萬元"}},
		{"1,200万", Number, &Hint{Kind: MoneyUnit, Want: "1200", Unit: "万"}},
		{"5千万元", Number, &Hint{Kind: MoneyUnit, Want: "5", Unit: "千万元"}},
		{"亿元", Number, nil},
		{"1.5", Number, &Hint{Kind: QuotedNumber, Want: "1.5"}},
		{`"1.5"`, Number, &Hint{Kind: QuotedNumber, Want: "1.5"}},
		{"'7'", Integer, &Hint{Kind: QuotedNumber, Want: "7"}},
		{"1.5", Integer, nil},
		{"1_000", Number, &Hint{Kind: QuotedNumber, Want: "1_000"}},
		{"01", Number, nil},
		{"inf", Number, nil},
		{"1e400", Number, nil},
		{"9223372036854775808", Integer, nil},
		// booleans
		{"是", Bool, &Hint{Kind: ChineseBool, Want: "true"}},
		{"否", Any, &Hint{Kind: ChineseBool, Want: "false"}},
		{"True", Bool, &Hint{Kind: BoolCase, Want: "true"}},
		{"FALSE", Any, &Hint{Kind: BoolCase, Want: "false"}},
		{"true", Bool, &Hint{Kind: QuotedBool, Want: "true"}},
		{"是", Number, nil},
		// strings
		{"“南曹”", String, &Hint{Kind: CurlyQuotes, Want: `"南曹"`}},
		{"”南曹”", Any, &Hint{Kind: CurlyQuotes, Want: `"南曹"`}},
		{"‘南曹’", Any, &Hint{Kind: CurlyQuotes, Want: `'南曹'`}},
		{"‘it's’", Any, &Hint{Kind: CurlyQuotes, Want: `"it's"`}},
		{`“a "b" \ c”`, Any, &Hint{Kind: CurlyQuotes, Want: `"a \"b\" \\ c"`}},
		{"南曹", String, &Hint{Kind: Unquoted, Want: `"南曹"`}},
		{"hongdunzi", Any, &Hint{Kind: Unquoted, Want: `"hongdunzi"`}},
		{"南曹", Number, nil},
		{"a = b", Any, nil},
		// nothing to say
		{"", Any, nil},
		{"   ", Number, nil},
		{"x", Date, nil},
		{strings.Repeat("1", 300), Number, nil},
		{"1.5", Any, nil},
		{`"南曹"`, Any, nil},
	}
	for _, tt := range tests {
		want := tt.hint
		if want != nil && want.Got == "" {
			w := *want
			w.Got = tt.text
			want = &w
		}
		if got := Diagnose(tt.text, tt.want); got.String() != want.String() {
			t.Errorf("Diagnose(%q, %v) = %v; want %v", tt.text, tt.want, got, want)
		}
	}
}

// TestParseHints: every input-method mistake on a line toml.Decode
// refuses gets its hint: the value alone where only the value is wrong,
// the whole line where its punctuation is.
func TestParseHints(t *testing.T) {
	tests := []struct {
		src  string
		line int
		hint *Hint
	}{
		{"a = 1\nstart = 2023年4月10日\n", 2, &Hint{Kind: ChineseDate, Got: "2023年4月10日", Want: "2023-04-10"}},
		{"d = 2023/05/01\n", 1, &Hint{Kind: SlashDate, Got: "2023/05/01", Want: "2023-05-01"}},
		{"d = 2023/5/1 # 开工\n", 1, &Hint{Kind: SlashDate, Got: "2023/5/1", Want: "2023-05-01"}},
		{"d = 2023.5.1\n", 1, &Hint{Kind: DotDate, Got: "2023.5.1", Want: "2023-05-01"}},
		{"d = 2023年2月30日\n", 1, nil},
		{"plan ＝ 1.5\n", 1, &Hint{Kind: FullWidthSign, Got: "plan ＝ 1.5", Want: "plan = 1.5"}},
		{"plan＝1.5\n", 1, &Hint{Kind: FullWidthSign, Got: "plan＝1.5", Want: "plan = 1.5"}},
		{"plan：1.5\n", 1, &Hint{Kind: FullWidthSign, Got: "plan：1.5", Want: "plan = 1.5"}},
		{"name = “南曹”\n", 1, &Hint{Kind: CurlyQuotes, Got: "name = “南曹”", Want: `name = "南曹"`}},
		{"name = ‘南曹’\n", 1, &Hint{Kind: CurlyQuotes, Got: "name = ‘南曹’", Want: `name = '南曹'`}},
		{"note = “含“引号”的，说明” # 备注\n", 1, &Hint{Kind: CurlyQuotes, Got: "note = “含“引号”的，说明” # 备注", Want: `note = "含“引号”的，说明" # 备注`}},
		{"p = ０.８０\n", 1, &Hint{Kind: FullWidthDigits, Got: "０.８０", Want: "0.80"}},
		{"total = 1,234.5\n", 1, &Hint{Kind: ThousandsSep, Got: "1,234.5", Want: "1234.5"}},
		{"total = 1，234\n", 1, &Hint{Kind: ThousandsSep, Got: "1，234", Want: "1234"}},
		{"rate = 15%\n", 1, &Hint{Kind: Percent, Got: "15%", Want: "15"}},
		{"rate = 15％\n", 1, &Hint{Kind: Percent, Got: "15％", Want: "15"}},
		{"plan = 1.54 億元\n", 1, &Hint{Kind: MoneyUnit, Got: "1.54 億元", Want: "1.54", Unit: "億元"}},
		{"plan = 1.54亿元\n", 1, &Hint{Kind: MoneyUnit, Got: "1.54亿元", Want: "1.54", Unit: "亿元"}},
		{"plan = 300万元\n", 1, &Hint{Kind: MoneyUnit, Got: "300万元", Want: "300", Unit: "万元"}},
		{"plan = 300萬元\n", 1, &Hint{Kind: MoneyUnit, Got: "300萬元", Want: "300", Unit: "萬元"}},
		{"plan ＝ 1.54亿元\n", 1, &Hint{Kind: FullWidthSign, Got: "plan ＝ 1.54亿元", Want: "plan = 1.54", Unit: "亿元"}},
		{"　plan = 1\n", 1, &Hint{Kind: FullWidthSpace, Got: "　plan = 1", Want: "plan = 1"}},
		{"plan　= 1\n", 1, &Hint{Kind: FullWidthSpace, Got: "plan　= 1", Want: "plan = 1"}},
		{"plan =　1\n", 1, &Hint{Kind: FullWidthSpace, Got: "plan =　1", Want: "plan = 1"}},
		{"plan = 1　\n", 1, &Hint{Kind: FullWidthSpace, Got: "plan = 1　", Want: "plan = 1"}},
		{"【campaign】\nname = 'x'\n", 1, &Hint{Kind: ChinesePunct, Got: "【campaign】", Want: "[campaign]"}},
		{"［campaign］\n", 1, &Hint{Kind: FullWidthSign, Got: "［campaign］", Want: "[campaign]"}},
		{"【【approvals】】\n", 1, &Hint{Kind: ChinesePunct, Got: "【【approvals】】", Want: "[[approvals]]"}},
		{"[projects．coal]\n", 1, &Hint{Kind: FullWidthSign, Got: "[projects．coal]", Want: "[projects.coal]"}},
		{"plan = 1 ＃ 年度计划\n", 1, &Hint{Kind: FullWidthSign, Got: "plan = 1 ＃ 年度计划", Want: "plan = 1 # 年度计划"}},
		{"＃ 项目\nplan = 1\n", 1, &Hint{Kind: FullWidthSign, Got: "＃ 项目", Want: "# 项目"}},
		{"reserve = 是\n", 1, &Hint{Kind: ChineseBool, Got: "是", Want: "true"}},
		{"reserve = 否\n", 1, &Hint{Kind: ChineseBool, Got: "否", Want: "false"}},
		{"reserve = True\n", 1, &Hint{Kind: BoolCase, Got: "True", Want: "true"}},
		{"lists = [\"a\"，\"b\"]\n", 1, &Hint{Kind: ChinesePunct, Got: `lists = ["a"，"b"]`, Want: `lists = ["a", "b"]`}},
		{"lists = [\"a\"、 \"b\"]\n", 1, &Hint{Kind: ChinesePunct, Got: `lists = ["a"、 "b"]`, Want: `lists = ["a", "b"]`}},
		{"lists = [“a”，“b”]\n", 1, &Hint{Kind: CurlyQuotes, Got: "lists = [“a”，“b”]", Want: `lists = ["a", "b"]`}},
		{"lists = [\n  \"a\"、\n  \"b\",\n]\n", 2, &Hint{Kind: ChinesePunct, Got: `"a"、`, Want: `"a",`}},
		{"lists = [\"a\"，\n  \"b\",\n]\n", 1, &Hint{Kind: ChinesePunct, Got: `lists = ["a"，`, Want: `lists = ["a",`}},
		{"dates = [2023/5/1, 2023年6月1日]\n", 1, &Hint{Kind: SlashDate, Got: "[2023/5/1, 2023年6月1日]", Want: "[2023-05-01, 2023-06-01]"}},
		{"name = 南曹\n", 1, &Hint{Kind: Unquoted, Got: "南曹", Want: `"南曹"`}},
		{"制造业 = 25.1\n", 1, &Hint{Kind: UnquotedKey, Got: "制造业 = 25.1", Want: `"制造业" = 25.1`}},
		{"ｐｌａｎ = 1\n", 1, &Hint{Kind: FullWidthSign, Got: "ｐｌａｎ = 1", Want: "plan = 1"}},
		{"d = 2023-4-10\n", 1, &Hint{Kind: UnpaddedDate, Got: "2023-4-10", Want: "2023-04-10"}},
		// no hint: nothing recognised, or the line still wrong
		{"a = 1\na = 2\n", 2, nil},
		{"l = [1, 2\nx = 1\n", 2, nil},
		{"plan ＝ \n", 1, nil},
		{"plan ＝ 1 2\n", 1, nil},
		{"name = “南曹\n", 1, nil},
		{"x = {a = 1，b = 2}\n", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := Parse(tt.src, Options{})
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("Parse(%q) = %v; want a *SyntaxError", tt.src, err)
			}
			if se.Line != tt.line || se.Hint.String() != tt.hint.String() {
				t.Errorf("Parse(%q) = line %d, hint %v; want line %d, hint %v", tt.src, se.Line, se.Hint, tt.line, tt.hint)
			}
		})
	}
}
