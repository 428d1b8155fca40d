package yahoo

import (
	"context"
	"fmt"
	"math"
	"time"

	finance "github.com/piquette/finance-go"
	"github.com/piquette/finance-go/equity"

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

// quoteBatch requests one batch through finance-go's equity client (its
// quote client has no marketCap or sharesOutstanding fields), keyed by
// normalised symbol.
func (p *Provider) quoteBatch(ctx context.Context, batch []string) (map[string]*finance.Equity, error) {
	cctx, c := withCall(ctx)
	list, err := runQuotes(cctx, p.backend, batch)
	if err := callError(ctx, c, "quote", err); err != nil {
		return nil, err
	}
	got := make(map[string]*finance.Equity, len(list))
	for _, q := range list {
		if q != nil {
			got[market.NormalizeSymbol(q.Symbol)] = q
		}
	}
	return got, nil
}

// runQuotes runs finance-go's quote request (through the Yahoo layer,
// which rewrites its dead /v6 URL to /v7) with its panics recovered.
func runQuotes(ctx context.Context, b finance.Backend, syms []string) (list []*finance.Equity, err error) {
	defer func() {
		if r := recover(); r != nil {
			list, err = nil, fmt.Errorf("%w: quote: finance-go: %v", ErrBadResponse, r)
		}
	}()
	params := &equity.Params{Symbols: syms}
	params.Context = &ctx
	it := equity.Client{B: b}.ListP(params)
	for it.Next() {
		list = append(list, it.Equity())
	}
	return list, it.Err()
}

// toQuote converts finance-go's quote. finance-go reads a missing or null
// field as 0 (and the normalizer drops what is not a number), and no
// price, market cap or share count is really 0 or negative, so such a
// number counts as missing (NaN). A change can really be 0, so a 0 change
// counts only when the quote bears it out (see changes).
func toQuote(sym string, q *finance.Equity, fetched time.Time) feeds.Quote {
	out := nanQuote(sym)
	out.Name = q.ShortName
	if out.Name == "" {
		out.Name = q.LongName
	}
	out.Currency = q.CurrencyID
	out.Price = positive(q.RegularMarketPrice)
	out.PrevClose = positive(q.RegularMarketPreviousClose)
	if !math.IsNaN(out.Price) {
		out.Change, out.ChangePct = changes(q.RegularMarketChange, q.RegularMarketChangePercent, out.Price, out.PrevClose)
	}
	out.MarketCap = positive(float64(q.MarketCap))
	out.SharesOutstanding = positive(float64(q.SharesOutstanding))
	out.MarketState = string(q.MarketState)
	if t := q.RegularMarketTime; t > 0 && t < 1e11 {
		out.Time = time.Unix(int64(t), 0).UTC()
	}
	out.Pre = extended(q.PreMarketPrice, q.PreMarketChange, q.PreMarketChangePercent, q.PreMarketTime, out.Price)
	out.Post = extended(q.PostMarketPrice, q.PostMarketChange, q.PostMarketChangePercent, q.PostMarketTime, out.Price)
	out.Origin.Fetched = fetched
	// Yahoo says how late an exchange's data is; a delayed feed is labelled
	// so even while its market is open.
	if q.QuoteDelay > 0 {
		out.Origin.Kind = feeds.KindDelayed
	}
	return out
}

// extended converts one extended-hours trade. Yahoo sends its change
// against the regular market price (regular), so a 0 change stands only
// when the prices agree, as in changes. A time that is not a plausible
// Unix second count is left zero.
func extended(price, chg, pct float64, t int, regular float64) feeds.Extended {
	nan := math.NaN()
	e := feeds.Extended{Price: positive(price), Change: nan, ChangePct: nan}
	if math.IsNaN(e.Price) {
		return e
	}
	e.Change, e.ChangePct = changes(chg, pct, e.Price, regular)
	if t > 0 && t < 1e11 {
		e.Time = time.Unix(int64(t), 0).UTC()
	}
	return e
}

// changes tells a real change of 0 from finance-go's 0 for a missing one:
// both 0 stand when the price equals the previous close; a lone 0 beside
// a nonzero partner is missing.
func changes(chg, pct, price, prev float64) (float64, float64) {
	nan := math.NaN()
	switch {
	case chg == 0 && pct == 0:
		if price == prev { // unchanged, and the quote shows it
			return 0, 0
		}
		return nan, nan
	case chg == 0:
		return nan, pct
	case pct == 0:
		return chg, nan
	}
	return chg, pct
}

func positive(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return math.NaN()
}
