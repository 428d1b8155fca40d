package feeds

import (
	"context"
	"slices"
)

// initial sends what the Initial provider has, before any network.
func (p *Poller) initial(ctx context.Context) {
	syms := p.Symbols()
	if len(syms) == 0 {
		return
	}
	today := NewYorkDate(p.now())
	// Only what the cache has: a symbol it lacks is not an error yet, the
	// live load that follows decides that.
	if hs, err := p.Initial.History(ctx, syms, p.from(today), today); err == nil {
		if hs = slices.DeleteFunc(hs, func(h History) bool { return len(h.Bars) == 0 }); len(hs) > 0 {
			p.send(ctx, HistoryMsg{Histories: hs, At: p.now()})
		}
	}
	if qs, err := p.Initial.Quotes(ctx, syms); err == nil {
		if qs = slices.DeleteFunc(qs, func(q Quote) bool { return q.Err != nil }); len(qs) > 0 {
			p.send(ctx, QuotesMsg{Quotes: qs, At: p.now()})
		}
	}
}

// pollQuotes makes one Quotes call for every watched symbol.
func (p *Poller) pollQuotes(ctx context.Context, manual bool) {
	syms := p.Symbols()
	if len(syms) == 0 {
		return
	}
	afterHistory := p.settle.pollStarted()
	qs, err := p.Provider.Quotes(ctx, syms)
	if ctx.Err() != nil {
		return
	}
	good, open := false, false
	for _, q := range qs {
		if q.Err != nil {
			continue
		}
		good = true
		switch q.MarketState {
		case "REGULAR", "PRE", "POST":
			open = true
		}
	}
	if good {
		p.open.Store(open)
	}
	p.send(ctx, QuotesMsg{Quotes: qs, Err: err, At: p.now(), Manual: manual})
	p.afterSettle(ctx, p.settle.pollEnded(good, afterHistory))
}
