package ui

import (
	"context"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// demoLoad is what the demo source gives for syms as of asOf, held as the
// pipeline's feed holds it: histories, their series converted once (a
// recompute does not convert), quotes.
func demoLoad(tb testing.TB, syms []string, asOf market.Date) (Data, *demo.Provider) {
	tb.Helper()
	p := demo.New(asOf)
	hs, err := p.History(context.Background(), syms, feeds.DefaultFrom(asOf), asOf)
	if err != nil {
		tb.Fatal(err)
	}
	qs, err := p.Quotes(context.Background(), syms)
	if err != nil {
		tb.Fatal(err)
	}
	d := Data{Histories: map[string]feeds.History{}, Series: map[string]market.Series{}, Quotes: map[string]feeds.Quote{}}
	for _, h := range hs {
		d.Histories[h.Symbol], d.Series[h.Symbol] = h, h.Series()
	}
	for _, q := range qs {
		d.Quotes[q.Symbol] = q
	}
	return d, p
}

// demoData loads what `whoosh snapshot --source demo --asof 2025-06-30`
// loads with the default config.
func demoData(b *testing.B) (market.Spec, Data, market.Date, time.Time) {
	b.Helper()
	asOf := market.DateOf(2025, 6, 30)
	spec := config.Default().Spec()
	d, p := demoLoad(b, market.SpecSymbols(spec), asOf)
	d.Macro, d.MacroOrigin = demo.Macro(asOf), p.Origin()
	return spec, d, asOf, p.Origin().Fetched
}

// BenchmarkCompute is the analytics recompute on the demo data (the
// default config's 23 symbols over five years), for the ESSAY and 5Y
// windows: what a window change or a new history batch costs.
func BenchmarkCompute(b *testing.B) {
	spec, d, asOf, now := demoData(b)
	for _, w := range []market.Window{market.WinEssay, market.Win5Y} {
		b.Run(w.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compute(spec, d, w, asOf, now)
			}
		})
	}
}

// BenchmarkRenderSnapshot renders the text snapshot of the demo data
// (ESSAY window) at 80 and 200 columns.
func BenchmarkRenderSnapshot(b *testing.B) {
	spec, d, asOf, now := demoData(b)
	s := Compute(spec, d, market.WinEssay, asOf, now)
	for _, width := range []int{80, 200} {
		b.Run(fmt.Sprintf("width=%d", width), func(b *testing.B) {
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = len(RenderSnapshot(s, width))
			}
			b.ReportMetric(float64(n), "bytes")
		})
	}
}

// bigWatchlistState is the fixture with its watchlist grown to n members
// (deterministic day, window and contribution figures), the shape of a
// large config watchlist.
func bigWatchlistState(n int) State {
	s := FixtureState(market.WinEssay)
	w := &s.Report.Watchlists[0]
	w.Members = make([]market.MemberStat, n)
	for i := range w.Members {
		k := float64(i)
		w.Members[i] = market.MemberStat{
			Symbol: fmt.Sprintf("W%04d", i), Weight: 1 / float64(n), Last: 50 + k,
			DayPct: math.Sin(k * 1.7), WindowPct: 10 * math.Cos(k*0.3), Contribution: math.Sin(k*0.9) / 10,
		}
	}
	return s
}

// BenchmarkWatchlistPanel renders the watchlist screen at 200×60 with 23
// and 1023 members, sorted by window % with a row in the middle selected:
// what a frame of that screen costs (issue #15: constant in N).
func BenchmarkWatchlistPanel(b *testing.B) {
	for _, n := range []int{23, 1023} {
		s := bigWatchlistState(n)
		o := TableOptions{Sort: SortWindow, Selected: n / 2}
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				WatchlistPanel(s, 0, o, 200, 60)
			}
		})
	}
}

// BenchmarkMoversPanel renders the movers panel when the bits basket has 23
// or 1023 members: three best and three worst need no full sort.
func BenchmarkMoversPanel(b *testing.B) {
	for _, n := range []int{23, 1023} {
		s := bigWatchlistState(n)
		s.Report.Bits.Members = s.Report.Watchlists[0].Members
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				MoversPanel(s, 60, 5)
			}
		})
	}
}
