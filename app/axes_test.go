package app

import (
	"testing"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// days returns n dates from the Monday 2024-03-18, every day or weekdays only.
func days(n int, weekends bool) []market.Date {
	start, _ := market.ParseDate("2024-03-18")
	var out []market.Date
	for d := start; len(out) < n; d++ {
		if wd := d.Weekday(); weekends || (wd != 0 && wd != 6) {
			out = append(out, d)
		}
	}
	return out
}

func ser(sym string, ds []market.Date) market.Series {
	s := market.Series{Symbol: sym, Dates: append([]market.Date(nil), ds...), Close: make([]float64, len(ds))}
	for i := range s.Close {
		s.Close[i] = 100 + float64(i)
	}
	return s.Calendared()
}

func TestAxesShare(t *testing.T) {
	us, crypto := days(10, false), days(14, true)
	var a axes
	spy := a.share(ser("SPY", us))
	same := a.share(ser("AAPL", us))
	later := a.share(ser("IPO", us[4:]))                                                  // listed later: a stretch of the axis
	gap := a.share(ser("HALT", append(append([]market.Date(nil), us[:3]...), us[4:]...))) // a missing day
	btc := a.share(ser("BTC-USD", crypto))
	eth := a.share(ser("ETH-USD", crypto[2:]))
	if &same.Dates[0] != &spy.Dates[0] {
		t.Error("equal dates are not shared")
	}
	if &later.Dates[0] != &spy.Dates[4] || len(later.Dates) != 6 {
		t.Error("a later listing does not share the stretch it matches")
	}
	if &gap.Dates[0] == &spy.Dates[0] {
		t.Error("dates with a gap were put on the full axis")
	}
	if &eth.Dates[0] != &btc.Dates[2] {
		t.Error("crypto does not share its own (every-day) axis")
	}
	// A longer history becomes the reference: the next one shares it.
	longer := a.share(ser("NEW", days(12, false)))
	next := a.share(ser("NEXT", days(12, false)))
	if &next.Dates[0] != &longer.Dates[0] {
		t.Error("the longer axis did not become the reference")
	}
	// An append (a quote's new day) copies: the neighbours keep their dates.
	moved := same.WithClose(us[9]+3, 120)
	if cap(same.Dates) != len(same.Dates) || len(spy.Dates) != 10 || moved.Dates[10] != us[9]+3 {
		t.Errorf("a shared axis is open to appends: cap %d len %d", cap(same.Dates), len(same.Dates))
	}
	if later.Dates[len(later.Dates)-1] != us[9] || later.Close[0] != 100 {
		t.Error("sharing changed a series' own values")
	}
}

// TestFeedKeepsSeriesNotBars: a history is folded as its series (dates
// shared with the other feeds of the session); its bars are not kept.
func TestFeedKeepsSeriesNotBars(t *testing.T) {
	var shared axes
	mk := func() *Feed { return NewFeed(config.Default().Spec(), FeedOptions{axes: &shared}) }
	one, two := mk(), mk()
	us := days(5, false)
	var hs []feeds.History
	for _, sym := range []string{"SPY", "NVDA"} {
		h := feeds.History{Symbol: sym}
		for i, d := range us {
			h.Bars = append(h.Bars, feeds.Bar{Date: d, Close: 10 + float64(i), AdjClose: 9 + float64(i)})
		}
		hs = append(hs, h)
	}
	msg := feeds.HistoryMsg{Histories: hs}
	one.Apply(msg)
	two.Apply(msg)
	for _, f := range []*Feed{one, two} {
		if h := f.Data.Histories["NVDA"]; h.Bars != nil {
			t.Errorf("the feed keeps %d bars", len(h.Bars))
		}
		// Adjusted closes: 9, 10, 11, 12, 13.
		if s := f.Data.Series["NVDA"]; len(s.Close) != 5 || s.Close[4] != 13 {
			t.Errorf("series %v, want the adjusted closes 9…13", s.Close)
		}
	}
	if &one.Data.Series["NVDA"].Dates[0] != &two.Data.Series["SPY"].Dates[0] {
		t.Error("the session's feeds do not share their date arrays")
	}
	if len(msg.Histories[0].Bars) != 5 {
		t.Error("folding changed the sender's message")
	}
}
