package yahoo

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	finance "github.com/piquette/finance-go"
	"github.com/piquette/finance-go/chart"
	"github.com/piquette/finance-go/datetime"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// History returns daily bars of each symbol between from and to inclusive,
// dated in the exchange's own time zone, fetching up to Concurrency symbols
// at once (across all calls of p). Per-symbol failures are
// *feeds.SymbolError values in History.Err; see wholeCallError for the
// call's own error. When to is today and the market is open, the last bar
// is today's partial one (its close is the latest price).
func (p *Provider) History(ctx context.Context, symbols []string, from, to market.Date) ([]feeds.History, error) {
	out := make([]feeds.History, len(symbols))
	errs := make([]error, len(symbols))
	p.HistoryEach(ctx, symbols, from, to, func(i int, h feeds.History) {
		out[i], errs[i] = h, h.Err
	})
	return out, wholeCallError(ctx, errs)
}

// HistoryEach fetches like History but hands each symbol's History to
// each as soon as it is complete, so a caller can keep (and cache) every
// chart that arrived even when a later one never does. each is called
// exactly once per index of symbols, one call at a time, before
// HistoryEach returns; once ctx ends, the symbols still waiting get ctx's
// error at once.
func (p *Provider) HistoryEach(ctx context.Context, symbols []string, from, to market.Date, each func(i int, h feeds.History)) {
	var mu sync.Mutex
	deliver := func(i int, h feeds.History) {
		mu.Lock()
		defer mu.Unlock()
		each(i, h)
	}
	var wg sync.WaitGroup
	for i, s := range symbols {
		sym, err := normalize(s)
		h := feeds.History{Symbol: sym, Origin: feeds.Origin{Kind: feeds.KindLive, Provider: Name}}
		if err != nil {
			h.Err = err
			deliver(i, h)
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case p.sem <- struct{}{}:
			case <-ctx.Done():
				h.Err = &feeds.SymbolError{Symbol: sym, Err: ctx.Err()}
				deliver(i, h)
				return
			}
			defer func() { <-p.sem }()
			defer func() {
				// A bug here must cost one symbol, not the program (and,
				// in the dashboard, the terminal's state).
				if r := recover(); r != nil {
					h.Bars = nil
					h.Err = &feeds.SymbolError{Symbol: sym, Err: fmt.Errorf("%w: internal error: %v", ErrBadResponse, r)}
				}
				deliver(i, h)
			}()
			bars, err := p.history(ctx, sym, from, to)
			h.Bars, h.Origin.Fetched = bars, p.now()
			if err != nil {
				h.Bars = nil
				h.Err = &feeds.SymbolError{Symbol: sym, Err: err}
			}
		}()
	}
	wg.Wait()
}

// history fetches one symbol's bars.
func (p *Provider) history(ctx context.Context, sym string, from, to market.Date) ([]feeds.Bar, error) {
	if to < from {
		return nil, nil
	}
	// Ask for a day more on each side: a session opening east of UTC (Sydney,
	// 10:00 AEDT = 23:00 UTC the day before) is stamped before from's UTC
	// midnight, and New York's bar of to opens after to's. Bars are then
	// clipped by their local date.
	start, end := from.AddDays(-1).Time(), to.AddDays(2).Time()
	cctx, c := withCall(ctx)
	raw, meta, err := runChart(cctx, p.backend, sym, start, end)
	if err := callError(ctx, c, "chart", err); err != nil {
		return nil, err
	}
	return toBars(raw, meta, from, to), nil
}

// runChart runs finance-go's chart request. The Yahoo layer hands it only
// normalized bodies (normalize.go), on which it does not panic; a panic
// left anyway (a finance-go change) becomes an error, never a crash.
func runChart(ctx context.Context, b finance.Backend, sym string, start, end time.Time) (bars []*finance.ChartBar, meta finance.ChartMeta, err error) {
	return runChartEvery(ctx, b, sym, start, end, datetime.OneDay)
}

// runChartEvery is runChart with bars of the given interval.
func runChartEvery(ctx context.Context, b finance.Backend, sym string, start, end time.Time, every datetime.Interval) (bars []*finance.ChartBar, meta finance.ChartMeta, err error) {
	defer func() {
		if r := recover(); r != nil {
			bars, err = nil, fmt.Errorf("%w: chart: finance-go: %v", ErrBadResponse, r)
		}
	}()
	p := &chart.Params{Symbol: sym, Start: datetime.New(&start), End: datetime.New(&end), Interval: every}
	p.Context = &ctx
	it := chart.Client{B: b}.Get(p)
	for it.Next() {
		bars = append(bars, it.Bar())
	}
	if err := it.Err(); err != nil {
		return nil, meta, err
	}
	return bars, it.Meta(), nil
}

// toBars dates finance-go's bars in the exchange zone, drops bars whose
// close is missing, zero, negative or infinite (finance-go reads Yahoo's
// null for a day without trades as 0, and no price is ≤ 0), clips them to
// [from, to] and keeps the last bar of any date seen twice (Yahoo may
// append the live price as an extra bar of today).
func toBars(raw []*finance.ChartBar, meta finance.ChartMeta, from, to market.Date) []feeds.Bar {
	loc := exchangeLocation(meta)
	bars := make([]feeds.Bar, 0, len(raw))
	for _, b := range raw {
		if b == nil {
			continue
		}
		closePrice, _ := b.Close.Float64()
		closePrice = positive(closePrice)
		// A timestamp of 0 is a null the normalizer could not read.
		if math.IsNaN(closePrice) || b.Timestamp == 0 || !(math.Abs(float64(b.Timestamp)) < 1e11) {
			continue
		}
		adj, _ := b.AdjClose.Float64()
		day := market.DateFromTime(time.Unix(int64(b.Timestamp), 0).In(loc))
		if day < from || day > to {
			continue
		}
		bars = append(bars, feeds.Bar{Date: day, Close: closePrice, AdjClose: positive(adj)})
	}
	return feeds.SortBars(bars)
}

// exchangeLocation loads meta.exchangeTimezoneName, falling back to the
// fixed meta.gmtoffset. That offset describes the request day, not each
// bar, but a session-open timestamp is hours away from midnight, so an
// hour of DST error never changes the date.
func exchangeLocation(meta finance.ChartMeta) *time.Location {
	if name := meta.ExchangeTimezoneName; name != "" && len(name) < 64 && safeZoneName(name) {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	off := meta.Gmtoffset
	if off < -14*3600 || off > 14*3600 {
		off = 0
	}
	return time.FixedZone("exchange", off)
}

func safeZoneName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return false
		}
	}
	return s[0] != '/'
}
