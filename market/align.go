package market

import (
	"math"
	"sort"
)

// Panel is several series aligned on one calendar: Values[i][t] is symbol
// i's close on Dates[t], NaN where it has no bar that day. Nothing is ever
// forward-filled.
type Panel struct {
	Dates   []Date
	Symbols []string
	Values  [][]float64
	index   map[string]int
}

// Align puts the series on the calendar of US equity trading dates present
// in the data, up to and including asOf. A series with any weekend bar
// trades every day (crypto) and does not define the calendar; its bars on
// other days are dropped. When every series trades every day the calendar
// is all their dates. Non-finite or non-positive closes count as missing.
func Align(series []Series, asOf Date) *Panel {
	defining := make([]bool, len(series))
	any := false
	for i, s := range series {
		defining[i] = !hasWeekend(s.Dates)
		any = any || defining[i]
	}
	seen := map[Date]struct{}{}
	for i, s := range series {
		if any && !defining[i] {
			continue
		}
		for _, d := range s.Dates {
			if d <= asOf {
				seen[d] = struct{}{}
			}
		}
	}
	dates := make([]Date, 0, len(seen))
	for d := range seen {
		dates = append(dates, d)
	}
	sort.Slice(dates, func(a, b int) bool { return dates[a] < dates[b] })

	p := &Panel{Dates: dates, index: make(map[string]int, len(series))}
	pos := make(map[Date]int, len(dates))
	for t, d := range dates {
		pos[d] = t
	}
	for _, s := range series {
		if _, dup := p.index[s.Symbol]; dup {
			continue
		}
		row := make([]float64, len(dates))
		for t := range row {
			row[t] = math.NaN()
		}
		for k, d := range s.Dates {
			if t, ok := pos[d]; ok && k < len(s.Close) && valid(s.Close[k]) {
				row[t] = s.Close[k]
			}
		}
		p.index[s.Symbol] = len(p.Symbols)
		p.Symbols = append(p.Symbols, s.Symbol)
		p.Values = append(p.Values, row)
	}
	return p
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

func valid(x float64) bool { return x > 0 && !math.IsInf(x, 0) }
