package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/guptarohit/asciigraph"
)

// chartLine is one series of a chart and the glyph it is drawn with.
type chartLine struct {
	Data  []float64
	Glyph string // "" for asciigraph's box-drawing line
}

// plot draws lines with asciigraph in at most width columns and height rows,
// y labels with prec decimals. It guards asciigraph's panics: ±Inf become
// gaps, empty and all-NaN series are dropped, and with no finite value left
// (or no room) it returns nil so the caller can print a placeholder.
func plot(lines []chartLine, width, height, prec int) []string {
	if height < 2 || width < 12 {
		return nil
	}
	var data [][]float64
	var sets []asciigraph.CharSet
	var colors []asciigraph.AnsiColor
	palColors := pal().chartColors(len(lines))
	lo, hi := math.Inf(1), math.Inf(-1)
	maxLen := 0
	for i, l := range lines {
		clean := make([]float64, len(l.Data))
		n := 0
		for j, v := range l.Data {
			if !finite(v) {
				clean[j] = math.NaN()
				continue
			}
			clean[j] = v
			n++
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
		if n == 0 {
			continue
		}
		data = append(data, clean)
		maxLen = max(maxLen, len(clean))
		if l.Glyph != "" {
			sets = append(sets, asciigraph.CreateCharSet(l.Glyph))
		} else {
			sets = append(sets, asciigraph.DefaultCharSet)
		}
		if i < len(palColors) {
			colors = append(colors, palColors[i])
		}
	}
	if len(data) == 0 {
		return nil
	}
	// Big numbers need no decimals: 192529 says as much as 192528.86.
	switch m := math.Max(math.Abs(lo), math.Abs(hi)); {
	case m >= 10000:
		prec = 0
	case m >= 1000:
		prec = min(prec, 1)
	}
	// A nearly flat line (a window of a day or two) must not print ten
	// identical labels: a finer label where the range needs one, and no
	// more rows than there are distinct labels.
	if hi > lo {
		maxPrec := max(prec, 2)
		if math.Max(math.Abs(lo), math.Abs(hi)) >= 10000 {
			maxPrec = prec
		}
		for prec < maxPrec && (hi-lo)/float64(height-1)*math.Pow10(prec) < 1 {
			prec++
		}
		if rows := int((hi - lo) * math.Pow10(prec)); rows < height-1 {
			height = max(rows, 1) + 1
		}
	}
	labelW := max(len(fmt.Sprintf("%.*f", prec, lo)), len(fmt.Sprintf("%.*f", prec, hi)))
	format := func(v float64) string {
		s := fmt.Sprintf("%*.*f", labelW, prec, v)
		if len(s) > labelW {
			s = s[:labelW]
		}
		return s
	}
	// A line is " " + label (labelW) + " ┤" and then points−1 more columns:
	// labelW + 2 + points in all.
	points := width - labelW - 2
	if points < 2 {
		return nil
	}
	opts := []asciigraph.Option{
		asciigraph.Height(height - 1),
		asciigraph.YAxisValueFormatter(format),
		asciigraph.SeriesChars(sets...),
	}
	if maxLen >= 2 {
		opts = append(opts, asciigraph.Width(points))
	}
	if len(colors) == len(data) {
		opts = append(opts, asciigraph.SeriesColors(colors...))
	}
	out := strings.Split(asciigraph.PlotMany(data, opts...), "\n")
	return fitLines(out, width, height)
}

// lastFinite returns the last finite value of xs, or NaN.
func lastFinite(xs []float64) float64 {
	for i := len(xs) - 1; i >= 0; i-- {
		if finite(xs[i]) {
			return xs[i]
		}
	}
	return math.NaN()
}

// hasFinite reports whether xs holds at least one finite value.
func hasFinite(xs []float64) bool { return finite(lastFinite(xs)) }
