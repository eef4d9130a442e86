package devserver

import (
	"errors"
	"fmt"
	"reflect"
	"testing"
)

func TestProblemError(t *testing.T) {
	for _, tc := range []struct {
		p    Problem
		want string
	}{
		{Problem{"content/projects/p003.toml", 7, "plan must be ≥ 0, got -4"}, "content/projects/p003.toml:7: plan must be ≥ 0, got -4"},
		{Problem{"site.toml", 0, "cannot read"}, "site.toml: cannot read"},
		{Problem{"", 3, "no file"}, "no file"},
		{Problem{Message: "internal error"}, "internal error"},
	} {
		if got := tc.p.Error(); got != tc.want {
			t.Errorf("%#v.Error() = %q; want %q", tc.p, got, tc.want)
		}
	}
}

func TestProblemsIn(t *testing.T) {
	p1 := Problem{"a.toml", 1, "one"}
	p2 := Problem{"b.toml", 2, "two"}
	plain := errors.New("plain")
	for _, tc := range []struct {
		name string
		err  error
		want []Problem
	}{
		{"nil", nil, nil},
		{"plain", plain, []Problem{{Message: "plain"}}},
		{"problem", p1, []Problem{p1}},
		{"pointer", &p2, []Problem{p2}},
		{"joined", errors.Join(p1, p2), []Problem{p1, p2}},
		{"joined with plain", errors.Join(p1, plain, p2), []Problem{p1, {Message: "plain"}, p2}},
		{"wrapped join", fmt.Errorf("check: %w", errors.Join(p1, p2)), []Problem{p1, p2}},
		{"wrapped problem", fmt.Errorf("layouts: %w", p1), []Problem{p1}},
		{"wrapped plain", fmt.Errorf("layouts: %w", plain), []Problem{{Message: "layouts: plain"}}},
		{"nested", errors.Join(errors.Join(p1), fmt.Errorf("x: %w", errors.Join(plain, p2))), []Problem{p1, {Message: "plain"}, p2}},
	} {
		if got := problemsIn(tc.err); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("problemsIn(%s) = %#v; want %#v", tc.name, got, tc.want)
		}
	}
}
