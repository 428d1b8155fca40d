package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// column is one column of a table that drops whole columns to fit: its
// header, its width in cells, whether it is left-aligned, and its keep
// priority (higher stays longer; 0 is never dropped).
type column struct {
	head  string
	width int
	left  bool
	keep  int
}

// fitColumns says which of cols stay within width: the columns of lowest
// keep priority go first, the rightmost of equal priority before the
// others, until the rest fit. Columns of priority 0 always stay.
func fitColumns(cols []column, width int) []bool {
	on := make([]bool, len(cols))
	total := 0
	for i, c := range cols {
		on[i], total = true, total+c.width
	}
	for total > width {
		drop := -1
		for i, c := range cols {
			if on[i] && c.keep > 0 && (drop < 0 || c.keep <= cols[drop].keep) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		on[drop], total = false, total-cols[drop].width
	}
	return on
}

// columnRow lays cells out in the columns that are on, each padded (never
// cut: the caller sizes columns for their cells) to its width.
func columnRow(cols []column, on []bool, cells []string) string {
	var b strings.Builder
	for i, c := range cols {
		if !on[i] || i >= len(cells) {
			continue
		}
		if c.left {
			b.WriteString(padRight(cells[i], c.width))
		} else {
			b.WriteString(padLeft(cells[i], c.width))
		}
	}
	return b.String()
}

// columnHeads is the header row of cols.
func columnHeads(cols []column, on []bool) string {
	heads := make([]string, len(cols))
	for i, c := range cols {
		heads[i] = c.head
	}
	return columnRow(cols, on, heads)
}

// CutWords is cutWords for the dashboard's own lines (ui/tui).
func CutWords(s string, width int) string { return cutWords(s, width) }

// cutWords shortens s (which may hold ANSI styles) to at most width
// columns ending in "…". Where the plain cut would split a word, it cuts
// after the last whole " · " segment, else at the last space (dropping a
// dangling "," or ":"), as long as that keeps a third of the width (half,
// for whole segments); otherwise it cuts mid-word.
func cutWords(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	if width < 2 {
		return ansi.Truncate(s, width, "")
	}
	plain := []rune(ansi.Strip(s))
	if len(plain) < width {
		return ansi.Truncate(s, width, "…")
	}
	kept := string(plain[:width-1])
	cut := -1
	if i := strings.LastIndex(kept, " · "); i >= 0 && len([]rune(kept[:i])) >= width/2 {
		cut = len([]rune(kept[:i])) // whole segments only
	} else if plain[width-1] == ' ' || plain[width-2] == ' ' {
		return ansi.Truncate(s, width, "…") // no word is split
	}
	for i := width - 2; cut < 0 && i >= 0; i-- {
		if plain[i] == ' ' {
			cut = i
		}
	}
	for cut > 0 && strings.ContainsRune(" ·,:;", plain[cut-1]) {
		cut--
	}
	if cut > 0 {
		if w := Width(string(plain[:cut])); w >= width/3 {
			return ansi.Truncate(s, w, "") + " …"
		}
	}
	return ansi.Truncate(s, width, "…")
}
