package market

import (
	"fmt"
	"time"
)

// Date is a calendar date without a time of day or a location, stored as the
// number of days since 1970-01-01. Daily bars are keyed by the exchange-local
// date they belong to, so comparing two Dates never involves time zones.
type Date int32

// DateOf returns the Date for year y, month m, day d. Out-of-range values
// are normalised the way time.Date normalises them.
func DateOf(y int, m time.Month, d int) Date {
	return DateFromTime(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateFromTime returns the calendar date of t in t's own location.
func DateFromTime(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return Date(u.Unix() / 86400)
}

// ParseDate parses an ISO date (YYYY-MM-DD).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("bad date %q: want YYYY-MM-DD", s)
	}
	return DateFromTime(t), nil
}

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format(time.DateOnly) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns d moved by n calendar months, clamped to the last day of
// the target month (2024-03-31 minus one month is 2024-02-29).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Time().Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return DateOf(first.Year(), first.Month(), day)
}

// Year returns the calendar year of d.
func (d Date) Year() int { return d.Time().Year() }
