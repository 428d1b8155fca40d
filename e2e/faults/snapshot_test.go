package faults

import (
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// fault is one row of the snapshot fault matrix.
type fault struct {
	name string
	// yahoo returns the Yahoo base URL for the failing run: the fake's own
	// (after arming it) or a dead address.
	yahoo func(t *testing.T, s *yahootest.Server) string
	// cold: exit code and stderr substrings of a run with an empty cache
	// and --source yahoo (no fallback hides the fault).
	coldCode int
	coldWarn []string
	// warm: stderr substrings of a --source auto run over a cache filled
	// by a good run and aged so history must be refetched. It always
	// exits 0 with the cached bars intact.
	warmWarn []string
	// extraEnv is added to the child's environment.
	extraEnv []string
}

func arm(f func(s *yahootest.Server)) func(*testing.T, *yahootest.Server) string {
	return func(_ *testing.T, s *yahootest.Server) string {
		f(s)
		return s.URL()
	}
}

func everywhere(s *yahootest.Server, f yahootest.Fault) {
	for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointCrumb, yahootest.EndpointQuote, yahootest.EndpointChart} {
		s.Always(ep, f)
	}
}

func TestSnapshotFaultMatrix(t *testing.T) {
	fred := fakeFRED(t)
	for _, f := range faultMatrix {
		t.Run(f.name, func(t *testing.T) {
			srv := yahootest.New(t)
			base := f.yahoo(t, srv)
			e := newEnv(t, base, fred.URL, smallConfig)
			e.extra = f.extraEnv
			r := e.snapshot(t, "--source", "yahoo")
			t.Logf("cold: code %d in %v\n%s", r.code, r.elapsed.Round(time.Millisecond), r.stderr)
		})
	}
}

var faultMatrix = []fault{
	{name: "connection refused", yahoo: func(t *testing.T, _ *yahootest.Server) string { return closedPort(t) }},
	{name: "dns failure", yahoo: func(*testing.T, *yahootest.Server) string { return "http://nonexistent..invalid" },
		extraEnv: []string{"GODEBUG=netdns=go"}},
	{name: "server hangs up", yahoo: arm(func(s *yahootest.Server) { everywhere(s, yahootest.Fault{Hangup: true}) })},
	{name: "401 crumb expiry once", yahoo: arm(func(s *yahootest.Server) { s.Push(yahootest.EndpointQuote, yahootest.Status(401)) })},
	{name: "403 consent page once", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Fault{ConsentPage: true})
		s.Push(yahootest.EndpointChart, yahootest.Fault{ConsentPage: true})
	})},
	{name: "consent page always", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{ConsentPage: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{ConsentPage: true})
	})},
	{name: "429 no Retry-After twice", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Times(2, yahootest.TooManyRequests(""))...)
	})},
	{name: "429 Retry-After 1 once", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.TooManyRequests("1"))
	})},
	{name: "429 Retry-After 120 always", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.TooManyRequests("120"))
		s.Always(yahootest.EndpointChart, yahootest.TooManyRequests("120"))
	})},
	{name: "500 502 503 burst then ok", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Status(500), yahootest.Status(502), yahootest.Status(503))
		s.Push(yahootest.EndpointChart, yahootest.Status(502), yahootest.Status(503))
	})},
	{name: "slow but within timeout", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Slow(1500*time.Millisecond))
	})},
	{name: "truncated JSON", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{Truncate: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{Truncate: true})
	})},
	{name: "wrong JSON shape", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{WrongShape: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{WrongShape: true})
	})},
	{name: "null prices", yahoo: arm(func(s *yahootest.Server) { s.Always(yahootest.EndpointChart, yahootest.Fault{Nulls: true}) })},
	{name: "empty results", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{EmptyResult: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{EmptyResult: true})
	})},
	{name: "50 MB body", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointChart, yahootest.Fault{HugeBody: 50 << 20})
		s.Always(yahootest.EndpointQuote, yahootest.Fault{HugeBody: 50 << 20})
	})},
}

var _ = strings.Contains
