//go:build unix

package tomldoc

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
)

// hostileTexts build texts of about size bytes meant to be slow: deep,
// long, many; some with an error at the very end, which takes them past
// the fast decoder to toml.Decode.
var hostileTexts = []struct {
	name string
	make func(size int) string
}{
	{"deep arrays", func(n int) string { return "x = " + strings.Repeat("[", n/2) + strings.Repeat("]", n/2) }},
	{"deep inline tables", func(n int) string { return "x = " + strings.Repeat("{a=", n/4) + "1" + strings.Repeat("}", n/4) }},
	{"long dotted key", func(n int) string { return strings.Repeat("a.", n/2) + "a = 1" }},
	{"long table name", func(n int) string { return "[" + strings.Repeat("a.", n/2) + "a]" }},
	{"dotted keys 63 deep", func(n int) string {
		return fill(n, func(i int) string { return strings.Repeat("a.", 62) + fmt.Sprintf("k%d = 1\n", i) })
	}},
	{"inline tables 60 deep", func(n int) string {
		return fill(n, func(i int) string {
			return fmt.Sprintf("k%d = ", i) + strings.Repeat("{a=", 60) + "1" + strings.Repeat("}", 60) + "\n"
		})
	}},
	{"5 MB table name then keys", func(n int) string {
		return "[" + strings.Repeat("t", n/2) + "]\n" + fill(n/2, func(i int) string { return fmt.Sprintf("a%d=1\n", i) })
	}},
	{"1e6 keys", func(n int) string { return fill(n, func(i int) string { return fmt.Sprintf("k%07d = %d\n", i, i) }) }},
	{"1e6 keys, error at the end", func(n int) string {
		return fill(n, func(i int) string { return fmt.Sprintf("k%07d = %d\n", i, i) }) + "x = ?\n"
	}},
	{"report tables", func(n int) string {
		return fill(n, func(i int) string { return fmt.Sprintf("[projects.p%06d]\ncompleted = 1.5\nfunds = 2\n", i) })
	}},
	{"arrays of tables", func(n int) string { return fill(n, func(int) string { return "[[a]]\nb = 1\n" }) }},
	{"long string", func(n int) string { return "s = \"" + strings.Repeat("南曹", n/6) + "\"\n" }},
	{"long multi-line string", func(n int) string { return "s = '''\n" + strings.Repeat("x = [1]\n", n/8) + "'''\n" }},
	{"inline tables in an array", func(n int) string { return "x = [" + strings.Repeat("{a = 1}, ", n/9) + "]\n" }},
	{"blank lines, error at the end", func(n int) string { return strings.Repeat("\n", n) + "x = ?" }},
}

func fill(size int, line func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(line(i))
	}
	return b.String()
}

// BenchmarkHostile parses 4 MB hostile texts (the default file limit of a
// site) ("parse") and builds the
// line index of those that parse ("line"): each is refused early or goes
// through in time linear in its size. cpu-ns/B is the CPU time of the
// process per byte, which a busy machine disturbs less than wall time.
func BenchmarkHostile(b *testing.B) {
	for _, h := range hostileTexts {
		b.Run(h.name, func(b *testing.B) {
			src := h.make(4 << 20)
			doc, err := Parse(src, Options{})
			if se, ok := err.(*SyntaxError); ok {
				b.Logf("%v: %v", se.Kind, se)
			}
			b.Run("parse", func(b *testing.B) {
				perByte(b, len(src), func() { Parse(src, Options{}) })
			})
			if err == nil {
				b.Run("line", func(b *testing.B) {
					perByte(b, len(src), func() { buildIndex(doc.Src(), DefaultMaxDepth).line(path("x")) })
				})
			}
		})
	}
}

// perByte runs f b.N times and reports its wall and CPU time per byte of
// an n-byte text.
func perByte(b *testing.B, n int, f func()) {
	b.SetBytes(int64(n))
	start := cpuNanos()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/B")
	b.ReportMetric(float64(cpuNanos()-start)/float64(b.N)/float64(n), "cpu-ns/B")
}

// cpuNanos is the user and system CPU time of the process.
func cpuNanos() int64 {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0
	}
	return u.Utime.Nano() + u.Stime.Nano()
}

// PerByte is perByte for package tomldoc_test.
var PerByte = perByte
