package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

var _ feeds.IntradayProvider = (*Provider)(nil)

// intradayVol is the simulated standard deviation of one 5-minute log
// return (about 1.3 % over a 78-bar day).
const intradayVol = 0.0015

// Intraday simulates each symbol's 5-minute bars over session s: a
// Brownian bridge in log price from the symbol's previous simulated close
// to its close on s.Date, seeded by symbol and date, so the last bar's
// close is exactly that day's daily close and the same session always has
// the same bars. Sessions after the as-of date have no bars.
func (p *Provider) Intraday(ctx context.Context, symbols []string, s calendar.Session, since time.Time) ([]feeds.Intraday, error) {
	out := make([]feeds.Intraday, len(symbols))
	for i, sym := range symbols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := feeds.Intraday{Symbol: sym, Session: s, Origin: p.origin}
		bars, err := p.intraday(sym, s)
		if err != nil {
			d.Err = err
		}
		d.Bars = feeds.ClipIntraday(bars, s, since)
		out[i] = d
	}
	return out, nil
}

func (p *Provider) intraday(sym string, s calendar.Session) ([]feeds.IntradayBar, error) {
	all, err := p.series(sym)
	if err != nil {
		return nil, err
	}
	i := searchBars(all, s.Date)
	if s.Date > p.asOf || i >= len(all) || all[i].Date != s.Date || i == 0 {
		return nil, &feeds.SymbolError{Symbol: sym, Err: fmt.Errorf("%w: no simulated session on %s (demo history runs %s to %s)",
			feeds.ErrNoData, s.Date, Start, p.asOf)}
	}
	return bridge(market.NormalizeSymbol(sym), s, all[i-1].Close, all[i].Close), nil
}

// bridge is the simulated path from c0 (the previous close) to c1 (the
// session's close): log P_k = log c0 + (k+1)/n·log(c1/c0) + σ·B_k, with
// B_k = W_k − (k+1)/n·W_{n−1} and W the running sum of seeded normals, so
// B_{n−1} = 0 and the last bar closes at c1.
func bridge(sym string, s calendar.Session, c0, c1 float64) []feeds.IntradayBar {
	n := int(s.Close.Sub(s.Open) / feeds.IntradayStep)
	if n <= 0 {
		return nil
	}
	z := normals(n, sym, s.Date.String(), "intraday")
	w := make([]float64, n)
	acc := 0.0
	for k, v := range z {
		acc += v
		w[k] = acc
	}
	drift := math.Log(c1 / c0)
	out := make([]feeds.IntradayBar, n)
	for k := range out {
		f := float64(k+1) / float64(n)
		lp := math.Log(c0) + f*drift + intradayVol*(w[k]-f*w[n-1])
		out[k] = feeds.IntradayBar{Time: s.Open.Add(time.Duration(k) * feeds.IntradayStep), Close: math.Round(math.Exp(lp)*1e4) / 1e4}
	}
	out[n-1].Close = c1
	return out
}
