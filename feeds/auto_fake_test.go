package feeds

import (
	"context"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// fakeProvider is a counting Provider for the auto and poller tests. With
// no bars/quotes configured for a symbol it reports that symbol as failed
// with ErrNoData.
type fakeProvider struct {
	name   string
	kind   Kind
	bars   map[string][]Bar // by symbol
	quotes map[string]Quote // by symbol
	fail   error            // every call fails with it

	mu          sync.Mutex
	histCalls   [][]string
	quoteCalls  [][]string
	histStarted chan struct{} // if set, receives once per History call
	block       chan struct{} // if set, History waits for it (or ctx)
}

func (f *fakeProvider) Name() string { return f.name }

func (f *fakeProvider) History(ctx context.Context, symbols []string, from, to market.Date) ([]History, error) {
	f.mu.Lock()
	f.histCalls = append(f.histCalls, append([]string(nil), symbols...))
	f.mu.Unlock()
	if f.histStarted != nil {
		f.histStarted <- struct{}{}
	}
	if f.block != nil {
		select {
		case <-f.block:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	out := make([]History, len(symbols))
	for i, s := range symbols {
		out[i] = History{Symbol: s, Origin: Origin{Kind: f.kind, Provider: f.name}}
		if b, ok := f.bars[s]; ok {
			out[i].Bars = b
		} else {
			out[i].Err = &SymbolError{Symbol: s, Err: ErrNoData}
		}
	}
	return out, nil
}

func (f *fakeProvider) Quotes(ctx context.Context, symbols []string) ([]Quote, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.quoteCalls = append(f.quoteCalls, append([]string(nil), symbols...))
	if f.fail != nil {
		return nil, f.fail
	}
	out := make([]Quote, len(symbols))
	for i, s := range symbols {
		if q, ok := f.quotes[s]; ok {
			q.Symbol = s
			q.Origin = Origin{Kind: f.kind, Provider: f.name}
			out[i] = q
		} else {
			out[i] = Quote{Symbol: s, Err: &SymbolError{Symbol: s, Err: ErrNoData}}
		}
	}
	return out, nil
}

func (f *fakeProvider) counts() (hist, quote [][]string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([][]string(nil), f.histCalls...), append([][]string(nil), f.quoteCalls...)
}

func oneBar(close float64) []Bar {
	return []Bar{{Date: market.DateOf(2024, 3, 20), Close: close, AdjClose: close}}
}

// setQuote changes a symbol's quote while a poller may be reading.
func (f *fakeProvider) setQuote(sym string, q Quote) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.quotes == nil {
		f.quotes = map[string]Quote{}
	}
	f.quotes[sym] = q
}

// regular is a quote of an open market at time t.
func regular(price float64, t time.Time) Quote {
	return Quote{Price: price, MarketState: "REGULAR", Time: t}
}
