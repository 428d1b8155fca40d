package market

import "strings"

// MaxSymbolLen bounds a symbol's length; no real ticker comes close.
const MaxSymbolLen = 24

// NormalizeSymbol trims and upper-cases a symbol.
func NormalizeSymbol(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// ValidSymbol reports whether s (already normalised) is a plausible ticker:
// 1–24 characters from A–Z, 0–9, '.', '-', '^', '='. Symbols are checked
// before they reach a URL, a file name or the screen.
func ValidSymbol(s string) bool {
	if s == "" || len(s) > MaxSymbolLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '.', c == '-', c == '^', c == '=':
		default:
			return false
		}
	}
	return s != "." && s != ".."
}
