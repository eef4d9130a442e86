package pdf

import (
	"context"
	"net/url"
	"strings"
	"sync"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// guard answers every request Chromium pauses: those for the local server
// go on, the others fail, and their URLs are kept for the job being
// printed.
type guard struct {
	server *server

	mu   sync.Mutex
	job  []string        // refused for the current job
	seen map[string]bool // the URLs in job; nil between jobs
}

// start turns interception on for the whole browser (every tab, frame and
// worker, present and future) and denies downloads.
func (g *guard) start(bctx context.Context) error {
	c := chromedp.FromContext(bctx)
	chromedp.ListenBrowser(bctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			// Listeners must not block: answer from another goroutine.
			go g.answer(cdp.WithExecutor(bctx, c.Browser), e)
		}
	})
	ctx := cdp.WithExecutor(bctx, c.Browser)
	if err := cdpbrowser.SetDownloadBehavior(cdpbrowser.SetDownloadBehaviorBehaviorDeny).Do(ctx); err != nil {
		return err
	}
	return fetch.Enable().WithPatterns([]*fetch.RequestPattern{{URLPattern: "*"}}).Do(ctx)
}

func (g *guard) answer(ctx context.Context, e *fetch.EventRequestPaused) {
	if ownURL(g.server.addr, e.Request.URL) {
		// An error here means the request was cancelled meanwhile.
		_ = fetch.ContinueRequest(e.RequestID).Do(ctx)
		return
	}
	g.block(e.Request.URL)
	_ = fetch.FailRequest(e.RequestID, network.ErrorReasonBlockedByClient).Do(ctx)
}

// block lists u as refused for the current job.
func (g *guard) block(u string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.seen == nil || g.seen[u] {
		return
	}
	g.seen[u] = true
	g.job = append(g.job, u)
}

// record starts listing what is refused, for a new job; stop ends it and
// returns the list.
func (g *guard) record() (stop func() []string) {
	g.mu.Lock()
	g.job, g.seen = nil, map[string]bool{}
	g.mu.Unlock()
	return func() []string {
		g.mu.Lock()
		defer g.mu.Unlock()
		list := g.job
		g.job, g.seen = nil, nil
		return list
	}
}

// ownURL reports whether raw is served by the local server at addr, or
// needs no network at all (data:, blob:, about:). Anything unparsable,
// another scheme, another host or port, or user information, is not.
func ownURL(addr, raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "data", "blob", "about":
		return true
	case "http":
		return u.User == nil && u.Host == addr
	}
	return false
}
