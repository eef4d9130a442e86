package site

import (
	"errors"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/view"
)

// pageKinds are the layouts a site needs; each is layouts/<kind>.html and
// defines "main" (and may define "head").
var pageKinds = []string{
	"home", "projects", "project", "units", "unit", "rankings", "groups", "group",
	"bulletins", "bulletin", "changes", "page", "data", "404",
}

// layouts are the parsed templates: one set per page kind (base.html,
// the partials and the kind's own file), and the UI strings.
type layouts struct {
	kinds   map[string]*template.Template
	strings *view.Strings
}

// loadLayouts parses every layout through html/template. Problems are
// positioned in the layout files.
func loadLayouts(lfs *layoutFS, site *dataset.Site) (*layouts, error) {
	var errs dataset.ErrorList
	l := &layouts{kinds: map[string]*template.Template{}}

	lang := site.Language
	if lang == "" {
		lang = "zh-Hans"
	}
	table := map[string]string{}
	trName := "i18n/" + lang + ".toml"
	if b, ok := lfs.read(trName, &errs); ok {
		if _, err := toml.Decode(string(b), &table); err != nil {
			line := 0
			var pe toml.ParseError
			if errors.As(err, &pe) {
				line = pe.Position.Line
			}
			errs.Add("layouts/"+trName, line, "layouts.strings", err.Error())
		}
	} else {
		errs.Add("layouts/"+trName, 0, "layouts.no_strings", lang)
	}
	l.strings = view.NewStrings(table, site.Strings, site.Jurisdiction)
	for _, k := range sortedKeys(site.Strings) {
		if !l.strings.Known(k) {
			errs.Add("site.toml", site.StringLines[k], "strings.unknown", k, "layouts/"+trName)
		}
	}

	funcs := template.FuncMap{"T": l.t}
	base := template.New("base").Funcs(funcs)
	parse := func(t *template.Template, file string) bool {
		src, ok := lfs.read(file, &errs)
		if !ok {
			errs.Add("layouts/"+file, 0, "layouts.missing")
			return false
		}
		if _, err := t.Parse(string(src)); err != nil {
			errs.Add("layouts/"+file, templateLine(err), "layouts.parse", templateMsg(err))
			return false
		}
		return true
	}
	parse(base, "base.html")
	for _, f := range lfs.list("partials", &errs) {
		if strings.HasSuffix(f, ".html") {
			parse(base.New("partials/"+strings.TrimSuffix(f, ".html")), "partials/"+f)
		}
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	for _, k := range pageKinds {
		kt, err := base.Clone()
		if err != nil {
			errs.Add("layouts/base.html", 0, "layouts.parse", err.Error())
			continue
		}
		if !parse(kt.New(k), k+".html") {
			continue
		}
		foldStrings(kt, l.strings.Lookup)
		if err := escapeAll(kt); err != nil {
			addErr(&errs, "", layoutError(k, err))
			continue
		}
		foldEscaped(kt)
		l.kinds[k] = kt
	}
	if len(errs) > 0 {
		return nil, errs.Err()
	}
	return l, nil
}

// t is the layouts' T: a UI string, formatted with args if any. A key no
// table has fails the page, naming it.
func (l *layouts) t(key string, args ...any) (string, error) {
	v, ok := l.strings.Lookup(key)
	if !ok {
		return "", fmt.Errorf("unknown UI string %q", key)
	}
	if len(args) > 0 {
		v = fmt.Sprintf(v, args...)
	}
	return v, nil
}

var tplPos = regexp.MustCompile(`template: [^:]*:(\d+)(?::\d+)?: `)

// templateLine digs the line out of a text/template error.
func templateLine(err error) int {
	if m := tplPos.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// templateMsg is the error without the template's own position prefix.
func templateMsg(err error) string {
	return tplPos.ReplaceAllString(err.Error(), "")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
