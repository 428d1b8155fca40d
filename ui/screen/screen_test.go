package screen

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// terminal records each write the Screen makes.
type terminal struct {
	mu     sync.Mutex
	writes []string
}

func (t *terminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.writes = append(t.writes, string(p))
	return len(p), nil
}

// take returns the writes since the last take.
func (t *terminal) take() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	w := t.writes
	t.writes = nil
	return w
}

// opened is a Screen of width×height on a recording terminal, opened, with
// no frame interval (every frame is written at once) and the set-up
// sequences taken.
func opened(t *testing.T, width, height int) (*Screen, *terminal) {
	t.Helper()
	term := &terminal{}
	s := New(term, false)
	s.gap = 0
	s.resize(width, height)
	s.Open()
	term.take()
	return s, term
}

func TestOpenAndCloseSequences(t *testing.T) {
	for _, mouse := range []bool{false, true} {
		term := &terminal{}
		s := New(term, mouse)
		s.show("frame before Open")
		if w := term.take(); len(w) != 0 {
			t.Fatalf("mouse=%v: wrote %q before Open", mouse, w)
		}
		s.Open()
		open := strings.Join(term.take(), "")
		for _, seq := range []string{ansi.SetMode(ansi.ModeAltScreenSaveCursor), ansi.ResetMode(ansi.ModeTextCursorEnable), ansi.SetMode(ansi.ModeBracketedPaste)} {
			if !strings.Contains(open, seq) {
				t.Errorf("mouse=%v: Open wrote %q, missing %q", mouse, open, seq)
			}
		}
		// Until the terminal's size is known the model draws for a
		// guessed one: nothing is drawn.
		s.show("frame for a guessed size")
		if strings.Contains(open, "frame") || len(term.take()) != 0 {
			t.Errorf("mouse=%v: a frame was drawn before the window size", mouse)
		}
		s.resize(30, 5)
		s.show("frame for the size")
		if got := strings.Join(term.take(), ""); !strings.Contains(got, "frame for the size") {
			t.Errorf("mouse=%v: after the size, wrote %q", mouse, got)
		}
		if got := strings.Contains(open, ansi.SetMode(ansi.ModeMouseButtonEvent)+ansi.SetMode(ansi.ModeMouseExtSgr)); got != mouse {
			t.Errorf("mouse=%v: mouse reporting turned on: %v", mouse, got)
		}
		s.Close()
		closing := strings.Join(term.take(), "")
		// The alternate screen is left last, so the cursor and modes are
		// restored for the normal screen.
		if !strings.HasSuffix(closing, ansi.SetMode(ansi.ModeTextCursorEnable)+ansi.ResetMode(ansi.ModeAltScreenSaveCursor)) ||
			!strings.Contains(closing, ansi.ResetMode(ansi.ModeBracketedPaste)) {
			t.Errorf("mouse=%v: Close wrote %q", mouse, closing)
		}
		if got := strings.Contains(closing, ansi.ResetMode(ansi.ModeMouseButtonEvent)); got != mouse {
			t.Errorf("mouse=%v: mouse reporting turned off: %v", mouse, got)
		}
		s.show("frame after Close")
		s.Close()
		if w := term.take(); len(w) != 0 {
			t.Errorf("mouse=%v: wrote %q after Close", mouse, w)
		}
	}
}

func TestUnchangedFrameWritesNothing(t *testing.T) {
	s, term := opened(t, 20, 5)
	s.show("a\nb\nc")
	if w := term.take(); len(w) != 1 {
		t.Fatalf("first frame: %d writes, want 1", len(w))
	}
	s.gap = time.Hour // a changed frame now would be put off, with a timer
	for range 3 {
		s.show("a\nb\nc")
	}
	if w := term.take(); len(w) != 0 {
		t.Errorf("an unchanged frame wrote %q", w)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		t.Error("an unchanged frame set a timer: an idle screen would wake")
	}
}

func TestOnlyChangedLinesAreWritten(t *testing.T) {
	s, term := opened(t, 20, 5)
	s.show("header\nrow one\nrow two\nfooter")
	term.take()
	s.show("header\nrow one\nrow 2\nfooter")
	got := strings.Join(term.take(), "")
	// Row 3 of the terminal, from column 1, the line, and the rest of the
	// row erased: nothing else.
	if want := "\x1b[3;1H" + "row 2" + ansi.EraseLineRight; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func TestShorterFrameClearsBelow(t *testing.T) {
	s, term := opened(t, 20, 5)
	s.show("a\nb\nc\nd")
	term.take()
	s.show("a\nb")
	if got, want := strings.Join(term.take(), ""), "\x1b[3;1H"+ansi.EraseScreenBelow; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

func TestResizeRepaintsAndFits(t *testing.T) {
	s, term := opened(t, 20, 5)
	s.show("one\ntwo")
	term.take()
	// A smaller terminal: the same frame is written again, whole, after
	// a clear, the last 2 rows of 3 kept and each cut to 4 columns.
	s.resize(4, 2)
	s.show("one\ntwo")
	got := strings.Join(term.take(), "")
	if want := ansi.EraseEntireScreen + "\x1b[H" + "one" + ansi.EraseLineRight + "\x1b[2;1H" + "two" + ansi.EraseLineRight; got != want {
		t.Errorf("after resize wrote %q, want %q", got, want)
	}
	s.show("\x1b[1mheader\x1b[0m\nlong line\nlast one")
	got = strings.Join(term.take(), "")
	// A line filling the row gets no erase: the cursor sits on its last
	// cell, which the erase would wipe. Styles survive the cut.
	if want := "\x1b[H" + "long" + "\x1b[2;1H" + "last"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
	s.resize(4, 2) // same size: nothing to repaint
	s.show("\x1b[1mheader\x1b[0m\nlong line\nlast one")
	if w := term.take(); len(w) != 0 {
		t.Errorf("a resize to the same size wrote %q", w)
	}
}

func TestFramesWithinTheIntervalAreCoalesced(t *testing.T) {
	s, term := opened(t, 20, 5)
	s.gap = time.Hour // no write is due within the test
	s.show("first")
	if w := term.take(); len(w) != 1 {
		t.Fatalf("first frame: %d writes, want 1 at once", len(w))
	}
	for _, f := range []string{"second", "third", "fourth"} {
		s.show(f)
	}
	if w := term.take(); len(w) != 0 {
		t.Fatalf("frames within the interval wrote %q at once", w)
	}
	s.mu.Lock()
	pending := s.timer != nil
	s.mu.Unlock()
	if !pending {
		t.Fatal("no write is due for the frames put off")
	}
	s.due() // the interval is up: the latest frame only
	if got, want := strings.Join(term.take(), ""), "\x1b[H"+"fourth"+ansi.EraseLineRight; got != want {
		t.Errorf("the due write wrote %q, want %q", got, want)
	}
	s.Close() // stops the timer
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.timer != nil {
		t.Error("Close left a write due")
	}
}

// program is a tea.Model that draws what it is told and panics on "boom".
type program struct{ text string }

func (p program) Init() tea.Cmd { return nil }
func (p program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case string:
		if msg == "boom" {
			panic("boom")
		}
		if msg == "quit" {
			return p, tea.Quit
		}
		p.text = msg
	case tea.WindowSizeMsg:
		p.text = strings.Repeat("x", msg.Width+5)
	}
	return p, nil
}
func (p program) View() string { return p.text }

// run runs a program drawn on a Screen, sending msgs, and returns what the
// terminal received, the Screen and Run's error.
func run(t *testing.T, msgs ...tea.Msg) (string, *Screen, error) {
	t.Helper()
	var out bytes.Buffer
	term := &terminal{}
	s := New(term, false)
	s.gap = 0 // every frame written, so the test sees each
	p := tea.NewProgram(s.Model(program{text: "start"}), tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard),
		tea.WithoutRenderer(), tea.WithoutSignals())
	s.Open()
	go func() {
		for _, m := range msgs {
			p.Send(m)
		}
	}()
	_, err := p.Run()
	s.Close()
	for _, w := range term.take() {
		out.WriteString(w)
	}
	return out.String(), s, err
}

func TestProgramFramesReachTheScreen(t *testing.T) {
	out, s, err := run(t, tea.WindowSizeMsg{Width: 6, Height: 3}, "hello", "quit")
	if err != nil {
		t.Fatal(err)
	}
	// The first frame, drawn before the size was known, is not shown.
	// The size reaches the Screen before the model draws for it: the
	// 11 x's are cut to the 6 columns.
	if strings.Contains(out, "start") {
		t.Errorf("the frame drawn for a guessed size was shown: %q", out)
	}
	for _, want := range []string{"xxxxxx", "hello"} {
		if !strings.Contains(out, want) {
			t.Errorf("the terminal never showed %q: %q", want, out)
		}
	}
	if strings.Contains(out, "xxxxxxx") {
		t.Errorf("a line wider than the terminal was written: %q", out)
	}
	if s.Crashed() != nil {
		t.Errorf("Crashed = %v without a panic", s.Crashed())
	}
}

func TestPanicIsKeptForAfterTheScreen(t *testing.T) {
	out, s, err := run(t, "boom")
	if !errors.Is(err, tea.ErrProgramPanic) {
		t.Fatalf("Run returned %v, want tea.ErrProgramPanic", err)
	}
	c := s.Crashed()
	if c == nil || c.Value != "boom" || !bytes.Contains(c.Stack, []byte("program.Update")) {
		t.Fatalf("Crashed = %+v, want the panic with its stack", c)
	}
	if !strings.HasSuffix(out, ansi.ResetMode(ansi.ModeAltScreenSaveCursor)) {
		t.Errorf("the terminal was not restored after the panic: %q", out)
	}
}
