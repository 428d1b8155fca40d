package screen

import (
	"runtime/debug"

	tea "github.com/charmbracelet/bubbletea"
)

// Model returns m drawn on s: its frames go to the Screen, and a window
// size message tells the Screen the terminal's size before m sees it.
// A panic in m or in a command it returns is kept for Crashed.
func (s *Screen) Model(m tea.Model) tea.Model { return model{inner: m, s: s} }

type model struct {
	inner tea.Model
	s     *Screen
}

func (m model) Init() tea.Cmd {
	defer m.s.keepPanic()
	return m.s.guard(m.inner.Init())
}

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer m.s.keepPanic()
	if w, ok := msg.(tea.WindowSizeMsg); ok {
		m.s.resize(w.Width, w.Height)
	}
	inner, cmd := m.inner.Update(msg)
	return model{inner: inner, s: m.s}, m.s.guard(cmd)
}

// View hands the frame to the Screen: Bubble Tea asks for it after every
// Update, which is when it would have handed it to its own renderer.
func (m model) View() string {
	defer m.s.keepPanic()
	v := m.inner.View()
	m.s.show(v)
	return v
}

// guard makes cmd keep its panic too. Bubble Tea runs commands on
// goroutines of their own; the commands of a batch are guarded as they
// come out of it.
func (s *Screen) guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		defer s.keepPanic()
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for i, c := range batch {
				batch[i] = s.guard(c)
			}
		}
		return msg
	}
}

// keepPanic records a panic on its way up to Bubble Tea, which ends the
// program with tea.ErrProgramPanic and prints the panic where Close will
// wipe it.
func (s *Screen) keepPanic() {
	if v := recover(); v != nil {
		s.mu.Lock()
		if s.crash == nil {
			s.crash = &Crash{Value: v, Stack: debug.Stack()}
		}
		s.mu.Unlock()
		panic(v)
	}
}
