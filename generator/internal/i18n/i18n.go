// Package i18n words everything Gongjian says in the three languages a
// site may choose (site.toml `language`): Simplified Chinese (zh-Hans,
// the default), Traditional Chinese (zh-Hant) and English (en).
//
// Two kinds of text live in different places:
//   - The generator's own messages — every error about a user's files,
//     the command line's output — are catalogs embedded in this package
//     (messages/<lang>.toml): a Msg is a key and arguments, worded only
//     when printed, so that the person at the terminal can ask for
//     another language (--lang) than the site's.
//   - The site's UI strings are layouts (layouts/i18n/<lang>.toml), which
//     an office may edit and site.toml's [strings] may override; package
//     site reads them. This package formats what both need: dates,
//     amounts, rates, counts, in each language's conventions.
//
// A catalog key missing in any language is a test failure, so no message
// silently falls back to another language.
package i18n

import (
	"embed"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// Lang is a supported language tag.
type Lang string

// The supported languages.
const (
	ZhHans Lang = "zh-Hans"
	ZhHant Lang = "zh-Hant"
	En     Lang = "en"
)

// Langs are the supported languages, the default first.
var Langs = []Lang{ZhHans, ZhHant, En}

// Parse returns the language of a tag (case-insensitive; zh-CN, zh-TW and
// zh-HK are accepted as aliases for the terminal's --lang).
func Parse(s string) (Lang, bool) {
	switch strings.ToLower(strings.ReplaceAll(s, "_", "-")) {
	case "zh-hans", "zh-cn", "zh-sg", "zh":
		return ZhHans, true
	case "zh-hant", "zh-tw", "zh-hk", "zh-mo":
		return ZhHant, true
	case "en", "en-us", "en-gb":
		return En, true
	}
	return "", false
}

// Chinese reports whether l is written in Chinese.
func (l Lang) Chinese() bool { return l == ZhHans || l == ZhHant }

// Msg is a message to be worded later, in whatever language is asked for.
// Args may be Msgs themselves (worded in the same language), Codes, or any
// value fmt prints.
type Msg struct {
	Key  string
	Args []any
}

// M is a Msg.
func M(key string, args ...any) Msg { return Msg{Key: key, Args: args} }

// Text words m in l.
func (m Msg) Text(l Lang) string {
	f, ok := catalog(l)[m.Key]
	if !ok {
		// Tests keep every key in every catalog; this is only reached by
		// a key nobody has written yet.
		f, ok = catalog(En)[m.Key]
		if !ok {
			return m.Key + fmt.Sprint(m.Args...)
		}
	}
	// Always formatted, arguments or not, so that every message is a
	// format alike (a literal % is %% in all of them).
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		args[i] = word(a, l)
	}
	return fmt.Sprintf(f, args...)
}

// String words m in English, for logs and tests.
func (m Msg) String() string { return m.Text(En) }

// Worder is a value that words itself in a language (a Code, a list).
type Worder interface{ Text(Lang) string }

func word(a any, l Lang) any {
	switch v := a.(type) {
	case Worder:
		return v.Text(l)
	case []Msg:
		parts := make([]string, len(v))
		for i, m := range v {
			parts[i] = m.Text(l)
		}
		return List(l, parts)
	}
	return a
}

// List joins items as the language does: 、 in Chinese, commas in English.
func List(l Lang, items []string) string {
	if l.Chinese() {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// Quote quotes a user's text the way the language does: “…” in
// Simplified Chinese, 「…」 in Traditional, "…" in English (with Go
// escapes for control characters either way).
func Quote(l Lang, s string) string {
	q := strconv.Quote(s)
	switch l {
	case ZhHans:
		return "“" + q[1:len(q)-1] + "”"
	case ZhHant:
		return "「" + q[1:len(q)-1] + "」"
	}
	return q
}

// Quoted is a user's text that Text quotes in the language's way.
type Quoted string

// Text words q.
func (q Quoted) Text(l Lang) string { return Quote(l, string(q)) }

// Code is a code value of the data format (an approval kind, a problem
// level, a stage) shown with its name in the language beside it, so that
// a clerk sees that `region` means 自治区级.
type Code struct {
	Value string
	Gloss Msg // the name; a zero Msg means none
}

// Text words the code: region（自治区级） / region (autonomous region).
func (c Code) Text(l Lang) string {
	if c.Gloss.Key == "" {
		return c.Value
	}
	g := c.Gloss.Text(l)
	if l.Chinese() {
		return c.Value + "（" + g + "）"
	}
	return c.Value + " (" + g + ")"
}

// Codes is a list of codes worded as a list.
type Codes []Code

// Text words the list.
func (cs Codes) Text(l Lang) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Text(l)
	}
	return List(l, parts)
}

// Plain is a list of plain values worded as a list.
type Plain []string

// Text words the list.
func (p Plain) Text(l Lang) string { return List(l, p) }

//go:embed messages/*.toml
var messageFiles embed.FS

var (
	catalogOnce sync.Once
	catalogs    map[Lang]map[string]string
	catalogErr  error
)

func catalog(l Lang) map[string]string {
	catalogOnce.Do(func() {
		catalogs = map[Lang]map[string]string{}
		for _, lang := range Langs {
			var m map[string]string
			b, err := messageFiles.ReadFile("messages/" + string(lang) + ".toml")
			if err == nil {
				_, err = toml.Decode(string(b), &m)
			}
			if err != nil {
				catalogErr = fmt.Errorf("i18n: messages/%s.toml: %w", lang, err)
				m = map[string]string{}
			}
			catalogs[lang] = m
		}
	})
	if c, ok := catalogs[l]; ok {
		return c
	}
	return catalogs[ZhHans]
}

// Keys returns the catalog keys of a language (for tests), and the error
// reading the catalogs, if any.
func Keys(l Lang) ([]string, error) {
	c := catalog(l)
	out := make([]string, 0, len(c))
	for k := range c {
		out = append(out, k)
	}
	return out, catalogErr
}

// Has reports whether the catalog of l has key.
func Has(l Lang, key string) bool { _, ok := catalog(l)[key]; return ok }

// Raw is the unformatted text of a message key in l (for tests that
// check the catalogs' verbs), and whether l's catalog has it.
func Raw(l Lang, key string) (string, bool) {
	f, ok := catalog(l)[key]
	return f, ok
}
