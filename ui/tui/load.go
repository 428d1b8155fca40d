package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// loadTimeout bounds one provider call made by the model itself.
const loadTimeout = 2 * time.Minute

// historyFrom is the first date the model asks history for: enough for the
// longest window (5Y) plus the Whoosh lookback before it.
func historyFrom(asOf market.Date) market.Date {
	return market.Win5Y.Base(asOf).AddMonths(-4)
}

// loadHistory fetches history for syms from p as a Cmd (the I/O runs
// outside Update).
func loadHistory(p feeds.Provider, syms []string, asOf market.Date, now func() time.Time) tea.Cmd {
	if p == nil || len(syms) == 0 {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		hs, err := p.History(ctx, syms, historyFrom(asOf), asOf)
		return feeds.HistoryMsg{Histories: hs, Err: err, At: now()}
	}
}

// loadQuotes fetches quotes for syms from p as a Cmd.
func loadQuotes(p feeds.Provider, syms []string, now func() time.Time) tea.Cmd {
	if p == nil || len(syms) == 0 {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		qs, err := p.Quotes(ctx, syms)
		return feeds.QuotesMsg{Quotes: qs, Err: err, At: now()}
	}
}

// refreshTickMsg asks for the periodic quote refresh.
type refreshTickMsg struct{}

// specSymbols lists every symbol the spec needs, each once, in spec order.
func specSymbols(s market.Spec) []string {
	seen := map[string]bool{}
	var out []string
	add := func(syms ...string) {
		for _, sym := range syms {
			if sym != "" && !seen[sym] {
				seen[sym] = true
				out = append(out, sym)
			}
		}
	}
	for _, b := range []market.Basket{s.Bits, s.Atoms, s.Crypto, s.Havens} {
		add(b.Symbols()...)
	}
	add(s.Benchmark, s.Tesla)
	add(s.Incumbents...)
	for _, w := range s.Watchlists {
		add(w.Symbols()...)
	}
	return out
}
