package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/ui/screen"
	"github.com/whoosh-dev/whoosh/ui/tui"
)

// runDashboard starts the interactive dashboard. Without a terminal on
// stdout it prints the text snapshot instead, so `whoosh | less` works.
func runDashboard(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var c commonFlags
	fs := flag.NewFlagSet("whoosh", flag.ContinueOnError)
	c.register(fs)
	noMouse := fs.Bool("no-mouse", false, "turn off mouse clicks and the wheel (config: mouse: false)")
	fs.Usage = func() {
		usage(fs.Output())
		fmt.Fprintf(fs.Output(), "\nDashboard flags:\n")
		fs.PrintDefaults()
	}
	if code, done := parseFlags(fs, args, stdout, stderr); done {
		return code
	}
	if fs.NArg() > 0 {
		return fail(stderr, unknownCommand(fs.Arg(0), args))
	}
	if !isTerminal(stdout) {
		return runSnapshot(args, stdout, stderr)
	}
	s, err := c.open(time.Now)
	if err != nil {
		return fail(stderr, err)
	}
	err = dashboard(s, stdin, stdout, *noMouse || !s.Config.Mouse)
	var crash *crashError
	var sig *signalError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &sig):
		return 128 + int(sig.sig) // the shell's convention, after the terminal was restored
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

// signalError is the signal that ended the dashboard.
type signalError struct{ sig syscall.Signal }

func (e *signalError) Error() string { return e.sig.String() }

// dashboard runs the Bubble Tea program fed by the session's stream, whose
// goroutines talk to the model only through p.Send.
//
// Every way out of Run (q, ctrl-c, a panic, the context ending) comes
// back here, where the deferred Screen.Close and the Local restore put the
// terminal back (Bubble Tea does it itself only with its own renderer, on
// Windows). SIGINT, SIGTERM and SIGHUP (the terminal closed, SSH dropped)
// end the program through its context and come back as a *signalError. A
// panic in the stream or the model is recovered, the program ended and the
// panic returned as a *crashError to be printed once the screen is back.
func dashboard(s *app.Session, stdin io.Reader, stdout io.Writer, noMouse bool) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	var caught atomic.Pointer[signalError]
	go func() {
		select {
		case sig := <-sigs:
			caught.Store(&signalError{sig.(syscall.Signal)})
			cancel()
		case <-ctx.Done():
		}
	}()

	var p *tea.Program
	stream := s.Stream(func(msg any) { p.Send(msg) })
	stream.Watch = true
	feed := s.NewFeed()
	stream.Follow(feed) // 5-minute bars are fetched only while the window is 1D
	model := tui.New(tui.Options{Feed: feed, Window: s.Window, OnRefresh: stream.Refresh, Coalesce: 100 * time.Millisecond,
		ConfigPath: s.ConfigPath, OnConfig: stream.ApplyConfig})
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithInput(stdin), tea.WithOutput(stdout), tea.WithoutSignalHandler()}
	in, _ := stdin.(*os.File)
	out, _ := stdout.(*os.File)
	var scr *screen.Screen
	if screen.LocalSupported && out != nil {
		// Frames are written when they change and nothing wakes while
		// they do not (ui/screen; BENCHMARKS.md, idle).
		scr = screen.New(stdout, !noMouse)
		p = tea.NewProgram(scr.Model(model), append(opts, tea.WithoutRenderer())...)
		restore, err := screen.Local(ctx, in, out, p.Send)
		if err != nil {
			return err
		}
		defer restore()
		scr.Open()
		defer scr.Close()
	} else {
		// Bubble Tea's renderer, at 10 frames a second: plenty for a
		// dashboard whose data moves once a poll.
		p = tea.NewProgram(model, append(tui.ProgramOptions(noMouse), append(opts, tea.WithFPS(10))...)...)
	}

	var crashed atomic.Pointer[crashError]
	stream.OnPanic = func(v any, stack []byte) {
		crashed.CompareAndSwap(nil, &crashError{value: v, stack: stack})
		p.Kill() // Run returns
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		stream.Run(ctx)
	}()
	_, err := p.Run()
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
		// Every way out ends the process within a second: a feed stuck
		// in a system call must not hold the terminal.
	}
	if c := crashed.Load(); c != nil {
		return c
	}
	if c := scr.Crashed(); c != nil {
		return &crashError{value: c.Value, stack: c.Stack}
	}
	if sig := caught.Load(); sig != nil {
		return sig
	}
	return err
}
