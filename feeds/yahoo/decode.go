package yahoo

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Yahoo's JSON drifts: an integer field arrives as 3220000000.0, a number
// as "3220000000", as null, as {"raw": 1.5, "fmt": "1.50"}, or not at all.
// Every number of the quote and chart answers is decoded through num, which
// never fails: a field it cannot read is missing (NaN), so a drift costs
// that field, never the batch or the symbol.

// num is a leniently decoded JSON number; see Float.
type num struct {
	v   float64
	set bool
}

// Float returns the number, or NaN when it was missing or unreadable.
func (n num) Float() float64 {
	if !n.set {
		return math.NaN()
	}
	return n.v
}

// UnmarshalJSON accepts a number, a numeric string, or an object with a
// "raw" number; anything else (null, true, [], "n/a") leaves n missing.
// It never returns an error.
func (n *num) UnmarshalJSON(b []byte) error {
	v, ok := parseNum(b, 0)
	*n = num{v: v, set: ok}
	return nil
}

func parseNum(b []byte, depth int) (float64, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return 0, false
	}
	var s string
	switch b[0] {
	case '"':
		if json.Unmarshal(b, &s) != nil {
			return 0, false
		}
		s = strings.TrimSpace(s)
	case '{':
		var o struct {
			Raw json.RawMessage `json:"raw"`
		}
		if depth > 0 || json.Unmarshal(b, &o) != nil || o.Raw == nil {
			return 0, false
		}
		return parseNum(o.Raw, depth+1)
	case 'n', 't', 'f', '[':
		return 0, false
	default:
		s = string(b)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}

// text is a leniently decoded JSON string: anything but a string is "".
type text string

// UnmarshalJSON never returns an error.
func (t *text) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) != nil {
		s = ""
	}
	*t = text(s)
	return nil
}

// quoteJSON is the part of one v7 quote result whoosh reads.
type quoteJSON struct {
	Symbol                     text `json:"symbol"`
	ShortName                  text `json:"shortName"`
	LongName                   text `json:"longName"`
	Currency                   text `json:"currency"`
	MarketState                text `json:"marketState"`
	RegularMarketPrice         num  `json:"regularMarketPrice"`
	RegularMarketChange        num  `json:"regularMarketChange"`
	RegularMarketChangePercent num  `json:"regularMarketChangePercent"`
	RegularMarketPreviousClose num  `json:"regularMarketPreviousClose"`
	RegularMarketTime          num  `json:"regularMarketTime"`
	MarketCap                  num  `json:"marketCap"`
	SharesOutstanding          num  `json:"sharesOutstanding"`
	ExchangeDataDelayedBy      num  `json:"exchangeDataDelayedBy"`
}

// decodeQuotes reads a quote answer that passed check. Each result is
// decoded on its own, so one that is not an object costs only itself.
func decodeQuotes(body []byte) ([]quoteJSON, error) {
	var top struct {
		QuoteResponse struct {
			Result []json.RawMessage `json:"result"`
		} `json:"quoteResponse"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return nil, fmt.Errorf("%w: quote: %v", ErrBadResponse, err)
	}
	out := make([]quoteJSON, 0, len(top.QuoteResponse.Result))
	for _, raw := range top.QuoteResponse.Result {
		var q quoteJSON
		if json.Unmarshal(raw, &q) != nil || q.Symbol == "" {
			continue
		}
		out = append(out, q)
	}
	return out, nil
}

// chartMeta is the part of a chart result's meta whoosh reads.
type chartMeta struct {
	ExchangeTimezoneName text `json:"exchangeTimezoneName"`
	Gmtoffset            num  `json:"gmtoffset"`
}

// chartData is one symbol's decoded chart: parallel arrays, checked to
// have the same length (adj is nil when Yahoo sent no adjusted closes).
type chartData struct {
	meta       chartMeta
	timestamps []num
	close, adj []num
}

// errShortArrays is wrapped when a chart's arrays disagree in length:
// pairing them up would date prices wrongly or drop part of the history,
// so the symbol's answer is refused as a whole.
var errShortArrays = errors.New("chart arrays of different lengths")

// decodeChart reads a chart answer that passed check.
func decodeChart(body []byte) (chartData, error) {
	var top struct {
		Chart struct {
			Result []struct {
				Meta       json.RawMessage `json:"meta"`
				Timestamp  []num           `json:"timestamp"`
				Indicators *struct {
					Quote []struct {
						Close []num `json:"close"`
					} `json:"quote"`
					Adjclose []struct {
						Adjclose []num `json:"adjclose"`
					} `json:"adjclose"`
				} `json:"indicators"`
			} `json:"result"`
		} `json:"chart"`
	}
	if err := json.Unmarshal(body, &top); err != nil {
		return chartData{}, fmt.Errorf("%w: chart: %v", ErrBadResponse, err)
	}
	if len(top.Chart.Result) == 0 {
		return chartData{}, fmt.Errorf("%w: chart: empty result", ErrBadResponse)
	}
	r := top.Chart.Result[0]
	var d chartData
	_ = json.Unmarshal(r.Meta, &d.meta) // a meta of another shape costs the zone only
	d.timestamps = r.Timestamp
	if len(d.timestamps) == 0 {
		return d, nil // a range without bars (a holiday, a weekend)
	}
	if r.Indicators == nil || len(r.Indicators.Quote) == 0 {
		return chartData{}, fmt.Errorf("%w: chart: %d timestamps and no prices", ErrBadResponse, len(d.timestamps))
	}
	d.close = r.Indicators.Quote[0].Close
	if len(r.Indicators.Adjclose) > 0 {
		d.adj = r.Indicators.Adjclose[0].Adjclose
	}
	n := len(d.timestamps)
	if len(d.close) != n || (d.adj != nil && len(d.adj) != n) {
		return chartData{}, fmt.Errorf("%w: chart: %w: %d timestamps, %d closes, %d adjusted closes",
			ErrBadResponse, errShortArrays, n, len(d.close), len(d.adj))
	}
	return d, nil
}
