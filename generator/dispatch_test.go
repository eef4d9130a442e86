package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dispatchSite copies the dispatch package's test site.
func dispatchSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("internal", "dispatch", "testdata", "site"))); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runArgs(args ...string) (string, string, error) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), err
}

// The commands as the office runs them: a workbook out; a table with a
// mistake in, which writes nothing; the corrected table in; again,
// which changes nothing; --check, which writes nothing.
func TestTemplateAndImportCommands(t *testing.T) {
	dir := dispatchSite(t)
	book := filepath.Join(t.TempDir(), "调度表.xlsx")
	if out, errOut, err := runArgs("template", "--source", dir, "--out", book, "--lang", "en"); err != nil ||
		out != "generator: wrote "+filepath.ToSlash(book)+": 2 sheet(s), 6 projects, last figures as of 2023-09-30\n" {
		t.Fatalf("template = %q, %q, %v", out, errOut, err)
	}
	if st, err := os.Stat(book); err != nil || st.Size() == 0 {
		t.Fatalf("template wrote no workbook: %v", err)
	}

	report := filepath.Join(dir, "content", "reports", "2023-09-30.toml")
	before, _ := os.ReadFile(report)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("项目ID,本年累计完成（亿元）\nroad,约1.6亿\nschool,0.5\n"), 0o644)
	_, errOut, err := runArgs("import", bad, "--source", dir, "--date", "2023-09-30", "--lang", "en")
	wantErr := filepath.ToSlash(bad) + "!B2: \"约1.6亿\" is not an amount (expected a number in 亿元, such as 1.25, and nothing else in the cell)\n" +
		"generator: error: nothing was written: 1 problem(s)\n" +
		"generator: hint: each line above is file!sheet!cell (or file:line): what is wrong (what was expected)\n"
	if err == nil || errOut != wantErr {
		t.Errorf("import(bad.csv) = %v,\n%s\nwant an error and\n%s", err, errOut, wantErr)
	}
	if after, _ := os.ReadFile(report); !bytes.Equal(before, after) {
		t.Errorf("import(bad.csv) changed %s:\n%s", report, after)
	}

	good := filepath.Join(t.TempDir(), "good.csv")
	os.WriteFile(good, []byte("项目ID,本年累计完成（亿元）\nroad,1.6\n"), 0o644)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--check"}, "generator: check passed: 1 projects from 1 sheet(s) would change 1 entries of content/reports/2023-09-30.toml (nothing written)\n"},
		{nil, "generator: content/reports/2023-09-30.toml: 1 projects from 1 sheet(s), 1 changed\n"},
		{nil, "generator: content/reports/2023-09-30.toml is unchanged: it already holds these figures\n"},
	} {
		prev, _ := os.ReadFile(report)
		out, errOut, err := runArgs(append([]string{"import", good, "--source", dir, "--date", "2023-09-30", "--lang", "en"}, tt.args...)...)
		if err != nil || out != tt.want {
			t.Errorf("import %v = %q, %q, %v; want %q", tt.args, out, errOut, err, tt.want)
		}
		now, _ := os.ReadFile(report)
		if changed := !bytes.Equal(prev, now); changed != strings.Contains(tt.want, " 1 changed") {
			t.Errorf("import %v changed the report: %v", tt.args, changed)
		}
	}
	if now, _ := os.ReadFile(report); !strings.Contains(string(now), "completed = 1.6   # 含设备款") {
		t.Errorf("import wrote\n%s\nwant road's completed = 1.6 with its comment", now)
	}

	// No --date, and no table says its date.
	if _, _, err := runArgs("import", good, "--source", dir); err == nil || !strings.Contains(err.Error(), "import needs --date") {
		t.Errorf("import without a date = %v; want a usage error", err)
	}
}
