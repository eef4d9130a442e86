package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"gongjian/generator/internal/synth"
)

// synthUsage is the help of the synth command.
const synthUsage = `Usage:
  go run ./generator synth --out DIR [flags]
                                     write a synthetic campaign site (site.toml and content/)
                                     into DIR, for tests and benchmarks

Flags:
  --out DIR          output directory: new, empty, or a site synth wrote before (required)
  --projects N       number of projects (default 1000)
  --regions R        number of regions (default 20)
  --departments K    number of departments (default 12)
  --seed S           random seed; the same flags write the same bytes (default 1)

Examples:
  go run ./generator synth --out /tmp/big --projects 50000
  go run ./generator synth --out /tmp/small --projects 300 --regions 12 --departments 8 --seed 7
`

// runSynth is the synth command: it parses args (the arguments after
// "synth") and writes a synthetic site with synth.Write.
func runSynth(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := synth.Options{}
	var out string
	fs.IntVar(&o.Projects, "projects", 1000, "")
	fs.IntVar(&o.Regions, "regions", 20, "")
	fs.IntVar(&o.Departments, "departments", 12, "")
	fs.Int64Var(&o.Seed, "seed", 1, "")
	fs.StringVar(&out, "out", "", "")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, synthUsage)
			return nil
		}
		fmt.Fprint(stderr, synthUsage)
		return fmt.Errorf("synth: %v", err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("synth: unexpected argument %q (flags only, e.g. --out DIR)", fs.Arg(0))
	}
	if out == "" {
		fmt.Fprint(stderr, synthUsage)
		return errors.New("synth: --out is required (expected --out DIR, a new or empty directory)")
	}
	for _, f := range []struct {
		name string
		n    int
		max  int
	}{
		{"projects", o.Projects, synth.MaxProjects},
		{"regions", o.Regions, synth.MaxUnits},
		{"departments", o.Departments, synth.MaxUnits},
	} {
		if f.n < 1 || f.n > f.max {
			return fmt.Errorf("synth: --%s %d is out of range (expected 1 to %d)", f.name, f.n, f.max)
		}
	}
	if err := synth.Write(out, o); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "generator: wrote %d projects, %d regions, %d departments, %d reports into %s\n",
		o.Projects, o.Regions, o.Departments, len(o.ReportDates()), out)
	return nil
}
