package market

import (
	"math"
	"slices"
	"sort"
)

// Panel is several series aligned on one calendar: Values[i][t] is symbol
// i's close on Dates[t], NaN where it has no bar that day. Nothing is ever
// forward-filled. Rows are read-only: a row may be the series' own Close
// array.
type Panel struct {
	Dates   []Date
	Symbols []string
	Values  [][]float64
	index   map[string]int
	clean   []bool // clean[i]: Values[i] has a valid close on every date

}

// Align puts the series on the calendar of US equity trading dates present
// in the data, up to and including asOf. The calendar is the dates of the
// series named calendar (the benchmark, SPY) when it has any: a watchlist
// symbol that trades on US holidays (Tokyo, Frankfurt, FX, futures) must
// not add those days and cost every US symbol the returns around them.
// Without it, the calendar is the dates of every series that has no
// weekend bars; a series with weekend bars trades every day (crypto) and
// never defines the calendar. When every series trades every day the
// calendar is all their dates. Bars off the calendar are dropped;
// non-finite or non-positive closes count as missing.
func Align(series []Series, asOf Date, calendar string) *Panel {
	lo, hi := Date(math.MaxInt32), Date(math.MinInt32)
	defining := make([]bool, len(series))
	anyDefining := false
	byCalendar := false
	for _, s := range series {
		byCalendar = byCalendar || (s.Symbol == calendar && calendar != "" && len(s.Dates) > 0)
	}
	for i, s := range series {
		if byCalendar {
			defining[i] = s.Symbol == calendar
		} else {
			defining[i] = !s.TradesDaily()
		}
		anyDefining = anyDefining || defining[i]
		if len(s.Dates) > 0 {
			lo, hi = min(lo, s.Dates[0]), max(hi, s.Dates[len(s.Dates)-1])
		}
	}
	hi = min(hi, asOf)
	p := &Panel{index: make(map[string]int, len(series))}
	if lo > hi {
		return p
	}
	if !anyDefining {
		for i := range defining {
			defining[i] = true
		}
	}
	p.Dates = calendarDates(series, defining, lo, hi)
	// A series whose dates are the calendar and whose closes are all valid
	// already is its row: it is shared, not copied (rows are read-only).
	// The other rows share one allocation, capped so none can grow into
	// its neighbour.
	n := len(p.Dates)
	rows := make([][]float64, len(series))
	copies := 0
	for i, s := range series {
		if rows[i] = asRow(s, p.Dates); rows[i] == nil {
			copies++
		}
	}
	buf := make([]float64, copies*n)
	for i, s := range series {
		if _, dup := p.index[s.Symbol]; dup {
			continue
		}
		row, clean := rows[i], true
		if row == nil {
			row, buf = buf[:n:n], buf[n:]
			clean = fillRow(row, s, p.Dates)
		}
		p.index[s.Symbol] = len(p.Symbols)
		p.Symbols = append(p.Symbols, s.Symbol)
		p.Values = append(p.Values, row)
		p.clean = append(p.clean, clean)
	}
	return p
}

// asRow returns s's closes as a row of a panel on dates when s has exactly
// those dates first (later bars are off the calendar) and every one of
// those closes is valid; nil otherwise.
func asRow(s Series, dates []Date) []float64 {
	n := len(dates)
	if n == 0 || len(s.Dates) < n || len(s.Close) < n {
		return nil
	}
	if &s.Dates[0] != &dates[0] && !slices.Equal(s.Dates[:n], dates) {
		return nil
	}
	row := s.Close[:n:n]
	if s.clean == 2 {
		return row
	}
	for _, v := range row {
		if !valid(v) {
			return nil
		}
	}
	return row
}

// fillRow writes s's closes into row at their positions on the calendar
// dates (ascending) and NaN elsewhere, and reports whether every cell got
// a close. Both date lists increase, so one walk along both writes every
// cell once; should a series break that promise, the row is refilled the
// slow way with the same outcome (the last valid close of a date wins).
func fillRow(row []float64, s Series, dates []Date) (clean bool) {
	nan := math.NaN()
	next, closes := 0, 0 // row[:next] is written, closes of them valid
	prev := Date(math.MinInt32)
	for k, d := range s.Dates {
		if d <= prev && k > 0 {
			return fillRowUnsorted(row, s, dates)
		}
		prev = d
		for next < len(row) && dates[next] < d {
			row[next] = nan
			next++
		}
		if next < len(row) && dates[next] == d && k < len(s.Close) && valid(s.Close[k]) {
			row[next] = s.Close[k]
			next++
			closes++
		}
	}
	for ; next < len(row); next++ {
		row[next] = nan
	}
	return closes == len(row)
}

func fillRowUnsorted(row []float64, s Series, dates []Date) (clean bool) {
	for t := range row {
		row[t] = math.NaN()
	}
	for k, d := range s.Dates {
		if t, ok := slices.BinarySearch(dates, d); ok && k < len(s.Close) && valid(s.Close[k]) {
			row[t] = s.Close[k]
		}
	}
	for _, v := range row {
		if !valid(v) {
			return false
		}
	}
	return true
}

// Row returns the aligned closes of sym, or nil when the panel lacks it.
func (p *Panel) Row(sym string) []float64 {
	if i, ok := p.index[sym]; ok {
		return p.Values[i]
	}
	return nil
}

// IndexOn returns the index of the last calendar date on or before d, or -1
// when d is before the first date.
func (p *Panel) IndexOn(d Date) int {
	return sort.Search(len(p.Dates), func(i int) bool { return p.Dates[i] > d }) - 1
}

// Returns gives the simple daily returns of a row: r[t] = v[t]/v[t-1] − 1
// when both closes exist, NaN otherwise (r[0] is always NaN). A missing day
// therefore costs a return on both sides instead of smearing a two-day move
// into one day.
func Returns(v []float64) []float64 {
	r := make([]float64, len(v))
	for t := range v {
		r[t] = math.NaN()
		if t > 0 && valid(v[t]) && valid(v[t-1]) {
			r[t] = v[t]/v[t-1] - 1
		}
	}
	return r
}

func hasWeekend(ds []Date) bool {
	for _, d := range ds {
		// 1970-01-01 was a Thursday: (d+4) mod 7 is the weekday, Sunday = 0.
		wd := (int(d)%7 + 7 + 4) % 7
		if wd == 0 || wd == 6 {
			return true
		}
	}
	return false
}

// valid reports whether x is a usable close: positive and finite (NaN
// fails both comparisons).
func valid(x float64) bool { return x > 0 && x <= math.MaxFloat64 }

// WithClose returns s with its close on d set to v: the last bar replaced
// when d is its date, a bar appended when d is later. A d before the last
// bar changes nothing (history is not rewritten by a quote). s is not
// modified.
func (s Series) WithClose(d Date, v float64) Series {
	n := len(s.Dates)
	switch {
	case !valid(v) || (n > 0 && d < s.Dates[n-1]):
		return s
	case n > 0 && d == s.Dates[n-1]:
		c := append([]float64(nil), s.Close...)
		c[n-1] = v
		s.Close = c
		if s.clean == 1 {
			s.clean = 0 // the bad close may have been the one replaced
		}
		return s
	default:
		s.Dates = append(s.Dates[:n:n], d)
		s.Close = append(s.Close[:n:n], v)
		if s.daily == 1 && hasWeekend(s.Dates[n:]) {
			s.daily = 0 // a weekend bar now: ask again
		}
		return s
	}
}

// TradesDaily reports whether s has weekend bars, i.e. trades every day
// (crypto); its bars are then dated in UTC rather than New York time.
func (s Series) TradesDaily() bool {
	if s.daily != 0 {
		return s.daily == 2
	}
	return hasWeekend(s.Dates)
}

// Calendared returns s with TradesDaily, and whether every close is
// valid, worked out once and remembered, for a series that is kept and
// read many times (a scan of every date otherwise). s's dates and closes
// must not change afterwards except through WithClose.
func (s Series) Calendared() Series {
	s.daily, s.clean = 1, 2
	if hasWeekend(s.Dates) {
		s.daily = 2
	}
	if slices.ContainsFunc(s.Close, func(v float64) bool { return !valid(v) }) {
		s.clean = 1
	}
	return s
}
