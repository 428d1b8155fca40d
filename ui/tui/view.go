package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/ui"
)

// viewKey is everything a rendered view depends on.
type viewKey struct {
	version, width, height, screen, sel int
	sort                                ui.SortKey
	detail, spin, note, prompt, filter  string
	showAll, problems                   bool
}

// viewCache keeps the rendered views of the current state version, so
// switching back to a screen costs a map lookup. It is shared by the copies
// of a Model (Bubble Tea calls Update and View from one goroutine).
type viewCache struct {
	version int
	views   map[viewKey]string
}

func newViewCache() *viewCache { return &viewCache{views: map[viewKey]string{}} }

// render brings m.view up to date, from the cache when it can.
func (m *Model) render() {
	k := viewKey{version: m.version, width: m.width, height: m.height, screen: m.screen, sel: m.sel,
		sort: m.sort, detail: m.detail, note: m.note, showAll: m.showAll, problems: m.problems,
		prompt: m.promptLine(), filter: m.filter}
	if m.feed.Loading || !m.hasData {
		k.spin = m.spin.View()
	}
	if m.cache.version != m.version {
		m.cache.version = m.version
		clear(m.cache.views)
	}
	if v, ok := m.cache.views[k]; ok {
		m.view = v
		return
	}
	m.view = m.compose(m.width, m.height)
	m.cache.views[k] = m.view
}

// compose lays out header, tabs, body and footer in exactly width×height:
// no line wider than width, never more than height lines.
func (m *Model) compose(width, height int) string {
	s := m.state
	header := m.header(width, height)
	footer := m.footer(width)
	top := append(header, m.tabs(width))
	helpBody := m.helpInBody(height)
	if helpBody {
		// Too short for the screen and every key: the keys take the body,
		// the footer says how to get the screen back.
		footer = append(footer[:len(footer)-len(fullHelpLines(m.keys, width))], "? closes the help")
	}
	bodyH := max(height-len(top)-len(footer), 1)
	var body string
	switch {
	case helpBody:
		body = strings.Join(fullHelpLines(m.keys, width), "\n")
	case m.problems:
		body = ui.ProblemsPanel(s, width, bodyH)
	case !m.hasData:
		body = m.loadingBody(width, bodyH)
	case m.detail != "":
		if c, ok := m.openClaim(); ok {
			body = ui.ClaimPanel(c, width, bodyH)
		} else {
			body = ui.TickerPanel(s, m.detail, m.feed.Data.Series[m.detail], width, bodyH)
		}
	default:
		body = m.screenBody(width, bodyH)
	}
	lines := append(top, fixHeight(strings.Split(body, "\n"), bodyH)...)
	lines = append(lines, footer...)
	if len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		lines[i] = ui.CutWords(l, width)
	}
	return strings.Join(lines, "\n")
}

// header is the header's lines at this terminal size.
func (m *Model) header(width, height int) []string {
	headerH := 2
	switch {
	case height >= 50:
		headerH = 6
	case height >= 30:
		headerH = 4
	}
	return strings.Split(ui.HeaderPanel(m.state, width, headerH), "\n")
}

// helpInBody reports whether the full help is on and leaves the screen
// fewer than 8 rows at this height: then it is drawn in place of the body.
func (m *Model) helpInBody(height int) bool {
	if !m.showAll || m.prompt != promptNone {
		return false
	}
	used := 3 + len(fullHelpLines(m.keys, m.width)) // header, tabs, help
	return height-used < 8
}

// fixHeight pads or cuts lines to exactly h.
func fixHeight(lines []string, h int) []string {
	if len(lines) > h {
		return lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// footer is the status line (errors, config error, notes) when there is
// something to say, then the key help.
func (m *Model) footer(width int) []string {
	var lines []string
	var status []string
	if m.note != "" {
		status = append(status, m.note)
	}
	if f := m.filterNote(); f != "" {
		status = append(status, f)
	}
	// The first problem in words, and how many more the ! view lists.
	if probs := ui.Problems(m.state); len(probs) > 0 {
		first := probs[0]
		if len(probs) > 1 {
			first += fmt.Sprintf(" · +%d more (! lists them)", len(probs)-1)
		} else if ansi.StringWidth(first) > width {
			first += " (! shows it all)"
		}
		status = append(status, first)
	}
	if len(status) > 0 {
		lines = append(lines, truncateWords(ui.Sanitize(strings.Join(status, " · ")), width))
	}
	if m.prompt != promptNone {
		// The prompt takes the help line: what is typed, and how to finish.
		return append(lines, ansi.Truncate(m.promptLine(), width, "…"))
	}
	if m.showAll {
		return append(lines, fullHelpLines(m.keys, width)...)
	}
	return append(lines, shortHelpLine(m.keys, width))
}

// loadingBody is shown until the first data arrives: spinner, progress and
// the source, never a blank screen.
func (m *Model) loadingBody(width, height int) string {
	progress := "waiting for data…"
	if f := m.feed; f.Total > 0 {
		progress = fmt.Sprintf("loading history %d/%d", f.Loaded, f.Total)
	}
	lines := []string{"", "  " + m.spin.View() + " " + progress}
	lines = append(lines, fmt.Sprintf("  window %s · %d symbols", m.window, len(app.FetchSymbols(m.spec))))
	for _, w := range m.state.Status.Warnings {
		lines = append(lines, "  "+w)
	}
	lines = append(lines, "", "  q quits · ? shows the keys")
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(fixHeight(lines, min(len(lines), height)), "\n")
}

// screenBody is the body of the current screen.
func (m *Model) screenBody(w, h int) string {
	s := m.state
	switch {
	case m.screen == ScreenOverview:
		return m.overview(w, h)
	case m.screen == ScreenBaskets:
		return m.baskets(w, h)
	case m.screen == ScreenTesla:
		top := sideBySide(w, 120, ui.GapPanel, ui.CorrPanel, s, 4)
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
		return ui.HelpPanelKeys(s, m.keys.table(), w, h)
	default:
		return ui.WatchlistPanel(s, m.screen-fixedScreens, ui.TableOptions{Sort: m.sort, Selected: m.sel}, w, h)
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
		return lipgloss.JoinHorizontal(lipgloss.Top, block(ui.RSPanel(s, lw, h), lw), "  ", right)
	}
	// The bits-vs-atoms chart is the last thing to go: the small panels
	// join it, in this order, only while it keeps rsMin rows.
	const rsMin = 9
	var small []string
	left := h
	for _, p := range []string{m.thesisLine(w), ui.GapPanel(s, w, 4), ui.WhooshPanel(s, w, 3), ui.MoversPanel(s, w, 5)} {
		if left-lineCount(p) < rsMin {
			break
		}
		small = append(small, p)
		left -= lineCount(p)
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
	bits := func(w, h int) string {
		return ui.BasketTable(s, s.Report.Bits, "Bits", ui.TableOptions{Sort: m.sort, Selected: selB}, w, h)
	}
	atoms := func(w, h int) string {
		return ui.BasketTable(s, s.Report.Atoms, "Atoms", ui.TableOptions{Sort: m.sort, Selected: selA}, w, h)
	}
	// Tables first; rows they leave go to the bits-vs-atoms chart when
	// there are enough for one.
	var tables string
	if w >= 2*50+2 {
		half := (w - 2) / 2
		tables = lipgloss.JoinHorizontal(lipgloss.Top, block(bits(half, h), half), "  ", atoms(half, h))
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
		return lipgloss.JoinHorizontal(lipgloss.Top, block(a(s, half, h), half), "  ", b(s, half, h))
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
		if d := width - ansi.StringWidth(l); d > 0 {
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
	if ansi.StringWidth(s) <= width {
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
	table := strings.TrimRight(ui.ThesisTable(s, s.Thesis, m.sel, w, h), " \n")
	claims := ui.SortClaims(s.Thesis)
	if rest := h - lineCount(table) - 1; rest >= 12 && m.sel < len(claims) {
		return stack(table, "", ui.ClaimPanel(claims[m.sel], w, rest))
	}
	return table
}
