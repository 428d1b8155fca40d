package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"github.com/whoosh-dev/whoosh/market"
)

func TestDefaultYAMLParsesToDefault(t *testing.T) {
	cfg, err := Parse("default.yaml", DefaultYAML())
	if err != nil {
		t.Fatalf("Parse(default.yaml): %v", err)
	}
	if !cfg.Equal(Default()) {
		t.Errorf("default.yaml parses to\n%+v\nwant Default()\n%+v", cfg, Default())
	}
}

// TestParseValid applies each file over the defaults: want edits a fresh
// Default() into the expected config, so everything the file does not
// mention must keep its default.
func TestParseValid(t *testing.T) {
	eq := func(syms ...string) []market.Member {
		var ms []market.Member
		for _, s := range syms {
			ms = append(ms, market.Member{Symbol: s, Weight: 1})
		}
		return ms
	}
	tests := []struct {
		name string
		yaml string
		want func(c *Config)
	}{
		{"empty file", "", func(c *Config) {}},
		{"only comments", "# nothing here\n", func(c *Config) {}},
		{"only a window", "window: 1y\n", func(c *Config) { c.Window = market.Win1Y }},
		{"window in mixed case", "window: YtD\n", func(c *Config) { c.Window = market.WinYTD }},
		{"version 1", "version: 1\n", func(c *Config) {}},
		{"source keyword in upper case", "source: DEMO\n", func(c *Config) { c.Source = "demo" }},
		{"csv source keeps its directory", "source: csv:/tmp/My Data\n", func(c *Config) { c.Source = "csv:/tmp/My Data" }},
		{"refresh at the minimum", "refresh: 15s\n", func(c *Config) { c.Refresh = 15 * time.Second }},
		{"refresh compound", "refresh: 1m30s\n", func(c *Config) { c.Refresh = 90 * time.Second }},
		{"null section keeps defaults", "baskets:\nwhoosh:\n", func(c *Config) {}},
		{"basket without name keeps the default name",
			"baskets: {bits: {members: [' nvda ', amd]}}\n",
			func(c *Config) { c.Baskets.Bits.Members = eq("NVDA", "AMD") }},
		{"basket as a bare list",
			"baskets:\n  havens: [EWS, EWL]\n",
			func(c *Config) { c.Baskets.Havens.Members = eq("EWS", "EWL") }},
		{"weighted members",
			"baskets:\n  crypto:\n    name: Coins\n    members: [{symbol: btc-usd, weight: 3}, {symbol: ETH-USD, weight: 0.5}, SOL-USD]\n",
			func(c *Config) {
				c.Baskets.Crypto = Basket{Name: "Coins", Members: []market.Member{
					{Symbol: "BTC-USD", Weight: 3}, {Symbol: "ETH-USD", Weight: 0.5}, {Symbol: "SOL-USD", Weight: 1}}}
			}},
		{"benchmark", "baskets: {benchmark: qqq}\n", func(c *Config) { c.Baskets.Benchmark = "QQQ" }},
		{"gap", "gap: {tesla: RIVN, incumbents: [F], move_days: 10}\n", func(c *Config) {
			c.Gap = Gap{Tesla: "RIVN", Incumbents: []string{"F"}, MoveDays: 10}
		}},
		{"whole float into an int", "gap: {move_days: 21.0}\n", func(c *Config) {}},
		{"one whoosh weight", "whoosh: {weights: {labor: 0}}\n", func(c *Config) { c.Whoosh.Weights.Labor = 0 }},
		{"whoosh spans", "whoosh: {lookback_days: 126, corr_days: 21}\n", func(c *Config) {
			c.Whoosh.LookbackDays, c.Whoosh.CorrDays = 126, 21
		}},
		{"no macro series", "macro: {series: []}\n", func(c *Config) { c.Macro.Series = nil }},
		{"macro ids upper-cased", "macro: {series: [unrate, T10Y2Y]}\n", func(c *Config) {
			c.Macro.Series = []string{"UNRATE", "T10Y2Y"}
		}},
		{"empty watchlists", "watchlists: []\n", func(c *Config) {}},
		// ON, yes and 1234 would be a string, a string and an int in YAML;
		// as symbols and names they are text.
		{"scalars as text", "watchlists: [{name: 2030, symbols: [ON, yes, 1234]}]\n", func(c *Config) {
			c.Watchlists = []Watchlist{{Name: "2030", Symbols: []string{"ON", "YES", "1234"}}}
		}},
		{"anchors and aliases", "baskets:\n  bits: &b [NVDA, AMD]\n  atoms: *b\n", func(c *Config) {
			c.Baskets.Bits.Members = eq("NVDA", "AMD")
			c.Baskets.Atoms.Members = eq("NVDA", "AMD")
		}},
		{"byte order mark", "\ufeffwindow: 2y\n", func(c *Config) { c.Window = market.Win2Y }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("c.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := Default()
			tt.want(want)
			if !got.Equal(want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestParseCustomFile(t *testing.T) {
	data, err := os.ReadFile("testdata/custom.yaml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := Parse("custom.yaml", data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	want := Default()
	want.Window = market.Win1Y
	want.Refresh = 2 * time.Minute
	want.Baskets.Bits = Basket{Name: "Chips and Coins", Members: []market.Member{
		{Symbol: "NVDA", Weight: 1}, {Symbol: "AMD", Weight: 1}, {Symbol: "BTC-USD", Weight: 0.5}}}
	want.Baskets.Atoms = Basket{Name: "Old Industry", Members: []market.Member{
		{Symbol: "XOM", Weight: 1}, {Symbol: "CVX", Weight: 1}, {Symbol: "GM", Weight: 1}, {Symbol: "F", Weight: 1}}}
	want.Watchlists = []Watchlist{
		{Name: "Robots", Symbols: []string{"TSLA", "ISRG", "ABBV"}},
		{Name: "Havens+", Symbols: []string{"EWS", "EWL", "UAE", "GLD"}},
	}
	if !got.Equal(want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
}

// TestParseErrors checks the exact messages. Columns are counted by hand
// from 1 at the first character of the line; each comment shows the count.
func TestParseErrors(t *testing.T) {
	const topKeys = "known keys here: version, source, window, refresh, mouse, baskets, gap, whoosh, watchlists, macro, alerts"
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown key and bad symbol (both reported)",
			// line 3: "  bits: {members: [NVDA, " is 25 characters, so the
			// quote of "NV DA" is column 26.
			"colour: blue\nbaskets:\n  bits: {members: [NVDA, \"NV DA\"]}\n",
			[]string{
				`c.yaml:1:1: unknown key "colour" (hint: ` + topKeys + `)`,
				`c.yaml:3:26: baskets.bits.members: invalid symbol "NV DA" (hint: ` + symbolHint + `)`,
			}},
		{"typo gets a suggestion", "windw: 1y\n",
			[]string{`c.yaml:1:1: unknown key "windw" (hint: did you mean "window"?)`}},
		{"wrong case gets a suggestion", "baskets: {bits: {Members: [A]}}\n",
			// "baskets: {bits: {" is 17 characters; Members at 18. The
			// basket itself ({ at 17) then has no members.
			[]string{
				`c.yaml:1:17: baskets.bits: basket has no members (hint: list at least one symbol: members: [SYM, …])`,
				`c.yaml:1:18: baskets.bits: unknown key "Members" (hint: did you mean "members"?)`,
			}},
		{"float into an int", "gap: {move_days: 1.5}\n", // "gap: {move_days: " = 17
			[]string{`c.yaml:1:18: gap.move_days: must be a whole number, not 1.5 (hint: use a whole number from 1 to 252)`}},
		{"string into an int", "whoosh: {corr_days: \"63\"}\n", // "whoosh: {corr_days: " = 20
			[]string{`c.yaml:1:21: whoosh.corr_days: must be a whole number, not the string "63" (hint: use a whole number from 2 to 1260)`}},
		{"int out of range", "whoosh: {corr_days: 1}\n",
			[]string{`c.yaml:1:21: whoosh.corr_days: 1 is out of range (hint: use a whole number from 2 to 1260)`}},
		{"refresh under the minimum", "refresh: 10s\n", // "refresh: " = 9
			[]string{`c.yaml:1:10: refresh: 10s is below the minimum of 15s (hint: use 15s or more)`}},
		{"bad duration", "refresh: soon\n",
			[]string{`c.yaml:1:10: refresh: invalid duration "soon" (hint: a duration such as 60s, 2m or 1m30s)`}},
		{"duration without unit", "refresh: 60\n",
			[]string{`c.yaml:1:10: refresh: invalid duration "60" (hint: a duration such as 60s, 2m or 1m30s)`}},
		{"unknown window", "window: 10y\n", // "window: " = 8
			[]string{`c.yaml:1:9: window: unknown window "10y" (hint: ` + windowHint + `)`}},
		{"unknown source", "source: nasdaq\n",
			[]string{`c.yaml:1:9: source: unknown source "nasdaq" (hint: ` + sourceHint + `)`}},
		{"csv source without a directory", "source: 'csv: '\n",
			[]string{`c.yaml:1:9: source: unknown source "csv: " (hint: ` + sourceHint + `)`}},
		{"bad version", "version: 2\n", // "version: " = 9
			[]string{`c.yaml:1:10: version: unsupported version 2 (hint: this whoosh reads version 1)`}},
		{"duplicate symbol after normalising", "baskets: {atoms: [XOM, xom]}\n",
			// "baskets: {atoms: [" = 18: XOM at 19; "XOM, " brings xom to 24.
			[]string{`c.yaml:1:24: baskets.atoms.members: duplicate symbol "XOM" (hint: already listed at 1:19; list each symbol once)`}},
		{"zero weight", "baskets: {bits: [{symbol: A, weight: 0}]}\n",
			// "baskets: {bits: [{symbol: A, weight: " = 37
			[]string{`c.yaml:1:38: baskets.bits.members.weight: weight 0 is out of range (hint: use a number from 0.001 to 1000; weights are relative)`}},
		{"member without symbol", "baskets: {bits: [{weight: 2}]}\n", // { at 18
			[]string{`c.yaml:1:18: baskets.bits.members: member has no symbol (hint: write {symbol: SYM, weight: W})`}},
		{"empty basket", "baskets: {havens: []}\n", // "baskets: {havens: " = 18
			[]string{`c.yaml:1:19: baskets.havens: basket has no members (hint: list at least one symbol: members: [SYM, …])`}},
		{"empty list entry", "baskets: {bits: [A, ~]}\n", // "baskets: {bits: [A, " = 20
			[]string{`c.yaml:1:21: baskets.bits.members: empty list entry (hint: remove the empty entry)`}},
		{"control character in a name", "baskets: {bits: {name: \"a\\tb\", members: [A]}}\n",
			// "baskets: {bits: {name: " = 23
			[]string{`c.yaml:1:24: baskets.bits.name: name "a\tb" contains a control or invisible character (hint: use printable characters only)`}},
		{"benchmark is one symbol", "baskets: {benchmark: [SPY]}\n", // "baskets: {benchmark: " = 21
			[]string{`c.yaml:1:22: baskets.benchmark: must be a single value, not a list (hint: write one value here)`}},
		{"section of the wrong type", "baskets: 5\n",
			[]string{`c.yaml:1:10: baskets: must be a mapping, not a whole number (hint: write it as key: value lines or {key: value, …})`}},
		{"tesla among the incumbents", "gap: {tesla: GM}\n", // "gap: {tesla: " = 13
			[]string{`c.yaml:1:14: gap.tesla: "GM" is both tesla and an incumbent (hint: Tesla is compared with the incumbents, so it cannot be one)`}},
		{"no incumbents", "gap: {incumbents: []}\n", // "gap: {incumbents: " = 18
			[]string{`c.yaml:1:19: gap.incumbents: no incumbents (hint: list at least one, e.g. [GM, F])`}},
		{"negative whoosh weight", "whoosh: {weights: {labor: -1}}\n", // "whoosh: {weights: {labor: " = 26
			[]string{`c.yaml:1:27: whoosh.weights.labor: weight -1 is out of range (hint: use 0 to switch the leg off, or a number from 0.001 to 1000; weights are relative)`}},
		{"every whoosh weight zero",
			"whoosh:\n  weights: {rotation: 0, crypto: 0, havens: 0, tesla_drift: 0, labor: 0}\n", // { at 2:12
			[]string{`c.yaml:2:12: whoosh.weights: every weight is 0 (hint: give at least one leg a weight above 0)`}},
		{"bad FRED id", "macro: {series: [UN-RATE]}\n", // "macro: {series: [" = 17
			[]string{`c.yaml:1:18: macro.series: invalid series id "UN-RATE" (hint: a FRED series id is letters, digits and _ (e.g. UNRATE))`}},
		{"watchlist with a blank name", "watchlists: [{name: \" \", symbols: [A]}]\n", // "watchlists: [{name: " = 20
			[]string{`c.yaml:1:21: watchlists[0].name: empty name (hint: give it a short name)`}},
		{"watchlist without name or symbols", "watchlists:\n  - {symbols: []}\n", // { at 2:5
			[]string{
				`c.yaml:2:5: watchlists[0]: watchlist has no name (hint: write name: …)`,
				`c.yaml:2:5: watchlists[0]: watchlist has no symbols (hint: list at least one symbol: symbols: [SYM, …])`,
			}},
		{"duplicate watchlist names",
			"watchlists:\n  - {name: Robots, symbols: [A]}\n  - {name: ROBOTS, symbols: [B]}\n", // "  - {name: " = 11
			[]string{`c.yaml:3:12: watchlists[1].name: duplicate watchlist name "ROBOTS" (hint: first used at 2:12; give each watchlist its own name)`}},
		{"watchlists must be a list", "watchlists: {name: A}\n", // { at 13
			[]string{`c.yaml:1:13: watchlists: must be a list, not a mapping (hint: write a list, e.g. [{name: Robots, symbols: [TSLA, ISRG]}])`}},
		{"merge keys", "baskets:\n  <<: {bits: [A]}\n",
			[]string{`c.yaml:2:3: baskets: merge keys (<<) are not supported (hint: write the keys out in full)`}},
		{"unknown alias", "window: *w\n",
			[]string{`c.yaml:1:9: unknown alias "*w" (hint: define the anchor (&name) before using it)`}},
		{"a list at the top", "- window: 1y\n",
			[]string{`c.yaml:1:1: the file must be a mapping of settings, not a list (hint: write settings as key: value lines (version, source, window, baskets, …))`}},
		{"two documents", "window: 1y\n---\nwindow: 2y\n",
			[]string{`c.yaml:3:1: more than one YAML document (hint: keep one document; remove the extra ---)`}},
		{"syntax error", "window: [1y\n", // [ at 9
			[]string{`c.yaml:1:9: invalid YAML: sequence end token ']' not found (hint: check indentation (spaces, not tabs), quotes and brackets)`}},
		{"tab indentation", "baskets:\n\tbits: [A]\n",
			[]string{`c.yaml:2:1: invalid YAML: found character '\t' that cannot start any token (hint: check indentation (spaces, not tabs), quotes and brackets)`}},
		{"duplicate key", "window: 1y\nwindow: 2y\n",
			[]string{`c.yaml:2:1: invalid YAML: mapping key "window" already defined at [1:1] (hint: check indentation (spaces, not tabs), quotes and brackets)`}},
		{"invalid UTF-8", "window: \xff\n",
			[]string{`c.yaml:1:9: file is not valid UTF-8 (hint: save the file as UTF-8)`}},
		{"CRLF line ends and comments: the line is the one in the file", "# c\r\n# d\r\nversion: 1\r\nwindow: 7q\r\n",
			[]string{`c.yaml:4:9: window: unknown window "7q" (hint: one of 1D, 1M, 3M, 6M, YTD, 1Y, 2Y, 5Y, ESSAY)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("c.yaml", []byte(tt.yaml))
			if cfg != nil {
				t.Errorf("got a config with errors: %+v", cfg)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %v (%T) is not Errors", err, err)
			}
			got := strings.Split(err.Error(), "\n")
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if len(errs) != len(tt.want) {
				t.Errorf("len(Errors) = %d, want %d", len(errs), len(tt.want))
			}
		})
	}
}

func TestParseManyErrorsAreCapped(t *testing.T) {
	// 60 invalid symbols give 60 errors; only the first 50 are kept, then
	// one line counts the other 10.
	var b strings.Builder
	b.WriteString("watchlists:\n  - name: W\n    symbols:\n")
	for range 60 {
		b.WriteString("      - 'a b'\n")
	}
	_, err := Parse("c.yaml", []byte(b.String()))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v is not Errors", err)
	}
	if len(errs) != 51 {
		t.Fatalf("len = %d, want 51", len(errs))
	}
	if last := errs[50].Error(); last != "c.yaml: 10 more errors not shown" {
		t.Errorf("last = %q", last)
	}
}

func TestParseTooLarge(t *testing.T) {
	data := []byte("# " + strings.Repeat("x", MaxFileSize) + "\n")
	_, err := Parse("big.yaml", data)
	want := "big.yaml: file is larger than 1048576 bytes (hint: is this the right file?)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %s", err, want)
	}
}

func TestParseAliasBomb(t *testing.T) {
	// Each level lists the previous one 9 times: 9^8 ≈ 43 million symbols
	// if expanded. The schema never descends into a symbol, so each of the
	// 9 entries of *a8 is one "not a single value" error at a7's list
	// (line 8, column 9: "a7: &a7 [" is 8 characters), reported once, plus
	// the 9 unknown keys a0..a8.
	var b strings.Builder
	b.WriteString("a0: &a0 [X]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := range 9 {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("watchlists: [{name: W, symbols: *a8}]\n")
	_, err := Parse("c.yaml", []byte(b.String()))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v is not Errors", err)
	}
	if len(errs) != 10 {
		t.Errorf("got %d errors, want 10:\n%v", len(errs), err)
	}
	want := "c.yaml:8:9: watchlists[0].symbols: must be a single value, not a list (hint: write one value here)"
	if !strings.Contains(err.Error(), want) {
		t.Errorf("errors lack %q:\n%v", want, err)
	}
}

func TestResolveBudget(t *testing.T) {
	// The node budget is a backstop: once spent, resolve gives up with one
	// error however often it is called.
	d := &decoder{file: "c.yaml", nodes: maxNodes}
	n := &ast.StringNode{BaseNode: &ast.BaseNode{}, Token: &token.Token{Position: &token.Position{Line: 2, Column: 3}}}
	for range 3 {
		if got := d.resolve(n); got != nil {
			t.Fatalf("resolve over budget = %v, want nil", got)
		}
	}
	want := "c.yaml:2:3: the file expands to too many values (hint: do not nest aliases)"
	if d.errs.Error() != want {
		t.Errorf("errors = %q, want %q", d.errs.Error(), want)
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "f.yaml", Line: 3, Col: 7, Msg: "bad", Hint: "fix it"}, "f.yaml:3:7: bad (hint: fix it)"},
		{&Error{File: "f.yaml", Line: 3, Col: 7, Msg: "bad"}, "f.yaml:3:7: bad"},
		{&Error{File: "f.yaml", Msg: "bad"}, "f.yaml: bad"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
	errs := Errors{tests[0].err, tests[2].err}
	if got, want := errs.Error(), "f.yaml:3:7: bad (hint: fix it)\nf.yaml: bad"; got != want {
		t.Errorf("Errors.Error() = %q, want %q", got, want)
	}
	var e *Error
	if !errors.As(error(errs), &e) || e != tests[0].err {
		t.Errorf("errors.As did not find the first Error")
	}
}

func TestParseSource(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"auto", "auto", true},
		{" Yahoo ", "yahoo", true},
		{"cache", "cache", true},
		{"demo", "demo", true},
		{"csv:data", "csv:data", true},
		{"CSV: ./my data ", "csv:./my data", true},
		{"csv:", "", false},
		{"fred", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := ParseSource(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseSource(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestCheckDepth(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       string // "" for no error
	}{
		{"32 brackets are fine", strings.Repeat("[", 32) + strings.Repeat("]", 32), ""},
		// "a: " is 3 characters, so the 33rd [ is column 3 + 33 = 36.
		{"33 brackets", "a: " + strings.Repeat("[", 33), "f.yaml:1:36: brackets nest more than 32 deep"},
		{"closed brackets do not add up", strings.Repeat("[a] ", 100), ""},
		{"brackets in quotes", "a: '" + strings.Repeat("[", 40) + "'\nb: \"" + strings.Repeat("{", 40) + "\\\"\"\n", ""},
		{"brackets in comments", "# " + strings.Repeat("[", 40) + "\n", ""},
		{"brackets inside plain scalars", strings.Repeat("- a[b\n", 40), ""},
		{"apostrophe inside a plain scalar", "a: Bob's [x]\nb: [" + strings.Repeat("[", 30) + "\n", ""},
		// 33 dashes: "- " × 32 is 64 characters, the 33rd dash is column 65.
		{"33 chained dashes", strings.Repeat("- ", 33) + "x\n", "f.yaml:1:65: block lists nest more than 32 deep"},
		{"dashes on separate lines", strings.Repeat("- x\n", 100), ""},
		{"negative numbers are not dashes", "a: [-1, -2]\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := checkDepth("f.yaml", []byte(tt.yaml))
			got := ""
			if e != nil {
				got = strings.TrimSuffix(e.Error(), " (hint: "+e.Hint+")")
			}
			if got != tt.want {
				t.Errorf("checkDepth = %q, want %q", got, tt.want)
			}
		})
	}
	// Parse applies it before the YAML parser sees a megabyte of brackets.
	if _, err := Parse("f.yaml", []byte(strings.Repeat("[", 1<<20-1))); err == nil ||
		!strings.Contains(err.Error(), "brackets nest more than 32 deep") {
		t.Errorf("Parse of deep brackets: %v", err)
	}
}

func TestParseDesignSample(t *testing.T) {
	cfg, err := Load("testdata/design.yaml")
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	want := Default()
	want.Baskets.Bits.Members = []market.Member{{Symbol: "NVDA", Weight: 1}, {Symbol: "MSFT", Weight: 1}, {Symbol: "BTC-USD", Weight: 0.5}}
	want.Baskets.Atoms.Members = []market.Member{{Symbol: "XOM", Weight: 1}, {Symbol: "CVX", Weight: 1},
		{Symbol: "LMT", Weight: 1}, {Symbol: "GM", Weight: 1}, {Symbol: "F", Weight: 1}}
	want.Watchlists = []Watchlist{{Name: "Robots", Symbols: []string{"TSLA", "ISRG", "ABBV"}}}
	if !cfg.Equal(want) {
		t.Errorf("got\n%+v\nwant\n%+v", cfg, want)
	}
}

func TestMouseSetting(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		want bool
		err  string
	}{
		{"version: 1\n", true, ""},
		{"version: 1\nmouse: false\n", false, ""},
		{"version: 1\nmouse: true\n", true, ""},
		{"version: 1\nmouse: no way\n", true, `c.yaml:2:8: mouse: must be true or false`},
	} {
		cfg, err := Parse("c.yaml", []byte(tc.yaml))
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.yaml, err, tc.err)
			}
		case err != nil || cfg.Mouse != tc.want:
			t.Errorf("%q: mouse %v err %v, want %v", tc.yaml, cfg.Mouse, err, tc.want)
		}
	}
}
