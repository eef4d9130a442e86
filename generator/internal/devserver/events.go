package devserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// state is what /__gongjian/errors answers and every event carries: the
// current build and its problems, ready to show.
type state struct {
	Build  string      `json:"build"`           // id of the site served; "" before the first good load
	Kind   string      `json:"kind,omitempty"`  // "load" or "check": what found the problems
	Title  string      `json:"title,omitempty"` // the overlay's title, in the site's language
	Errors []shownLine `json:"errors"`          // never null
}

// shownLine is a problem with its text as the terminal shows it.
type shownLine struct {
	Problem
	Text string `json:"text"`
}

// stateLocked is the current state; s.mu must be held.
func (s *server) stateLocked() state {
	st := state{Build: s.build, Errors: make([]shownLine, 0, len(s.problems))}
	for _, p := range s.problems {
		st.Errors = append(st.Errors, shownLine{Problem: p, Text: p.Error()})
	}
	if len(s.problems) > 0 {
		st.Kind = s.kind
		title := s.labels.OverlayLoad
		if s.kind == "check" {
			title = s.labels.OverlayCheck
		}
		st.Title = fmt.Sprintf(title, s.labels.count(len(s.problems)))
	}
	return st
}

// sseMessage is one event of a stream. JSON never holds a raw newline, so
// the data is one line.
func sseMessage(event string, st state) []byte {
	data, err := json.Marshal(st)
	if err != nil {
		// Only strings and ints: cannot happen; say so rather than panic.
		data = []byte(`{"build":"","errors":[]}`)
	}
	return []byte("event: " + event + "\ndata: " + string(data) + "\n\n")
}

// broadcast sends an event to every stream; s.mu must be held. A stream
// too slow to take it is dropped: its tab reconnects and catches up from
// the hello event.
func (s *server) broadcast(event string, st state) {
	msg := sseMessage(event, st)
	for c := range s.subs {
		select {
		case c <- msg:
		default:
			delete(s.subs, c)
			close(c)
		}
	}
}

// closeStreams ends every event stream, and refuses new ones.
func (s *server) closeStreams() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		s.closed = true
		close(s.done)
	}
}

// serveEvents streams server-sent events: "hello" and "errors" (the
// current state) at once, then "errors" whenever the problems change and
// "reload" after every good load; a comment every s.ping keeps proxies and
// the browser from closing an idle stream.
func (s *server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if !methodAllowed(w, r, http.MethodGet) {
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	rc := http.NewResponseController(w)

	c := make(chan []byte, 16)
	s.mu.Lock()
	if s.closed {
		// Stopping. An error status would make the tab give up; an ended
		// stream makes it retry, and find the next server.
		s.mu.Unlock()
		io.WriteString(w, "retry: 1000\n\n")
		return
	}
	st := s.stateLocked()
	c <- sseMessage("hello", st)
	c <- sseMessage("errors", st)
	s.subs[c] = struct{}{}
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if _, ok := s.subs[c]; ok {
			delete(s.subs, c)
			close(c)
		}
		s.mu.Unlock()
	}()

	if _, err := io.WriteString(w, "retry: 1000\n\n"); err != nil {
		return
	}
	ping := time.NewTicker(s.ping)
	defer ping.Stop()
	for {
		var msg []byte
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		case <-ping.C:
			msg = []byte(": ping\n\n")
		case m, ok := <-c:
			if !ok {
				return
			}
			msg = m
		}
		if _, err := w.Write(msg); err != nil {
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// serveErrors answers the current state as JSON.
func (s *server) serveErrors(w http.ResponseWriter, r *http.Request) {
	if !methodAllowed(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	s.mu.Lock()
	st := s.stateLocked()
	s.mu.Unlock()
	data, err := json.Marshal(st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(append(data, '\n'))
}
