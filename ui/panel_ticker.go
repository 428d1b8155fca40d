package ui

import (
	"math"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// TickerPanel is the detail of one symbol: its price over the window, the
// window return, the basket it belongs to, the correlation of its daily
// returns with each basket index over the window, the live quote and any
// error. series is the symbol's full daily history (the panel keeps the
// window's part).
func TickerPanel(s State, sym string, series market.Series, width, height int) string {
	p := pal()
	r := s.Report
	name := Sanitize(sym)
	if q, ok := s.Quotes[sym]; ok && q.Err == nil && q.Name != "" {
		name += " · " + Sanitize(q.Name)
	}
	lines := []string{title(name+" · "+r.Window.String()+" (esc to close)", width)}
	prices := windowPrices(r, series)
	var segs []string
	ss, shown := s.Symbols[sym]
	last := func(v float64) string {
		// Price and cap from one observation, and when it was made.
		if shown && finite(ss.Last) {
			v = ss.Last
		}
		out := "last " + FormatMoney(v, quoteCurrency(s, sym))
		if shown && !ss.Observed.IsZero() {
			out += " (" + ss.Badge() + " " + DataTimeText(ss.Observed, time.Time{})[len("data "):] + ")"
		}
		return out
	}
	if b, m, ok := FindMember(r, sym); ok {
		segs = append(segs, "basket "+basketName(b, Sanitize(b.Key)), last(m.Last),
			"day "+p.Signed(m.DayPct, fmtPct(m.DayPct)), "window "+p.Signed(m.WindowPct, fmtPct(m.WindowPct)))
	} else if first, lastP := firstFinite(prices), lastFinite(prices); finite(first) && first != 0 {
		ret := (lastP/first - 1) * 100
		segs = append(segs, last(lastP), "window "+p.Signed(ret, fmtPct(ret)))
	}
	if session, e, ok := ExtendedOf(s, sym); ok {
		// Its own price, change and time: never the day's change.
		segs = append(segs, p.Warn.Render(ExtendedText(session, e, quoteCurrency(s, sym), s.Quotes[sym].Time)))
	}
	if shown && finite(ss.MarketCap) {
		c := "cap " + fmtCap(ss.MarketCap)
		if ss.CapApprox {
			c = "cap ≈" + fmtCap(ss.MarketCap) + " (close × shares)"
		}
		segs = append(segs, c)
	}
	segs = append(segs, "corr bits "+fmtSigned(windowCorr(prices, r.Bits.Index), 2), "corr atoms "+fmtSigned(windowCorr(prices, r.Atoms.Index), 2))
	lines = append(lines, packSegments(segs, "  ", width)...)
	if e := s.Status.Errors[sym]; e != "" {
		lines = append(lines, wrapStyled(p.Err.Render, "! "+Sanitize(e), width)...)
	}
	chartH := height - len(lines)
	if height <= 0 {
		chartH = 10
	}
	if ch := tickerIntradayChart(s, sym, width, chartH); ch != nil { // 1D
		lines = append(lines, ch...)
	} else if ch := plot([]chartLine{{Data: prices}}, axes{Dates: r.Dates}, width, chartH); ch != nil {
		lines = append(lines, ch...)
	} else {
		lines = append(lines, p.Dim.Render("no price history in this window"))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// windowPrices aligns series onto the report's dates (NaN where the symbol
// has no bar), so it lines up with the basket indexes.
func windowPrices(r market.Report, series market.Series) []float64 {
	out := make([]float64, len(r.Dates))
	j := 0
	for i, d := range r.Dates {
		out[i] = math.NaN()
		for j < len(series.Dates) && series.Dates[j] < d {
			j++
		}
		if j < len(series.Dates) && j < len(series.Close) && series.Dates[j] == d {
			out[i] = series.Close[j]
		}
	}
	return out
}

// windowCorr is the correlation of the daily returns of a and b over the
// days where both have a return (NaN with fewer than 3 such days), with
// the analytics' own Returns and Correlation.
func windowCorr(a, b []float64) float64 {
	c, _, n := market.Correlation(market.Returns(a), market.Returns(b))
	if n < 3 {
		return math.NaN()
	}
	return c
}

func firstFinite(xs []float64) float64 {
	for _, v := range xs {
		if finite(v) {
			return v
		}
	}
	return math.NaN()
}
