package ui

import (
	"maps"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// BenchmarkComputeNewDate is the recompute in market hours when the
// histories end the day before: the demo data ends on Monday and every
// quote is Tuesday's, so the quotes add a date (market.Analysis.Extend).
func BenchmarkComputeNewDate(b *testing.B) {
	spec, d, asOf, _ := demoData(b)
	tue := asOf.AddDays(1)
	at := time.Date(2025, 7, 1, 19, 0, 0, 0, time.UTC)
	d.Quotes = maps.Clone(d.Quotes)
	for sym, q := range d.Quotes {
		q.Origin.Kind, q.Time = feeds.KindLive, at
		d.Quotes[sym] = q
	}
	for _, w := range []market.Window{market.WinEssay, market.Win5Y} {
		b.Run(w.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Compute(spec, d, w, tue, at)
			}
		})
	}
}
