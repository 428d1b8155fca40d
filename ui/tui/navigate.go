package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// handleKey applies one key: quit, help, screens, window, selection, sort,
// detail, refresh, edits and the filter; while a prompt is open, the
// prompt takes it (edit.go).
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.prompt != promptNone {
		return m.promptKey(msg)
	}
	k := m.keys
	m.note, m.editNote = "", ""
	switch {
	case key.Matches(msg, k.Quit):
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showAll = !m.showAll
	case key.Matches(msg, k.Back):
		// esc closes one thing, the nearest first: the full help, the
		// detail or the problems, then the filter.
		switch {
		case m.showAll:
			m.showAll = false
		case m.detail == "" && !m.problems:
			m.setFilter("")
		}
		m.detail, m.problems = "", false
	case key.Matches(msg, k.Problems):
		m.problems = !m.problems
	case key.Matches(msg, k.Next):
		m.setScreen((m.screen + 1) % m.screenCount())
	case key.Matches(msg, k.Prev):
		m.setScreen((m.screen + m.screenCount() - 1) % m.screenCount())
	case key.Matches(msg, k.Screen):
		if n := screenIndex(msg.String()); n >= 0 && n < m.screenCount() {
			m.setScreen(n)
		}
	case key.Matches(msg, k.Left):
		m.window = m.window.Prev()
		m.recompute()
	case key.Matches(msg, k.Right):
		m.window = m.window.Next()
		m.recompute()
	case key.Matches(msg, k.Up, k.Down, k.PageUp, k.PageDown, k.Home, k.End):
		m.move(msg)
	case key.Matches(msg, k.Sort):
		m.nextSort()
	case key.Matches(msg, k.Enter):
		m.open()
	case key.Matches(msg, k.Refresh):
		return m.refresh()
	case key.Matches(msg, k.Add):
		return m.startAdd()
	case key.Matches(msg, k.Remove):
		m.startRemove()
	case key.Matches(msg, k.Filter):
		m.startFilter()
	}
	return nil
}

func (m *Model) setScreen(n int) {
	if n != m.screen {
		m.setFilter("") // a filter belongs to the tables it narrowed
		m.screen, m.sel, m.detail, m.helpTop = n, 0, "", 0
		m.state = m.filtered(m.full)
		m.clampSel() // back to the row this screen had selected
	}
}

// refresh asks the poller for fresh quotes, in a Cmd.
func (m *Model) refresh() tea.Cmd {
	var cmds []tea.Cmd
	if f := m.o.OnRefresh; f != nil {
		cmds = append(cmds, func() tea.Msg { f(); return nil })
	}
	if len(cmds) == 0 {
		m.note = "refresh: no live source"
		return nil
	}
	m.note = "refreshing…"
	return tea.Batch(cmds...)
}

// move applies ↑/↓, PgUp/PgDn, Home/End: to the selection, or to the
// scroll of the Help screen.
func (m *Model) move(msg tea.KeyMsg) {
	k, page := m.keys, m.pageRows()
	delta := 0
	switch {
	case key.Matches(msg, k.Up):
		delta = -1
	case key.Matches(msg, k.Down):
		delta = 1
	case key.Matches(msg, k.PageUp):
		delta = -page
	case key.Matches(msg, k.PageDown):
		delta = page
	case key.Matches(msg, k.Home):
		delta = -1 << 30
	case key.Matches(msg, k.End):
		delta = 1 << 30
	}
	if m.screen == ScreenHelp && m.detail == "" && !m.problems {
		m.helpTop = max(min(m.helpTop+delta, m.helpLines(m.width)-1), 0)
		return
	}
	m.selectRow(m.sel + delta)
}

// sortable reports whether the screen on screen has a table s sorts.
func (m *Model) sortable() bool {
	_, ok := m.watchlist()
	return ok || m.screen == ScreenBaskets
}

// nextSort is s: the next sort order, where a sortable table is shown.
func (m *Model) nextSort() {
	if !m.sortable() || m.detail != "" || m.problems {
		m.note = "s: nothing to sort here (2 Baskets and the watchlists sort)"
		return
	}
	m.sort = m.sort.Next()
	m.clampSel() // the selected symbol stays selected
}
