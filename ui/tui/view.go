package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/ui"
)

// screenBody is the body of the current screen.
func (m *Model) screenBody(w, h int) string {
	s := m.state
	switch {
	case m.screen == ScreenOverview:
		return m.overview(w, h)
	case m.screen == ScreenBaskets:
		return m.baskets(w, h)
	case m.screen == ScreenTesla:
		gapH := 4
		if s.Intraday != nil {
			gapH = 5 // "Tesla today" under the 21-day move
		}
		top := sideBySide(w, 120, ui.GapPanel, ui.CorrPanel, s, gapH)
		return stack(top, ui.GapHistoryPanel(s, w, h-lineCount(top)))
	case m.screen == ScreenWhoosh:
		g := ui.WhooshPanel(s, w, 9)
		return stack(g, ui.WhooshHistoryPanel(s, w, h-lineCount(g)))
	case m.screen == ScreenMacro:
		return ui.MacroPanel(s, w, h)
	case m.screen == ScreenThesis:
		return m.thesis(w, h)
	case m.screen == ScreenAlerts:
		return ui.AlertsPanel(m.feed.Alerts, w, h)
	case m.screen == ScreenHelp:
		return m.helpScreen(w, h)
	default:
		i := m.screen - fixedScreens
		o := m.tableOptions(m.sel)
		if i < len(m.full.Report.Watchlists) && m.filter != "" {
			o.Of = len(m.full.Report.Watchlists[i].Members)
		}
		return ui.WatchlistPanel(s, i, o, w, h)
	}
}

// overview: the RS chart with gap, gauge and movers. Wide terminals put the
// small panels in a right-hand column; narrow ones stack them under the
// chart, which gives up its height first.
func (m *Model) overview(w, h int) string {
	s := m.state
	if w >= 120 {
		rw := 60
		lw := w - rw - 2
		gap := ui.GapPanel(s, rw, 5)
		corr := ui.CorrPanel(s, rw, 4)
		movers := ui.MoversPanel(s, rw, 5)
		gaugeH := h - lineCount(gap) - lineCount(corr) - lineCount(movers)
		right := stack(gap, corr, ui.WhooshPanel(s, rw, max(gaugeH-1, 3)), movers, m.thesisLine(rw))
		return ui.JoinTop(block(ui.RSPanel(s, lw, h), lw), "  ", right)
	}
	// The bits-vs-atoms chart is the last thing to go: the small panels
	// join it, in this order, only while it keeps rsMin rows.
	const rsMin = 9
	panels := []struct {
		text   string
		screen int    // where a panel that does not fit is in full
		what   string // what it is there, when the screen's name does not say
	}{
		{m.thesisLine(w), ScreenThesis, ""}, {ui.GapPanel(s, w, 4), ScreenTesla, ""},
		{ui.WhooshPanel(s, w, 3), ScreenWhoosh, ""}, {ui.MoversPanel(s, w, 5), ScreenBaskets, " (movers)"},
	}
	var small, dropped []string
	left := h
	for i, p := range panels {
		if left-lineCount(p.text) < rsMin {
			for _, d := range panels[i:] {
				dropped = append(dropped, fmt.Sprintf("%d %s%s", d.screen+1, screenNames[d.screen], d.what))
			}
			break
		}
		small = append(small, p.text)
		left -= lineCount(p.text)
	}
	if len(dropped) > 0 && left-1 >= rsMin {
		// Say where the rest went rather than leave it unmentioned.
		small = append(small, ui.Note("more on "+strings.Join(dropped, " · "), w))
		left--
	}
	return stack(append([]string{ui.RSPanel(s, w, max(left, 3))}, small...)...)
}

// baskets: both tables, side by side when both fit, else stacked.
func (m *Model) baskets(w, h int) string {
	s := m.state
	nb := len(s.Report.Bits.Members)
	selB, selA := -1, -1
	if m.sel < nb {
		selB = m.sel
	} else {
		selA = m.sel - nb
	}
	ob, oa := m.tableOptions(selB), m.tableOptions(selA)
	if m.filter != "" {
		ob.Of, oa.Of = len(m.full.Report.Bits.Members), len(m.full.Report.Atoms.Members)
	}
	bits := func(w, h int) string { return ui.BasketTable(s, s.Report.Bits, "Bits", ob, w, h) }
	atoms := func(w, h int) string { return ui.BasketTable(s, s.Report.Atoms, "Atoms", oa, w, h) }
	// Tables first; rows they leave go to the bits-vs-atoms chart when
	// there are enough for one.
	var tables string
	if w >= 2*50+2 {
		half := (w - 2) / 2
		tables = ui.JoinTop(block(bits(half, h), half), "  ", atoms(half, h))
	} else {
		hb := min(nb+3, h/2)
		tables = stack(bits(w, hb), atoms(w, h-hb))
	}
	tables = strings.TrimRight(tables, " \n")
	if rest := h - lineCount(tables) - 1; rest >= 12 {
		return stack(tables, "", ui.RSPanel(s, w, rest))
	}
	return tables
}

// sideBySide draws two panels next to each other when w >= minW, else one
// above the other, each at most h lines.
func sideBySide(w, minW int, a, b func(ui.State, int, int) string, s ui.State, h int) string {
	if w >= minW {
		half := (w - 2) / 2
		return ui.JoinTop(block(a(s, half, h), half), "  ", b(s, half, h))
	}
	return stack(a(s, w, h), b(s, w, h))
}

// stack joins panels top to bottom; their title rules separate them.
func stack(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}

// block pads every line of s to width so a panel to its right lines up.
func block(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if d := width - ui.Width(l); d > 0 {
			lines[i] = l + strings.Repeat(" ", d)
		}
	}
	return strings.Join(lines, "\n")
}

func lineCount(s string) int {
	if s == "" {
		return 0
	}
	return strings.Count(s, "\n") + 1
}

// truncateWords cuts s to width columns at a word boundary, with "…".
func truncateWords(s string, width int) string {
	if ui.Width(s) <= width {
		return s
	}
	cut := ansi.Truncate(s, width-1, "")
	if i := strings.LastIndex(cut, " "); i > width/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ·") + "…"
}

// thesisLine is the Overview's one line about the scorecard, pointing at
// its screen.
func (m *Model) thesisLine(w int) string {
	if len(m.state.Thesis) == 0 {
		return ""
	}
	return ui.CutWords(ui.ThesisTally(m.state.Thesis)+fmt.Sprintf(" (%d Thesis)", ScreenThesis+1), w)
}

// thesis: the scorecard, and on a tall terminal the selected claim's
// chart under it with the rows the table leaves.
func (m *Model) thesis(w, h int) string {
	s := m.state
	if len(s.Thesis) == 0 && m.filter != "" {
		// The scorecard's title, and why it has no rows.
		head, _, _ := strings.Cut(ui.ThesisTable(m.full, m.full.Thesis, -1, w, 1), "\n")
		return head + "\n" + m.noMatch()
	}
	table := strings.TrimRight(ui.ThesisTable(s, s.Thesis, m.sel, w, h), " \n")
	claims := ui.SortClaims(s.Thesis)
	if rest := h - lineCount(table) - 1; rest >= 12 && m.sel < len(claims) {
		return stack(table, "", ui.ClaimPanel(claims[m.sel], w, rest))
	}
	return table
}
