package snapshot

import (
	"errors"
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

var nan = math.NaN()

// fixture is a complete, hand-made State over six trading days with every
// section filled in, some numbers unknown (NaN), a symbol with an error, a
// missing symbol, an absent Whoosh component, a cached symbol and a
// watchlist whose name carries a pipe and an escape sequence.
func fixture() ui.State {
	d := func(day int) market.Date { return market.DateOf(2025, 6, day) }
	dates := []market.Date{d(23), d(24), d(25), d(26), d(27), d(30)}
	fetched := time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC)
	demo := feeds.Origin{Kind: feeds.KindDemo, Provider: "demo", Fetched: fetched}
	cached := feeds.Origin{Kind: feeds.KindCached, Provider: "cache", Fetched: fetched.Add(-3 * time.Hour)}

	r := market.Report{
		AsOf:   d(30),
		Window: market.Win1M,
		Start:  d(23),
		Dates:  dates,
		Bits: market.BasketReport{
			Key: "bits", Name: "Economy of Bits",
			Index:     []float64{100, 101, 102.5, 103, 104.2, 105},
			ReturnPct: 5, DayPct: 0.767754,
			Members: []market.MemberStat{
				{Symbol: "NVDA", Weight: 0.5, Last: 157.25, DayPct: 1.2, WindowPct: 6, Contribution: 3},
				{Symbol: "BTC-USD", Weight: 0.5, Last: 107135.33, DayPct: 0.3, WindowPct: 4, Contribution: 2},
			},
		},
		Atoms: market.BasketReport{
			Key: "atoms", Name: "Economy of Atoms",
			Index:     []float64{100, 99.5, 99, 98.7, 98.9, 98},
			ReturnPct: -2, DayPct: -0.910010,
			Members: []market.MemberStat{
				{Symbol: "XOM", Weight: 0.5, Last: 107.8, DayPct: -1.1, WindowPct: -3, Contribution: -1.5},
				{Symbol: "GM", Weight: 0.5, Last: 49.21, DayPct: -0.7, WindowPct: -1, Contribution: -0.5},
				{Symbol: "ZZZ", Weight: 0, Last: nan, DayPct: nan, WindowPct: nan, Contribution: 0, Missing: true},
			},
		},
		RS: market.RSReport{
			// 100·bits/atoms: 105/98·100 = 107.142857…
			Series:   []float64{100, 101.507538, 103.535354, 104.356636, 105.358948, 107.142857},
			Last:     107.142857,
			SpreadPP: 7, // 5 − (−2)
		},
		Gap: market.GapReport{
			Tesla: "TSLA", Incumbents: []string{"GM", "F"},
			TeslaCap: 1.02e12, IncumbCaps: []float64{5.5e10, 4.0e10},
			Approx:       true,
			RatioFirst:   18.545455, // 1020/55
			RatioAll:     10.736842, // 1020/95
			DollarGap:    9.65e11,   // 1020B − 55B
			MoveDays:     21,
			MoveUSD:      -1.2e11,
			MoveInFirst:  2.181818,               // 120/55
			MoveInEach:   []float64{2.181818, 3}, // 120/55, 120/40
			RatioHistory: []float64{nan, 18.1, 18.2, 18.3, 18.4, 18.545455},
			MoveHistory:  []float64{nan, nan, 2.0, 2.1, 2.15, 2.181818},
		},
		Tesla: market.CorrReport{
			Symbol: "TSLA", Days: 63,
			CorrBits: 0.62, CorrAtoms: 0.21, BetaBits: 1.8, BetaAtoms: 0.5,
			Label:     "trading like bits",
			BitsHist:  []float64{nan, nan, 0.6, 0.61, 0.615, 0.62},
			AtomsHist: []float64{nan, nan, 0.2, 0.22, 0.21, 0.21},
		},
		Whoosh: market.WhooshReport{
			Score: 63.2, Band: "whoosh building",
			Components: []market.Component{
				{Key: "rotation", Name: "Rotation", Raw: 0.069, Scale: 0.15, Weight: 1, Signal: 0.430, Points: 5.375, Present: true},
				{Key: "crypto", Name: "Crypto", Raw: 0.1, Scale: 0.25, Weight: 1, Signal: 0.380, Points: 4.75, Present: true},
				{Key: "havens", Name: "Talent havens", Raw: 0.01, Scale: 0.05, Weight: 1, Signal: 0.197, Points: 2.4625, Present: true},
				{Key: "tesla_drift", Name: "Tesla drift", Raw: -0.41, Scale: 0.3, Weight: 1, Signal: -0.878, Points: -10.975, Present: true},
				{Key: "labor", Name: "Labor", Raw: nan, Scale: 0.5, Weight: 1, Signal: nan, Points: 0, Present: false, Why: "no FRED data"},
			},
			History: []float64{nan, 60.1, 61.4, 62, 62.9, 63.2},
		},
		Watchlists: []market.BasketReport{{
			Key: "Robots | AI\x1b[31m", Name: "Robots | AI\x1b[31m",
			Index:     []float64{100, 100.5, 99.8, 101.2, 102, 102.4},
			ReturnPct: 2.4, DayPct: 0.392157,
			Members: []market.MemberStat{
				{Symbol: "TSLA", Weight: 0.5, Last: 317.66, DayPct: -1.8, WindowPct: 3.2, Contribution: 1.6},
				{Symbol: "ISRG", Weight: 0.5, Last: 543.4, DayPct: 0.4, WindowPct: 1.6, Contribution: 0.8},
			},
		}},
		Missing: []string{"ZZZ"},
	}

	macro := &market.MacroReport{
		Series: []market.MacroSeries{
			{
				ID: "UNRATE", Name: "Unemployment rate", Unit: "%",
				Obs:      []market.Observation{{Date: market.DateOf(2025, 4, 1), Value: 4.2}, {Date: market.DateOf(2025, 5, 1), Value: 4.2}, {Date: market.DateOf(2025, 6, 1), Value: 4.1}},
				Last:     market.Observation{Date: market.DateOf(2025, 6, 1), Value: 4.1},
				Change3M: -0.1, Change6M: 0, Change12M: 0.05,
			},
			{
				ID: "FEDFUNDS", Name: "Fed funds rate", Unit: "%",
				Obs:      nil,
				Last:     market.Observation{Value: nan},
				Change3M: nan, Change6M: nan, Change12M: nan,
			},
		},
		Sahm: 0.27, SahmHit: false, FoodVsHigh: -0.4,
		Roadmap: []market.RoadmapStep{
			{Name: "robots deployed", Triggered: true, Known: true, Detail: "RS 107.1 (> 100)"},
			{Name: "unemployment spike", Triggered: false, Known: true, Detail: "Sahm 0.27 pt (< 0.50)"},
			{Name: "Fed easing", Known: false, Detail: "no FEDFUNDS data"},
		},
	}

	origins := map[string]feeds.Origin{}
	for _, s := range []string{"NVDA", "BTC-USD", "XOM", "TSLA", "F", "ISRG"} {
		origins[s] = demo
	}
	origins["GM"] = cached
	// What each symbol shows: observed at its origin's time, a closed
	// session's data; prices from the report's members, TSLA's cap from its
	// quote (one observation).
	symbols := map[string]ui.SymbolState{}
	for sym, o := range origins {
		o.Observed = o.Fetched
		origins[sym] = o
		ss := ui.SymbolState{Origin: o, Observed: o.Fetched, Fresh: feeds.FreshClosed, Last: nan, MarketCap: nan}
		for _, b := range append([]market.BasketReport{r.Bits, r.Atoms}, r.Watchlists...) {
			for _, m := range b.Members {
				if m.Symbol == sym {
					ss.Last = m.Last
				}
			}
		}
		symbols[sym] = ss
	}
	tsla := symbols["TSLA"]
	tsla.Last, tsla.MarketCap = 317.66, 1.02e12
	symbols["TSLA"] = tsla

	return ui.State{
		Report: r,
		Macro:  macro,
		Quotes: map[string]feeds.Quote{
			"TSLA": {Symbol: "TSLA", Price: 317.66, MarketCap: 1.02e12, SharesOutstanding: 3.22e9, Origin: demo},
			"XYZ":  {Symbol: "XYZ", Err: errors.New("unknown symbol")},
		},
		Origins: origins,
		Symbols: symbols,
		Status: ui.Status{
			Badge: "DEMO (simulated)", Provider: "demo", Updated: fetched.Add(-3 * time.Hour),
			Errors:   map[string]string{"XYZ": "unknown symbol\x07"},
			Warnings: []string{"yahoo unreachable; showing demo data"},
		},
		Now: time.Date(2025, 6, 30, 21, 0, 0, 0, time.UTC),
	}
}
