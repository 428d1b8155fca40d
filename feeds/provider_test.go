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
		{"fresh live history, quote failed: live, error shown", History{Origin: live}, Quote{Err: down}, true, KindLive, down},
		{"demo stays demo", History{Origin: Origin{Kind: KindDemo}}, Quote{Origin: Origin{Kind: KindDemo}}, true, KindDemo, nil},
	}
	for _, tc := range tests {
		o, err := Shown(tc.h, tc.q, tc.haveQuote)
		if o.Kind != tc.want || !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
			t.Errorf("%s: %v, %v; want %v, %v", tc.name, o.Kind, err, tc.want, tc.wantErr)
		}
	}
	// The shown age of a warm hit with a failed quote is the cache's.
	o, _ := Shown(History{Origin: cached}, Quote{Err: down}, true)
	if o.Badge(now) != "CACHED 3h" {
		t.Errorf("badge %q, want CACHED 3h", o.Badge(now))
	}
}
