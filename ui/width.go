package ui

import (
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Width is the number of terminal columns s takes: always exactly what
// ansi.StringWidth(s) returns, which is what lipgloss measures with.
//
// ansi.StringWidth runs every non-ASCII rune through grapheme clustering,
// and that was ~40% of a frame. The dashboard's text is printable ASCII,
// SGR styles and a few hundred symbols (box drawing, blocks, arrows, "…",
// "·"), so Width counts those itself and hands any other string to
// ansi.StringWidth whole: a control byte, an escape other than a plain
// CSI, invalid UTF-8, or any rune outside singleWidth (combining marks,
// variation selectors, ZWJ, CJK and emoji all land there).
func Width(s string) int {
	w := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			w++
			i++
		case c == 0x1b:
			n := csiLen(s[i:])
			if n == 0 {
				return ansi.StringWidth(s)
			}
			i += n
		case c == 0xe2 && i+2 < len(s) && s[i+1]&0xc0 == 0x80 && s[i+2]&0xc0 == 0x80:
			// U+2000–U+2FFF, where box drawing, blocks and most symbols
			// live, decoded inline: it is most of a chart's bytes.
			if !singleWidth(0x2000 | rune(s[i+1]&0x3f)<<6 | rune(s[i+2]&0x3f)) {
				return ansi.StringWidth(s)
			}
			w++
			i += 3
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !singleWidth(r) { // utf8.RuneError is not in the list
				return ansi.StringWidth(s)
			}
			w++
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return w
}

// csiLen is the length of the CSI sequence that s starts with ("\x1b[",
// parameter bytes 0x30–0x3F, one final byte 0x40–0x7E), or 0 when s
// starts with anything else. In ansi's parser such a sequence takes no
// columns and returns to the ground state. Intermediate bytes are left to
// the fallback: after one, a parameter byte ends the sequence early there.
func csiLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for j := 2; j < len(s); j++ {
		switch c := s[j]; {
		case c >= 0x30 && c <= 0x3f:
		case c >= 0x40 && c <= 0x7e:
			return j + 1
		default:
			return 0
		}
	}
	return 0 // cut off: let ansi decide
}

// singleRanges are the runes Width counts as one column on their own.
// Each is its own grapheme cluster whatever follows it (no Extend,
// SpacingMark, ZWJ, Prepend, regional indicator or Hangul jamo) and
// ansi.StringWidth gives it width 1; TestWidthAllowList checks both for
// every rune here against every other. Left out on purpose: U+00AD (soft
// hyphen, width 0), the zero-width and bidi controls in U+200B–U+200F,
// U+2028–U+202F and U+2060–U+206F, and ◽◾ (U+25FD–U+25FE, emoji, width 2).
var singleRanges = [][2]rune{
	{0x00A0, 0x00AC}, {0x00AE, 0x00FF}, // Latin-1: · × ± £ ¥ é
	{0x0391, 0x03C9}, // Greek capitals and small letters: Δ Σ
	{0x2010, 0x2027}, // dashes, quotes, bullet, ellipsis: – — • …
	{0x2030, 0x205E}, // per mille, primes, guillemets: ›
	{0x2070, 0x209F}, // superscripts and subscripts: ⁿ
	{0x20A0, 0x20C0}, // currency: € ₹ ₩
	{0x2190, 0x21FF}, // arrows: ← ↑ → ↓
	{0x2200, 0x22FF}, // mathematical operators: − ≈ ≤ ≥
	{0x2500, 0x25FC}, // box drawing, block elements, geometric shapes
	{0x25FF, 0x25FF},
	{0x2713, 0x2718}, // check marks and ballot crosses: ✓ ✗
	{0x2800, 0x28FF}, // braille patterns
}

// singleMax bounds the bitmap: every rune in singleRanges is below it.
const singleMax = 0x2900

// singleBits has bit r set for every rune r in singleRanges.
var singleBits = func() (b [singleMax / 64]uint64) {
	for _, rg := range singleRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			b[r/64] |= 1 << (r % 64)
		}
	}
	return b
}()

// singleWidth reports whether r is in singleRanges.
func singleWidth(r rune) bool {
	return r >= 0 && r < singleMax && singleBits[r/64]&(1<<(r%64)) != 0
}
