package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// handleKey applies one key: quit, help, screens, window, selection, sort,
// detail, refresh, edits and the filter; while a prompt is open, the
// prompt takes it (edit.go).
func (m *Model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if m.prompt != promptNone {
		return m.promptKey(msg)
	}
	k := m.keys
	m.note = ""
	switch {
	case key.Matches(msg, k.Quit):
		m.quitting = true
		return tea.Quit
	case key.Matches(msg, k.Help):
		m.showAll = !m.showAll
	case key.Matches(msg, k.Back):
		if m.detail == "" && !m.problems {
			m.setFilter("") // esc on the table clears its filter
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
	case key.Matches(msg, k.Up):
		m.sel = max(m.sel-1, 0)
	case key.Matches(msg, k.Down):
		m.sel++
		m.clampSel()
	case key.Matches(msg, k.Sort):
		m.sort = m.sort.Next()
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
		m.screen, m.sel, m.detail = n, 0, ""
		m.state = m.filtered(m.full)
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

// rows returns the table rows of the current screen in display order.
func (m *Model) rows() []market.MemberStat {
	r := m.state.Report
	switch {
	case m.screen == ScreenBaskets:
		return append(ui.SortMembers(r.Bits.Members, m.sort), ui.SortMembers(r.Atoms.Members, m.sort)...)
	case m.screen >= fixedScreens && m.screen-fixedScreens < len(r.Watchlists):
		return ui.SortMembers(r.Watchlists[m.screen-fixedScreens].Members, m.sort)
	}
	return nil
}

func (m *Model) clampSel() {
	n := len(m.rows())
	if m.screen == ScreenThesis {
		n = len(m.state.Thesis)
	}
	if m.sel >= n {
		m.sel = max(n-1, 0)
	}
}

// open shows the detail of what enter points at, or says in the footer why
// there is nothing to open here.
func (m *Model) open() {
	if m.screen == ScreenThesis {
		if claims := ui.SortClaims(m.state.Thesis); m.sel < len(claims) {
			m.detail = claimDetail + claims[m.sel].ID
			return
		}
	}
	if sym := m.selectedSymbol(); sym != "" {
		m.detail = sym
		return
	}
	switch m.screen {
	case ScreenWhoosh, ScreenMacro, ScreenAlerts, ScreenHelp:
		m.note = "enter: no symbols on this screen; 2 Baskets and the watchlists list them"
	default:
		m.note = "enter: no rows to open yet"
	}
}

// selectedSymbol is the symbol enter opens: the selected row on table
// screens, Tesla on the Tesla screen.
func (m *Model) selectedSymbol() string {
	if m.screen == ScreenTesla || m.screen == ScreenOverview {
		// Both screens are about Tesla's gap: enter opens Tesla.
		return m.spec.Tesla
	}
	rows := m.rows()
	if m.sel < len(rows) {
		return rows[m.sel].Symbol
	}
	return ""
}

// claimDetail prefixes the detail of a thesis claim ("thesis:oil-collapses");
// a symbol never holds a colon, so the two kinds of detail cannot collide.
const claimDetail = "thesis:"

// openClaim returns the claim whose detail is open.
func (m *Model) openClaim() (market.Claim, bool) {
	id, ok := strings.CutPrefix(m.detail, claimDetail)
	if !ok {
		return market.Claim{}, false
	}
	for _, c := range m.state.Thesis {
		if c.ID == id {
			return c, true
		}
	}
	return market.Claim{}, false
}
