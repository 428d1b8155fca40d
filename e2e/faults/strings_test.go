package faults

import (
	"regexp"
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// hostileName is a provider name carrying an OSC 52 clipboard write (a
// terminal that obeys it puts "Hello" on the user's clipboard) and a
// clear-screen.
const hostileName = "\x1b]52;c;SGVsbG8=\x07Tesla\x1b[2J, Inc."

func TestEscapeSequencesInProviderName(t *testing.T) {
	fred := fakeFRED(t)
	for _, format := range []string{"text", "markdown", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			srv := yahootest.New(t)
			for _, sym := range smallSymbols {
				srv.SetName(sym, hostileName)
			}
			e := newEnv(t, srv.URL(), fred.URL, smallConfig)
			r := e.snapshot(t, "--source", "yahoo", "--format", format)
			if r.code != 0 {
				t.Fatalf("exit %d:\n%s", r.code, r.stderr)
			}
			checkClean(t, r)
			for _, residue := range []string{"52;c;", "SGVsbG8", "[2J", `\u001b`, `\u0007`} {
				if strings.Contains(r.stdout, residue) {
					t.Errorf("stdout keeps %q of the escape sequence", residue)
				}
			}
		})
	}
}

// watchConfig is smallConfig plus a watchlist holding a symbol the fake
// does not know.
const watchConfig = smallConfig + `watchlists:
  - {name: Odd, symbols: [TSLA, ZZZZ]}
`

func TestUnknownSymbolAmongValid(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	srv.SetUnknown("ZZZZ")
	e := newEnv(t, srv.URL(), fred.URL, watchConfig)
	r := e.snapshot(t, "--source", "yahoo", "--format", "json")
	checkClean(t, r)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0 (one unknown symbol is a warning):\n%s", r.code, r.stderr)
	}
	ws := warnings(r.stderr)
	if len(ws) == 0 {
		t.Fatalf("no warning about ZZZZ:\n%s", r.stderr)
	}
	for _, w := range ws {
		if !strings.Contains(w, "ZZZZ") {
			t.Errorf("warning about something else than ZZZZ: %q", w)
		}
	}
	if !strings.Contains(r.stdout, `"TSLA"`) {
		t.Errorf("the valid symbols are missing from the output")
	}
}

// symbolPrefix matches the "SYM: " that starts a per-symbol warning.
var symbolPrefix = regexp.MustCompile(`^([A-Z0-9.^=-]+): (.*)$`)

// TestWarningsNameTheirOwnSymbol fails while a whole-call error is pinned
// on every symbol: when every chart request fails, the yahoo provider
// returns per-symbol errors plus the first of them as the call's error,
// and cache.Wrap's History then replaces each symbol's own error with that
// call error, so stderr reads "BTC-USD: TSLA: … /v8/finance/chart/TSLA".
// cache.Wrap's Quotes does the same with a failed quote request (the
// dashboard's status line then reads "BTC-USD (TSLA: …)").
func TestWarningsNameTheirOwnSymbol(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	srv.Always(yahootest.EndpointChart, yahootest.Fault{Truncate: true})
	e := newEnv(t, srv.URL(), fred.URL, smallConfig)
	r := e.snapshot(t, "--source", "yahoo")
	checkClean(t, r)
	for _, w := range warnings(r.stderr) {
		m := symbolPrefix.FindStringSubmatch(w)
		if m == nil {
			continue
		}
		sym, rest := m[1], m[2]
		for _, other := range smallSymbols {
			if other != sym && (strings.HasPrefix(rest, other+": ") || strings.Contains(rest, "/chart/"+other)) {
				t.Errorf("warning for %s describes %s: %q", sym, other, w)
			}
		}
	}
}

// TestNoPanicWording fails while a recovered finance-go panic reaches the
// user as "finance-go chart panicked (empty or short result): runtime
// error: index out of range [0] with length 0": the program did not
// crash, but the words read as if it had.
func TestNoPanicWording(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	srv.Always(yahootest.EndpointChart, yahootest.Fault{EmptyResult: true})
	srv.Always(yahootest.EndpointQuote, yahootest.Fault{EmptyResult: true})
	e := newEnv(t, srv.URL(), fred.URL, smallConfig)
	r := e.snapshot(t, "--source", "yahoo")
	checkClean(t, r)
	for _, bad := range []string{"panic", "runtime error", "index out of range"} {
		if strings.Contains(r.stderr, bad) {
			t.Errorf("stderr says %q:\n%s", bad, firstLines(r.stderr, 2))
		}
	}
}

func TestFREDDown(t *testing.T) {
	srv := yahootest.New(t)
	e := newEnv(t, srv.URL(), closedPort(t), smallConfig)
	r := e.snapshot(t, "--source", "yahoo", "--format", "json")
	checkClean(t, r)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0 (prices are fine, macro is optional):\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "macro: ") || !strings.Contains(r.stderr, "UNRATE") {
		t.Errorf("no macro warning naming UNRATE:\n%s", r.stderr)
	}
}

func firstLines(s string, n int) string {
	ls := strings.SplitN(s, "\n", n+1)
	return strings.Join(ls[:min(n, len(ls))], "\n")
}
