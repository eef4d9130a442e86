package main

import (
	"gongjian/generator/internal/i18n"
	"gongjian/generator/internal/synth"
)

// runSynth writes a synthetic campaign of any size (benchmarks, demos).
func runSynth(e *env, _ []string) error {
	o := synth.Options{Projects: e.o.projects, Regions: e.o.regions, Departments: e.o.departments, Seed: e.o.seed}
	if e.o.out == "" {
		return usageError{i18n.M("cli.synth_out")}
	}
	for _, f := range []struct {
		name   string
		n, max int
	}{{"projects", o.Projects, synth.MaxProjects}, {"regions", o.Regions, synth.MaxUnits}, {"departments", o.Departments, synth.MaxUnits}} {
		if f.n < 1 || f.n > f.max {
			return usageError{i18n.M("cli.out_of_range", "--"+f.name, f.n, f.max)}
		}
	}
	if err := synth.Write(e.o.out, o); err != nil {
		return err
	}
	e.say("cli.synth_wrote", o.Projects, o.Regions, o.Departments, len(o.ReportDates()), e.o.out)
	return nil
}
