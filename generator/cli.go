package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
)

// The command line is a table: each command says its flags, arguments
// and the words of its help (message keys, so that help and errors speak
// the site's language); the usage text is generated from the table, and
// flags may come anywhere among the arguments.

// command is one subcommand.
type command struct {
	name  string
	args  string   // the arguments after the flags, for the usage line
	help  string   // message key of the one-line description
	flags []string // names of the flags it takes (see flagDefs)
	min   int      // positional arguments required
	max   int      // at most (-1: any number)
	run   func(e *env, args []string) error
}

// flagDef is a flag every command that lists it shares.
type flagDef struct {
	name, arg string // --name ARG
	help      string // message key
	set       func(fs *flag.FlagSet, o *opts)
}

// opts are every flag's value; one place resolves their defaults.
type opts struct {
	source, layouts, out, asOf, baseURL, lang string
	port                                      int
	bind                                      string
	timings                                   bool
	cpuProfile                                string
	timeout                                   time.Duration
	browser                                   string
	owner, date                               string
	checkOnly                                 bool
	projects, regions, departments            int
	seed                                      int64
}

var flagDefs = []flagDef{
	{"source", "DIR", "flag.source", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.source, "source", ".", "") }},
	{"layouts", "DIR", "flag.layouts", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.layouts, "layouts", "", "") }},
	{"out", "DIR", "flag.out", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.out, "out", "", "") }},
	{"as-of", "YYYY-MM-DD", "flag.as_of", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.asOf, "as-of", "", "") }},
	{"base-url", "URL", "flag.base_url", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.baseURL, "base-url", "", "") }},
	{"lang", "LANG", "flag.lang", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.lang, "lang", "", "") }},
	{"port", "N", "flag.port", func(fs *flag.FlagSet, o *opts) { fs.IntVar(&o.port, "port", 1313, "") }},
	{"bind", "ADDR", "flag.bind", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.bind, "bind", "127.0.0.1", "") }},
	{"timings", "", "flag.timings", func(fs *flag.FlagSet, o *opts) { fs.BoolVar(&o.timings, "timings", false, "") }},
	{"cpuprofile", "FILE", "flag.cpuprofile", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.cpuProfile, "cpuprofile", "", "") }},
	{"timeout", "DURATION", "flag.timeout", func(fs *flag.FlagSet, o *opts) { fs.DurationVar(&o.timeout, "timeout", 0, "") }},
	{"browser", "PATH", "flag.browser", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.browser, "browser", "", "") }},
	{"owner", "ID", "flag.owner", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.owner, "owner", "", "") }},
	{"date", "YYYY-MM-DD", "flag.date", func(fs *flag.FlagSet, o *opts) { fs.StringVar(&o.date, "date", "", "") }},
	{"check", "", "flag.check", func(fs *flag.FlagSet, o *opts) { fs.BoolVar(&o.checkOnly, "check", false, "") }},
	{"projects", "N", "flag.projects", func(fs *flag.FlagSet, o *opts) { fs.IntVar(&o.projects, "projects", 1000, "") }},
	{"regions", "N", "flag.regions", func(fs *flag.FlagSet, o *opts) { fs.IntVar(&o.regions, "regions", 20, "") }},
	{"departments", "N", "flag.departments", func(fs *flag.FlagSet, o *opts) { fs.IntVar(&o.departments, "departments", 12, "") }},
	{"seed", "S", "flag.seed", func(fs *flag.FlagSet, o *opts) { fs.Int64Var(&o.seed, "seed", 1, "") }},
}

func flagDefNamed(name string) flagDef {
	for _, f := range flagDefs {
		if f.name == name {
			return f
		}
	}
	panic("cli: no flag " + name)
}

// env is what a command runs with.
type env struct {
	o      opts
	lang   i18n.Lang // the terminal's language: --lang, else the site's
	stdout io.Writer
	stderr io.Writer
	ctx    ctxDone
}

// usageError is a mistake on the command line.
type usageError struct{ msg i18n.Msg }

func (e usageError) Error() string { return e.msg.String() }

// parse reads a command's arguments: flags anywhere, the rest positional.
func (c *command) parse(args []string) (opts, []string, error) {
	var o opts
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, n := range c.flags {
		flagDefNamed(n).set(fs, &o)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return o, nil, flag.ErrHelp
			}
			return o, nil, usageError{i18n.M("cli.bad_flag", c.name, err.Error())}
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	switch {
	case len(pos) < c.min:
		return o, nil, usageError{i18n.M("cli.too_few", c.name, c.usageLine())}
	case c.max >= 0 && len(pos) > c.max:
		return o, nil, usageError{i18n.M("cli.unexpected", pos[c.max], c.usageLine())}
	}
	return o, pos, nil
}

func (c *command) usageLine() string {
	var b strings.Builder
	b.WriteString("generator " + c.name)
	if c.args != "" {
		b.WriteString(" " + c.args)
	}
	if len(c.flags) > 0 {
		b.WriteString(" [flags]")
	}
	return b.String()
}

// usage is the help of every command, or of one, in l.
func usage(l i18n.Lang, only *command) string {
	var b strings.Builder
	t := func(key string, args ...any) string { return i18n.M(key, args...).Text(l) }
	b.WriteString(t("cli.intro") + "\n\n")
	b.WriteString(t("cli.usage") + "\n")
	cs := commands
	if only != nil {
		cs = []*command{only}
	}
	used := map[string]bool{}
	for _, c := range cs {
		fmt.Fprintf(&b, "  %-44s %s\n", c.usageLine(), t(c.help))
		for _, f := range c.flags {
			used[f] = true
		}
	}
	b.WriteString("\n" + t("cli.flags") + "\n")
	for _, f := range flagDefs {
		if !used[f.name] {
			continue
		}
		name := "--" + f.name
		if f.arg != "" {
			name += " " + f.arg
		}
		fmt.Fprintf(&b, "  %-22s %s\n", name, t(f.help))
	}
	b.WriteString("\n" + t("cli.examples") + "\n")
	for _, ex := range []string{"build", "build --as-of 2023-08-31 --out /tmp/august", "build --base-url /preview/pr-12/",
		"check --source ../my-campaign", "serve --port 8080", "pdf 2023-09", "new bulletin 2023-10",
		"template --out dispatch.xlsx", "import filled.xlsx --date 2023-10-10"} {
		if only == nil || strings.HasPrefix(ex, only.name+" ") || ex == only.name {
			b.WriteString("  generator " + ex + "\n")
		}
	}
	return b.String()
}

// terminalLang is the language of what the command line says: --lang,
// else $GONGJIAN_LANG, else the site's own (site.toml at --source), else
// Simplified Chinese.
func terminalLang(flagLang, source string) (i18n.Lang, error) {
	if flagLang != "" {
		l, ok := i18n.Parse(flagLang)
		if !ok {
			return i18n.ZhHans, usageError{i18n.M("cli.bad_lang", flagLang)}
		}
		return l, nil
	}
	if l, ok := i18n.Parse(os.Getenv("GONGJIAN_LANG")); ok {
		return l, nil
	}
	if source == "" {
		source = "."
	}
	var st struct {
		Language string `toml:"language"`
	}
	if b, err := os.ReadFile(filepath.Join(source, "site.toml")); err == nil && len(b) < 1<<20 {
		if _, err := toml.Decode(string(b), &st); err == nil {
			if l, ok := i18n.Parse(st.Language); ok {
				return l, nil
			}
		}
	}
	return i18n.ZhHans, nil
}

// report prints every positioned problem on its own line in l, then a
// summary and a hint.
func report(w io.Writer, l i18n.Lang, err error, what string) error {
	var el dataset.ErrorList
	if !errors.As(err, &el) {
		return err
	}
	hint := "cli.hint_lines"
	for _, e := range el {
		fmt.Fprintln(w, e.Text(l))
		if strings.Contains(e.Path, "!") {
			hint = "cli.import_hint" // a spreadsheet's cell: file.xlsx!Sheet!C12
		}
	}
	fmt.Fprintf(w, "generator: %s: %s\n", i18n.M("cli.error").Text(l), i18n.M(what, len(el)).Text(l))
	fmt.Fprintf(w, "generator: %s: %s\n", i18n.M("cli.hint").Text(l), i18n.M(hint).Text(l))
	return errReported
}

// errReported means the problems were already printed.
var errReported = errors.New("reported")

func sortedNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
