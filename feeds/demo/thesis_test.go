package demo

import (
	"slices"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

func TestThesisSymbolsAnchored(t *testing.T) {
	// Real closes of 2024-03-20, typed in again rather than read from the
	// profile table.
	want := map[string]float64{"^NDX": 18240.69, "^GSPC": 5224.62, "SMH": 217.58, "BOTZ": 31.52}
	if len(want) != len(ThesisSymbols()) {
		t.Fatalf("test covers %d symbols, ThesisSymbols has %d", len(want), len(ThesisSymbols()))
	}
	p := New(date(t, "2025-06-30"))
	for _, h := range history(t, p, Anchor, Anchor, ThesisSymbols()...) {
		if h.Err != nil || len(h.Bars) != 1 || h.Bars[0].Close != want[h.Symbol] {
			t.Errorf("%s on the anchor: %+v %v, want %v", h.Symbol, h.Bars, h.Err, want[h.Symbol])
		}
	}
	// Every symbol the scorecard names is simulated with a profile of its
	// own (a name), not the seeded fallback that echoes the ticker.
	for _, s := range market.ThesisSymbols() {
		if profileOf(s).name == s {
			t.Errorf("%s has no demo profile", s)
		}
	}
}

func TestPeakWeek(t *testing.T) {
	p := New(date(t, "2025-06-30"))
	h := history(t, p, date(t, "2000-03-01"), date(t, "2000-03-17"), "^NDX")[0]
	if h.Err != nil || len(h.Bars) != 5 || h.Bars[4].Date != market.ThesisPeak || h.Bars[4].Close != 4585.38 {
		t.Fatalf("^NDX peak week: %+v %v", h.Bars, h.Err)
	}
	// A range across both the peak week and 2019 holds both, in order.
	h = history(t, p, date(t, "2000-03-10"), date(t, "2019-01-03"), "^GSPC")[0]
	if len(h.Bars) != 3 || h.Bars[0].Close != 1395.07 || h.Bars[1].Date != Start {
		t.Errorf("^GSPC 2000-03-10…2019-01-03: %+v", h.Bars)
	}
	// Other symbols have nothing before Start.
	if h := history(t, p, date(t, "2000-03-01"), date(t, "2000-03-17"), "SPY")[0]; h.Err == nil {
		t.Errorf("SPY in 2000: %+v, want no data", h.Bars)
	}
}

// TestThesisOnDemo scores the essay on demo data with the default baskets:
// every claim has its data, and the story gives more than one verdict.
func TestThesisOnDemo(t *testing.T) {
	asOf := date(t, "2025-12-30")
	p := New(asOf)
	syms := append(DefaultSymbols(), market.ThesisSymbols()...)
	in := market.ThesisInput{
		Spec: market.Spec{Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM", "F"},
			Bits:  market.Basket{Key: "bits", Members: members("NVDA", "MSFT", "GOOGL", "META", "AMZN")},
			Atoms: market.Basket{Key: "atoms", Members: members("XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC")}},
		Series: map[string]market.Series{},
		Facts:  map[string]market.Fundamentals{},
		Long:   map[string]market.Series{},
		Macro:  Macro(asOf),
		AsOf:   asOf,
	}
	for _, h := range history(t, p, Start, asOf, syms...) {
		in.Series[h.Symbol] = h.Series()
	}
	for _, h := range history(t, p, date(t, "2000-03-01"), date(t, "2000-03-17"), market.ThesisLongSymbols()...) {
		in.Long[h.Symbol] = h.Series()
	}
	qs, _ := p.Quotes(ctx, []string{"TSLA", "GM"})
	for _, q := range qs {
		in.Facts[q.Symbol] = market.Fundamentals{Price: q.Price, MarketCap: q.MarketCap, SharesOutstanding: q.SharesOutstanding}
	}
	verdicts := map[market.Verdict]int{}
	for _, c := range market.Thesis(in) {
		verdicts[c.Verdict]++
		t.Logf("%-24s %-14s %10.3f %s %s", c.ID, c.Verdict, c.Value, c.AsOf, c.Note)
		if len(c.Missing) > 0 || (c.Verdict != market.NotMeasurable && len(c.Since) == 0) {
			t.Errorf("%s: missing %v, %d points", c.ID, c.Missing, len(c.Since))
		}
	}
	if len(verdicts) < 3 || verdicts[market.OnTrack] == 0 || verdicts[market.Against] == 0 {
		t.Errorf("verdicts %v: want a story with on_track, against and more", verdicts)
	}
}

func members(syms ...string) []market.Member {
	out := make([]market.Member, len(syms))
	for i, s := range syms {
		out[i] = market.Member{Symbol: s, Weight: 1}
	}
	return slices.Clip(out)
}
