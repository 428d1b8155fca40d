package demo

import (
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// peak holds the closes of the dot-com peak's week (2000-03-06…10) for the
// two indices of the scorecard's tech-1999-right claim, which compares
// today with the 2000-03-10 close. The simulation starts in 2019, so these
// few bars stand alone before it: real closes as recalled, rounded, like
// the anchors — plausible, served as DEMO like everything here.
var peak = map[string][]feeds.Bar{
	"^NDX":  peakWeek(4355.99, 4304.49, 4443.03, 4629.57, 4585.38),
	"^GSPC": peakWeek(1391.28, 1355.62, 1366.70, 1401.69, 1395.07),
}

func peakWeek(closes ...float64) []feeds.Bar {
	bars := make([]feeds.Bar, len(closes))
	for i, c := range closes {
		bars[i] = feeds.Bar{Date: market.DateOf(2000, time.March, 6+i), Close: c, AdjClose: c}
	}
	return bars
}

// peakBars returns a copy of sym's peak-week bars dated from from to to.
func peakBars(sym string, from, to market.Date) []feeds.Bar {
	var out []feeds.Bar
	for _, b := range peak[market.NormalizeSymbol(sym)] {
		if b.Date >= from && b.Date <= to {
			out = append(out, b)
		}
	}
	return out
}
