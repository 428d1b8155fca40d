package screen

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// program is a tea.Model that draws what it is told. It panics where
// panicIn says: "init", "view" (once told "draw boom"), or in a command
// it returns for "cmd" and, batched, for "batch".
type program struct{ text, panicIn string }

func (p program) Init() tea.Cmd {
	if p.panicIn == "init" {
		panic("boom")
	}
	return nil
}

func (p program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	boom := func() tea.Msg { panic("boom") }
	switch msg := msg.(type) {
	case string:
		switch msg {
		case "quit":
			return p, tea.Quit
		case "update boom":
			panic("boom")
		case "cmd boom":
			return p, boom
		case "batch boom":
			return p, tea.Batch(func() tea.Msg { return nil }, boom)
		}
		p.text = msg
	case tea.WindowSizeMsg:
		p.text = strings.Repeat("x", msg.Width+5)
	}
	return p, nil
}

func (p program) View() string {
	if p.text == "draw boom" {
		panic("boom")
	}
	return p.text
}

// run runs m drawn on a Screen, sending msgs, and returns what the
// terminal received, the Screen and Run's error.
func run(t *testing.T, m program, msgs ...tea.Msg) (string, *Screen, error) {
	t.Helper()
	var out bytes.Buffer
	term := &terminal{}
	s := New(term, false)
	s.gap = 0 // every frame written, so the test sees each
	p := tea.NewProgram(s.Model(m), tea.WithInput(strings.NewReader("")), tea.WithOutput(io.Discard),
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
	out, s, err := run(t, program{text: "start"}, tea.WindowSizeMsg{Width: 6, Height: 3}, "hello", "quit")
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

func TestPanicsAreKeptForAfterTheScreen(t *testing.T) {
	for _, tc := range []struct {
		name, panicIn, msg string
		frame              string // the stack shows it
	}{
		{"Init", "init", "", "program.Init"},
		{"Update", "", "update boom", "program.Update"},
		{"View", "", "draw boom", "program.View"},
		{"command", "", "cmd boom", "program.Update.func1"},
		{"batched command", "", "batch boom", "program.Update.func1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var msgs []tea.Msg
			if tc.msg != "" {
				msgs = append(msgs, tc.msg)
			}
			out, s, err := run(t, program{text: "start", panicIn: tc.panicIn}, msgs...)
			if !errors.Is(err, tea.ErrProgramPanic) {
				t.Fatalf("Run returned %v, want tea.ErrProgramPanic", err)
			}
			c := s.Crashed()
			if c == nil || c.Value != "boom" || !bytes.Contains(c.Stack, []byte(tc.frame)) {
				t.Fatalf("Crashed = %+v, want the panic with %s in its stack", c, tc.frame)
			}
			if !strings.HasSuffix(out, ansi.ResetMode(ansi.ModeAltScreenSaveCursor)) {
				t.Errorf("the terminal was not restored after the panic: %q", out)
			}
		})
	}
}
