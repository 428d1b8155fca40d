package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// pty is a pseudo-terminal: the test holds the master, whoosh gets the
// slave as its controlling terminal.
type pty struct {
	master, slave *os.File
	mu            sync.Mutex
	out           bytes.Buffer // everything whoosh wrote
}

func openPTY(t *testing.T, cols, rows uint16) *pty {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetUint32(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := unix.IoctlSetWinsize(int(s.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: rows, Col: cols}); err != nil {
		t.Fatal(err)
	}
	p := &pty{master: m, slave: s}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := m.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			// Answer the queries a terminal answers, as a real one would
			// (termenv waits 5 s for them otherwise): background colour
			// and cursor position.
			if bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
				m.Write([]byte("\x1b]11;rgb:0000/0000/0000\x1b\\"))
			}
			if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
				m.Write([]byte("\x1b[1;1R"))
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() { s.Close(); m.Close() })
	return p
}

func (p *pty) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.out.String()
}

// waitFor polls the output until it contains s.
func (p *pty) waitFor(t *testing.T, s string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(p.output(), s) {
			return
		}
	}
	t.Fatalf("%q never appeared on the terminal; it shows:\n%q", s, p.output())
}

// start runs whoosh with args on the terminal, as its controlling
// terminal; exited gets what Wait returns.
func (p *pty) start(t *testing.T, e *env, args ...string) (*exec.Cmd, <-chan error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env, cmd.Dir = e.environ(), e.home
	cmd.Stdin, cmd.Stdout, cmd.Stderr = p.slave, p.slave, p.slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	return cmd, exited
}

// canonical reports whether the terminal is in cooked mode (line editing
// and echo on), as a shell expects it.
func (p *pty) canonical(t *testing.T) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(p.slave.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ICANON != 0 && tio.Lflag&unix.ECHO != 0
}

// TestSignalsRestoreTheTerminal (issue 14): every signal that ends the
// dashboard restores the terminal — cooked mode, the normal screen, the
// cursor shown — and the process exits with the shell's code for it.
func TestSignalsRestoreTheTerminal(t *testing.T) {
	for _, tc := range []struct {
		sig  syscall.Signal
		code int
	}{
		{syscall.SIGHUP, 129},  // the terminal closed, SSH dropped
		{syscall.SIGTERM, 143}, // kill
		{syscall.SIGINT, 130},  // ctrl-c from outside the terminal
	} {
		t.Run(tc.sig.String(), func(t *testing.T) {
			e := newEnv(t)
			p := openPTY(t, 100, 30)
			if !p.canonical(t) {
				t.Fatal("a new terminal should start in cooked mode")
			}
			cmd, exited := p.start(t, e, "--source", "demo")
			p.waitFor(t, "Economy of Bits") // the dashboard is drawn
			if p.canonical(t) {
				t.Error("the dashboard runs in cooked mode")
			}
			sent := time.Now()
			if err := cmd.Process.Signal(tc.sig); err != nil {
				t.Fatal(err)
			}
			var err error
			select {
			case err = <-exited:
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("still running 15s after %v", tc.sig)
			}
			t.Logf("%v: exited %v after the signal", tc.sig, time.Since(sent).Round(time.Millisecond))
			var ee *exec.ExitError
			code := 0
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			}
			if code != tc.code {
				t.Errorf("exit code %d (%v), want %d", code, err, tc.code)
			}
			if !p.canonical(t) {
				t.Error("terminal left in raw mode")
			}
			// The reader drains the master on its own goroutine: wait for
			// the last bytes instead of a fixed 50 ms, which a loaded
			// machine overran (the restoring sequences were written but
			// not read yet).
			left := func(out, off, on string) bool {
				i, j := strings.LastIndex(out, off), strings.LastIndex(out, on)
				return i >= 0 && i > j
			}
			out := p.output()
			for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
				if out = p.output(); left(out, "\x1b[?1049l", "\x1b[?1049h") && left(out, "\x1b[?25h", "\x1b[?25l") {
					break
				}
			}
			tail := out[max(len(out)-400, 0):]
			if !left(out, "\x1b[?1049l", "\x1b[?1049h") {
				t.Errorf("alternate screen not left; output ends %q", tail)
			}
			if !left(out, "\x1b[?25h", "\x1b[?25l") {
				t.Errorf("cursor left hidden; output ends %q", tail)
			}
		})
	}
}

// TestDashboardOnATerminal: on a real terminal the dashboard takes keys as
// they are typed (raw mode), redraws for a new window size, and q leaves
// the terminal as it found it, exit 0. Frames are written by ui/screen,
// not Bubble Tea's renderer.
func TestDashboardOnATerminal(t *testing.T) {
	e := newEnv(t)
	p := openPTY(t, 100, 30)
	cmd, exited := p.start(t, e, "--source", "demo")
	t.Cleanup(func() { cmd.Process.Kill() })
	p.waitFor(t, "[1 Overview]")
	p.master.Write([]byte("2")) // no Enter: raw mode
	p.waitFor(t, "[2 Baskets]")
	// A narrower window: the kernel sends SIGWINCH, and the tab bar is
	// drawn again in 60 columns, its names shortened.
	if err := unix.IoctlSetWinsize(int(p.slave.Fd()), unix.TIOCSWINSZ, &unix.Winsize{Row: 20, Col: 60}); err != nil {
		t.Fatal(err)
	}
	p.waitFor(t, " 3 Tes  4 Who ")
	p.master.Write([]byte("q"))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("q: %v, want exit 0", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("still running 15 s after q")
	}
	if !p.canonical(t) {
		t.Error("terminal left in raw mode")
	}
	p.waitFor(t, "\x1b[?1049l")
	if out := p.output(); !strings.Contains(out, "\x1b[?25l") || strings.LastIndex(out, "\x1b[?25h") < strings.LastIndex(out, "\x1b[?25l") {
		t.Error("cursor not hidden while drawn, or left hidden")
	}
}
