package config

import (
	"reflect"
	"slices"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

func TestDefaultSymbols(t *testing.T) {
	// Gap first (TSLA GM F), then bits, atoms without GM and F (seen), crypto
	// (both seen in bits), havens, SPY: 3 + 8 + 8 + 0 + 3 + 1 = 23.
	want := []string{"TSLA", "GM", "F",
		"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD",
		"XOM", "CVX", "LMT", "MCD", "KKR", "BX", "INTC", "ITB",
		"EWS", "EWL", "UAE", "SPY"}
	if got := Default().Symbols(); !slices.Equal(got, want) {
		t.Errorf("Symbols() = %v\nwant %v", got, want)
	}
}

func TestNewSymbols(t *testing.T) {
	old := Default()
	next := Default()
	next.Watchlists = []Watchlist{{Name: "Robots", Symbols: []string{"TSLA", "ISRG", "ABBV"}}}
	next.Baskets.Benchmark = "QQQ"
	// TSLA is already fetched; ISRG, ABBV and QQQ are new (benchmark comes
	// before watchlists in Symbols order).
	if got, want := NewSymbols(old, next), []string{"QQQ", "ISRG", "ABBV"}; !slices.Equal(got, want) {
		t.Errorf("NewSymbols = %v, want %v", got, want)
	}
	// Going back drops ISRG and ABBV (nothing to fetch) and brings SPY back.
	if got, want := NewSymbols(next, old), []string{"SPY"}; !slices.Equal(got, want) {
		t.Errorf("NewSymbols going back = %v, want %v", got, want)
	}
	if got := NewSymbols(old, Default()); len(got) != 0 {
		t.Errorf("NewSymbols of equal configs = %v, want none", got)
	}
	if got := NewSymbols(nil, old); !slices.Equal(got, old.Symbols()) {
		t.Errorf("NewSymbols(nil, c) = %v, want every symbol", got)
	}
}

func TestSpec(t *testing.T) {
	c := Default()
	c.Watchlists = []Watchlist{{Name: "Robots", Symbols: []string{"TSLA", "ISRG"}}}
	c.Baskets.Crypto.Members = []market.Member{{Symbol: "BTC-USD", Weight: 2}}
	s := c.Spec()

	if s.Bits.Key != "bits" || s.Bits.Name != "Economy of Bits" || len(s.Bits.Members) != 8 {
		t.Errorf("Bits = %+v", s.Bits)
	}
	if s.Atoms.Key != "atoms" || s.Crypto.Key != "crypto" || s.Havens.Key != "havens" {
		t.Errorf("keys = %q %q %q", s.Atoms.Key, s.Crypto.Key, s.Havens.Key)
	}
	if !reflect.DeepEqual(s.Crypto.Members, []market.Member{{Symbol: "BTC-USD", Weight: 2}}) {
		t.Errorf("Crypto members = %v", s.Crypto.Members)
	}
	if s.Benchmark != "SPY" || s.Tesla != "TSLA" || !slices.Equal(s.Incumbents, []string{"GM", "F"}) {
		t.Errorf("benchmark/tesla/incumbents = %q %q %v", s.Benchmark, s.Tesla, s.Incumbents)
	}
	if s.MoveDays != 21 || s.CorrDays != 63 || s.Lookback != 63 {
		t.Errorf("days = %d %d %d, want 21 63 63", s.MoveDays, s.CorrDays, s.Lookback)
	}
	if s.Weights != (market.Weights{Rotation: 1, Crypto: 1, Havens: 1, TeslaDrift: 1, Labor: 1}) {
		t.Errorf("weights = %+v", s.Weights)
	}
	wantWL := []market.Basket{{Key: "Robots", Name: "Robots",
		Members: []market.Member{{Symbol: "TSLA", Weight: 1}, {Symbol: "ISRG", Weight: 1}}}}
	if !reflect.DeepEqual(s.Watchlists, wantWL) {
		t.Errorf("Watchlists = %+v, want %+v", s.Watchlists, wantWL)
	}

	// The spec shares no memory with the config.
	s.Bits.Members[0].Symbol = "CHANGED"
	s.Incumbents[0] = "CHANGED"
	if c.Baskets.Bits.Members[0].Symbol != "NVDA" || c.Gap.Incumbents[0] != "GM" {
		t.Errorf("Spec aliases the config")
	}
}

func TestEqual(t *testing.T) {
	a, b := Default(), Default()
	if !a.Equal(b) {
		t.Error("two defaults differ")
	}
	b.Baskets.Bits.Members[0].Weight = 2
	if a.Equal(b) {
		t.Error("a changed weight is not noticed")
	}
	var nilCfg *Config
	if a.Equal(nil) || !nilCfg.Equal(nil) {
		t.Error("nil handling")
	}
}

func TestDefaultIsFresh(t *testing.T) {
	a := Default()
	a.Baskets.Bits.Members[0].Symbol = "X"
	if Default().Baskets.Bits.Members[0].Symbol != "NVDA" {
		t.Error("Default shares memory between calls")
	}
	y := DefaultYAML()
	y[0] = '!'
	if DefaultYAML()[0] == '!' {
		t.Error("DefaultYAML shares memory between calls")
	}
}
