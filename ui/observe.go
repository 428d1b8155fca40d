package ui

import (
	"math"
	"sort"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// observe returns what one symbol shows: its series through asOf (moved
// to a live quote when there is one), the time of its newest observation,
// its freshness and the facts the gap needs, all from one observation.
func observe(h feeds.History, ser market.Series, q feeds.Quote, haveQuote bool, asOf market.Date, clock feeds.Clock) (SymbolState, quoteClose, *market.Fundamentals, bool) {
	last := lastCloseThrough(ser, asOf)
	var moved quoteClose
	if last < 0 {
		return SymbolState{}, moved, nil, false
	}
	daily := ser.TradesDaily()
	barDate := ser.Dates[last]
	ss := SymbolState{
		Observed:  feeds.BarTime(barDate, daily, h.Origin.Fetched),
		Last:      ser.Close[last],
		MarketCap: math.NaN(),
	}
	var fact *market.Fundamentals
	usable := haveQuote && (q.Err == nil || q.Origin.Kind == feeds.KindCached)
	switch {
	case haveQuote && q.Err == nil && applies(q, daily, asOf):
		moved = quoteEffect(ser, q, asOf)
		ss.Observed, ss.Last = q.Time, q.Price
		fact = &market.Fundamentals{Price: q.Price, MarketCap: q.MarketCap, SharesOutstanding: q.SharesOutstanding}
	case usable && !q.Time.IsZero() && quoteDate(q, daily) == barDate:
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
	ss.daily = daily
	ss.Fresh = assess(ss, clock)
	return ss, moved, fact, true
}

// assess is the symbol's freshness at the clock (feeds.Assess).
func assess(ss SymbolState, clock feeds.Clock) feeds.Freshness {
	return clock.Assess(ss.Observed, ss.daily)
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

// lastCloseThrough returns the index of s's last date on or before asOf
// with a usable close, or -1.
func lastCloseThrough(s market.Series, asOf market.Date) int {
	i := sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i] > asOf }) - 1
	for ; i >= 0; i-- {
		if i < len(s.Close) && s.Close[i] > 0 { // NaN is not
			return i
		}
	}
	return -1
}

// DataTime is the newest observation in d through asOf: the clock demo and
// CSV data are measured against, so their output never depends on the
// wall clock (the as-of date's close when d is empty).
func DataTime(d Data, asOf market.Date) time.Time {
	var latest time.Time
	for sym, h := range d.Histories {
		ser := d.series(sym, h)
		if i := lastCloseThrough(ser, asOf); i >= 0 {
			t := feeds.BarTime(ser.Dates[i], ser.TradesDaily(), h.Origin.Fetched)
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
	return quoteEffect(ser, q, asOf).apply(ser)
}

// quoteClose is the close a live quote gives its series on the quote's
// date; the zero value gives none.
type quoteClose struct {
	day   market.Date
	price float64
}

// quoteEffect is what q does to ser (withQuote): a close on the quote's
// date when the quote applies, its price is usable and ser has no later
// bar (history is not rewritten by a quote).
func quoteEffect(ser market.Series, q feeds.Quote, asOf market.Date) quoteClose {
	daily := ser.TradesDaily()
	if !applies(q, daily, asOf) || !(q.Price > 0 && q.Price <= math.MaxFloat64) {
		return quoteClose{}
	}
	d := quoteDate(q, daily)
	if n := len(ser.Dates); n > 0 && d < ser.Dates[n-1] {
		return quoteClose{}
	}
	return quoteClose{d, q.Price}
}

// apply is ser with the quote's close.
func (c quoteClose) apply(ser market.Series) market.Series {
	if c.day == 0 {
		return ser
	}
	return ser.WithClose(c.day, c.price)
}
