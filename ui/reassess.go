package ui

import (
	"maps"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// AsOf is the as-of date st was computed for (0 for a state Compute did
// not make).
func (st State) AsOf() market.Date { return st.asOf }

// Reassess returns st as Compute would have made it at now, when only the
// clock moved since (the same data, the same as-of date): each symbol's
// freshness, the status badge, the data-ends note and whether the 1D
// session is open are judged again,
// and the analytics are kept. This is what the moving age label costs:
// no recompute of five years of history a second.
func Reassess(st State, now time.Time) State {
	st.Now = now
	st.Symbols = maps.Clone(st.Symbols)
	clock := feeds.ClockAt(now)
	for sym, ss := range st.Symbols {
		ss.Fresh = assess(ss, clock)
		st.Symbols[sym] = ss
	}
	s := &st.Status
	s.Badge, s.Provider, s.Stale, s.StaleSymbols, s.Updated = "", "", false, nil, time.Time{}
	summarize(s, st.Symbols)
	if st.end != 0 {
		s.DataEnds = dataEnds(st.end, st.asOf, now)
	}
	if st.Intraday != nil { // 1D: whether its session is open now
		v := *st.Intraday
		v.Live = v.Session.OpenAt(now)
		st.Intraday = &v
	}
	return st
}
