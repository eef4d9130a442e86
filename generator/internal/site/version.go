package site

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
)

// dataVersion says which data a site shows: the last commit that touched
// site.toml or content/ when the source is a git checkout (read through
// git; nothing when it is not one or git is absent), and the build date
// only when SOURCE_DATE_EPOCH fixes it, so builds stay reproducible.
type dataVersion struct {
	Commit     string       // short commit id
	CommitDate dataset.Date // its committer date
	Built      dataset.Date // from SOURCE_DATE_EPOCH
}

func readVersion(source string) dataVersion {
	var v dataVersion
	cmd := exec.Command("git", "-C", source, "log", "-1", "--format=%h %cs", "--", "site.toml", "content")
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	if out, err := cmd.Output(); err == nil {
		if id, date, ok := strings.Cut(strings.TrimSpace(string(out)), " "); ok {
			if d, err := dataset.ParseDate(date); err == nil {
				v.Commit, v.CommitDate = id, d
			}
		}
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		if sec, err := strconv.ParseInt(s, 10, 64); err == nil {
			v.Built = dataset.FromTime(time.Unix(sec, 0).UTC())
		}
	}
	return v
}
