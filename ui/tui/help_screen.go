package tui

import (
	"fmt"
	"strings"

	"github.com/whoosh-dev/whoosh/ui"
)

// The Help screen (8) scrolls: on a short terminal ↑/↓, PgUp/PgDn and
// Home/End move it, and "↑ N more" / "↓ N more" lines say what is out of
// sight, so every key stays reachable.

// helpAll is every line of the Help screen at width.
func (m *Model) helpAll(width int) []string {
	return strings.Split(ui.HelpPanelKeys(m.state, m.keys.table(), width, 0), "\n")
}

// helpLines counts the Help screen's lines at width.
func (m *Model) helpLines(width int) int { return len(m.helpAll(width)) }

// helpScreen is the Help screen in h lines from line m.helpTop on (the
// title stays on top).
func (m *Model) helpScreen(w, h int) string {
	all := m.helpAll(w)
	if len(all) <= h {
		return strings.Join(all, "\n")
	}
	head, rest := all[:1], all[1:]
	room := max(h-1, 1)
	// At the bottom the title, "↑ N more" and the last rows fill h.
	top := max(min(m.helpTop, len(rest)-max(h-2, 1)), 0)
	m.helpTop = top // ↑ after scrolling past the end moves at once
	out := head
	if top > 0 {
		out = append(out, fmt.Sprintf("↑ %d more", top))
		room--
	}
	if top+room < len(rest) {
		room = max(room-1, 0) // the line that says what is below
		out = append(out, rest[top:top+room]...)
		return strings.Join(append(out, fmt.Sprintf("↓ %d more (↓/pgdown scrolls)", len(rest)-top-room)), "\n")
	}
	return strings.Join(append(out, rest[top:]...), "\n")
}
