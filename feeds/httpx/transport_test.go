package httpx

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock that only moves when something sleeps on it, and
// records every sleep so tests can assert requested delays exactly.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
	// block, when set, makes Sleep wait for ctx instead of returning.
	block bool
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 2, 17, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	block := c.block
	c.mu.Unlock()
	if block {
		<-ctx.Done()
		return ctx.Err()
	}
	return ctx.Err()
}

func (c *fakeClock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// testOptions returns options with the fake clock, no jitter randomness
// (Rand = 0 picks the low end d/2) and no rate limit unless a test sets one.
func testOptions(c *fakeClock) Options {
	return Options{
		Sleep:       c.Sleep,
		Now:         c.Now,
		Rand:        func() float64 { return 0 },
		BaseBackoff: time.Second,
		MaxBackoff:  10 * time.Second,
		RatePerSec:  -1,
	}
}

// script serves the given statuses in order (then 200 "ok" forever) and
// counts requests.
type script struct {
	mu       sync.Mutex
	statuses []int
	headers  []map[string]string
	n        atomic.Int32
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.n.Add(1)
	s.mu.Lock()
	code, hdr := http.StatusOK, map[string]string(nil)
	if len(s.statuses) > 0 {
		code, s.statuses = s.statuses[0], s.statuses[1:]
		if len(s.headers) > 0 {
			hdr, s.headers = s.headers[0], s.headers[1:]
		}
	}
	s.mu.Unlock()
	for k, v := range hdr {
		w.Header().Set(k, v)
	}
	w.Header().Set("X-UA", r.UserAgent())
	w.WriteHeader(code)
	io.WriteString(w, http.StatusText(code))
}

func get(t *testing.T, c *http.Client, ctx context.Context, url string) (*http.Response, string, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, string(b), err
}

func TestRetries(t *testing.T) {
	httpDate := time.Date(2025, 2, 17, 12, 0, 7, 0, time.UTC).Format(http.TimeFormat)
	tests := []struct {
		name       string
		statuses   []int
		headers    []map[string]string
		wantStatus int
		wantCalls  int32
		// With Rand = 0 the jittered backoff is d/2 where d = 1s·2^attempt:
		// 0.5s, 1s, 2s. A Retry-After replaces it exactly.
		wantSleeps []time.Duration
	}{
		{"429 with Retry-After seconds then 200", []int{429}, []map[string]string{{"Retry-After": "3"}},
			200, 2, []time.Duration{3 * time.Second}},
		{"429 with Retry-After date then 200", []int{429}, []map[string]string{{"Retry-After": httpDate}},
			200, 2, []time.Duration{7 * time.Second}},
		{"500 500 200", []int{500, 500}, nil,
			200, 3, []time.Duration{500 * time.Millisecond, time.Second}},
		{"502 503 504 exhausted", []int{502, 503, 504, 500}, nil,
			500, 4, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{"429 exhausted returns the 429", []int{429, 429, 429, 429}, nil,
			429, 4, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{"Retry-After beyond MaxBackoff is not waited for", []int{429}, []map[string]string{{"Retry-After": "60"}},
			429, 1, nil},
		{"404 is not retried", []int{404}, nil, 404, 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := &script{statuses: tc.statuses, headers: tc.headers}
			srv := httptest.NewServer(s)
			defer srv.Close()
			clock := newFakeClock()
			c := New(testOptions(clock))
			resp, _, err := get(t, c, context.Background(), srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			if resp.StatusCode != tc.wantStatus {
				t.Errorf("status %d, want %d", resp.StatusCode, tc.wantStatus)
			}
			if got := s.n.Load(); got != tc.wantCalls {
				t.Errorf("%d requests, want %d", got, tc.wantCalls)
			}
			if got := clock.Sleeps(); !equalDurations(got, tc.wantSleeps) {
				t.Errorf("sleeps %v, want %v", got, tc.wantSleeps)
			}
			if ua := resp.Header.Get("X-UA"); ua != DefaultUserAgent {
				t.Errorf("server saw User-Agent %q", ua)
			}
		})
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPostIsNotRetried(t *testing.T) {
	s := &script{statuses: []int{503}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c := New(testOptions(newFakeClock()))
	resp, err := c.Post(srv.URL, "text/plain", strings.NewReader("x"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 503 || s.n.Load() != 1 {
		t.Errorf("status %d after %d requests, want 503 after 1", resp.StatusCode, s.n.Load())
	}
}

func TestCancelDuringBackoff(t *testing.T) {
	s := &script{statuses: []int{500, 500, 500, 500}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	clock := newFakeClock()
	clock.block = true // the first backoff waits until ctx ends
	ctx, cancel := context.WithCancel(context.Background())
	o := testOptions(clock)
	c := New(o)
	done := make(chan error, 1)
	go func() {
		_, _, err := get(t, c, ctx, srv.URL)
		done <- err
	}()
	// Cancel once the transport is sleeping in its first backoff.
	for len(clock.Sleeps()) == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := s.n.Load(); got != 1 {
		t.Errorf("%d requests, want 1", got)
	}
}

func TestRealSleepHonoursContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("Sleep on a cancelled ctx = %v", err)
	}
	if err := Sleep(context.Background(), time.Millisecond); err != nil {
		t.Fatalf("Sleep = %v", err)
	}
}

func TestBodyCap(t *testing.T) {
	tests := []struct {
		name          string
		size          int
		contentLength bool
		wantErr       bool
	}{
		{"under the cap", 1000, true, false},
		{"exactly the cap", 1024, true, false},
		{"over the cap, streamed", 5000, false, true},
		{"over the cap, declared", 5000, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.contentLength {
					w.Header().Set("Content-Length", strconv.Itoa(tc.size))
				}
				for i := 0; i < tc.size; i += 100 {
					io.WriteString(w, strings.Repeat("x", min(100, tc.size-i)))
					if f, ok := w.(http.Flusher); ok && !tc.contentLength {
						f.Flush()
					}
				}
			}))
			defer srv.Close()
			o := testOptions(newFakeClock())
			o.MaxBody = 1024
			_, body, err := get(t, New(o), context.Background(), srv.URL+"/big?crumb=secret")
			var tooLarge *BodyTooLargeError
			if tc.wantErr {
				if !errors.As(err, &tooLarge) {
					t.Fatalf("err = %v, want *BodyTooLargeError", err)
				}
				if tooLarge.Limit != 1024 || strings.Contains(err.Error(), "secret") {
					t.Errorf("error %q: want limit 1024 and no query", err)
				}
				if len(body) > 1024 {
					t.Errorf("read %d bytes past the cap", len(body))
				}
				return
			}
			if err != nil || len(body) != tc.size {
				t.Fatalf("read %d bytes, err %v; want %d", len(body), err, tc.size)
			}
		})
	}
}

func TestAttemptTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	o := testOptions(newFakeClock())
	o.Timeout = 50 * time.Millisecond
	_, _, err := get(t, New(o), context.Background(), srv.URL)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
}

func TestRateLimitShared(t *testing.T) {
	srv := httptest.NewServer(&script{})
	defer srv.Close()
	clock := newFakeClock()
	o := testOptions(clock)
	o.RatePerSec, o.Burst = 2, 2
	tr := NewTransport(o)
	// Two clients on one transport share its bucket.
	a, b := &http.Client{Transport: tr}, &http.Client{Transport: tr}
	for i, c := range []*http.Client{a, b, a, b, a} {
		if _, _, err := get(t, c, context.Background(), srv.URL); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	// Burst 2 lets the first two through at once. The clock only moves when
	// the limiter sleeps, so each later request finds the bucket empty and
	// waits one token's refill time: 1/2 s.
	want := []time.Duration{500 * time.Millisecond, 500 * time.Millisecond, 500 * time.Millisecond}
	if got := clock.Sleeps(); !equalDurations(got, want) {
		t.Errorf("limiter sleeps %v, want %v", got, want)
	}
}

func TestRateLimitConcurrent(t *testing.T) {
	srv := httptest.NewServer(&script{})
	defer srv.Close()
	clock := newFakeClock()
	o := testOptions(clock)
	o.RatePerSec, o.Burst = 1, 1
	c := New(o)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := get(t, c, context.Background(), srv.URL); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	// Four requests, burst 1, 1 token/s: three of them had to wait. The
	// total wait is at least 1 s each (a reservation never shares a token).
	var total time.Duration
	for _, d := range clock.Sleeps() {
		total += d
	}
	if n := len(clock.Sleeps()); n != 3 {
		t.Errorf("%d requests waited, want 3", n)
	}
	if total < 3*time.Second {
		t.Errorf("total wait %v, want >= 3s", total)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 2, 17, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		in     string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"8", 8 * time.Second, true},
		{"0", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"Mon, 17 Feb 2025 12:01:30 GMT", 90 * time.Second, true},
		{"Mon, 17 Feb 2025 11:00:00 GMT", 0, true},
		{" 3 ", 3 * time.Second, true},
		{"+3", 0, false},
		{"1.5", 0, false},
		{"9223372036", MaxRetryAfter, true},           // 106751 days: capped
		{"99999999999999999999", MaxRetryAfter, true}, // overflows uint64
		{"Sun, 06 Nov 2094 08:49:37 GMT", MaxRetryAfter, true},
	}
	for _, tc := range tests {
		got, ok := ParseRetryAfter(tc.in, now)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("ParseRetryAfter(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.wantOK)
		}
	}
}

func TestConnectionRefusedRetried(t *testing.T) {
	srv := httptest.NewServer(&script{})
	url := srv.URL
	srv.Close() // nothing listens there now
	clock := newFakeClock()
	_, _, err := get(t, New(testOptions(clock)), context.Background(), url)
	if err == nil {
		t.Fatal("want an error from a closed port")
	}
	// Three retries with backoffs 0.5s, 1s, 2s.
	if n := len(clock.Sleeps()); n != 3 {
		t.Errorf("%d backoffs, want 3", n)
	}
}
