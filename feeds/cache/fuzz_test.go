package cache

import (
	"math"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

// FuzzDecodeHistory feeds arbitrary bytes to the history file parser: it
// must never panic, and whatever it accepts must survive a round trip.
func FuzzDecodeHistory(f *testing.F) {
	f.Add([]byte(`{"schema_version":1,"symbol":"AAPL","provider":"yahoo","fetched":"2024-03-20T22:00:00Z","from":"2024-03-18","to":"2024-03-20","bars":[{"date":"2024-03-18","close":400.5,"adj_close":400.25},{"date":"2024-03-19","close":null,"adj_close":null}]}`))
	f.Add([]byte(`{"schema_version":1,"symbol":"AAPL","bars":[]}`))
	f.Add([]byte(`{"schema_version":2,"symbol":"AAPL"}`))
	f.Add([]byte(`{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19","close":1e308,"adj_close":-0}]}`))
	f.Add([]byte(`{"schema_version":1,"symbol":"AAPL","bars":[{"date":"2024-03-19"`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := decodeHistory(data, "AAPL")
		if err != nil {
			return
		}
		again, err := encodeHistory(e)
		if err != nil {
			t.Fatalf("accepted input does not re-encode: %v", err)
		}
		e2, err := decodeHistory(again, "AAPL")
		if err != nil {
			t.Fatalf("round trip rejected: %v\n%s", err, again)
		}
		if len(e2.Bars) != len(e.Bars) {
			t.Fatalf("round trip changed %d bars to %d", len(e.Bars), len(e2.Bars))
		}
		for i := range e.Bars {
			a, b := e.Bars[i], e2.Bars[i]
			if a.Date != b.Date || !sameFloat(a.Close, b.Close) || !sameFloat(a.AdjClose, b.AdjClose) {
				t.Fatalf("bar %d changed: %+v → %+v", i, a, b)
			}
		}
	})
}

// FuzzDecodeQuotes feeds arbitrary bytes to the quotes file parser.
func FuzzDecodeQuotes(f *testing.F) {
	f.Add([]byte(`{"schema_version":1,"quotes":{"TSLA":{"name":"Tesla","price":175,"market_cap":5.6e11,"change":null,"market_state":"CLOSED","time":"2024-03-20T20:00:00Z","provider":"yahoo","fetched":"2024-03-20T20:00:00Z"}}}`))
	f.Add([]byte(`{"schema_version":1,"quotes":{"../x":{}}}`))
	f.Add([]byte(`{"schema_version":1,"quotes":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		qs, err := decodeQuotes(data)
		if err != nil {
			return
		}
		for sym, fq := range qs {
			if !market.ValidSymbol(sym) {
				t.Fatalf("invalid symbol %q passed through", sym)
			}
			fq.quote(sym) // must not panic
		}
	})
}

func sameFloat(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
