package feeds_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

// The outage contract of RELIABILITY.md: whatever Yahoo does, a warm
// cache is returned (CACHED, with the live error) and a cold start gets
// errors in words or the demo fallback, without waiting for the caller's
// deadline. None of these tests measures time: the servers never answer,
// so a short attempt timeout cannot make them flaky, and the breaker is
// checked by counting the requests that reached the server.

var outageSymbols = []string{"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD", "XOM", "CVX",
	"LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB", "EWS", "EWL", "UAE", "SPY", "TSLA"}

var (
	outageFrom, outageTo = market.DateOf(2025, 1, 2), market.DateOf(2025, 2, 14)
	filled               = time.Date(2025, 2, 14, 22, 0, 0, 0, time.UTC) // Fri after the close
	later                = filled.Add(72 * time.Hour)                    // Mon: the cache needs a refresh
)

// hangingServer accepts connections and never answers; it counts them.
func hangingServer(t *testing.T) (url string, conns *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	conns = &atomic.Int32{}
	var mu sync.Mutex
	var held []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range held {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String(), conns
}

// drippingServer answers 200 at once, then sends its body a byte at a
// time, never finishing, until the client goes away.
func drippingServer(t *testing.T) (url string, reqs *atomic.Int32) {
	t.Helper()
	reqs = &atomic.Int32{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs.Add(1)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		tick := time.NewTicker(100 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				if _, err := w.Write([]byte(" ")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		}
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return srv.URL, reqs
}

func refusedPort(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close()
	return u
}

// newYahoo is a provider with a short attempt timeout (the servers here
// never answer, so nothing healthy can miss it) and backoffs not waited.
func newYahoo(base string, timeout time.Duration) *yahoo.Provider {
	return yahoo.New(yahoo.Options{BaseURL: base, HTTP: httpx.Options{
		Timeout: timeout, RatePerSec: -1,
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() },
	}})
}

// warmStore returns a cache filled from a healthy fake at `filled`.
func warmStore(t *testing.T) *cache.Store {
	t.Helper()
	store, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	srv := yahootest.New(t)
	srv.SetNow(func() time.Time { return filled })
	w := cache.Wrap(yahoo.New(yahoo.Options{BaseURL: srv.URL(), HTTP: httpx.Options{RatePerSec: -1}}), store,
		cache.Options{Now: func() time.Time { return filled }})
	hs, err := w.History(context.Background(), outageSymbols, outageFrom, outageTo)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.Err != nil || len(h.Bars) == 0 {
			t.Fatalf("filling the cache: %s: %d bars, %v", h.Symbol, len(h.Bars), h.Err)
		}
	}
	if _, err := w.Quotes(context.Background(), outageSymbols); err != nil {
		t.Fatal(err)
	}
	return store
}

type outage struct {
	name  string
	start func(t *testing.T) (url string, reqs func() int32)
	words string // what the per-symbol error must say
}

var outages = []outage{
	{"hanging", func(t *testing.T) (string, func() int32) { u, n := hangingServer(t); return u, n.Load }, "did not answer within 1s"},
	{"dripping", func(t *testing.T) (string, func() int32) { u, n := drippingServer(t); return u, n.Load }, "did not finish its answer within 1s"},
	{"refused", func(t *testing.T) (string, func() int32) { return refusedPort(t), nil }, "connection refused"},
}

// TestOutageWarmCache: every symbol comes back with its cached bars and
// quote, labelled CACHED with the live error in words, and no call error;
// the breaker lets at most one round of requests reach the server.
func TestOutageWarmCache(t *testing.T) {
	for _, o := range outages {
		t.Run(o.name, func(t *testing.T) {
			store := warmStore(t)
			url, reqs := o.start(t)
			p := cache.Wrap(newYahoo(url, time.Second), store, cache.Options{Now: func() time.Time { return later }})
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // never the bound
			defer cancel()
			hs, err := p.History(ctx, outageSymbols, outageFrom, outageTo)
			if err != nil {
				t.Fatalf("History call error %v, want nil with cached data", err)
			}
			for _, h := range hs {
				if len(h.Bars) == 0 || h.Origin.Kind != feeds.KindCached || h.Err == nil || !strings.Contains(h.Err.Error(), o.words) {
					t.Errorf("%s: %d bars, %v, err %v; want cached bars and an error saying %q", h.Symbol, len(h.Bars), h.Origin.Kind, h.Err, o.words)
				}
			}
			qs, err := p.Quotes(ctx, outageSymbols)
			if err != nil {
				t.Fatalf("Quotes call error %v", err)
			}
			for _, q := range qs {
				if q.Origin.Kind != feeds.KindCached || q.Err == nil || !(q.Price > 0) {
					t.Errorf("%s quote: %v price %v err %v; want the cached quote", q.Symbol, q.Origin.Kind, q.Price, q.Err)
				}
			}
			if reqs != nil && reqs() > yahoo.MaxConcurrency {
				t.Errorf("%d requests reached the server, want ≤ %d (the breaker stops the rest)", reqs(), yahoo.MaxConcurrency)
			}
		})
	}
}

// TestOutageCold: a plain yahoo source answers every symbol with an error
// in words, and auto reaches the demo fallback.
func TestOutageCold(t *testing.T) {
	for _, o := range outages {
		t.Run(o.name, func(t *testing.T) {
			url, _ := o.start(t)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			hs, _ := newYahoo(url, time.Second).History(ctx, outageSymbols, outageFrom, outageTo)
			for _, h := range hs {
				if h.Err == nil || !strings.Contains(h.Err.Error(), o.words) {
					t.Errorf("yahoo %s: err %v, want one saying %q", h.Symbol, h.Err, o.words)
				}
			}
			store, err := cache.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			a := feeds.NewAuto(cache.Wrap(newYahoo(url, time.Second), store, cache.Options{}), demo.New(outageTo))
			hs, err = a.History(ctx, outageSymbols, outageFrom, outageTo)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range hs {
				var fb *feeds.FallbackError
				if h.Origin.Kind != feeds.KindDemo || len(h.Bars) == 0 || !errors.As(h.Err, &fb) {
					t.Errorf("auto %s: %v, %d bars, err %v; want the demo fallback", h.Symbol, h.Origin.Kind, len(h.Bars), h.Err)
				}
			}
		})
	}
}

// TestDeadlineKeepsWhatArrived: the caller's deadline ends the call while
// one chart hangs. The charts that arrived are returned live and are
// already in the cache; the hung symbol gets its cached bars; no call
// error. The context is cancelled only once the other charts are in the
// cache, so the outcome does not depend on timing.
func TestDeadlineKeepsWhatArrived(t *testing.T) {
	store := warmStore(t)
	fake := yahootest.NewHandler()
	fake.SetNow(func() time.Time { return later })
	t.Cleanup(fake.Close)
	const hung = "TSLA"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/chart/"+hung) {
			<-r.Context().Done()
			return
		}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	p := cache.Wrap(newYahoo(srv.URL, 10*time.Minute), store, cache.Options{Now: func() time.Time { return later }})

	before := map[string]time.Time{}
	for _, sym := range outageSymbols {
		e, err := store.Load(sym)
		if err != nil {
			t.Fatal(err)
		}
		before[sym] = e.Fetched
	}
	// The timeout only keeps a regression from hanging the run.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	go func() { // cancel once every other symbol was merged (its cache file was rewritten)
		for ctx.Err() == nil {
			done := 0
			for _, sym := range outageSymbols {
				if e, err := store.Load(sym); err == nil && !e.Fetched.Equal(before[sym]) {
					done++
				}
			}
			if done == len(outageSymbols)-1 {
				cancel()
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
	hs, err := p.History(ctx, outageSymbols, outageFrom, outageTo)
	if err != nil {
		t.Fatalf("call error %v, want nil", err)
	}
	for _, h := range hs {
		switch {
		case h.Symbol == hung:
			if h.Origin.Kind != feeds.KindCached || len(h.Bars) == 0 || !errors.Is(h.Err, context.Canceled) {
				t.Errorf("%s: %v, %d bars, err %v; want cached bars and the cancellation", h.Symbol, h.Origin.Kind, len(h.Bars), h.Err)
			}
		case h.Err != nil || h.Origin.Kind != feeds.KindLive || len(h.Bars) == 0:
			t.Errorf("%s: %v, %d bars, err %v; want its live answer", h.Symbol, h.Origin.Kind, len(h.Bars), h.Err)
		}
	}
}
