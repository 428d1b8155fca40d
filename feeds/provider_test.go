package feeds

import (
	"errors"
	"testing"
	"time"
)

func TestShown(t *testing.T) {
	cacheTime := time.Date(2024, 3, 20, 14, 0, 0, 0, time.UTC)
	now := cacheTime.Add(3 * time.Hour)
	cached := Origin{Kind: KindCached, Provider: "yahoo", Fetched: cacheTime}
	live := Origin{Kind: KindLive, Provider: "yahoo", Fetched: now}
	down := errors.New("HTTP 500")
	tests := []struct {
		name      string
		h         History
		q         Quote
		haveQuote bool
		want      Kind
		wantErr   error
	}{
		{"warm cache, live quote: live", History{Origin: cached}, Quote{Origin: live}, true, KindLive, nil},
		{"warm cache, quote failed: cached with the quote's error", History{Origin: cached}, Quote{Origin: cached, Err: down}, true, KindCached, down},
		{"warm cache, no quote: cached", History{Origin: cached}, Quote{}, false, KindCached, nil},
		{"cache fallback keeps its error", History{Origin: cached, Err: down}, Quote{Origin: live}, true, KindCached, down},
		// The chart was fetched now: its last close is shown, honestly dated
		// by that close (freshness), with the quote's error beside it.
		{"live history, quote failed: the history's, with the quote's error", History{Origin: Origin{Kind: KindLive, Fetched: cacheTime}}, Quote{Err: down}, true, KindLive, down},
		{"live history, good delayed quote: the quote's", History{Origin: live}, Quote{Origin: Origin{Kind: KindDelayed, Fetched: now}}, true, KindDelayed, nil},
		{"demo stays demo", History{Origin: Origin{Kind: KindDemo}}, Quote{Origin: Origin{Kind: KindDemo}}, true, KindDemo, nil},
	}
	for _, tc := range tests {
		o, err := Shown(tc.h, tc.q, tc.haveQuote)
		if o.Kind != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
			t.Errorf("%s: %v, %v; want %v, %v", tc.name, o.Kind, err, tc.want, tc.wantErr)
		}
	}
	// The shown age of a warm hit with a failed quote is the history's.
	if o, _ := Shown(History{Origin: cached}, Quote{Err: down}, true); o.Badge(now) != "CACHED 3h" {
		t.Errorf("badge %q, want CACHED 3h", o.Badge(now))
	}
	// A good live quote makes the numbers as fresh as the quote.
	if o, _ := Shown(History{Origin: Origin{Kind: KindLive, Fetched: cacheTime}}, Quote{Origin: live}, true); !o.Fetched.Equal(now) {
		t.Errorf("fetched %v, want the quote's %v", o.Fetched, now)
	}
}

func TestSortBars(t *testing.T) {
	// Out of order, with 2 March given twice: the later one (a revision)
	// wins; the input is left alone.
	in := []Bar{{Date: 3, Close: 30}, {Date: 2, Close: 20}, {Date: 1, Close: 10}, {Date: 2, Close: 21}}
	got := SortBars(in)
	want := []Bar{{Date: 1, Close: 10}, {Date: 2, Close: 21}, {Date: 3, Close: 30}}
	if len(got) != len(want) {
		t.Fatalf("SortBars = %+v", got)
	}
	for i := range want {
		if got[i].Date != want[i].Date || got[i].Close != want[i].Close {
			t.Errorf("SortBars[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	if in[0].Date != 3 {
		t.Error("SortBars changed its input")
	}
}
