package site

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

var rankRow = regexp.MustCompile(`<tr[^>]*><td class="num">([^<]*)</td><td>[^<]*</td><th scope="row">([^<]*)</th><td class="num">([^<]*)</td>`)

// bulletinRanking reads the regional leaderboard of a built bulletin page.
func bulletinRanking(t *testing.T, html string) []string {
	t.Helper()
	i := strings.Index(html, "二、各地区排名")
	if i < 0 {
		t.Fatal("bulletin has no regional leaderboard")
	}
	sec := html[i:]
	if j := strings.Index(sec, "三、各部门排名"); j >= 0 {
		sec = sec[:j]
	}
	var rows []string
	for _, m := range rankRow.FindAllStringSubmatch(sec, -1) {
		rows = append(rows, m[1]+" "+m[2]+" "+m[3])
	}
	if len(rows) == 0 {
		t.Fatal("no rows in the bulletin's regional leaderboard")
	}
	return rows
}

func expectedRanking(t *testing.T, s *metrics.Snapshot) []string {
	t.Helper()
	r, err := s.MainRanking("regions")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, row := range r.Rows {
		rows = append(rows, formatRank(row.Rank)+" "+row.Name+" "+formatMetric(r.Metric, row.Value))
	}
	return rows
}

// TestBulletinFrozenAtAsOf: the August bulletin shows the figures of its
// as_of (2023-08-31), which differ from the latest report's.
func TestBulletinFrozenAtAsOf(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	build(t, repoRoot, out, nil)
	data, err := dataset.Load(os.DirFS(repoRoot))
	if err != nil {
		t.Fatal(err)
	}
	e := metrics.NewEngine(data)
	for _, b := range data.Bulletins {
		html, err := os.ReadFile(filepath.Join(out, "bulletins", b.Slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(bulletinRanking(t, string(html)), "\n")
		want := strings.Join(expectedRanking(t, e.At(b.AsOf)), "\n")
		if got != want {
			t.Errorf("bulletin %s ranking =\n%s\nwant (as of %s)\n%s", b.Slug, got, b.AsOf, want)
		}
		latest := strings.Join(expectedRanking(t, e.At(e.Latest())), "\n")
		if b.AsOf != e.Latest() && got == latest {
			t.Errorf("bulletin %s (as of %s) shows the latest ranking; the demo data differ between the two dates", b.Slug, b.AsOf)
		}
		for _, want := range []string{b.Title, b.Number, fmt.Sprintf("%d年%d月%d日", b.AsOf.Year(), int(b.AsOf.Month()), b.AsOf.Day())} {
			if !strings.Contains(string(html), want) {
				t.Errorf("bulletin %s lacks %q", b.Slug, want)
			}
		}
	}
	if len(data.Bulletins) < 2 {
		t.Fatalf("the demo has %d bulletins; want at least 2 (one as of an earlier report)", len(data.Bulletins))
	}
}

// TestFeedAndSitemap: well-formed XML with absolute URLs from base_url
// (or --base-url).
func TestFeedAndSitemap(t *testing.T) {
	for _, tc := range []struct{ base, want string }{
		{"", "https://example.gov.cn/invest/"},
		{"https://example.org/sub/", "https://example.org/sub/"},
	} {
		out := filepath.Join(t.TempDir(), "public")
		build(t, repoRoot, out, func(o *Options) { o.BaseURL = tc.base })

		var feed struct {
			XMLName xml.Name `xml:"feed"`
			Entries []struct {
				Title string `xml:"title"`
				ID    string `xml:"id"`
				Link  struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Updated string `xml:"updated"`
			} `xml:"entry"`
		}
		b, _ := os.ReadFile(filepath.Join(out, "feed.xml"))
		if err := xml.Unmarshal(b, &feed); err != nil {
			t.Fatalf("feed.xml: %v", err)
		}
		if len(feed.Entries) < 2 {
			t.Errorf("feed has %d entries; want the demo's bulletins", len(feed.Entries))
		}
		for _, e := range feed.Entries {
			if !strings.HasPrefix(e.Link.Href, tc.want+"bulletins/") || e.Updated == "" {
				t.Errorf("feed entry %q links %q (updated %q); want %sbulletins/…", e.Title, e.Link.Href, e.Updated, tc.want)
			}
		}

		var sm struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		b, _ = os.ReadFile(filepath.Join(out, "sitemap.xml"))
		if err := xml.Unmarshal(b, &sm); err != nil {
			t.Fatalf("sitemap.xml: %v", err)
		}
		if len(sm.URLs) < 80 {
			t.Errorf("sitemap lists %d URLs; want every page", len(sm.URLs))
		}
		for _, u := range sm.URLs {
			if !strings.HasPrefix(u.Loc, tc.want) {
				t.Errorf("sitemap URL %q does not start with %s", u.Loc, tc.want)
			}
		}
	}
}

// TestTopAmounts: the amounts a changes table shows are those a stable
// sort by amount, largest first, puts in its first ten.
func TestTopAmounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 9, 10, 11, 50, 2000} {
		var all, top []metrics.ProjectChange
		for i := range n {
			pc := metrics.ProjectChange{ID: fmt.Sprint(i), DeltaCompleted: float64(rng.IntN(12) - 3)} // ties and negatives
			all = append(all, pc)
			top = topAmounts(top, pc)
		}
		want := slices.Clone(all)
		slices.SortStableFunc(want, func(a, b metrics.ProjectChange) int { return cmp.Compare(b.DeltaCompleted, a.DeltaCompleted) })
		want = want[:min(len(want), notableAmounts)]
		if !slices.Equal(top, want) {
			t.Errorf("%d changes: top amounts %v; want %v", n, top, want)
		}
	}
}
