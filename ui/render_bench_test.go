package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// demoData loads what `whoosh snapshot --source demo --asof 2025-06-30`
// loads with the default config.
func demoData(b *testing.B) (market.Spec, Data, market.Date, time.Time) {
	b.Helper()
	asOf := market.DateOf(2025, 6, 30)
	cfg := config.Default()
	p := demo.New(asOf)
	syms := market.SpecSymbols(cfg.Spec())
	hs, err := p.History(context.Background(), syms, feeds.DefaultFrom(asOf), asOf)
	if err != nil {
		b.Fatal(err)
	}
	qs, err := p.Quotes(context.Background(), syms)
	if err != nil {
		b.Fatal(err)
	}
	d := Data{Histories: map[string]feeds.History{}, Quotes: map[string]feeds.Quote{}, Macro: demo.Macro(asOf), MacroOrigin: p.Origin()}
	for _, h := range hs {
		d.Histories[h.Symbol] = h
	}
	for _, q := range qs {
		d.Quotes[q.Symbol] = q
	}
	return cfg.Spec(), d, asOf, p.Origin().Fetched
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
