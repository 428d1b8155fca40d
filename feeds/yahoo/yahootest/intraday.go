package yahootest

import (
	"encoding/json"
	"math"
	"net/http"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// EndpointIntraday counts chart requests for intraday bars (any interval
// but 1d), apart from EndpointChart's daily ones.
const EndpointIntraday Endpoint = "intraday"

// intradayStep is the fake's only intraday interval.
const intradayStep = 5 * time.Minute

// isIntraday reports whether a chart request asks for intraday bars.
func isIntraday(r *http.Request) bool {
	iv := r.URL.Query().Get("interval")
	return iv != "" && iv != "1d"
}

// IntradayClose is the fake's close of sym's 5-minute bar starting at t:
// a path in log price from the previous daily close to the close of t's
// New York date, with a deterministic wiggle that vanishes at both ends,
// so the 15:55 bar closes exactly at Close(sym, date). Crypto follows the
// same rule over each New York date.
func IntradayClose(sym string, t time.Time) float64 {
	ny := t.In(newYork)
	d := market.DateFromTime(ny)
	c1, c0 := Close(sym, d), Close(sym, prevBar(sym, d))
	open := time.Date(ny.Year(), ny.Month(), ny.Day(), 9, 30, 0, 0, newYork)
	f := (float64(t.Sub(open)/intradayStep) + 1) / 78
	f = math.Max(0, math.Min(1, f))
	wiggle := 0.004 * math.Sin(math.Pi*f) * math.Sin(float64(hash(sym)%7+3)*math.Pi*f)
	v := math.Exp(math.Log(c0) + f*math.Log(c1/c0) + wiggle)
	if f == 1 {
		v = c1
	}
	return math.Round(v*1e4) / 1e4
}

// intradayChart answers an intraday chart request: 5-minute bars in
// [period1, period2) up to the fake's now, regular hours only for equities
// (09:30–16:00 New York, weekdays), every slot for crypto, with
// meta.tradingPeriods as an array of arrays, like Yahoo's.
func (s *Server) intradayChart(r *http.Request, now time.Time) response {
	sym, p1, p2, fail := s.chartRequest(r)
	switch {
	case fail != nil:
		return *fail
	case p2-p1 > 8*86400:
		return jsonResponse(400, `{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input"}}}`)
	}
	var ts []int64
	var closes []*float64
	var periods [][]map[string]any
	start := time.Unix(p1, 0).Truncate(intradayStep)
	for t := start; t.Unix() < p2 && !t.After(now); t = t.Add(intradayStep) {
		ny := t.In(newYork)
		d := market.DateFromTime(ny)
		open := time.Date(ny.Year(), ny.Month(), ny.Day(), 9, 30, 0, 0, newYork)
		if !IsCrypto(sym) && (!Trades(sym, d) || t.Before(open) || !t.Before(open.Add(390*time.Minute))) {
			continue
		}
		if t.Unix() < p1 {
			continue
		}
		c := IntradayClose(sym, t)
		ts, closes = append(ts, t.Unix()), append(closes, &c)
	}
	for d := market.DateFromTime(time.Unix(p1, 0).In(newYork)); d <= market.DateFromTime(time.Unix(p2, 0).In(newYork)); d++ {
		if Trades("SPY", d) {
			y, m, day := d.Time().Date()
			o := time.Date(y, m, day, 9, 30, 0, 0, newYork)
			periods = append(periods, []map[string]any{{"timezone": "EDT", "start": o.Unix(), "end": o.Add(390 * time.Minute).Unix(), "gmtoffset": -14400}})
		}
	}
	tz, instrument := "America/New_York", "EQUITY"
	if IsCrypto(sym) {
		tz, instrument = "UTC", "CRYPTOCURRENCY"
	}
	meta := map[string]any{
		"currency": "USD", "symbol": sym, "instrumentType": instrument, "exchangeTimezoneName": tz,
		"regularMarketTime": now.Unix(), "dataGranularity": r.URL.Query().Get("interval"), "tradingPeriods": periods,
	}
	result := map[string]any{"meta": meta}
	if len(ts) > 0 {
		result["timestamp"] = ts
		result["indicators"] = map[string]any{"quote": []chartQuote{{Open: closes, High: closes, Low: closes, Close: closes}}}
	} else {
		result["indicators"] = map[string]any{"quote": []chartQuote{{}}}
	}
	b, err := json.Marshal(map[string]any{"chart": map[string]any{"result": []any{result}, "error": nil}})
	if err != nil {
		return response{status: 500}
	}
	return response{status: 200, body: b, ctype: "application/json;charset=utf-8"}
}
