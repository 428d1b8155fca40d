package httpx

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestBreaker: after a request failed to the end (503 after its retries),
// the host is not asked again until the cooldown has passed on the
// (fake) clock; the refusal wraps the failure; an answer closes it again.
func TestBreaker(t *testing.T) {
	var hits atomic.Int32
	var healthy atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if !healthy.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	clock := newFakeClock()
	o := testOptions(clock)
	o.MaxRetries = 1
	c := New(o)
	ctx := context.Background()

	resp, _, err := get(t, c, ctx, srv.URL)
	if err != nil || resp.StatusCode != 503 || hits.Load() != 2 {
		t.Fatalf("first request: %v, %v after %d hits; want the 503 after 2", resp, err, hits.Load())
	}
	_, _, err = get(t, c, ctx, srv.URL)
	var down *HostDownError
	if !errors.As(err, &down) || hits.Load() != 2 {
		t.Fatalf("second request: %v after %d hits; want a HostDownError without a request", err, hits.Load())
	}
	clock.Sleep(ctx, DefaultBreakerCooldown)
	healthy.Store(true)
	if resp, _, err = get(t, c, ctx, srv.URL); err != nil || resp.StatusCode != 200 {
		t.Fatalf("after the cooldown: %v, %v", resp, err)
	}
	if _, _, err = get(t, c, ctx, srv.URL); err != nil {
		t.Fatalf("after an answer: %v", err)
	}
}

// TestBreakerHoldsBackOneKindOfRequest: a host that answers HTTP 500 to
// its 5-minute charts keeps serving daily charts (and other symbols'
// 5-minute charts are held back too: one kind of request).
func TestBreakerHoldsBackOneKindOfRequest(t *testing.T) {
	var daily, intraday atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("interval") == "5m" {
			intraday.Add(1)
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		daily.Add(1)
	}))
	defer srv.Close()
	o := testOptions(newFakeClock())
	o.MaxRetries = 1
	c := New(o)
	ctx := context.Background()
	if resp, _, err := get(t, c, ctx, srv.URL+"/v8/finance/chart/NVDA?interval=5m"); err != nil || resp.StatusCode != 500 {
		t.Fatalf("5-minute chart: %v, %v", resp, err)
	}
	var down *HostDownError
	if _, _, err := get(t, c, ctx, srv.URL+"/v8/finance/chart/TSLA?interval=5m"); !errors.As(err, &down) || intraday.Load() != 2 {
		t.Errorf("another 5-minute chart: %v after %d requests; want held back", err, intraday.Load())
	}
	if resp, _, err := get(t, c, ctx, srv.URL+"/v8/finance/chart/NVDA?interval=1d"); err != nil || resp.StatusCode != 200 || daily.Load() != 1 {
		t.Errorf("daily chart after 5-minute failures: %v, %v (%d requests)", resp, err, daily.Load())
	}
}

// TestAttemptTimeoutOpensBreaker: a server that never answers costs one
// attempt timeout; the next request fails at once with an error that says
// what happened and still matches context.DeadlineExceeded.
func TestAttemptTimeoutOpensBreaker(t *testing.T) {
	// Only the later requests are counted: the first may time out before
	// it reaches the server on a loaded machine (200 ms for a dial and a
	// request under -race), and whether it did is not the point.
	var later atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/0" {
			later.Add(1)
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	o := testOptions(newFakeClock())
	o.Timeout = 200 * time.Millisecond // the server never answers: nothing can beat it
	c := New(o)
	for i := 0; i < 3; i++ {
		_, _, err := get(t, c, context.Background(), fmt.Sprintf("%s/%d", srv.URL, i))
		if !errors.Is(err, context.DeadlineExceeded) || !contains(err.Error(), "did not answer within 200ms") {
			t.Errorf("request %d: %v", i, err)
		}
	}
	if n := later.Load(); n != 0 {
		t.Errorf("%d requests after the timed-out one reached the server, want 0", n)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
