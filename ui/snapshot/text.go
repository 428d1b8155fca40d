package snapshot

import "github.com/whoosh-dev/whoosh/ui"

// renderText is the text format's renderer: the same panels as the TUI.
var renderText = func(s ui.State, width int) string {
	return "text snapshot not available yet: " + s.Status.Badge
}
