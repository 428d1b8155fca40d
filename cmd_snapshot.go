package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"

	"github.com/whoosh-dev/whoosh/ui"
	"github.com/whoosh-dev/whoosh/ui/snapshot"
)

// snapshotTimeout bounds a whole snapshot run, retries included.
const snapshotTimeout = 90 * time.Second

func runSnapshot(args []string, stdout, stderr io.Writer) int {
	var (
		c         commonFlags
		format    string
		csvTable  string
		width     int
		out       string
		failStale time.Duration
	)
	fs := flag.NewFlagSet("whoosh snapshot", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&format, "format", "text", "output format: text, markdown, json or csv")
	fs.StringVar(&csvTable, "csv-table", "series", "with --format csv: series (date,series,value) or metrics (metric,value,unit,source)")
	fs.IntVar(&width, "width", 0, "text width in columns (default: the terminal's, else 80)")
	fs.StringVar(&out, "o", "-", "write to FILE (atomically) instead of stdout")
	fs.DurationVar(&failStale, "fail-on-stale", 0, "exit 3 when any data shown is older than this (e.g. 1h)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: whoosh snapshot [flags]\n\nPrints the dashboard's numbers without a TTY. Exit codes: 0 ok, 1 no usable data, 2 usage or config error, 3 stale (--fail-on-stale).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("snapshot: unexpected argument %q", fs.Arg(0)))
	}
	f, err := snapshot.ParseFormat(format)
	if err != nil {
		return fail(stderr, usagef("--format: %v", err))
	}
	table, err := snapshot.ParseCSVTable(csvTable)
	if err != nil {
		return fail(stderr, usagef("--csv-table: %v", err))
	}
	if width < 0 || width > 1000 {
		return fail(stderr, usagef("--width %d: want 40 to 1000", width))
	}
	if width > 0 && width < 40 {
		return fail(stderr, usagef("--width %d: the panels need at least 40 columns", width))
	}
	if failStale < 0 {
		return fail(stderr, usagef("--fail-on-stale must be positive"))
	}

	now := time.Now()
	s, err := openSession(c, now)
	if err != nil {
		return fail(stderr, err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), snapshotTimeout)
	defer cancel()
	data, warns := s.load(ctx)
	st := ui.Compute(s.spec, data, s.window, s.asOf, s.clock(data, now))

	toTTY := snapshot.IsStdout(out) && isTerminal(stdout)
	if width == 0 {
		width = snapshot.DefaultWidth
		if toTTY {
			if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w >= 40 {
				width = w
			}
		}
	}
	if !toTTY || f != snapshot.Text || os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	for _, w := range snapshot.Warnings(st, warns) {
		fmt.Fprintln(stderr, "whoosh: warning:", w)
	}

	if len(st.Report.Dates) == 0 {
		fmt.Fprintln(stderr, "whoosh: no usable data from source", ui.Sanitize(s.sourceName))
		return exitNoData
	}
	o := snapshot.Options{Format: f, Width: width, CSVTable: table, Warnings: warns}
	write := func(w io.Writer) error { return snapshot.Write(w, st, o) }
	if snapshot.IsStdout(out) {
		err = write(stdout)
	} else {
		err = snapshot.WriteFile(out, write)
	}
	if err != nil {
		return fail(stderr, err)
	}
	if failStale > 0 {
		// Ages are measured on the clock the snapshot itself reports them
		// with (age_seconds): the wall clock for live and cached data, the
		// data's own time for demo and CSV.
		if age, sym := oldest(st, st.Now); age > failStale {
			fmt.Fprintf(stderr, "whoosh: stale: %s data is %s old (limit %s)\n", ui.Sanitize(sym), age.Round(time.Second), failStale)
			return exitStale
		}
	}
	return exitOK
}

// oldest returns the age of the oldest data shown, measured against now,
// and the symbol it belongs to.
func oldest(st ui.State, now time.Time) (time.Duration, string) {
	var age time.Duration
	var sym string
	for s, o := range st.Origins {
		if a := o.Age(now); a > age || (a == age && s < sym) {
			age, sym = a, s
		}
	}
	return age, sym
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
