package ui

import (
	"fmt"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// TestReassessIsComputeAtTheNewClock: through a New York day, a state
// computed at 07:00 and moved to a later clock by Reassess says what
// Compute says at that clock: badges (LIVE at 10:05, DELAYED from 10:10,
// CLOSED after 16:00), the stale list, the header and the note that the
// data misses today's close (only once it has closed).
func TestReassessIsComputeAtTheNewClock(t *testing.T) {
	ny := calendar.NewYork()
	day := market.DateOf(2026, 11, 30) // a Monday
	at := func(h, m int) time.Time { return time.Date(2026, 11, 30, h, m, 0, 0, ny) }
	fri := market.DateOf(2026, 11, 27)
	live := feeds.Origin{Kind: feeds.KindLive, Provider: "yahoo", Fetched: at(7, 0)}
	q := feeds.BlankQuote("X")
	q.Price, q.SharesOutstanding, q.Time, q.Origin = 150, 2e7, at(10, 0), live
	btc := feeds.BlankQuote("BTC-USD")
	btc.Price, btc.Time, btc.Origin = 90000, at(6, 59), live
	var crypto []feeds.Bar
	for d := day - 40; d < day; d++ {
		crypto = append(crypto, feeds.Bar{Date: d, Close: 90000, AdjClose: 90000})
	}
	d := Data{
		Histories: map[string]feeds.History{
			"SPY":     {Symbol: "SPY", Bars: bars(fri, 30), Origin: live},
			"X":       {Symbol: "X", Bars: bars(fri, 30), Origin: live},
			"OLD":     {Symbol: "OLD", Bars: bars(market.DateOf(2026, 9, 30), 30), Origin: live},
			"BTC-USD": {Symbol: "BTC-USD", Bars: crypto, Origin: live},
		},
		Quotes: map[string]feeds.Quote{"X": q, "BTC-USD": btc},
	}
	sess, _ := calendar.SessionOn(day)
	d.IntradaySession = sess
	d.Intraday = map[string]feeds.Intraday{"X": {Symbol: "X", Session: sess, Origin: live,
		Bars: []feeds.IntradayBar{{Time: at(9, 35), Close: 149}, {Time: at(10, 0), Close: 150}}}}
	spec := market.Spec{Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM"}}
	base := Compute(spec, d, market.Win1M, day, at(7, 0))
	base1D := Compute(spec, d, market.Win1D, day, at(7, 0))
	seen := map[string]bool{}
	for _, now := range []time.Time{at(7, 0), at(9, 31), at(10, 5), at(10, 11), at(15, 59), at(16, 0), at(16, 30), at(23, 59)} {
		got, want := Reassess(base, now), Compute(spec, d, market.Win1M, day, now)
		got1D, want1D := Reassess(base1D, now), Compute(spec, d, market.Win1D, day, now)
		if want1D.Intraday == nil || got1D.Intraday == nil || got1D.Intraday.Live != want1D.Intraday.Live {
			t.Errorf("%s 1D: session open %v, want %v", now.Format("15:04"), got1D.Intraday, want1D.Intraday)
		} else {
			seen[fmt.Sprint("1D live ", want1D.Intraday.Live)] = true
		}
		for _, c := range []struct {
			what      string
			got, want any
		}{{"symbols", got.Symbols, want.Symbols}, {"status", got.Status, want.Status}, {"now", got.Now, want.Now}} {
			if g, w := fmt.Sprintf("%+v", c.got), fmt.Sprintf("%+v", c.want); g != w {
				t.Errorf("%s %s:\n got %s\nwant %s", now.Format("15:04"), c.what, g, w)
			}
		}
		seen[want.Symbols["X"].Badge()+"/"+fmt.Sprint(want.Status.DataEnds != 0)] = true
	}
	// The clock must have moved what is judged, or the test proves nothing.
	for _, k := range []string{"LIVE/false", "DELAYED/false", "CLOSED/true", "1D live true", "1D live false"} {
		if !seen[k] {
			t.Errorf("the day never showed X %s (seen %v)", k, seen)
		}
	}
}
