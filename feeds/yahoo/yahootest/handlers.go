package yahootest

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// response is what a handler wants to send, before faults.
type response struct {
	status int
	body   []byte
	ctype  string
	header http.Header
	huge   int64
}

func jsonResponse(status int, body string) response {
	return response{status: status, body: []byte(body), ctype: "application/json;charset=utf-8"}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request, ep Endpoint, h func(*http.Request, time.Time) response) {
	s.mu.Lock()
	s.counts[ep]++
	s.lastQuery[ep] = r.URL.RawQuery
	f, faulty := s.always[ep]
	if q := s.pushed[ep]; len(q) > 0 {
		f, faulty, s.pushed[ep] = q[0], true, q[1:]
	}
	now := s.now()
	s.mu.Unlock()

	if faulty && f.Delay > 0 {
		t := time.NewTimer(f.Delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.closing:
			t.Stop()
			return
		}
	}
	if faulty && f.Hangup {
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler) // closes the connection without a response
	}
	var resp response
	if faulty && f.Nulls && ep == EndpointChart {
		resp = s.chartWith(r, now, true)
	} else {
		resp = h(r, now)
	}
	if faulty {
		resp = applyFault(ep, f, resp)
	}
	write(w, resp)
}

func write(w http.ResponseWriter, resp response) {
	for k, v := range resp.header {
		w.Header()[k] = v
	}
	if resp.ctype != "" {
		w.Header().Set("Content-Type", resp.ctype)
	}
	if resp.huge > 0 {
		w.Header().Set("Content-Type", "application/json;charset=utf-8")
		w.WriteHeader(resp.status)
		writeHuge(w, resp.huge)
		return
	}
	if resp.status == 0 {
		resp.status = http.StatusOK
	}
	w.WriteHeader(resp.status)
	w.Write(resp.body)
}

// writeHuge streams n bytes that start like a chart response and never end
// in time for a capped reader; it stops when the client goes away.
func writeHuge(w io.Writer, n int64) {
	prefix := `{"chart":{"result":[{"meta":{"pad":"`
	if _, err := io.WriteString(w, prefix); err != nil {
		return
	}
	chunk := []byte(strings.Repeat("x", 32<<10))
	for left := n - int64(len(prefix)); left > 0; left -= int64(len(chunk)) {
		c := chunk
		if left < int64(len(c)) {
			c = c[:left]
		}
		if _, err := w.Write(c); err != nil {
			return
		}
	}
}

func applyFault(ep Endpoint, f Fault, resp response) response {
	if resp.header == nil {
		resp.header = http.Header{}
	}
	if f.RetryAfter != "" {
		resp.header.Set("Retry-After", f.RetryAfter)
	}
	switch {
	case f.ConsentPage:
		return response{status: 200, body: []byte(consentHTML("fault", "fault")), ctype: "text/html; charset=utf-8", header: resp.header}
	case f.HugeBody > 0:
		resp.huge, resp.status = f.HugeBody, http.StatusOK
		return resp
	case f.Status != 0:
		resp.status = f.Status
		if f.Body == "" {
			e := errorBody(ep, f.Status)
			resp.body, resp.ctype = e.body, e.ctype
		}
	case f.EmptyResult:
		if ep == EndpointQuote {
			resp.body = []byte(`{"quoteResponse":{"result":[],"error":null}}`)
		} else {
			resp.body = []byte(`{"chart":{"result":[],"error":null}}`)
		}
	case f.WrongShape:
		resp.body = []byte(`{"result":{"items":[1,2,3]},"status":"ok"}`)
	case f.Malformed:
		if ep == EndpointQuote {
			resp.body = []byte(`{"quoteResponse":{"result":[{"symbol":"AAPL","regularMarketPrice":24`)
		} else {
			resp.body = []byte(`{"chart":{"result":[{"meta":{"currency":"USD"},"timestamp":[1,2,`)
		}
	}
	if f.Body != "" {
		resp.body = []byte(f.Body)
		resp.ctype = f.ContentType
		if resp.ctype == "" {
			resp.ctype = "application/json;charset=utf-8"
		}
	}
	if f.IntsAsFloats {
		resp.body = intValue.ReplaceAll(resp.body, []byte(`$1$2.0$3`))
	}
	if f.NumbersAsStrings {
		resp.body = numValue.ReplaceAll(resp.body, []byte(`$1"$2"$3`))
	}
	if f.Truncate {
		resp.body = resp.body[:len(resp.body)/2]
	}
	return resp
}

// intValue and numValue match an object member's integer or number value.
var (
	intValue = regexp.MustCompile(`(":)(-?[0-9]+)([,}])`)
	numValue = regexp.MustCompile(`(":)(-?[0-9][0-9.eE+-]*)([,}])`)
)

// errorBody is what Yahoo sends with an error status on ep.
func errorBody(ep Endpoint, status int) response {
	switch {
	case status == 401:
		return jsonResponse(status, `{"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}`)
	case status == 403:
		return jsonResponse(status, `{"finance":{"result":null,"error":{"code":"Forbidden","description":"Invalid Cookie"}}}`)
	case status == 404 && ep == EndpointChart:
		return jsonResponse(status, `{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}`)
	case status == 400 && ep == EndpointChart:
		return jsonResponse(status, `{"chart":{"result":null,"error":{"code":"Bad Request","description":"Data doesn't exist for startDate = 1577836800, endDate = 1578009600"}}}`)
	case status == 429:
		return response{status: status, body: []byte("Too Many Requests\r\n"), ctype: "text/plain"}
	default:
		return response{status: status, body: []byte(http.StatusText(status)), ctype: "text/html"}
	}
}

func cookieValue(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

func (s *Server) newIDLocked() string {
	s.nextID++
	return strconv.Itoa(s.nextID)
}

func (s *Server) cookie(r *http.Request, _ time.Time) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := http.Header{}
	if s.requireConsent && cookieValue(r, "EuConsent") == "" {
		id := s.newIDLocked()
		s.consents[id] = true
		h.Set("Location", "/consent?sessionId="+id)
		return response{status: http.StatusFound, header: h}
	}
	sess := "sess" + s.newIDLocked()
	s.sessions[sess] = ""
	h.Add("Set-Cookie", (&http.Cookie{Name: "A3", Value: sess, Path: "/", HttpOnly: true}).String())
	return response{status: 200, body: []byte("<html><body>Yahoo Finance (fake)</body></html>"), ctype: "text/html; charset=utf-8", header: h}
}

func consentHTML(csrf, session string) string {
	return `<!DOCTYPE html><html><head><title>Yahoo is part of the Yahoo family of brands</title></head><body>
<div class="con-wizard"><form method="post" class="consent-form" action="">
<input type="hidden" name="csrfToken" value="` + csrf + `">
<input type="hidden" name="sessionId" value="` + session + `">
<input type="hidden" name="originalDoneUrl" value="/?guccounter&#x3D;1">
<input type="hidden" name="namespace" value="yahoo">
<button type="submit" class="btn secondary accept-all " name="agree" value="agree">Accept all</button>
<button type="submit" class="btn secondary reject-all" name="reject" value="reject">Reject all</button>
</form></div></body></html>`
}

func (s *Server) consent(r *http.Request, _ time.Time) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.URL.Query().Get("sessionId")
	if r.Method == http.MethodGet {
		if !s.consents[id] {
			return response{status: 400, body: []byte("unknown consent session")}
		}
		return response{status: 200, body: []byte(consentHTML("tok-"+id, id)), ctype: "text/html; charset=utf-8"}
	}
	if err := r.ParseForm(); err != nil {
		return response{status: 400, body: []byte("bad form")}
	}
	id = r.PostForm.Get("sessionId")
	if !s.consents[id] || r.PostForm.Get("csrfToken") != "tok-"+id || r.PostForm.Get("agree") != "agree" ||
		r.PostForm.Get("namespace") != "yahoo" {
		return response{status: 400, body: []byte("consent not given")}
	}
	delete(s.consents, id)
	h := http.Header{}
	h.Add("Set-Cookie", (&http.Cookie{Name: "EuConsent", Value: "ok" + id, Path: "/"}).String())
	h.Set("Location", r.PostForm.Get("originalDoneUrl"))
	return response{status: http.StatusFound, header: h}
}

func (s *Server) crumb(r *http.Request, _ time.Time) response {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess := cookieValue(r, "A3")
	if _, ok := s.sessions[sess]; !ok {
		return errorBody(EndpointCrumb, 401)
	}
	// Real crumbs are 11 characters and may hold '/' or '.', so the client
	// must escape them.
	c := fmt.Sprintf("Cr/%08d", s.nextID)
	s.nextID++
	s.sessions[sess] = c
	return response{status: 200, body: []byte(c), ctype: "text/plain;charset=utf-8"}
}

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
