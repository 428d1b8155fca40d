package yahoo

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/market"
)

func sessionOn(t *testing.T, y int, m time.Month, d int) calendar.Session {
	t.Helper()
	s, ok := calendar.SessionOn(market.DateOf(y, m, d))
	if !ok {
		t.Fatalf("%d-%d-%d is no session", y, m, d)
	}
	return s
}

// The recorded 1-minute AAPL session of 2024-10-02 (regular hours):
// 391 timestamps from 09:30 to 15:59 EDT plus Yahoo's extra bar of the live
// price stamped 2024-10-03 16:00; one null row at 11:15 (index 105).
// Expected: 391 − 1 null − 1 extra = 389 bars, the first 09:30 at
// 225.6999969482422, the last 15:59 at 226.80999755859375, none at 11:15,
// every bar in New York time.
func TestIntradayRecordedSession(t *testing.T) {
	p := replay(t, 200, "chart-AAPL-1m-2024-10-02-regular-hours.json")
	s := sessionOn(t, 2024, 10, 2)
	p.now = func() time.Time { return s.Close.Add(time.Hour) }
	got, err := p.Intraday(context.Background(), []string{"aapl"}, s, time.Time{})
	if err != nil || len(got) != 1 || got[0].Err != nil {
		t.Fatalf("Intraday = %+v, %v", got, err)
	}
	bars := got[0].Bars
	if len(bars) != 389 {
		t.Fatalf("%d bars, want 389", len(bars))
	}
	first, last := bars[0], bars[len(bars)-1]
	if first.Time.Format("15:04 MST") != "09:30 EDT" || first.Close != 225.6999969482422 {
		t.Errorf("first bar %s %v", first.Time, first.Close)
	}
	if last.Time.Format("2006-01-02 15:04") != "2024-10-02 15:59" || last.Close != 226.80999755859375 {
		t.Errorf("last bar %s %v", last.Time, last.Close)
	}
	for _, b := range bars {
		if b.Time.Format("15:04") == "11:15" {
			t.Errorf("the null 11:15 row became a bar: %v", b.Close)
		}
	}
	if got[0].Symbol != "AAPL" || got[0].Origin.Kind != feeds.KindLive {
		t.Errorf("symbol %q origin %v", got[0].Symbol, got[0].Origin)
	}
}

// The recorded weekend request (2025-02-01, a Saturday) has no timestamp
// key and quote [{}]: no bars and no error.
func TestIntradayRecordedWeekend(t *testing.T) {
	p := replay(t, 200, "chart-AAPL-1m-2025-02-01-weekend-no-bars.json")
	s := sessionOn(t, 2025, 1, 31)
	p.now = func() time.Time { return s.Close.Add(24 * time.Hour) }
	got, err := p.Intraday(context.Background(), []string{"AAPL"}, s, time.Time{})
	if err != nil || got[0].Err != nil || len(got[0].Bars) != 0 {
		t.Fatalf("Intraday = %+v, %v", got, err)
	}
}

// tradingPeriods comes as an array of arrays (the 1m recording: three
// days, 1727789400–1727812800, 1727875800–1727899200, 1727962200–1727985600,
// each 09:30–16:00 EDT) or as an object keyed pre/regular/post.
func TestDecodeTradingPeriods(t *testing.T) {
	body, err := os.ReadFile(filepath.Join("testdata", "chart-AAPL-1m-2024-10-02-regular-hours.json"))
	if err != nil {
		t.Fatal(err)
	}
	ps := decodeTradingPeriods(body)
	if len(ps) != 3 || ps[1].Start.Unix() != 1727875800 || ps[1].End.Unix() != 1727899200 {
		t.Fatalf("periods %+v", ps)
	}
	// regularHours picks the session's own day.
	s := sessionOn(t, 2024, 10, 2)
	if r := regularHours(s, ps); !r.Open.Equal(s.Open) || !r.Close.Equal(s.Close) {
		t.Errorf("regularHours = %v–%v", r.Open, r.Close)
	}
	obj := []byte(`{"chart":{"result":[{"meta":{"tradingPeriods":{"pre":[[{"start":1,"end":2}]],"regular":[[{"start":1727875800,"end":1727888400}]]}}}]}}`)
	ps = decodeTradingPeriods(obj)
	if len(ps) != 1 || ps[0].End.Unix() != 1727888400 {
		t.Fatalf("object shape: %+v", ps)
	}
	// An early close Yahoo reports (13:00 = 1727888400) narrows the session.
	if r := regularHours(s, ps); r.Close.Unix() != 1727888400 {
		t.Errorf("early close not applied: %v", r.Close)
	}
	for _, bad := range []string{`{}`, `{"chart":{"result":[{"meta":{"tradingPeriods":"x"}}]}}`, `[`} {
		if ps := decodeTradingPeriods([]byte(bad)); len(ps) != 0 {
			t.Errorf("%s: %+v", bad, ps)
		}
	}
}

// The request asks for 5-minute bars of the session's regular hours:
// interval=5m, period1 = 09:30 EDT (1727875800), period2 = 16:00 EDT
// (1727899200), includePrePost=false; a tail starts at its 5-minute slot.
func TestIntradayRequest(t *testing.T) {
	var got []url.Values
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/test/getcrumb" {
			w.Write([]byte("crumb"))
			return
		}
		got = append(got, r.URL.Query())
		w.Write([]byte(`{"chart":{"result":[{"meta":{},"indicators":{"quote":[{}]}}],"error":null}}`))
	}))
	defer srv.Close()
	p := New(Options{BaseURL: srv.URL, HTTP: httpx.Options{RatePerSec: -1, MaxRetries: -1}, Concurrency: 1})
	s := sessionOn(t, 2024, 10, 2)
	p.now = func() time.Time { return s.Open.Add(time.Hour) }
	if _, err := p.Intraday(context.Background(), []string{"AAPL"}, s, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Intraday(context.Background(), []string{"AAPL"}, s, s.Open.Add(47*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("%d chart requests", len(got))
	}
	q := got[0]
	if q.Get("interval") != "5m" || q.Get("includePrePost") != "false" || q.Get("period1") != "1727875800" || q.Get("period2") != "1727899200" {
		t.Errorf("query %v", q)
	}
	// 10:17 → the 10:15 slot: 1727875800 + 45·60 = 1727878500.
	if got[1].Get("period1") != "1727878500" {
		t.Errorf("tail period1 = %s", got[1].Get("period1"))
	}
}

// A session more than ~60 days old is refused without a request.
func TestIntradayTooOld(t *testing.T) {
	p := replay(t, 200, "chart-AAPL-1m-2024-10-02-regular-hours.json")
	s := sessionOn(t, 2024, 10, 2)
	p.now = func() time.Time { return s.Close.Add(61 * 24 * time.Hour) }
	got, err := p.Intraday(context.Background(), []string{"AAPL", "TSLA"}, s, time.Time{})
	if !errors.Is(err, feeds.ErrIntradayTooOld) || !errors.Is(got[0].Err, feeds.ErrIntradayTooOld) {
		t.Fatalf("err %v / %v", err, got[0].Err)
	}
	// The session is too old, not one symbol: the call's error says so.
	if msg := err.Error(); strings.Contains(msg, "AAPL") || !strings.Contains(msg, "2024-10-02") {
		t.Errorf("call error %q: want the session, no symbol", msg)
	}
}
