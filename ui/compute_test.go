package ui

import (
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

func TestWithQuoteMovesTheLastPoint(t *testing.T) {
	day := func(s string) market.Date { d, _ := market.ParseDate(s); return d }
	ny, _ := time.LoadLocation("America/New_York")
	// Mon 18 and Tue 19 March 2024; the quote is Wed 20 March 15:30 New York.
	stock := market.Series{Symbol: "A", Dates: []market.Date{day("2024-03-18"), day("2024-03-19")}, Close: []float64{10, 11}}
	live := feeds.Origin{Kind: feeds.KindLive}
	q := feeds.Quote{Symbol: "A", Price: 12, Time: time.Date(2024, 3, 20, 15, 30, 0, 0, ny), Origin: live}
	tests := []struct {
		name  string
		ser   market.Series
		q     feeds.Quote
		asOf  string
		dates int
		last  float64
	}{
		{"new day appended", stock, q, "2024-03-20", 3, 12},
		{"same day replaced", stock, func() feeds.Quote { q := q; q.Time = time.Date(2024, 3, 19, 15, 0, 0, 0, ny); return q }(), "2024-03-20", 2, 12},
		{"after as-of ignored", stock, q, "2024-03-19", 2, 11},
		{"cached quote ignored", stock, func() feeds.Quote { q := q; q.Origin.Kind = feeds.KindCached; return q }(), "2024-03-20", 2, 11},
		{"demo quote ignored", stock, func() feeds.Quote { q := q; q.Origin.Kind = feeds.KindDemo; return q }(), "2024-03-20", 2, 11},
	}
	for _, tc := range tests {
		got := withQuote(tc.ser, tc.q, day(tc.asOf))
		if len(got.Dates) != tc.dates || got.Close[len(got.Close)-1] != tc.last {
			t.Errorf("%s: %d bars, last %v; want %d, %v", tc.name, len(got.Dates), got.Close[len(got.Close)-1], tc.dates, tc.last)
		}
	}
	// Crypto (weekend bars) is dated in UTC: 2024-03-20 23:30 New York is
	// already 21 March in UTC.
	btc := market.Series{Symbol: "BTC-USD", Dates: []market.Date{day("2024-03-16"), day("2024-03-17")}, Close: []float64{1, 2}}
	bq := feeds.Quote{Price: 3, Time: time.Date(2024, 3, 20, 23, 30, 0, 0, ny), Origin: live}
	if got := withQuote(btc, bq, day("2024-03-21")); got.Dates[len(got.Dates)-1] != day("2024-03-21") {
		t.Errorf("crypto quote dated %v, want 2024-03-21 (UTC)", got.Dates[len(got.Dates)-1])
	}
}

func TestErrorSummaryGroupsByMessage(t *testing.T) {
	st := Status{Errors: map[string]string{
		"TSLA": "HTTP 500", "AMZN": "HTTP 500", "GM": "HTTP 500", "F": "HTTP 500", "NVDA": "HTTP 500",
		"ZZZZ": "unknown symbol",
	}}
	want := "6 symbols with errors: AMZN, F, GM, … +2: HTTP 500; ZZZZ: unknown symbol"
	if got := st.ErrorSummary(); got != want {
		t.Errorf("ErrorSummary() =\n%q\nwant\n%q", got, want)
	}
	if got := (Status{}).ErrorSummary(); got != "" {
		t.Errorf("no errors: %q", got)
	}
}

func TestComputeNeverMixesRealMacroWithDemoPrices(t *testing.T) {
	day := func(s string) market.Date { d, _ := market.ParseDate(s); return d }
	demoOrigin := feeds.Origin{Kind: feeds.KindDemo, Provider: "demo"}
	fallback := &feeds.FallbackError{Primary: "yahoo", Fallback: "demo"}
	d := Data{
		Histories: map[string]feeds.History{
			"SPY": {Symbol: "SPY", Origin: demoOrigin, Err: fallback,
				Bars: []feeds.Bar{{Date: day("2024-03-19"), Close: 1, AdjClose: 1}, {Date: day("2024-03-20"), Close: 2, AdjClose: 2}}},
		},
		Macro:       map[string][]market.Observation{"UNRATE": {{Date: day("2024-01-01"), Value: 4}}},
		MacroOrigin: feeds.Origin{Kind: feeds.KindFRED},
	}
	st := Compute(market.Spec{Benchmark: "SPY"}, d, market.WinEssay, day("2024-03-20"), time.Now())
	if st.Macro != nil {
		t.Error("real FRED data shown beside demo prices")
	}
	if len(st.Status.Warnings) != 2 || len(st.Status.Errors) != 0 {
		t.Errorf("want the fallback and the hidden-macro warnings, no per-symbol error: %q %v", st.Status.Warnings, st.Status.Errors)
	}
	d.MacroOrigin = demoOrigin // the demo's own macro series are fine
	if st := Compute(market.Spec{Benchmark: "SPY"}, d, market.WinEssay, day("2024-03-20"), time.Now()); st.Macro == nil {
		t.Error("demo macro dropped beside demo prices")
	}
}
