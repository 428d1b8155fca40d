package snapshot

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Human-readable number formats for the Markdown snapshot. A number that is
// not known prints as an em dash.

const dash = "—"

// fixed formats v with n decimals.
func fixed(v float64, n int) string {
	if !finite(v) {
		return dash
	}
	s := strconv.FormatFloat(v, 'f', n, 64)
	if isNegZero(s) {
		s = s[1:]
	}
	return s
}

// signed formats v with n decimals and an explicit sign.
func signed(v float64, n int) string {
	s := fixed(v, n)
	if s == dash || strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

// pct formats a percentage with a sign: +12.34%.
func pct(v float64) string {
	if !finite(v) {
		return dash
	}
	return signed(v, 2) + "%"
}

// pp formats percentage points with a sign: +3.20 pp.
func pp(v float64) string {
	if !finite(v) {
		return dash
	}
	return signed(v, 2) + " pp"
}

// times formats a multiple: 18.52×.
func times(v float64) string {
	if !finite(v) {
		return dash
	}
	return fixed(v, 2) + "×"
}

// usd formats a dollar amount compactly: $1.02T, $55.1B, -$120.0B, $950.0M.
func usd(v float64) string {
	if !finite(v) {
		return dash
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e12:
		return sign + "$" + fixed(v/1e12, 2) + "T"
	case v >= 1e9:
		return sign + "$" + fixed(v/1e9, 1) + "B"
	case v >= 1e6:
		return sign + "$" + fixed(v/1e6, 1) + "M"
	}
	return sign + "$" + fixed(v, 0)
}

// isNegZero reports whether s is a negative zero such as "-0.00".
func isNegZero(s string) bool {
	if !strings.HasPrefix(s, "-") {
		return false
	}
	v, err := strconv.ParseFloat(s, 64)
	return err == nil && v == 0 && math.Signbit(v)
}

// timeSeconds converts a number of seconds to a time.Duration.
func timeSeconds(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }
