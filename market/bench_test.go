package market

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchSizes are the symbol counts of issue #15 (the 23 defaults plus a
// watchlist of 30, 300 and 1000), after the 30-symbol target of DESIGN.md.
var benchSizes = []int{30, 53, 323, 1023}

// benchInput builds n symbols × 5 years of deterministic weekday closes
// (two of them crypto with weekend bars). The first min(n, 23) − 6 are
// split between the bits and atoms baskets, six more are the gap, whoosh
// and benchmark symbols, and the rest form one watchlist — the shape of a
// default config plus a large watchlist — with FRED's UNRATE.
func benchInput(n int) Input {
	asOf := d("2025-06-30")
	from := asOf.AddMonths(-60)
	all, wk := benchDays(from, asOf)
	rng := rand.New(rand.NewPCG(42, 42))
	walk := func(dates []Date) []float64 {
		v := make([]float64, len(dates))
		p := 50 + 100*rng.Float64()
		for i := range v {
			p *= 1 + 0.02*rng.NormFloat64()
			v[i] = p
		}
		return v
	}
	sp := smallSpec(63)
	sp.MoveDays, sp.CorrDays = 21, 63
	sp.Bits.Members, sp.Atoms.Members = nil, nil
	wl := Basket{Key: "big", Name: "Big watchlist"}
	series := map[string]Series{}
	core := max(min(n, 23)-6, 2)
	for i := 0; i < n-6; i++ {
		sym := fmt.Sprintf("S%04d", i)
		dates := wk
		if i < 2 {
			sym, dates = fmt.Sprintf("C%d-USD", i), all
		}
		series[sym] = Series{Symbol: sym, Dates: dates, Close: walk(dates)}
		switch {
		case i >= core:
			wl.Members = append(wl.Members, Member{sym, 1})
		case i%2 == 0:
			sp.Bits.Members = append(sp.Bits.Members, Member{sym, 1})
		default:
			sp.Atoms.Members = append(sp.Atoms.Members, Member{sym, 1})
		}
	}
	if len(wl.Members) > 0 {
		sp.Watchlists = []Basket{wl}
	}
	for _, s := range []string{"C", "H", "S", "T", "G", "F"} {
		series[s] = Series{Symbol: s, Dates: wk, Close: walk(wk)}
	}
	// Monthly UNRATE from a year before the history, as FRED sends it: the
	// labor leg of the Whoosh history reads it on every date.
	var unrate []Observation
	for m := from.AddMonths(-13); m <= asOf; m = m.AddMonths(1) {
		unrate = append(unrate, Observation{DateOf(m.Year(), m.Time().Month(), 1), 3.5 + rng.Float64()})
	}
	return Input{Spec: sp, Series: series, Unrate: unrate, Window: Win5Y, AsOf: asOf}
}

// BenchmarkAnalyze is the full recompute: alignment, baskets, RS, gap,
// rolling correlations and the Whoosh history over a 5-year window, at
// the sizes of issue #15.
func BenchmarkAnalyze(b *testing.B) {
	for _, n := range benchSizes {
		in := benchInput(n)
		b.Run(fmt.Sprintf("symbols=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Analyze(in)
			}
		})
	}
}

// BenchmarkPatch is a quote poll during the session at the sizes of issue
// #15: every symbol's close on the last date moves (Analysis.Patch), the
// work that replaces a full Analyze on each poll.
func BenchmarkPatch(b *testing.B) {
	for _, n := range benchSizes {
		in := benchInput(n)
		a := Prepare(in)
		closes := map[string]float64{}
		for sym, s := range in.Series {
			closes[sym] = s.Close[len(s.Close)-1] * 1.001
		}
		b.Run(fmt.Sprintf("symbols=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := a.Patch(closes, nil); !ok {
					b.Fatal("not patched")
				}
			}
		})
	}
}

// benchDays lists every day from from to to, and the weekdays among them:
// the calendars of crypto and of the other benchmark series.
func benchDays(from, to Date) (all, weekdays []Date) {
	for x := from; x <= to; x++ {
		all = append(all, x)
		if wd := x.Weekday(); wd != 0 && wd != 6 {
			weekdays = append(weekdays, x)
		}
	}
	return all, weekdays
}
