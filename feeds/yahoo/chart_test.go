package yahoo

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

var (
	jan2 = market.DateOf(2025, 1, 2) // Thursday
	jan8 = market.DateOf(2025, 1, 8) // Wednesday
)

func TestHistoryFake(t *testing.T) {
	checkGoroutines(t)
	p, srv, _ := newTest(t)
	hs, err := p.History(context.Background(), []string{"TSLA", "BTC-USD"}, jan2, jan8)
	if err != nil {
		t.Fatal(err)
	}
	// TSLA: Thu 2, Fri 3, Mon 6, Tue 7, Wed 8 = 5 weekdays (14:30 UTC in
	// winter). BTC-USD: every day from the 2nd to the 8th = 7.
	want := map[string][]market.Date{
		"TSLA":    {jan2, jan2 + 1, jan2 + 4, jan2 + 5, jan8},
		"BTC-USD": {jan2, jan2 + 1, jan2 + 2, jan2 + 3, jan2 + 4, jan2 + 5, jan8},
	}
	for _, h := range hs {
		if h.Err != nil {
			t.Fatal(h.Err)
		}
		dates := want[h.Symbol]
		if len(h.Bars) != len(dates) {
			t.Fatalf("%s: %d bars, want %d", h.Symbol, len(h.Bars), len(dates))
		}
		for i, b := range h.Bars {
			if b.Date != dates[i] || b.Close != yahootest.Close(h.Symbol, b.Date) || b.AdjClose != yahootest.AdjClose(h.Symbol, b.Date) {
				t.Errorf("%s bar %d = %+v, want %v %v", h.Symbol, i, b, dates[i], yahootest.Close(h.Symbol, dates[i]))
			}
		}
	}
	if got := srv.Count(yahootest.EndpointChart); got != 2 {
		t.Errorf("%d chart requests, want 2", got)
	}
	if got := srv.Count(yahootest.EndpointCrumb); got != 0 {
		t.Errorf("%d crumb requests, want 0 (charts need no crumb)", got)
	}
}

func TestHistoryTodayPartialBar(t *testing.T) {
	p, srv, _ := newTest(t)
	// Tue 2025-02-18 15:00 New York: today's bar exists (opened 09:30) and
	// is the last one; tomorrow's does not.
	now := time.Date(2025, 2, 18, 20, 0, 0, 0, time.UTC)
	srv.SetNow(func() time.Time { return now })
	today := market.DateOf(2025, 2, 18)
	hs, err := p.History(context.Background(), []string{"GM"}, today-7, today+1)
	if err != nil || hs[0].Err != nil {
		t.Fatal(err, hs[0].Err)
	}
	bars := hs[0].Bars
	if last := bars[len(bars)-1]; last.Date != today {
		t.Errorf("last bar %v, want today %v", last.Date, today)
	}
}

func TestHistoryFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults []yahootest.Fault
		check  func(t *testing.T, h feeds.History)
	}{
		{"nulls are dropped, not zeros", []yahootest.Fault{{Nulls: true}}, func(t *testing.T, h feeds.History) {
			// The provider asks for Jan 1 … Jan 9 (a day of margin on each
			// side), so the fake serves Wed 1, Thu 2, Fri 3, Mon 6, Tue 7,
			// Wed 8, Thu 9 and nulls the 2nd and 5th: Jan 2 and Jan 7. Clipped
			// to Jan 2 … 8 that leaves Jan 3, 6 and 8.
			if h.Err != nil || len(h.Bars) != 3 || h.Bars[0].Date != jan2+1 || h.Bars[1].Date != jan2+4 || h.Bars[2].Date != jan8 {
				t.Errorf("bars %+v err %v", h.Bars, h.Err)
			}
			for _, b := range h.Bars {
				if b.Close <= 0 || math.IsNaN(b.Close) {
					t.Errorf("bar %+v", b)
				}
			}
		}},
		{"500 then success", []yahootest.Fault{yahootest.Status(500)}, wantBars(5)},
		{"429 Retry-After then success", []yahootest.Fault{yahootest.TooManyRequests("2")}, wantBars(5)},
		{"empty result", []yahootest.Fault{{EmptyResult: true}}, wantErr(ErrBadResponse)},
		{"malformed", []yahootest.Fault{{Malformed: true}}, wantErr(ErrBadResponse)},
		{"truncated", []yahootest.Fault{{Truncate: true}}, wantErr(ErrBadResponse)},
		{"wrong shape", []yahootest.Fault{{WrongShape: true}}, wantErr(ErrBadResponse)},
		{"No data found", []yahootest.Fault{yahootest.Status(404)}, wantErr(feeds.ErrUnknownSymbol)},
		{"slow", []yahootest.Fault{yahootest.Slow(time.Minute)}, wantErr(context.DeadlineExceeded)},
		{"20 MB body", []yahootest.Fault{{HugeBody: 20 << 20}}, func(t *testing.T, h feeds.History) {
			var tl *httpx.BodyTooLargeError
			if !errors.As(h.Err, &tl) {
				t.Errorf("err %v, want BodyTooLargeError", h.Err)
			}
		}},
		{"429 forever", yahootest.Times(4, yahootest.TooManyRequests("")), func(t *testing.T, h feeds.History) {
			var rl *feeds.RateLimitError
			if !errors.As(h.Err, &rl) {
				t.Errorf("err %v, want RateLimitError", h.Err)
			}
		}},
		{"HTML consent page twice", []yahootest.Fault{{ConsentPage: true}, {ConsentPage: true}}, wantErr(ErrBadResponse)},
		{"short arrays", []yahootest.Fault{{Body: `{"chart":{"result":[{"meta":{"exchangeTimezoneName":"America/New_York"},"timestamp":[1735828200,1735914600],"indicators":{"quote":[{"close":[1.5]}]}}],"error":null}}`}},
			wantErr(ErrBadResponse)},
		{"error object with status 200", []yahootest.Fault{{Body: `{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}`}},
			wantErr(feeds.ErrUnknownSymbol)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkGoroutines(t)
			p, srv, _ := newTest(t)
			srv.Push(yahootest.EndpointChart, tc.faults...)
			hs, _ := p.History(context.Background(), []string{"TSLA"}, jan2, jan8)
			tc.check(t, hs[0])
		})
	}
}

func wantBars(n int) func(*testing.T, feeds.History) {
	return func(t *testing.T, h feeds.History) {
		if h.Err != nil || len(h.Bars) != n {
			t.Errorf("%d bars, err %v; want %d bars", len(h.Bars), h.Err, n)
		}
	}
}

func wantErr(target error) func(*testing.T, feeds.History) {
	return func(t *testing.T, h feeds.History) {
		var se *feeds.SymbolError
		if !errors.Is(h.Err, target) || !errors.As(h.Err, &se) || se.Symbol != h.Symbol {
			t.Errorf("err %v, want %v inside a SymbolError", h.Err, target)
		}
		if len(h.Bars) != 0 {
			t.Errorf("bars %v alongside an error", h.Bars)
		}
	}
}

func TestHistoryUnknownAmongValid(t *testing.T) {
	p, srv, _ := newTest(t)
	srv.SetUnknown("XYZ")
	hs, err := p.History(context.Background(), []string{"GM", "XYZ", "../etc", "F"}, jan2, jan8)
	if err != nil {
		t.Fatal(err)
	}
	if hs[0].Err != nil || hs[3].Err != nil || len(hs[0].Bars) != 5 || len(hs[3].Bars) != 5 {
		t.Errorf("GM/F: %v %v", hs[0].Err, hs[3].Err)
	}
	for _, i := range []int{1, 2} {
		if !errors.Is(hs[i].Err, feeds.ErrUnknownSymbol) {
			t.Errorf("%s: %v", hs[i].Symbol, hs[i].Err)
		}
	}
	if got := srv.Count(yahootest.EndpointChart); got != 3 {
		t.Errorf("%d chart requests, want 3 (the invalid symbol never reaches a URL)", got)
	}
}

func TestHistoryConcurrencyBound(t *testing.T) {
	checkGoroutines(t)
	fake := yahootest.NewHandler()
	fake.Always(yahootest.EndpointChart, yahootest.Slow(20*time.Millisecond))
	var inFlight, peak atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		defer inFlight.Add(-1)
		fake.ServeHTTP(w, r)
	}))
	defer srv.Close()
	defer fake.Close()
	p := New(Options{BaseURL: srv.URL, HTTP: httpx.Options{RatePerSec: -1}})
	syms := []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"}
	hs, err := p.History(context.Background(), syms, jan2, jan8)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.Err != nil {
			t.Fatal(h.Err)
		}
	}
	if got := peak.Load(); got > MaxConcurrency || got < 2 {
		t.Errorf("peak concurrency %d, want 2…%d", got, MaxConcurrency)
	}
}

func TestHistoryConcurrentCallers(t *testing.T) {
	p, _, _ := newTest(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := p.Quotes(context.Background(), []string{"GM", "F"}); err != nil {
				t.Error(err)
			}
			if _, err := p.History(context.Background(), []string{"GM"}, jan2, jan8); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}

// TestShortArrays: a chart whose timestamp array is shorter or longer than
// its closes is refused for that symbol with a message saying so, and
// nothing of it reaches the cache (which would then believe it covers the
// whole range).
func TestShortArrays(t *testing.T) {
	for name, body := range map[string]string{
		"timestamps shorter": `{"chart":{"result":[{"meta":{"exchangeTimezoneName":"America/New_York"},"timestamp":[1735828200],"indicators":{"quote":[{"close":[1.5,1.6,1.7]}],"adjclose":[{"adjclose":[1.5,1.6,1.7]}]}}],"error":null}}`,
		"timestamps longer":  `{"chart":{"result":[{"meta":{"exchangeTimezoneName":"America/New_York"},"timestamp":[1735828200,1735914600],"indicators":{"quote":[{"close":[1.5]}]}}],"error":null}}`,
		"adjclose shorter":   `{"chart":{"result":[{"meta":{"exchangeTimezoneName":"America/New_York"},"timestamp":[1735828200,1735914600],"indicators":{"quote":[{"close":[1.5,1.6]}],"adjclose":[{"adjclose":[1.5]}]}}],"error":null}}`,
	} {
		t.Run(name, func(t *testing.T) {
			p, srv, _ := newTest(t)
			srv.Always(yahootest.EndpointChart, yahootest.Fault{Body: body})
			store, err := cache.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			w := cache.Wrap(p, store, cache.Options{Now: func() time.Time { return fixedNow }})
			hs, err := w.History(context.Background(), []string{"TSLA", "GM"}, jan2, jan8)
			if err != nil {
				t.Fatal(err)
			}
			tsla := hs[0]
			if !errors.Is(tsla.Err, ErrBadResponse) || !errors.Is(tsla.Err, errShortArrays) || len(tsla.Bars) != 0 {
				t.Errorf("TSLA: %d bars, err %v; want none and a short-array error", len(tsla.Bars), tsla.Err)
			}
			if tsla.Err != nil && !strings.Contains(tsla.Err.Error(), "different lengths") {
				t.Errorf("message %q does not say what was wrong", tsla.Err)
			}
			if _, err := store.Load("TSLA"); !errors.Is(err, cache.ErrNotCached) {
				t.Errorf("cache holds TSLA after a malformed answer: %v", err)
			}
		})
	}
}

// TestNonPositiveClosesDropped: bars whose close is zero, negative or not a
// number never leave the parser; a non-positive adjusted close is missing.
func TestNonPositiveClosesDropped(t *testing.T) {
	body := `{"chart":{"result":[{"meta":{"exchangeTimezoneName":"America/New_York"},
	 "timestamp":[1735828200,1735914600,1736173800,1736260200,1736346600],
	 "indicators":{"quote":[{"close":[-3,0,12,"NaN",14]}],"adjclose":[{"adjclose":[-3,0,-12,1,14]}]}}],"error":null}}`
	p, srv, _ := newTest(t)
	srv.Push(yahootest.EndpointChart, yahootest.Fault{Body: body})
	hs, err := p.History(context.Background(), []string{"TSLA"}, jan2, jan8)
	if err != nil || hs[0].Err != nil {
		t.Fatal(err, hs[0].Err)
	}
	bars := hs[0].Bars
	if len(bars) != 2 || bars[0].Close != 12 || !math.IsNaN(bars[0].AdjClose) || bars[1].Close != 14 || bars[1].AdjClose != 14 {
		t.Errorf("bars %+v, want Jan 6 (12, no adjusted close) and Jan 8 (14, 14)", bars)
	}
}
