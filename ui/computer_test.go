package ui

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// TestComputerIsCompute runs a Computer through a day of changes — quote
// polls moving every last close, a quote on a day the history lacks (a
// crypto history holding that day's bar), quotes failing and coming back,
// a cached quote, new bars, a config change, another window, macro data —
// and checks that each state is the one market.Prepare on every quoted
// series gives, field for field at full precision, and that the polls
// were patched rather than recomputed.
func TestComputerIsCompute(t *testing.T) {
	asOf := market.DateOf(2025, 6, 30) // a Monday
	spec := config.Default().Spec()
	spec.Watchlists = []market.Basket{{Key: "w", Name: "W", Members: []market.Member{{Symbol: "AAPL", Weight: 1}, {Symbol: "MSFT", Weight: 2}, {Symbol: "BTC-USD", Weight: 1}}}}
	syms := append(market.SpecSymbols(spec), market.ThesisSymbols()...)
	d, _ := demoLoad(t, syms, asOf)
	// Live quotes at 15:00 New York on day, every price scaled by f.
	live := func(d Data, day market.Date, f float64) Data {
		d.Quotes = maps.Clone(d.Quotes)
		at := time.Date(day.Time().Year(), day.Time().Month(), day.Time().Day(), 19, 0, 0, 0, time.UTC)
		for sym, q := range d.Quotes {
			q.Origin.Kind, q.Time, q.Price = feeds.KindLive, at, q.Price*f
			d.Quotes[sym] = q
		}
		return d
	}
	tue := asOf.AddDays(1)
	// newBars is d with AAPL's history replaced: a revised close a week
	// before the end.
	newBars := func(d Data) Data {
		d.Series = maps.Clone(d.Series)
		s := d.Series["AAPL"]
		s.Close = slices.Clone(s.Close)
		s.Close[len(s.Close)-5] *= 1.1
		d.Series["AAPL"] = s
		return d
	}
	// xomStops is d with XOM's history ending on Thursday 26 June and its
	// quote taken on Friday the 27th at price.
	xomStops := func(d Data, price float64) Data {
		d.Series = maps.Clone(d.Series)
		s := d.Series["XOM"]
		n := len(s.Dates) - 2 // Monday and Friday go
		d.Series["XOM"] = market.Series{Symbol: "XOM", Dates: s.Dates[:n:n], Close: s.Close[:n:n]}
		d.Quotes = maps.Clone(d.Quotes)
		q := d.Quotes["XOM"]
		q.Origin.Kind, q.Time, q.Price = feeds.KindLive, time.Date(2025, 6, 27, 19, 0, 0, 0, time.UTC), price
		d.Quotes["XOM"] = q
		return d
	}
	// btcBar is d with BTC-USD's history holding Tuesday's bar (crypto
	// bars are UTC days) and its quote failing: its close on the date
	// SPY's quote adds is its history's.
	btcBar := func(d Data) Data {
		d.Series = maps.Clone(d.Series)
		s := d.Series["BTC-USD"]
		n := len(s.Dates)
		d.Series["BTC-USD"] = market.Series{Symbol: "BTC-USD", Dates: append(s.Dates[:n:n], tue), Close: append(s.Close[:n:n], s.Close[n-1]*1.05)}
		d.Quotes = maps.Clone(d.Quotes)
		q := d.Quotes["BTC-USD"]
		q.Err = fmt.Errorf("HTTP 500")
		d.Quotes["BTC-USD"] = q
		return d
	}
	changed := spec
	changed.Watchlists = []market.Basket{{Key: "w", Name: "W", Members: []market.Member{{Symbol: "AAPL", Weight: 1}}}}
	var unrate []market.Observation
	for m := market.DateOf(2023, 1, 1); m <= asOf; m = m.AddMonths(1) {
		unrate = append(unrate, market.Observation{Date: m, Value: 3.5 + float64(m.Time().Month())/10})
	}
	withMacro := func(d Data) Data {
		d.Macro = map[string][]market.Observation{"UNRATE": unrate}
		return d
	}
	d2 := newBars(d)
	d3 := xomStops(d2, 100)
	steps := []struct {
		name    string
		data    Data
		spec    market.Spec
		w       market.Window
		asOf    market.Date
		patched bool
	}{
		{"first", d, spec, market.WinEssay, asOf, false},
		{"demo quotes again", d, spec, market.WinEssay, asOf, true},
		{"live poll", live(d, asOf, 1.01), spec, market.WinEssay, asOf, true},
		{"next poll", live(d, asOf, 0.98), spec, market.WinEssay, asOf, true},
		{"a quote fails", func() Data {
			d := live(d, asOf, 0.97)
			q := d.Quotes["NVDA"]
			q.Err = fmt.Errorf("HTTP 500")
			d.Quotes["NVDA"] = q
			return d
		}(), spec, market.WinEssay, asOf, true},
		{"a cached quote", func() Data {
			d := live(d, asOf, 1.02)
			q := d.Quotes["XOM"]
			q.Origin.Kind = feeds.KindCached
			d.Quotes["XOM"] = q
			return d
		}(), spec, market.WinEssay, asOf, true},
		{"another window in the session", live(d, asOf, 1.01), spec, market.Win1Y, asOf, false},
		{"back, and new bars in the session", live(d2, asOf, 1.01), spec, market.WinEssay, asOf, false},
		{"Tuesday's first poll: a new date", live(d, tue, 1.01), spec, market.WinEssay, tue, false},
		{"Tuesday's next poll", live(d, tue, 1.03), spec, market.WinEssay, tue, true},
		{"BTC's history has Tuesday's bar, its quote fails", btcBar(live(d, tue, 1.03)), spec, market.WinEssay, tue, false},
		{"SPY's quote fails on Tuesday: the date goes", func() Data {
			d := live(d, tue, 1.03)
			delete(d.Quotes, "SPY")
			return d
		}(), spec, market.WinEssay, tue, false},
		{"another window", live(d, tue, 1.01), spec, market.Win1Y, tue, false},
		{"poll in that window", live(d, tue, 1.02), spec, market.Win1Y, tue, true},
		{"new bars", live(d2, tue, 1.02), spec, market.Win1Y, tue, false},
		{"poll after them", live(d2, tue, 1.01), spec, market.Win1Y, tue, true},
		{"a config change", live(d2, tue, 1.01), changed, market.Win1Y, tue, false},
		{"poll after it", live(d2, tue, 1.02), changed, market.Win1Y, tue, true},
		{"macro arrives", withMacro(live(d2, tue, 1.02)), changed, market.Win1Y, tue, false},
		{"poll with macro", withMacro(live(d2, tue, 1.01)), changed, market.Win1Y, tue, true},
		{"XOM's bars stop on Thursday, its quote is Friday's", d3, changed, market.WinEssay, asOf, false},
		{"the same quote again", d3, changed, market.WinEssay, asOf, true},
		{"Friday's quote moves: inside the history", xomStops(d2, 101), changed, market.WinEssay, asOf, false},
	}
	var c Computer
	now := time.Date(2025, 7, 1, 20, 0, 0, 0, time.UTC)
	for _, st := range steps {
		before := c.patches
		got := c.Compute(st.spec, st.data, st.w, st.asOf, now)
		plain := Computer{plain: true}
		want := plain.Compute(st.spec, st.data, st.w, st.asOf, now)
		// Pointers print as addresses: compare what they point to.
		show := func(s State) string { m := s.Macro; s.Macro = nil; return fmt.Sprintf("%+v %+v", s, m) }
		if g, w := show(got), show(want); g != w {
			t.Fatalf("%s: the computer's state differs from Compute's:\n%s\n%s", st.name, g, w)
		}
		if patched := c.patches > before; patched != st.patched {
			t.Errorf("%s: patched = %v, want %v", st.name, patched, st.patched)
		}
	}
}
