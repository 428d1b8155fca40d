package yahoo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

// benchNow is a Monday evening in New York: 2025-06-30 22:00 UTC = 18:00 EDT.
var benchNow = time.Date(2025, 6, 30, 22, 0, 0, 0, time.UTC)

// memo is an in-memory RoundTripper in front of the fake's handler: it
// answers each distinct chart or quote URL once from yahootest and from
// memory afterwards, so a benchmark measures the client (httpx, the Yahoo
// layer, the normalizer, finance-go's decode, the conversion to bars) and not the fake's
// JSON encoding or loopback TCP.
type memo struct {
	h  http.Handler
	mu sync.Mutex
	m  map[string]recorded
}

type recorded struct {
	status int
	header http.Header
	body   []byte
}

func newMemo() *memo {
	srv := yahootest.NewHandler()
	srv.SetNow(func() time.Time { return benchNow })
	return &memo{h: srv, m: map[string]recorded{}}
}

func (m *memo) RoundTrip(req *http.Request) (*http.Response, error) {
	key := req.URL.String()
	cacheable := classify(req.URL.Path) != otherEndpoint
	m.mu.Lock()
	r, ok := m.m[key]
	m.mu.Unlock()
	if !ok || !cacheable {
		rec := httptest.NewRecorder()
		m.h.ServeHTTP(rec, req)
		r = recorded{status: rec.Code, header: rec.Header().Clone(), body: rec.Body.Bytes()}
		if cacheable && r.status == http.StatusOK {
			m.mu.Lock()
			m.m[key] = r
			m.mu.Unlock()
		}
	}
	return &http.Response{
		StatusCode: r.status, Status: http.StatusText(r.status), Header: r.header.Clone(),
		Body: io.NopCloser(bytes.NewReader(r.body)), ContentLength: int64(len(r.body)),
		Request: req, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
	}, nil
}

// get fetches path from the memo's fake, with cookie, for setting up.
func (m *memo) get(b testing.TB, path, cookie string) (body []byte, setCookie string) {
	b.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	rec := httptest.NewRecorder()
	m.h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("GET %s: %d %s", path, rec.Code, rec.Body)
	}
	return rec.Body.Bytes(), rec.Header().Get("Set-Cookie")
}

// benchSymbols returns n symbols: the essay's names first, then made-up
// tickers (the fake serves any valid symbol).
func benchSymbols(n int) []string {
	syms := []string{"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD", "XOM", "CVX",
		"LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB", "EWS", "EWL", "UAE", "SPY", "TSLA", "AAPL"}
	for i := 0; len(syms) < n; i++ {
		syms = append(syms, fmt.Sprintf("SYM%03d", i))
	}
	return syms[:n]
}

// fiveYears is the range the poller asks for on 2025-06-30: DefaultFrom's
// 61 months back, 2020-05-30, to the as-of date.
var fiveYearsFrom, fiveYearsTo = market.DateOf(2020, 5, 30), market.DateOf(2025, 6, 30)

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// BenchmarkChartDecode decodes one symbol's five years of daily bars
// (2020-05-30 … 2025-06-30: 1,326 weekday bars, about 75 kB of JSON).
//
//   - decode: the normalizer, finance-go's JSON decode and iteration plus
//     toBars, from bytes in memory;
//   - provider: Provider.History through the whole client stack (httpx,
//     session, body checks, decode) over an in-memory transport.
func BenchmarkChartDecode(b *testing.B) {
	m := newMemo()
	start, end := fiveYearsFrom.AddDays(-1).Time(), fiveYearsTo.AddDays(2).Time()
	body, _ := m.get(b, fmt.Sprintf("/v8/finance/chart/NVDA?period1=%d&period2=%d&interval=1d", start.Unix(), end.Unix()), "")
	ctx := context.Background()
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		var n int
		for b.Loop() {
			bars, err := parseChart(200, body, fiveYearsFrom, fiveYearsTo)
			if err != nil {
				b.Fatal(err)
			}
			n = len(bars)
		}
		b.ReportMetric(float64(n), "bars")
	})
	// What the same body costs decoded straight into float64s with
	// encoding/json, without finance-go's float → decimal → float round
	// trip: the bound for replacing its chart iterator.
	b.Run("stdlib", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			var c minimalChart
			if err := json.Unmarshal(body, &c); err != nil || len(c.Chart.Result) != 1 {
				b.Fatalf("decode: %v", err)
			}
		}
	})
	b.Run("provider", func(b *testing.B) {
		p := New(Options{BaseURL: "http://mem.invalid", HTTP: httpx.Options{Base: m, RatePerSec: -1},
			Now: func() time.Time { return benchNow }})
		b.ReportAllocs()
		b.SetBytes(int64(len(body)))
		for b.Loop() {
			hs, err := p.History(ctx, []string{"NVDA"}, fiveYearsFrom, fiveYearsTo)
			if err != nil || hs[0].Err != nil || len(hs[0].Bars) == 0 {
				b.Fatalf("history: %v %v", err, hs[0].Err)
			}
		}
	})
}

// minimalChart is the part of a v8 chart answer the provider uses.
type minimalChart struct {
	Chart struct {
		Result []struct {
			Meta struct {
				ExchangeTimezoneName string `json:"exchangeTimezoneName"`
				Gmtoffset            int    `json:"gmtoffset"`
			} `json:"meta"`
			Timestamp  []int64 `json:"timestamp"`
			Indicators struct {
				Quote []struct {
					Close []*float64 `json:"close"`
				} `json:"quote"`
				Adjclose []struct {
					Adjclose []*float64 `json:"adjclose"`
				} `json:"adjclose"`
			} `json:"indicators"`
		} `json:"result"`
	} `json:"chart"`
}

// BenchmarkQuoteDecode decodes the quotes of 120 symbols: three requests
// of 50, 50 and 20 symbols.
//
//   - decode: the normalizer and finance-go's decode of the three bodies
//     plus toQuote;
//   - provider: Provider.Quotes through the whole client stack over an
//     in-memory transport (the crumb is fetched once, before timing).
func BenchmarkQuoteDecode(b *testing.B) {
	syms := benchSymbols(120)
	m := newMemo()
	_, setCookie := m.get(b, "/", "")
	cookie := strings.SplitN(setCookie, ";", 2)[0]
	crumb, _ := m.get(b, "/v1/test/getcrumb", cookie)
	bodies := map[string][]byte{}
	var total int64
	for i := 0; i < len(syms); i += MaxSymbolsPerQuote {
		batch := strings.Join(syms[i:min(i+MaxSymbolsPerQuote, len(syms))], ",")
		body, _ := m.get(b, "/v7/finance/quote?symbols="+batch+"&crumb="+string(crumb), cookie)
		bodies[batch] = body
		total += int64(len(body))
	}
	ctx := context.Background()
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		b.SetBytes(total)
		for b.Loop() {
			n := 0
			for i := 0; i < len(syms); i += MaxSymbolsPerQuote {
				batch := syms[i:min(i+MaxSymbolsPerQuote, len(syms))]
				list, err := parseQuotes(200, bodies[strings.Join(batch, ",")], batch...)
				if err != nil {
					b.Fatal(err)
				}
				for _, q := range list {
					_ = toQuote(q.Symbol, q, benchNow)
					n++
				}
			}
			if n != len(syms) {
				b.Fatalf("decoded %d quotes, want %d", n, len(syms))
			}
		}
	})
	b.Run("provider", func(b *testing.B) {
		p := New(Options{BaseURL: "http://mem.invalid", HTTP: httpx.Options{Base: m, RatePerSec: -1},
			Now: func() time.Time { return benchNow }})
		if _, err := p.Quotes(ctx, syms); err != nil { // session and crumb, once
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.SetBytes(total)
		for b.Loop() {
			qs, err := p.Quotes(ctx, syms)
			if err != nil || qs[len(qs)-1].Err != nil {
				b.Fatalf("quotes: %v %v", err, qs[len(qs)-1].Err)
			}
		}
	})
}
