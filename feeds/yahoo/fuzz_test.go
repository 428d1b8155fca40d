package yahoo

import (
	"bytes"
	"context"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	finance "github.com/piquette/finance-go"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// bodyBackend is a finance-go backend answering every request with one
// response after the Yahoo layer's checks and normalization (accept), so
// tests and fuzzers drive the real parse path (check → normalize →
// finance-go decode → our conversion) without sockets or a session.
func bodyBackend(ep endpoint, status int, body []byte) *finance.BackendConfiguration {
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) {
		resp := &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Request: req}
		b, err := accept(ep, req, resp, body)
		if err != nil {
			return nil, fail(req.Context(), err)
		}
		resp.Body, resp.ContentLength = io.NopCloser(bytes.NewReader(b)), int64(len(b))
		return resp, nil
	})
	return &finance.BackendConfiguration{Type: finance.YFinBackend, URL: "http://fuzz.invalid", HTTPClient: &http.Client{Transport: rt}}
}

// parseChart and parseQuotes run one body through bodyBackend as the
// provider runs a request.
func parseChart(status int, body []byte, from, to market.Date) ([]feeds.Bar, error) {
	ctx, c := withCall(context.Background())
	raw, meta, err := runChart(ctx, bodyBackend(chartEndpoint, status, body), "AAPL", from.Time(), to.Time())
	if err := callError(ctx, c, "chart", err); err != nil {
		return nil, err
	}
	return toBars(raw, meta, from, to), nil
}

func parseQuotes(status int, body []byte, syms ...string) ([]*finance.Equity, error) {
	ctx, c := withCall(context.Background())
	list, err := runQuotes(ctx, bodyBackend(quoteEndpoint, status, body), syms)
	return list, callError(ctx, c, "quote", err)
}

func seed(f *testing.F, files ...string) {
	for _, name := range files {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(200, b)
	}
}

func FuzzChart(f *testing.F) {
	seed(f, "chart-AAPL-1d-2020-08-31-to-2020-11-07-div-split.json", "chart-WSU.DE-1d-2023-08-04-to-2023-08-09-nulls.json",
		"chart-BTC-USD-1d-2020-01-01-to-2020-01-03.json", "chart-0P0000XTS7-1d-2024-09-12-to-2024-09-16-null-row.json",
		"chart-AAPL-1d-2022-02-22-recorded-2026.json", "chart-AAPL-1m-2025-02-01-weekend-no-bars.json",
		"chart-TSLA-1h-2021-11-23-empty-range.json", "error-chart-404-SI-no-data.json")
	f.Add(400, []byte(`{"chart":{"result":null,"error":{"code":"Bad Request","description":"x"}}}`))
	f.Add(200, []byte(`{"chart":{"result":[],"error":null}}`))
	f.Add(200, []byte(`{"chart":{"result":[{"timestamp":[1,2],"indicators":{"quote":[{"close":[1]}]}}]}}`))
	f.Add(200, []byte(`{"chart":{"result":[{"meta":{"exchangeTimezoneName":"../../etc/passwd","gmtoffset":99999999},"timestamp":[1],"indicators":{"quote":[{"close":[1e308]}],"adjclose":[{"adjclose":[-1]}]}}]}}`))
	f.Add(200, []byte(`{"chart":{"result":[{"meta":{"gmtoffset":"-18000"},"timestamp":[1735828200.0,"1735914600",null],"indicators":{"quote":[{"close":[3220000000.0,"11",{"raw":12,"fmt":"12.00"}]}],"adjclose":[{"adjclose":[null,{"fmt":"x"},"-1"]}]}}]}}`))
	f.Add(200, []byte(`{"chart":{"result":[{"timestamp":[1735828200],"indicators":{"quote":[{"close":[1,2,3]}],"adjclose":[{"adjclose":[1,2,3]}]}}]}}`))
	from, to := market.DateOf(1970, 1, 1), market.DateOf(2100, 1, 1)
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		bars, err := parseChart(status, body, from, to)
		if err != nil {
			return
		}
		for i, bar := range bars {
			if !(bar.Close > 0) || math.IsInf(bar.Close, 0) || (!math.IsNaN(bar.AdjClose) && !(bar.AdjClose > 0)) {
				t.Fatalf("bar %d has a bad price: %+v", i, bar)
			}
			if bar.Date < from || bar.Date > to || (i > 0 && bar.Date <= bars[i-1].Date) {
				t.Fatalf("bar %d out of order or range: %+v", i, bar)
			}
		}
	})
}

func FuzzQuote(f *testing.F) {
	seed(f, "quote-AAPL.json", "quote-AAPL-BABA.json", "quote-BTC-USD.json", "error-quote-200-SIX-empty-result.json")
	f.Add(401, []byte(`{"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}`))
	f.Add(200, []byte(`{"quoteResponse":{"result":[null,{"symbol":"aapl","marketCap":-5,"regularMarketPrice":1e400}]}}`))
	f.Add(200, []byte(`<html>consent</html>`))
	f.Add(200, []byte(driftedQuotes))
	f.Add(200, []byte(`{"quoteResponse":{"result":[{"symbol":"AAPL","sharesOutstanding":3220000000.0,"marketCap":"3220000000","regularMarketPrice":{"raw":1.5,"fmt":"1.50"},"regularMarketPreviousClose":null}]}}`))
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			status = 200
		}
		list, err := parseQuotes(status, body, "AAPL", "BABA")
		if err != nil {
			return
		}
		for _, q := range list {
			if q == nil {
				continue
			}
			out := toQuote("AAPL", q, fixedNow)
			for _, v := range []float64{out.Price, out.PrevClose, out.MarketCap, out.SharesOutstanding} {
				if !math.IsNaN(v) && !(v > 0) {
					t.Fatalf("non-positive number survived: %+v", out)
				}
			}
		}
	})
}

func FuzzConsentForm(f *testing.F) {
	page, err := os.ReadFile(filepath.Join("testdata", "consent-collectConsent.html"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(page))
	f.Add(`<form method="post" class="consent-form"><input type="hidden" name="sessionId" value='a&amp;b'></form>`)
	f.Fuzz(func(t *testing.T, s string) {
		if fm, ok := parseConsentForm(s); ok && fm.values == nil {
			t.Fatal("form without values")
		}
	})
}

func FuzzYahooMessage(f *testing.F) {
	f.Add([]byte(`{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found"}}}`))
	f.Add([]byte("Too Many Requests\r\n"))
	f.Add([]byte("\x1b]52;c;aGk=\x07"))
	f.Fuzz(func(t *testing.T, body []byte) {
		m := yahooMessage(body)
		for _, r := range m {
			if r < ' ' || r == 0x7f {
				t.Fatalf("control character in %q", m)
			}
		}
	})
}
