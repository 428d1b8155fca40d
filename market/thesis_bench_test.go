package market

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// defaultThesisSpec is config/default.yaml's spec (market cannot import
// config): the baskets, gap and benchmark the scorecard reads by default.
func defaultThesisSpec() Spec {
	eq := func(key string, syms ...string) Basket { return Basket{Key: key, Name: key, Members: equal(syms)} }
	return Spec{
		Bits:   eq("bits", "NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD"),
		Atoms:  eq("atoms", "XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB"),
		Crypto: eq("crypto", "BTC-USD", "ETH-USD"), Havens: eq("havens", "EWS", "EWL", "UAE"),
		Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM", "F"},
		MoveDays: 21, CorrDays: 63, Lookback: 63, Weights: Weights{1, 1, 1, 1, 1},
	}
}

// thesisBenchInput is the default spec's and the claims' symbols over
// `years` years of deterministic closes up to asOf (weekdays; crypto every
// day), converted as the feeds do (Calendared, each its own date array),
// with the three FRED series, TSLA's and GM's facts and the 2000 peak
// bars of ^NDX and ^GSPC.
func thesisBenchInput(asOf Date, years int) ThesisInput {
	sp := defaultThesisSpec()
	from := asOf.AddMonths(-12 * years)
	all, wk := benchDays(from, asOf)
	rng := rand.New(rand.NewPCG(7, 7))
	walk := func(n int) []float64 {
		v := make([]float64, n)
		p := 50 + 100*rng.Float64()
		for i := range v {
			p *= 1 + 0.02*rng.NormFloat64()
			v[i] = p
		}
		return v
	}
	in := ThesisInput{Spec: sp, Series: map[string]Series{}, AsOf: asOf,
		Facts: map[string]Fundamentals{"TSLA": {SharesOutstanding: 3.2e9}, "GM": {SharesOutstanding: 1e9}},
		Macro: map[string][]Observation{}, Long: map[string]Series{}}
	syms := append(SpecSymbols(sp), ThesisSymbols()...)
	for _, sym := range syms {
		if _, dup := in.Series[sym]; dup {
			continue
		}
		dates := wk
		if sym == "BTC-USD" || sym == "ETH-USD" {
			dates = all
		}
		in.Series[sym] = Series{Symbol: sym, Dates: slices.Clone(dates), Close: walk(len(dates))}.Calendared()
	}
	for _, sym := range ThesisLongSymbols() {
		in.Long[sym] = Series{Symbol: sym, Dates: []Date{ThesisPeak}, Close: []float64{1000 + 1000*rng.Float64()}}
	}
	for _, id := range []string{UnrateID, FedFundsID, FoodServicesID} {
		var obs []Observation
		for m := from.AddMonths(-13); m <= asOf; m = m.AddMonths(1) {
			obs = append(obs, Observation{DateOf(m.Year(), m.Time().Month(), 1), 3.5 + rng.Float64()})
		}
		in.Macro[id] = obs
	}
	return in
}

// BenchmarkThesis is the scorecard on the default spec over 5 years of
// daily data: what every quote refresh pays.
func BenchmarkThesis(b *testing.B) {
	in := thesisBenchInput(d("2025-06-30"), 5)
	b.ReportAllocs()
	for b.Loop() {
		Thesis(in)
	}
}
