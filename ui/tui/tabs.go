package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/ui"
)

// tabs is the screen bar: "[1 Overview] 2 Baskets 3 Tesla vs GM … 0 Robots".
func (m *Model) tabs(width int) string {
	line, _ := m.tabBar(width)
	return line
}

// tabSpan is where a tab is drawn on the tab bar, in columns [x0, x1).
type tabSpan struct{ x0, x1, screen int }

// tabBar lays the tabs out in width columns. Too wide, the other tabs
// shorten rather than get cut, every tab keeping its key: to their first
// word, then to four, three and two letters of it ("Overview" → "Over"
// → "Ove" → "Ov"), then to their key alone; only then do whole tabs at the end give
// way to "…".
func (m *Model) tabBar(width int) (string, []tabSpan) {
	n := m.screenCount()
	name := func(i int) string {
		if i < fixedScreens {
			return screenNames[i]
		}
		return ui.Sanitize(m.spec.Watchlists[i-fixedScreens].Name)
	}
	// The levels of shortening: the whole name, its first word, that
	// word cut to 4, 3 and 2 letters, then the key alone.
	levels := []int{-2, -1, 4, 3, 2, 0}
	label := func(i, level int) string {
		k, nm := "", name(i)
		if i < len(screenKeys) {
			k = screenKeys[i]
		}
		if cut := levels[level]; i != m.screen && cut > -2 {
			nm = strings.Fields(nm + " ")[0]
			if cut == 0 && k == "" {
				cut = 1 // a tab without a key keeps a letter
			}
			if r := []rune(nm); cut >= 0 && len(r) > cut {
				nm = string(r[:cut])
			}
		}
		return strings.TrimSpace(k + " " + nm)
	}
	lastLevel := len(levels) - 1
	for level := 0; level <= lastLevel; level++ {
		labels := make([]string, n)
		total := 0
		for i := range labels {
			if i == m.screen {
				labels[i] = "[" + label(i, level) + "]"
			} else {
				labels[i] = " " + label(i, level) + " "
			}
			total += ui.Width(labels[i])
		}
		if total > width && level < lastLevel {
			continue
		}
		// Still too wide: keep the tabs nearest the current one, whole,
		// and mark the ones left out with "…".
		lo, hi := m.screen, m.screen+1
		used := ui.Width(labels[m.screen])
		for {
			grew := false
			for _, i := range []int{hi, lo - 1} {
				if i < 0 || i >= n || (i != hi && i != lo-1) {
					continue
				}
				w := ui.Width(labels[i])
				marks := 0
				if min(lo, i) > 0 {
					marks++
				}
				if max(hi, i+1) < n {
					marks++
				}
				if used+w+marks > width {
					continue
				}
				used += w
				if i == hi {
					hi++
				} else {
					lo--
				}
				grew = true
			}
			if !grew {
				break
			}
		}
		var b strings.Builder
		var spans []tabSpan
		if lo > 0 {
			b.WriteString("…")
		}
		x := ui.Width(b.String())
		for i := lo; i < hi; i++ {
			w := ui.Width(labels[i])
			spans = append(spans, tabSpan{x, x + w, i})
			l := labels[i]
			if i == m.screen {
				l = lipgloss.NewStyle().Bold(true).Reverse(true).Render(l)
			}
			b.WriteString(l)
			x += w
		}
		if hi < n {
			b.WriteString("…")
		}
		line := b.String()
		if ui.Width(line) > width {
			line = ansi.Truncate(line, width, "…")
		}
		return line, spans
	}
	return "", nil
}
