// Package termsafe makes foreign text (provider names and errors, CSV and
// config values) safe to print on a terminal. It is a leaf package so that
// providers can clean their error text with the same rule the UI renders
// with (ui.Sanitize is this function).
package termsafe

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	esc = 0x1b
	can = 0x18 // CAN and SUB cancel a sequence in progress (ECMA-48)
	sub = 0x1a
	bel = 0x07
	st  = 0x9c // C1 string terminator
)

// Sanitize removes escape sequences whole: CSI (ESC [ … final), OSC
// (ESC ] … BEL or ST), DCS, SOS, PM and APC (ESC P, X, ^, _ … ST), their
// 8-bit C1 forms (0x9b, 0x9d, 0x90, 0x98, 0x9e, 0x9f, as U+0080–U+009F or
// as raw bytes), and ESC followed by intermediates and a final character.
// Nothing of a sequence is left behind: "\x1b]52;c;ZXZpbA==\x07" leaves no
// "]52;c;". Other C0 and C1 controls, DEL and the bidirectional formatting
// characters are dropped; tab, CR and LF become spaces; invalid UTF-8
// becomes U+FFFD. The result holds no control character and sanitizing it
// again changes nothing.
func Sanitize(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := decode(s, i)
		switch {
		case r == esc:
			i = skipEscape(s, i+n)
			continue
		case r == 0x9b:
			i = skipCSI(s, i+n)
			continue
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			i = skipString(s, i+n)
			continue
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case isControl(r):
		default:
			b.WriteRune(r) // a bad byte that is not C1 was decoded as U+FFFD
		}
		i += n
	}
	return b.String()
}

// isClean reports whether s can be printed as it is.
func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return false
		} else if c >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if r == utf8.RuneError || isControl(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

// decode returns the rune at s[i] and its length. A byte 0x80–0x9F that is
// not part of a UTF-8 sequence is the 8-bit form of a C1 control and is
// returned as that control, so 0x9b and U+009B both start a CSI.
func decode(s string, i int) (rune, int) {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 && s[i] >= 0x80 && s[i] <= 0x9f {
		return rune(s[i]), 1
	}
	return r, n
}

// isControl reports C0, DEL and C1 controls, and the bidirectional
// formatting characters (U+202A–202E, U+2066–2069, LRM/RLM/ALM) that could
// visually reorder a line.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Bidi_Control, r)
}

// skipEscape returns the index after the escape sequence whose ESC ends
// just before i. A sequence broken off by a control character or the end
// is dropped up to the break, and the breaking character is handled on its
// own (another ESC starts a new sequence).
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[':
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_':
		return skipString(s, i+1)
	}
	// ESC, intermediates (0x20–0x2F), final (0x30–0x7E): ESC ( B, ESC 7, ESC c.
	j := i
	for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
		j++
	}
	if j < len(s) && s[j] >= 0x30 && s[j] <= 0x7e {
		return j + 1
	}
	return j
}

// skipCSI returns the index after the CSI sequence whose parameters start
// at i. Parameters and intermediates are 0x20–0x3F, the final byte
// 0x40–0x7E. As a terminal does, C0 controls inside are passed over (and
// dropped); CAN or SUB cancels; ESC or a non-ASCII character ends the
// sequence without being part of it.
func skipCSI(s string, i int) int {
	for i < len(s) {
		r, n := decode(s, i)
		switch {
		case r >= 0x40 && r <= 0x7e:
			return i + n
		case r == can || r == sub:
			return i + n
		case r == esc || r >= 0x80:
			return i
		}
		i += n
	}
	return i
}

// skipString returns the index after the OSC, DCS, SOS, PM or APC string
// whose body starts at i: up to BEL, ST (0x9C or ESC \), or CAN/SUB. An ESC
// that is not ESC \ ends the string and starts a new sequence; everything
// else, line breaks included, is body.
func skipString(s string, i int) int {
	for i < len(s) {
		r, n := decode(s, i)
		switch r {
		case bel, st, can, sub:
			return i + n
		case esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i
		}
		i += n
	}
	return i
}
