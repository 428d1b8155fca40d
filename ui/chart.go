package ui

import (
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"
	"github.com/whoosh-dev/whoosh/market"
)

// chartLine is one series of a chart and the glyph it is drawn with.
type chartLine struct {
	Data  []float64
	Glyph string // "" for asciigraph's box-drawing line
}

// axes say how a chart labels its axes.
type axes struct {
	// Dates is the date of each point of the longest line; with two or
	// more, the chart's last row is a dated x-axis (months or years by
	// span).
	Dates []market.Date
	// Times, when set instead, is the instant of each point: the x-axis
	// then reads the time of day (09:30 … 16:00, chart_time.go).
	Times []time.Time
	// Div divides the values for the y labels (1000 shows thousands as
	// millions); 0 means 1. Unit follows each label ("M", "%").
	Div  float64
	Unit string
	// Plain draws without colour whatever the palette (the snapshot).
	Plain bool
}

// plot draws lines with asciigraph in at most width columns and height
// rows: round y labels in the table's units (every label a multiple of one
// 1-2-2.5-5 step, thousands separated) and a dated x-axis when ax has
// dates. It guards asciigraph's panics: ±Inf become gaps, empty and
// all-NaN series are dropped, and with no finite value left (or no room)
// it returns nil so the caller can print a placeholder.
func plot(lines []chartLine, ax axes, width, height int) []string {
	if height < 2 || width < 12 {
		return nil
	}
	if ax.Div == 0 {
		ax.Div = 1
	}
	var data [][]float64
	var sets []asciigraph.CharSet
	var colors []asciigraph.AnsiColor
	var palColors []asciigraph.AnsiColor
	if !ax.Plain {
		palColors = pal().chartColors(len(lines))
	}
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
	withAxis := (len(ax.Dates) >= 2 || len(ax.Times) >= 2) && maxLen >= 2 && height >= 4
	rows := height
	if withAxis {
		rows--
	}
	t := yTicks(lo/ax.Div, hi/ax.Div, rows)
	label := func(v float64) string {
		if !t.labelled(v / ax.Div) {
			return ""
		}
		return FormatThousands(v/ax.Div, t.prec) + ax.Unit
	}
	labelW := max(Width(label(t.lo*ax.Div)), Width(label(t.hi*ax.Div)))
	format := func(v float64) string { return padLeft(label(v), labelW) }
	// A line is " " + label (labelW) + " ┤" and then points−1 more columns:
	// labelW + 2 + points in all.
	points := width - labelW - 2
	if points < 2 {
		return nil
	}
	opts := []asciigraph.Option{
		asciigraph.YAxisValueFormatter(format),
		asciigraph.SeriesChars(sets...),
	}
	if t.intervals > 0 {
		opts = append(opts, asciigraph.Height(t.intervals),
			asciigraph.LowerBound(t.lo*ax.Div), asciigraph.UpperBound(t.hi*ax.Div))
	}
	cols := maxLen
	if maxLen >= 2 {
		opts = append(opts, asciigraph.Width(points))
		cols = points
	}
	if len(colors) == len(data) {
		opts = append(opts, asciigraph.SeriesColors(colors...))
	}
	out := strings.Split(asciigraph.PlotMany(data, opts...), "\n")
	if withAxis {
		a := dateAxis(ax.Dates, cols, labelW+2)
		if len(ax.Times) >= 2 {
			a = timeAxis(ax.Times, cols, labelW+2)
		}
		if ax.Plain {
			a = ansi.Strip(a)
		}
		out = append(out, a)
	}
	return fitLines(out, width, height)
}

// ticks are a chart's y scale: intervals rows between lo and hi (both
// multiples of step), a label every every-th row.
type ticks struct {
	lo, hi, step float64
	intervals    int
	every        int
	prec         int
}

// labelled reports whether the row at v carries a label.
func (t ticks) labelled(v float64) bool {
	if t.intervals == 0 || t.step == 0 {
		return true // a flat line: its one row
	}
	k := (v - t.lo) / t.step
	return math.Abs(k-math.Round(k)) < 1e-6
}

// yTicks chooses round labels for values lo..hi in rows chart rows: a
// step of 1, 2, 2.5 or 5 × 10ⁿ whose multiples span lo..hi in at most
// rows−1 intervals, each interval split into equal rows so that the chart
// fills its height (of the few smallest such steps, the one on which the
// line spans the most rows, with at least three labels when possible),
// labels only on the multiples.
func yTicks(lo, hi float64, rows int) ticks {
	if !(hi > lo) || rows < 2 {
		return ticks{lo: lo, hi: hi, prec: precFor(math.Abs(lo) / 100)}
	}
	raw := (hi - lo) / float64(rows-1)
	exp := math.Floor(math.Log10(raw))
	// Of the first few steps that fit, the one on which the line itself
	// spans the most rows (a scale far wider than the data squashes it);
	// with at least three labels when any step gives them, and the finer
	// rows on a tie.
	var best, bestFew ticks
	var score, scoreFew float64
	tried := 0
	for tried < 4 {
		for _, mant := range []float64{1, 2, 2.5, 5} {
			step := mant * math.Pow(10, exp)
			l, h := math.Floor(lo/step+1e-9), math.Ceil(hi/step-1e-9)
			n := int(h - l)
			if n > rows-1 || tried >= 4 {
				continue
			}
			tried++
			every := max((rows-1)/max(n, 1), 1)
			prec := precFor(step)
			if mant == 2.5 && exp <= 0 {
				prec++
			}
			t := ticks{lo: l * step, hi: h * step, step: step, intervals: n * every, every: every, prec: prec}
			sc := (hi - lo) / (t.hi - t.lo) * float64(t.intervals)
			if n >= 2 && sc > score*(1+1e-9) {
				best, score = t, sc
			}
			if sc > scoreFew*(1+1e-9) {
				bestFew, scoreFew = t, sc
			}
		}
		exp++
	}
	if best.intervals == 0 {
		return bestFew
	}
	return best
}

// precFor is the decimals a label needs to show multiples of step.
func precFor(step float64) int {
	if step <= 0 || !finite(step) {
		return 2
	}
	return min(max(0, int(-math.Floor(math.Log10(step)+1e-9))), 6)
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

// PlainChart draws series without colour for the text formats, series i
// with glyphs[i] ("" for the box-drawing line, so each series has its own
// glyph), y labels round, and a dated x-axis from dates, in at most width
// columns and height rows ("" when nothing is drawable).
func PlainChart(series [][]float64, glyphs []string, dates []market.Date, width, height int) string {
	lines := make([]chartLine, len(series))
	for i, s := range series {
		lines[i].Data = s
		if i < len(glyphs) {
			lines[i].Glyph = glyphs[i]
		}
	}
	return strings.Join(plot(lines, axes{Dates: dates, Plain: true}, width, height), "\n")
}

// Glyphs are the marks the bits, atoms and a third series are drawn with in
// every chart, for legends in the text formats.
var Glyphs = [3]string{legendMark(glyphBits), legendMark(glyphAtoms), legendMark(glyphThird)}
