package cache

import (
	"context"
	"fmt"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// Only returns a provider named "cache" that serves store's contents and
// never touches the network (`--source cache`). A symbol with nothing
// cached gets an Err wrapping ErrNotCached; a corrupt file's Err wraps
// ErrCorrupt. Everything it returns is labelled KindCached.
func Only(store *Store) feeds.Provider { return cacheOnly{store} }

type cacheOnly struct{ store *Store }

func (cacheOnly) Name() string { return "cache" }

func (c cacheOnly) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]feeds.History, len(symbols))
	for i, sym := range symbols {
		out[i].Symbol = sym
		e, err := c.store.Load(sym)
		if err != nil {
			out[i].Err = &feeds.SymbolError{Symbol: sym, Err: err}
			continue
		}
		out[i].Bars = e.In(from, to)
		out[i].Origin = cachedOrigin(e)
	}
	return out, nil
}

func (c cacheOnly) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	saved, err := c.store.LoadQuotes(symbols)
	out := make([]feeds.Quote, len(symbols))
	for i, sym := range symbols {
		q, ok := saved[sym]
		switch {
		case ok:
			out[i] = q
		case err != nil:
			out[i] = feeds.FailedQuote(sym, err)
		default:
			out[i] = feeds.FailedQuote(sym, fmt.Errorf("quote %w", ErrNotCached))
		}
	}
	return out, nil
}
