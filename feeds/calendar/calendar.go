// Package calendar knows the New York Stock Exchange trading calendar:
// which days the US equity market is open and when it closes. Crypto trades
// every day and needs none of this.
package calendar

import (
	"time"
	_ "time/tzdata" // the close instant must not depend on the host's zoneinfo

	"github.com/whoosh-dev/whoosh/market"
)

// newYork is the exchange's time zone. The embedded tzdata makes the lookup
// succeed on every host; the fixed EST offset is only a last resort.
var newYork = func() *time.Location {
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		return time.FixedZone("EST", -5*60*60)
	}
	return loc
}()

// NewYork returns the America/New_York location.
func NewYork() *time.Location { return newYork }

// CloseTime returns the instant of the regular 16:00 New York close on d,
// whether or not d is a trading day.
func CloseTime(d market.Date) time.Time {
	y, m, day := d.Time().Date()
	return time.Date(y, m, day, 16, 0, 0, 0, newYork)
}

// IsTradingDay reports whether the NYSE holds a regular session on d: a
// weekday that is neither an exchange holiday nor a special closure.
func IsTradingDay(d market.Date) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !IsHoliday(d)
}

// LastTradingDay returns the last trading day on or before on.
func LastTradingDay(on market.Date) market.Date {
	d := on
	for !IsTradingDay(d) {
		d--
	}
	return d
}

// NextTradingDay returns the first trading day strictly after d.
func NextTradingDay(d market.Date) market.Date {
	d++
	for !IsTradingDay(d) {
		d++
	}
	return d
}

// TradingDays returns the trading days from through to, inclusive, in
// ascending order (nil when to is before from).
func TradingDays(from, to market.Date) []market.Date {
	if to < from {
		return nil
	}
	out := make([]market.Date, 0, int(to-from+1)*5/7+2)
	for d := from; d <= to; d++ {
		if IsTradingDay(d) {
			out = append(out, d)
		}
	}
	return out
}
