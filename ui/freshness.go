package ui

import (
	"sort"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

// SymbolState is what one symbol shows, from one observation: where it
// came from, when it was observed, how current that is, and its last price
// and market cap.
type SymbolState struct {
	Origin    feeds.Origin    // Kind and Provider as shown (feeds.Shown); Observed set
	Observed  time.Time       // the quote's market time, or the last bar's session close
	Fresh     feeds.Freshness // judged against the exchange calendar at State.Now
	Last      float64         // the price shown (NaN when unknown)
	MarketCap float64         // the quote's, or Last × shares when CapApprox (NaN when unknown)
	CapApprox bool

	daily bool // trades every day (crypto): its own calendar for Fresh
}

// Badge is the symbol's one-word label: LIVE, DELAYED, CLOSED or STALE for
// market data fetched now, CACHED for data the cache answered because the
// live source failed, DEMO or CSV.
func (s SymbolState) Badge() string {
	switch s.Origin.Kind {
	case feeds.KindLive, feeds.KindDelayed:
		return s.Fresh.String()
	case feeds.KindUnknown:
		return "NONE"
	}
	return s.Origin.Kind.String()
}

// badgeRank orders badges from most to least current: the header shows
// the least current badge among symbols that are not stale.
var badgeRank = map[string]int{"LIVE": 1, "DELAYED": 2, "CLOSED": 3, "CSV": 4, "CACHED": 5, "STALE": 6, "DEMO": 7}

// summarize fills the status's badge, provider, data time and stale list
// from the symbols shown. The badge never claims more than the least
// current symbol that is not stale; stale symbols are named separately
// (the badge says STALE only when every symbol is).
func summarize(st *Status, symbols map[string]SymbolState) {
	if len(symbols) == 0 {
		st.Badge = "NO DATA"
		return
	}
	syms := make([]string, 0, len(symbols))
	for s := range symbols {
		syms = append(syms, s)
	}
	sort.Strings(syms)
	worst, worstStale := "", ""
	var provider, staleProvider string
	for _, sym := range syms {
		ss := symbols[sym]
		b := ss.Badge()
		if ss.Fresh == feeds.FreshStale {
			st.Stale = true
			st.StaleSymbols = append(st.StaleSymbols, sym)
			if badgeRank[b] >= badgeRank[worstStale] {
				worstStale, staleProvider = b, ss.Origin.Provider
			}
		} else if badgeRank[b] > badgeRank[worst] {
			worst, provider = b, ss.Origin.Provider
		}
		if ss.Observed.After(st.Updated) {
			st.Updated = ss.Observed
		}
	}
	if worst == "" {
		worst, provider = "STALE", staleProvider
		if worstStale == "DEMO" || worstStale == "CSV" || worstStale == "CACHED" {
			worst = worstStale
		}
	}
	if worst == "DEMO" {
		worst = "DEMO (simulated)"
	}
	st.Badge, st.Provider = worst, provider
}
