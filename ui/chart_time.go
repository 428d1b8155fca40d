package ui

import (
	"time"
)

// timeAxis is the x-axis of an intraday chart: cols point columns from
// column pad, times[i] at the column asciigraph resamples it to. It names
// the first point (09:30) and the last (16:00), and between them every
// k-th full hour that leaves each label room for itself and a space.
func timeAxis(times []time.Time, cols, pad int) string {
	n := len(times)
	if n < 2 || cols < 2 {
		return ""
	}
	at := func(c int) time.Time { return times[pointAt(c, n, cols)] }
	const labelW = len("15:04")
	line := newAxisLine(cols, pad)
	last := at(cols - 1).Format("15:04")
	lastAt := cols - labelW // the close's label ends under the last point
	hours := times[n-1].Sub(times[0]).Hours()
	stride := 1
	for stride < 6 && float64(cols)/hours*float64(stride) < float64(labelW+1) {
		stride++
	}
	line.put(0, at(0).Format("15:04"))
	prev := at(0).Hour()
	for c := 1; c < cols; c++ {
		t := at(c)
		if t.Hour() == prev {
			continue
		}
		prev = t.Hour()
		if t.Hour()%stride == 0 && c+labelW+1 <= lastAt {
			line.put(c, t.Truncate(time.Hour).Format("15:04"))
		}
	}
	line.put(max(lastAt, 0), last)
	return line.String()
}
