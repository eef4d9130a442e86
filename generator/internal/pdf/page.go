package pdf

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// printer prints jobs, one at a time, in tabs of one browser.
type printer struct {
	bctx  context.Context
	guard *guard
	o     Options
}

// readyJS is true once the page has loaded and its charts are drawn; see
// the package comment.
const readyJS = `document.readyState === "complete" && (
	document.documentElement.dataset.chartsReady === "1" ||
	document.querySelector(".chart-box:not([data-rendered])") === null)`

// Paper, at the 96 CSS pixels per inch Chromium prints with.
const (
	// printWidth is A4 less 18 mm margins each side (174 mm): the page is
	// laid out at that width before printing so that its charts are drawn
	// for paper, not for the window.
	printWidth = 658
	// a4Height is the height of the window the page is laid out in: one
	// sheet, so that what depends on the window's height looks as printed.
	a4Height = 1123
	// sheetHeight is a little less than what an A4 sheet holds inside
	// common margins (297 − 40 mm), so that the estimate errs long.
	sheetHeight = 900
	// maxSheets caps the estimate: a page claiming more is broken, and its
	// limit should not grow without end.
	maxSheets  = 100
	a4WidthIn  = 8.27
	a4HeightIn = 11.69
)

// blankTemplate stands for the header or footer the caller left empty when
// it set the other: Chromium would print its default (date, title, URL).
const blankTemplate = "<span></span>"

// phase is what a job is doing, for its errors.
type phase string

const (
	loading   phase = "waiting for the page to load"
	drawing   phase = "waiting for its charts to be drawn (<html data-charts-ready=\"1\">)"
	fonts     phase = "waiting for its fonts to load"
	layingOut phase = "laying it out for paper"
	printing  phase = "printing it"
)

// testHookPhase, when a test sets it, is called as a job enters each
// phase, with the function that ends the job as if its time were up: the
// test of timeouts decides which pages run out of time, and the pages that
// should print get all the time a busy machine needs.
var testHookPhase func(j Job, at phase, expire func())

// errTimedOut is the cause of a job's cancellation when its limit passes.
var errTimedOut = errors.New("timed out")

// print prints one job in a new tab; the tab is closed on return. ctx is
// the caller's, to tell its cancellation from a timeout or Chromium
// exiting (all three end the job through p.bctx).
func (p *printer) print(ctx context.Context, j Job) (res Result) {
	res.Path = j.Path
	if !strings.HasPrefix(j.Path, "/") {
		res.Err = fmt.Errorf("%s: a job's path must start with /, got %q", j.label(), j.Path)
		return res
	}
	stopRecording := p.guard.record()
	defer func() { res.Blocked = stopRecording() }()

	// jctx ends when the job's time is up, with errTimedOut as its cause.
	jctx, cancel := context.WithCancelCause(p.bctx)
	defer cancel(nil)
	expire := func() { cancel(errTimedOut) }
	d := newDeadline(p.o.Timeout, expire)
	defer d.stop()

	var at phase
	enter := func(ph phase) {
		at = ph
		if testHookPhase != nil {
			testHookPhase(j, ph, expire)
		}
	}
	enter(loading)
	fail := func(err error) Result {
		switch {
		case ctx.Err() != nil:
			err = fmt.Errorf("%s: stopped while %s: %w", j.label(), at, ctx.Err())
		case errors.Is(context.Cause(jctx), errTimedOut):
			err = fmt.Errorf("%s: timed out after %v %s (allow more time with the timeout option)", j.label(), d.limit().Round(100*time.Millisecond), at)
		case p.bctx.Err() != nil:
			err = fmt.Errorf("%s: Chromium exited while %s", j.label(), at)
		default:
			err = fmt.Errorf("%s: %s: %w", j.label(), at, err)
		}
		res.Err = err
		return res
	}

	tctx, closeTab, err := p.newTab(jctx)
	if err != nil {
		return fail(err)
	}
	defer closeTab()

	chromedp.ListenTarget(tctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventWebSocketCreated:
			// The proxy refuses every tunnel, own origin included.
			p.guard.block(e.URL)
		case *page.EventJavascriptDialogOpening:
			go func() {
				c := chromedp.FromContext(tctx)
				if c != nil && c.Target != nil {
					_ = page.HandleJavaScriptDialog(false).Do(cdp.WithExecutor(tctx, c.Target))
				}
			}()
		}
	})

	url := p.guard.server.origin + j.Path
	resp, err := chromedp.RunResponse(tctx, chromedp.Navigate(url))
	if err != nil {
		return fail(err)
	}
	if resp != nil && resp.Status >= 400 {
		res.Err = fmt.Errorf("%s: the server answered %d %s", j.label(), resp.Status, strings.TrimSpace(resp.StatusText))
		return res
	}

	enter(drawing)
	var ok bool
	if err := chromedp.Run(tctx, chromedp.Poll(readyJS, &ok, chromedp.WithPollingTimeout(0))); err != nil {
		return fail(err)
	}
	enter(fonts)
	if err := chromedp.Run(tctx, chromedp.Evaluate(`document.fonts.ready.then(() => true)`, &ok, awaitPromise)); err != nil {
		return fail(err)
	}

	// Lay out for paper as the print dialog would: print media, paper
	// width, the beforeprint event (charts.js redraws for print on it),
	// then two frames so that resize observers and redraws have run.
	enter(layingOut)
	var height float64
	err = chromedp.Run(tctx,
		emulation.SetDeviceMetricsOverride(printWidth, a4Height, 1, false),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`window.dispatchEvent(new Event("beforeprint"));
			new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`, &ok, awaitPromise),
		chromedp.Evaluate(`document.documentElement.scrollHeight`, &height),
	)
	if err != nil {
		return fail(err)
	}
	d.extend(sheets(height))

	enter(printing)
	pp := page.PrintToPDF().
		WithPreferCSSPageSize(true).
		WithPaperWidth(a4WidthIn).
		WithPaperHeight(a4HeightIn).
		WithPrintBackground(true)
	if p.o.Header != "" || p.o.Footer != "" {
		pp = pp.WithDisplayHeaderFooter(true).
			WithHeaderTemplate(orBlank(p.o.Header)).
			WithFooterTemplate(orBlank(p.o.Footer))
	}
	var pdf []byte
	err = chromedp.Run(tctx, chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = pp.Do(ctx)
		return err
	}))
	if err != nil {
		return fail(err)
	}
	res.PDF = pdf
	res.Pages = countPages(pdf)
	return res
}

// newTab opens a tab that ends with ctx, after clearing what earlier pages
// left in the browser for the site's origin (service workers, caches,
// storage), so that no page changes how the next one prints.
func (p *printer) newTab(ctx context.Context) (tctx context.Context, closeTab func(), err error) {
	tctx, cancel := chromedp.NewContext(ctx)
	if err := chromedp.Run(tctx, storage.ClearDataForOrigin(p.guard.server.origin, "all")); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("clearing what earlier pages stored: %w", err)
	}
	return tctx, cancel, nil
}

func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams {
	return p.WithAwaitPromise(true)
}

func orBlank(template string) string {
	if template == "" {
		return blankTemplate
	}
	return template
}

// sheets estimates how many sheets of paper a page laid out for print
// takes, from its height in CSS pixels.
func sheets(height float64) int {
	if !(height > 0) { // also NaN
		return 1
	}
	n := math.Ceil(height / sheetHeight)
	if n > maxSheets {
		return maxSheets
	}
	return int(n)
}

// deadline is a job's time limit: fixed when the caller set one, otherwise
// DefaultBase that extend lengthens by DefaultPerSheet per sheet. When it
// passes, expire runs.
type deadline struct {
	fixed bool
	start time.Time

	mu    sync.Mutex
	total time.Duration
	timer *time.Timer
}

func newDeadline(fixed time.Duration, expire func()) *deadline {
	d := &deadline{fixed: fixed > 0, start: time.Now(), total: DefaultBase}
	if d.fixed {
		d.total = fixed
	}
	d.timer = time.AfterFunc(d.total, expire)
	return d
}

// extend gives a default limit its per-sheet allowance; a fixed limit
// stays as it is.
func (d *deadline) extend(sheets int) {
	if d.fixed {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.total = DefaultBase + time.Duration(sheets)*DefaultPerSheet
	// If the timer has fired, the job is already cancelled and stays so.
	if d.timer.Stop() {
		d.timer.Reset(time.Until(d.start.Add(d.total)))
	}
}

func (d *deadline) limit() time.Duration {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.total
}

func (d *deadline) stop() { d.timer.Stop() }
