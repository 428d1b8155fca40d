package ui

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// TestThesisReadsTheDashboardsNumbers (issue 17): with the issue's
// baskets, the scorecard's two headline metrics are the very numbers the
// dashboard shows — bits-beat-atoms is the ESSAY window's RS, and
// tesla-trades-like-atoms is Tesla's 63-day correlation with atoms minus
// that with bits — so the RS checked by hand against real closes (125.6
// through 2025-12-30) is what the claim reports on those closes.
func TestThesisReadsTheDashboardsNumbers(t *testing.T) {
	asOf := market.DateOf(2025, 12, 30)
	spec := market.Spec{
		Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM", "F"},
		MoveDays: 21, CorrDays: 63, Lookback: 63,
		Bits:  basket("bits", "NVDA", "MSFT", "GOOGL", "META", "AMZN"),
		Atoms: basket("atoms", "XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC"),
	}
	syms := append(market.SpecSymbols(spec), market.ThesisSymbols()...)
	p := demo.New(asOf)
	hs, err := p.History(context.Background(), syms, feeds.DefaultFrom(asOf), asOf)
	if err != nil {
		t.Fatal(err)
	}
	d := Data{Histories: map[string]feeds.History{}, Quotes: map[string]feeds.Quote{}}
	for _, h := range hs {
		d.Histories[h.Symbol] = h
	}
	now := time.Date(2025, 12, 30, 22, 0, 0, 0, time.UTC)
	st := Compute(spec, d, market.WinEssay, asOf, now)
	claim := func(id string) market.Claim {
		for _, c := range st.Thesis {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("no claim %s", id)
		return market.Claim{}
	}
	rs := st.Report.RS.Last
	tesla := st.Report.Tesla.CorrAtoms - st.Report.Tesla.CorrBits
	if math.IsNaN(rs) || math.IsNaN(tesla) {
		t.Fatalf("the dashboard has no RS (%v) or Tesla correlations (%v)", rs, tesla)
	}
	t.Logf("RS %.2f, corr(atoms) − corr(bits) %.3f", rs, tesla)
	if c := claim("bits-beat-atoms"); math.Abs(c.Value-rs) > 1e-6 {
		t.Errorf("bits-beat-atoms = %v, the dashboard's ESSAY RS = %v", c.Value, rs)
	}
	if c := claim("tesla-trades-like-atoms"); math.Abs(c.Value-tesla) > 1e-6 {
		t.Errorf("tesla-trades-like-atoms = %v, the dashboard's corr(atoms) − corr(bits) = %v", c.Value, tesla)
	}
}

func basket(key string, syms ...string) market.Basket {
	b := market.Basket{Key: key, Name: key}
	for _, s := range syms {
		b.Members = append(b.Members, market.Member{Symbol: s, Weight: 1})
	}
	return b
}
