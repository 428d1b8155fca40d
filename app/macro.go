package app

import (
	"context"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// loadLong fetches, once, the daily bars of ^NDX and ^GSPC in the week up
// to the dot-com peak (market.ThesisPeak) for the scorecard's 1999 claim.
// It waits for the first history so auto has chosen its source; through
// the cache the fetch happens once ever (the range is in the past).
func (st *Stream) loadLong(ctx context.Context) {
	select {
	case <-st.firstHistory:
	case <-ctx.Done():
		return
	}
	syms := market.ThesisLongSymbols()
	hs, err := st.s.provider.History(ctx, syms, market.ThesisPeak.AddDays(-7), market.ThesisPeak)
	if ctx.Err() != nil {
		return
	}
	msg := LongMsg{Series: map[string]market.Series{}, Err: err}
	for _, h := range hs {
		if len(h.Bars) > 0 {
			msg.Series[h.Symbol] = h.Series()
		}
	}
	st.send(msg)
}

// macroLoop loads the macro series at start and then once a day. Where
// auto may fall back to the demo, it first waits for the first history:
// FRED is not asked for data that simulated prices would hide.
func (st *Stream) macroLoop(ctx context.Context) {
	if st.s.fallback != nil {
		select {
		case <-st.firstHistory:
		case <-ctx.Done():
			return
		}
	}
	for {
		st.macroMu.Lock()
		fellBack := st.fellBack
		st.macroMu.Unlock()
		if fellBack {
			return // the demo's macro series were sent with the fallback
		}
		series, origin, warns := loadMacro(ctx, st.s.macro, st.s.Config.Macro.Series)
		if ctx.Err() != nil {
			return
		}
		st.macroMu.Lock()
		if !st.fellBack {
			st.send(MacroMsg{Series: series, Origin: origin, Warnings: warns})
		}
		st.macroMu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(macroEvery):
		}
	}
}

// loadMacro fetches ids from src; a failed series is a warning, and
// series failing for the same reason share one ("macro: UNRATE, FEDFUNDS:
// connection refused").
func loadMacro(ctx context.Context, src macroSource, ids []string) (map[string][]market.Observation, feeds.Origin, []string) {
	out := map[string][]market.Observation{}
	var reasons []string
	failed := map[string][]string{}
	for _, id := range ids {
		obs, err := src.Series(ctx, id)
		if err != nil {
			r := ui.Sanitize(strings.TrimPrefix(feeds.Reason(err), "fred "+id+": "))
			if failed[r] == nil {
				reasons = append(reasons, r)
			}
			failed[r] = append(failed[r], id)
			continue
		}
		out[id] = obs
	}
	var warns []string
	for _, r := range reasons {
		warns = append(warns, "macro: "+strings.Join(failed[r], ", ")+": "+r)
	}
	origin := feeds.Origin{Kind: feeds.KindFRED, Provider: "fred"}
	if o, ok := src.(interface{ Origin() feeds.Origin }); ok {
		origin = o.Origin()
	}
	if len(out) == 0 {
		return nil, origin, warns
	}
	return out, origin, warns
}
