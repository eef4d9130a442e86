package devserver

import (
	"net"
	"net/netip"
	"strings"
)

// hostPolicy decides which Host headers name this server. A web page can
// make a browser send requests to a local port under the page's own host
// name (DNS rebinding); the browser then treats the answers as the page's
// own. Requiring a name that only this machine answers to stops that: an
// IP address the server listens on, or a loopback name.
type hostPolicy struct {
	bindName string     // the listen host when it is a name ("mybox.lan"), lower case
	bindIP   netip.Addr // the listen host when it is an address
	// anyIface: listening on every interface (0.0.0.0, ::, or no host), so
	// the addresses of this machine's interfaces name it too.
	anyIface   bool
	ifaceAddrs func() ([]net.Addr, error)
}

func newHostPolicy(listenHost string) hostPolicy {
	p := hostPolicy{ifaceAddrs: net.InterfaceAddrs}
	if listenHost == "" {
		p.anyIface = true
		return p
	}
	if ip, err := netip.ParseAddr(listenHost); err == nil {
		p.bindIP = ip.Unmap().WithZone("")
		p.anyIface = ip.IsUnspecified()
		return p
	}
	p.bindName = strings.ToLower(listenHost)
	return p
}

var (
	loopback4 = netip.AddrFrom4([4]byte{127, 0, 0, 1})
	loopback6 = netip.IPv6Loopback()
)

// allows tells whether a Host header (host, host:port, [v6] or [v6]:port)
// names this server.
func (p hostPolicy) allows(hostport string) bool {
	host, ok := splitHost(hostport)
	if !ok {
		return false
	}
	host = strings.ToLower(host)
	if host == "localhost" {
		return true
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return p.bindName != "" && host == p.bindName
	}
	ip = ip.Unmap().WithZone("")
	switch {
	case ip == loopback4, ip == loopback6:
		return true
	case p.bindIP.IsValid() && ip == p.bindIP:
		return true
	case p.anyIface:
		return p.isInterfaceAddr(ip)
	}
	return false
}

// isInterfaceAddr looks the address up among this machine's now, as
// interfaces come and go (a laptop changes networks).
func (p hostPolicy) isInterfaceAddr(ip netip.Addr) bool {
	addrs, err := p.ifaceAddrs()
	if err != nil {
		return false
	}
	for _, a := range addrs {
		var cand net.IP
		switch a := a.(type) {
		case *net.IPNet:
			cand = a.IP
		case *net.IPAddr:
			cand = a.IP
		}
		if c, ok := netip.AddrFromSlice(cand); ok && c.Unmap() == ip {
			return true
		}
	}
	return false
}

// splitHost takes the port off a Host header. IPv6 addresses must be in
// brackets, and only they; a port, if any, is digits.
func splitHost(hostport string) (string, bool) {
	host, port := hostport, ""
	if strings.HasPrefix(hostport, "[") {
		end := strings.IndexByte(hostport, ']')
		if end < 0 {
			return "", false
		}
		host, port = hostport[1:end], hostport[end+1:]
		if ip, err := netip.ParseAddr(host); err != nil || !ip.Is6() {
			return "", false
		}
		if port != "" && port[0] != ':' {
			return "", false
		}
		port = strings.TrimPrefix(port, ":")
	} else if i := strings.IndexByte(hostport, ':'); i >= 0 {
		host, port = hostport[:i], hostport[i+1:]
		if strings.IndexByte(port, ':') >= 0 {
			return "", false // an IPv6 address without brackets
		}
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return host, host != ""
}
