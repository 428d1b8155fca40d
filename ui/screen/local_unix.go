//go:build !windows

package screen

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/term"
)

// LocalSupported says whether Local can drive the process's own terminal
// here. Where it cannot (Windows, whose console Bubble Tea sets up
// itself), callers keep Bubble Tea's renderer.
const LocalSupported = true

// Local prepares the process's own terminal for a Screen: its input in raw
// mode when in is a terminal, and the size of out sent now and on every
// SIGWINCH until ctx ends. restore puts the input back as it was; call it
// after the program has returned.
func Local(ctx context.Context, in, out *os.File, send func(tea.Msg)) (restore func(), err error) {
	restoreInput := func() {}
	if in != nil && term.IsTerminal(in.Fd()) {
		was, err := term.MakeRaw(in.Fd())
		if err != nil {
			return nil, fmt.Errorf("raw mode: %w", err)
		}
		restoreInput = func() { _ = term.Restore(in.Fd(), was) }
	}
	sizes := make(chan os.Signal, 1)
	signal.Notify(sizes, syscall.SIGWINCH)
	sendSize := func() {
		if w, h, err := term.GetSize(out.Fd()); err == nil {
			send(tea.WindowSizeMsg{Width: w, Height: h})
		}
	}
	go func() {
		sendSize()
		for {
			select {
			case <-ctx.Done():
				return
			case <-sizes:
				sendSize()
			}
		}
	}()
	return func() {
		signal.Stop(sizes)
		restoreInput()
	}, nil
}
