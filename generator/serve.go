package main

import (
	"context"
	"errors"
	"net"
	"net/url"
	"path/filepath"
	"strconv"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/devserver"
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/site"
)

// runServe serves the site from memory on localhost, rebuilding it on
// every change to site.toml, content/ or layouts/ and reloading open tabs
// (package devserver). Nothing is written to disk.
func runServe(e *env, _ []string) error {
	o, err := e.siteOptions()
	if err != nil {
		return err
	}
	if e.o.out != "" {
		return usageError{i18n.M("cli.serve_out")}
	}
	if e.o.port < 0 || e.o.port > 65535 {
		return usageError{i18n.M("cli.bad_port", e.o.port)}
	}
	base := "/"
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil {
			return usageError{i18n.M("cli.bad_base", o.BaseURL)}
		}
		base = u.Path
		if base == "" || base[len(base)-1] != '/' {
			base += "/"
		}
	}
	source := o.Source
	if source == "" {
		source = "."
	}
	layouts := o.Layouts
	if layouts == "" {
		layouts = filepath.Join(source, "layouts")
	}
	lang := e.lang
	return devserver.Run(e.ctx, devserver.Config{
		Addr:     net.JoinHostPort(e.o.bind, strconv.Itoa(e.o.port)),
		BasePath: base,
		Watch:    []string{filepath.Join(source, "site.toml"), filepath.Join(source, "content"), layouts},
		Labels:   devserver.LabelsFor(string(lang)),
		Stdout:   e.stdout,
		Stderr:   e.stderr,
		Load: func(ctx context.Context) (devserver.Site, []devserver.Problem, error) {
			live, err := site.Prepare(ctx, o)
			if err != nil {
				if ps := problems(err, lang); ps != nil {
					return nil, ps, nil
				}
				return nil, nil, err
			}
			return liveSite{live, lang}, nil, nil
		},
	}, nil)
}

// liveSite is a loaded site as the dev server serves it; its check
// reports problems in the terminal's language.
type liveSite struct {
	*site.Live
	lang i18n.Lang
}

func (l liveSite) Check(ctx context.Context) error {
	err := l.Live.Check(ctx)
	if ps := problems(err, l.lang); ps != nil {
		errs := make([]error, len(ps))
		for i, p := range ps {
			errs[i] = p
		}
		return errors.Join(errs...)
	}
	return err
}

// problems turns a build's positioned problems into the dev server's,
// worded in l; nil when err holds none.
func problems(err error, l i18n.Lang) []devserver.Problem {
	var el dataset.ErrorList
	if !errors.As(err, &el) {
		return nil
	}
	out := make([]devserver.Problem, len(el))
	for i, e := range el {
		out[i] = devserver.Problem{Path: e.Path, Line: e.Line, Message: e.Msg.Text(l)}
	}
	return out
}
