package snapshot

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
)

// Float is a number in the JSON snapshot. NaN and ±Inf — "not known" in the
// analytics — are written as null and read back as NaN, so the output is
// always valid JSON. Finite values are rounded by FormatNumber so that the
// bytes do not depend on the last bits of floating-point arithmetic.
type Float float64

// MarshalJSON writes the rounded number, or null when it is not finite.
func (f Float) MarshalJSON() ([]byte, error) {
	s := FormatNumber(float64(f))
	if s == "" {
		return []byte("null"), nil
	}
	return []byte(s), nil
}

// UnmarshalJSON reads a number, or null as NaN.
func (f *Float) UnmarshalJSON(b []byte) error {
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		*f = Float(math.NaN())
		return nil
	}
	v, err := strconv.ParseFloat(string(bytes.TrimSpace(b)), 64)
	if err != nil {
		return fmt.Errorf("snapshot: bad number %q: %w", b, err)
	}
	*f = Float(v)
	return nil
}

// Valid reports whether f is a finite number (not null in JSON).
func (f Float) Valid() bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }

// Number precision: at most maxDecimals digits after the point and at most
// maxSignificant significant digits in all. Six decimals keep percentages,
// ratios and correlations exact to far below what is shown; the
// significant-digit cap drops the sub-dollar noise of trillion-dollar market
// caps, whose last bits can differ between CPUs (fused multiply-add).
const (
	maxDecimals    = 6
	maxSignificant = 10
)

// FormatNumber formats v the way every machine-readable format (JSON, CSV)
// writes numbers: plain decimal notation, no exponent, rounded to at most 6
// decimals and 10 significant digits, trailing zeros removed, no "-0".
// It returns "" for NaN and ±Inf.
func FormatNumber(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	decimals := maxDecimals
	if a := math.Abs(v); a >= 1 {
		intDigits := int(math.Floor(math.Log10(a))) + 1
		decimals = min(maxDecimals, max(0, maxSignificant-intDigits))
		if intDigits > maxSignificant {
			// Round away the digits beyond the significant ones (a 13-digit
			// market cap keeps its first 10 digits).
			p := math.Pow10(intDigits - maxSignificant)
			v = math.Round(v/p) * p
		}
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if decimals > 0 {
		s = trimZeros(s)
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// trimZeros removes trailing zeros after a decimal point, and the point
// itself when nothing is left after it.
func trimZeros(s string) string {
	for len(s) > 0 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if len(s) > 0 && s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
