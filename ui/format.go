package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// noValue is what a number that is NaN, infinite or unknown prints as.
const noValue = "—"

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// The number formats, one place for the screen and every snapshot format.
// A number that is not known prints as NoValue; a rounded negative zero
// prints without its sign.

// NoValue is what a number that is not known prints as.
const NoValue = noValue

// FormatFixed formats v with prec decimals: "12.35".
func FormatFixed(v float64, prec int) string {
	if !finite(v) {
		return noValue
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if strings.HasPrefix(s, "-") && strings.Trim(s, "-0.") == "" {
		s = s[1:] // "-0.00" → "0.00"
	}
	return s
}

// FormatSigned formats v with prec decimals and an explicit sign: "+1.20".
func FormatSigned(v float64, prec int) string {
	s := FormatFixed(v, prec)
	if s == noValue || strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

// FormatPercent formats a percentage with a sign: "+12.34%".
func FormatPercent(v float64, prec int) string { return withUnit(FormatSigned(v, prec), "%") }

// FormatPoints formats percentage points with a sign: "+79.0 pp".
func FormatPoints(v float64, prec int) string { return withUnit(FormatSigned(v, prec), " pp") }

// FormatTimes formats a multiple: "9.5×".
func FormatTimes(v float64, prec int) string { return withUnit(FormatFixed(v, prec), "×") }

// FormatDollars formats a dollar amount compactly: "$1.02T", "$55.1B",
// "-$120.0B", "$950.0M", "$12".
func FormatDollars(v float64) string {
	if !finite(v) {
		return noValue
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e12:
		return sign + "$" + FormatFixed(v/1e12, 2) + "T"
	case v >= 1e9:
		return sign + "$" + FormatFixed(v/1e9, 1) + "B"
	case v >= 1e6:
		return sign + "$" + FormatFixed(v/1e6, 1) + "M"
	}
	return sign + "$" + FormatFixed(v, 0)
}

func withUnit(s, unit string) string {
	if s == noValue {
		return s
	}
	return s + unit
}

func fmtPct(v float64) string              { return FormatPercent(v, 2) }
func fmtPP(v float64) string               { return FormatPoints(v, 1) }
func fmtNum(v float64, prec int) string    { return FormatFixed(v, prec) }
func fmtSigned(v float64, prec int) string { return FormatSigned(v, prec) }

// fmtPrice formats a price with thousands separated: two decimals below
// 10 000 ("1,132.63"), none above ("315,189").
func fmtPrice(v float64) string {
	if !finite(v) {
		return noValue
	}
	if math.Abs(v) >= 10000 {
		return FormatThousands(v, 0)
	}
	return FormatThousands(v, 2)
}

func fmtCap(v float64) string   { return FormatDollars(v) }
func fmtRatio(v float64) string { return FormatTimes(v, 1) }

// fitLines cuts every line to width columns (ANSI-aware, at a word
// boundary where it can: cutWords) and keeps at
// most height lines (height <= 0 keeps all).
func fitLines(lines []string, width, height int) []string {
	if width < 1 {
		width = 1
	}
	if height > 0 && len(lines) > height {
		lines = lines[:height]
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = cutWords(l, width)
	}
	return out
}

// padRight pads s with spaces to width columns (never cuts).
func padRight(s string, width int) string {
	if w := Width(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// padLeft right-aligns s in width columns (never cuts).
func padLeft(s string, width int) string {
	if w := Width(s); w < width {
		return strings.Repeat(" ", width-w) + s
	}
	return s
}

// cell fits s into exactly width columns, left-aligned, cutting with "…"
// at a word boundary where it can (cutWords).
func cell(s string, width int) string {
	return padRight(cutWords(s, width), width)
}

// wrap word-wraps plain text to width columns.
func wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	return strings.Split(ansi.Wrap(s, width, " -"), "\n")
}

// title renders a panel title with a dim rule to width: "Bits vs Atoms ────".
func title(text string, width int) string {
	p := pal()
	t := cutWords(text, width)
	rest := width - Width(t) - 1
	if rest <= 0 {
		return p.Title.Render(t)
	}
	return p.Title.Render(t) + " " + p.Dim.Render(strings.Repeat("─", rest))
}

// packSegments lays segments out left to right separated by sep, starting a
// new line whenever the next one would pass width.
func packSegments(segs []string, sep string, width int) []string {
	var lines []string
	cur, curW := "", 0
	sepW := Width(sep)
	for _, s := range segs {
		if s == "" {
			continue
		}
		w := Width(s)
		switch {
		case curW == 0:
			cur, curW = s, w
		case curW+sepW+w <= width:
			cur += sep + s
			curW += sepW + w
		default:
			lines = append(lines, cur)
			cur, curW = s, w
		}
	}
	if curW > 0 {
		lines = append(lines, cur)
	}
	return fitLines(lines, width, 0)
}

// Note is a dim line of text cut (between words) to width: a hint that
// is not data.
func Note(text string, width int) string { return pal().Dim.Render(cutWords(text, width)) }

// placeholder is the text a panel shows instead of a blank box.
func placeholder(head, msg string, width, height int) string {
	lines := []string{title(head, width)}
	for _, l := range wrap(msg, width) {
		lines = append(lines, pal().Dim.Render(l))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// noDataMsg is the placeholder text while nothing is computable yet.
func noDataMsg(s State) string {
	if s.Status.Loading && s.Status.Total > 0 {
		return fmt.Sprintf("loading… history %d/%d", s.Status.Loaded, s.Status.Total)
	}
	if s.Status.Loading {
		return "loading…"
	}
	return "no data"
}

// FormatThousands formats v with prec decimals and a comma between
// thousands: "315,189", "-1,234.50".
func FormatThousands(v float64, prec int) string {
	s := FormatFixed(v, prec)
	if s == noValue {
		return s
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		return sign + b.String() + "." + frac
	}
	return sign + b.String()
}
