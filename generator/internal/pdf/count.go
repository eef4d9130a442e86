package pdf

import (
	"bytes"
	"regexp"
	"strconv"
)

// pagesCount finds the /Count of page tree nodes (<< /Type /Pages ...
// /Count n >>), the only dictionaries with both keys.
var pagesCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)

// countPages returns the number of pages of a PDF as Chromium writes it:
// the /Count of its root page tree node, the largest of all such nodes.
// It returns 0 for what has no page tree. It reads the PDF's text, not its
// structure, which is enough for Chromium's output (no object streams) and
// never fails on other bytes.
func countPages(pdf []byte) int {
	best := 0
	for _, m := range pagesCount.FindAllSubmatch(pdf, -1) {
		digits := m[1]
		if digits == nil {
			digits = m[2]
		}
		digits = bytes.TrimLeft(digits, "0")
		if len(digits) > 9 {
			continue // no real PDF has a billion pages
		}
		if n, err := strconv.Atoi(string(digits)); err == nil && n > best {
			best = n
		}
	}
	return best
}
