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

// loadHistory fetches history for syms from p as a Cmd (the I/O runs
// outside Update).
func loadHistory(p feeds.Provider, syms []string, asOf market.Date, now func() time.Time) tea.Cmd {
	if p == nil || len(syms) == 0 {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), loadTimeout)
		defer cancel()
		hs, err := p.History(ctx, syms, feeds.DefaultFrom(asOf), asOf)
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
