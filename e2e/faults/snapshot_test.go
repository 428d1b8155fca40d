package faults

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// fault is one row of the snapshot fault matrix.
type fault struct {
	name string
	// yahoo returns the Yahoo base URL for the failing run: the fake's own
	// (after arming it) or a dead address.
	yahoo func(t *testing.T, s *yahootest.Server) string
	// coldCode is the exit code of a cold --source yahoo run (a warm run
	// always exits 0: the cache answers).
	coldCode int
	// warn must appear on stderr of both runs; "" means no warning at all
	// (the fault was absorbed by a retry or a session refresh).
	warn string
	// extraEnv is added to the child's environment.
	extraEnv []string
	// warmBound, when set, fails a warm run that takes longer (a generous
	// failure guard over the documented bound; the time is logged).
	warmBound time.Duration
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

// TestSnapshotFaultMatrix runs every fault twice against the built
// binary: cold (empty cache, --source yahoo, so nothing hides the fault)
// and warm (a cache filled by a good run and aged three days, --source
// auto), checking exit code, the stderr warning, that neither stream holds
// a crash or an escape byte, and that the cache still parses and lost
// nothing. Rows run concurrently (most of their time is retry backoff).
func TestSnapshotFaultMatrix(t *testing.T) {
	fred := fakeFRED(t)
	template := warmTemplate(t, fred.URL)
	sem := make(chan struct{}, 6)
	var wg sync.WaitGroup
	for _, f := range append(faultMatrix[:len(faultMatrix):len(faultMatrix)], stallRows...) {
		for _, warm := range []bool{false, true} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				name := f.name + "/cold"
				if warm {
					name = f.name + "/warm"
				}
				t.Run(name, func(t *testing.T) { runFault(t, f, warm, fred.URL, template) })
			}()
		}
	}
	wg.Wait()
}

func runFault(t *testing.T, f fault, warm bool, fred, template string) {
	srv := yahootest.New(t)
	e := newEnv(t, f.yahoo(t, srv), fred, smallConfig)
	e.extra = f.extraEnv
	source, wantCode, wantWarn := "yahoo", f.coldCode, f.warn
	var before cacheSnapshot
	if warm {
		copyDir(t, template, e.cache)
		ageCache(t, e.cache, 72*time.Hour)
		before = readCache(t, e.cache)
		source, wantCode = "auto", 0
	}
	r := e.snapshot(t, "--source", source, "--format", "json")
	checkClean(t, r)
	if r.code != wantCode {
		t.Errorf("exit code %d, want %d\nstderr:\n%s", r.code, wantCode, r.stderr)
	}
	ws := warnings(r.stderr)
	if wantWarn == "" && len(ws) > 0 {
		t.Errorf("want no warnings, got:\n%s", r.stderr)
	}
	if wantWarn != "" && !strings.Contains(r.stderr, wantWarn) {
		t.Errorf("stderr lacks %q:\n%s", wantWarn, r.stderr)
	}
	if wantCode == 0 && !strings.Contains(r.stdout, `"schema_version"`) {
		t.Errorf("exit 0 without a JSON document on stdout:\n%.300s", r.stdout)
	}
	if warm {
		checkNoLoss(t, before, readCache(t, e.cache))
		if wantWarn != "" && !strings.Contains(r.stdout, `"CACHED`) {
			t.Errorf("warm run over a failing Yahoo is not labelled CACHED:\n%.400s", r.stdout)
		}
		if f.warmBound > 0 && r.elapsed > f.warmBound {
			t.Errorf("warm run took %v, far over the outage bound (guard %v)", r.elapsed, f.warmBound)
		}
	} else if wantCode == 0 {
		after := readCache(t, e.cache)
		// The config's symbols and those the thesis scorecard adds.
		if want := len(app.FetchSymbols(smallSpec())); len(after.bars) != want {
			t.Errorf("cold run that recovered cached %d symbols, want %d", len(after.bars), want)
		}
	}
	t.Logf("exit %d in %v, %d warning lines", r.code, r.elapsed.Round(10*time.Millisecond), len(ws))
	if warm && f.warmBound > 0 {
		t.Logf("warm over a stalled Yahoo: %v (RELIABILITY.md: one 10 s attempt timeout per host, ≤ 20 s)\nstderr:\n%s",
			r.elapsed.Round(10*time.Millisecond), r.stderr)
	} else if f.warmBound > 0 {
		t.Logf("stderr:\n%s", r.stderr)
	}
}

var faultMatrix = []fault{
	{name: "connection refused", yahoo: func(t *testing.T, _ *yahootest.Server) string { return closedPort(t) },
		coldCode: 1, warn: "connection refused"},
	{name: "dns failure", yahoo: func(*testing.T, *yahootest.Server) string { return "http://nonexistent..invalid" },
		coldCode: 1, warn: "no such host", extraEnv: []string{"GODEBUG=netdns=go"}},
	{name: "server hangs up", yahoo: arm(func(s *yahootest.Server) { everywhere(s, yahootest.Fault{Hangup: true}) }),
		coldCode: 1, warn: "EOF"},
	{name: "401 crumb expiry once", yahoo: arm(func(s *yahootest.Server) { s.Push(yahootest.EndpointQuote, yahootest.Status(401)) })},
	{name: "403 consent page once", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Fault{ConsentPage: true})
		s.Push(yahootest.EndpointChart, yahootest.Fault{ConsentPage: true})
	})},
	{name: "consent page always", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{ConsentPage: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{ConsentPage: true})
	}), coldCode: 1, warn: "HTML page (consent or login wall?)"},
	{name: "429 no Retry-After twice", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Times(2, yahootest.TooManyRequests(""))...)
	})},
	{name: "429 Retry-After 1 once", yahoo: arm(func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.TooManyRequests("1"))
	})},
	{name: "429 Retry-After 120 always", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.TooManyRequests("120"))
		s.Always(yahootest.EndpointChart, yahootest.TooManyRequests("120"))
	}), coldCode: 1, warn: "rate limited, retry in 2m"},
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
	}), coldCode: 1, warn: "unexpected end of JSON input"},
	{name: "wrong JSON shape", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{WrongShape: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{WrongShape: true})
	}), coldCode: 1, warn: `JSON without "chart"`},
	{name: "null prices", yahoo: arm(func(s *yahootest.Server) { s.Always(yahootest.EndpointChart, yahootest.Fault{Nulls: true}) })},
	{name: "empty results", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointQuote, yahootest.Fault{EmptyResult: true})
		s.Always(yahootest.EndpointChart, yahootest.Fault{EmptyResult: true})
	}), coldCode: 1, warn: "unexpected response from Yahoo"},
	{name: "50 MB body", yahoo: arm(func(s *yahootest.Server) {
		s.Always(yahootest.EndpointChart, yahootest.Fault{HugeBody: 50 << 20})
		s.Always(yahootest.EndpointQuote, yahootest.Fault{HugeBody: 50 << 20})
	}), coldCode: 1, warn: "larger than 8388608 bytes"},
}
