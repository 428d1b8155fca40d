// Package demo is the embedded, deterministic, offline market: a seeded
// simulation of every default symbol from 2019-01-02 to an as-of date,
// passing exactly through each symbol's real close on the essay's day
// (2024-03-20), plus monthly macro series shaped like FRED's.
//
// Same inputs, same bytes: the simulation reads no clock and no global
// random state, and a bar never depends on the as-of date, so a later
// as-of date only extends the same history. Any symbol outside the default
// set gets its own walk seeded from its name, so custom baskets work too.
package demo

import (
	"context"
	"fmt"
	"sync"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// Provider serves simulated history and quotes as of a fixed date. It is
// safe for concurrent use.
type Provider struct {
	asOf   market.Date
	end    market.Date // last simulated day: max(asOf, Anchor), capped at horizon
	origin feeds.Origin

	once    sync.Once
	factors factors
	open    []bool // open[i]: NYSE trades on Start+i, shared by every equity

	mu   sync.Mutex
	bars map[string][]feeds.Bar // every bar from Start to asOf, by symbol
}

var _ feeds.Provider = (*Provider)(nil)

// New returns a demo provider whose world ends at the close of asOf.
func New(asOf market.Date) *Provider {
	end := max(asOf, Anchor)
	end = min(end, horizon)
	return &Provider{
		asOf: asOf,
		end:  end,
		origin: feeds.Origin{
			Kind:     feeds.KindDemo,
			Provider: "demo",
			Fetched:  calendar.CloseTime(asOf),
		},
		bars: map[string][]feeds.Bar{},
	}
}

// Name returns "demo".
func (p *Provider) Name() string { return "demo" }

// AsOf returns the provider's as-of date.
func (p *Provider) AsOf() market.Date { return p.asOf }

// Origin returns the origin every result of this provider carries: kind
// DEMO, fetched at the as-of date's 16:00 New York close.
func (p *Provider) Origin() feeds.Origin { return p.origin }

// History returns the simulated daily bars of each symbol between from and
// to inclusive, never past the as-of date. Equities have a bar on each NYSE
// trading day, crypto (symbols ending in -USD) on every day.
func (p *Provider) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	out := make([]feeds.History, len(symbols))
	for i, s := range symbols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		h := feeds.History{Symbol: s, Origin: p.origin}
		all, err := p.series(s)
		if err != nil {
			h.Err = err
			out[i] = h
			continue
		}
		lo := searchBars(all, from)
		hi := searchBars(all, to+1)
		peak := peakBars(s, from, min(to, p.asOf))
		if lo >= hi && len(peak) == 0 {
			h.Err = &feeds.SymbolError{Symbol: s, Err: p.noBars(from, to)}
			out[i] = h
			continue
		}
		h.Bars = append(peak, all[lo:hi]...)
		out[i] = h
	}
	return out, nil
}

// noBars says why no bar lies between from and to: the as-of date is
// before the simulated history, or the range is outside it.
func (p *Provider) noBars(from, to market.Date) error {
	if p.asOf < Start {
		return fmt.Errorf("%w: the as-of date %s is before the demo's history, which starts %s", feeds.ErrNoData, p.asOf, Start)
	}
	return fmt.Errorf("%w: no simulated bars from %s to %s (demo history runs %s to %s)", feeds.ErrNoData, from, to, Start, p.asOf)
}

// Quotes returns each symbol's last simulated close on or before the as-of
// date, with the change against the bar before it. Equities are CLOSED,
// crypto REGULAR; the quote time is the as-of close instant.
func (p *Provider) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	out := make([]feeds.Quote, len(symbols))
	for i, s := range symbols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		q := feeds.BlankQuote(s)
		q.Currency, q.Origin, q.Time = "USD", p.origin, p.origin.Fetched
		all, err := p.series(s)
		if err == nil && len(all) == 0 {
			err = &feeds.SymbolError{Symbol: s, Err: fmt.Errorf("%w: demo history starts %s, after the as-of date %s", feeds.ErrNoData, Start, p.asOf)}
		}
		if err != nil {
			q.Err = err
			out[i] = q
			continue
		}
		prof := profileOf(market.NormalizeSymbol(s))
		q.Name = prof.name + " (simulated)"
		last := all[len(all)-1]
		q.Price = last.Close
		if len(all) > 1 {
			q.PrevClose = all[len(all)-2].Close
			q.Change = q.Price - q.PrevClose
			q.ChangePct = 100 * q.Change / q.PrevClose
		}
		q.SharesOutstanding = prof.shares
		q.MarketCap = q.Price * prof.shares
		q.MarketState = "CLOSED"
		if prof.crypto {
			q.MarketState = "REGULAR"
		}
		if post, ok := simulatedPost(market.NormalizeSymbol(s), prof.crypto, p.asOf, q.Price, q.Time); ok {
			q.Post = post
		}
		out[i] = q
	}
	return out, nil
}

// series returns every bar of sym from Start to the as-of date, simulating
// it on first use. The slice is shared: callers copy before handing out.
func (p *Provider) series(s string) ([]feeds.Bar, error) {
	sym := market.NormalizeSymbol(s)
	if !market.ValidSymbol(sym) {
		return nil, &feeds.SymbolError{Symbol: s, Err: fmt.Errorf("%w: %q is not a valid ticker", feeds.ErrUnknownSymbol, s)}
	}
	p.once.Do(func() {
		p.factors = newFactors(p.end)
		p.open = make([]bool, p.end-Start+1)
		for i := range p.open {
			p.open[i] = calendar.IsTradingDay(Start + market.Date(i))
		}
	})

	p.mu.Lock()
	defer p.mu.Unlock()
	if bars, ok := p.bars[sym]; ok {
		return bars, nil
	}
	bars := p.simulate(sym)
	p.bars[sym] = bars
	return bars, nil
}

// simulate builds sym's bars from its log-price path.
func (p *Provider) simulate(sym string) []feeds.Bar {
	prof := profileOf(sym)
	lp := logPath(sym, prof, p.factors, p.end)
	last := min(p.asOf, p.end)
	var bars []feeds.Bar
	if last >= Start {
		bars = make([]feeds.Bar, 0, int(last-Start+1))
	}
	for day := Start; day <= last; day++ {
		if !prof.crypto && !p.open[day-Start] {
			continue
		}
		c := price(lp[day-Start])
		bars = append(bars, feeds.Bar{Date: day, Close: c, AdjClose: c})
	}
	return bars
}

// searchBars returns the index of the first bar dated on or after d.
func searchBars(bars []feeds.Bar, d market.Date) int {
	lo, hi := 0, len(bars)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bars[m].Date < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
