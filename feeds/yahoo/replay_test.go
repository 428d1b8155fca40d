package yahoo

import (
	"context"
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/market"
)

// replay answers every chart or quote request with one recorded body from
// testdata, and the cookie and crumb requests with the recorded crumb.
func replay(t *testing.T, status int, file string) *Provider {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	crumb, err := os.ReadFile(filepath.Join("testdata", "getcrumb.txt"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/":
			http.SetCookie(w, &http.Cookie{Name: "A3", Value: "x"})
		case r.URL.Path == "/v1/test/getcrumb":
			w.Write(crumb)
		default:
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			w.WriteHeader(status)
			w.Write(body)
		}
	}))
	t.Cleanup(srv.Close)
	return New(Options{BaseURL: srv.URL, HTTP: httpx.Options{RatePerSec: -1, MaxRetries: -1}})
}

type wantBar struct {
	date       string
	close, adj float64 // adj NaN: missing
}

func TestReplayCharts(t *testing.T) {
	d := func(s string) market.Date {
		v, err := market.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	tests := []struct {
		file     string
		sym      string
		from, to string
		n        int
		// bars checked by index (negative: from the end)
		check map[int]wantBar
	}{
		// 49 sessions; bars are 13:30 UTC until the 2020-11-01 DST change and
		// 14:30 UTC after it, both 09:30 New York: each keeps its own date.
		{"chart-AAPL-1d-2020-08-31-to-2020-11-07-div-split.json", "AAPL", "2020-08-31", "2020-11-07", 49, map[int]wantBar{
			0:  {"2020-08-31", 129.0399932861328, 125.82673645019531},
			43: {"2020-10-30", 108.86000061035156, 106.14926147460938},
			44: {"2020-11-02", 108.7699966430664, 106.06148529052734},
			-1: {"2020-11-06", 118.69000244140625, 115.93415069580078},
		}},
		// Clipping to the window: 2020-10-30 and 2020-11-02 only.
		{"chart-AAPL-1d-2020-08-31-to-2020-11-07-div-split.json", "AAPL", "2020-10-30", "2020-11-02", 2, map[int]wantBar{
			0: {"2020-10-30", 108.86000061035156, 106.14926147460938},
			1: {"2020-11-02", 108.7699966430664, 106.06148529052734},
		}},
		// 07:00 UTC = 09:00 Berlin; 2023-08-07 is all null and is dropped.
		{"chart-WSU.DE-1d-2023-08-04-to-2023-08-09-nulls.json", "WSU.DE", "2023-08-04", "2023-08-09", 2, map[int]wantBar{
			0: {"2023-08-04", 34.45000076293945, 34.45000076293945},
			1: {"2023-08-08", 33.20000076293945, 33.20000076293945},
		}},
		// 00:00 UTC bars, UTC zone: the UTC dates, all three days.
		{"chart-BTC-USD-1d-2020-01-01-to-2020-01-03.json", "BTC-USD", "2020-01-01", "2020-01-03", 3, map[int]wantBar{
			0: {"2020-01-01", 7200.17431640625, 7200.17431640625},
			2: {"2020-01-03", 7344.88427734375, 7344.88427734375},
		}},
		// The 2024-09-13 row is null: only 2024-09-12 remains.
		{"chart-0P0000XTS7-1d-2024-09-12-to-2024-09-16-null-row.json", "0P0000XTS7", "2024-09-12", "2024-09-16", 1, map[int]wantBar{
			0: {"2024-09-12", 11887.099609375, 11887.099609375},
		}},
		// 14:30 UTC in February = 09:30 EST.
		{"chart-AAPL-1d-2022-02-22-recorded-2026.json", "AAPL", "2022-02-22", "2022-02-22", 1, map[int]wantBar{
			0: {"2022-02-22", 164.32000732421875, 160.7113800048828},
		}},
		{"chart-AAPL-1m-2025-02-01-weekend-no-bars.json", "AAPL", "2025-02-01", "2025-02-02", 0, nil},
		{"chart-TSLA-1h-2021-11-23-empty-range.json", "TSLA", "2021-11-23", "2021-11-23", 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.file+"/"+tc.from, func(t *testing.T) {
			p := replay(t, 200, tc.file)
			hs, err := p.History(context.Background(), []string{tc.sym}, d(tc.from), d(tc.to))
			if err != nil || hs[0].Err != nil {
				t.Fatal(err, hs[0].Err)
			}
			bars := hs[0].Bars
			if len(bars) != tc.n {
				t.Fatalf("%d bars, want %d: %v", len(bars), tc.n, bars)
			}
			for i, w := range tc.check {
				if i < 0 {
					i += len(bars)
				}
				b := bars[i]
				if b.Date.String() != w.date || b.Close != w.close || !(b.AdjClose == w.adj || math.IsNaN(w.adj) && math.IsNaN(b.AdjClose)) {
					t.Errorf("bar %d = %v %v %v, want %v", i, b.Date, b.Close, b.AdjClose, w)
				}
			}
			for i := 1; i < len(bars); i++ {
				if bars[i].Date <= bars[i-1].Date {
					t.Errorf("dates not strictly increasing at %d: %v", i, bars[i].Date)
				}
			}
			if hs[0].Origin.Kind != feeds.KindLive || hs[0].Origin.Provider != "yahoo" {
				t.Errorf("origin %+v", hs[0].Origin)
			}
		})
	}
}

func TestReplayChartErrors(t *testing.T) {
	tests := []struct {
		status      int
		file        string
		wantUnknown bool
		wantMessage string
	}{
		{404, "error-chart-404-SI-no-data.json", true, "No data found, symbol may be delisted"},
		{400, "error-chart-400-BEKE-data-doesnt-exist.json", false, "Data doesn't exist for startDate = 1577836800, endDate = 1578009600"},
	}
	for _, tc := range tests {
		p := replay(t, tc.status, tc.file)
		hs, err := p.History(context.Background(), []string{"SI"}, market.DateOf(2020, 1, 1), market.DateOf(2020, 1, 3))
		e := hs[0].Err
		var he *feeds.HTTPError
		if !errors.As(e, &he) || he.Status != tc.status || he.Message != tc.wantMessage {
			t.Errorf("%s: err %v, want HTTP %d %q", tc.file, e, tc.status, tc.wantMessage)
		}
		if errors.Is(e, feeds.ErrUnknownSymbol) != tc.wantUnknown {
			t.Errorf("%s: unknown = %v, want %v", tc.file, !tc.wantUnknown, tc.wantUnknown)
		}
		if tc.wantUnknown && err != nil {
			t.Errorf("%s: an unknown symbol is not a failure of the call: %v", tc.file, err)
		}
		if !tc.wantUnknown && err == nil {
			t.Errorf("%s: the only symbol failed: want the call's error", tc.file)
		}
	}
}

func TestReplayQuotes(t *testing.T) {
	nan := math.NaN()
	type want struct {
		name                          string
		price, change, pct, prev, cap float64
		shares                        float64
		state                         string
		time                          int64
	}
	tests := []struct {
		file string
		syms []string
		want []want
	}{
		{"quote-AAPL.json", []string{"AAPL"}, []want{
			{"Apple Inc.", 244.6, 3.0700073, 1.2710667, 241.53, 3674405863424, 15022100480, "CLOSED", 1739566800}}},
		{"quote-AAPL-BABA.json", []string{"AAPL", "BABA"}, []want{
			{"Apple Inc.", 244.6, 3.0700073, 1.2710667, 241.53, 3674405863424, 15022100480, "CLOSED", 1739566800},
			{"Alibaba Group Holding Limited", 124.73, 5.19, 4.34164, 119.54, 302870626304, 2375950080, "CLOSED", 1739566802}}},
		// No sharesOutstanding for crypto: NaN, not 0. The change is Yahoo's
		// (-1225.8906), not price minus previous close.
		{"quote-BTC-USD.json", []string{"BTC-USD"}, []want{
			{"Bitcoin USD", 96077.45, -1225.8906, -1.2598631, 96137.88, 1904783523840, nan, "REGULAR", 1739789580}}},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tc := range tests {
		p := replay(t, 200, tc.file)
		qs, err := p.Quotes(context.Background(), tc.syms)
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range tc.want {
			q := qs[i]
			if q.Err != nil {
				t.Fatalf("%s: %v", q.Symbol, q.Err)
			}
			if q.Name != w.name || !same(q.Price, w.price) || !same(q.Change, w.change) || !same(q.ChangePct, w.pct) ||
				!same(q.PrevClose, w.prev) || !same(q.MarketCap, w.cap) || !same(q.SharesOutstanding, w.shares) ||
				q.MarketState != w.state || q.Time.Unix() != w.time || q.Currency != "USD" || q.Origin.Kind != feeds.KindLive {
				t.Errorf("%s = %+v, want %+v", q.Symbol, q, w)
			}
		}
	}
	p := replay(t, 200, "error-quote-200-SIX-empty-result.json")
	qs, err := p.Quotes(context.Background(), []string{"SIX"})
	if err != nil || !errors.Is(qs[0].Err, feeds.ErrUnknownSymbol) {
		t.Errorf("SIX: %v %v, want ErrUnknownSymbol and no call error", err, qs[0].Err)
	}
}

func TestParseConsentFormRecorded(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("testdata", "consent-collectConsent.html"))
	if err != nil {
		t.Fatal(err)
	}
	f, ok := parseConsentForm(string(page))
	if !ok {
		t.Fatal("consent form not found")
	}
	want := map[string]string{
		"csrfToken":       "GoNrer0",
		"sessionId":       "3_cc-session_dcf322f7-c2b7-4e77-9e32-36143f8f7c5d",
		"originalDoneUrl": "https://finance.yahoo.com/quote/AAPL?guccounter=1", // &#x3D; decoded
		"namespace":       "yahoo",
	}
	for k, v := range want {
		if got := f.values.Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	if f.action != "" || len(f.values) != 4 {
		t.Errorf("action %q, %d fields: %v", f.action, len(f.values), f.values)
	}
	if _, ok := parseConsentForm("<html><form method=get class=consent-form></form></html>"); ok {
		t.Error("a GET form is not the consent form")
	}
}

func TestValidCrumb(t *testing.T) {
	recorded, _ := os.ReadFile(filepath.Join("testdata", "getcrumb.txt"))
	tests := []struct {
		in string
		ok bool
	}{
		{string(recorded), true},
		{"Ab/c.D3fG1h\n", true},
		{"", false},
		{"Too Many Requests", false},
		{"Edge: Too Many Requests", false},
		{"<html><body>consent</body></html>", false},
		{`{"finance":{"error":{}}}`, false},
		{strings.Repeat("a", 65), false},
	}
	for _, tc := range tests {
		if _, ok := validCrumb(tc.in); ok != tc.ok {
			t.Errorf("validCrumb(%q) = %v, want %v", tc.in, ok, tc.ok)
		}
	}
}
