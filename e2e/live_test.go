package e2e

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/ui/snapshot"
)

// fakeFRED serves FRED's graph CSV for the three default series: monthly
// observations from 2020-01 to the current month, UNRATE rising 0.05 pt a
// month (so its 12-month change is +0.6 pt), with one "." (missing) value.
type fakeFRED struct {
	srv *httptest.Server

	mu     sync.Mutex
	count  int
	status int // non-zero: answer every request with this status
}

func newFakeFRED(t *testing.T) *fakeFRED {
	t.Helper()
	f := &fakeFRED{}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeFRED) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.count++
	status := f.status
	f.mu.Unlock()
	if status != 0 {
		http.Error(w, "unavailable", status)
		return
	}
	id := r.URL.Query().Get("id")
	if r.URL.Path != "/graph/fredgraph.csv" {
		http.NotFound(w, r)
		return
	}
	base := map[string]float64{"UNRATE": 3.5, "FEDFUNDS": 5.33, "CES7072200001": 12000}[id]
	if base == 0 {
		http.Error(w, "no such series", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	fmt.Fprintf(w, "observation_date,%s\n", id)
	now := time.Now()
	for i, m := 0, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC); !m.After(now); i, m = i+1, m.AddDate(0, 1, 0) {
		if i == 7 {
			fmt.Fprintf(w, "%s,.\n", m.Format("2006-01-02"))
			continue
		}
		fmt.Fprintf(w, "%s,%.2f\n", m.Format("2006-01-02"), base+0.05*float64(i)*base/3.5)
	}
}

func (f *fakeFRED) requests() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.count
}

func (f *fakeFRED) fail(status int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.status = status
}

// liveEnv is an environment whose Yahoo and FRED are fakes.
func liveEnv(t *testing.T) (*env, *yahootest.Server, *fakeFRED) {
	t.Helper()
	e := newEnv(t)
	y := yahootest.New(t)
	f := newFakeFRED(t)
	e.set("WHOOSH_YAHOO_BASE", y.URL())
	e.set("WHOOSH_FRED_BASE", f.srv.URL)
	return e, y, f
}

// allSymbols checks that the document covers every default symbol.
func allSymbols(t *testing.T, doc snapshot.Document) map[string]snapshot.SymbolInfo {
	t.Helper()
	got := map[string]snapshot.SymbolInfo{}
	for _, s := range doc.Symbols {
		got[s.Symbol] = s
	}
	for _, sym := range demo.DefaultSymbols() {
		if _, ok := got[sym]; !ok {
			t.Errorf("symbol %s missing from the snapshot", sym)
		}
	}
	return got
}

// TestYahooLiveAndWarmCache is issue 4's first done-when check and its
// warm-cache one: a yahoo snapshot against the fake is LIVE for every
// default symbol; a second run makes zero chart requests (quotes only) and
// FRED is not asked again on the same day. Issue 8: the macro block is
// there and the labor leg is present.
func TestYahooLiveAndWarmCache(t *testing.T) {
	t.Parallel()
	e, y, f := liveEnv(t)
	args := []string{"snapshot", "--source", "yahoo", "--format", "json"}
	r := e.mustRun(0, args...)
	if r.stderr != "" {
		t.Errorf("stderr: %q", r.stderr)
	}
	doc := decodeDoc(t, r.stdout)
	if !current(doc.Source.Badge) {
		t.Errorf("badge %q, want LIVE, DELAYED or CLOSED", doc.Source.Badge)
	}
	for sym, s := range allSymbols(t, doc) {
		if !current(s.Source) || s.Provider != "yahoo" || s.Error != nil {
			t.Errorf("%s: source %q provider %q error %v, want yahoo data, current", sym, s.Source, s.Provider, s.Error)
		}
	}
	if doc.Macro == nil || len(doc.Macro.Series) != 3 {
		t.Fatalf("no macro block with three series: %+v", doc.Macro)
	}
	checkWhoosh(t, doc, true)
	if y.Count(yahootest.EndpointChart) == 0 || y.Count(yahootest.EndpointQuote) == 0 || f.requests() != 3 {
		t.Errorf("first run: %d chart, %d quote, %d FRED requests", y.Count(yahootest.EndpointChart), y.Count(yahootest.EndpointQuote), f.requests())
	}

	y.ResetCounts()
	fredBefore := f.requests()
	r2 := e.mustRun(0, args...)
	if n := y.Count(yahootest.EndpointChart); n != 0 {
		t.Errorf("warm cache: %d chart requests, want 0", n)
	}
	// One request carries every default symbol (≤ 50 per request).
	if n := y.Count(yahootest.EndpointQuote); n != 1 {
		t.Errorf("warm cache: %d quote requests, want 1", n)
	}
	if n := f.requests() - fredBefore; n != 0 {
		t.Errorf("warm cache: %d FRED requests on the same day, want 0", n)
	}
	doc2 := decodeDoc(t, r2.stdout)
	for sym, s := range allSymbols(t, doc2) {
		if !current(s.Source) {
			t.Errorf("warm run: %s labelled %q, want current Yahoo data (fetched this session)", sym, s.Source)
		}
	}
}

// current reports whether a badge is one of current Yahoo data. Which one
// depends on the wall clock: LIVE or DELAYED while the session is open
// (crypto always), CLOSED otherwise — never STALE, CACHED or DEMO.
func current(badge string) bool {
	return badge == "LIVE" || badge == "DELAYED" || badge == "CLOSED"
}

// TestAutoFallsBackToCache: with Yahoo answering 500 forever after a good
// run, --source auto prints the cached numbers labelled CACHED with their
// age, and says so on stderr, one line per problem.
func TestAutoFallsBackToCache(t *testing.T) {
	t.Parallel() // mostly waiting out the client's retry backoff
	e, y, f := liveEnv(t)
	e.mustRun(0, "snapshot", "--source", "yahoo", "--format", "json")
	ageCache(t, e.cache, 3*time.Hour) // a previous session's cache
	for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointCrumb, yahootest.EndpointQuote, yahootest.EndpointChart} {
		y.Always(ep, yahootest.Status(500))
	}
	f.fail(500)
	r := e.mustRun(0, "snapshot", "--source", "auto", "--format", "json")
	assertNoCrash(t, r)
	doc := decodeDoc(t, r.stdout)
	if doc.Source.Badge != "CACHED" {
		t.Errorf("source %+v, want CACHED", doc.Source)
	}
	for sym, s := range allSymbols(t, doc) {
		if s.Source != "CACHED" {
			t.Errorf("%s labelled %q, want CACHED", sym, s.Source)
		}
		// Ages are data ages: from the cached observation, not the fetch.
		if s.Observed == nil || float64(s.AgeSeconds) <= 0 {
			t.Errorf("%s observed %v age %v s, want a dated observation in the past", sym, s.Observed, s.AgeSeconds)
		}
	}
	checkWarnings(t, r, doc, "500")
	// The cache keeps the last good quotes for exactly this case; the gap
	// panel should use them (labelled CACHED) rather than go blank.
	text := e.mustRun(0, "snapshot", "--source", "auto")
	if head := strings.SplitN(text.stdout, "\n", 2)[0]; !strings.Contains(head, "[CACHED]") || !strings.Contains(head, " ago)") {
		t.Errorf("text header does not say CACHED with the data's age: %q", head)
	}
	// One truth per number (issue 14): the symbol's row and the gap show
	// the same TSLA cap.
	for _, sym := range doc.Symbols {
		if sym.Symbol == "TSLA" && float64(sym.MarketCap) != float64(doc.Gap.Tesla.MarketCap) {
			t.Errorf("TSLA market_cap %v in symbols, %v in the gap", sym.MarketCap, doc.Gap.Tesla.MarketCap)
		}
	}
	if math.IsNaN(float64(doc.Gap.Tesla.MarketCap)) {
		// ui.Compute drops every quote with an Err, and cache.Wrap sets
		// Err on the cached quote it substitutes.
		t.Errorf("gap: TSLA market cap is null although its last quote is cached")
	}
}

// TestAutoFallsBackToDemo: Yahoo failing and nothing cached → the demo,
// labelled as such, with a warning.
func TestAutoFallsBackToDemo(t *testing.T) {
	t.Parallel() // mostly waiting out the client's retry backoff
	e, y, f := liveEnv(t)
	for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointCrumb, yahootest.EndpointQuote, yahootest.EndpointChart} {
		y.Always(ep, yahootest.Status(500))
	}
	r := e.mustRun(0, "snapshot", "--source", "auto", "--format", "json")
	assertNoCrash(t, r)
	if n := f.requests(); n != 0 {
		t.Errorf("%d FRED requests: the demo fallback must use the demo's macro series", n)
	}
	doc := decodeDoc(t, r.stdout)
	if doc.Source.Badge != "DEMO (simulated)" {
		t.Errorf("badge %q, want DEMO (simulated)", doc.Source.Badge)
	}
	for sym, s := range allSymbols(t, doc) {
		if s.Source != "DEMO" {
			t.Errorf("%s labelled %q, want DEMO", sym, s.Source)
		}
	}
	// Simulated prices never sit beside real macro data: the macro block
	// is the demo's.
	checkWhoosh(t, doc, true)
	checkWarnings(t, r, doc, "demo")
}

// TestYahooStrictFailsLoudly: --source yahoo with Yahoo down never passes
// cached numbers off as live: every symbol carries an error, nothing is
// labelled LIVE, and the run fails (exit 1, no usable data).
func TestYahooStrictFailsLoudly(t *testing.T) {
	t.Parallel() // mostly waiting out the client's retry backoff
	e, y, _ := liveEnv(t)
	e.mustRun(0, "snapshot", "--source", "yahoo", "--format", "json")
	ageCache(t, e.cache, 3*time.Hour)
	for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointCrumb, yahootest.EndpointQuote, yahootest.EndpointChart} {
		y.Always(ep, yahootest.Status(500))
	}
	r := e.run("snapshot", "--source", "yahoo", "--format", "json")
	assertNoCrash(t, r)
	if r.code != 1 {
		t.Errorf("exit %d, want 1 (no usable data)\n%s", r.code, r)
	}
	if strings.Contains(r.stdout, `"LIVE"`) || strings.Contains(r.stdout, `"CACHED"`) {
		t.Errorf("stdout has labelled data:\n%.500s", r.stdout)
	}
	if !strings.Contains(r.stderr, "500") {
		t.Errorf("stderr does not give the cause:\n%s", r.stderr)
	}
}

// checkWarnings: at least one warning, each one line on stderr prefixed
// "whoosh: warning:", the same list in the JSON, one of them mentioning
// want.
func checkWarnings(t *testing.T, r result, doc snapshot.Document, want string) {
	t.Helper()
	if len(doc.Warnings) == 0 {
		t.Fatalf("no warnings in the JSON; stderr:\n%s", r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n")
	if len(lines) != len(doc.Warnings) {
		t.Errorf("%d stderr lines, %d JSON warnings:\n%s", len(lines), len(doc.Warnings), r.stderr)
	}
	found := false
	for i, l := range lines {
		if !strings.HasPrefix(l, "whoosh: warning: ") {
			t.Errorf("stderr line %d is not a warning: %q", i+1, l)
		}
		found = found || strings.Contains(l, want)
	}
	if !found {
		t.Errorf("no warning mentions %q:\n%s", want, r.stderr)
	}
}
