package cache

import (
	"context"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// histCall records one History call to the fake live provider.
type histCall struct {
	Symbols  []string
	From, To market.Date
}

// fakeLive is a counting live provider. Its bars exist on every weekday;
// a bar's close is Version·1000 + its day of the month and its adjusted
// close half of that, so a test can tell which fetch produced a bar.
type fakeLive struct {
	mu         sync.Mutex
	Version    float64
	Fail       error            // every call fails with it
	FailSym    map[string]error // these symbols fail
	Fetched    time.Time        // Origin.Fetched of answers
	HistCalls  []histCall
	QuoteCalls [][]string
}

func (f *fakeLive) Name() string { return "fake" }

func fakeClose(version float64, d market.Date) float64 {
	return version*1000 + float64(d.Time().Day())
}

func (f *fakeLive) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.HistCalls = append(f.HistCalls, histCall{append([]string(nil), symbols...), from, to})
	if f.Fail != nil {
		return nil, f.Fail
	}
	out := make([]feeds.History, len(symbols))
	for i, s := range symbols {
		out[i] = feeds.History{Symbol: s, Origin: feeds.Origin{Kind: feeds.KindDelayed, Provider: "fake", Fetched: f.Fetched}}
		if err := f.FailSym[s]; err != nil {
			out[i].Err = &feeds.SymbolError{Symbol: s, Err: err}
			continue
		}
		for d := from; d <= to; d++ {
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			c := fakeClose(f.Version, d)
			out[i].Bars = append(out[i].Bars, feeds.Bar{Date: d, Close: c, AdjClose: c / 2})
		}
	}
	return out, nil
}

func (f *fakeLive) Quotes(ctx context.Context, symbols []string) ([]feeds.Quote, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.QuoteCalls = append(f.QuoteCalls, append([]string(nil), symbols...))
	if f.Fail != nil {
		return nil, f.Fail
	}
	out := make([]feeds.Quote, len(symbols))
	for i, s := range symbols {
		if err := f.FailSym[s]; err != nil {
			out[i] = feeds.Quote{Symbol: s, Err: &feeds.SymbolError{Symbol: s, Err: err}}
			continue
		}
		out[i] = feeds.Quote{
			Symbol: s, Name: s + " Inc", Currency: "USD", Price: 100 + f.Version,
			Change: 1, ChangePct: 1, PrevClose: 99 + f.Version, MarketCap: 1e12, SharesOutstanding: 1e10,
			MarketState: "REGULAR", Time: f.Fetched,
			Origin: feeds.Origin{Kind: feeds.KindDelayed, Provider: "fake", Fetched: f.Fetched},
		}
	}
	return out, nil
}

func (f *fakeLive) calls() ([]histCall, int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]histCall(nil), f.HistCalls...), len(f.QuoteCalls)
}
