package tui

import (
	"context"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// asOf is the fixed as-of date of every test.
var asOf = market.DateOf(2025, 6, 30)

// clock is the fixed "now" of every test: the evening of asOf.
func clock() time.Time { return time.Date(2025, 6, 30, 22, 0, 0, 0, time.UTC) }

func basket(key, name string, syms ...string) market.Basket {
	b := market.Basket{Key: key, Name: name}
	for _, s := range syms {
		b.Members = append(b.Members, market.Member{Symbol: s, Weight: 1})
	}
	return b
}

// testSpec is DESIGN.md's default spec plus one watchlist.
func testSpec() market.Spec {
	return market.Spec{
		Bits:       basket("bits", "Economy of Bits", "NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD"),
		Atoms:      basket("atoms", "Economy of Atoms", "XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB"),
		Crypto:     basket("crypto", "Crypto", "BTC-USD", "ETH-USD"),
		Havens:     basket("havens", "Talent havens", "EWS", "EWL", "UAE"),
		Benchmark:  "SPY",
		Tesla:      "TSLA",
		Incumbents: []string{"GM", "F"},
		MoveDays:   21, CorrDays: 63, Lookback: 63,
		Weights:    market.Weights{Rotation: 1, Crypto: 1, Havens: 1, TeslaDrift: 1, Labor: 1},
		Watchlists: []market.Basket{basket("Robots", "Robots", "TSLA", "ISRG", "ABBV")},
	}
}

var demoCache struct {
	sync.Mutex
	h  feeds.HistoryMsg
	q  feeds.QuotesMsg
	ok bool
}

// demoMsgs loads the demo feed for the test spec as the poller would send
// it (once per test binary: the simulation is deterministic).
func demoMsgs(t testing.TB, spec market.Spec) (feeds.HistoryMsg, feeds.QuotesMsg) {
	t.Helper()
	demoCache.Lock()
	defer demoCache.Unlock()
	if !demoCache.ok {
		demoCache.h, demoCache.q = loadDemo(t, testSpec())
		demoCache.ok = true
	}
	return demoCache.h, demoCache.q
}

func loadDemo(t testing.TB, spec market.Spec) (feeds.HistoryMsg, feeds.QuotesMsg) {
	p := demo.New(asOf)
	syms := market.SpecSymbols(spec)
	hs, err := p.History(context.Background(), syms, feeds.DefaultFrom(asOf), asOf)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := p.Quotes(context.Background(), syms)
	if err != nil {
		t.Fatal(err)
	}
	return feeds.HistoryMsg{Histories: hs, At: clock()}, feeds.QuotesMsg{Quotes: qs, At: clock()}
}

// testOptions are the options of a model fed by messages at the fixed date.
func testOptions() Options {
	return Options{Feed: app.NewFeed(testSpec(), app.FeedOptions{AsOf: asOf}), Window: market.WinEssay, Now: clock}
}
