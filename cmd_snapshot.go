package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/termenv"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/internal/atomicfile"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
	"github.com/whoosh-dev/whoosh/ui/snapshot"
)

// snapshotTimeout is the default bound of a whole snapshot run, retries
// included: 90 s, or 30 s plus half a second per symbol when that is more
// — twice what the rate limit (4 chart requests a second) needs for a cold
// start, so a cold thousand-symbol snapshot can finish.
func snapshotTimeout(symbols int) time.Duration {
	return max(90*time.Second, 30*time.Second+time.Duration(symbols)*500*time.Millisecond)
}

func runSnapshot(args []string, stdout, stderr io.Writer) int {
	var (
		c         commonFlags
		format    string
		csvTable  string
		width     int
		out       string
		failStale string
		timeout   time.Duration
		withAlert bool
	)
	fs := flag.NewFlagSet("whoosh snapshot", flag.ContinueOnError)
	c.register(fs)
	fs.StringVar(&format, "format", "text", "output format: text, markdown, json or csv")
	fs.StringVar(&csvTable, "csv-table", "", "with --format csv: series (date,series,value; the default) or metrics (metric,value,unit,source)")
	fs.IntVar(&width, "width", 0, "text width in columns (default: the terminal's, else 80)")
	fs.StringVar(&out, "o", "-", "write to FILE (atomically; only a regular file is replaced) instead of stdout")
	fs.StringVar(&failStale, "fail-on-stale", "", "exit 3 when any data shown was observed longer ago than this (e.g. 24h, 90m)")
	fs.DurationVar(&timeout, "timeout", 0, "give up waiting for data after this long and print what arrived (default: 90s, or 30s + 0.5s per symbol when more)")
	fs.BoolVar(&withAlert, "alerts", false, "evaluate the config's alert rules on this data, deliver what fired, print it (stderr and JSON alerts) and exit 4 when any fired")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: whoosh snapshot [flags]\n\nPrints the dashboard's numbers without a TTY. Exit codes: 0 ok, 1 no usable data, 2 usage or config error, 3 stale (--fail-on-stale), 4 an alert fired (--alerts).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("snapshot: unexpected argument %q (flags take the form --name value)", fs.Arg(0)))
	}
	f, err := snapshot.ParseFormat(format)
	if err != nil {
		return fail(stderr, usagef("--format: %v", err))
	}
	if csvTable != "" && f != snapshot.CSV {
		return fail(stderr, usagef("--csv-table %s applies only to CSV output: add --format csv", csvTable))
	}
	table, err := snapshot.ParseCSVTable(cmp.Or(csvTable, "series"))
	if err != nil {
		return fail(stderr, usagef("--csv-table: %v", err))
	}
	if width < 0 || width > 1000 {
		return fail(stderr, usagef("--width %d: want 40 to 1000", width))
	}
	if width > 0 && width < 40 {
		return fail(stderr, usagef("--width %d: the panels need at least 40 columns", width))
	}
	staleLimit, err := parseStaleLimit(failStale)
	if err != nil {
		return fail(stderr, err)
	}
	if timeout < 0 {
		return fail(stderr, usagef("--timeout %s: must be positive", timeout))
	}

	s, err := c.open(time.Now)
	if err != nil {
		return fail(stderr, err)
	}
	if timeout == 0 {
		timeout = snapshotTimeout(len(market.SpecSymbols(s.Spec)))
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	feed, loadErr := s.Load(ctx, progressTo(stderr))
	st := feed.State(s.Window, time.Now())
	var warns []string
	if loadErr != nil {
		warns = append(warns, ui.Sanitize(loadErr.Error()))
	}

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
		fmt.Fprintln(stderr, "whoosh: no usable data from source", ui.Sanitize(s.SourceName))
		return exitNoData
	}
	o := snapshot.Options{Format: f, Width: width, CSVTable: table, Warnings: warns}
	var fired []alerts.Delivered
	if withAlert {
		// Delivery has its own timeouts; ctx (the --timeout) bounds it too.
		fired, st.AlertMarks = snapshotAlerts(ctx, s, st, feed, stderr)
		o.Alerts = jsonAlerts(fired)
	}
	write := func(w io.Writer) error { return snapshot.Write(w, st, o) }
	if snapshot.IsStdout(out) {
		err = write(stdout)
	} else if err = snapshot.WriteFile(out, write); errors.Is(err, atomicfile.ErrNotRegular) || errors.Is(err, iofs.ErrNotExist) {
		// Where the user asked to write is the mistake: a usage error.
		return fail(stderr, &usageError{err.Error()})
	}
	if err != nil {
		return fail(stderr, err)
	}
	if staleLimit > 0 {
		// Ages are data ages, measured on the clock the snapshot reports
		// them with (age_seconds): the wall clock for live and cached
		// data, the data's own time for demo and CSV.
		if age, sym := oldest(st); age > staleLimit {
			fmt.Fprintf(stderr, "whoosh: stale: %s data is %s old (limit %s)\n", ui.Sanitize(sym), age.Round(time.Second), staleLimit)
			return exitStale
		}
	}
	if len(fired) > 0 {
		return exitAlert
	}
	return exitOK
}

// parseStaleLimit reads --fail-on-stale ("" is off).
func parseStaleLimit(v string) (time.Duration, error) {
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, usagef("--fail-on-stale %q: want a positive duration such as 90m, 24h or 72h", v)
	}
	return d, nil
}

// progressTo reports a long load's progress on stderr when it is a
// terminal (one line, rewritten), and nothing otherwise.
func progressTo(stderr io.Writer) func(done, total int) {
	if !isTerminal(stderr) {
		return nil
	}
	return func(done, total int) {
		if total < 50 {
			return // a short load needs no progress line
		}
		fmt.Fprintf(stderr, "\rwhoosh: loading history %d/%d", done, total)
		if done == total {
			fmt.Fprint(stderr, "\r\x1b[K")
		}
	}
}

// oldest returns the age of the oldest data shown and its symbol.
func oldest(st ui.State) (time.Duration, string) {
	var age time.Duration
	var sym string
	for s, o := range st.Origins {
		if a := o.Age(st.Now); a > age || (a == age && s < sym) {
			age, sym = a, s
		}
	}
	return age, sym
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
