package tui

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// scaleSizes are issue 15's symbol counts (watchlist + the 23 defaults).
var scaleSizes = []int{53, 323, 1023}

// scaleSpec is testSpec with one watchlist making n symbols in all.
func scaleSpec(n int) market.Spec {
	sp := testSpec()
	var syms []string
	for i := len(market.SpecSymbols(sp)); i < n; i++ {
		syms = append(syms, fmt.Sprintf("W%04d", i))
	}
	sp.Watchlists = []market.Basket{basket("big", "Big", syms...)}
	return sp
}

// warmStart is the message sequence of a warm dashboard start, as the
// pipeline delivers it: the cache's first frame (every history at once)
// and a quote poll, then the history load in batches of 8 answered from
// the same-day cache, then the settle.
func warmStart(b *testing.B, sp market.Spec) []tea.Msg {
	syms := market.SpecSymbols(sp)
	p := demo.New(asOf)
	hs, err := p.History(context.Background(), syms, feeds.DefaultFrom(asOf), asOf)
	if err != nil {
		b.Fatal(err)
	}
	qs, err := p.Quotes(context.Background(), syms)
	if err != nil {
		b.Fatal(err)
	}
	msgs := []tea.Msg{feeds.HistoryMsg{Histories: hs}, feeds.QuotesMsg{Quotes: qs}, feeds.ProgressMsg{Total: len(hs)}}
	for i := 0; i < len(hs); i += feeds.DefaultBatch {
		end := min(i+feeds.DefaultBatch, len(hs))
		msgs = append(msgs, feeds.HistoryMsg{Histories: slices.Clone(hs[i:end])}, feeds.ProgressMsg{Done: end, Total: len(hs)})
	}
	return append(msgs, feeds.SettledMsg{}, recomputeMsg{})
}

// BenchmarkWarmStart is a warm dashboard start at 200×60 from the first
// message to the settled frame, at 53, 323 and 1023 symbols: with the
// dashboard's 100 ms coalescing (no time passes here, so the batches fold
// into one recompute at the end, as they do when they arrive in a burst).
func BenchmarkWarmStart(b *testing.B) {
	for _, n := range scaleSizes {
		sp := scaleSpec(n)
		msgs := warmStart(b, sp)
		b.Run(fmt.Sprintf("symbols=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var m tea.Model = New(Options{Feed: app.NewFeed(sp, app.FeedOptions{AsOf: asOf}), Window: market.WinEssay, Now: clock, Coalesce: 100 * time.Millisecond})
				m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
				for _, msg := range msgs {
					m, _ = m.Update(msg)
				}
				_ = m.View()
			}
		})
	}
}

// BenchmarkRefreshAtScale is a quote poll arriving at a loaded 200×60
// dashboard (Update, a full recompute, and the frame) at 53, 323 and 1023
// symbols: demo quotes, which only confirm the last close, and (/live)
// live quotes taken during the session, which move every series' last
// point as in market hours.
func BenchmarkRefreshAtScale(b *testing.B) {
	for _, n := range scaleSizes {
		sp := scaleSpec(n)
		msgs := warmStart(b, sp)
		var m tea.Model = New(Options{Feed: app.NewFeed(sp, app.FeedOptions{AsOf: asOf}), Window: market.WinEssay, Now: clock})
		m, _ = m.Update(tea.WindowSizeMsg{Width: 200, Height: 60})
		for _, msg := range msgs {
			m, _ = m.Update(msg)
		}
		b.Run(fmt.Sprintf("symbols=%d", n), func(b *testing.B) {
			refreshLoop(b, m, msgs[1].(feeds.QuotesMsg))
		})
		b.Run(fmt.Sprintf("symbols=%d/live", n), func(b *testing.B) {
			refreshLoop(b, m, liveQuotes(msgs[1].(feeds.QuotesMsg)))
		})
	}
}

// liveQuotes is qm as Yahoo sends it during the session: live quotes
// observed at 15:00 New York on the last bar's date.
func liveQuotes(qm feeds.QuotesMsg) feeds.QuotesMsg {
	qs := slices.Clone(qm.Quotes)
	at := time.Date(2025, 6, 30, 19, 0, 0, 0, time.UTC)
	for i := range qs {
		qs[i].Origin.Kind, qs[i].Time = feeds.KindLive, at
	}
	return feeds.QuotesMsg{Quotes: qs, At: at}
}
