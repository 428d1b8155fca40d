package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/feeds"
)

// hasHistory reports whether sym's history (or its error) is already in:
// a symbol another basket holds gets no new history when added.
func (m *Model) hasHistory(sym string) bool {
	if _, ok := m.feed.Data.Histories[sym]; ok {
		return true
	}
	_, failed := m.full.Status.Errors[sym]
	return failed
}

// settleAdding ends the loading of added symbols a message answers: a
// history (or its error) for the symbol, a failed history fetch, or the
// end of the first load. It reports whether one ended.
func (m *Model) settleAdding(msg tea.Msg) bool {
	n := len(m.adding)
	switch msg := msg.(type) {
	case feeds.HistoryMsg:
		if msg.Err != nil {
			clear(m.adding)
		}
		for _, h := range msg.Histories {
			delete(m.adding, h.Symbol)
		}
	case feeds.SettledMsg:
		clear(m.adding)
	}
	return len(m.adding) != n
}
