package demo

import (
	"context"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

// BenchmarkHistory generates the default symbols' history from 2019-01-02
// to 2025-06-30 with a fresh provider each time (the simulation is cached
// per provider, so this is what one `whoosh snapshot --source demo` pays),
// and then reads it again from the warm provider.
func BenchmarkHistory(b *testing.B) {
	asOf := market.DateOf(2025, 6, 30)
	syms := DefaultSymbols()
	ctx := context.Background()
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			hs, err := New(asOf).History(ctx, syms, Start, asOf)
			if err != nil || len(hs[0].Bars) == 0 {
				b.Fatalf("history: %v", err)
			}
		}
		b.ReportMetric(float64(len(syms)), "symbols")
	})
	b.Run("warm", func(b *testing.B) {
		p := New(asOf)
		if _, err := p.History(ctx, syms, Start, asOf); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := p.History(ctx, syms, Start, asOf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkMacro generates the demo's monthly macro series.
func BenchmarkMacro(b *testing.B) {
	asOf := market.DateOf(2025, 6, 30)
	b.ReportAllocs()
	for b.Loop() {
		if len(Macro(asOf)) == 0 {
			b.Fatal("no macro series")
		}
	}
}
