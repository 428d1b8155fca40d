package config

import (
	"reflect"
	"slices"
	"testing"
)

// FuzzEditMember: on any valid config with a watchlist, adding a symbol to
// the first watchlist either refuses (and returns nothing) or gives a
// valid config in which that list gained the symbol at its end and nothing
// else changed; removing the symbol again gives the original config back.
func FuzzEditMember(f *testing.F) {
	for _, s := range []string{
		"watchlists:\n  - name: Robots   # mine\n    symbols: [ TSLA,ISRG , ^GSPC ]  # c\n",
		"watchlists:\n  - {name: Chips, symbols: [NVDA]}\nwindow: 1y\n",
		"watchlists:\n  - name: FX\n    symbols:\n      # head\n      - EURUSD=X   # euro\n\n      - \"BTC-USD\"\n    # tail\n",
		"watchlists:\r\n  - name: A\r\n    symbols:\r\n      - X\r\nwindow: 1y\r\n",
		"watchlists:\n  - name: A\n    symbols:\n      -\tX\n      -\tY\n",
		"watchlists:\n  - name: A\n    symbols:\t[X,\tY,\t\"Q\"]\n",
		"\ufeffwatchlists:\n  - name: Röbotik\n    symbols: ['A', \"B\"]",
		"watchlists:\n  - name: A\n    symbols:\n      - X",
	} {
		f.Add([]byte(s))
	}
	f.Add(append(DefaultYAML(), "watchlists:\n  - name: Robots     # hand aligned\n    symbols: [TSLA,   ISRG]   # keep\n\n# the end\n"...))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err != nil || len(cfg.Watchlists) == 0 {
			return
		}
		const sym = "ZQX9"
		name := cfg.Watchlists[0].Name
		if slices.Contains(cfg.Watchlists[0].Symbols, sym) {
			return
		}
		out, err := AddMember(data, name, sym)
		if err != nil {
			if out != nil {
				t.Fatalf("output with an error: %v", err)
			}
			return
		}
		got, err := Parse("f.yaml", out)
		if err != nil {
			t.Fatalf("the add made the config invalid: %v\n%q", err, out)
		}
		want := *cfg
		want.Watchlists = slices.Clone(cfg.Watchlists)
		want.Watchlists[0].Symbols = append(slices.Clone(cfg.Watchlists[0].Symbols), sym)
		if !reflect.DeepEqual(got, &want) {
			t.Fatalf("after the add:\n%+v\nwant:\n%+v\nfile %q", got, &want, out)
		}
		back, err := RemoveMember(out, name, sym)
		if err != nil {
			t.Fatalf("removing what was added: %v\n%q", err, out)
		}
		if again, err := Parse("f.yaml", back); err != nil || !reflect.DeepEqual(again, cfg) {
			t.Fatalf("add then remove: %+v, %v\nwant %+v\nfile %q", again, err, cfg, back)
		}
	})
}
