package app

import (
	"maps"
	"strconv"
	"strings"
	"sync"
)

// RequestKey names a kind of provider request: the provider, its
// endpoint, and the HTTP status ("error" when there was no answer).
type RequestKey struct{ Provider, Endpoint, Status string }

// requests counts the session's provider requests, for metrics.
type requests struct {
	mu sync.Mutex
	n  map[RequestKey]uint64
}

// observer returns the counting hook for provider's client.
func (r *requests) observer(provider string) func(path string, status int) {
	return func(path string, status int) {
		k := RequestKey{Provider: provider, Endpoint: endpoint(path), Status: "error"}
		if status != 0 {
			k.Status = strconv.Itoa(status)
		}
		r.mu.Lock()
		defer r.mu.Unlock()
		if r.n == nil {
			r.n = map[RequestKey]uint64{}
		}
		r.n[k]++
	}
}

// endpoint is a request path without what varies per request (the symbol
// of a chart): "/v8/finance/chart", "/v7/finance/quote", "/graph/fredgraph.csv".
func endpoint(path string) string {
	if i := strings.Index(path, "/finance/chart/"); i >= 0 {
		return path[:i+len("/finance/chart")]
	}
	return path
}

// Requests returns how many provider requests this session made so far,
// by provider, endpoint and status.
func (s *Session) Requests() map[RequestKey]uint64 {
	s.requests.mu.Lock()
	defer s.requests.mu.Unlock()
	return maps.Clone(s.requests.n)
}
