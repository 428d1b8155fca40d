// Package feeds gets market data: the Provider interface and the types every
// source shares. The sources live in sub-packages (demo, csvfeed, yahoo,
// fred, cache); this package also holds the auto fallback chain and the
// poller that streams fresh data to the dashboard.
package feeds

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// Kind says what kind of source a piece of data came from.
type Kind int

// The kinds of origin, as the badge shows them.
const (
	KindUnknown Kind = iota
	KindLive         // fetched now from a live provider, real-time
	KindDelayed      // fetched now from a live provider, exchange-delayed
	KindCached       // read from the on-disk cache
	KindDemo         // the embedded simulation
	KindCSV          // the user's CSV files
	KindFRED         // FRED macro data fetched now
)

var kindNames = map[Kind]string{
	KindUnknown: "UNKNOWN", KindLive: "LIVE", KindDelayed: "DELAYED",
	KindCached: "CACHED", KindDemo: "DEMO", KindCSV: "CSV", KindFRED: "FRED",
}

// String returns the kind's badge word.
func (k Kind) String() string { return kindNames[k] }

// Origin says where a piece of data came from and how old it is.
type Origin struct {
	Kind     Kind
	Provider string    // "yahoo", "demo", "csv:DIR", "fred", "cache"
	Fetched  time.Time // when the provider produced it (for the cache: when it was first fetched)
	// Observed is when the data shown was observed in the market (the
	// quote's market time, or the last bar's session close); zero until
	// the analytics know it.
	Observed time.Time
}

// Age returns how old the data is at now: measured from Observed when it
// is known, else from Fetched (0 when neither is).
func (o Origin) Age(now time.Time) time.Duration {
	t := o.Observed
	if t.IsZero() {
		t = o.Fetched
	}
	if t.IsZero() || now.Before(t) {
		return 0
	}
	return now.Sub(t)
}

// Badge is the short label the header and the snapshot show:
// LIVE, DELAYED, CACHED 3h, DEMO, CSV.
func (o Origin) Badge(now time.Time) string {
	if o.Kind == KindCached {
		return "CACHED " + ShortAge(o.Age(now))
	}
	return o.Kind.String()
}

// ShortAge formats an age compactly: 45s, 12m, 3h, 2d.
func ShortAge(d time.Duration) string {
	switch {
	case d < time.Minute:
		return strconv.Itoa(int(d/time.Second)) + "s"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	case d < 48*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	default:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
}

// Bar is one daily bar, stamped with its exchange-local date. Missing values
// are NaN, never 0.
type Bar struct {
	Date     market.Date
	Close    float64
	AdjClose float64
}

// SortBars returns a copy of bars sorted by date with one bar per date:
// where a date repeats, the bar given last wins (a revision, or today's
// partial bar repeated by the provider).
func SortBars(bars []Bar) []Bar {
	c := slices.Clone(bars)
	slices.SortStableFunc(c, func(a, b Bar) int { return cmp.Compare(a.Date, b.Date) })
	out := c[:0]
	for _, b := range c {
		if n := len(out); n > 0 && out[n-1].Date == b.Date {
			out[n-1] = b
			continue
		}
		out = append(out, b)
	}
	return out
}

// History is one symbol's daily bars and where they came from. Err is set
// when this symbol failed; Bars may still hold usable (for example cached)
// data alongside it.
type History struct {
	Symbol string
	Bars   []Bar
	Origin Origin
	Err    error
}

// Series converts the bars to an analytics series of adjusted closes,
// falling back to the close where the adjusted close is missing.
func (h History) Series() market.Series {
	s := market.Series{Symbol: h.Symbol, Dates: make([]market.Date, len(h.Bars)), Close: make([]float64, len(h.Bars))}
	for i, b := range h.Bars {
		s.Dates[i] = b.Date
		v := b.AdjClose
		if math.IsNaN(v) || v <= 0 {
			v = b.Close
		}
		s.Close[i] = v
	}
	return s.Calendared()
}

// Quote is a symbol's latest quote. Numbers the provider did not give are
// NaN. Err is set when this symbol could not be quoted (for example an
// unknown symbol); the other fields are then meaningless.
type Quote struct {
	Symbol            string
	Name              string
	Currency          string
	Price             float64
	Change            float64 // absolute change on the day, as the provider reports it
	ChangePct         float64 // percent
	PrevClose         float64
	MarketCap         float64
	SharesOutstanding float64
	MarketState       string    // REGULAR, PRE, POST, CLOSED, ...
	Time              time.Time // time of the last trade
	// Pre and Post are the pre- and post-market (extended-hours) trade
	// when the provider reports one. They are shown beside the quote and
	// never enter Price, the day's change or any basket.
	Pre, Post Extended
	Origin    Origin
	Err       error
}

// Extended is one extended-hours (pre- or post-market) trade: its price,
// its change as the provider reports it, and when it traded. A price
// that is NaN or not positive means there is none.
type Extended struct {
	Price     float64
	Change    float64 // absolute
	ChangePct float64 // percent
	Time      time.Time
}

// Known reports whether e holds a price.
func (e Extended) Known() bool { return e.Price > 0 && !math.IsInf(e.Price, 0) }

// ExtendedHours returns the extended-hours trade to show beside q: the
// newer of Pre and Post that traded after the regular session's last
// trade (q.Time), with its session's name, "pre" or "post"; ok is false
// when there is none (during the regular session, or when the provider
// gave none). A trade without a time counts only when q has no time.
func (q Quote) ExtendedHours() (session string, e Extended, ok bool) {
	for _, c := range []struct {
		name string
		e    Extended
	}{{"pre", q.Pre}, {"post", q.Post}} {
		if !c.e.Known() || (!q.Time.IsZero() && !c.e.Time.After(q.Time)) {
			continue
		}
		if !ok || c.e.Time.After(e.Time) {
			session, e, ok = c.name, c.e, true
		}
	}
	return session, e, ok
}

// Provider is a source of market data. Implementations must be safe for
// concurrent use and must honour ctx for every wait.
type Provider interface {
	// Name identifies the provider ("yahoo", "demo", "csv:DIR", "cache", "auto").
	Name() string
	// History returns daily bars for each symbol between from and to,
	// inclusive, one History per requested symbol in the same order.
	// A failure of the whole call is returned as the error; a failure of
	// one symbol is reported in that History's Err.
	History(ctx context.Context, symbols []string, from, to market.Date) ([]History, error)
	// Quotes returns the latest quote of each symbol, one per requested
	// symbol in the same order, with per-symbol failures in Quote.Err.
	Quotes(ctx context.Context, symbols []string) ([]Quote, error)
}

// Shown returns the origin and the error to show for one symbol, given its
// history h and its latest quote q (haveQuote false when there is none).
//
// A history that failed keeps its own (cached) origin and error; demo and
// CSV data keep theirs. For market data the quote moves the last point: a
// good live quote lends its origin. A failed quote is shown as its error;
// the numbers are then the history's, labelled with the history's own
// origin (LIVE history fetched now shows its last close, judged by that
// close's date; cached history shows CACHED).
func Shown(h History, q Quote, haveQuote bool) (Origin, error) {
	isMarket := h.Origin.Kind == KindLive || h.Origin.Kind == KindDelayed || h.Origin.Kind == KindCached
	switch {
	case h.Err != nil || !haveQuote:
		return h.Origin, h.Err
	case !isMarket || q.Err != nil:
		return h.Origin, q.Err
	case q.Origin.Kind == KindLive || q.Origin.Kind == KindDelayed:
		return q.Origin, nil
	}
	return h.Origin, nil
}

// BlankQuote is a quote of sym with every number NaN, the start from which
// providers fill in what they know: a number they do not set stays
// missing, never a 0 that could pass for a price.
func BlankQuote(sym string) Quote {
	nan := math.NaN()
	none := Extended{Price: nan, Change: nan, ChangePct: nan}
	return Quote{Symbol: sym, Price: nan, Change: nan, ChangePct: nan, PrevClose: nan, MarketCap: nan, SharesOutstanding: nan,
		Pre: none, Post: none}
}

// FailedQuote is the quote of a symbol that could not be quoted: a
// BlankQuote with err, tied to the symbol, in Err.
func FailedQuote(sym string, err error) Quote {
	q := BlankQuote(sym)
	q.Err = &SymbolError{Symbol: sym, Err: err}
	return q
}
