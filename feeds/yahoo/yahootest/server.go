// Package yahootest is a fake Yahoo Finance server speaking the real
// formats (v8 chart, v7 quote, getcrumb, the EU consent form) with
// deterministic data for any symbol and date range, and misbehaving on
// demand. Tests point the yahoo provider at it through its base URL
// (WHOOSH_YAHOO_BASE); a standalone command can serve it with
// http.Serve(listener, NewHandler()).
package yahootest

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Server is the fake. All methods are safe for concurrent use, also while
// requests are being served.
type Server struct {
	srv     *httptest.Server
	closing chan struct{}
	once    sync.Once

	mu             sync.Mutex
	pushed         map[Endpoint][]Fault
	always         map[Endpoint]Fault
	counts         map[Endpoint]int
	sessions       map[string]string // A3 cookie → crumb
	consents       map[string]bool   // consent session id → form shown
	nextID         int
	unknown        map[string]bool
	names          map[string]string
	marketState    string
	requireConsent bool
	now            func() time.Time
	lastQuery      map[Endpoint]string
}

// Cleanuper is the part of testing.TB that New needs.
type Cleanuper interface{ Cleanup(func()) }

// NewHandler returns a fake that is not listening yet; serve it with
// http.Serve. URL returns "" for it.
func NewHandler() *Server {
	return &Server{
		closing:   make(chan struct{}),
		pushed:    map[Endpoint][]Fault{},
		always:    map[Endpoint]Fault{},
		counts:    map[Endpoint]int{},
		sessions:  map[string]string{},
		consents:  map[string]bool{},
		unknown:   map[string]bool{},
		names:     map[string]string{},
		lastQuery: map[Endpoint]string{},
		now:       time.Now,
	}
}

// NewServer starts the fake on a loopback port. Close it when done.
func NewServer() *Server {
	s := NewHandler()
	s.srv = httptest.NewServer(s)
	return s
}

// New starts the fake and closes it when the test ends.
func New(t Cleanuper) *Server {
	s := NewServer()
	t.Cleanup(s.Close)
	return s
}

// URL is the base URL to give the provider (no trailing slash).
func (s *Server) URL() string {
	if s.srv == nil {
		return ""
	}
	return s.srv.URL
}

// Close releases slow responses and shuts the server down.
func (s *Server) Close() {
	s.once.Do(func() { close(s.closing) })
	if s.srv != nil {
		s.srv.Close()
	}
}

// Push queues faults for ep; each is used by one request, in order, after
// which the endpoint behaves again.
func (s *Server) Push(ep Endpoint, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pushed[ep] = append(s.pushed[ep], faults...)
}

// Always makes every request to ep misbehave with f until Clear.
func (s *Server) Always(ep Endpoint, f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always[ep] = f
}

// Clear removes all queued and permanent faults of every endpoint.
func (s *Server) Clear() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pushed = map[Endpoint][]Fault{}
	s.always = map[Endpoint]Fault{}
}

// ExpireCrumb forgets every session, as Yahoo does when a crumb expires:
// the next quote answers 401 "Invalid Crumb" until the client gets a new
// cookie and crumb.
func (s *Server) ExpireCrumb() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions = map[string]string{}
}

// SetUnknown marks symbols the fake does not know: chart answers 404 "No
// data found" and quote leaves them out of its result.
func (s *Server) SetUnknown(symbols ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sym := range symbols {
		s.unknown[sym] = true
	}
}

// SetName sets the name a quote reports for sym (untrusted text for tests
// of terminal-escape sanitising).
func (s *Server) SetName(sym, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.names[sym] = name
}

// SetMarketState fixes the marketState of every equity quote ("" computes
// it from the clock: PRE, REGULAR, POST or CLOSED in New York time).
func (s *Server) SetMarketState(state string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.marketState = state
}

// SetRequireConsent makes GET / redirect to the EU consent form until it
// has been accepted.
func (s *Server) SetRequireConsent(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requireConsent = on
}

// SetNow replaces the fake's clock (nil restores time.Now). Bars after now
// are not served; today's bar is the partial one.
func (s *Server) SetNow(now func() time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now == nil {
		now = time.Now
	}
	s.now = now
}

// Count returns how many requests reached ep.
func (s *Server) Count(ep Endpoint) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[ep]
}

// ResetCounts sets every counter to zero.
func (s *Server) ResetCounts() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.counts = map[Endpoint]int{}
}

// LastQuery returns the raw query string of ep's latest request.
func (s *Server) LastQuery(ep Endpoint) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastQuery[ep]
}

// ServeHTTP routes a request to the fake's endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	switch {
	case p == "/":
		s.serve(w, r, EndpointCookie, s.cookie)
	case p == "/consent":
		s.serve(w, r, EndpointConsent, s.consent)
	case p == "/v1/test/getcrumb":
		s.serve(w, r, EndpointCrumb, s.crumb)
	case p == "/v7/finance/quote":
		s.serve(w, r, EndpointQuote, s.quote)
	case p == "/v6/finance/quote":
		// Yahoo retired v6; keep it dead so the rewrite is tested.
		s.serve(w, r, EndpointQuote, func(*http.Request, time.Time) response {
			return jsonResponse(404, `{"finance":{"result":null,"error":{"code":"Not Found","description":"HTTP 404 Not Found"}}}`)
		})
	case strings.HasPrefix(p, "/v8/finance/chart/") && isIntraday(r):
		s.serve(w, r, EndpointIntraday, s.intradayChart)
	case strings.HasPrefix(p, "/v8/finance/chart/"):
		s.serve(w, r, EndpointChart, s.chart)
	default:
		http.NotFound(w, r)
	}
}
