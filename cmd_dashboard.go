package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
	"github.com/whoosh-dev/whoosh/ui/tui"
)

// runDashboard starts the interactive dashboard. Without a terminal on
// stdout it prints the text snapshot instead, so `whoosh | less` works.
func runDashboard(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c commonFlags
	fs := flag.NewFlagSet("whoosh", flag.ContinueOnError)
	c.register(fs)
	fs.Usage = func() {
		usage(fs.Output())
		fmt.Fprintf(fs.Output(), "\nDashboard flags:\n")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("unknown command %q (see 'whoosh -h')", fs.Arg(0)))
	}
	if !isTerminal(stdout) {
		return runSnapshot(args, stdout, stderr)
	}
	s, err := openSession(c, time.Now())
	if err != nil {
		return fail(stderr, err)
	}
	err = s.dashboard(stdin, stdout)
	var crash *crashError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, tea.ErrInterrupted):
		return 130 // SIGINT from outside the terminal: the shell's convention
	case errors.As(err, &crash):
		fmt.Fprintf(stderr, "whoosh: internal error (please report it): %v\n%s", crash.value, crash.stack)
		return exitFailure
	case errors.Is(err, tea.ErrProgramPanic):
		fmt.Fprintln(stderr, "whoosh: internal error (please report it): the panic is printed above; the terminal was restored")
		return exitFailure
	}
	return fail(stderr, err)
}

// crashError is a panic recovered in one of the dashboard's goroutines.
type crashError struct {
	value any
	stack []byte
}

func (e *crashError) Error() string { return fmt.Sprint("panic: ", e.value) }

// dashboard runs the Bubble Tea program with its data monitors: the poller
// (history, quotes), the macro loader and the config watcher, each a
// goroutine talking to the model only through p.Send.
//
// Bubble Tea restores the terminal on q, ctrl-c, SIGINT, SIGTERM and on a
// panic in Update or View; a panic in one of our goroutines is recovered
// here, the program killed (which restores the terminal too) and the panic
// returned as a *crashError to be printed once the screen is back.
func (s *session) dashboard(stdin io.Reader, stdout io.Writer) (err error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	poller := feeds.NewPoller(s.provider, nil, market.SpecSymbols(s.spec))
	poller.Every = s.cfg.Refresh
	if s.store != nil {
		poller.Initial = cache.Only(s.store) // first frame from disk, before any network
	}
	now, asOf := time.Now, func() market.Date { return feeds.NewYorkDate(time.Now()) }
	if s.dataClock {
		// Demo and CSV data have their own time: the as-of date's close.
		close := calendar.CloseTime(s.asOf)
		now = func() time.Time { return close }
	}
	if s.dataClock || s.asOfFixed {
		asOf = func() market.Date { return s.asOf }
	}
	poller.Now = now
	model := tui.New(tui.Options{
		Spec:      s.spec,
		Window:    s.window,
		AsOf:      asOf,
		Now:       now,
		OnRefresh: poller.Refresh,
	})
	// 30 frames a second is smooth for a dashboard and halves the idle
	// wakeups of the default 60 (BENCHMARKS.md, idle CPU).
	p := tea.NewProgram(model, tea.WithAltScreen(), tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(stdout), tea.WithFPS(30))
	poller.Send = func(msg any) { p.Send(msg) }

	var wg sync.WaitGroup
	var crashed atomic.Pointer[crashError]
	crash := func(r any, stack []byte) {
		crashed.CompareAndSwap(nil, &crashError{value: r, stack: stack})
		p.Kill() // restores the terminal; Run returns
	}
	poller.OnPanic = crash
	goSafe := func(fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					crash(r, debug.Stack())
				}
			}()
			fn()
		}()
	}
	defer func() {
		cancel()
		wg.Wait()
	}()
	goSafe(func() { poller.Run(ctx) })
	if s.macro != nil {
		goSafe(func() { s.streamMacro(ctx, p.Send) })
	}
	if s.cfgPath != "" && dirExists(filepath.Dir(s.cfgPath)) {
		goSafe(func() { s.watchConfig(ctx, p.Send, poller) })
	}

	_, err = p.Run()
	if c := crashed.Load(); c != nil {
		return c
	}
	return err
}

// streamMacro loads the macro series once at start and then once a day.
func (s *session) streamMacro(ctx context.Context, send func(tea.Msg)) {
	for {
		series, origin, warns := s.loadMacro(ctx, nil)
		if ctx.Err() != nil {
			return
		}
		send(tui.MacroMsg{Series: series, Origin: origin, Warnings: append(warns, s.warns.take()...)})
		select {
		case <-ctx.Done():
			return
		case <-time.After(24 * time.Hour):
		}
	}
}

// watchConfig applies config edits while the dashboard runs: a good edit
// replaces the spec and fetches only the new symbols; a bad one keeps the
// last good config and shows the error. The file is never written.
//
// An edited window: applies too (only when the file's value changed, so a
// save does not undo the user's ←/→); source: and refresh: apply on the
// next start.
func (s *session) watchConfig(ctx context.Context, send func(tea.Msg), poller *feeds.Poller) {
	lastWindow := s.cfg.Window
	err := config.Watch(ctx, s.cfgPath, func(cfg *config.Config, err error) {
		if err != nil {
			send(tui.ConfigMsg{Err: errors.New(ui.Sanitize(err.Error()))})
			return
		}
		sp := cfg.Spec()
		poller.SetSymbols(market.SpecSymbols(sp))
		msg := tui.ConfigMsg{Spec: sp, Watchlists: sp.Watchlists}
		if cfg.Window != lastWindow {
			w := cfg.Window
			msg.Window, lastWindow = &w, w
		}
		send(msg)
	})
	if err != nil && ctx.Err() == nil {
		send(tui.ConfigMsg{Spec: s.spec, Watchlists: s.spec.Watchlists, Err: fmt.Errorf("hot reload off: %w", err)})
	}
}

func dirExists(dir string) bool {
	fi, err := os.Stat(dir)
	return err == nil && fi.IsDir()
}
