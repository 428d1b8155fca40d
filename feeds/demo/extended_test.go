package demo

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// TestSimulatedPost: the demo's post-market trades are deterministic, come
// 95 minutes after the close, stay within ±1.5% of it, never touch the
// regular price or change, and crypto has none.
func TestSimulatedPost(t *testing.T) {
	asOf, _ := market.ParseDate("2025-06-30")
	syms := []string{"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "ITB", "INTC", "TSLA", "SPY", "BTC-USD", "ETH-USD"}
	a, err := New(asOf).Quotes(context.Background(), syms)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := New(asOf).Quotes(context.Background(), syms)
	with := 0
	for i, q := range a {
		if p, o := q.Post, b[i].Post; p.Known() != o.Known() || p.Known() && p != o {
			t.Errorf("%s: post differs between runs: %+v vs %+v", q.Symbol, q.Post, b[i].Post)
		}
		if q.Pre.Known() {
			t.Errorf("%s: the demo simulates no pre-market, got %+v", q.Symbol, q.Pre)
		}
		if !q.Post.Known() {
			continue
		}
		with++
		if q.Symbol == "BTC-USD" || q.Symbol == "ETH-USD" {
			t.Errorf("%s: crypto has no post-market, got %+v", q.Symbol, q.Post)
		}
		if want := q.Time.Add(95 * time.Minute); !q.Post.Time.Equal(want) {
			t.Errorf("%s: post at %v, want %v", q.Symbol, q.Post.Time, want)
		}
		// |move| ≤ 1.5% plus half a cent of rounding.
		if math.Abs(q.Post.Price-q.Price) > q.Price*0.015+0.005 {
			t.Errorf("%s: post %v too far from close %v", q.Symbol, q.Post.Price, q.Price)
		}
		if got := 100 * (q.Post.Price - q.Price) / q.Price; math.Abs(got-q.Post.ChangePct) > 1e-9 {
			t.Errorf("%s: post change %v%%, want %v%%", q.Symbol, q.Post.ChangePct, got)
		}
		if q.Change != q.Price-q.PrevClose {
			t.Errorf("%s: the day's change %v is not close − previous close", q.Symbol, q.Change)
		}
	}
	t.Logf("%d of 18 stocks have a post-market trade", with)
	// About one stock in four: with 18 stocks, some but not all.
	if with == 0 || with >= 18 {
		t.Errorf("%d of 18 stocks have a post-market trade, want some but not all", with)
	}
}
