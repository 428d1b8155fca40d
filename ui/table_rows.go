package ui

import (
	"fmt"
	"strings"
)

// window is the part of a table's rows on screen: count rows from first,
// with above rows hidden before it and below after it.
// With joint set, both counts share one line below the rows (two lines of
// room: one row and one marker line).
type window struct {
	first, count, above, below int
	joint                      bool
}

// marks returns the lines saying how many rows are hidden above and below
// v's rows ("" for none): "  ↑ 3 more", "  ↓ 4 more", or for a joint
// window "  ↑ 3 more · ↓ 4 more" below.
func (v window) marks() (top, bottom string) {
	up, down := "", ""
	if v.above > 0 {
		up = fmt.Sprintf("↑ %d more", v.above)
	}
	if v.below > 0 {
		down = fmt.Sprintf("↓ %d more", v.below)
	}
	if v.joint {
		both := strings.TrimPrefix(strings.TrimSuffix(up+" · "+down, " · "), " · ")
		if both == "" {
			return "", ""
		}
		return "", "  " + both
	}
	if up != "" {
		up = "  " + up
	}
	if down != "" {
		down = "  " + down
	}
	return up, down
}

// visibleRows chooses which of n rows fit in room lines, keeping the
// selected row (sel, -1 for none) on screen. A line saying how many rows
// are hidden takes the place of a row at the top and at the bottom when
// rows are hidden there; the selection scrolls into view at the bottom
// edge, as a cursor moving down expects. Two lines of room hold the
// selected row and one line with both counts; one line, the row alone.
func visibleRows(n, room, sel int) window {
	if n <= room {
		return window{count: n}
	}
	sel = min(max(sel, 0), n-1)
	switch {
	case room < 1:
		return window{first: sel}
	case room == 1: // no room for a marker: the row wins
		return window{first: sel, count: 1}
	case room == 2: // the row, and one line for both markers
		return window{first: sel, count: 1, above: sel, below: n - sel - 1, joint: true}
	}
	if count := room - 1; sel < count { // top: only rows below are hidden
		return window{count: count, below: n - count}
	}
	if count := room - 1; sel >= n-count { // bottom: only rows above
		return window{first: n - count, count: count, above: n - count}
	}
	count := room - 2
	first := sel - count + 1
	return window{first: first, count: count, above: first, below: n - first - count}
}
