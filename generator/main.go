// Command generator builds a campaign progress site from TOML data and
// markdown narratives (docs/). Run `generator help` for usage.
//
// The default layouts and ECharts are embedded: a campaign repository
// needs only site.toml and content/ (and any layouts/ files it wants to
// replace), and `go install gongjian/generator@latest` needs no Node.js.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"runtime/pprof"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/site"
)

type ctxDone = context.Context

// commands is the command table; usage is generated from it.
var commands []*command

func init() {
	site := []string{"source", "layouts", "as-of", "base-url", "lang"}
	commands = []*command{
		{name: "build", help: "cmd.build", flags: append(site, "out", "timings", "cpuprofile"), max: 0, run: runBuild},
		{name: "check", help: "cmd.check", flags: append(site, "timings", "cpuprofile"), max: 0, run: runCheck},
		{name: "serve", help: "cmd.serve", flags: append(site, "port", "bind"), max: 0, run: runServe},
		{name: "pdf", args: "[slug...]", help: "cmd.pdf", flags: append(site, "out", "timeout", "browser"), max: -1, run: runPDF},
		{name: "new", args: "site DIR | project ID | bulletin YYYY-MM", help: "cmd.new", flags: []string{"source", "lang"}, min: 2, max: 2, run: runNew},
		{name: "template", help: "cmd.template", flags: []string{"source", "as-of", "owner", "out", "lang"}, max: 0, run: runTemplate},
		{name: "import", args: "FILE...", help: "cmd.import", flags: []string{"source", "date", "check", "lang"}, min: 1, max: -1, run: runImport},
		{name: "synth", help: "cmd.synth", flags: []string{"out", "projects", "regions", "departments", "seed"}, max: 0, run: runSynth},
	}
}

func main() {
	tuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errReported) {
			l, _ := terminalLang("", ".")
			var ue usageError
			if errors.As(err, &ue) {
				fmt.Fprintf(os.Stderr, "generator: %s: %s\n", i18n.M("cli.error").Text(l), ue.msg.Text(l))
				fmt.Fprintf(os.Stderr, "generator: %s: %s\n", i18n.M("cli.hint").Text(l), i18n.M("cli.see_help").Text(l))
			} else {
				fmt.Fprintf(os.Stderr, "generator: %s: %v\n", i18n.M("cli.error").Text(l), err)
			}
		}
		os.Exit(1)
	}
}

// tuneGC sets the collector for builds unless GOGC or GOMEMLIMIT say
// otherwise: 150 % heap growth (fewer collections) under a soft limit of
// 900 MiB that makes it work harder when a large site nears it.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(150)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(900 << 20)
	}
}

// run runs one command line.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		l, _ := terminalLang("", ".")
		fmt.Fprint(stderr, usage(l, nil))
		return usageError{i18n.M("cli.no_command")}
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "--help", "-help", "help":
		l, _ := terminalLang(langFlag(rest), ".")
		fmt.Fprint(stdout, usage(l, nil))
		return nil
	}
	var cmd *command
	for _, c := range commands {
		if c.name == name {
			cmd = c
		}
	}
	if cmd == nil {
		l, _ := terminalLang(langFlag(rest), ".")
		fmt.Fprint(stderr, usage(l, nil))
		return usageError{i18n.M("cli.unknown_command", name, commandNames())}
	}
	o, pos, err := cmd.parse(rest)
	l, lerr := terminalLang(o.lang, o.source)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usage(l, cmd))
		return nil
	}
	if err == nil {
		err = lerr
	}
	if err != nil {
		fmt.Fprint(stderr, usage(l, cmd))
		return err
	}
	e := &env{o: o, lang: l, stdout: stdout, stderr: stderr, ctx: ctx}
	if o.cpuProfile != "" {
		f, err := os.Create(o.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return cmd.run(e, pos)
}

// langFlag finds --lang among arguments before they are parsed (help).
func langFlag(args []string) string {
	for i, a := range args {
		if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "lang="); ok {
			return v
		}
		if strings.TrimLeft(a, "-") == "lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func commandNames() i18n.Plain {
	var out i18n.Plain
	for _, c := range commands {
		out = append(out, c.name)
	}
	return out
}

// siteOptions turns the flags into a build's options.
func (e *env) siteOptions() (site.Options, error) {
	o := site.Options{Source: e.o.source, Layouts: e.o.layouts, Out: e.o.out, BaseURL: e.o.baseURL}
	if e.o.asOf != "" {
		d, err := dataset.ParseDate(e.o.asOf)
		if err != nil {
			return o, usageError{i18n.M("cli.bad_date", "--as-of", e.o.asOf)}
		}
		o.AsOf = d
	}
	if e.o.timings {
		last := time.Now()
		o.Phase = func(name string) {
			now := time.Now()
			fmt.Fprintf(e.stderr, "generator: %-9s %5d ms\n", name, now.Sub(last).Milliseconds())
			last = now
		}
	}
	return o, nil
}

func (e *env) say(key string, args ...any) {
	fmt.Fprintln(e.stdout, "generator: "+i18n.M(key, args...).Text(e.lang))
}

func runBuild(e *env, _ []string) error {
	o, err := e.siteOptions()
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := site.Build(e.ctx, o)
	if err != nil {
		return report(e.stderr, e.lang, err, "cli.build_failed")
	}
	out := o.Out
	if out == "" {
		out = strings.TrimSuffix(o.Source, "/") + "/public"
	}
	e.say("cli.built", res.Pages, res.Files, res.AsOf.String(), out, time.Since(start).Milliseconds())
	if len(res.KeptPDFs) > 0 {
		e.say("cli.kept_pdfs", i18n.Plain(res.KeptPDFs))
	}
	return nil
}

func runCheck(e *env, _ []string) error {
	o, err := e.siteOptions()
	if err != nil {
		return err
	}
	if err := site.Check(e.ctx, o); err != nil {
		return report(e.stderr, e.lang, err, "cli.check_failed")
	}
	e.say("cli.check_passed")
	return nil
}
