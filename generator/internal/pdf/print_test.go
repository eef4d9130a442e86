package pdf

import (
	"bytes"
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// footer is the caller's footer in the tests, as the pdf command sets it.
const footer = `<div style="font-size:9pt;width:100%;text-align:center">第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`

// htmlPage is a minimal HTML page of the site, A4 with margins for the footer.
func htmlPage(title, body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>` + title + `</title>
<style>@page { size: A4; margin: 20mm 18mm 22mm; } body { font-family: "Noto Sans CJK SC", sans-serif; }</style>
</head><body>` + body + `</body></html>`)}
}

// site is the inline site of the tests.
func site(extra fstest.MapFS) http.Handler {
	rows := strings.Repeat("<tr><td>城关区</td><td>新建学校</td><td>已开工</td></tr>\n", 90)
	fsys := fstest.MapFS{
		"bulletins/2023-08/index.html": htmlPage("第一期", `<h1>扩大有效投资攻坚通报第一期</h1>
<p>全市重大项目完成投资同比增长。</p>
<img src="/chart.svg" alt="图">
<div class="chart-box" id="c1"></div>
<script>
// Draws late, as charts.js may on a busy machine: printed too early, the
// chart's caption would be missing.
setTimeout(() => {
	document.getElementById("c1").innerHTML = '<svg width="300" height="40"><text x="0" y="30" font-size="20">图表已绘制</text></svg>';
	document.documentElement.dataset.chartsReady = "1";
}, 300);
</script>`),
		"bulletins/2023-09/index.html": htmlPage("第二期", `<h1>扩大有效投资攻坚通报第二期</h1>
<table>`+rows+`</table><p>通报结束</p>`),
		"chart.svg": &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><rect width="200" height="60" fill="#c00"/><text x="10" y="40" font-size="24" fill="#fff">计划完成率</text></svg>`)},
	}
	for k, v := range extra {
		fsys[k] = v
	}
	return http.FileServer(http.FS(fsys))
}

// pdfText writes pdf to a file and reads its text back with pdftotext,
// whitespace removed (table cells and footers wrap).
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-raw", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), "")
}

// pdfinfoPages is the page count poppler reads from pdf.
func pdfinfoPages(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo gives no page count:\n%s", out)
	}
	return string(m[1])
}

func TestPrint(t *testing.T) {
	var progress bytes.Buffer
	jobs := []Job{{Path: "/bulletins/2023-08/", Name: "2023-08"}, {Path: "/bulletins/2023-09/", Name: "2023-09"}}
	res, err := Print(context.Background(), site(nil), jobs, Options{Footer: footer, Progress: &progress})
	if err != nil {
		t.Fatalf("Print: %v", err)
	}
	if len(res) != 2 {
		t.Fatalf("Print gave %d results; want 2", len(res))
	}
	tests := []struct {
		want      []string
		wantPages string
	}{
		{[]string{"扩大有效投资攻坚通报第一期", "全市重大项目完成投资同比增长。", "计划完成率", "图表已绘制", "第1页/共1页"}, "1"},
		{[]string{"扩大有效投资攻坚通报第二期", "城关区新建学校已开工", "通报结束", "第1页/共", "第2页/共"}, ""},
	}
	for i, tt := range tests {
		t.Run(jobs[i].Name, func(t *testing.T) {
			r := res[i]
			if r.Err != nil || r.Path != jobs[i].Path || !bytes.HasPrefix(r.PDF, []byte("%PDF-")) {
				t.Fatalf("Print(%s) = {Path %q, %d bytes, Err %v}; want {Path %q, a PDF, Err nil}", jobs[i].Path, r.Path, len(r.PDF), r.Err, jobs[i].Path)
			}
			text := pdfText(t, r.PDF)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("the PDF of %s lacks %q; its text:\n%s", jobs[i].Path, w, text)
				}
			}
			if got, want := r.Pages, pdfinfoPages(t, r.PDF); want != "" && want != "0" && want != strconv.Itoa(got) {
				t.Errorf("Print(%s).Pages = %d; want %s (pdfinfo)", jobs[i].Path, got, want)
			}
			if tt.wantPages != "" && strconv.Itoa(r.Pages) != tt.wantPages {
				t.Errorf("Print(%s).Pages = %d; want %s", jobs[i].Path, r.Pages, tt.wantPages)
			}
			if len(r.Blocked) != 0 {
				t.Errorf("Print(%s).Blocked = %q; want none", jobs[i].Path, r.Blocked)
			}
		})
	}
	if res[1].Pages < 2 {
		t.Errorf("Print(%s).Pages = %d; want the long table on 2 or more", jobs[1].Path, res[1].Pages)
	}
	want := regexp.MustCompile(`^printing 1/2 2023-08 … \d+\.\d s, 1 page\nprinting 2/2 2023-09 … \d+\.\d s, \d+ pages\n$`)
	if !want.Match(progress.Bytes()) {
		t.Errorf("progress =\n%s\nwant it to match %s", progress.String(), want)
	}
}

// listener counts every connection and request another local service
// gets: the service a bulletin must not reach.
type listener struct {
	mu       sync.Mutex
	conns    int
	requests []string
}

func (l *listener) start(t *testing.T) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		l.mu.Lock()
		l.requests = append(l.requests, r.Method+" "+r.Host+r.URL.String())
		l.mu.Unlock()
		w.Header().Set("Access-Control-Allow-Origin", "*")
		w.Write([]byte("reached"))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			l.mu.Lock()
			l.conns++
			l.mu.Unlock()
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

// TestPrintBlocksNetwork prints a page that tries to reach another local
// service every way a page can; the service gets not even a connection,
// the page still prints, and what was refused is listed.
func TestPrintBlocksNetwork(t *testing.T) {
	var other listener
	addr := other.start(t)
	port := addr[strings.LastIndex(addr, ":")+1:]
	u := "http://" + addr
	body := `<link rel="preconnect" href="` + u + `/preconnect">
<link rel="stylesheet" href="` + u + `/style.css">
<style>
@font-face { font-family: far; src: url(` + u + `/font.woff); }
.bg { background: url(` + u + `/bg.png); font-family: far; }
</style>
<h1 class="bg">网络已隔离</h1>
<img src="` + u + `/img.png">
<iframe src="` + u + `/frame.html"></iframe>
<iframe src="http://localhost:` + port + `/other-site.html"></iframe>
<iframe srcdoc="<img src='` + u + `/in-srcdoc.png'>"></iframe>
<div class="chart-box"></div>
<script>
// Ready only once every attempt has failed, so that all are listed
// before the page prints.
const tries = [
	fetch("` + u + `/fetch").then(() => {}, () => {}),
	new Promise(done => {
		const ws = new WebSocket("ws://` + addr + `/ws");
		ws.onclose = done;
	}),
	new Promise(done => {
		const w = new Worker(URL.createObjectURL(new Blob(['fetch("` + u + `/worker").then(() => postMessage(1), () => postMessage(0))'])));
		w.onmessage = done;
	}),
];
navigator.sendBeacon("` + u + `/beacon", "x");
Promise.all(tries).then(() => { document.documentElement.dataset.chartsReady = "1"; });
</script>`
	h := site(fstest.MapFS{"leak/index.html": htmlPage("泄漏", body)})
	res, err := Print(context.Background(), h, []Job{{Path: "/leak/"}}, Options{})
	if err != nil {
		t.Fatalf("Print: %v", err)
	}
	other.mu.Lock()
	if other.conns != 0 || len(other.requests) != 0 {
		t.Errorf("the other service got %d connections, requests %q; want none", other.conns, other.requests)
	}
	other.mu.Unlock()
	if text := pdfText(t, res[0].PDF); !strings.Contains(text, "网络已隔离") {
		t.Errorf("the PDF lacks the page's heading; its text:\n%s", text)
	}
	for _, w := range []string{"/img.png", "/frame.html", "/other-site.html", "/in-srcdoc.png", "/style.css", "/bg.png", "/fetch", "/ws", "/worker", "/beacon"} {
		found := false
		for _, b := range res[0].Blocked {
			if strings.HasSuffix(b, w) && !strings.HasPrefix(b, "http://127.0.0.1:"+port+"/leak") {
				found = true
			}
		}
		if !found {
			t.Errorf("Print(/leak/).Blocked = %q; want it to list …%s", res[0].Blocked, w)
		}
	}
}

// TestPrintTimeout prints a page that is never ready, with a short limit:
// it times out however fast the machine, and the error names it.
func TestPrintTimeout(t *testing.T) {
	h := site(fstest.MapFS{"stuck/index.html": htmlPage("未绘制", `<div class="chart-box"></div><p>图表永远不会绘制</p>`)})
	res, err := Print(context.Background(), h, []Job{{Path: "/stuck/", Name: "未绘制"}}, Options{Timeout: 2 * time.Second})
	want := "未绘制 (/stuck/): timed out after 2s waiting for"
	if err == nil || !strings.Contains(err.Error(), want) || len(res) != 1 || res[0].PDF != nil {
		t.Errorf("Print(/stuck/) = %d results, %v; want one without PDF and an error containing %q", len(res), err, want)
	}
}

// TestPrintFailures prints pages that fail among pages that print: each
// failure names its page and what it was waiting for, and does not stop
// the run. Which pages run out of time is up to the test (testHookPhase),
// so that the pages that print have all the time they need.
func TestPrintFailures(t *testing.T) {
	var mu sync.Mutex
	var expireBusy func()
	testHookPhase = func(j Job, at phase, expire func()) {
		switch {
		case j.Path == "/stuck/" && at == drawing:
			expire()
		case j.Path == "/busy/":
			mu.Lock()
			expireBusy = expire
			mu.Unlock()
		}
	}
	t.Cleanup(func() { testHookPhase = nil })
	pages := site(fstest.MapFS{
		"stuck/index.html":  htmlPage("未绘制", `<div class="chart-box"></div><p>图表永远不会绘制</p>`),
		"busy/index.html":   htmlPage("死循环", `<p>脚本不停</p><script>window.onload = () => { navigator.sendBeacon("/busy-now"); for (;;) {} };</script>`),
		"dialog/index.html": htmlPage("弹窗", `<p>弹窗页面</p><script>alert("x"); confirm("y");</script>`),
	})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/busy-now" {
			// The busy page's script has started its endless loop.
			mu.Lock()
			if expireBusy != nil {
				expireBusy()
			}
			mu.Unlock()
			return
		}
		pages.ServeHTTP(w, r)
	})
	jobs := []Job{
		{Path: "/bulletins/2023-08/", Name: "2023-08"},
		{Path: "/stuck/", Name: "未绘制"},
		{Path: "/dialog/"},
		{Path: "/busy/"},
		{Path: "/missing/"},
		{Path: "relative/"},
		{Path: "/bulletins/2023-09/", Name: "2023-09"},
	}
	tests := []struct {
		wantErr string // "" = prints
		text    string
	}{
		{"", "扩大有效投资攻坚通报第一期"},
		{"未绘制 (/stuck/): timed out after 30s waiting for its charts to be drawn", ""},
		{"", "弹窗页面"},
		{"/busy/: timed out after 30s waiting for the page to load", ""},
		{"/missing/: the server answered 404 Not Found", ""},
		{`relative/: a job's path must start with /, got "relative/"`, ""},
		{"", "扩大有效投资攻坚通报第二期"},
	}
	res, err := Print(context.Background(), h, jobs, Options{})
	if len(res) != len(jobs) {
		t.Fatalf("Print gave %d results, error %v; want %d", len(res), err, len(jobs))
	}
	for i, tt := range tests {
		t.Run(jobs[i].Path, func(t *testing.T) {
			r := res[i]
			if tt.wantErr == "" {
				if r.Err != nil || len(r.PDF) == 0 {
					t.Fatalf("Print(%s) = %d bytes, %v; want a PDF", jobs[i].Path, len(r.PDF), r.Err)
				}
				if text := pdfText(t, r.PDF); !strings.Contains(text, tt.text) {
					t.Errorf("the PDF of %s lacks %q; its text:\n%s", jobs[i].Path, tt.text, text)
				}
				return
			}
			if r.Err == nil || r.PDF != nil || !strings.Contains(r.Err.Error(), tt.wantErr) {
				t.Fatalf("Print(%s) = %d bytes, %v; want no PDF and an error containing %q", jobs[i].Path, len(r.PDF), r.Err, tt.wantErr)
			}
			if !errors.Is(err, r.Err) {
				t.Errorf("Print's error %v does not wrap the error of %s", err, jobs[i].Path)
			}
		})
	}
}

// TestPrintStopsWithItsContext cancels the run: no page is printed, each
// says why, and Chromium and the server are gone when Print returns.
func TestPrintStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var progress bytes.Buffer
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cancel() // the first request for the site ends the run
		site(nil).ServeHTTP(w, r)
	})
	jobs := []Job{{Path: "/bulletins/2023-08/"}, {Path: "/bulletins/2023-09/"}}
	res, err := Print(ctx, h, jobs, Options{Progress: &progress})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Print after cancel = %v; want context.Canceled", err)
	}
	for i, r := range res {
		if r.PDF != nil || r.Err == nil || !strings.Contains(r.Err.Error(), jobs[i].Path) {
			t.Errorf("Print(%s) after cancel = %d bytes, %v; want no PDF and an error naming the page", jobs[i].Path, len(r.PDF), r.Err)
		}
	}
}

// TestPrintIsolatesPages prints a page that installs a service worker to
// rewrite the site, then another page: the second prints as it is.
func TestPrintIsolatesPages(t *testing.T) {
	h := site(fstest.MapFS{
		"sw/index.html": htmlPage("服务线程", `<p>安装服务线程</p><div class="chart-box"></div>
<script>
navigator.serviceWorker.register("/sw.js")
	.then(() => navigator.serviceWorker.ready)
	.then(() => { document.documentElement.dataset.chartsReady = "1"; });
</script>`),
		"sw.js": &fstest.MapFile{Data: []byte(`
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", e => e.waitUntil(clients.claim()));
self.addEventListener("fetch", e => e.respondWith(new Response(
	'<!doctype html><meta charset="utf-8"><h1>已被篡改</h1>',
	{headers: {"Content-Type": "text/html; charset=utf-8"}})));
`)},
	})
	jobs := []Job{{Path: "/sw/"}, {Path: "/bulletins/2023-08/"}}
	res, err := Print(context.Background(), h, jobs, Options{})
	if err != nil {
		t.Fatalf("Print: %v", err)
	}
	text := pdfText(t, res[1].PDF)
	if strings.Contains(text, "已被篡改") || !strings.Contains(text, "扩大有效投资攻坚通报第一期") {
		t.Errorf("the PDF of %s, printed after %s, reads %q; want the page itself", jobs[1].Path, jobs[0].Path, text)
	}
}
