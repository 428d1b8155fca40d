package snapshot

import (
	"math"
	"strings"

	"github.com/guptarohit/asciigraph"
	"github.com/whoosh-dev/whoosh/ui"
)

// chartHeight is the height of a Markdown chart in rows (asciigraph draws
// one more).
const chartHeight = 8

// plot draws series (one or more) as a plain asciigraph chart at most width
// columns wide. asciigraph panics on empty series and on ±Inf and prints
// garbage for an all-NaN series, so those are guarded here: ±Inf become
// gaps, series without a finite value are left out, and "" is returned when
// nothing is left to draw. The output has no escape sequences (no colours,
// no legends).
func plot(width int, caption string, series ...[]float64) string {
	var data [][]float64
	n := 0
	for _, s := range series {
		clean := make([]float64, len(s))
		ok := false
		for i, v := range s {
			if math.IsInf(v, 0) {
				v = math.NaN()
			}
			clean[i] = v
			ok = ok || !math.IsNaN(v)
		}
		if ok {
			data = append(data, clean)
			n = max(n, len(clean))
		}
	}
	if len(data) == 0 {
		return ""
	}
	opts := []asciigraph.Option{asciigraph.Height(chartHeight), asciigraph.Precision(2)}
	// A caption may hold configured names: sanitized, and without backticks
	// that could close the Markdown fence around the chart.
	if caption = strings.ReplaceAll(ui.Sanitize(caption), "`", "'"); caption != "" {
		opts = append(opts, asciigraph.Caption(caption))
	}
	// The axis labels take about 10 columns; downsample only, never stretch
	// a short series.
	if cols := width - 12; cols >= 2 && n > cols {
		opts = append(opts, asciigraph.Width(cols))
	}
	return strings.TrimRight(asciigraph.PlotMany(data, opts...), "\n")
}
