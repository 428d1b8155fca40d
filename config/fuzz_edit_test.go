package config

import (
	"reflect"
	"slices"
	"testing"
)

// FuzzEditMember: on any valid config with a watchlist, adding a symbol to
// the first watchlist either refuses (and returns nothing) or inserts one
// run of bytes that makes the list gain the symbol at its end, nothing
// else changed, and removing it again gives the original config back;
// removing each member the list had either refuses or cuts one run of
// bytes that takes exactly that member out.
func FuzzEditMember(f *testing.F) {
	for _, s := range []string{
		"watchlists:\n  - name: Robots   # mine\n    symbols: [ TSLA,ISRG , ^GSPC ]  # c\n",
		"watchlists:\n  - {name: Chips, symbols: [NVDA]}\nwindow: 1y\n",
		"watchlists:\n  - name: FX\n    symbols:\n      # head\n      - EURUSD=X   # euro\n\n      - \"BTC-USD\"\n    # tail\n",
		"watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\nwindow: 1y\r\n",
		"# c\r\nwatchlists:\r\n  - name: A\r\n    symbols:\r\n      - Y\r\n      - X  # Y\r\n  # X\r\n",
		"# lists\r\nwatchlists:\r\n  - {name: A, symbols: [X, W]}\r\n  - {name: B, symbols: [X, W]}\r\n",
		"watchlists:\n  - name: A\n    symbols:\n      -\tX\n      -\tY\n",
		"watchlists:\n  - name: A\n    symbols:\t[X,\tY,\t\"Q\"]\n",
		"\ufeffwatchlists:\n  - name: Röbotik\n    symbols: ['A', \"B\"]",
		"watchlists:\n  - name: A\n    symbols:\n      - X",
		"watchlists:\n  - name: A\n    symbols:\n      - X   \n      - Y # X\n",
	} {
		f.Add([]byte(s))
	}
	f.Add(append(DefaultYAML(), "watchlists:\n  - name: Robots     # hand aligned\n    symbols: [TSLA,   ISRG]   # keep\n\n# the end\n"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err != nil || len(cfg.Watchlists) == 0 {
			return
		}
		name, syms := cfg.Watchlists[0].Name, cfg.Watchlists[0].Symbols
		with := func(list []string) *Config {
			c := *cfg
			c.Watchlists = slices.Clone(cfg.Watchlists)
			c.Watchlists[0].Symbols = list
			return &c
		}
		const sym = "ZQX9"
		if out, err := AddMember(data, name, sym); err == nil {
			if !oneRun(data, out) {
				t.Fatalf("the add changed more than one run of bytes:\n%q\n%q", data, out)
			}
			if got, err := Parse("f.yaml", out); err != nil || !reflect.DeepEqual(got, with(append(slices.Clone(syms), sym))) {
				t.Fatalf("after the add: %+v, %v\nfile %q", got, err, out)
			}
			back, err := RemoveMember(out, name, sym)
			if err != nil {
				t.Fatalf("removing what was added: %v\n%q", err, out)
			}
			if again, err := Parse("f.yaml", back); err != nil || !reflect.DeepEqual(again, cfg) {
				t.Fatalf("add then remove: %+v, %v\nfile %q", again, err, back)
			}
		} else if out != nil {
			t.Fatalf("output with an error: %v", err)
		}
		if len(syms) < 2 {
			return // removing the only member leaves [], which Parse rejects
		}
		for k, s := range syms {
			out, err := RemoveMember(data, name, s)
			if err != nil {
				continue // refusing is allowed (a comment inside a flow list)
			}
			if !oneRun(out, data) {
				t.Fatalf("removing %s changed more than one run of bytes:\n%q\n%q", s, data, out)
			}
			if got, err := Parse("f.yaml", out); err != nil || !reflect.DeepEqual(got, with(slices.Delete(slices.Clone(syms), k, k+1))) {
				t.Fatalf("after removing %s: %+v, %v\nfile %q", s, got, err, out)
			}
		}
	})
}

// oneRun reports whether long is short with one run of bytes inserted.
func oneRun(short, long []byte) bool {
	p := 0
	for p < len(short) && short[p] == long[p] {
		p++
	}
	s := 0
	for s < len(short)-p && short[len(short)-1-s] == long[len(long)-1-s] {
		s++
	}
	return p+s == len(short) && len(long) > len(short)
}
