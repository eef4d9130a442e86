// Package browser finds and starts the local headless Chromium that prints
// bulletins to PDF and drives the browser tests. Finding and starting live
// here, apart from what is done with the browser, so that the printer, the
// dev-server tests and the site tests all run the same browser with the
// same flags.
//
// The flags turn off every background connection Chromium makes on its own
// (sync, component updates, background networking, QUIC), and each run gets
// a fresh, temporary profile that is removed when the browser ends.
// Chromium's sandbox stays on unless the process runs as root, where
// Chromium refuses to start with it; callers that load untrusted pages
// confine them by other means (package pdf intercepts every request).
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"runtime"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvVar names the environment variable that, when set, is the browser
// executable to use; it wins over every other place Find looks.
const EnvVar = "GONGJIAN_BROWSER"

// ErrNotFound is what Find's error wraps when no browser was found.
var ErrNotFound = errors.New("no Chromium-family browser found")

// Find returns the path of a Chromium-family browser: $GONGJIAN_BROWSER if
// set, then chromium, chromium-browser, google-chrome (and a few more
// names) on the PATH; on Windows then Edge and Chrome where their
// installers put them (Program Files, Program Files (x86), the user's
// LOCALAPPDATA); on macOS the app bundles in /Applications and
// ~/Applications.
func Find() (string, error) {
	return finder{
		goos:     runtime.GOOS,
		getenv:   os.Getenv,
		lookPath: exec.LookPath,
		isFile: func(p string) bool {
			fi, err := os.Stat(p)
			return err == nil && fi.Mode().IsRegular()
		},
	}.find()
}

// finder is Find with the operating system, the environment and the file
// system passed in, so that every platform's search can be tested on any.
type finder struct {
	goos     string
	getenv   func(string) string
	lookPath func(string) (string, error)
	isFile   func(string) bool
}

// pathNames are looked up on the PATH, in this order, on every system.
var pathNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge", "microsoft-edge"}

func (f finder) find() (string, error) {
	if p := f.getenv(EnvVar); p != "" {
		if f.isFile(p) {
			return p, nil
		}
		// A path the user set and mistyped must not silently give way to
		// another browser.
		if lp, err := f.lookPath(p); err == nil {
			return lp, nil
		}
		return "", fmt.Errorf("%s=%s: no such executable (unset it to let the generator look for Chromium itself)", EnvVar, p)
	}
	for _, name := range pathNames {
		if p, err := f.lookPath(name); err == nil {
			return p, nil
		}
	}
	for _, p := range f.installed() {
		if f.isFile(p) {
			return p, nil
		}
	}
	elsewhere, install := f.advice()
	return "", fmt.Errorf("%w (looked for %s on the PATH%s); %s, or set %s to the browser's executable",
		ErrNotFound, strings.Join(pathNames[:3], ", "), elsewhere, install, EnvVar)
}

// installed lists, in order of preference, where the browsers' installers
// put them on f.goos.
func (f finder) installed() []string {
	switch f.goos {
	case "windows":
		pf := f.envOr("ProgramFiles", `C:\Program Files`)
		pf86 := f.envOr("ProgramFiles(x86)", `C:\Program Files (x86)`)
		var local string
		if d := f.getenv("LOCALAPPDATA"); d != "" {
			local = d
		}
		edge := `Microsoft\Edge\Application\msedge.exe`
		chrome := `Google\Chrome\Application\chrome.exe`
		list := []string{winJoin(pf86, edge), winJoin(pf, edge), winJoin(pf, chrome), winJoin(pf86, chrome)}
		if local != "" {
			list = append(list, winJoin(local, chrome), winJoin(local, `Chromium\Application\chrome.exe`))
		}
		return list
	case "darwin":
		bundles := []string{
			"Google Chrome.app/Contents/MacOS/Google Chrome",
			"Chromium.app/Contents/MacOS/Chromium",
			"Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
		}
		dirs := []string{"/Applications"}
		if home := f.getenv("HOME"); home != "" {
			dirs = append(dirs, path.Join(home, "Applications"))
		}
		var list []string
		for _, d := range dirs {
			for _, b := range bundles {
				list = append(list, path.Join(d, b))
			}
		}
		return list
	}
	return nil
}

func (f finder) envOr(name, def string) string {
	if v := f.getenv(name); v != "" {
		return v
	}
	return def
}

// winJoin joins Windows path elements whatever system the finder runs on.
func winJoin(dir, rel string) string {
	return strings.TrimRight(dir, `\/`) + `\` + rel
}

// advice says where else find looked on f.goos, and what to install there.
func (f finder) advice() (elsewhere, install string) {
	switch f.goos {
	case "windows":
		return ", then Edge and Chrome under Program Files and LOCALAPPDATA",
			"install Microsoft Edge or Google Chrome"
	case "darwin":
		return ", then Google Chrome, Chromium and Microsoft Edge in /Applications and ~/Applications",
			"install Google Chrome, Chromium or Microsoft Edge"
	}
	return "", "install Chromium (Debian, Ubuntu: apt-get install -y chromium fonts-noto-cjk)"
}

// startTimeout bounds how long Chromium may take to start and answer;
// generous, because a busy machine starts it slowly and nothing else
// waits on a fixed time.
const startTimeout = 60 * time.Second

// Launch starts headless Chromium exe with a fresh profile and the flags
// this package always uses, plus extra; cancel ends the browser and
// removes the profile. The browser has started (and answered) when Launch
// returns, so a missing library or a refused sandbox fails here, clearly.
func Launch(ctx context.Context, exe string, extra ...chromedp.ExecAllocatorOption) (context.Context, context.CancelFunc, error) {
	if exe == "" {
		return nil, nil, errors.New("no browser executable given")
	}
	if fi, err := os.Stat(exe); err != nil {
		return nil, nil, fmt.Errorf("browser %s: %w", exe, err)
	} else if fi.IsDir() {
		return nil, nil, fmt.Errorf("browser %s is a directory, not an executable", exe)
	}
	dir, err := os.MkdirTemp("", "gongjian-chromium-")
	if err != nil {
		return nil, nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		// chromedp adds --no-sandbox for root on its own; say it either
		// way so that the choice is made here, in one place.
		chromedp.Flag("no-sandbox", os.Geteuid() == 0),
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-breakpad", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		chromedp.Flag("metrics-recording-only", true),
		// A tab being printed is never in front; it must still get its
		// frames and timers.
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
		chromedp.WSURLReadTimeout(startTimeout),
	}
	opts = append(opts, extra...)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	stop := func() {
		cancelBrowser()
		cancelAlloc() // waits for the process to end
		os.RemoveAll(dir)
	}
	// The first Run starts the browser; its context must not carry the
	// timeout (it would end the browser), so the timeout watches it from
	// outside.
	started := make(chan error, 1)
	go func() { started <- chromedp.Run(bctx) }()
	select {
	case err = <-started:
	case <-time.After(startTimeout):
		err = fmt.Errorf("no answer after %v", startTimeout)
	}
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	return bctx, stop, nil
}

// Start finds a browser and launches it; see Find and Launch.
func Start(ctx context.Context) (context.Context, context.CancelFunc, error) {
	exe, err := Find()
	if err != nil {
		return nil, nil, err
	}
	return Launch(ctx, exe)
}
