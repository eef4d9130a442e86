package chart

import (
	"encoding/json"
	"testing"
)

// mergeJS is charts.js' merge in Go: objects key by key, arrays index by
// index, anything else replaces.
func mergeJS(dst, src any) any {
	switch s := src.(type) {
	case []any:
		d, _ := dst.([]any)
		for i, v := range s {
			if i < len(d) {
				d[i] = mergeJS(d[i], v)
			} else {
				d = append(d, mergeJS(nil, v))
			}
		}
		if d == nil {
			d = []any{}
		}
		return d
	case map[string]any:
		d, ok := dst.(map[string]any)
		if !ok {
			d = map[string]any{}
		}
		for k, v := range s {
			if k == "__proto__" || k == "constructor" || k == "prototype" {
				continue
			}
			d[k] = mergeJS(d[k], v)
		}
		return d
	}
	return src
}

// chartData is a chart's data object.
type chartData struct {
	Height float64        `json:"height"`
	X      []any          `json:"x"`
	Y      []any          `json:"y"`
	Names  []string       `json:"names"`
	Series []any          `json:"series"`
	Marks  []any          `json:"marks"`
	Patch  map[string]any `json:"patch"`
}

// merged is the option charts.js gives ECharts for c, built the same way:
// shell.option, shell.extra, the data's fields, the data's patch.
func merged(t *testing.T, c *Chart) (map[string]any, chartData) {
	t.Helper()
	var shell struct {
		Option map[string]any `json:"option"`
		Extra  map[string]any `json:"extra"`
	}
	if err := json.Unmarshal(c.Shell.JSON, &shell); err != nil {
		t.Fatalf("shell of %s does not parse: %v\n%s", c.ID, err, c.Shell.JSON)
	}
	var d chartData
	if err := json.Unmarshal(c.Data, &d); err != nil {
		t.Fatalf("data of %s does not parse: %v\n%s", c.ID, err, c.Data)
	}
	o := mergeJS(shell.Option, shell.Extra).(map[string]any)
	axis := func(name string) map[string]any { return o[name].([]any)[0].(map[string]any) }
	if d.X != nil {
		axis("xAxis")["data"] = d.X
	}
	if d.Y != nil {
		axis("yAxis")["data"] = d.Y
	}
	series := o["series"].([]any)
	for i, n := range d.Names {
		series[i].(map[string]any)["name"] = n
	}
	for i, s := range d.Series {
		if s != nil {
			series[i].(map[string]any)["data"] = s
		}
	}
	for i, m := range d.Marks {
		if m != nil {
			s := series[i].(map[string]any)
			s["markLine"] = mergeJS(s["markLine"], map[string]any{"data": m})
		}
	}
	mergeJS(o, d.Patch)
	return o, d
}

func TestMergeJS(t *testing.T) {
	for _, tt := range []struct {
		name     string
		dst, src string
		want     string
	}{
		{"objects by key", `{"a":1,"b":{"c":2,"d":3}}`, `{"b":{"c":4}}`, `{"a":1,"b":{"c":4,"d":3}}`},
		{"arrays by index", `[{"a":1},{"b":2}]`, `[{},{"c":3}]`, `[{"a":1},{"b":2,"c":3}]`},
		{"longer array", `[1]`, `[2,3]`, `[2,3]`},
		{"scalar replaces", `{"a":{"b":1}}`, `{"a":null}`, `{"a":null}`},
		{"object replaces scalar", `{"a":1}`, `{"a":{"b":2}}`, `{"a":{"b":2}}`},
		{"no prototype keys", `{}`, `{"__proto__":{"x":1},"constructor":1,"y":2}`, `{"y":2}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var dst, src, want any
			for _, p := range []struct {
				s string
				v *any
			}{{tt.dst, &dst}, {tt.src, &src}, {tt.want, &want}} {
				if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
					t.Fatal(err)
				}
			}
			got, _ := json.Marshal(mergeJS(dst, src))
			w, _ := json.Marshal(want)
			if string(got) != string(w) {
				t.Errorf("merge(%s, %s) = %s; want %s", tt.dst, tt.src, got, w)
			}
		})
	}
}
