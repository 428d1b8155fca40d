package yahoo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"testing"
	"time"

	finance "github.com/piquette/finance-go"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

func TestNumDrift(t *testing.T) {
	nan := math.NaN()
	for raw, want := range map[string]float64{
		`3220000000`:                  3220000000,
		`3220000000.0`:                3220000000,
		`3.22e9`:                      3220000000,
		`"3220000000"`:                3220000000,
		`" 1.5 "`:                     1.5,
		`{"raw": 1.5, "fmt": "1.50"}`: 1.5,
		`{"raw": "2", "fmt": "2"}`:    2,
		`-4.25`:                       -4.25,
		`null`:                        nan,
		`"n/a"`:                       nan,
		`""`:                          nan,
		`true`:                        nan,
		`[1]`:                         nan,
		`{"fmt": "1.50"}`:             nan,
		`{"raw": {"raw": 1}}`:         nan,
		`1e400`:                       nan,
		`"NaN"`:                       nan,
		`"Infinity"`:                  nan,
	} {
		var n num
		if err := json.Unmarshal([]byte(raw), &n); err != nil {
			t.Errorf("%s: error %v, want none ever", raw, err)
		}
		if got := n.Float(); !(got == want || math.IsNaN(got) && math.IsNaN(want)) {
			t.Errorf("%s → %v, want %v", raw, got, want)
		}
	}
	var missing struct {
		X num `json:"x"`
	}
	if err := json.Unmarshal([]byte(`{}`), &missing); err != nil || !math.IsNaN(missing.X.Float()) {
		t.Errorf("missing field → %v, %v; want NaN, nil", missing.X.Float(), err)
	}
}

// driftedQuotes is a quote answer whose TSLA numbers drift in every way
// Yahoo's have: a float share count, a string market cap, a {raw, fmt}
// price, a null previous close, a missing currency and a name that is a
// number. GM beside it is normal; a result that is not an object is
// skipped.
const driftedQuotes = `{"quoteResponse":{"result":[
 {"symbol":"TSLA","shortName":42,"marketState":"REGULAR","regularMarketPrice":{"raw":450.5,"fmt":"450.50"},
  "regularMarketChange":"-1.25","regularMarketChangePercent":null,"regularMarketPreviousClose":null,
  "regularMarketTime":1739901600.0,"marketCap":"1450000000000","sharesOutstanding":3220000000.0},
 "not an object",
 {"symbol":"GM","shortName":"General Motors","currency":"USD","regularMarketPrice":48.2,
  "regularMarketPreviousClose":47.9,"regularMarketTime":1739901600,"marketCap":48000000000,"sharesOutstanding":1000000000}
],"error":null}}`

func TestQuoteFieldDrift(t *testing.T) {
	p, srv, _ := newTest(t)
	srv.Push(yahootest.EndpointQuote, yahootest.Fault{Body: driftedQuotes})
	qs, err := p.Quotes(context.Background(), []string{"TSLA", "GM"})
	if err != nil {
		t.Fatal(err)
	}
	tsla, gm := qs[0], qs[1]
	if tsla.Err != nil || gm.Err != nil {
		t.Fatalf("drifted fields failed a symbol: %v / %v", tsla.Err, gm.Err)
	}
	if tsla.SharesOutstanding != 3220000000 || tsla.MarketCap != 1.45e12 || tsla.Price != 450.5 || tsla.Change != -1.25 {
		t.Errorf("TSLA %+v", tsla)
	}
	if !math.IsNaN(tsla.PrevClose) || !math.IsNaN(tsla.ChangePct) || tsla.Name != "" || tsla.Currency != "" {
		t.Errorf("TSLA's null and odd fields should be missing: %+v", tsla)
	}
	if want := time.Unix(1739901600, 0).UTC(); !tsla.Time.Equal(want) {
		t.Errorf("TSLA time %v, want %v", tsla.Time, want)
	}
	if gm.Price != 48.2 || gm.SharesOutstanding != 1e9 || gm.Name != "General Motors" {
		t.Errorf("GM %+v", gm)
	}
}

func TestChartFieldDrift(t *testing.T) {
	// Thu 2 … Wed 8 Jan 2025 at 14:30 UTC: timestamps as floats and
	// strings, closes as strings, {raw} and null, an adjusted close that is
	// an object without raw, a meta offset that is a string.
	body := `{"chart":{"result":[{"meta":{"exchangeTimezoneName":7,"gmtoffset":"-18000"},
	 "timestamp":[1735828200,"1735914600",1736173800.0,1736260200,1736346600],
	 "indicators":{"quote":[{"close":[10,"11",{"raw":12,"fmt":"12.00"},null,14]}],
	 "adjclose":[{"adjclose":[9,10,{"fmt":"x"},13,"13.5"]}]}}],"error":null}}`
	p, srv, _ := newTest(t)
	srv.Push(yahootest.EndpointChart, yahootest.Fault{Body: body})
	hs, err := p.History(context.Background(), []string{"TSLA"}, jan2, jan8)
	if err != nil || hs[0].Err != nil {
		t.Fatal(err, hs[0].Err)
	}
	want := []struct {
		d        market.Date
		c, adj   float64
		adjValid bool
	}{{jan2, 10, 9, true}, {jan2 + 1, 11, 10, true}, {jan2 + 4, 12, 0, false}, {jan8, 14, 13.5, true}}
	bars := hs[0].Bars
	if len(bars) != len(want) {
		t.Fatalf("bars %+v, want %d (the null close dropped)", bars, len(want))
	}
	for i, w := range want {
		b := bars[i]
		if b.Date != w.d || b.Close != w.c || (w.adjValid && b.AdjClose != w.adj) || (!w.adjValid && !math.IsNaN(b.AdjClose)) {
			t.Errorf("bar %d = %+v, want %+v", i, b, w)
		}
	}
}

// TestFinanceGoPanicRecovered: finance-go indexes past the end of a short
// indicator array. The normalizer refuses such a body first; should one
// reach finance-go anyway, the panic is an error, never a crash.
func TestFinanceGoPanicRecovered(t *testing.T) {
	raw := []byte(`{"chart":{"result":[{"timestamp":[1735828200,1735914600],"indicators":{"quote":[{"close":[1.5]}]}}],"error":null}}`)
	rt := roundTripFunc(func(req *http.Request) (*http.Response, error) { // no normalizer
		return &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(raw)), Request: req}, nil
	})
	b := &finance.BackendConfiguration{Type: finance.YFinBackend, URL: "http://raw.invalid", HTTPClient: &http.Client{Transport: rt}}
	_, _, err := runChart(context.Background(), b, "TSLA", jan2.Time(), jan8.Time())
	if !errors.Is(err, ErrBadResponse) {
		t.Errorf("err %v, want ErrBadResponse from a recovered panic", err)
	}
	if _, err := parseChart(200, raw, jan2, jan8); !errors.Is(err, errShortArrays) {
		t.Errorf("through the normalizer: err %v, want errShortArrays", err)
	}
}

// TestQuoteZeroChange: finance-go reads a missing change as 0; a change of
// 0 stands only when the price equals the previous close.
func TestQuoteZeroChange(t *testing.T) {
	body := []byte(`{"quoteResponse":{"result":[
	 {"symbol":"FLAT","regularMarketPrice":10,"regularMarketPreviousClose":10,"regularMarketChange":0,"regularMarketChangePercent":0},
	 {"symbol":"GONE","regularMarketPrice":10,"regularMarketPreviousClose":9,"regularMarketChange":null},
	 {"symbol":"HALF","regularMarketPrice":10,"regularMarketChange":"n/a","regularMarketChangePercent":1.5}]}}`)
	list, err := parseQuotes(200, body, "FLAT", "GONE", "HALF")
	if err != nil || len(list) != 3 {
		t.Fatalf("%d quotes, err %v", len(list), err)
	}
	got := map[string][2]float64{}
	for _, q := range list {
		out := toQuote(q.Symbol, q, fixedNow)
		got[q.Symbol] = [2]float64{out.Change, out.ChangePct}
	}
	if g := got["FLAT"]; g != [2]float64{0, 0} {
		t.Errorf("FLAT change %v, want 0, 0", g)
	}
	if g := got["GONE"]; !math.IsNaN(g[0]) || !math.IsNaN(g[1]) {
		t.Errorf("GONE change %v, want missing", g)
	}
	if g := got["HALF"]; !math.IsNaN(g[0]) || g[1] != 1.5 {
		t.Errorf("HALF change %v, want missing, 1.5", g)
	}
}
