package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/ui"
)

// ProgramOptions are the tea.Program options the dashboard needs: the
// alternate screen (so quitting leaves the normal screen as it was, at any
// size) and, unless noMouse, mouse clicks and the wheel.
func ProgramOptions(noMouse bool) []tea.ProgramOption {
	opts := []tea.ProgramOption{tea.WithAltScreen()}
	if !noMouse {
		opts = append(opts, tea.WithMouseCellMotion())
	}
	return opts
}

// handleMouse: a click on a tab switches to it; a click on a table row
// selects it, and a click on the selected row opens it (so a double-click
// opens too); the wheel moves the selection. Positions are read from the
// frame on screen, so they are where the user sees them.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	switch {
	case msg.Button == tea.MouseButtonWheelUp && msg.Action == tea.MouseActionPress:
		return m.handleKey(tea.KeyMsg{Type: tea.KeyUp})
	case msg.Button == tea.MouseButtonWheelDown && msg.Action == tea.MouseActionPress:
		return m.handleKey(tea.KeyMsg{Type: tea.KeyDown})
	case msg.Button != tea.MouseButtonLeft || msg.Action != tea.MouseActionPress:
		return nil
	}
	tabY := len(m.header(m.width, m.height))
	if msg.Y == tabY {
		_, spans := m.tabBar(m.width)
		for _, sp := range spans {
			if msg.X >= sp.x0 && msg.X < sp.x1 {
				m.note = ""
				m.setScreen(sp.screen)
			}
		}
		return nil
	}
	if msg.Y < tabY || m.detail != "" || m.problems {
		return nil
	}
	lines := strings.Split(m.view, "\n")
	if msg.Y >= len(lines) {
		return nil
	}
	if i := m.rowAt(ansi.Strip(lines[msg.Y]), msg.X); i >= 0 {
		m.note = ""
		if i == m.sel {
			m.open()
			return nil
		}
		m.selectRow(i)
	}
	return nil
}

// rowAt is the index in m.rows() of the table row drawn at column x of
// line, or -1. A row starts with its mark ("  " or "› ") and its symbol;
// of the rows on the line (two tables side by side), the one starting
// last at or before x.
func (m *Model) rowAt(line string, x int) int {
	runes := []rune(line)
	best, bestAt := -1, -1
	for i, r := range m.rows() {
		sym := []rune(ui.Sanitize(r.Symbol))
		for p := 2; p+len(sym) <= len(runes); p++ {
			if p-2 > x || p-2 <= bestAt {
				continue
			}
			mark := string(runes[p-2 : p])
			if (mark != "  " && mark != "› ") || string(runes[p:p+len(sym)]) != string(sym) {
				continue
			}
			if end := p + len(sym); end < len(runes) && runes[end] != ' ' && runes[end] != '!' {
				continue
			}
			best, bestAt = i, p-2
		}
	}
	return best
}
