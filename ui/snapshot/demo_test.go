package snapshot

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// demoState computes the state the CLI shows for --source demo --asof
// 2025-06-30 with the default config, the way the CLI does it.
func demoState(t *testing.T, w market.Window) ui.State {
	t.Helper()
	asOf := market.DateOf(2025, 6, 30)
	cfg := config.Default()
	p := demo.New(asOf)
	syms := cfg.Symbols()
	hs, err := p.History(context.Background(), syms, market.DateOf(2019, 1, 2), asOf)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := p.Quotes(context.Background(), syms)
	if err != nil {
		t.Fatal(err)
	}
	d := ui.Data{Histories: map[string]feeds.History{}, Quotes: map[string]feeds.Quote{}, Macro: demo.Macro(asOf), MacroOrigin: p.Origin()}
	for _, h := range hs {
		d.Histories[h.Symbol] = h
	}
	for _, q := range qs {
		d.Quotes[q.Symbol] = q
	}
	// The snapshot's clock is the data's own time, never the wall clock.
	return ui.Compute(cfg.Spec(), d, w, asOf, p.Origin().Fetched.Add(time.Hour))
}

// TestDemo runs every format on the real analytics over demo data: the
// output is deterministic, the JSON matches the documented schema and the
// Whoosh score is in [0,100] with five components.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("demo data takes a moment")
	}
	schema := docSchema(t)
	for _, w := range []market.Window{market.WinEssay, market.Win1M} {
		s, again := demoState(t, w), demoState(t, w)
		for _, tc := range allFormats {
			a, b := write(t, s, tc.opts), write(t, again, tc.opts)
			if !bytes.Equal(a, b) {
				t.Errorf("%s %s: two demo runs differ", w, tc.name)
			}
			if bytes.ContainsRune(a, 0x1b) {
				t.Errorf("%s %s: escape byte", w, tc.name)
			}
		}
		out := write(t, s, Options{Format: JSON})
		var raw any
		if err := json.Unmarshal(out, &raw); err != nil {
			t.Fatal(err)
		}
		v := validator{root: schema}
		v.check(schema, raw, "$")
		for _, e := range v.errs {
			t.Errorf("%s: %s", w, e)
		}
		var doc Document
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if sc := float64(doc.Whoosh.Score); !(sc >= 0 && sc <= 100) || len(doc.Whoosh.Components) != 5 {
			t.Errorf("%s: whoosh score %v with %d components, want [0,100] and 5", w, sc, len(doc.Whoosh.Components))
		}
		if doc.Source.Badge != "DEMO (simulated)" || doc.Macro == nil || len(doc.Baskets.Bits.Members) == 0 {
			t.Errorf("%s: badge %q, macro %v, %d bits members", w, doc.Source.Badge, doc.Macro != nil, len(doc.Baskets.Bits.Members))
		}
		for _, table := range []CSVTable{Series, Metrics} {
			if _, err := csv.NewReader(bytes.NewReader(write(t, s, Options{Format: CSV, CSVTable: table}))).ReadAll(); err != nil {
				t.Errorf("%s csv %s: %v", w, table, err)
			}
		}
		checkMarkdownTables(t, string(write(t, s, Options{Format: Markdown})))
	}
}
