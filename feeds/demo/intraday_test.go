package demo

import (
	"context"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// A full session has 78 five-minute bars (09:30 … 15:55), a half day 42
// (09:30 … 12:55); the last bar closes exactly at the day's simulated
// close, and the same session gives the same bars from any provider.
func TestDemoIntraday(t *testing.T) {
	for _, c := range []struct {
		day  market.Date
		bars int
		last string
	}{
		{market.DateOf(2024, 10, 2), 78, "15:55"},
		{market.DateOf(2024, 11, 29), 42, "12:55"}, // day after Thanksgiving
	} {
		p := New(market.DateOf(2024, 12, 31))
		s, _ := calendar.SessionOn(c.day)
		got, err := p.Intraday(context.Background(), []string{"NVDA", "BTC-USD"}, s, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		hs, _ := p.History(context.Background(), []string{"NVDA", "BTC-USD"}, c.day, c.day)
		for i, d := range got {
			if d.Err != nil || len(d.Bars) != c.bars {
				t.Fatalf("%s %s: %d bars, err %v", c.day, d.Symbol, len(d.Bars), d.Err)
			}
			last := d.Bars[len(d.Bars)-1]
			if last.Time.Format("15:04") != c.last || last.Close != hs[i].Bars[0].Close {
				t.Errorf("%s %s: last bar %s %v, daily close %v", c.day, d.Symbol, last.Time.Format("15:04"), last.Close, hs[i].Bars[0].Close)
			}
		}
		again, _ := New(market.DateOf(2025, 6, 30)).Intraday(context.Background(), []string{"NVDA"}, s, time.Time{})
		for k, b := range again[0].Bars {
			if b != got[0].Bars[k] {
				t.Fatalf("bar %d differs between providers: %v vs %v", k, b, got[0].Bars[k])
			}
		}
	}
}

func TestDemoIntradayAfterAsOf(t *testing.T) {
	p := New(market.DateOf(2024, 10, 1))
	s, _ := calendar.SessionOn(market.DateOf(2024, 10, 2))
	got, _ := p.Intraday(context.Background(), []string{"NVDA"}, s, time.Time{})
	if got[0].Err == nil || len(got[0].Bars) != 0 {
		t.Fatalf("a session after the as-of date: %+v", got[0])
	}
}
