package feeds

import (
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// Freshness says how current a price is, judged by when it was observed
// (the quote's market time, or the close of its bar's session) against the
// exchange calendar, never by when it was fetched.
type Freshness int

// The freshness states, from most to least current.
const (
	FreshUnknown Freshness = iota // nothing observed
	FreshLive                     // observed in the session open now, within DelayedAfter
	FreshDelayed                  // observed in the open session, but longer than DelayedAfter ago
	FreshClosed                   // the last session's close (or later): all there is while the market is shut
	FreshStale                    // older than the last closed session it should have
)

// DelayedAfter is how old a price observed in the open session may be and
// still count as live: Yahoo's US quotes are real time, and an exchange-
// delayed feed lags by 15 minutes.
const DelayedAfter = 10 * time.Minute

var freshNames = [...]string{"UNKNOWN", "LIVE", "DELAYED", "CLOSED", "STALE"}

// String returns the state's badge word.
func (f Freshness) String() string { return freshNames[f] }

// Assess judges a price observed at observed, looked at at now. Equities
// follow the NYSE calendar; what trades every day (crypto) has a session
// per UTC day that never closes.
func Assess(observed, now time.Time, tradesDaily bool) Freshness {
	return ClockAt(now).Assess(observed, tradesDaily)
}

// Clock is what Assess works out from now, worked out once for judging
// many prices at the same now (a thousand symbols per recompute).
type Clock struct {
	now          time.Time
	open         bool        // the NYSE session is open at now
	today        market.Date // now's New York date
	lastClosed   market.Date // LastClosedSession(now)
	utcYesterday market.Date // the UTC day before now's
}

// ClockAt is the clock at now.
func ClockAt(now time.Time) Clock {
	c := Clock{now: now, lastClosed: LastClosedSession(now), utcYesterday: market.DateFromTime(now.UTC()).AddDays(-1)}
	c.open, c.today = SessionOpen(now)
	return c
}

// Assess is Assess(observed, now, tradesDaily) at the clock's now.
func (c Clock) Assess(observed time.Time, tradesDaily bool) Freshness {
	if observed.IsZero() {
		return FreshUnknown
	}
	age := c.now.Sub(observed)
	if tradesDaily {
		switch {
		case age <= DelayedAfter:
			return FreshLive
		case market.DateFromTime(observed.UTC()) >= c.utcYesterday:
			return FreshDelayed
		}
		return FreshStale
	}
	obs := NewYorkDate(observed)
	if c.open && obs == c.today {
		if age <= DelayedAfter {
			return FreshLive
		}
		return FreshDelayed
	}
	if obs >= c.lastClosed {
		return FreshClosed
	}
	return FreshStale
}

// SessionOpen reports whether the NYSE regular session (09:30–16:00 New
// York) is open at t, and t's New York date.
func SessionOpen(t time.Time) (bool, market.Date) {
	d := NewYorkDate(t)
	if !calendar.IsTradingDay(d) {
		return false, d
	}
	ny := t.In(calendar.NewYork())
	y, m, day := ny.Date()
	open := time.Date(y, m, day, 9, 30, 0, 0, calendar.NewYork())
	return !t.Before(open) && t.Before(calendar.CloseTime(d)), d
}

// LastClosedSession returns the date of the last NYSE session whose 16:00
// close is at or before t.
func LastClosedSession(t time.Time) market.Date {
	d := NewYorkDate(t)
	if calendar.IsTradingDay(d) && !t.Before(calendar.CloseTime(d)) {
		return d
	}
	return calendar.LastTradingDay(d - 1)
}

// BarTime is when a daily bar dated d was observed: its session's close
// (16:00 New York for equities, the end of the UTC day for what trades
// daily), or fetched when that is earlier — today's bar, fetched while the
// session runs, is only as recent as its fetch.
func BarTime(d market.Date, tradesDaily bool, fetched time.Time) time.Time {
	t := calendar.CloseTime(d)
	if tradesDaily {
		t = d.Time().AddDate(0, 0, 1)
	}
	if !fetched.IsZero() && fetched.Before(t) {
		return fetched
	}
	return t
}
