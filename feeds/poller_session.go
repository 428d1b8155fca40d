package feeds

import (
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// SessionRollover is the New York time of day at which daily history is
// considered final for the day: the 16:00 close plus a margin for late
// prints and the provider's end-of-day processing.
const SessionRollover = 16*time.Hour + 30*time.Minute

// SessionDate returns the date of the latest US trading session whose daily
// bar is final at t: the New York calendar date of t if t is at or after
// 16:30 New York time, else the day before, moved back over weekends.
// Holidays are not skipped, which only costs one extra history refresh on
// those days.
//
// Two instants with the same SessionDate see the same set of final daily
// bars, so daily history fetched at one of them is still current at the
// other. The disk cache and the poller both use it as "once per trading day".
func SessionDate(t time.Time) market.Date {
	ny := t.In(calendar.NewYork())
	d := market.DateFromTime(ny)
	// Wall-clock time of day, not time since midnight: on DST days they differ.
	clock := time.Duration(ny.Hour())*time.Hour + time.Duration(ny.Minute())*time.Minute + time.Duration(ny.Second())*time.Second
	if clock < SessionRollover {
		d--
	}
	for d.Weekday() == time.Saturday || d.Weekday() == time.Sunday {
		d--
	}
	return d
}

// NewYorkDate returns the New York calendar date of t.
func NewYorkDate(t time.Time) market.Date { return market.DateFromTime(t.In(calendar.NewYork())) }
