package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFooterDataVersion: in a git checkout the footer names the last commit
// that touched the data; outside one it says nothing of commits; a later
// commit to layouts/ alone does not change it.
func TestFooterDataVersion(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	src := t.TempDir()
	copyTree(t, "testdata/sites/small", src)
	out := filepath.Join(t.TempDir(), "public")
	build(t, src, out, nil)
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if strings.Contains(string(home), "data-commit") {
		t.Error("outside a git checkout the footer shows a commit")
	}
	if !strings.Contains(string(home), "数据截至 2023年9月30日") {
		t.Error("the footer does not say the data cut-off date")
	}

	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", src, "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_COMMITTER_DATE=2023-10-02T10:00:00+08:00", "GIT_AUTHOR_DATE=2023-10-02T10:00:00+08:00")
		b, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
		return strings.TrimSpace(string(b))
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "data")
	id := git("rev-parse", "--short", "HEAD")
	if err := os.WriteFile(filepath.Join(src, "README.md"), []byte("not data\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-q", "-m", "docs")

	out2 := filepath.Join(t.TempDir(), "public")
	build(t, src, out2, nil)
	home, _ = os.ReadFile(filepath.Join(out2, "index.html"))
	if want := "数据版本 " + id + "（2023-10-02）"; !strings.Contains(string(home), want) {
		t.Errorf("footer lacks %q", want)
	}

	t.Setenv("SOURCE_DATE_EPOCH", "1696233600") // 2023-10-02 08:00 UTC
	out3 := filepath.Join(t.TempDir(), "public")
	build(t, src, out3, nil)
	home, _ = os.ReadFile(filepath.Join(out3, "index.html"))
	if !strings.Contains(string(home), "生成于 2023-10-02") {
		t.Error("SOURCE_DATE_EPOCH is not shown as the build date")
	}
}
