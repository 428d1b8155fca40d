package yahoo

import (
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

// sleeps records the backoffs the transport asked for without waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// fixedNow is a Monday after the close: 2025-02-17 is Presidents' Day in
// reality, but the fake knows no holidays, so it has a bar that day.
var fixedNow = time.Date(2025, 2, 18, 22, 0, 0, 0, time.UTC) // Tue 17:00 New York

func newTest(t *testing.T) (*Provider, *yahootest.Server, *sleeps) {
	t.Helper()
	srv := yahootest.New(t)
	srv.SetNow(func() time.Time { return fixedNow })
	sl := &sleeps{}
	p := New(Options{
		BaseURL: srv.URL(),
		HTTP: httpx.Options{
			Sleep: sl.sleep, Rand: func() float64 { return 0 }, RatePerSec: -1,
			Timeout: 5 * time.Second, BaseBackoff: time.Second, MaxBackoff: 10 * time.Second,
		},
		Now: func() time.Time { return fixedNow },
	})
	return p, srv, sl
}

// checkGoroutines fails the test if goroutines started during it are still
// running shortly after it ends (idle keep-alive connections are closed by
// the server's Close first).
func checkGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	t.Cleanup(func() {
		deadline := time.Now().Add(10 * time.Second)
		for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if n := runtime.NumGoroutine(); n > before {
			buf := make([]byte, 1<<16)
			t.Errorf("%d goroutines left (had %d):\n%s", n, before, buf[:runtime.Stack(buf, true)])
		}
	})
}

func TestQuotesCookieCrumbFlow(t *testing.T) {
	p, srv, _ := newTest(t)
	qs, err := p.Quotes(context.Background(), []string{"TSLA", "gm", "F", "BTC-USD"})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs {
		if q.Err != nil {
			t.Fatalf("%s: %v", q.Symbol, q.Err)
		}
	}
	// One cookie page, one crumb, one quote request for four symbols.
	for ep, want := range map[yahootest.Endpoint]int{yahootest.EndpointCookie: 1, yahootest.EndpointCrumb: 1, yahootest.EndpointQuote: 1} {
		if got := srv.Count(ep); got != want {
			t.Errorf("%s requests = %d, want %d", ep, got, want)
		}
	}
	if q := srv.LastQuery(yahootest.EndpointQuote); !strings.Contains(q, "crumb=Cr%2F") {
		t.Errorf("quote query %q lacks the escaped crumb", q)
	}
	// TSLA on Tue 2025-02-18, the fake's last bar before 22:00 UTC.
	d := market.DateOf(2025, 2, 18)
	tsla := qs[0]
	shares, _ := yahootest.Shares("TSLA")
	if tsla.Price != yahootest.Close("TSLA", d) || tsla.SharesOutstanding != shares {
		t.Errorf("TSLA price %v shares %v, want %v %v", tsla.Price, tsla.SharesOutstanding, yahootest.Close("TSLA", d), shares)
	}
	if want := math.Floor(tsla.Price * shares); math.Abs(tsla.MarketCap-want) > 1 {
		t.Errorf("TSLA market cap %v, want %v", tsla.MarketCap, want)
	}
	if qs[1].Symbol != "GM" || qs[1].MarketState != "POST" || tsla.Origin.Kind != feeds.KindLive {
		t.Errorf("GM = %+v", qs[1])
	}
	if btc := qs[3]; !math.IsNaN(btc.SharesOutstanding) || btc.MarketState != "REGULAR" {
		t.Errorf("BTC shares %v state %q: want NaN, REGULAR", btc.SharesOutstanding, btc.MarketState)
	}
}

func TestQuotesBatching(t *testing.T) {
	tests := []struct{ n, wantRequests int }{{1, 1}, {50, 1}, {51, 2}, {120, 3}}
	for _, tc := range tests {
		p, srv, _ := newTest(t)
		syms := make([]string, tc.n)
		for i := range syms {
			syms[i] = "S" + string(rune('A'+i/26%26)) + string(rune('A'+i%26)) + string(rune('A'+i/676))
		}
		qs, err := p.Quotes(context.Background(), syms)
		if err != nil {
			t.Fatal(err)
		}
		if got := srv.Count(yahootest.EndpointQuote); got != tc.wantRequests {
			t.Errorf("%d symbols: %d quote requests, want %d", tc.n, got, tc.wantRequests)
		}
		for _, q := range qs {
			if q.Err != nil || math.IsNaN(q.Price) {
				t.Fatalf("%s: %v %v", q.Symbol, q.Price, q.Err)
			}
		}
	}
}

func TestQuotesUnknownAndInvalid(t *testing.T) {
	p, srv, _ := newTest(t)
	srv.SetUnknown("NOPE")
	qs, err := p.Quotes(context.Background(), []string{"AAPL", "NOPE", "bad sym", "AAPL"})
	if err != nil {
		t.Fatal(err)
	}
	if qs[0].Err != nil || qs[3].Err != nil || qs[0].Price != qs[3].Price {
		t.Errorf("AAPL twice: %+v / %+v", qs[0], qs[3])
	}
	for _, i := range []int{1, 2} {
		var se *feeds.SymbolError
		if !errors.Is(qs[i].Err, feeds.ErrUnknownSymbol) || !errors.As(qs[i].Err, &se) {
			t.Errorf("%q: err %v, want a SymbolError wrapping ErrUnknownSymbol", qs[i].Symbol, qs[i].Err)
		}
	}
	if got := srv.Count(yahootest.EndpointQuote); got != 1 {
		t.Errorf("%d quote requests, want 1 (the invalid symbol never reaches a URL, AAPL once)", got)
	}
}

func TestQuoteNameIsRaw(t *testing.T) {
	p, srv, _ := newTest(t)
	evil := "Evil\x1b]52;c;aGk=\x07Corp\x1b[2J"
	srv.SetName("EVIL", evil)
	qs, err := p.Quotes(context.Background(), []string{"EVIL"})
	if err != nil || qs[0].Err != nil {
		t.Fatal(err, qs[0].Err)
	}
	if qs[0].Name != evil {
		t.Errorf("name %q, want the raw %q (the UI sanitises)", qs[0].Name, evil)
	}
}

func TestCrumbExpiresMidRun(t *testing.T) {
	p, srv, _ := newTest(t)
	ctx := context.Background()
	if _, err := p.Quotes(ctx, []string{"AAPL"}); err != nil {
		t.Fatal(err)
	}
	srv.ExpireCrumb()
	qs, err := p.Quotes(ctx, []string{"AAPL"})
	if err != nil || qs[0].Err != nil {
		t.Fatalf("after expiry: %v %v", err, qs[0].Err)
	}
	// Quote 1, then the 401, then the retry: 3 quote requests; a second
	// cookie and crumb for the refresh.
	for ep, want := range map[yahootest.Endpoint]int{yahootest.EndpointQuote: 3, yahootest.EndpointCrumb: 2, yahootest.EndpointCookie: 2} {
		if got := srv.Count(ep); got != want {
			t.Errorf("%s requests = %d, want %d", ep, got, want)
		}
	}
}

func TestSessionRefusedTwice(t *testing.T) {
	p, srv, _ := newTest(t)
	srv.Always(yahootest.EndpointQuote, yahootest.Status(401))
	qs, err := p.Quotes(context.Background(), []string{"AAPL"})
	var he *feeds.HTTPError
	if !errors.As(qs[0].Err, &he) || he.Status != 401 || he.Message != "Invalid Crumb" {
		t.Fatalf("err %v, want HTTP 401 Invalid Crumb", qs[0].Err)
	}
	if err == nil {
		t.Error("every symbol failed: want the call's error too")
	}
	if got := srv.Count(yahootest.EndpointQuote); got != 2 {
		t.Errorf("%d quote requests, want 2 (exactly one retry)", got)
	}
}

func TestConsentFlow(t *testing.T) {
	p, srv, _ := newTest(t)
	srv.SetRequireConsent(true)
	qs, err := p.Quotes(context.Background(), []string{"MSFT"})
	if err != nil || qs[0].Err != nil {
		t.Fatal(err, qs[0].Err)
	}
	// GET / → 302 /consent; GET /consent (form); POST /consent → 302 /;
	// GET /?guccounter=1 sets the cookie.
	if got := srv.Count(yahootest.EndpointConsent); got != 2 {
		t.Errorf("consent requests = %d, want 2 (GET form, POST agree)", got)
	}
	if got := srv.Count(yahootest.EndpointCookie); got != 2 {
		t.Errorf("cookie requests = %d, want 2", got)
	}
}

func TestQuoteFaults(t *testing.T) {
	tests := []struct {
		name   string
		faults []yahootest.Fault
		check  func(t *testing.T, err error)
		sleeps []time.Duration
	}{
		{"429 with Retry-After then ok", []yahootest.Fault{yahootest.TooManyRequests("7")}, nil, []time.Duration{7 * time.Second}},
		{"500 then ok", []yahootest.Fault{yahootest.Status(500)}, nil, []time.Duration{500 * time.Millisecond}},
		{"502 503 then ok", []yahootest.Fault{yahootest.Status(502), yahootest.Status(503)}, nil, []time.Duration{500 * time.Millisecond, time.Second}},
		{"429 forever", yahootest.Times(4, yahootest.TooManyRequests("3")), func(t *testing.T, err error) {
			var rl *feeds.RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter != 3*time.Second {
				t.Errorf("err %v, want RateLimitError{3s}", err)
			}
		}, []time.Duration{3 * time.Second, 3 * time.Second, 3 * time.Second}},
		{"429 without Retry-After forever", yahootest.Times(4, yahootest.TooManyRequests("")), func(t *testing.T, err error) {
			var rl *feeds.RateLimitError
			if !errors.As(err, &rl) || rl.RetryAfter != 0 {
				t.Errorf("err %v, want RateLimitError{0}", err)
			}
		}, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{"malformed JSON", []yahootest.Fault{{Malformed: true}}, wantBad, nil},
		{"truncated JSON", []yahootest.Fault{{Truncate: true}}, wantBad, nil},
		{"wrong shape", []yahootest.Fault{{WrongShape: true}}, wantBad, nil},
		{"consent page twice", []yahootest.Fault{{ConsentPage: true}, {ConsentPage: true}}, wantBad, nil},
		{"consent page once, then ok after a new session", []yahootest.Fault{{ConsentPage: true}}, nil, nil},
		{"empty result", []yahootest.Fault{{EmptyResult: true}}, func(t *testing.T, err error) {
			if !errors.Is(err, feeds.ErrUnknownSymbol) {
				t.Errorf("err %v, want ErrUnknownSymbol", err)
			}
		}, nil},
		{"huge body", []yahootest.Fault{{HugeBody: 20 << 20}}, func(t *testing.T, err error) {
			var tl *httpx.BodyTooLargeError
			if !errors.As(err, &tl) || tl.Limit != httpx.DefaultMaxBody {
				t.Errorf("err %v, want BodyTooLargeError", err)
			}
		}, nil},
		{"slow past the timeout", []yahootest.Fault{yahootest.Slow(time.Minute)}, func(t *testing.T, err error) {
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("err %v, want a deadline error", err)
			}
		}, nil},
		// net/http itself resends an idempotent request whose reused
		// connection was closed unanswered, so no backoff is seen here.
		{"connection dropped, then ok", []yahootest.Fault{{Hangup: true}}, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkGoroutines(t)
			p, srv, sl := newTest(t)
			// Start a session first so faults hit the quote itself.
			if _, err := p.Quotes(context.Background(), []string{"AAPL"}); err != nil {
				t.Fatal(err)
			}
			srv.Push(yahootest.EndpointQuote, tc.faults...)
			qs, _ := p.Quotes(context.Background(), []string{"AAPL"})
			err := qs[0].Err
			if tc.check == nil {
				if err != nil || math.IsNaN(qs[0].Price) {
					t.Fatalf("want success, got %v", err)
				}
			} else {
				if err == nil {
					t.Fatal("want an error")
				}
				var se *feeds.SymbolError
				if !errors.As(err, &se) || se.Symbol != "AAPL" {
					t.Errorf("err %v is not AAPL's SymbolError", err)
				}
				tc.check(t, err)
				if strings.Contains(err.Error(), "Cr/") || strings.Contains(err.Error(), "crumb") {
					t.Errorf("error %q leaks the crumb", err)
				}
			}
			if got := sl.all(); len(tc.sleeps) > 0 && !equal(got, tc.sleeps) {
				t.Errorf("backoffs %v, want %v", got, tc.sleeps)
			}
		})
	}
}

func wantBad(t *testing.T, err error) {
	if !errors.Is(err, ErrBadResponse) {
		t.Errorf("err %v, want ErrBadResponse", err)
	}
}

func equal(a, b []time.Duration) bool {
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

func TestCancelledContext(t *testing.T) {
	p, _, _ := newTest(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.Quotes(ctx, []string{"AAPL"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Quotes: %v", err)
	}
	if _, err := p.History(ctx, []string{"AAPL", "MSFT"}, market.DateOf(2025, 1, 1), market.DateOf(2025, 2, 1)); !errors.Is(err, context.Canceled) {
		t.Errorf("History: %v", err)
	}
}

func TestBaseFromEnv(t *testing.T) {
	t.Setenv(BaseEnv, "http://127.0.0.1:9/")
	if got := New(Options{}).BaseURL(); got != "http://127.0.0.1:9" {
		t.Errorf("base %q", got)
	}
	t.Setenv(BaseEnv, "")
	if got := New(Options{}).BaseURL(); got != DefaultBaseURL {
		t.Errorf("base %q", got)
	}
	for s, ok := range map[string]bool{"http://127.0.0.1:8080": true, "https://x.example": true, "ftp://x": false, "http://": false, "http://h/?q=1": false} {
		if err := ValidateBaseURL(s); (err == nil) != ok {
			t.Errorf("ValidateBaseURL(%q) = %v", s, err)
		}
	}
}
