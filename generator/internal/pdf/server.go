package pdf

import (
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/chromedp/chromedp"
)

// server serves the site to Chromium on 127.0.0.1 and is also Chromium's
// only proxy: whatever Chromium tries to reach goes to it, and it answers
// only for itself.
type server struct {
	site   http.Handler
	addr   string // 127.0.0.1:port
	origin string // http://127.0.0.1:port
	srv    *http.Server
}

func serve(site http.Handler) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &server{site: site, addr: ln.Addr().String()}
	s.origin = "http://" + s.addr
	s.srv = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Refused tunnels and Chromium closing connections early are
		// expected here; they are not the user's business.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go s.srv.Serve(ln)
	return s, nil
}

func (s *server) close() { s.srv.Close() }

// proxyFlags make s the proxy for everything, loopback included (Chromium
// bypasses proxies for loopback unless told <-loopback>), and make every
// host name unresolvable, so that not even a DNS query leaves.
func (s *server) proxyFlags() []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ProxyServer(s.origin),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"),
	}
}

// ServeHTTP serves the site's own requests and refuses the rest. Through
// the proxy, requests come in absolute form (GET http://127.0.0.1:port/x);
// the site sees them as an origin server would.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect || r.Host != s.addr {
		http.Error(w, "refused: this proxy serves only "+s.origin, http.StatusForbidden)
		return
	}
	if r.URL.IsAbs() {
		r = r.Clone(r.Context())
		r.URL.Scheme, r.URL.Host = "", ""
		r.RequestURI = r.URL.RequestURI()
	}
	s.site.ServeHTTP(w, r)
}
