package ui

import (
	"errors"
	"fmt"
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
	// between recomputes by whoever folds the data, which may then drop
	// the history's bars; Compute converts what it lacks on the fly.
	Series      map[string]market.Series
	Quotes      map[string]feeds.Quote
	Macro       map[string][]market.Observation // FRED id → observations; nil when none
	MacroOrigin feeds.Origin
	// Long holds the few daily bars of ^NDX and ^GSPC around
	// market.ThesisPeak (2000-03-10), fetched once, for the scorecard.
	Long map[string]market.Series
	// Intraday holds the 5-minute bars of IntradaySession by symbol, for
	// the 1D window; nil until 1D has been asked for.
	Intraday        map[string]feeds.Intraday
	IntradaySession calendar.Session
}

// dataEnds is end when the data, ending at end before asOf, misses a
// session that has closed by now (worth a word: before today's open,
// yesterday's close is all there is); 0 otherwise.
func dataEnds(end, asOf market.Date, now time.Time) market.Date {
	if end < min(calendar.LastTradingDay(asOf), feeds.LastClosedSession(now)) {
		return end
	}
	return 0
}

// series is sym's converted history: the folded one, or h converted now.
func (d Data) series(sym string, h feeds.History) market.Series {
	if s, ok := d.Series[sym]; ok {
		return s
	}
	return h.Series()
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
	var c Computer
	return c.Compute(spec, d, w, asOf, now)
}

// Compute is the package's Compute, reusing the computer's last analysis
// where only quotes moved since (see Computer).
func (c *Computer) Compute(spec market.Spec, d Data, w market.Window, asOf market.Date, now time.Time) State {
	o := observed{
		hist:  make(map[string]market.Series, len(d.Histories)),
		moved: make(map[string]quoteClose),
		facts: make(map[string]market.Fundamentals, len(d.Quotes)),
	}
	st := State{
		Quotes:  d.Quotes,
		Origins: make(map[string]feeds.Origin, len(d.Histories)),
		Symbols: make(map[string]SymbolState, len(d.Histories)),
		Now:     now,
		Status:  Status{Errors: map[string]string{}},
	}
	fellBack := false
	inSpec := c.specSet(spec)
	clock := feeds.ClockAt(now)
	for sym, h := range d.Histories {
		q, haveQuote := d.Quotes[sym]
		origin, err := feeds.Shown(h, q, haveQuote)
		ser := d.series(sym, h)
		if ss, moved, fact, ok := observe(h, ser, q, haveQuote, asOf, clock); ok {
			o.hist[sym] = ser
			if moved.day != 0 {
				o.moved[sym] = moved
			}
			if fact != nil {
				o.facts[sym] = *fact
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
	var unrate []market.Observation
	if d.Macro != nil {
		unrate = d.Macro["UNRATE"]
	}
	st.asOf = asOf
	analyzeAsOf := asOf
	if end := o.dataEnd(spec.Benchmark, asOf); end != 0 && end < asOf {
		analyzeAsOf = end
		st.end = end
		st.Status.DataEnds = dataEnds(end, asOf, now)
	}
	st.Report = c.analyze(spec, o, w, analyzeAsOf, unrate).Report
	if w.Intraday() {
		st.Intraday = computeIntraday(spec, d, o, st.Report.Gap, now)
	}
	// d.Macro is nil here when real macro must not meet simulated prices.
	st.Thesis = market.Thesis(market.ThesisInput{Spec: spec, Series: o.thesisSeries(spec), Facts: o.facts,
		Macro: d.Macro, Long: d.Long, AsOf: analyzeAsOf})
	if d.Macro != nil {
		// The roadmap's "robots" step reads the same rotation the Whoosh
		// Index uses: ln(RS_t / RS_{t−L}).
		m := market.AnalyzeMacro(d.Macro, analyzeAsOf, st.Report.Whoosh.Components[0].Raw)
		st.Macro, st.MacroOrigin = &m, d.MacroOrigin
	}
	summarize(&st.Status, st.Symbols)
	st.Status.MarketState = marketState(d.Quotes, spec.Benchmark)
	return st
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
		cause := fe.Cause
		var se *feeds.SymbolError
		if errors.As(cause, &se) {
			cause = se.Err // the same for every symbol
		}
		why = primary + " failed (" + Sanitize(feeds.Reason(cause)) + ")"
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
