package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"gongjian/generator/internal/browser"
	"gongjian/generator/internal/site"
)

// printBulletins builds the site, prints the chosen bulletins (all when
// slugs is empty) to A4 PDF through a local headless Chromium, and builds
// the site once more with the PDFs in it, linked from their bulletins.
// Nothing leaves the machine: the built site is served on 127.0.0.1.
func printBulletins(ctx context.Context, opts site.Options, slugs []string, stdout io.Writer) error {
	if _, err := browser.Find(); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gongjian-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	first := opts
	first.Out = filepath.Join(tmp, "site")
	res, err := site.Build(ctx, first)
	if err != nil {
		return err
	}
	if len(slugs) == 0 {
		slugs = res.Bulletins
	}
	for _, s := range slugs {
		if !slices.Contains(res.Bulletins, s) {
			return usageError{fmt.Sprintf("no bulletin %q (expected one of: %s)", s, strings.Join(res.Bulletins, ", "))}
		}
	}
	if len(slugs) == 0 {
		return errors.New("the site has no bulletins to print (expected files in content/bulletins/)")
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(first.Out)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String()

	bctx, cancel, err := browser.Start(ctx)
	if err != nil {
		return fmt.Errorf("starting Chromium: %w", err)
	}
	defer cancel()
	pdfs := map[string][]byte{}
	for _, s := range slugs {
		b, err := PrintPage(bctx, base+"/bulletins/"+s+"/")
		if err != nil {
			return fmt.Errorf("printing bulletin %s: %w", s, err)
		}
		pdfs[s] = b
	}
	opts.PDFs = pdfs
	if _, err := site.Build(ctx, opts); err != nil {
		return err
	}
	out := opts.Out
	if out == "" {
		out = filepath.Join(opts.Source, "public")
	}
	for _, s := range slugs {
		fmt.Fprintf(stdout, "generator: printed %s\n", filepath.Join(out, "bulletins", s, s+".pdf"))
	}
	return nil
}

// PrintPage loads a page, waits for its charts, switches them to print
// (no animation, print width) and prints it to PDF with the page's own
// @page size (A4) and margins.
func PrintPage(ctx context.Context, url string) ([]byte, error) {
	tctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	var pdf []byte
	err := chromedp.Run(tctx,
		chromedp.Navigate(url),
		chromedp.WaitReady("body"),
		chromedp.Poll(`document.querySelectorAll('.chart-box').length === document.querySelectorAll('.chart-box[data-rendered]').length`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		// Lay the page out at the width of A4 paper less its margins
		// (174 mm at 96 dpi), so charts are drawn for the paper.
		emulation.SetDeviceMetricsOverride(658, 1100, 1, false),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`window.dispatchEvent(new Event('beforeprint')); true`, nil),
		chromedp.Sleep(400*time.Millisecond),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().
				WithPreferCSSPageSize(true).
				WithPrintBackground(true).
				WithDisplayHeaderFooter(false).
				Do(ctx)
			return err
		}),
	)
	return pdf, err
}
