package calendar

import (
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// specialClosures are unscheduled full-day closures the rules below cannot
// derive (national days of mourning). Dates before 2019 matter to nobody
// here, but the list is cheap.
var specialClosures = map[market.Date]string{
	market.DateOf(2012, time.October, 29): "Hurricane Sandy",
	market.DateOf(2012, time.October, 30): "Hurricane Sandy",
	market.DateOf(2018, time.December, 5): "President George H. W. Bush day of mourning",
	market.DateOf(2025, time.January, 9):  "President Jimmy Carter day of mourning",
}

// IsHoliday reports whether d is an NYSE full-day holiday or special
// closure. Weekends are not holidays; see IsTradingDay.
func IsHoliday(d market.Date) bool {
	return HolidayName(d) != ""
}

// HolidayName returns the name of the NYSE holiday or closure on d, or ""
// when the exchange's rules keep it open (weekends included).
func HolidayName(d market.Date) string {
	if name, ok := specialClosures[d]; ok {
		return name
	}
	return yearHolidays(d.Year())[d]
}

// cache memoises each year's holidays: simulations ask about every day of
// several years for dozens of symbols.
var cache struct {
	sync.Mutex
	years map[int]map[market.Date]string
}

// yearHolidays returns year y's holidays by date. The map is never
// modified once cached, so readers need no lock.
func yearHolidays(y int) map[market.Date]string {
	cache.Lock()
	defer cache.Unlock()
	if m, ok := cache.years[y]; ok {
		return m
	}
	if cache.years == nil {
		cache.years = map[int]map[market.Date]string{}
	}
	m := map[market.Date]string{}
	for _, h := range holidaysOf(y) {
		m[h.date] = h.name
	}
	cache.years[y] = m
	return m
}

type holiday struct {
	date market.Date
	name string
}

// holidaysOf lists the observed NYSE holidays of year y under the rules in
// force since 1998 (MLK Day) and 2022 (Juneteenth).
func holidaysOf(y int) []holiday {
	hs := make([]holiday, 0, 10)
	add := func(d market.Date, name string) { hs = append(hs, holiday{d, name}) }

	// New Year's Day moves forward from a Sunday; from a Saturday it is not
	// observed at all, because NYSE does not close on the last trading day
	// of the year (2022-01-01 was a Saturday; 2021-12-31 was a session).
	// So next year's holiday never reaches back into this year.
	if nyd := market.DateOf(y, time.January, 1); nyd.Weekday() == time.Sunday {
		add(nyd+1, "New Year's Day (observed)")
	} else if nyd.Weekday() != time.Saturday {
		add(nyd, "New Year's Day")
	}
	if y >= 1998 {
		add(nthWeekday(y, time.January, time.Monday, 3), "Martin Luther King Jr. Day")
	}
	add(nthWeekday(y, time.February, time.Monday, 3), "Washington's Birthday")
	add(Easter(y)-2, "Good Friday")
	add(lastWeekday(y, time.May, time.Monday), "Memorial Day")
	if y >= 2022 {
		add(observed(market.DateOf(y, time.June, 19)), "Juneteenth")
	}
	add(observed(market.DateOf(y, time.July, 4)), "Independence Day")
	add(nthWeekday(y, time.September, time.Monday, 1), "Labor Day")
	add(nthWeekday(y, time.November, time.Thursday, 4), "Thanksgiving Day")
	add(observed(market.DateOf(y, time.December, 25)), "Christmas Day")
	return hs
}

// observed moves a fixed-date holiday off the weekend: Saturday to the
// Friday before, Sunday to the Monday after.
func observed(d market.Date) market.Date {
	switch d.Weekday() {
	case time.Saturday:
		return d - 1
	case time.Sunday:
		return d + 1
	}
	return d
}

// nthWeekday returns the n-th (1-based) weekday wd of month m in year y.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) market.Date {
	first := market.DateOf(y, m, 1)
	shift := (int(wd) - int(first.Weekday()) + 7) % 7
	return first + market.Date(shift+7*(n-1))
}

// lastWeekday returns the last weekday wd of month m in year y.
func lastWeekday(y int, m time.Month, wd time.Weekday) market.Date {
	last := market.DateOf(y, m+1, 1) - 1
	shift := (int(last.Weekday()) - int(wd) + 7) % 7
	return last - market.Date(shift)
}

// Easter returns Western (Gregorian) Easter Sunday of year y, by the
// anonymous Gregorian computus (Meeus/Jones/Butcher).
func Easter(y int) market.Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return market.DateOf(y, time.Month(month), day)
}
