// Package site builds a campaign site: it is the only package that knows
// the names site.toml, content/, layouts/ and public/.
//
// # Pipeline
//
// A build runs in explicit phases, and any error in a phase stops it before
// anything reaches the output directory:
//
//  1. Load: dataset.Load reads site.toml and content/ (strict, positioned errors).
//  2. Figures: a metrics.Engine computes snapshots per as-of date, once each,
//     shared by every page (a bulletin uses its own as_of).
//  3. Layouts: layouts/*.html are parsed once. The one lookup rule: a page
//     of kind K executes layouts/K.html, which defines "main" (and may
//     define "head"); layouts/base.html wraps it; layouts/partials/*.html are
//     available to all. UI strings come from layouts/i18n/<language>.toml.
//     html/template escapes each template; package tmplexec then runs the
//     escaped tree compiled, writing the same bytes, and hands anything it
//     does not reproduce exactly back to html/template (templates.run).
//  4. Pages: the page list is built from the data (home, projects, regions,
//     departments, rankings, markdown pages, open data, 404) and rendered in
//     parallel, the longest first; markdown goes through one goldmark
//     instance whose chart and table blocks are rendered from the same
//     snapshot. Partials that many pages share (header, footer, a project's
//     table row) are rendered once per depth and date and reused: their
//     links go up to the root and down (Page.sharedView), so they do not
//     depend on which page rendered them.
//  5. Output: pages stream into their files in a fresh temporary directory
//     beside --out, which replaces the previous output only when everything
//     succeeded. Output is byte-identical for identical input: no
//     timestamps, no map order, no random ids.
//
// The development server uses the same phases but the last: Prepare (Live)
// loads, computes and lists, and pages are rendered when requested.
//
// Links between pages are relative (../projects/x/), so a built site works
// unchanged under any sub-path; only 404.html, which a server returns for
// any path, uses the base URL's path, and canonical links, the feed and the
// sitemap use the full base URL.
package site
