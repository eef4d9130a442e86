package dataset

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// A file with thousands of mistakes reports its first hundred and counts
// the rest in one message at its end, in every kind of check: unknown
// keys, unknown projects in a report, bad values.
func TestProblemsPerFileCapped(t *testing.T) {
	for name, body := range map[string]func(i int) string{
		"unknown keys":     func(i int) string { return fmt.Sprintf("k%05d = 1\n", i) },
		"unknown projects": func(i int) string { return fmt.Sprintf("[projects.nope-%05d]\ncompleted = 1\n", i) },
	} {
		t.Run(name, func(t *testing.T) {
			root := siteCopy(t, "")
			var b strings.Builder
			b.WriteString("date = 2023-10-10\n")
			for i := range 5000 {
				b.WriteString(body(i))
			}
			rel := "content/reports/2023-10-10.toml"
			writeFile(t, filepath.Join(root, filepath.FromSlash(rel)), b.String())
			list := loadErrors(t, root)
			n, last := 0, ""
			for _, e := range list {
				if e.Path == rel {
					n++
					last = e.Msg.Text("en")
				}
			}
			if n != maxFileProblems+1 {
				t.Errorf("%d problems reported for %s; want %d and a count of the rest", n, rel, maxFileProblems+1)
			}
			if !strings.Contains(last, "4900 more problems in this file") {
				t.Errorf("last problem = %q; want the count of the rest", last)
			}
		})
	}
}
