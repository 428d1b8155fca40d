package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// widthCases are tricky strings with their widths worked out by hand
// (each also checked against ansi.StringWidth).
var widthCases = []struct {
	in   string
	want int
}{
	{"", 0},
	{"abc", 3},
	{"\x1b[1;38;5;208mhi\x1b[0m", 2}, // SGR takes no columns
	{"\x1b[m\x1b[?25l─│╭╮\x1b[0m", 4}, // private CSI; four box pieces
	{"▁▂▃▄▅▆▇█ ░", 10},                // chart blocks
	{"Δ 1.2 · 3× … −4 ≈ ≤ → ✓ ✗", 25}, // symbols the panels print
	{"café", 4},       // precomposed é
	{"cafe\u0301", 4}, // e + combining acute: one column
	{"─\u0301", 1},    // allowed rune + combining mark: one cluster
	{"❤\ufe0f", 2},    // emoji presentation via VS16
	{"↔\ufe0f", 2},    // allowed arrow turned emoji by VS16
	{"↔", 1},          // the same arrow alone
	{"◽", 2},          // left out of the list: emoji width
	{"日本", 4},         // CJK wide
	{"한", 2},          // Hangul syllable
	{"👍🏽", 2},         // emoji + skin tone modifier
	{"🇺🇸", 2},         // regional indicator pair
	{"a\u200db", 2},   // ZWJ between letters takes nothing
	{"x\u00ady", 2},   // soft hyphen: zero width
	{"a\tb\n", 2},     // control bytes take nothing
	{"a\x7fb", 2},     // DEL too
	{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", 4}, // OSC 8 hyperlink
	{"\x1b[31", 0},          // CSI cut off
	{"\x1b[!1m", 1},         // intermediate then parameter: the sequence ends at "1", "m" prints
	{"\x1bPq#0\x1b\\ok", 2}, // DCS then text
	{"\x9b31mred", 3},       // 8-bit CSI
	{"\xff\xfeab", 2},       // invalid bytes take nothing
	{"ab\x1b", 2},           // lone ESC at the end
}

// TestWidth checks Width against hand-worked widths and against
// ansi.StringWidth itself on the same strings.
func TestWidth(t *testing.T) {
	for _, c := range widthCases {
		if got := Width(c.in); got != c.want {
			t.Errorf("Width(%q) = %d, want %d", c.in, got, c.want)
		}
		if ref := ansi.StringWidth(c.in); ref != c.want {
			t.Errorf("ansi.StringWidth(%q) = %d, want %d (case is wrong)", c.in, ref, c.want)
		}
	}
}

// TestWidthAllowList proves the fast path's premise for every rune it
// counts as one column: in ansi.StringWidth's clustering it is a grapheme
// of its own, of width 1, whatever follows it — end of text, ASCII, an
// escape, or any rune of the list (every pair is tried).
func TestWidthAllowList(t *testing.T) {
	var list []string
	for r := rune(0); r < singleMax; r++ {
		if singleWidth(r) {
			list = append(list, string(r))
		}
	}
	if len(list) < 1000 {
		t.Fatalf("allow-list has %d runes; singleBits not built?", len(list))
	}
	next := append([]string{"", "a", " ", "\x1b[0m", "\n"}, list...)
	for _, s := range list {
		for _, n := range next {
			c, w := ansi.FirstGraphemeCluster(s+n, ansi.GraphemeWidth)
			if c != s || w != 1 {
				t.Fatalf("cluster of %q+%q = %q width %d, want %q width 1", s, n, c, w, s)
			}
		}
	}
}

// FuzzWidth checks Width(s) == ansi.StringWidth(s) on any input.
func FuzzWidth(f *testing.F) {
	for _, c := range widthCases {
		f.Add(c.in)
	}
	f.Add("\x1b[38;2;1;2;3m╭─ Bits vs Atoms ─╮\x1b[0m ▲ +1.2% · 3/4 ✓")
	f.Add("─\ufe0f│\u200d█\u0308")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Width(s), ansi.StringWidth(s); got != want {
			t.Fatalf("Width(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}

// BenchmarkWidth measures a styled chart row, mostly box drawing, with
// Width and with ansi.StringWidth.
func BenchmarkWidth(b *testing.B) {
	row := "\x1b[38;5;244m 102.4 ┤\x1b[0m      ╭──╮    ╭─────╮  " + strings.Repeat("─", 60) + "╯  ╰──── · …"
	for name, f := range map[string]func(string) int{"Width": Width, "ansi": ansi.StringWidth} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				f(row)
			}
		})
	}
}
