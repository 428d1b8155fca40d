package tui

import (
	"fmt"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// The / filter narrows the tables of the screen on screen to the rows
// whose symbol or name (the quote's name; a claim's id and wording)
// contains the text, in any case. The panels get the filtered rows, so
// selection, enter, the mouse and the ↑/↓ counts all work on what is
// shown. Switching screens clears it.

// startFilter opens the filter prompt on a screen with a table.
func (m *Model) startFilter() {
	if _, ok := m.watchlist(); !ok && m.screen != ScreenBaskets && m.screen != ScreenThesis {
		m.note = "/: no table to filter on this screen (2 Baskets, 6 Thesis and the watchlists have one)"
		return
	}
	m.openPrompt(promptFilter, "/")
	m.input.SetValue(m.filter)
	m.input.CursorEnd()
}

// setFilter applies text as the filter to the state on screen.
func (m *Model) setFilter(text string) {
	text = strings.TrimSpace(text)
	if text == m.filter {
		return
	}
	m.filter = text
	m.state = m.filtered(m.full)
	m.version++ // a new view
	m.clampSel()
}

func (m *Model) matches(symbol, name string) bool {
	f := strings.ToLower(m.filter)
	return strings.Contains(strings.ToLower(symbol), f) || strings.Contains(strings.ToLower(name), f)
}

func (m *Model) memberMatches(st ui.State, s market.MemberStat) bool {
	return m.matches(s.Symbol, st.Quotes[s.Symbol].Name)
}

// filtered returns st with the current screen's tables narrowed to the
// rows that match; st itself is not changed.
func (m *Model) filtered(st ui.State) ui.State {
	if m.filter == "" {
		return st
	}
	keep := func(b market.BasketReport) market.BasketReport {
		var ms []market.MemberStat
		for _, s := range b.Members {
			if m.memberMatches(st, s) {
				ms = append(ms, s)
			}
		}
		b.Members = ms
		return b
	}
	switch i, ok := m.watchlist(); {
	case m.screen == ScreenBaskets:
		st.Report.Bits, st.Report.Atoms = keep(st.Report.Bits), keep(st.Report.Atoms)
	case ok && i < len(st.Report.Watchlists):
		wls := append([]market.BasketReport(nil), st.Report.Watchlists...)
		wls[i] = keep(wls[i])
		st.Report.Watchlists = wls
	case m.screen == ScreenThesis:
		var cs []market.Claim
		for _, c := range st.Thesis {
			if m.matches(c.ID, c.Claim) {
				cs = append(cs, c)
			}
		}
		st.Thesis = cs
	}
	return st
}

// tableRows counts the rows of the current screen's tables in st.
func (m *Model) tableRows(st ui.State) int {
	switch i, ok := m.watchlist(); {
	case m.screen == ScreenBaskets:
		return len(st.Report.Bits.Members) + len(st.Report.Atoms.Members)
	case ok && i < len(st.Report.Watchlists):
		return len(st.Report.Watchlists[i].Members)
	case m.screen == ScreenThesis:
		return len(st.Thesis)
	}
	return 0
}

// filterCount says how many rows match: "2 of 8 rows".
func (m *Model) filterCount() string {
	return fmt.Sprintf("%d of %d rows", m.tableRows(m.state), m.tableRows(m.full))
}

// filterNote is the status line's word on an applied filter.
func (m *Model) filterNote() string {
	if m.filter == "" || m.prompt == promptFilter {
		return ""
	}
	return fmt.Sprintf("filter %q: %s (/ edits · esc clears)", ui.Sanitize(m.filter), m.filterCount())
}

// noMatch is what a table the filter emptied says.
func (m *Model) noMatch() string {
	return fmt.Sprintf("no match for %q", ui.Sanitize(m.filter))
}

// tableOptions are the options of a table on screen with row sel
// selected: the sort, and while a filter is on, its empty-table text.
func (m *Model) tableOptions(sel int) ui.TableOptions {
	o := ui.TableOptions{Sort: m.sort, Selected: sel}
	if m.filter != "" {
		o.Empty = m.noMatch()
	}
	return o
}
