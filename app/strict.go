package app

import (
	"context"
	"fmt"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// strictProvider makes --source yahoo fail loudly instead of falling back:
// history the cache answered because Yahoo failed loses its bars, and a
// quote Yahoo failed loses the cached values, keeping only the error.
// History Yahoo answered this session (cached or not) stays, and so does a
// chart whose quote failed: it shows its last close, dated.
type strictProvider struct{ feeds.Provider }

// errNoFallback is appended to what Yahoo said.
const errNoFallback = "--source yahoo does not fall back to the cache"

func (p strictProvider) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	hs, err := p.Provider.History(ctx, symbols, from, to)
	for i, h := range hs {
		if h.Err != nil && h.Origin.Kind == feeds.KindCached {
			hs[i] = feeds.History{Symbol: h.Symbol, Err: fmt.Errorf("%w (%s)", h.Err, errNoFallback)}
		}
	}
	return hs, err
}

func (p strictProvider) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	qs, err := p.Provider.Quotes(ctx, symbols)
	for i, q := range qs {
		if q.Err != nil && q.Origin.Kind == feeds.KindCached {
			blank := feeds.BlankQuote(q.Symbol)
			blank.Err = q.Err
			qs[i] = blank
		}
	}
	return qs, err
}
