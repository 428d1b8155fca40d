package yahootest

import (
	"encoding/json"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

type chartQuote struct {
	Open   []*float64 `json:"open,omitempty"`
	High   []*float64 `json:"high,omitempty"`
	Low    []*float64 `json:"low,omitempty"`
	Close  []*float64 `json:"close,omitempty"`
	Volume []*int64   `json:"volume,omitempty"`
}

type chartAdj struct {
	Adjclose []*float64 `json:"adjclose"`
}

func (s *Server) chart(r *http.Request, now time.Time) response { return s.chartWith(r, now, false) }

// chartRequest reads a chart request's symbol and period1..period2 as
// Yahoo does: an invalid or unknown symbol is a 404, a range that is not
// one a 400. fail is set when the request is refused.
func (s *Server) chartRequest(r *http.Request) (sym string, p1, p2 int64, fail *response) {
	sym, err := url.PathUnescape(strings.TrimPrefix(r.URL.EscapedPath(), "/v8/finance/chart/"))
	if err != nil || !market.ValidSymbol(sym) {
		resp := errorBody(EndpointChart, 404)
		return "", 0, 0, &resp
	}
	s.mu.Lock()
	unknown := s.unknown[sym]
	s.mu.Unlock()
	if unknown {
		resp := errorBody(EndpointChart, 404)
		return "", 0, 0, &resp
	}
	q := r.URL.Query()
	p1, err1 := strconv.ParseInt(q.Get("period1"), 10, 64)
	p2, err2 := strconv.ParseInt(q.Get("period2"), 10, 64)
	if err1 != nil || err2 != nil || p1 < 0 || p2 < p1 {
		resp := jsonResponse(400, `{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input - start date cannot be after end date. startDate = `+q.Get("period1")+`, endDate = `+q.Get("period2")+`"}}}`)
		return "", 0, 0, &resp
	}
	return sym, p1, p2, nil
}

func (s *Server) chartWith(r *http.Request, now time.Time, nulls bool) response {
	sym, p1, p2, fail := s.chartRequest(r)
	if fail != nil {
		return *fail
	}
	var ts []int64
	var cq chartQuote
	var adj chartAdj
	first := market.DateFromTime(time.Unix(p1, 0).UTC()) - 1
	last := market.DateFromTime(time.Unix(p2, 0).UTC()) + 1
	if last-first > 40*366 {
		first = last - 40*366
	}
	for d := first; d <= last; d++ {
		at := BarTime(sym, d)
		if !Trades(sym, d) || at.Unix() < p1 || at.Unix() > p2 || at.After(now) {
			continue
		}
		ts = append(ts, at.Unix())
		if nulls && len(ts)%3 == 2 {
			cq.Open, cq.High, cq.Low, cq.Close = append(cq.Open, nil), append(cq.High, nil), append(cq.Low, nil), append(cq.Close, nil)
			cq.Volume, adj.Adjclose = append(cq.Volume, nil), append(adj.Adjclose, nil)
			continue
		}
		c, a, o := Close(sym, d), AdjClose(sym, d), Close(sym, prevBar(sym, d))
		hi, lo := math.Max(c, o), math.Min(c, o)
		v := int64(1_000_000 + hash(sym, d.String())%9_000_000)
		cq.Open, cq.High, cq.Low, cq.Close = append(cq.Open, &o), append(cq.High, &hi), append(cq.Low, &lo), append(cq.Close, &c)
		cq.Volume, adj.Adjclose = append(cq.Volume, &v), append(adj.Adjclose, &a)
	}
	tz, tzShort, gmtoff, instrument, exch := "America/New_York", "EST", -18000, "EQUITY", "NMS"
	if IsCrypto(sym) {
		tz, tzShort, gmtoff, instrument, exch = "UTC", "UTC", 0, "CRYPTOCURRENCY", "CCC"
	}
	ld := lastBar(sym, now)
	meta := map[string]any{
		"currency": "USD", "symbol": sym, "exchangeName": exch, "fullExchangeName": exch,
		"instrumentType": instrument, "firstTradeDate": 345479400, "regularMarketTime": now.Unix(),
		"hasPrePostMarketData": !IsCrypto(sym), "gmtoffset": gmtoff, "timezone": tzShort,
		"exchangeTimezoneName": tz, "regularMarketPrice": Close(sym, ld),
		"chartPreviousClose": Close(sym, prevBar(sym, first+1)), "priceHint": 2,
		"dataGranularity": "1d", "range": "",
		"validRanges": []string{"1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"},
	}
	result := map[string]any{"meta": meta}
	if len(ts) > 0 {
		result["timestamp"] = ts
		result["indicators"] = map[string]any{"quote": []chartQuote{cq}, "adjclose": []chartAdj{adj}}
	} else {
		// Yahoo's empty range: no timestamp key, quote [{}], no adjclose.
		result["indicators"] = map[string]any{"quote": []chartQuote{{}}}
	}
	b, err := json.Marshal(map[string]any{"chart": map[string]any{"result": []any{result}, "error": nil}})
	if err != nil {
		return response{status: 500}
	}
	return response{status: 200, body: b, ctype: "application/json;charset=utf-8"}
}
