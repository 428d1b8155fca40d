package ui

import (
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// FixtureAsOf is the as-of date of FixtureState.
var FixtureAsOf = market.DateOf(2025, 6, 30)

// FixtureState returns a small but complete hand-made State for window w as
// of FixtureAsOf: smooth deterministic basket indexes, members with one
// missing symbol and one per-symbol error (whose text carries an escape
// sequence the panels must strip), the gap, the correlation, a Whoosh Index
// with the labor leg absent, and one watchlist. Tests and previews of the
// panels use it while no real data is at hand; its numbers depend on the
// window so a window change is visible.
func FixtureState(w market.Window) State {
	asOf := FixtureAsOf
	var dates []market.Date
	for d := w.Base(asOf); d <= asOf; d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			dates = append(dates, d)
		}
	}
	n := len(dates)
	curve := func(drift, amp, period, phase float64) []float64 {
		out := make([]float64, n)
		base := math.Exp(amp * math.Sin(phase))
		for i := range out {
			x := float64(i)
			out[i] = 100 * math.Exp(drift*x+amp*math.Sin(x/period+phase)) / base
		}
		return out
	}
	bitsIdx := curve(0.0012, 0.03, 9, 0.3)
	atomsIdx := curve(0.0002, 0.02, 6, 1.1)
	rs := make([]float64, n)
	for i := range rs {
		rs[i] = 100 * bitsIdx[i] / atomsIdx[i]
	}
	ret := func(xs []float64) float64 { return (xs[n-1]/xs[0] - 1) * 100 }
	day := func(xs []float64) float64 { return (xs[n-1]/xs[n-2] - 1) * 100 }
	members := func(syms []string, lasts []float64, winRet float64, missing string) []market.MemberStat {
		ms := make([]market.MemberStat, len(syms))
		for i, s := range syms {
			k := float64(i)
			wp := winRet * (0.4 + 0.25*k) * float64(n) / float64(n+30)
			ms[i] = market.MemberStat{
				Symbol: s, Weight: 1 / float64(len(syms)), Last: lasts[i],
				DayPct: math.Sin(k*1.7+float64(n)) * 2.5, WindowPct: wp,
				Contribution: wp / float64(len(syms)),
			}
			if s == missing {
				ms[i] = market.MemberStat{Symbol: s, Weight: 0, Last: math.NaN(), DayPct: math.NaN(), WindowPct: math.NaN(), Contribution: math.NaN(), Missing: true}
			}
		}
		return ms
	}
	bits := market.BasketReport{Key: "bits", Name: "Economy of Bits", Index: bitsIdx, ReturnPct: ret(bitsIdx), DayPct: day(bitsIdx),
		Members: members([]string{"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD"},
			[]float64{157.99, 497.41, 175.84, 738.09, 219.39, 227.52, 107135.33, 2486.72}, ret(bitsIdx), "")}
	atoms := market.BasketReport{Key: "atoms", Name: "Economy of Atoms", Index: atomsIdx, ReturnPct: ret(atomsIdx), DayPct: day(atomsIdx),
		Members: members([]string{"XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB"},
			[]float64{107.8, 143.19, 463.14, 49.21, 10.85, 292.17, 133.03, 149.48, 22.4, 0}, ret(atomsIdx), "ITB")}
	robotsIdx := curve(0.0007, 0.04, 11, 0.7)
	robots := market.BasketReport{Key: "Robots", Name: "Robots", Index: robotsIdx, ReturnPct: ret(robotsIdx), DayPct: day(robotsIdx),
		Members: members([]string{"TSLA", "ISRG", "ABBV"}, []float64{317.66, 543.41, 185.62}, ret(robotsIdx), "")}
	ratio := make([]float64, n)
	move := make([]float64, n)
	corrB, corrA, hist := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range ratio {
		x := float64(i)
		ratio[i] = 19 + 3*math.Sin(x/13)
		move[i], corrB[i], corrA[i] = math.NaN(), math.NaN(), math.NaN()
		if i >= 21 {
			move[i] = 2 + 1.2*math.Sin(x/8)
		}
		if i >= 63 || (n < 63 && i >= n/2) {
			corrB[i] = 0.55 + 0.1*math.Sin(x/10)
			corrA[i] = 0.3 + 0.1*math.Cos(x/10)
		}
		hist[i] = 50 + 10*math.Log(rs[i]/100)*4
	}
	comps := []market.Component{
		{Key: "rotation", Name: "rotation", Raw: math.Log(rs[n-1] / rs[0]), Scale: 0.15, Weight: 1},
		{Key: "crypto", Name: "crypto", Raw: 0.18, Scale: 0.25, Weight: 1},
		{Key: "havens", Name: "talent havens", Raw: -0.02, Scale: 0.05, Weight: 1},
		{Key: "tesla_drift", Name: "Tesla drift", Raw: -0.25, Scale: 0.3, Weight: 1},
		{Key: "labor", Name: "labor", Raw: math.NaN(), Scale: 0.5, Weight: 1, Signal: math.NaN(), Why: "no FRED data"},
	}
	var sumV, sumVS float64
	for i := range comps[:4] {
		c := &comps[i]
		c.Present = true
		c.Signal = math.Tanh(c.Raw / c.Scale)
		sumV += c.Weight
		sumVS += c.Weight * c.Signal
	}
	for i := range comps[:4] {
		comps[i].Points = 50 * comps[i].Weight * comps[i].Signal / sumV
	}
	score := 50 * (1 + sumVS/sumV)
	hist[n-1] = score
	teslaCap, gmCap, fCap := 1.02e12, 52.1e9, 40.2e9
	moveUSD := 142e9
	return State{
		Report: market.Report{
			AsOf: asOf, Window: w, Start: dates[0], Dates: dates,
			Bits: bits, Atoms: atoms,
			RS: market.RSReport{Series: rs, Last: rs[n-1], SpreadPP: ret(bitsIdx) - ret(atomsIdx)},
			Gap: market.GapReport{Tesla: "TSLA", Incumbents: []string{"GM", "F"}, TeslaCap: teslaCap, IncumbCaps: []float64{gmCap, fCap},
				Approx: true, RatioFirst: teslaCap / gmCap, RatioAll: teslaCap / (gmCap + fCap), DollarGap: teslaCap - gmCap,
				MoveDays: 21, MoveUSD: moveUSD, MoveInFirst: moveUSD / gmCap, MoveInEach: []float64{moveUSD / gmCap, moveUSD / fCap},
				RatioHistory: ratio, MoveHistory: move},
			Tesla: market.CorrReport{Symbol: "TSLA", Days: 63, CorrBits: lastFinite(corrB), CorrAtoms: lastFinite(corrA),
				BetaBits: 1.45, BetaAtoms: 0.88, Label: "trading like bits", BitsHist: corrB, AtomsHist: corrA},
			Whoosh:     market.WhooshReport{Score: score, Band: market.Band(score), Components: comps, History: hist},
			Watchlists: []market.BasketReport{robots},
			Missing:    []string{"ITB"},
		},
		Quotes: map[string]feeds.Quote{
			"TSLA": {Symbol: "TSLA", Name: "Tesla, Inc.", Price: 317.66, MarketCap: teslaCap},
		},
		Origins: map[string]feeds.Origin{"NVDA": {Kind: feeds.KindDemo, Provider: "demo"}},
		Symbols: map[string]SymbolState{"TSLA": {
			Origin:   feeds.Origin{Kind: feeds.KindDemo, Provider: "demo"},
			Observed: time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC), Fresh: feeds.FreshClosed,
			Last: 317.66, MarketCap: teslaCap,
		}},
		Status: Status{
			Badge: "DEMO (simulated)", Provider: "demo", MarketState: "CLOSED",
			Updated: time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC),
			Errors:  map[string]string{"INTC": "HTTP 500: upstream \x1b[31mboom\x1b[0m"},
		},
		Now: time.Date(2025, 6, 30, 23, 0, 0, 0, time.UTC),
	}
}
