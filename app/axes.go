package app

import (
	"slices"
	"sync"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// axes lets series share their dates. Most symbols trade on the same days,
// so a history's dates are usually a stretch of the longest axis seen on
// its calendar (US sessions, or every day for crypto), and one array can
// serve a thousand series: a quarter of the memory a history takes once
// converted, and panels whose rows share the calendar's own dates.
type axes struct {
	mu  sync.Mutex
	ref [2][]market.Date // by Series.TradesDaily
}

// share returns s on a shared array when its dates are a stretch of the
// reference axis of its calendar; a longer axis becomes the reference.
// The shared slice's capacity ends with s, so an append (Series.WithClose)
// copies instead of writing into the neighbours' dates.
func (a *axes) share(s market.Series) market.Series {
	n := len(s.Dates)
	if n == 0 {
		return s
	}
	k := 0
	if s.TradesDaily() {
		k = 1
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	ref := a.ref[k]
	if i, ok := slices.BinarySearch(ref, s.Dates[0]); ok && i+n <= len(ref) && slices.Equal(ref[i:i+n], s.Dates) {
		s.Dates = ref[i : i+n : i+n]
		return s
	}
	if n > len(ref) && slices.IsSorted(s.Dates) {
		a.ref[k] = s.Dates[:n:n]
	}
	return s
}

// compact converts msg's histories once for every receiver of the
// stream (HistoryMsg.Series) on shared date axes, and drops their bars:
// the series are all anyone reads after this.
func (a *axes) compact(msg feeds.HistoryMsg) feeds.HistoryMsg {
	if len(msg.Series) == len(msg.Histories) {
		return msg
	}
	hs := slices.Clone(msg.Histories)
	msg.Series = make([]market.Series, len(hs))
	for i := range hs {
		msg.Series[i] = a.share(hs[i].Series())
		hs[i].Bars = nil
	}
	msg.Histories = hs
	return msg
}
