// Package screen draws a Bubble Tea program's frames on a terminal's
// alternate screen when they change, and only then.
//
// Bubble Tea v1's standard renderer wakes on a ticker (ten times a second
// at the dashboard's frame rate) to compare the latest frame with the one
// it wrote last, so an idle dashboard still spends CPU on every tick. A
// Screen is driven by the frames themselves: a frame that differs from
// the one on the terminal is written at once or, when the last write was
// less than a frame interval ago, when that interval is up (later frames
// replace it). While the frame is unchanged nothing wakes.
//
// The program runs with tea.WithoutRenderer, so Bubble Tea neither sets
// up the terminal nor writes frames: the Screen writes the set-up and
// clean-up sequences (alternate screen, hidden cursor, bracketed paste,
// mouse) and, for the process's own terminal, Local puts the input in raw
// mode and reports the window's size. Without a renderer Bubble Tea's
// terminal commands do nothing (tea.Suspend, tea.Exec*, tea.Println,
// SetWindowTitle, ClearScreen, Enter/ExitAltScreen); whoosh uses none. A
// feature that hands the terminal to another program needs Screen methods
// to release and take it back first.
package screen

import (
	"io"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// frameGap is the shortest time between two writes: at most 30 frames a
// second while frames stream in (a key held down, histories arriving).
const frameGap = time.Second / 30

// A Screen writes frames to a terminal. Its methods may be called from
// any goroutine.
type Screen struct {
	out   io.Writer
	mouse bool
	gap   time.Duration

	mu            sync.Mutex
	frame         string   // the latest frame
	lines         []string // the lines on the terminal, as written
	width, height int      // 0 until the first window size
	sized         bool     // a window size has come
	clear         bool     // clear the terminal before the next write
	last          time.Time
	timer         *time.Timer // a write due when the frame interval is up
	opened        bool
	closed        bool
	crash         *Crash
}

// New returns a Screen writing to out, with mouse reporting when mouse is
// set. Nothing is written before Open.
func New(out io.Writer, mouse bool) *Screen {
	return &Screen{out: out, mouse: mouse, gap: frameGap, clear: true}
}

// Open switches the terminal to the alternate screen, hides the cursor
// and turns on bracketed paste (and mouse reporting). Frames are written
// from the first window size on (Model passes it to the Screen).
func (s *Screen) Open() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opened || s.closed {
		return
	}
	s.opened = true
	seq := ansi.SetMode(ansi.ModeAltScreenSaveCursor) + ansi.EraseEntireScreen + ansi.CursorHomePosition +
		ansi.ResetMode(ansi.ModeTextCursorEnable) + ansi.SetMode(ansi.ModeBracketedPaste)
	if s.mouse {
		seq += ansi.SetMode(ansi.ModeMouseButtonEvent) + ansi.SetMode(ansi.ModeMouseExtSgr)
	}
	_, _ = io.WriteString(s.out, seq)
	s.clear = false // just cleared
	if s.sized && s.frame != "" {
		s.flush()
	}
}

// Close undoes Open: the terminal is back on its normal screen, as it was,
// with its cursor. No frame is written after Close.
func (s *Screen) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
		s.timer = nil
	}
	if !s.opened {
		return
	}
	seq := ""
	if s.mouse {
		seq += ansi.ResetMode(ansi.ModeMouseButtonEvent) + ansi.ResetMode(ansi.ModeMouseExtSgr)
	}
	seq += ansi.ResetMode(ansi.ModeBracketedPaste) + ansi.SetMode(ansi.ModeTextCursorEnable) + ansi.ResetMode(ansi.ModeAltScreenSaveCursor)
	_, _ = io.WriteString(s.out, seq)
}

// Crash is a panic in the program's model, with its stack.
type Crash struct {
	Value any
	Stack []byte
}

// Crashed returns the panic that ended the program, if its model or one of
// its commands panicked (nil on a nil Screen). Bubble Tea prints a panic
// while the alternate screen is up, where Close wipes it; the caller
// prints this one once the terminal is back.
func (s *Screen) Crashed() *Crash {
	if s == nil {
		return nil // no Screen: Bubble Tea's renderer printed it
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.crash
}

// resize records the terminal's size; the next write repaints it whole,
// since the terminal may have rewrapped or cut what it showed, even when
// the size is back where it was (a shrink and a grow read as one size).
// A resize is also the user's way to get a clean screen.
func (s *Screen) resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.width, s.height, s.clear, s.sized = w, h, true, true
}

// show takes the latest frame and writes it now, or when the frame
// interval is up.
func (s *Screen) show(frame string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || (frame == s.frame && !s.clear) {
		return
	}
	s.frame = frame
	if !s.opened || !s.sized || s.timer != nil {
		// Open, the first window size or the write already due draws
		// it. Until the size is known the model draws for a guessed
		// one, which would flash on the screen.
		return
	}
	if wait := s.gap - time.Since(s.last); wait > 0 {
		s.timer = time.AfterFunc(wait, s.due)
		return
	}
	s.flush()
}

// due writes the frame whose write was put off.
func (s *Screen) due() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timer = nil
	if !s.closed {
		s.flush()
	}
}

// flush writes the lines of s.frame that differ from those on the
// terminal, each where it belongs, and clears what the frame no longer
// covers. s.mu is held.
func (s *Screen) flush() {
	lines := fit(s.frame, s.width, s.height)
	var b strings.Builder
	if s.clear {
		b.WriteString(ansi.EraseEntireScreen)
		s.lines, s.clear = nil, false
	}
	for i, line := range lines {
		if i < len(s.lines) && s.lines[i] == line {
			continue
		}
		b.WriteString(ansi.CursorPosition(1, i+1))
		b.WriteString(line)
		// A line that fills the row leaves the cursor on its last cell,
		// where an erase would wipe that cell.
		if s.width <= 0 || ansi.StringWidth(line) < s.width {
			b.WriteString(ansi.EraseLineRight)
		}
	}
	if len(lines) < len(s.lines) {
		b.WriteString(ansi.CursorPosition(1, len(lines)+1) + ansi.EraseScreenBelow)
	}
	s.lines, s.last = lines, time.Now()
	if b.Len() > 0 {
		_, _ = io.WriteString(s.out, b.String())
	}
}

// fit splits frame into the lines the terminal shows: at most height (the
// last ones, as Bubble Tea's renderer keeps them), each cut to width so
// that none wraps. A size of 0 is unknown and cuts nothing.
func fit(frame string, width, height int) []string {
	lines := strings.Split(frame, "\n")
	if height > 0 && len(lines) > height {
		lines = lines[len(lines)-height:]
	}
	if width > 0 {
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return lines
}
