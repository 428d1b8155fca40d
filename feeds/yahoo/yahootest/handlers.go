package yahootest

import (
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
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
