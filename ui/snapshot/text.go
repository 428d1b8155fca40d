package snapshot

import "github.com/whoosh-dev/whoosh/ui"

// renderText is the text format's renderer: the same panels as the TUI.
func renderText(s ui.State, width int) string { return ui.RenderSnapshot(s, width) }
