package app

import (
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/ui"
)

// Restate returns st, made by State for a window, as State would make it
// at now when only the clock moved: freshness and the status are judged
// again (ui.Reassess) and the analytics kept. It reports false when that
// is not enough and State must run: no data yet, the data's own clock
// (demo, CSV), or a new as-of date.
func (f *Feed) Restate(st ui.State, now time.Time) (ui.State, bool) {
	if f.dataClock || len(f.Data.Histories) == 0 || st.AsOf() == 0 || f.AsOf(now) != st.AsOf() {
		return st, false
	}
	return ui.Reassess(st, now), true
}

// errNoFallback explains what --source yahoo dropped.
const errNoFallback = "yahoo gave nothing new and --source yahoo does not fall back to the cache"

// strictView is what --source yahoo shows of d: history the cache
// answered loses its bars unless a good live quote stands beside it (then
// it is this session's Yahoo data), and quotes Yahoo failed lose their
// cached values, keeping only the error. Charts fetched from Yahoo now stay
// whatever their quote did: they show their last close, dated.
func strictView(d ui.Data) ui.Data {
	out := d
	out.Histories = make(map[string]feeds.History, len(d.Histories))
	cloned := false // out.Series is d.Series until a history is dropped
	out.Quotes = make(map[string]feeds.Quote, len(d.Quotes))
	for sym, q := range d.Quotes {
		if q.Err != nil && q.Origin.Kind == feeds.KindCached {
			blank := feeds.BlankQuote(sym)
			blank.Err = q.Err
			q = blank
		}
		out.Quotes[sym] = q
	}
	for sym, h := range d.Histories {
		q, ok := out.Quotes[sym]
		liveQuote := ok && q.Err == nil && (q.Origin.Kind == feeds.KindLive || q.Origin.Kind == feeds.KindDelayed)
		if h.Origin.Kind == feeds.KindCached && (h.Err != nil || !liveQuote) {
			err := h.Err
			if err == nil && ok {
				err = q.Err
			}
			if err == nil {
				err = errors.New(errNoFallback)
			} else {
				err = fmt.Errorf("%w (%s)", err, "--source yahoo does not fall back to the cache")
			}
			h = feeds.History{Symbol: sym, Origin: h.Origin, Err: err}
			if _, ok := out.Series[sym]; ok {
				if !cloned {
					out.Series, cloned = maps.Clone(d.Series), true
				}
				delete(out.Series, sym)
			}
		}
		out.Histories[sym] = h
	}
	return out
}
