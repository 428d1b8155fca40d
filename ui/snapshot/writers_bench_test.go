package snapshot

import (
	"context"
	"io"
	"testing"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// benchState is the state of `whoosh snapshot --source demo --asof
// 2025-06-30` with the default config and the ESSAY window.
func benchState(b *testing.B) ui.State {
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
	d := ui.Data{Histories: map[string]feeds.History{}, Quotes: map[string]feeds.Quote{}, Macro: demo.Macro(asOf), MacroOrigin: p.Origin()}
	for _, h := range hs {
		d.Histories[h.Symbol] = h
	}
	for _, q := range qs {
		d.Quotes[q.Symbol] = q
	}
	return ui.Compute(cfg.Spec(), d, market.WinEssay, asOf, p.Origin().Fetched)
}

// countingWriter counts the bytes written.
type countingWriter struct{ n int }

func (c *countingWriter) Write(p []byte) (int, error) { c.n += len(p); return len(p), nil }

var _ io.Writer = (*countingWriter)(nil)

// BenchmarkWrite writes the demo snapshot in every format (text at 80
// columns, markdown, JSON, both CSV tables).
func BenchmarkWrite(b *testing.B) {
	s := benchState(b)
	cases := []struct {
		name string
		o    Options
	}{
		{"text", Options{Format: Text, Width: 80}},
		{"markdown", Options{Format: Markdown, Width: 80}},
		{"json", Options{Format: JSON}},
		{"csv-series", Options{Format: CSV, CSVTable: Series}},
		{"csv-metrics", Options{Format: CSV, CSVTable: Metrics}},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			var w countingWriter
			for b.Loop() {
				w.n = 0
				if err := Write(&w, s, tc.o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(w.n), "bytes")
		})
	}
}
