package ui

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// Data is the raw market data a session holds: the latest history and quote
// of every symbol, and macro series when loaded.
type Data struct {
	Histories   map[string]feeds.History
	Quotes      map[string]feeds.Quote
	Macro       map[string][]market.Observation // FRED id → observations; nil when none
	MacroOrigin feeds.Origin
}

// Compute turns raw data into the State the panels draw: it runs the
// analytics for the window as of asOf and fills the status from the
// origins and errors of the data. now is the clock used for ages.
func Compute(spec market.Spec, d Data, w market.Window, asOf market.Date, now time.Time) State {
	in := market.Input{
		Spec:   spec,
		Series: make(map[string]market.Series, len(d.Histories)),
		Facts:  make(map[string]market.Fundamentals, len(d.Quotes)),
		Window: w,
		AsOf:   asOf,
	}
	st := State{
		Quotes:  d.Quotes,
		Origins: make(map[string]feeds.Origin, len(d.Histories)),
		Now:     now,
		Status:  Status{Errors: map[string]string{}},
	}
	fellBack := false
	for sym, h := range d.Histories {
		q, haveQuote := d.Quotes[sym]
		origin, err := feeds.Shown(h, q, haveQuote)
		if len(h.Bars) > 0 {
			in.Series[sym] = h.Series()
			st.Origins[sym] = origin
		}
		var fe *feeds.FallbackError
		switch {
		case errors.As(err, &fe):
			// The same for every symbol: one status line, not one each.
			st.Status.Warnings = appendOnce(st.Status.Warnings, Sanitize(fe.Error()))
			fellBack = true
		case err != nil:
			st.Status.Errors[sym] = symbolErrText(sym, err)
		}
	}
	for sym, q := range d.Quotes {
		if _, seen := d.Histories[sym]; !seen && q.Err != nil {
			st.Status.Errors[sym] = symbolErrText(sym, q.Err)
		}
		// A failed quote answered from the cache still has the market cap
		// and shares the gap needs; its age shows through the origin.
		if q.Err != nil && q.Origin.Kind != feeds.KindCached {
			continue
		}
		in.Facts[sym] = market.Fundamentals{Price: q.Price, MarketCap: q.MarketCap, SharesOutstanding: q.SharesOutstanding}
		if ser, ok := in.Series[sym]; ok && q.Err == nil {
			in.Series[sym] = withQuote(ser, q, asOf)
		}
	}
	if d.Macro != nil && fellBack && d.MacroOrigin.Kind != feeds.KindDemo {
		// Simulated prices beside real unemployment would make a Whoosh
		// score that is neither: the macro data waits for real prices.
		st.Status.Warnings = appendOnce(st.Status.Warnings, "macro data hidden while prices are simulated")
		d.Macro = nil
	}
	if d.Macro != nil {
		in.Unrate = d.Macro["UNRATE"]
	}
	st.Report = market.Analyze(in)
	if d.Macro != nil {
		// The roadmap's "robots" step reads the same rotation the Whoosh
		// Index uses: ln(RS_t / RS_{t−L}).
		m := market.AnalyzeMacro(d.Macro, asOf, st.Report.Whoosh.Components[0].Raw)
		st.Macro, st.MacroOrigin = &m, d.MacroOrigin
	}
	st.Status.Badge, st.Status.Provider, st.Status.Updated = summarizeOrigins(st.Origins, now)
	st.Status.MarketState = marketState(d.Quotes, spec.Benchmark)
	for _, o := range st.Origins {
		// Cached data is stale by definition: a live fetch failed or was
		// not made, and the screen must say so.
		st.Status.Stale = st.Status.Stale || o.Kind == feeds.KindCached
	}
	return st
}

// withQuote moves a series' last point to a fresh quote: the live price
// becomes today's close (or a new bar when history has no bar for today
// yet), so day and window returns move with the market between the daily
// history refreshes. Cached quotes and quotes from after asOf are ignored.
// A bar's date is the exchange's: New York for equities, UTC for what
// trades every day (crypto), as Yahoo stamps its bars.
func withQuote(ser market.Series, q feeds.Quote, asOf market.Date) market.Series {
	if q.Time.IsZero() || (q.Origin.Kind != feeds.KindLive && q.Origin.Kind != feeds.KindDelayed) {
		return ser
	}
	d := feeds.NewYorkDate(q.Time)
	if ser.TradesDaily() {
		d = market.DateFromTime(q.Time.UTC())
	}
	if d > asOf {
		return ser
	}
	return ser.WithClose(d, q.Price)
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// symbolErrText is err as shown beside sym: without a leading "SYM: " (the
// screen already names the symbol), sanitized.
func symbolErrText(sym string, err error) string {
	var se *feeds.SymbolError
	if errors.As(err, &se) && se.Symbol == sym {
		err = se.Err
	}
	return Sanitize(err.Error())
}

// summarizeOrigins picks the badge for the whole screen: the weakest origin
// shown (CACHED beats LIVE, DEMO beats everything) so the header never
// claims more freshness than the least fresh number on screen.
func summarizeOrigins(origins map[string]feeds.Origin, now time.Time) (badge, provider string, updated time.Time) {
	if len(origins) == 0 {
		return "NO DATA", "", time.Time{}
	}
	rank := map[feeds.Kind]int{feeds.KindLive: 1, feeds.KindDelayed: 2, feeds.KindFRED: 2, feeds.KindCSV: 3, feeds.KindCached: 4, feeds.KindDemo: 5}
	var worst feeds.Origin
	syms := make([]string, 0, len(origins))
	for s := range origins {
		syms = append(syms, s)
	}
	sort.Strings(syms)
	oldest := time.Time{}
	for _, s := range syms {
		o := origins[s]
		if rank[o.Kind] > rank[worst.Kind] || (o.Kind == worst.Kind && o.Fetched.Before(worst.Fetched)) {
			worst = o
		}
		if !o.Fetched.IsZero() && (oldest.IsZero() || o.Fetched.Before(oldest)) {
			oldest = o.Fetched
		}
	}
	badge = worst.Badge(now)
	if worst.Kind == feeds.KindDemo {
		badge = "DEMO (simulated)"
	}
	return badge, worst.Provider, oldest
}

// marketState reports the benchmark's market state, the one that says
// whether US equities are trading.
func marketState(quotes map[string]feeds.Quote, benchmark string) string {
	// A cached quote's state is old news: "REGULAR" from last week is not
	// what the market is doing now.
	if q, ok := quotes[benchmark]; ok && q.Err == nil && q.MarketState != "" && q.Origin.Kind != feeds.KindCached {
		return Sanitize(q.MarketState)
	}
	return ""
}

// ErrorSummary is the one-line status summary of per-symbol errors, with
// symbols that fail for the same reason grouped: "3 symbols with errors:
// AMZN, GM, TSLA: HTTP 500; XYZ: unknown symbol".
func (s Status) ErrorSummary() string {
	if len(s.Errors) == 0 {
		return ""
	}
	syms := make([]string, 0, len(s.Errors))
	for sym := range s.Errors {
		syms = append(syms, sym)
	}
	sort.Strings(syms)
	var msgs []string
	bySym := map[string][]string{}
	for _, sym := range syms {
		msg := s.Errors[sym]
		if bySym[msg] == nil {
			msgs = append(msgs, msg)
		}
		bySym[msg] = append(bySym[msg], Sanitize(sym))
	}
	noun := "symbols"
	if len(syms) == 1 {
		noun = "symbol"
	}
	out := fmt.Sprintf("%d %s with errors: ", len(syms), noun)
	for i, msg := range msgs {
		if i == 3 {
			out += fmt.Sprintf("; … %d more kinds", len(msgs)-3)
			break
		}
		if i > 0 {
			out += "; "
		}
		group := bySym[msg]
		if len(group) > 4 {
			group = append(group[:3:3], fmt.Sprintf("… +%d", len(group)-3))
		}
		out += strings.Join(group, ", ") + ": " + msg
	}
	return out
}
