// Package pdf prints pages of a built site to A4 PDF through a local
// headless Chromium, and keeps the pages from reaching the network while
// it does.
//
// Print serves the site (an http.Handler rooted at "/") on 127.0.0.1, on a
// free port, for the duration of the call; starts one Chromium for all the
// jobs; and prints them one after the other, each in a fresh tab.
// Before each tab opens, what earlier pages stored for the site's origin
// (service workers, caches, storage) is cleared, so that no page changes
// how another prints.
//
// # Confinement
//
// A bulletin is user content: a markdown image may point at any host, and
// unsafe HTML may carry iframes, scripts, fetch() calls and WebSockets.
// Chromium runs with --no-sandbox when the generator runs as root (Chromium
// will not start otherwise), so its sandbox is not what confines a page.
// Two layers are, and each holds for every tab, frame and worker:
//
//  1. Request interception (the DevTools Fetch domain, on the browser
//     target so that iframes in other processes, workers and service
//     workers are covered too): every request that is not for the local
//     server fails with BlockedByClient, and its URL is listed in the job's
//     Result.Blocked.
//  2. The local server is Chromium's only proxy (with loopback proxied too,
//     and host names unresolvable), and as a proxy it refuses every request
//     for another host and every tunnel. That catches what interception
//     does not see: WebSockets (listed in Result.Blocked as well, from the
//     tab's events), preconnects, and Chromium's own background requests,
//     which the flags mostly turn off and which are not listed, as they are
//     not the page's doing.
//
// Downloads are denied and JavaScript dialogs dismissed, so that a page
// cannot write files or stall the run on an alert().
//
// # When a page is printed
//
// After its load event, when the page's charts are drawn (charts.js sets
// data-charts-ready="1" on <html> once every chart is drawn, or at once
// when there is none; a page with no .chart-box element, or whose every
// .chart-box carries data-rendered, counts as drawn too) and its fonts have
// loaded (document.fonts.ready). The page is then laid out at the width of
// A4 paper in print media, as the browser's own print dialog would, and
// printed with its own @page size and margins (A4 when it sets none) and
// its backgrounds.
//
// # Time limits
//
// Each job has its own limit, so a slow machine fails no sooner on the
// tenth page than on the first. By default the limit grows with the page:
// DefaultBase to load and draw it, plus DefaultPerSheet for every sheet of
// paper it will take (estimated from its height once laid out for print).
// Options.Timeout replaces both with one fixed limit per page. Starting
// Chromium has its own limit and does not count against any page.
//
// # Failures
//
// A page that fails (times out, cannot be loaded, does not print) does not
// stop the run: the other pages are printed, each failure is in its
// Result.Err, and Print returns them all joined, each naming its page.
// Only what ends every page ends the run early: the caller's context, or
// Chromium exiting.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"gongjian/generator/internal/browser"
)

// Job is one page to print.
type Job struct {
	Path string // site path, e.g. /bulletins/2023-09/
	Name string // for progress and errors, e.g. 2023-09; "" = Path
}

// Options tune Print; the zero value is ready to use.
type Options struct {
	Timeout  time.Duration // per page; ≤ 0 = DefaultBase + DefaultPerSheet per sheet
	Browser  string        // executable; "" = Find()
	Progress io.Writer     // one line per page; nil = quiet
	// Header and Footer are Chromium header and footer templates: HTML
	// where elements of class pageNumber, totalPages, date, title and url
	// receive those values. Chromium draws them inside the page margins, in
	// a tiny default font: set a font-size. "" = none (when only one is
	// set, the other is left blank rather than Chromium's default).
	Header, Footer string
}

// Result is what printing one job gave.
type Result struct {
	Path    string
	PDF     []byte   // nil when the job failed
	Blocked []string // URLs the page tried to reach and was refused, in order, once each
	Pages   int      // sheets in PDF
	Err     error    // why the job failed; nil when it printed
}

// Default time limits for one page: see the package comment.
const (
	DefaultBase     = 30 * time.Second
	DefaultPerSheet = 20 * time.Second
)

// Find locates a Chromium-family browser: $GONGJIAN_BROWSER, then
// chromium, chromium-browser and google-chrome on the PATH; on Windows then
// Edge and Chrome where their installers put them; on macOS the app
// bundles.
func Find() (string, error) {
	return browser.Find()
}

// Print serves h (the site, rooted at "/") on 127.0.0.1 on a free port for
// the duration of the call, starts one headless Chromium, and prints each
// job to PDF, in order. The results are in the order of jobs, one for each.
// The error joins every job's error; it is also non-nil, with no results,
// when nothing could be printed at all (no browser, Chromium would not
// start).
func Print(ctx context.Context, h http.Handler, jobs []Job, o Options) ([]Result, error) {
	if len(jobs) == 0 {
		return nil, nil
	}
	exe := o.Browser
	if exe == "" {
		var err error
		if exe, err = Find(); err != nil {
			return nil, err
		}
	}
	srv, err := serve(h)
	if err != nil {
		return nil, fmt.Errorf("serving the site on 127.0.0.1: %w", err)
	}
	defer srv.close()

	bctx, stop, err := browser.Launch(ctx, exe, srv.proxyFlags()...)
	if err != nil {
		return nil, err
	}
	defer stop()
	g := &guard{server: srv}
	if err := g.start(bctx); err != nil {
		return nil, fmt.Errorf("setting up request interception in %s: %w", exe, err)
	}

	p := &printer{bctx: bctx, guard: g, o: o}
	results := make([]Result, len(jobs))
	var errs []error
	for i, j := range jobs {
		results[i].Path = j.Path
		if err := stopped(ctx, bctx); err != nil {
			err = fmt.Errorf("%s: not printed: %w", j.label(), err)
			for k := i; k < len(jobs); k++ {
				results[k].Path = jobs[k].Path
				results[k].Err = err
			}
			if rest := len(jobs) - i - 1; rest > 0 {
				err = fmt.Errorf("%w (and %d more %s)", err, rest, plural(rest, "page", "pages"))
			}
			errs = append(errs, err)
			break
		}
		if o.Progress != nil {
			fmt.Fprintf(o.Progress, "printing %d/%d %s … ", i+1, len(jobs), j.short())
		}
		start := time.Now()
		results[i] = p.print(ctx, j)
		r := &results[i]
		if o.Progress != nil {
			fmt.Fprintln(o.Progress, progressEnd(r, time.Since(start)))
		}
		if r.Err != nil {
			errs = append(errs, r.Err)
		}
	}
	return results, errors.Join(errs...)
}

// stopped says why no more jobs can be printed, if so.
func stopped(ctx, bctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if bctx.Err() != nil {
		return errors.New("Chromium exited")
	}
	return nil
}

// progressEnd finishes the progress line of a job.
func progressEnd(r *Result, took time.Duration) string {
	secs := fmt.Sprintf("%.1f s", took.Seconds())
	if r.Err != nil {
		return "failed after " + secs
	}
	var b strings.Builder
	b.WriteString(secs)
	fmt.Fprintf(&b, ", %d %s", r.Pages, plural(r.Pages, "page", "pages"))
	if n := len(r.Blocked); n > 0 {
		fmt.Fprintf(&b, ", %d %s blocked", n, plural(n, "request", "requests"))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// short names a job in progress lines.
func (j Job) short() string {
	if j.Name == "" {
		return j.Path
	}
	return j.Name
}

// label names a job in errors.
func (j Job) label() string {
	if j.Name == "" || j.Name == j.Path {
		return j.Path
	}
	return j.Name + " (" + j.Path + ")"
}
