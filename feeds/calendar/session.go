package calendar

import (
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// Session is one regular NYSE session: its date and the instants of its
// 09:30 open and its close (16:00, or 13:00 on a half day), in New York.
type Session struct {
	Date  market.Date
	Open  time.Time
	Close time.Time
	Half  bool // an early close at 13:00
}

// IsHalfDay reports whether the NYSE closes early (13:00) on d: July 3,
// the day after Thanksgiving and Christmas Eve, each when it is a trading
// day (a July 3 or December 24 that is the observed holiday is not).
func IsHalfDay(d market.Date) bool {
	if !IsTradingDay(d) {
		return false
	}
	_, m, day := d.Time().Date()
	switch {
	case m == time.July && day == 3, m == time.December && day == 24:
		return true
	case m == time.November && d.Weekday() == time.Friday:
		// Thanksgiving is the fourth Thursday: the Friday after it falls
		// on the 23rd to the 29th.
		return IsHoliday(d-1) && day >= 23
	}
	return false
}

// SessionOn returns the session held on d, and false when d is not a
// trading day.
func SessionOn(d market.Date) (Session, bool) {
	if !IsTradingDay(d) {
		return Session{}, false
	}
	y, m, day := d.Time().Date()
	s := Session{Date: d, Half: IsHalfDay(d)}
	s.Open = time.Date(y, m, day, 9, 30, 0, 0, newYork)
	closeHour := 16
	if s.Half {
		closeHour = 13
	}
	s.Close = time.Date(y, m, day, closeHour, 0, 0, 0, newYork)
	return s, true
}

// Newest returns the newest session that has opened at t: today's once
// its 09:30 open has passed (running or closed), else the last one before.
func Newest(t time.Time) Session {
	ny := t.In(newYork)
	d := market.DateFromTime(ny)
	if s, ok := SessionOn(d); ok && !t.Before(s.Open) {
		return s
	}
	s, _ := SessionOn(LastTradingDay(d - 1))
	return s
}

// Previous returns the session before s.
func (s Session) Previous() Session {
	p, _ := SessionOn(LastTradingDay(s.Date - 1))
	return p
}

// OpenAt reports whether the session is running at t (open ≤ t < close).
func (s Session) OpenAt(t time.Time) bool {
	return !t.Before(s.Open) && t.Before(s.Close)
}

// ClosedAt reports whether the session has closed at t.
func (s Session) ClosedAt(t time.Time) bool { return !t.Before(s.Close) }
