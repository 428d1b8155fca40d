package yahootest

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

func TestBarTimes(t *testing.T) {
	tests := []struct {
		sym  string
		d    market.Date
		want string
	}{
		{"AAPL", market.DateOf(2020, 10, 30), "2020-10-30T13:30:00Z"}, // EDT
		{"AAPL", market.DateOf(2020, 11, 2), "2020-11-02T14:30:00Z"},  // EST
		{"BTC-USD", market.DateOf(2020, 1, 1), "2020-01-01T00:00:00Z"},
	}
	for _, tc := range tests {
		if got := BarTime(tc.sym, tc.d).UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("BarTime(%s, %v) = %s, want %s", tc.sym, tc.d, got, tc.want)
		}
	}
	if Trades("AAPL", market.DateOf(2025, 2, 1)) || !Trades("BTC-USD", market.DateOf(2025, 2, 1)) {
		t.Error("Saturday: equities closed, crypto open")
	}
	d := market.DateOf(2024, 3, 20)
	if Close("GM", d) != Close("GM", d) || Close("GM", d) <= 0 || AdjClose("BTC-USD", d) != Close("BTC-USD", d) {
		t.Error("prices must be deterministic and positive")
	}
}

func TestQuoteNeedsCookieAndCrumb(t *testing.T) {
	s := New(t)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	get := func(path string) (int, string) {
		resp, err := c.Get(s.URL() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, _ := get("/v7/finance/quote?symbols=GM"); code != 401 {
		t.Errorf("quote without session: %d, want 401", code)
	}
	get("/")
	_, crumb := get("/v1/test/getcrumb")
	if code, body := get("/v7/finance/quote?symbols=GM&crumb=" + strings.ReplaceAll(crumb, "/", "%2F")); code != 200 || !strings.Contains(body, `"symbol":"GM"`) {
		t.Errorf("quote with session: %d %s", code, body)
	}
	s.ExpireCrumb()
	if code, body := get("/v7/finance/quote?symbols=GM&crumb=" + crumb); code != 401 || !strings.Contains(body, "Invalid Crumb") {
		t.Errorf("after expiry: %d %s", code, body)
	}
	if got := s.Count(EndpointQuote); got != 3 {
		t.Errorf("quote count %d, want 3", got)
	}
}
