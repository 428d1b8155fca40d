package yahoo

import (
	"context"
	"fmt"
	"math"
	"net/url"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// Quotes returns the latest quote of each symbol, asking for up to
// MaxSymbolsPerQuote symbols per request (120 symbols: 3 requests).
// A symbol missing from Yahoo's answer gets an Err wrapping
// feeds.ErrUnknownSymbol; a failed request sets Err on each of its symbols.
func (p *Provider) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	out := make([]feeds.Quote, len(symbols))
	errs := make([]error, len(symbols))
	where := map[string][]int{}
	var unique []string
	for i, s := range symbols {
		sym, err := normalize(s)
		out[i] = nanQuote(sym)
		if err != nil {
			out[i].Err, errs[i] = err, err
			continue
		}
		if _, seen := where[sym]; !seen {
			unique = append(unique, sym)
		}
		where[sym] = append(where[sym], i)
	}
	for len(unique) > 0 {
		batch := unique[:min(MaxSymbolsPerQuote, len(unique))]
		unique = unique[len(batch):]
		got, err := p.quoteBatch(ctx, batch)
		fetched := p.now()
		for _, sym := range batch {
			q, ok := got[sym]
			var symErr error
			switch {
			case err != nil:
				symErr = &feeds.SymbolError{Symbol: sym, Err: err}
			case !ok:
				symErr = &feeds.SymbolError{Symbol: sym, Err: fmt.Errorf("not in Yahoo's quote answer: %w", feeds.ErrUnknownSymbol)}
			}
			for _, i := range where[sym] {
				if symErr != nil {
					out[i].Err, errs[i] = symErr, symErr
					continue
				}
				out[i] = toQuote(sym, q, fetched)
			}
		}
	}
	return out, wholeCallError(ctx, errs)
}

func nanQuote(sym string) feeds.Quote {
	q := feeds.BlankQuote(sym)
	q.Origin = feeds.Origin{Kind: feeds.KindLive, Provider: Name}
	return q
}

// quoteBatch requests one batch of symbols, keyed by normalised symbol.
func (p *Provider) quoteBatch(ctx context.Context, batch []string) (map[string]quoteJSON, error) {
	body, err := p.get(ctx, p.base+"/v7/finance/quote?symbols="+url.QueryEscape(strings.Join(batch, ",")))
	if err != nil {
		return nil, err
	}
	list, err := decodeQuotes(body)
	if err != nil {
		return nil, err
	}
	got := make(map[string]quoteJSON, len(list))
	for _, q := range list {
		got[market.NormalizeSymbol(string(q.Symbol))] = q
	}
	return got, nil
}

// toQuote converts a decoded quote. No price, market cap or share count
// is really 0 or negative, so such a number counts as missing (NaN).
func toQuote(sym string, q quoteJSON, fetched time.Time) feeds.Quote {
	out := nanQuote(sym)
	out.Name = string(q.ShortName)
	if out.Name == "" {
		out.Name = string(q.LongName)
	}
	out.Currency = string(q.Currency)
	out.Price = positive(q.RegularMarketPrice.Float())
	if !math.IsNaN(out.Price) {
		out.Change, out.ChangePct = q.RegularMarketChange.Float(), q.RegularMarketChangePercent.Float()
	}
	out.PrevClose = positive(q.RegularMarketPreviousClose.Float())
	out.MarketCap = positive(q.MarketCap.Float())
	out.SharesOutstanding = positive(q.SharesOutstanding.Float())
	out.MarketState = string(q.MarketState)
	if t := q.RegularMarketTime.Float(); t > 0 && t < 1e11 {
		out.Time = time.Unix(int64(t), 0).UTC()
	}
	out.Origin.Fetched = fetched
	// Yahoo says how late an exchange's data is; a delayed feed is labelled
	// so even while its market is open.
	if q.ExchangeDataDelayedBy.Float() > 0 {
		out.Origin.Kind = feeds.KindDelayed
	}
	return out
}

func positive(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return math.NaN()
}
