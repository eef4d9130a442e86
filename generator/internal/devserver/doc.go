// Package devserver is the development server behind `generator serve`:
// it serves a site from memory on localhost, watches the files the site is
// made of, loads the site again after every change, and makes open tabs
// reload, or show what is broken, through server-sent events.
//
// It knows nothing about sites: a [Loader] hands it a [Site] (an
// http.Handler with a page count and a background check) or the
// [Problem]s that kept the site from loading, already worded in the user's
// language. Tests drive it with a fake loader; the generator plugs in its
// real one. The words it prints and shows come from [Labels].
//
// # One rebuild
//
// Changes under Config.Watch are debounced (a burst of saves is one
// rebuild) and the whole site is loaded again: full reloads made fast
// rather than clever partial ones. A good load replaces the served site
// and sends "reload"; a failed one keeps the last good site, prints every
// problem as path:line: message on the terminal and sends them to the
// tabs, where an overlay lists them over the page. After each good load
// Site.Check renders every page once in the background, for the mistakes
// only rendering shows; the next change cancels it.
//
// # HTTP
//
// The site is served under Config.BasePath, with the request path made
// relative to it and cleaned first, so a ".." can never leave it; paths
// outside it get the site's own 404 page. The server's own endpoints live
// under /__gongjian/ (events, errors, live.js). A tag loading live.js is
// injected before </body> of HTML responses only: the site's bytes are
// otherwise untouched and nothing is written to disk. Responses of the
// site are buffered to do that (pages are in memory anyway).
//
// Every request must name this machine in its Host header, any port:
// localhost, 127.0.0.1, [::1], the address the server listens on, and,
// when it listens on every interface (0.0.0.0), the addresses of this
// machine's interfaces. Otherwise a web page could make the browser send
// requests here under the page's own host name (DNS rebinding) and read
// the site and its problems. A host name is accepted only when it is the
// one the server was told to listen on: other names of the machine might
// be an attacker's, so the 403 answer says which address to open.
package devserver
