package ui

import (
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// joinCases are inputs for JoinTop: different heights and widths, styled
// and wide text, empty strings and trailing newlines.
var joinCases = [][]string{
	{},
	{"only\none"},
	{"a", "b"},
	{"ab\nc", "  ", "xyz\n\nw"}, // middle block of one line, blank line in the last
	{"", "x\ny"},                // empty block pads to nothing but still gets lines
	{"x\ny", ""},                // empty last block adds no columns
	{"", ""},
	{"\x1b[1mBold\x1b[0m\n─┤", "  ", "\x1b[38;5;208m▲ +1.2%\x1b[0m\n·\n…"},
	{"日本\nab", "|", "❤\ufe0f\ne\u0301"}, // wide and clustered text takes the fallback
	{"a\n", "b\n\n"}, // trailing newlines are empty lines
	{"tab\there", "x"},
}

// TestJoinTop checks two joins worked out by hand and then every case
// against lipgloss.JoinHorizontal(lipgloss.Top, ...) byte for byte.
func TestJoinTop(t *testing.T) {
	// "ab" (width 2) over "c" (padded to 2), then "  ", then "xyz" over "".
	if got, want := JoinTop("ab\nc", "  ", "xyz\n"), "ab  xyz\nc      "; got != want {
		t.Errorf("JoinTop = %q, want %q", got, want)
	}
	// The first block is one line of one column ("─"), so the second
	// line starts with one space for it, then "y".
	if got, want := JoinTop("\x1b[2m─\x1b[0m", "x\ny"), "\x1b[2m─\x1b[0mx\n y"; got != want {
		t.Errorf("JoinTop = %q, want %q", got, want)
	}
	for _, c := range joinCases {
		if got, want := JoinTop(c...), lipgloss.JoinHorizontal(lipgloss.Top, c...); got != want {
			t.Errorf("JoinTop(%q)\n = %q\nlipgloss %q", c, got, want)
		}
	}
}

// FuzzJoinTop compares JoinTop with lipgloss on any three blocks.
func FuzzJoinTop(f *testing.F) {
	for _, c := range joinCases {
		if len(c) == 3 {
			f.Add(c[0], c[1], c[2])
		}
	}
	f.Fuzz(func(t *testing.T, a, b, c string) {
		if got, want := JoinTop(a, b, c), lipgloss.JoinHorizontal(lipgloss.Top, a, b, c); got != want {
			t.Fatalf("JoinTop(%q, %q, %q)\n = %q\nlipgloss %q", a, b, c, got, want)
		}
	})
}
