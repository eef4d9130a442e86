package main

import (
	"errors"
	"os"
	"path/filepath"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/dispatch"
	"gongjian/generator/internal/i18n"
)

// runTemplate writes the dispatch table (调度表) for the next report.
func runTemplate(e *env, _ []string) error {
	if e.o.out == "" {
		return usageError{i18n.M("cli.template_out")}
	}
	asOf, err := dateFlag("--as-of", e.o.asOf)
	if err != nil {
		return err
	}
	s, err := dataset.Load(os.DirFS(e.o.source))
	if err != nil {
		return report(e.stderr, e.lang, err, "cli.template_site_failed")
	}
	var info dispatch.TemplateInfo
	err = writeAtomic(e.o.out, func(f *os.File) error {
		var werr error
		info, werr = dispatch.WriteTemplate(f, s, dispatch.TemplateOptions{AsOf: asOf, Owner: e.o.owner})
		return werr
	})
	switch {
	case errors.Is(err, dispatch.ErrUnknownOwner):
		var ids i18n.Codes
		for _, d := range s.Departments {
			ids = append(ids, i18n.Code{Value: d.ID, Gloss: i18n.M("raw", d.Name)})
		}
		return usageError{i18n.M("cli.unknown_owner", e.o.owner, ids)}
	case errors.Is(err, dispatch.ErrNoProjects):
		return usageError{i18n.M("cli.owner_no_projects", e.o.owner)}
	case err != nil:
		return err
	}
	asOfText := i18n.M("dispatch.no_report_yet").Text(e.lang)
	if !info.AsOf.IsZero() {
		asOfText = info.AsOf.String()
	}
	e.say("cli.template_wrote", filepath.ToSlash(e.o.out), info.Sheets, info.Projects, asOfText)
	return nil
}

// runImport reads filled dispatch tables into content/reports/<date>.toml.
func runImport(e *env, args []string) error {
	date, err := dateFlag("--date", e.o.date)
	if err != nil {
		return err
	}
	fsys := os.DirFS(e.o.source)
	s, err := dataset.Load(fsys)
	if err != nil {
		return report(e.stderr, e.lang, err, "cli.import_site_failed")
	}
	var unread dataset.ErrorList
	var inputs []dispatch.Input
	for _, a := range args {
		in, p := dispatch.ReadInput(a)
		if p != nil {
			unread = append(unread, p)
			continue
		}
		inputs = append(inputs, in)
	}
	res, err := dispatch.Import(fsys, s, date, inputs)
	var el dataset.ErrorList
	switch {
	case len(unread) > 0 && (err == nil || errors.As(err, &el) || errors.Is(err, dispatch.ErrNoDate)):
		return report(e.stderr, e.lang, append(unread, el...), "cli.import_failed")
	case errors.Is(err, dispatch.ErrNoDate):
		return usageError{i18n.M("cli.import_needs_date")}
	case err != nil:
		return report(e.stderr, e.lang, err, "cli.import_failed")
	}
	switch {
	case e.o.checkOnly:
		e.say("cli.import_checked", res.Path, res.Projects, res.Sheets, res.Changed)
	case res.Unchanged():
		e.say("cli.import_unchanged", res.Path)
	default:
		full := filepath.Join(e.o.source, filepath.FromSlash(res.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := writeAtomic(full, func(f *os.File) error { _, err := f.Write(res.Text); return err }); err != nil {
			return err
		}
		e.say("cli.imported", res.Path, res.Projects, res.Sheets, res.Changed)
	}
	return nil
}

// dateFlag reads a date flag; "" is no date.
func dateFlag(name, v string) (dataset.Date, error) {
	if v == "" {
		return 0, nil
	}
	d, err := dataset.ParseDate(v)
	if err != nil {
		return 0, usageError{i18n.M("cli.bad_date", name, v)}
	}
	return d, nil
}

// writeAtomic writes a file through a temporary one beside it, so that a
// failure leaves the old file as it was.
func writeAtomic(path string, write func(*os.File) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
