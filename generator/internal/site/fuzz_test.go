package site

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"gongjian/generator/internal/markdown"
)

// FuzzBlock feeds arbitrary bodies to the ```chart and ```table blocks of a
// page of the three-year site: a block either renders or returns an error
// that points at a line of its body; user text never becomes markup.
func FuzzBlock(f *testing.F) {
	for _, s := range []string{
		"kind = \"ranking\"", "kind = \"trend\"\nof = \"regions\"", "kind = \"project\"\nof = \"projects\"\nid = \"ind-a\"",
		"kind = \"pace\"\nof = \"lists\"\nid = \"major\"", "kind = \"heatmap\"\nof = \"departments\"",
		"kind = \"gauge\"\nmetric = \"start_rate\"", "kind = \"rank-history\"\nof = \"regions\"\nid = \"datang\"",
		"kind = \"slow-projects\"\nof = \"regions\"\nid = \"chengguan\"", "kind = \"changes\"", "kind = \"targets\"\nof = \"categories\"",
		"kind = 1", "[x", "kind = \"ranking\"\ntitle = \"</script><script>alert(1)</script>\"",
	} {
		f.Add(true, s)
		f.Add(false, s)
	}
	opts := Options{Source: "testdata/sites/threeyear"}
	opts.defaults()
	b, err := prepare(opts)
	if err != nil {
		f.Fatal(errText(err))
	}
	defer b.closeLayouts()
	f.Fuzz(func(t *testing.T, chart bool, body string) {
		info := "table"
		if chart {
			info = "chart"
		}
		page := b.common("page", "/fuzz/")
		h, err := b.blockFunc(b.ctx, &page, "page")(info, []byte(body), 0)
		if err != nil {
			var be *markdown.BlockError
			if !errors.As(err, &be) {
				t.Fatalf("error %v is not a BlockError", err)
			}
			if be.Line < 0 || be.Line > strings.Count(body, "\n")+1 {
				t.Errorf("error line %d outside the block (%d lines): %v", be.Line, strings.Count(body, "\n")+1, err)
			}
			if strings.Contains(be.Msg.String(), "%!") {
				t.Errorf("a message with a bad verb: %s", be.Msg)
			}
			return
		}
		if bytes.Contains(bytes.ToLower([]byte(h)), []byte("<script>alert")) {
			t.Errorf("block text reached the page as markup: %s", h)
		}
	})
}
