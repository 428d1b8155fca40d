package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/ui"
)

// viewKey is everything a rendered view depends on.
type viewKey struct {
	version, width, height, screen, sel int
	helpTop                             int
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
	m.keys.sortable = m.sortable()
	k := viewKey{version: m.version, width: m.width, height: m.height, screen: m.screen, sel: m.sel, helpTop: m.helpTop,
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
		} else if ui.Width(first) > width {
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
		if ui.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "…")
		}
	}
	return strings.Join(fixHeight(lines, min(len(lines), height)), "\n")
}
