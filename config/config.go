// Package config reads whoosh's YAML configuration: the schema, the embedded
// default config, strict validation that reports every error with its
// file:line:col, where the file lives, and a watcher for hot reload.
//
// A valid Config is safe to use as is: symbols are normalised and checked
// with market.ValidSymbol, and names contain printable characters only.
// Error messages quote every value taken from the file with %q, so they
// contain no control characters either (the file name is the caller's).
package config

import (
	_ "embed"
	"reflect"
	"slices"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// Version is the only config schema version this package reads.
const Version = 1

// MinRefresh is the shortest allowed quote polling interval.
const MinRefresh = 15 * time.Second

// MaxRefresh is the longest: a quote older than a day is no longer a quote.
const MaxRefresh = 24 * time.Hour

// Config is a parsed, validated configuration.
type Config struct {
	Version    int           // always Version
	Source     string        // auto, yahoo, cache, demo, or csv:DIR (DIR as written)
	Window     market.Window // the window shown at start
	Refresh    time.Duration // quote polling interval, in [MinRefresh, MaxRefresh]
	Mouse      bool          // the dashboard answers clicks and the wheel
	Baskets    Baskets
	Gap        Gap
	Whoosh     Whoosh
	Watchlists []Watchlist // in file order; names are unique (case-insensitively)
	Macro      Macro
	Alerts     []Alert // in file order; names are unique (case-insensitively)
}

// Baskets are the thesis baskets and the benchmark they are measured against.
type Baskets struct {
	Bits, Atoms, Crypto, Havens Basket
	Benchmark                   string // SPY
}

// Basket is a named, weighted set of symbols (never empty; weights > 0).
type Basket struct {
	Name    string
	Members []market.Member
}

// Gap configures the Tesla-vs-incumbents market-cap comparison.
type Gap struct {
	Tesla      string   // TSLA
	Incumbents []string // GM, F: the first is "a GM", the second "a Ford"
	MoveDays   int      // trading days of the market-cap move test
}

// Whoosh configures the Whoosh Index.
type Whoosh struct {
	LookbackDays int            // lookback L in trading days
	CorrDays     int            // rolling correlation span in trading days
	Weights      market.Weights // component weights v_k (≥ 0, not all 0)
}

// Watchlist is a user's named list of symbols, shown as an equal-weight index.
type Watchlist struct {
	Name    string
	Symbols []string
}

// Macro lists the FRED series to load.
type Macro struct {
	Series []string // FRED series ids, upper case
}

//go:embed default.yaml
var defaultYAML []byte

// DefaultYAML returns the commented default config file, the one Init
// writes. Parsing it gives Default().
func DefaultYAML() []byte { return slices.Clone(defaultYAML) }

// Default returns the built-in configuration, used when there is no config
// file. Each call returns a fresh copy.
func Default() *Config {
	eq := func(syms ...string) []market.Member {
		ms := make([]market.Member, len(syms))
		for i, s := range syms {
			ms[i] = market.Member{Symbol: s, Weight: 1}
		}
		return ms
	}
	return &Config{
		Version: Version,
		Source:  "auto",
		Window:  market.WinEssay,
		Refresh: 60 * time.Second,
		Mouse:   true,
		Baskets: Baskets{
			Bits: Basket{Name: "Economy of Bits",
				Members: eq("NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD")},
			Atoms: Basket{Name: "Economy of Atoms",
				Members: eq("XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB")},
			Crypto:    Basket{Name: "Crypto", Members: eq("BTC-USD", "ETH-USD")},
			Havens:    Basket{Name: "Talent Havens", Members: eq("EWS", "EWL", "UAE")},
			Benchmark: "SPY",
		},
		Gap: Gap{Tesla: "TSLA", Incumbents: []string{"GM", "F"}, MoveDays: 21},
		Whoosh: Whoosh{
			LookbackDays: 63,
			CorrDays:     63,
			Weights:      market.Weights{Rotation: 1, Crypto: 1, Havens: 1, TeslaDrift: 1, Labor: 1},
		},
		Macro: Macro{Series: []string{"UNRATE", "FEDFUNDS", "CES7072200001"}},
	}
}

// Spec converts the config into what the analytics compute. Basket keys are
// bits, atoms, crypto and havens; a watchlist's key is its name and its
// members have equal weights. The result shares no memory with c.
func (c *Config) Spec() market.Spec {
	basket := func(key string, b Basket) market.Basket {
		return market.Basket{Key: key, Name: b.Name, Members: slices.Clone(b.Members)}
	}
	s := market.Spec{
		Bits:       basket("bits", c.Baskets.Bits),
		Atoms:      basket("atoms", c.Baskets.Atoms),
		Crypto:     basket("crypto", c.Baskets.Crypto),
		Havens:     basket("havens", c.Baskets.Havens),
		Benchmark:  c.Baskets.Benchmark,
		Tesla:      c.Gap.Tesla,
		Incumbents: slices.Clone(c.Gap.Incumbents),
		MoveDays:   c.Gap.MoveDays,
		CorrDays:   c.Whoosh.CorrDays,
		Lookback:   c.Whoosh.LookbackDays,
		Weights:    c.Whoosh.Weights,
	}
	for _, w := range c.Watchlists {
		ms := make([]market.Member, len(w.Symbols))
		for i, sym := range w.Symbols {
			ms[i] = market.Member{Symbol: sym, Weight: 1}
		}
		s.Watchlists = append(s.Watchlists, market.Basket{Key: w.Name, Name: w.Name, Members: ms})
	}
	return s
}

// Symbols returns every symbol the config needs data for, each once, in a
// stable order: Tesla and the incumbents, the members of bits, atoms,
// crypto and havens, the benchmark, then the watchlists in file order.
func (c *Config) Symbols() []string { return market.SpecSymbols(c.Spec()) }

// NewSymbols returns the symbols next needs that old did not, in next's
// Symbols order: what a hot reload has to fetch. A nil old means nothing
// was loaded yet, so every symbol is new.
func NewSymbols(old, next *Config) []string {
	if next == nil {
		return nil
	}
	had := make(map[string]bool)
	if old != nil {
		for _, s := range old.Symbols() {
			had[s] = true
		}
	}
	var out []string
	for _, s := range next.Symbols() {
		if !had[s] {
			out = append(out, s)
		}
	}
	return out
}

// Equal reports whether c and o describe the same configuration.
func (c *Config) Equal(o *Config) bool {
	if c == nil || o == nil {
		return c == o
	}
	return reflect.DeepEqual(c, o)
}
