// Package synth writes synthetic campaign sites: a site.toml and a content/
// tree in the shape of data-format.md, with realistic Chinese names and
// figures that tell a consistent story (projects start before they report
// work, year-to-date figures never go down without correction = true, some
// projects are slow, some never started, some finished, some in reserve).
//
// The output is a function of Options alone: the random numbers come from a
// PCG generator seeded with Options.Seed, nothing iterates a map, and no
// date comes from the clock. The same Options give byte-identical trees.
//
// It exists to test and benchmark the generator on sites of any size.
package synth

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"gongjian/generator/internal/dataset"
)

// Options say what to write. Zero fields take their defaults.
type Options struct {
	Projects    int   // number of projects; default 1000
	Regions     int   // number of regions; default 20
	Departments int   // number of departments; default 12
	Seed        int64 // random seed; 0 is a seed like any other
	Year        int   // the campaign's year; default 2023

	// Monthly is the number of monthly reports, at the month ends of Year
	// from January on (1–12); default 12: Jan 31 … Dec 31.
	Monthly int
	// Dekadal is the number of dekadal (旬) reports on the 10th and 20th of
	// the campaign's months, from August on (moved earlier when Monthly ends
	// before); default 6 (fewer when Monthly is under 3): Aug 10, Aug 20,
	// Sep 10, Sep 20, Oct 10, Oct 20. Negative: none.
	Dekadal int
	// Bulletins is the number of monthly bulletins, one for each month of
	// the campaign from August on, frozen at its month-end report (at most
	// 4 and at most the months with a report); default 3. Negative: none.
	Bulletins int
}

// Limits of Options.
const (
	MaxProjects = 1_000_000
	MaxUnits    = 10_000 // regions, departments
)

// marker is the first line of every site.toml this package writes; Write
// only writes into an empty directory or one that holds such a site.
const marker = "# Synthetic campaign data written by gongjian synth (generator synth). Do not edit: regenerate."

func (o Options) withDefaults() (Options, error) {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Projects, 1000)
	def(&o.Regions, 20)
	def(&o.Departments, 12)
	def(&o.Year, 2023)
	def(&o.Monthly, 12)
	if o.Dekadal == 0 {
		o.Dekadal = min(6, 2*o.Monthly)
	}
	def(&o.Bulletins, 3)
	if o.Dekadal < 0 {
		o.Dekadal = 0
	}
	if o.Bulletins < 0 {
		o.Bulletins = 0
	}
	switch {
	case o.Projects < 0 || o.Projects > MaxProjects:
		return o, fmt.Errorf("synth: %d projects (expected 1 to %d)", o.Projects, MaxProjects)
	case o.Regions < 0 || o.Regions > MaxUnits:
		return o, fmt.Errorf("synth: %d regions (expected 1 to %d)", o.Regions, MaxUnits)
	case o.Departments < 0 || o.Departments > MaxUnits:
		return o, fmt.Errorf("synth: %d departments (expected 1 to %d)", o.Departments, MaxUnits)
	case o.Year < 1902 || o.Year > 2190:
		return o, fmt.Errorf("synth: year %d (expected a year between 1902 and 2190)", o.Year)
	case o.Monthly < 1 || o.Monthly > 12:
		return o, fmt.Errorf("synth: %d monthly reports (expected 1 to 12)", o.Monthly)
	case o.Dekadal > 2*o.Monthly:
		return o, fmt.Errorf("synth: %d dekadal reports with %d monthly ones (expected at most two per month, %d)", o.Dekadal, o.Monthly, 2*o.Monthly)
	}
	return o, nil
}

// ReportDates returns the dates of the reports Write writes for o, in
// order; nil when o is invalid.
func (o Options) ReportDates() []dataset.Date {
	o, err := o.withDefaults()
	if err != nil {
		return nil
	}
	return reportDates(o)
}

// reportDates: the month ends Jan..Monthly, plus the dekadal reports on the
// 10th and 20th of consecutive months from August (or earlier, so that
// they fall in months with a month-end report).
func reportDates(o Options) []dataset.Date {
	var out []dataset.Date
	months := (o.Dekadal + 1) / 2
	first := min(8, o.Monthly-months+1)
	dek := o.Dekadal
	for m := 1; m <= o.Monthly; m++ {
		if m >= first && dek > 0 {
			out = append(out, dataset.NewDate(o.Year, time.Month(m), 10))
			dek--
			if dek > 0 {
				out = append(out, dataset.NewDate(o.Year, time.Month(m), 20))
				dek--
			}
		}
		out = append(out, dataset.NewDate(o.Year, time.Month(m+1), 0))
	}
	return out
}

// Write writes a synthetic site for o into dir: site.toml and content/.
// dir is created if needed; it must be empty or hold a site written by
// Write before (its site.toml starts with Write's marker line), in which
// case files that the new site does not have are removed from content/.
func Write(dir string, o Options) error {
	o, err := o.withDefaults()
	if err != nil {
		return err
	}
	fresh, err := prepareDir(dir)
	if err != nil {
		return err
	}
	s := generate(o)
	files := s.files()
	w := newWriter(dir)
	for _, d := range []string{"content", "content/regions", "content/departments", "content/projects", "content/reports", "content/bulletins"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return fmt.Errorf("synth: %w", err)
		}
	}
	if err := w.run(files); err != nil {
		return err
	}
	if !fresh {
		return removeStale(dir, files)
	}
	return nil
}

// prepareDir checks that dir may be written into; fresh says it is empty
// (or new).
func prepareDir(dir string) (fresh bool, err error) {
	if dir == "" {
		return false, errors.New("synth: no output directory given")
	}
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("synth: %w", err)
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("synth: %w", err)
	case len(entries) == 0:
		return true, nil
	}
	b, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("synth: %s is not empty and has no site.toml (expected a new or empty directory, or one written by synth before)", dir)
	}
	if err != nil {
		return false, fmt.Errorf("synth: %w", err)
	}
	if first, _, _ := strings.Cut(string(b), "\n"); first != marker {
		return false, fmt.Errorf("synth: %s holds a site that synth did not write (its site.toml does not start with synth's marker line); refusing to overwrite it (expected a new or empty directory)", dir)
	}
	return false, nil
}

// removeStale removes files of content/ that an earlier synthetic site
// wrote and this one did not.
func removeStale(dir string, files []file) error {
	keep := make(map[string]bool, len(files))
	for _, f := range files {
		keep[f.path] = true
	}
	for _, d := range []string{"content", "content/regions", "content/departments", "content/projects", "content/reports", "content/bulletins"} {
		entries, err := os.ReadDir(filepath.Join(dir, d))
		if err != nil {
			return fmt.Errorf("synth: %w", err)
		}
		for _, e := range entries {
			p := d + "/" + e.Name()
			if e.IsDir() || keep[p] {
				continue
			}
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				return fmt.Errorf("synth: %w", err)
			}
		}
	}
	return nil
}
