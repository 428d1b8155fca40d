package ui

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// Data is the raw market data a session holds: the latest history and quote
// of every symbol, and macro series when loaded.
type Data struct {
	Histories map[string]feeds.History
	// Series holds each history converted once (History.Series), kept
	// between recomputes by whoever folds the data; Compute converts what
	// it lacks on the fly.
	Series      map[string]market.Series
	Quotes      map[string]feeds.Quote
	Macro       map[string][]market.Observation // FRED id → observations; nil when none
	MacroOrigin feeds.Origin
	// Long holds the few daily bars of ^NDX and ^GSPC around
	// market.ThesisPeak (2000-03-10), fetched once, for the scorecard.
	Long map[string]market.Series
}

// Compute turns raw data into the State the panels draw: it runs the
// analytics for the window as of asOf and fills the status from the
// origins, observation times and errors of the data. now is the clock for
// ages and freshness.
//
// The window ends at the newest date that has data (never a later, empty
// date). Each symbol's price, day move and market cap come from one
// observation: a live quote moves the last point and brings its market
// cap; otherwise the last bar's close is shown and the cap is that close ×
// the shares outstanding (an approximation). No quote observed after asOf
// is used.
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
		Symbols: make(map[string]SymbolState, len(d.Histories)),
		Now:     now,
		Status:  Status{Errors: map[string]string{}},
	}
	fellBack := false
	inSpec := make(map[string]bool)
	for _, sym := range market.SpecSymbols(spec) {
		inSpec[sym] = true
	}
	for sym, h := range d.Histories {
		q, haveQuote := d.Quotes[sym]
		origin, err := feeds.Shown(h, q, haveQuote)
		ser, ok := d.Series[sym]
		if !ok || len(ser.Dates) != len(h.Bars) {
			ser = h.Series()
		}
		if ss, ser, fact, ok := observe(h, ser, q, haveQuote, asOf, now); ok {
			in.Series[sym] = ser
			if fact != nil {
				in.Facts[sym] = *fact
			}
			origin.Observed = ss.Observed
			ss.Origin = origin
			st.Origins[sym], st.Symbols[sym] = origin, ss
		}
		var fe *feeds.FallbackError
		switch {
		case errors.As(err, &fe):
			// The same for every symbol: one status line, not one each.
			st.Status.Warnings = appendOnce(st.Status.Warnings, fallbackText(fe))
			fellBack = true
		case err != nil && inSpec[sym]:
			// The scorecard's own symbols say what they lack in its claims.
			st.Status.Errors[sym] = symbolErrText(sym, err)
		}
	}
	for sym, q := range d.Quotes {
		if _, seen := d.Histories[sym]; !seen && q.Err != nil && inSpec[sym] {
			st.Status.Errors[sym] = symbolErrText(sym, q.Err)
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
	if end := dataEnd(in.Series, spec.Benchmark, asOf); end != 0 && end < asOf {
		in.AsOf = end
		// Worth a word only when the data misses a session that has
		// closed: before today's open, yesterday's close is all there is.
		if end < min(calendar.LastTradingDay(asOf), feeds.LastClosedSession(now)) {
			st.Status.DataEnds = end
		}
	}
	st.Report = market.Analyze(in)
	// d.Macro is nil here when real macro must not meet simulated prices.
	st.Thesis = market.Thesis(market.ThesisInput{Spec: spec, Series: in.Series, Facts: in.Facts,
		Macro: d.Macro, Long: d.Long, AsOf: in.AsOf})
	if d.Macro != nil {
		// The roadmap's "robots" step reads the same rotation the Whoosh
		// Index uses: ln(RS_t / RS_{t−L}).
		m := market.AnalyzeMacro(d.Macro, in.AsOf, st.Report.Whoosh.Components[0].Raw)
		st.Macro, st.MacroOrigin = &m, d.MacroOrigin
	}
	summarize(&st.Status, st.Symbols)
	st.Status.MarketState = marketState(d.Quotes, spec.Benchmark)
	return st
}

// observe returns what one symbol shows: its series through asOf (moved
// to a live quote when there is one), the time of its newest observation,
// its freshness and the facts the gap needs, all from one observation.
func observe(h feeds.History, ser market.Series, q feeds.Quote, haveQuote bool, asOf market.Date, now time.Time) (SymbolState, market.Series, *market.Fundamentals, bool) {
	last := lastBarThrough(h.Bars, asOf)
	if last < 0 {
		return SymbolState{}, market.Series{}, nil, false
	}
	daily := ser.TradesDaily()
	bar := h.Bars[last]
	ss := SymbolState{
		Observed:  feeds.BarTime(bar.Date, daily, h.Origin.Fetched),
		Last:      ser.Close[last],
		MarketCap: math.NaN(),
	}
	var fact *market.Fundamentals
	usable := haveQuote && (q.Err == nil || q.Origin.Kind == feeds.KindCached)
	switch {
	case haveQuote && q.Err == nil && applies(q, daily, asOf):
		ser = withQuote(ser, q, asOf)
		ss.Observed, ss.Last = q.Time, q.Price
		fact = &market.Fundamentals{Price: q.Price, MarketCap: q.MarketCap, SharesOutstanding: q.SharesOutstanding}
	case usable && !q.Time.IsZero() && quoteDate(q, daily) == bar.Date:
		// The quote is the last bar's own observation (demo, CSV, a
		// quote from the cache taken at that close).
		fact = &market.Fundamentals{Price: q.Price, MarketCap: q.MarketCap, SharesOutstanding: q.SharesOutstanding}
	case usable:
		// A later (or older) quote: only its share count, which moves slowly.
		fact = &market.Fundamentals{Price: math.NaN(), MarketCap: math.NaN(), SharesOutstanding: shareCount(q)}
	}
	if fact != nil {
		ss.MarketCap, ss.CapApprox = fact.MarketCap, false
		if math.IsNaN(ss.MarketCap) || ss.MarketCap <= 0 {
			ss.MarketCap, ss.CapApprox = shareCount(feeds.Quote{SharesOutstanding: fact.SharesOutstanding, MarketCap: fact.MarketCap, Price: fact.Price})*ss.Last, true
		}
	}
	ss.Fresh = feeds.Assess(ss.Observed, now, daily)
	return ss, ser, fact, true
}

// applies reports whether a good quote moves the series' last point: a
// live or delayed quote observed on or before asOf.
func applies(q feeds.Quote, daily bool, asOf market.Date) bool {
	if q.Time.IsZero() || (q.Origin.Kind != feeds.KindLive && q.Origin.Kind != feeds.KindDelayed) {
		return false
	}
	return quoteDate(q, daily) <= asOf
}

// quoteDate is the trading date of a quote: New York for equities, UTC
// for what trades every day (crypto), as Yahoo stamps its bars.
func quoteDate(q feeds.Quote, daily bool) market.Date {
	if daily {
		return market.DateFromTime(q.Time.UTC())
	}
	return feeds.NewYorkDate(q.Time)
}

// shareCount is the quote's shares outstanding, or cap / price.
func shareCount(q feeds.Quote) float64 {
	if q.SharesOutstanding > 0 {
		return q.SharesOutstanding
	}
	if q.MarketCap > 0 && q.Price > 0 {
		return q.MarketCap / q.Price
	}
	return math.NaN()
}

// lastBarThrough returns the index of the last bar dated on or before
// asOf with a usable close, or -1.
func lastBarThrough(bars []feeds.Bar, asOf market.Date) int {
	i := sort.Search(len(bars), func(i int) bool { return bars[i].Date > asOf }) - 1
	for ; i >= 0; i-- {
		b := bars[i]
		if b.Close > 0 || b.AdjClose > 0 {
			return i
		}
	}
	return -1
}

// dataEnd is the newest date with data on or before asOf: the benchmark's
// when it has any (the calendar the analytics align to), else any series'.
func dataEnd(series map[string]market.Series, benchmark string, asOf market.Date) market.Date {
	newest := func(s market.Series) market.Date {
		i := sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i] > asOf }) - 1
		if i < 0 {
			return 0
		}
		return s.Dates[i]
	}
	if s, ok := series[benchmark]; ok {
		if d := newest(s); d != 0 {
			return d
		}
	}
	var end market.Date
	for _, s := range series {
		end = max(end, newest(s))
	}
	return end
}

// DataTime is the newest observation in d through asOf: the clock demo and
// CSV data are measured against, so their output never depends on the
// wall clock (the as-of date's close when d is empty).
func DataTime(d Data, asOf market.Date) time.Time {
	var latest time.Time
	for sym, h := range d.Histories {
		if i := lastBarThrough(h.Bars, asOf); i >= 0 {
			ser, ok := d.Series[sym]
			if !ok {
				ser = h.Series()
			}
			t := feeds.BarTime(h.Bars[i].Date, ser.TradesDaily(), h.Origin.Fetched)
			if t.After(latest) {
				latest = t
			}
		}
	}
	if latest.IsZero() {
		return feeds.BarTime(asOf, false, time.Time{})
	}
	return latest
}

// withQuote moves a series' last point to a live quote: the price becomes
// the close of the quote's date (or a new bar when history has none for it
// yet), so day and window returns move with the market between the daily
// history refreshes. Cached quotes and quotes from after asOf are ignored.
func withQuote(ser market.Series, q feeds.Quote, asOf market.Date) market.Series {
	daily := ser.TradesDaily()
	if !applies(q, daily, asOf) {
		return ser
	}
	return ser.WithClose(quoteDate(q, daily), q.Price)
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
	return Sanitize(feeds.Reason(err))
}

// fallbackText says in words why auto shows the demo: "Yahoo unreachable
// (connection refused) and nothing cached: showing demo data".
func fallbackText(fe *feeds.FallbackError) string {
	primary := fe.Primary
	if primary == "yahoo" {
		primary = "Yahoo"
	}
	why := "no " + primary + " data"
	if fe.Cause != nil {
		why = primary + " failed (" + symbolErrText("", fe.Cause) + ")"
	}
	return Sanitize(why + " and nothing cached: showing " + fe.Fallback + " data")
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
