package fred

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
)

func TestCachedFetchesOncePerDayAndFallsBack(t *testing.T) {
	var requests atomic.Int32
	var failing atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		if failing.Load() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		w.Write([]byte("observation_date,UNRATE\n2025-01-01,4.0\n2025-02-01,.\n2025-03-01,4.2\n"))
	}))
	defer srv.Close()
	store, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2025, 4, 10, 15, 0, 0, 0, time.UTC)
	var warnings []error
	c := NewCached(New(srv.Client(), srv.URL), store, func() time.Time { return now }, func(err error) { warnings = append(warnings, err) })
	ctx := context.Background()

	// Cold: one request, two observations ('.' is missing, not zero).
	obs, err := c.Series(ctx, "UNRATE")
	if err != nil || len(obs) != 2 || obs[1].Value != 4.2 || requests.Load() != 1 {
		t.Fatalf("cold: %v %v, %d requests", obs, err, requests.Load())
	}
	if c.Origin().Kind != feeds.KindFRED {
		t.Errorf("origin %v, want FRED", c.Origin().Kind)
	}
	// Same New York day: served from the cache, no request.
	now = now.Add(3 * time.Hour)
	if obs, err = c.Series(ctx, "UNRATE"); err != nil || len(obs) != 2 || requests.Load() != 1 {
		t.Fatalf("warm: %v %v, %d requests", obs, err, requests.Load())
	}
	// Next day with FRED down: refetch tried, cache served with a warning.
	now = now.Add(24 * time.Hour)
	failing.Store(true)
	c2 := NewCached(New(srv.Client(), srv.URL), store, func() time.Time { return now }, func(err error) { warnings = append(warnings, err) })
	if obs, err = c2.Series(ctx, "UNRATE"); err != nil || len(obs) != 2 {
		t.Fatalf("fallback: %v %v", obs, err)
	}
	if requests.Load() < 2 || len(warnings) != 1 || c2.Origin().Kind != feeds.KindCached {
		t.Errorf("requests %d warnings %v origin %v", requests.Load(), warnings, c2.Origin())
	}
	// Cache only, nothing cached for that id.
	only := NewCached(nil, store, func() time.Time { return now }, nil)
	if _, err := only.Series(ctx, "FEDFUNDS"); !errors.Is(err, feeds.ErrNoData) {
		t.Errorf("cache-only miss: %v", err)
	}
	if obs, err := only.Series(ctx, "UNRATE"); err != nil || len(obs) != 2 {
		t.Errorf("cache-only hit: %v %v", obs, err)
	}
}

func TestCachedOriginFollowsTheLatestLoad(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("observation_date," + r.URL.Query().Get("id") + "\n2025-01-01,4.0\n"))
	}))
	defer srv.Close()
	store, _ := cache.Open(t.TempDir())
	now := time.Date(2025, 4, 10, 15, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	// Day 1: UNRATE fetched, then served from the cache on day 2 while
	// FRED is unreachable: CACHED.
	c := NewCached(New(srv.Client(), srv.URL), store, clock, nil)
	c.Series(context.Background(), "UNRATE")
	dead := NewCached(New(srv.Client(), "http://127.0.0.1:1"), store, clock, nil)
	now = now.Add(24 * time.Hour)
	dead.Series(context.Background(), "UNRATE")
	if dead.Origin().Kind != feeds.KindCached {
		t.Fatalf("origin %v, want CACHED", dead.Origin())
	}
	// The same client later reloads it for real: no longer CACHED.
	c.now = clock
	c.Series(context.Background(), "UNRATE")
	if o := c.Origin(); o.Kind != feeds.KindFRED || !o.Fetched.Equal(now) {
		t.Errorf("origin %+v, want FRED fetched %v", o, now)
	}
}
