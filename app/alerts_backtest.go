package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/feeds/fred"
	"github.com/whoosh-dev/whoosh/market"
)

// backtestLead is how far before --since history is loaded, so the
// lookback, the correlations and a 2Y window have data on the first day.
const backtestLead = 800

// Backtest is a replay of the rules over history.
type Backtest struct {
	Source   string // what the history came from: demo, cache, csv:DIR
	From, To market.Date
	Days     int
	Window   market.Window
	Firings  []market.AlertFiring // in date order
}

// Backtest replays rules over the session's history day by day from since
// to the as-of date: each day's state is computed as of that day, as the
// dashboard would have then, through the same engine, starting with every
// rule fresh. It never touches the network: live sources replay the cache
// (the demo when the cache is empty). Before the essay's date the ESSAY
// window is replaced by 1Y, which has a base there.
func (s *Session) Backtest(ctx context.Context, rules []config.Alert, since market.Date) (*Backtest, error) {
	hp, mp, name := s.provider, s.macro, s.SourceName
	if s.store != nil { // auto, yahoo, cache
		hp, mp, name = cache.Only(s.store), fred.NewCached(nil, s.store, nil, nil), "cache"
	}
	syms := FetchSymbols(s.Spec)
	from := since.AddDays(-backtestLead)
	var hs []feeds.History
	if hp != nil {
		hs, _ = hp.History(ctx, syms, from, s.AsOf) // a symbol's error leaves it out
	}
	if hp == nil || (!hasBars(hs) && s.store != nil) {
		d := demo.New(s.AsOf)
		hp, mp, name = d, d, "demo"
		hs, _ = d.History(ctx, syms, from, s.AsOf)
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("backtest: %w", ctx.Err())
	}
	if !hasBars(hs) {
		return nil, errors.New("backtest: no history to replay")
	}
	f := NewFeed(s.Spec, FeedOptions{DataClock: true})
	f.Apply(feeds.HistoryMsg{Histories: hs})
	if mp != nil {
		series, origin, _ := loadMacro(ctx, mp, s.Config.Macro.Series)
		f.Apply(MacroMsg{Series: series, Origin: origin})
	}
	long, _ := hp.History(ctx, market.ThesisLongSymbols(), market.ThesisPeak.AddDays(-7), market.ThesisPeak)
	lm := LongMsg{Series: map[string]market.Series{}}
	for _, h := range long {
		if len(h.Bars) > 0 {
			lm.Series[h.Symbol] = h.Series()
		}
	}
	f.Apply(lm)

	bt := &Backtest{Source: name, Window: s.Window}
	var rs []market.AlertRule
	for _, a := range rules {
		rs = append(rs, a.Rule)
	}
	states := map[string]market.AlertState{}
	for _, day := range tradingDays(f, s.Spec.Benchmark, since, s.AsOf) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("backtest: %w", err)
		}
		w := s.Window
		if w == market.WinEssay && day < market.EssayDate {
			w = market.Win1Y
		}
		f.asOf = day
		st := f.State(w, calendar.CloseTime(day))
		var fired []market.AlertFiring
		states, fired = market.EvalAlerts(rs, states, AlertInput(st, f), calendar.CloseTime(day))
		bt.Firings = append(bt.Firings, fired...)
		if bt.Days == 0 {
			bt.From = day
		}
		bt.To = day
		bt.Days++
	}
	return bt, nil
}

func hasBars(hs []feeds.History) bool {
	return slices.ContainsFunc(hs, func(h feeds.History) bool { return len(h.Bars) > 0 })
}

// tradingDays are the dates from since to asOf on which the benchmark has
// a bar (every symbol's dates when the benchmark has none).
func tradingDays(f *Feed, bench string, since, asOf market.Date) []market.Date {
	seen := map[market.Date]bool{}
	collect := func(s market.Series) {
		for _, d := range s.Dates {
			if d >= since && d <= asOf {
				seen[d] = true
			}
		}
	}
	if s, ok := f.Data.Series[bench]; ok && len(s.Dates) > 0 {
		collect(s)
	} else {
		for _, s := range f.Data.Series {
			collect(s)
		}
	}
	out := make([]market.Date, 0, len(seen))
	for d := range seen {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}
