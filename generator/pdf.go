package main

import (
	"errors"
	"fmt"

	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/pdf"
	"gongjian/generator/internal/site"
)

// runPDF prints bulletins to A4 PDF from the site as a build writes it,
// with one local Chromium that can reach nothing but the site itself, and
// then builds the site with the PDFs beside their bulletins. Later builds
// keep a PDF, and its link, while its bulletin is unchanged.
func runPDF(e *env, slugs []string) error {
	o, err := e.siteOptions()
	if err != nil {
		return err
	}
	live, err := site.Prepare(e.ctx, o)
	if err != nil {
		return report(e.stderr, e.lang, err, "cli.pdf_failed")
	}
	defer live.Close()
	jobs, err := live.PrintJobs(slugs)
	if err != nil {
		return report(e.stderr, e.lang, err, "cli.pdf_failed")
	}
	if len(jobs) == 0 {
		e.say("cli.pdf_none")
		return nil
	}
	pj := make([]pdf.Job, len(jobs))
	for i, j := range jobs {
		pj[i] = pdf.Job{Path: j.Path, Name: j.Slug}
	}
	results, perr := pdf.Print(e.ctx, live, pj, pdf.Options{
		// Page numbers come from the site's print stylesheet (第 N 页 /
		// 共 M 页 in its language), not from Chromium's header and footer.
		Timeout: e.o.timeout, Browser: e.o.browser, Progress: e.stderr,
	})
	o.PDFs = map[string]site.PrintedPDF{}
	printed := 0
	for i, r := range results {
		for _, u := range r.Blocked {
			fmt.Fprintf(e.stderr, "generator: %s\n", i18n.M("cli.pdf_blocked", jobs[i].Slug, u).Text(e.lang))
		}
		if r.Err == nil && r.PDF != nil {
			o.PDFs[jobs[i].Slug] = site.PrintedPDF{PDF: r.PDF, Source: jobs[i].Source}
			printed++
		}
	}
	res, err := site.Build(e.ctx, o)
	if err != nil {
		return report(e.stderr, e.lang, err, "cli.build_failed")
	}
	e.say("cli.pdf_done", printed, len(jobs), res.Pages)
	if perr != nil {
		return errors.Join(perr)
	}
	return nil
}
