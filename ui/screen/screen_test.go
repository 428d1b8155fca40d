package screen

import (
	"strings"
	"sync"
	"testing"
	"time"

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

// due reports whether a write is due on s (its timer set).
func due(s *Screen) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.timer != nil
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
	if due(s) {
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
	// The same size again (a shrink and a grow read as one): the
	// terminal may have cut what it showed, so all of it is written.
	s.resize(4, 2)
	s.show("\x1b[1mheader\x1b[0m\nlong line\nlast one")
	if got, want := strings.Join(term.take(), ""), ansi.EraseEntireScreen+"\x1b[H"+"long"+"\x1b[2;1H"+"last"; got != want {
		t.Errorf("a resize to the same size wrote %q, want %q", got, want)
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
	if !due(s) {
		t.Fatal("no write is due for the frames put off")
	}
	s.due() // the interval is up: the latest frame only
	if got, want := strings.Join(term.take(), ""), "\x1b[H"+"fourth"+ansi.EraseLineRight; got != want {
		t.Errorf("the due write wrote %q, want %q", got, want)
	}
	s.Close() // stops the timer
	if due(s) {
		t.Error("Close left a write due")
	}
}

// waitFor polls the terminal's writes until they contain want. It waits on
// a real timer, so its bound is a guard against a hang, not a budget.
func waitFor(t *testing.T, term *terminal, want string) string {
	t.Helper()
	var all strings.Builder
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		for _, w := range term.take() {
			all.WriteString(w)
		}
		if strings.Contains(all.String(), want) {
			return all.String()
		}
	}
	t.Fatalf("%q never written; got %q", want, all.String())
	return ""
}

func TestTheLastFrameOfABurstIsDrawn(t *testing.T) {
	s, term := opened(t, 20, 5)
	s.gap = 5 * time.Millisecond // a real interval, its timer the one in use
	for i := range 200 {
		s.show(strings.Repeat("·", i%7) + "frame " + string(rune('a'+i%26)))
	}
	s.show("the last frame")
	waitFor(t, term, "the last frame")
	if due(s) {
		t.Error("a write is still due after the last frame was drawn")
	}
}

func TestNothingIsWrittenAfterClose(t *testing.T) {
	// A write due when Close comes is dropped: its timer is stopped, and
	// one that fired already finds the Screen closed.
	s, term := opened(t, 20, 5)
	s.gap = time.Hour
	s.show("first")
	s.show("second") // within the interval: due when it is up
	s.Close()
	stopped := !due(s)
	s.due() // as if the timer had fired just before Close stopped it
	all := strings.Join(term.take(), "")
	if end := ansi.ResetMode(ansi.ModeAltScreenSaveCursor); !stopped || !strings.HasSuffix(all, end) || strings.Contains(all, "second") {
		t.Fatalf("the write due at Close: timer stopped %v, wrote %q", stopped, all)
	}
	// And with frames and Close racing.
	for range 100 {
		s, term := opened(t, 20, 5)
		s.gap = time.Millisecond
		s.show("first")
		var wg sync.WaitGroup
		wg.Go(func() {
			for i := range 20 {
				s.show(string(rune('a' + i)))
			}
		})
		wg.Go(s.Close)
		wg.Wait()
		time.Sleep(2 * time.Millisecond) // past any write that was due
		all := strings.Join(term.take(), "")
		if end := ansi.ResetMode(ansi.ModeAltScreenSaveCursor); !strings.HasSuffix(all, end) {
			t.Fatalf("written after Close: %q", all[strings.LastIndex(all, end)+len(end):])
		}
	}
}
