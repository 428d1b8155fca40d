package tui

import (
	"maps"
	"slices"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// rows returns the table rows of the current screen in display order.
func (m *Model) rows() []market.MemberStat { return m.rowsOf(m.state) }

// rowsOf is rows for state st.
func (m *Model) rowsOf(st ui.State) []market.MemberStat {
	r := st.Report
	switch {
	case m.screen == ScreenBaskets:
		return append(ui.SortMembers(r.Bits.Members, m.sort), ui.SortMembers(r.Atoms.Members, m.sort)...)
	case m.screen >= fixedScreens && m.screen-fixedScreens < len(r.Watchlists):
		return ui.SortMembers(r.Watchlists[m.screen-fixedScreens].Members, m.sort)
	}
	return nil
}

// rowKeys are the keys of the current screen's rows in display order: the
// symbols of a table, the claim ids on Thesis.
func (m *Model) rowKeys() []string { return m.rowKeysOf(m.state) }

// rowKeysOf is rowKeys for state st.
func (m *Model) rowKeysOf(st ui.State) []string {
	if m.screen == ScreenThesis {
		claims := ui.SortClaims(st.Thesis)
		keys := make([]string, len(claims))
		for i, c := range claims {
			keys[i] = c.ID
		}
		return keys
	}
	rows := m.rowsOf(st)
	keys := make([]string, len(rows))
	for i, r := range rows {
		keys[i] = r.Symbol
	}
	return keys
}

// The selection is a key (symbol or claim id), not a row number: rows
// reorder when the sort, the filter or the data change, and the selected
// row follows its symbol. Each screen remembers its own.

// selectRow selects row i (clamped to the rows there are) and remembers
// its key.
func (m *Model) selectRow(i int) {
	keys := m.rowKeys()
	m.sel = max(min(i, len(keys)-1), 0)
	if m.sel < len(keys) && m.selKey[m.screen] != keys[m.sel] {
		// Copy on write: a Model is a value, and its copies must not
		// share a selection.
		sk := maps.Clone(m.selKey)
		if sk == nil {
			sk = map[int]string{}
		}
		sk[m.screen] = keys[m.sel]
		m.selKey = sk
	}
}

// clampSel moves the selection to the row of the selected key. When the
// filter hides that row, the nearest row is shown selected but the key is
// kept, so clearing the filter brings it back; when the key is gone from
// the data (removed), the nearest row becomes the selection.
func (m *Model) clampSel() {
	keys := m.rowKeys()
	k, ok := m.selKey[m.screen]
	if i := slices.Index(keys, k); ok && i >= 0 {
		m.sel = i
		return
	}
	if ok && m.filter != "" && slices.Contains(m.rowKeysOf(m.full), k) {
		m.sel = max(min(m.sel, len(keys)-1), 0) // hidden, not gone
		return
	}
	m.selectRow(m.sel)
}

// pageRows is how far PgUp/PgDn move: the rows a table shows at this
// height, about.
func (m *Model) pageRows() int { return max(m.height-10, 1) }

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
