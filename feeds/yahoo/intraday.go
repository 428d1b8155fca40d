package yahoo

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	finance "github.com/piquette/finance-go"
	"github.com/piquette/finance-go/datetime"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

var _ feeds.IntradayProvider = (*Provider)(nil)

// Intraday returns each symbol's 5-minute bars of session s since since
// (the whole session when since is zero), from the chart API with
// interval=5m, period1/period2 bounding the session (or its tail) and
// includePrePost=false. Bars are clipped to the session and to Yahoo's own
// regular trading period of that day when the answer gives one (a special
// early close). A session older than feeds.IntradayRetention fails every
// symbol with an error wrapping feeds.ErrIntradayTooOld, without a request.
func (p *Provider) Intraday(ctx context.Context, symbols []string, s calendar.Session, since time.Time) (_ []feeds.Intraday, err error) {
	out := make([]feeds.Intraday, len(symbols))
	errs := make([]error, len(symbols))
	tooOld := feeds.CheckIntradayAge(s, p.now())
	defer func() {
		if tooOld != nil {
			err = tooOld // one session, one reason: not the first symbol's
		}
	}()
	var wg sync.WaitGroup
	for i, raw := range symbols {
		sym, err := normalize(raw)
		out[i] = feeds.Intraday{Symbol: sym, Session: s, Origin: feeds.Origin{Kind: feeds.KindLive, Provider: Name}}
		if err == nil && tooOld != nil {
			err = &feeds.SymbolError{Symbol: sym, Err: tooOld}
		}
		if err != nil {
			out[i].Err, errs[i] = err, err
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := &out[i]
			select {
			case p.sem <- struct{}{}:
			case <-ctx.Done():
				d.Err = &feeds.SymbolError{Symbol: sym, Err: ctx.Err()}
				errs[i] = d.Err
				return
			}
			defer func() { <-p.sem }()
			defer func() {
				if r := recover(); r != nil {
					d.Bars, d.Err = nil, &feeds.SymbolError{Symbol: sym, Err: fmt.Errorf("%w: internal error: %v", ErrBadResponse, r)}
				}
				errs[i] = d.Err
			}()
			bars, err := p.intraday(ctx, sym, s, since)
			d.Bars, d.Origin.Fetched = bars, p.now()
			if err != nil {
				d.Bars, d.Err = nil, &feeds.SymbolError{Symbol: sym, Err: err}
			}
		}()
	}
	wg.Wait()
	return out, wholeCallError(ctx, errs)
}

// intraday fetches one symbol's bars of s since since.
func (p *Provider) intraday(ctx context.Context, sym string, s calendar.Session, since time.Time) ([]feeds.IntradayBar, error) {
	start := s.Open
	if since.After(start) {
		start = since.Truncate(feeds.IntradayStep)
	}
	cctx, c := withCall(ctx)
	cctx, note := withPeriods(cctx)
	raw, meta, err := runChartEvery(cctx, p.backend, sym, start, s.Close, datetime.FiveMins)
	if err := callError(ctx, c, "chart", err); err != nil {
		return nil, err
	}
	return toIntraday(raw, meta, regularHours(s, note.get()), since), nil
}

// regularHours narrows s to Yahoo's regular trading period of its date,
// when the answer listed one that lies inside the calendar's session.
func regularHours(s calendar.Session, periods []tradingPeriod) calendar.Session {
	for _, tp := range periods {
		if !tp.Start.Before(s.Open) && !tp.End.After(s.Close) && tp.End.After(tp.Start) {
			s.Open, s.Close = tp.Start, tp.End
			return s
		}
	}
	return s
}

// toIntraday stamps finance-go's bars in the exchange zone and clips them
// to the session (feeds.ClipIntraday), dropping nulls (which finance-go
// reads as 0) and Yahoo's extra bar carrying the live price at the close.
func toIntraday(raw []*finance.ChartBar, meta finance.ChartMeta, s calendar.Session, since time.Time) []feeds.IntradayBar {
	loc := exchangeLocation(meta)
	bars := make([]feeds.IntradayBar, 0, len(raw))
	for _, b := range raw {
		if b == nil || b.Timestamp == 0 || !(math.Abs(float64(b.Timestamp)) < 1e11) {
			continue
		}
		c, _ := b.Close.Float64()
		bars = append(bars, feeds.IntradayBar{Time: time.Unix(int64(b.Timestamp), 0).In(loc), Close: positive(c)})
	}
	return feeds.ClipIntraday(bars, s, since)
}
