package ui

import (
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// dateAxis is the x-axis line under a chart: cols point columns starting
// at column pad, dates[i] at the column asciigraph resamples it to. Labels
// sit at calendar boundaries (years over long spans, months, else weeks),
// every k-th boundary so that they never touch.
func dateAxis(dates []market.Date, cols, pad int) string {
	n := len(dates)
	if n < 2 || cols < 2 {
		return ""
	}
	at := func(c int) market.Date { return dates[pointAt(c, n, cols)] }
	span := dates[n-1] - dates[0]
	// period numbers a date's year, month or week; label names it.
	var period func(t time.Time) int
	var label func(t time.Time) string
	var strides []int
	switch {
	case span > 3*366:
		period = func(t time.Time) int { return t.Year() }
		label = func(t time.Time) string { return t.Format("2006") }
		strides = []int{1, 2, 5, 10, 20, 50}
	case span > 62:
		period = func(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
		label = func(t time.Time) string {
			if t.Month() == time.January {
				return t.Format("2006")
			}
			return t.Format("Jan")
		}
		strides = []int{1, 2, 3, 6, 12}
	default:
		period = func(t time.Time) int { return (int(market.DateFromTime(t)) + 3) / 7 } // weeks from a Monday
		label = func(t time.Time) string { return t.Format("Jan 2") }
		strides = []int{1, 2, 4, 8}
	}
	// The stride: the fewest boundaries per label that leave every label
	// room for itself and a space.
	periods := float64(period(dates[n-1].Time()) - period(dates[0].Time()) + 1)
	colsPer := float64(cols) / periods
	stride := strides[len(strides)-1]
	for _, s := range strides {
		if colsPer*float64(s) >= float64(len(label(dates[0].Time()))+2) {
			stride = s
			break
		}
	}
	line := newAxisLine(cols, pad)
	prev := period(at(0).Time())
	// The first column is labelled with the start when the first boundary
	// leaves room.
	first := at(0).Time()
	for c := 1; c < cols; c++ {
		t := at(c).Time()
		p := period(t)
		if p == prev {
			continue
		}
		prev = p
		if first != (time.Time{}) {
			if l := label(first); c >= len(l)+1 {
				line.put(0, l)
			}
			first = time.Time{}
		}
		if p%stride == 0 {
			line.put(c, label(t))
		}
	}
	return line.String()
}

// pointAt is the index of the point, of n, that asciigraph resamples to
// column c of cols.
func pointAt(c, n, cols int) int { return (c*(n-1) + (cols-1)/2) / (cols - 1) }

// axisLine is an x-axis being labelled: cols point columns from column
// pad. A label goes in only where it keeps a space after the one before
// and fits before the end.
type axisLine struct {
	runes     []rune
	pad, free int // free: the first column a label may use
}

func newAxisLine(cols, pad int) *axisLine {
	return &axisLine{runes: []rune(strings.Repeat(" ", pad+cols)), pad: pad}
}

// put writes text from point column c when it fits.
func (l *axisLine) put(c int, text string) {
	x := l.pad + c
	if x < l.free || x+len(text) > len(l.runes) {
		return
	}
	copy(l.runes[x:], []rune(text))
	l.free = x + len(text) + 1
}

func (l *axisLine) String() string { return pal().Dim.Render(strings.TrimRight(string(l.runes), " ")) }
