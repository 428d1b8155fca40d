package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

// FuzzParse checks that Parse never panics and that its result is either a
// valid config or Errors whose messages hold no control characters.
func FuzzParse(f *testing.F) {
	f.Add(DefaultYAML())
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	for _, s := range []string{
		"", "window: 1y\n", "gap: {move_days: 1.5}\n", "refresh: 1s\n", "baskets: {bits: []}\n",
		"colour: blue\nbaskets:\n  bits: {members: [NVDA, \"NV DA\"]}\n",
		"baskets:\n  <<: {bits: [A]}\n", "window: *w\n", "a: &a [1]\nwatchlists: [{name: W, symbols: *a}]\n",
		"watchlists:\n  - {name: R, symbols: [A]}\n  - {name: r, symbols: [A, a]}\n",
		"- 1\n", "window: [1y\n", "\tx: 1\n", "window: 1y\n---\nwindow: 2y\n", "window: \xff\n",
		"baskets: {bits: {name: \"\\e[31m\", members: [{symbol: A, weight: .nan}]}}\n",
		"whoosh: {weights: {labor: -1}, corr_days: 99999999999999999999}\n",
		"version: !!str 1\nmacro: {series: [unrate, UNRATE]}\n",
		"baskets: {atoms: [{symbol: A, weight: 1e-320}, {symbol: B, weight: 2e308}]}\nwhoosh: {weights: {crypto: 1e-400}}\nrefresh: 25h\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err == nil {
			if cfg == nil {
				t.Fatal("nil config without an error")
			}
			checkValid(t, cfg)
			return
		}
		if cfg != nil {
			t.Fatal("config returned with an error")
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("error %v is not a non-empty Errors", err)
		}
		for _, e := range errs {
			if strings.ContainsFunc(e.Msg+e.Hint, unicode.IsControl) {
				t.Fatalf("control character in %q", e.Error())
			}
		}
	})
}

// checkValid checks the invariants a parsed config promises.
func checkValid(t *testing.T, c *Config) {
	t.Helper()
	if c.Refresh < MinRefresh || c.Refresh > MaxRefresh || c.Version != Version {
		t.Fatalf("refresh %v, version %d", c.Refresh, c.Version)
	}
	for _, b := range []Basket{c.Baskets.Bits, c.Baskets.Atoms, c.Baskets.Crypto, c.Baskets.Havens} {
		if len(b.Members) == 0 || b.Name == "" {
			t.Fatalf("basket %+v", b)
		}
		for _, m := range b.Members {
			if !weightRange.has(m.Weight) {
				t.Fatalf("weight %v", m.Weight)
			}
		}
	}
	w := c.Whoosh.Weights
	for _, x := range []float64{w.Rotation, w.Crypto, w.Havens, w.TeslaDrift, w.Labor} {
		if !legRange.has(x) {
			t.Fatalf("leg weight %v", x)
		}
	}
	for _, w := range c.Watchlists {
		if w.Name == "" || len(w.Symbols) == 0 || strings.ContainsFunc(w.Name, func(r rune) bool { return !unicode.IsPrint(r) }) {
			t.Fatalf("watchlist %+v", w)
		}
	}
	for _, s := range c.Symbols() {
		if !validSymbolForTest(s) {
			t.Fatalf("symbol %q", s)
		}
	}
}

func validSymbolForTest(s string) bool {
	return s != "" && len(s) <= 24 && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-^=", r))
	})
}
