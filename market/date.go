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
	// Integer calendar arithmetic rather than the time package: the Whoosh
	// history calls this once per trading day.
	y, m, day := d.civil()
	months := y*12 + m - 1 + n
	ty := floorDiv(months, 12)
	tm := months - ty*12 + 1
	return civilDate(ty, tm, min(day, daysIn(ty, tm)))
}

// Year returns the calendar year of d.
func (d Date) Year() int {
	y, _, _ := d.civil()
	return y
}

// civil returns the proleptic Gregorian year, month (1–12) and day of d
// (H. Hinnant's civil_from_days).
func (d Date) civil() (y, m, day int) {
	z := int(d) + 719468 // days from 0000-03-01
	era := floorDiv(z, 146097)
	doe := z - era*146097                                  // day of the 400-year era
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // year of the era
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // day of the March-based year
	mp := (5*doy + 2) / 153                                // March = 0
	day = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, day
}

// civilDate is the Date of year y, month m (1–12), day day: the inverse of
// civil.
func civilDate(y, m, day int) Date {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return Date(era*146097 + doe - 719468)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
