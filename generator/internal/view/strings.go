package view

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Strings are a site's UI strings: the language's table (layouts/i18n/<lang>.toml,
// which an office may edit), the variants for its jurisdiction, and
// site.toml's [strings] overrides, in that order of precedence reversed:
//
//	[strings] key  >  key@<jurisdiction>  >  key
//
// so that one table serves 全区, 全县 and 全市 ("area.whole@district" =
// "全区") and an office can still say anything its own way.
type Strings struct {
	table        map[string]string
	overrides    map[string]string
	jurisdiction string

	mu      sync.Mutex
	missing map[string]bool
}

// NewStrings combines a language's table, the jurisdiction and overrides.
func NewStrings(table, overrides map[string]string, jurisdiction string) *Strings {
	return &Strings{table: table, overrides: overrides, jurisdiction: jurisdiction, missing: map[string]bool{}}
}

// Lookup returns the string of key and whether there is one.
func (s *Strings) Lookup(key string) (string, bool) {
	if v, ok := s.overrides[key]; ok {
		return v, true
	}
	if s.jurisdiction != "" {
		if v, ok := s.table[key+"@"+s.jurisdiction]; ok {
			return v, true
		}
	}
	v, ok := s.table[key]
	return v, ok
}

// T returns the string of key, formatted with args when there are any.
// A missing key is remembered (Missing) and shown as the key itself, so
// that a build can fail naming every missing string at once.
func (s *Strings) T(key string, args ...any) string {
	v, ok := s.Lookup(key)
	if !ok {
		s.mu.Lock()
		s.missing[key] = true
		s.mu.Unlock()
		return key
	}
	if len(args) == 0 {
		return v
	}
	return fmt.Sprintf(v, args...)
}

// Missing lists the keys asked for that no table has, sorted.
func (s *Strings) Missing() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.missing))
	for k := range s.missing {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Known reports whether key (or a jurisdiction variant of it) is in the
// language's table: site.toml's [strings] may only override known keys.
func (s *Strings) Known(key string) bool {
	if _, ok := s.table[key]; ok {
		return true
	}
	prefix := key + "@"
	for k := range s.table {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
