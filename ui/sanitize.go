package ui

import (
	"strings"
	"unicode"
)

// Sanitize makes a string from a provider, a CSV file or a config file safe
// to print on a terminal: escape sequences (CSI, OSC, DCS, …) are removed
// whole, other control characters (C0, DEL, C1) are dropped, tabs and
// newlines become spaces, bidirectional overrides are dropped, and invalid
// UTF-8 becomes U+FFFD. It is the only
// sanitizer; every foreign string passes through it before rendering.
func Sanitize(s string) string {
	clean := true
	for _, r := range s {
		if r == unicode.ReplacementChar || isControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == 0x1b: // ESC: skip the whole sequence
			i = skipEscape(rs, i)
		case r == 0x9b: // C1 CSI
			i = skipCSI(rs, i+1)
		case r == 0x9d || r == 0x90 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, PM, APC
			i = skipString(rs, i+1)
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case isControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isControl reports C0, DEL and C1 controls, and the bidirectional
// formatting characters (U+202A–202E, U+2066–2069, LRM/RLM/ALM) that could
// visually reorder a line.
func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || unicode.Is(unicode.Bidi_Control, r)
}

// skipEscape returns the index of the last rune of the escape sequence that
// starts with ESC at i.
func skipEscape(rs []rune, i int) int {
	if i+1 >= len(rs) {
		return i
	}
	switch rs[i+1] {
	case '[':
		return skipCSI(rs, i+2)
	case ']', 'P', 'X', '^', '_':
		return skipString(rs, i+2)
	default:
		// Two-character sequence (ESC c, ESC 7, …) or ESC + intermediates + final.
		j := i + 1
		for j < len(rs) && rs[j] >= 0x20 && rs[j] <= 0x2f {
			j++
		}
		if j >= len(rs) {
			return len(rs) - 1
		}
		return j
	}
}

// skipCSI returns the index of the final byte of a CSI sequence whose
// parameters start at i.
func skipCSI(rs []rune, i int) int {
	for j := i; j < len(rs); j++ {
		if rs[j] >= 0x40 && rs[j] <= 0x7e {
			return j
		}
		if rs[j] < 0x20 || rs[j] > 0x7e { // malformed: stop before it
			return j - 1
		}
	}
	return len(rs) - 1
}

// skipString returns the index of the terminator (BEL, ST or ESC \) of an
// OSC/DCS/PM/APC string whose body starts at i.
func skipString(rs []rune, i int) int {
	for j := i; j < len(rs); j++ {
		switch rs[j] {
		case 0x07, 0x9c:
			return j
		case 0x1b:
			if j+1 < len(rs) && rs[j+1] == '\\' {
				return j + 1
			}
			return j
		}
	}
	return len(rs) - 1
}
