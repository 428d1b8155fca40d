package ui

import "strings"

// JoinTop is lipgloss.JoinHorizontal(lipgloss.Top, strs...), byte for
// byte, measured with Width: lipgloss measures every line twice with
// ansi.StringWidth, which clusters graphemes and cost a sixth of a frame.
// As there, each block's lines are padded with spaces to its widest line
// (the last block's too), and shorter blocks get blank lines at the bottom.
func JoinTop(strs ...string) string {
	switch len(strs) {
	case 0:
		return ""
	case 1:
		return strs[0]
	}
	blocks := make([][]string, len(strs))
	widths := make([][]int, len(strs))
	maxW := make([]int, len(strs))
	height, size := 0, 0
	for i, s := range strs {
		blocks[i] = strings.Split(s, "\n")
		widths[i] = make([]int, len(blocks[i]))
		for j, l := range blocks[i] {
			widths[i][j] = Width(l)
			maxW[i] = max(maxW[i], widths[i][j])
		}
		height = max(height, len(blocks[i]))
		size += len(s)
	}
	var b strings.Builder
	b.Grow(size + height*(len(strs)+sum(maxW)))
	for j := range height {
		for i, lines := range blocks {
			w := 0
			if j < len(lines) {
				b.WriteString(lines[j])
				w = widths[i][j]
			}
			writeSpaces(&b, maxW[i]-w)
		}
		if j < height-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func sum(xs []int) (n int) {
	for _, x := range xs {
		n += x
	}
	return n
}

// spaces is a run to slice pads from, so padding does not allocate.
const spaces = "                                                                                                                                "

// writeSpaces writes n spaces to b (none when n <= 0).
func writeSpaces(b *strings.Builder, n int) {
	for n > len(spaces) {
		b.WriteString(spaces)
		n -= len(spaces)
	}
	if n > 0 {
		b.WriteString(spaces[:n])
	}
}
