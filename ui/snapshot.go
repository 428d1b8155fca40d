package ui

import (
	"strings"
)

// DefaultWidth is the snapshot width when none is given.
const DefaultWidth = 80

// RenderSnapshot renders the whole dashboard as static text for `whoosh
// snapshot --format text`: header, bits-vs-atoms chart, both basket tables,
// the gap, Tesla's correlation, the Whoosh gauge with its components, the
// watchlists when the config has any and the macro panel when macro data is
// loaded. No line is wider than width (DefaultWidth when width <= 0); the
// output ends with a newline.
func RenderSnapshot(s State, width int) string {
	if width <= 0 {
		width = DefaultWidth
	}
	width = max(width, 20)
	panels := []string{
		HeaderPanel(s, width, 0),
		RSPanel(s, width, 0),
		BitsPanel(s, width, 0),
		AtomsPanel(s, width, 0),
		GapPanel(s, width, 0),
		CorrPanel(s, width, 0),
		WhooshPanel(s, width, 0),
	}
	for i := range s.Report.Watchlists {
		panels = append(panels, BasketTable(s, s.Report.Watchlists[i], "Watchlist", TableOptions{Sort: SortContribution, Selected: -1}, width, 0))
	}
	if s.Macro != nil {
		panels = append(panels, MacroPanel(s, width, 0))
	}
	var b strings.Builder
	for i, p := range panels {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, l := range fitLines(strings.Split(p, "\n"), width, 0) {
			b.WriteString(strings.TrimRight(l, " "))
			b.WriteString("\n")
		}
	}
	return b.String()
}
