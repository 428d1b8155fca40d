package cache

import (
	"context"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// fakeIntraday is a live provider serving a full 78-bar session (close
// 100 + k at bar k) and counting Intraday calls and their since.
type fakeIntraday struct {
	fakeLive
	calls []time.Time
}

func (f *fakeIntraday) Intraday(_ context.Context, symbols []string, s calendar.Session, since time.Time) ([]feeds.Intraday, error) {
	f.calls = append(f.calls, since)
	out := make([]feeds.Intraday, len(symbols))
	for i, sym := range symbols {
		var bars []feeds.IntradayBar
		for k := range 78 {
			bars = append(bars, feeds.IntradayBar{Time: s.Open.Add(time.Duration(k) * feeds.IntradayStep), Close: 100 + float64(k)})
		}
		out[i] = feeds.Intraday{Symbol: sym, Session: s, Bars: feeds.ClipIntraday(bars, s, since),
			Origin: feeds.Origin{Kind: feeds.KindLive, Provider: "fake", Fetched: s.Close.Add(time.Hour)}}
	}
	return out, nil
}

// A closed session is fetched once and then served from the cache with no
// live request; a tail request always goes live; the next session is
// fetched again (the file holds one session per symbol).
func TestIntradayCache(t *testing.T) {
	store, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, _ := calendar.SessionOn(market.DateOf(2024, 10, 2))
	now := s.Close.Add(2 * time.Hour)
	live := &fakeIntraday{}
	w := Wrap(live, store, Options{Now: func() time.Time { return now }}).(*wrapped)
	ctx := context.Background()
	first, _ := w.Intraday(ctx, []string{"NVDA"}, s, time.Time{})
	second, _ := w.Intraday(ctx, []string{"NVDA"}, s, time.Time{})
	if len(live.calls) != 1 {
		t.Fatalf("%d live calls for a closed session fetched twice, want 1", len(live.calls))
	}
	if second[0].Origin.Kind != feeds.KindCached || len(second[0].Bars) != 78 || second[0].Bars[77].Close != 177 ||
		!second[0].Bars[0].Time.Equal(first[0].Bars[0].Time) {
		t.Fatalf("cached answer %+v", second[0])
	}
	w.Intraday(ctx, []string{"NVDA"}, s, s.Open.Add(time.Hour))
	next, _ := calendar.SessionOn(market.DateOf(2024, 10, 3))
	now = next.Close.Add(time.Hour)
	w.Intraday(ctx, []string{"NVDA"}, next, time.Time{})
	if len(live.calls) != 3 {
		t.Fatalf("%d live calls, want 3 (first, tail, next session)", len(live.calls))
	}
	only, _ := Only(store).(cacheOnly).Intraday(ctx, []string{"NVDA", "GM"}, next, time.Time{})
	if len(only[0].Bars) != 78 || only[1].Err == nil {
		t.Fatalf("cache only: %+v", only)
	}
}

// A session still running is never saved: its bars are not final.
func TestIntradayCacheOpenSession(t *testing.T) {
	store, _ := Open(t.TempDir())
	s, _ := calendar.SessionOn(market.DateOf(2024, 10, 2))
	live := &fakeIntraday{}
	w := Wrap(live, store, Options{Now: func() time.Time { return s.Open.Add(time.Hour) }}).(*wrapped)
	w.Intraday(context.Background(), []string{"NVDA"}, s, time.Time{})
	w.Intraday(context.Background(), []string{"NVDA"}, s, time.Time{})
	if len(live.calls) != 2 {
		t.Fatalf("%d live calls, want 2", len(live.calls))
	}
}
