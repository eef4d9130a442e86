package dataset

import "testing"

func TestInLine(t *testing.T) {
	tests := []struct {
		line, got, want string
		wantGot, wantW  string
	}{
		{"start = 2023年4月10日", "2023年4月10日", "2023-04-10", "start = 2023年4月10日", "start = 2023-04-10"},
		{"  plan = 1,234  # 计划\r", "1,234", "1234", "plan = 1,234  # 计划", "plan = 1234  # 计划"},
		{"total ＝ 4.5", "total ＝ 4.5", "total = 4.5", "total ＝ 4.5", "total = 4.5"},
		{"name = “南曹”", "name = “南曹”", `name = "南曹"`, "name = “南曹”", `name = "南曹"`},
		{"2023年 = 2023年", "2023年", "2023", "2023年 = 2023年", "2023年 = 2023"},
		{"制造业 = 1", "制造业", `"制造业"`, "制造业", `"制造业"`},
		{"x = [1, 2]", "３", "3", "３", "3"},
		{"", "１", "1", "１", "1"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			g, w := inLine(tt.line, tt.got, tt.want)
			if g != tt.wantGot || w != tt.wantW {
				t.Errorf("inLine(%q, %q, %q) = %q, %q; want %q, %q", tt.line, tt.got, tt.want, g, w, tt.wantGot, tt.wantW)
			}
		})
	}
}

func TestLineAt(t *testing.T) {
	src := "\ufeffa = 1\r\nb = 2\nc = 3"
	tests := []struct {
		n    int
		want string
	}{{1, "a = 1\r"}, {2, "b = 2"}, {3, "c = 3"}, {4, ""}}
	for _, tt := range tests {
		if got := lineAt(src, tt.n); got != tt.want {
			t.Errorf("lineAt(src, %d) = %q; want %q", tt.n, got, tt.want)
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		s    string
		in   []string
		want string
	}{
		{"road-2", []string{"coal", "coal-2", "road"}, "road"},
		{"hongdunz", []string{"hongdunzi", "litong"}, "hongdunzi"},
		{"District", []string{"county", "district", "town"}, "district"},
		{"city", []string{"county", "district", "town", "street", "park"}, ""},
		{"finish_planed", []string{"finish_actual", "finish_planned"}, "finish_planned"},
		{"x", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.s, func(t *testing.T) {
			if got := nearest(tt.s, tt.in); got != tt.want {
				t.Errorf("nearest(%q, %q) = %q; want %q", tt.s, tt.in, got, tt.want)
			}
		})
	}
}
