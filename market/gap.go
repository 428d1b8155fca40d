package market

import "math"

// gap computes the Tesla-vs-incumbents comparison over [start, end].
//
// Live market caps come from the quotes. History has no market caps, so it
// is approximated as adjusted close × current shares outstanding (Approx):
// right today, and off in the past by buybacks, issuance and dividends.
// The move test is the essay's: Tesla's market-cap change over the last
// MoveDays trading days, |ΔTSLA| / cap of an incumbent ("in GMs").
func gap(p *Panel, spec Spec, facts map[string]Fundamentals, start, end int) GapReport {
	g := GapReport{
		Tesla:       spec.Tesla,
		Incumbents:  spec.Incumbents,
		MoveDays:    spec.MoveDays,
		TeslaCap:    math.NaN(),
		RatioFirst:  math.NaN(),
		RatioAll:    math.NaN(),
		DollarGap:   math.NaN(),
		MoveUSD:     math.NaN(),
		MoveInFirst: math.NaN(),
	}
	n := max(end-start+1, 0)
	g.RatioHistory = nanSlice(n)
	g.MoveHistory = nanSlice(n)
	g.IncumbCaps = nanSlice(len(spec.Incumbents))
	g.MoveInEach = nanSlice(len(spec.Incumbents))
	if end < 0 {
		return g
	}

	tRow, tShares := p.Row(spec.Tesla), shares(facts[spec.Tesla])
	var approx bool
	g.TeslaCap, approx = liveCap(facts[spec.Tesla], tRow, end)
	g.Approx = approx
	sumInc := 0.0
	for i, sym := range spec.Incumbents {
		var a bool
		g.IncumbCaps[i], a = liveCap(facts[sym], p.Row(sym), end)
		g.Approx = g.Approx || a
		sumInc += g.IncumbCaps[i]
	}
	if len(spec.Incumbents) > 0 {
		g.RatioFirst = g.TeslaCap / g.IncumbCaps[0]
		g.RatioAll = g.TeslaCap / sumInc
		g.DollarGap = g.TeslaCap - g.IncumbCaps[0]
	}

	if k := spec.MoveDays; tRow != nil && k > 0 && end-k >= 0 && valid(tRow[end]) && valid(tRow[end-k]) {
		g.MoveUSD = tShares * (tRow[end] - tRow[end-k])
		for i := range spec.Incumbents {
			g.MoveInEach[i] = math.Abs(g.MoveUSD) / g.IncumbCaps[i]
		}
		if len(g.MoveInEach) > 0 {
			g.MoveInFirst = g.MoveInEach[0]
		}
	}

	if tRow == nil || len(spec.Incumbents) == 0 {
		return g
	}
	fRow, fShares := p.Row(spec.Incumbents[0]), shares(facts[spec.Incumbents[0]])
	if fRow == nil {
		return g
	}
	for t := start; t <= end; t++ {
		if !valid(tRow[t]) || !valid(fRow[t]) {
			continue
		}
		fCap := fShares * fRow[t]
		g.RatioHistory[t-start] = tShares * tRow[t] / fCap
		if k := spec.MoveDays; t-k >= 0 && valid(tRow[t-k]) {
			g.MoveHistory[t-start] = math.Abs(tShares*(tRow[t]-tRow[t-k])) / fCap
		}
	}
	return g
}

// shares returns the shares outstanding, derived from cap / price when the
// quote has no share count; NaN when unknown.
func shares(f Fundamentals) float64 {
	if valid(f.SharesOutstanding) {
		return f.SharesOutstanding
	}
	if valid(f.MarketCap) && valid(f.Price) {
		return f.MarketCap / f.Price
	}
	return math.NaN()
}

// liveCap is the quote's market cap, or close × shares (approx = true) when
// the quote has none.
func liveCap(f Fundamentals, row []float64, end int) (cap float64, approx bool) {
	if valid(f.MarketCap) {
		return f.MarketCap, false
	}
	if row != nil && valid(row[end]) {
		return shares(f) * row[end], true
	}
	return math.NaN(), true
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}
