package ui

import (
	"reflect"
	"slices"
	"sort"

	"github.com/whoosh-dev/whoosh/market"
)

// Computer is Compute with a memory: it keeps its last analysis, and when
// the next data differs from it only in the closes live quotes give the
// last date — a quote poll in market hours — it patches that date
// (market.Analysis.Patch: the same numbers, bit for bit) instead of
// analysing every date again. Anything else — new bars, a new config,
// window or as-of date, new macro data, a quote on an earlier date —
// redoes the analysis. The zero value is ready; a Computer is not safe
// for concurrent use.
type Computer struct {
	last    *analysed
	patches int  // analyses patched rather than redone (for tests)
	plain   bool // never patch: market.Prepare on every series (the tests' reference)

	spec    market.Spec     // the spec inSpec is of
	specGen int             // counts the specs seen: an analysis remembers its own
	inSpec  map[string]bool // market.SpecSymbols(spec), as a set
}

// specSet is the set of the symbols spec names, worked out again only
// when the spec changes.
func (c *Computer) specSet(spec market.Spec) map[string]bool {
	if c.inSpec != nil && reflect.DeepEqual(c.spec, spec) {
		return c.inSpec
	}
	c.spec, c.inSpec = spec, make(map[string]bool)
	c.specGen++
	for _, sym := range market.SpecSymbols(spec) {
		c.inSpec[sym] = true
	}
	return c.inSpec
}

// analysed is an analysis with what it was computed from.
type analysed struct {
	specGen int
	window  market.Window
	asOf    market.Date
	unrate  []market.Observation
	hist    map[string]market.Series
	moved   map[string]quoteClose
	a       *market.Analysis
}

// observed is the data one Compute analyses: each symbol's history series
// through the as-of date, the closes live quotes give them, and the
// quotes' facts.
type observed struct {
	hist  map[string]market.Series
	moved map[string]quoteClose
	facts map[string]market.Fundamentals
}

// series is sym's series with its quote's close.
func (o observed) series(sym string) market.Series {
	return o.moved[sym].apply(o.hist[sym])
}

// all is every series with its quote's close: the analytics' input.
func (o observed) all() map[string]market.Series {
	out := make(map[string]market.Series, len(o.hist))
	for sym := range o.hist {
		out[sym] = o.series(sym)
	}
	return out
}

// thesisSeries is what the scorecard reads of all (market.ThesisReads):
// only those series carry their quote's close, so a thousand-symbol
// watchlist copies nothing here.
func (o observed) thesisSeries(sp market.Spec) map[string]market.Series {
	bench := sp.Benchmark
	if bench == "" {
		bench = "SPY"
	}
	if _, ok := o.hist[bench]; !ok {
		return o.all() // the scorecard's calendar comes from every series then
	}
	out := make(map[string]market.Series)
	for _, sym := range market.ThesisReads(sp, bench) {
		if _, ok := o.hist[sym]; ok {
			out[sym] = o.series(sym)
		}
	}
	return out
}

// closeOn is sym's close dated d (its quote's when that is d's), NaN when
// it has none.
func (o observed) closeOn(sym string, d market.Date) float64 {
	if m := o.moved[sym]; m.day == d && d != 0 {
		return m.price
	}
	return closeOn(o.hist[sym], d)
}

// newest is sym's newest date on or before asOf, its quote's included; 0
// when none.
func (o observed) newest(sym string, asOf market.Date) market.Date {
	d := lastBar(o.hist[sym], asOf)
	if m := o.moved[sym]; m.day <= asOf {
		d = max(d, m.day)
	}
	return d
}

// dataEnd is the newest date with data on or before asOf: the benchmark's
// when it has any (the calendar the analytics align to), else any series'.
func (o observed) dataEnd(benchmark string, asOf market.Date) market.Date {
	if _, ok := o.hist[benchmark]; ok {
		if d := o.newest(benchmark, asOf); d != 0 {
			return d
		}
	}
	var end market.Date
	for sym := range o.hist {
		end = max(end, o.newest(sym, asOf))
	}
	return end
}

// analyze is market.Prepare on o, or the last analysis patched when that
// gives the same (reuse). spec must be the one specSet saw last.
func (c *Computer) analyze(spec market.Spec, o observed, w market.Window, asOf market.Date, unrate []market.Observation) *market.Analysis {
	a, ok := c.reuse(spec, o, w, asOf, unrate)
	switch {
	case ok:
		c.patches++
	case c.plain:
		a = market.Prepare(market.Input{Spec: spec, Series: o.all(), Facts: o.facts, Unrate: unrate, Window: w, AsOf: asOf})
	default:
		a = prepare(spec, o, w, asOf, unrate)
	}
	c.last = &analysed{specGen: c.specGen, window: w, asOf: asOf, unrate: unrate, hist: o.hist, moved: o.moved, a: a}
	return a
}

// prepare is market.Prepare on o. The closes quotes give the calendar's
// last date are patched in (market.Analysis.Patch), and those they give a
// date the benchmark's quote adds are added by market.Analysis.Extend,
// rather than copied into every series, so the analysis kept between
// polls shares the histories' arrays instead of holding a second copy of
// every close.
func prepare(spec market.Spec, o observed, w market.Window, asOf market.Date, unrate []market.Observation) *market.Analysis {
	last := lastBar(o.hist[spec.Benchmark], asOf)
	day := o.newest(spec.Benchmark, asOf) // after last: the benchmark's quote adds it
	if _, ok := o.hist[spec.Benchmark]; !ok || last == 0 {
		last, day = 0, 0 // no benchmark: copy
	}
	extend := day > last
	series := make(map[string]market.Series, len(o.hist))
	closes := make(map[string]float64)
	for sym, s := range o.hist {
		switch m := o.moved[sym]; {
		case m.day == 0:
		case extend && m.day == day: // Extend adds it
		case !extend && m.day == last:
			closes[sym] = m.price
		default:
			s = m.apply(s) // a quote on another date (a few at most): copy
		}
		series[sym] = s
	}
	in := market.Input{Spec: spec, Series: series, Facts: o.facts, Unrate: unrate, Window: w, AsOf: asOf}
	a := market.Prepare(in)
	switch {
	case extend:
		// Extend wants every close on day, a history's own bar that day
		// (crypto's) included.
		for sym := range o.hist {
			if v := o.closeOn(sym, day); v > 0 {
				closes[sym] = v
			}
		}
		if e, ok := a.Extend(day, closes, o.facts); ok {
			return e
		}
	case len(closes) == 0:
		return a
	default:
		if p, ok := a.Patch(closes, o.facts); ok && a.LastDate() == last {
			return p
		}
	}
	in.Series = o.all()
	return market.Prepare(in)
}

// lastBar is s's newest date on or before asOf, 0 when none.
func lastBar(s market.Series, asOf market.Date) market.Date {
	if i := sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i] > asOf }) - 1; i >= 0 {
		return s.Dates[i]
	}
	return 0
}

// reuse patches the last analysis to o when o differs from what it was
// computed from only in the closes quotes give its last date.
func (c *Computer) reuse(spec market.Spec, o observed, w market.Window, asOf market.Date, unrate []market.Observation) (*market.Analysis, bool) {
	k := c.last
	if k == nil || k.window != w || k.asOf != asOf || spec.Benchmark == "" || len(k.hist) != len(o.hist) ||
		!slices.Equal(k.unrate, unrate) || k.specGen != c.specGen {
		return nil, false
	}
	last := k.a.LastDate()
	if _, ok := o.hist[spec.Benchmark]; !ok || last == 0 || o.newest(spec.Benchmark, asOf) != last {
		return nil, false // the calendar is not the one analysed
	}
	closes := make(map[string]float64)
	for sym, s := range o.hist {
		if old, ok := k.hist[sym]; !ok || !sameArrays(old, s) {
			return nil, false // new bars
		}
		was, now := k.moved[sym], o.moved[sym]
		if was == now {
			continue
		}
		if (was.day != 0 && was.day < last) || (now.day != 0 && now.day < last) {
			return nil, false // a quote's close inside the history
		}
		// A close after the last date is off the calendar: only the last
		// date's close can have changed.
		closes[sym] = o.closeOn(sym, last)
	}
	return k.a.Patch(closes, o.facts)
}

// sameArrays reports whether a and b are the same series: histories are
// never written in place, so the same arrays hold the same bars.
func sameArrays(a, b market.Series) bool {
	if len(a.Dates) != len(b.Dates) || len(a.Close) != len(b.Close) {
		return false
	}
	return len(a.Dates) == 0 || (&a.Dates[0] == &b.Dates[0] && (len(a.Close) == 0 || &a.Close[0] == &b.Close[0]))
}
