package yahootest

import (
	"encoding/json"
	"math"
	"net/http"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// MaxQuoteSymbols is the most symbols the fake quotes in one request.
const MaxQuoteSymbols = 50

func (s *Server) quote(r *http.Request, now time.Time) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	q := r.URL.Query()
	crumb, ok := s.sessions[cookieValue(r, "A3")]
	if !ok || crumb == "" || q.Get("crumb") != crumb {
		return errorBody(EndpointQuote, 401)
	}
	syms := strings.Split(q.Get("symbols"), ",")
	if len(syms) > MaxQuoteSymbols {
		return jsonResponse(400, `{"finance":{"result":null,"error":{"code":"Bad Request","description":"too many symbols"}}}`)
	}
	result := []map[string]any{}
	for _, sym := range syms {
		if !market.ValidSymbol(sym) || s.unknown[sym] {
			continue
		}
		result = append(result, s.quoteOf(sym, now))
	}
	b, err := json.Marshal(map[string]any{"quoteResponse": map[string]any{"result": result, "error": nil}})
	if err != nil {
		return response{status: 500}
	}
	return response{status: 200, body: b, ctype: "application/json;charset=utf-8"}
}

// lastBar returns the latest date on or before now's that has a bar whose
// session has opened.
func lastBar(sym string, now time.Time) market.Date {
	d := market.DateFromTime(now.In(newYork)) + 1
	if IsCrypto(sym) {
		d = market.DateFromTime(now.UTC()) + 1
	}
	for i := 0; i < 15; i++ {
		if Trades(sym, d) && !BarTime(sym, d).After(now) {
			return d
		}
		d--
	}
	return d
}

func prevBar(sym string, d market.Date) market.Date {
	for d--; !Trades(sym, d); d-- {
	}
	return d
}

func (s *Server) stateOf(sym string, now time.Time) string {
	if IsCrypto(sym) {
		return "REGULAR"
	}
	if s.marketState != "" {
		return s.marketState
	}
	t := now.In(newYork)
	if !Trades(sym, market.DateFromTime(t)) {
		return "CLOSED"
	}
	switch m := t.Hour()*60 + t.Minute(); {
	case m < 4*60:
		return "CLOSED"
	case m < 9*60+30:
		return "PRE"
	case m < 16*60:
		return "REGULAR"
	case m < 20*60:
		return "POST"
	}
	return "CLOSED"
}

func (s *Server) quoteOf(sym string, now time.Time) map[string]any {
	d := lastBar(sym, now)
	price, prev := Close(sym, d), Close(sym, prevBar(sym, d))
	change := math.Round((price-prev)*1e4) / 1e4
	name, ok := s.names[sym]
	if !ok {
		name = sym + " Inc. (fake)"
	}
	state := s.stateOf(sym, now)
	t := BarTime(sym, d).Add(390 * time.Minute) // the close, 16:00 New York
	if state == "REGULAR" {
		t = now
	}
	m := map[string]any{
		"language": "en-US", "region": "US", "symbol": sym,
		"shortName": name, "longName": name, "marketState": state,
		"regularMarketPrice": price, "regularMarketPreviousClose": prev,
		"regularMarketChange": change, "regularMarketChangePercent": change / prev * 100,
		"regularMarketTime": t.Unix(), "regularMarketOpen": prev,
		"regularMarketDayHigh": math.Max(price, prev), "regularMarketDayLow": math.Min(price, prev),
		"regularMarketVolume": 12345678, "currency": "USD", "exchangeDataDelayedBy": 0,
		"priceHint": 2, "tradeable": false, "sourceInterval": 15,
	}
	if IsCrypto(sym) {
		m["quoteType"] = "CRYPTOCURRENCY"
		m["exchange"], m["fullExchangeName"] = "CCC", "CCC"
		m["exchangeTimezoneName"], m["exchangeTimezoneShortName"], m["gmtOffSetMilliseconds"] = "UTC", "UTC", 0
		m["fromCurrency"], m["toCurrency"] = strings.TrimSuffix(sym, "-USD"), "USD=X"
		m["circulatingSupply"] = 19_800_000
		m["marketCap"] = int64(price * 19_800_000)
		m["market"] = "ccc_market"
		return m
	}
	m["quoteType"] = "EQUITY"
	m["exchange"], m["fullExchangeName"] = "NMS", "NasdaqGS"
	m["exchangeTimezoneName"], m["exchangeTimezoneShortName"] = "America/New_York", "EST"
	m["gmtOffSetMilliseconds"] = -18000000
	m["market"] = "us_market"
	if n, ok := sharesOutstanding[sym]; ok {
		m["sharesOutstanding"] = n
		m["marketCap"] = int64(price * float64(n))
	}
	return m
}
