package faults

import (
	"context"
	"runtime"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui/tui"
)

// smallSpec is smallConfig as a spec.
func smallSpec() market.Spec {
	b := func(key string, syms ...string) market.Basket {
		bk := market.Basket{Key: key, Name: key}
		for _, s := range syms {
			bk.Members = append(bk.Members, market.Member{Symbol: s, Weight: 1})
		}
		return bk
	}
	return market.Spec{
		Bits: b("bits", "NVDA", "MSFT", "BTC-USD"), Atoms: b("atoms", "XOM", "GM", "F"),
		Crypto: b("crypto", "BTC-USD"), Havens: b("havens", "EWS"),
		Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM", "F"},
		MoveDays: 21, CorrDays: 63, Lookback: 63,
		Weights: market.Weights{Rotation: 1, Crypto: 1, Havens: 1, TeslaDrift: 1, Labor: 1},
	}
}

// dashboard is the dashboard's data path in-process: the yahoo provider
// (fast retries, a short attempt timeout) through the disk cache, a poller
// whose timer never fires (polls happen on Refresh), and the model fed
// every message the poller sends.
type dashboard struct {
	t      *testing.T
	srv    *yahootest.Server
	poller *feeds.Poller
	msgs   chan any
	model  tui.Model
	cancel context.CancelFunc
	done   chan struct{}
}

// attemptTimeout is the per-attempt timeout in-process: generous, so a
// healthy request (a session refresh, 8 MB of a 50 MB body read under
// -race on a busy 2-core machine) never races it. Only the "slower than
// the timeout" row meets a timeout, against a server that never answers,
// and it uses slowTimeout.
const (
	attemptTimeout = 30 * time.Second
	slowTimeout    = 5 * time.Second
)

func startDashboard(t *testing.T) *dashboard {
	t.Helper()
	return startDashboardTimeout(t, attemptTimeout)
}

func startDashboardTimeout(t *testing.T, timeout time.Duration) *dashboard {
	t.Helper()
	srv := yahootest.NewServer()
	store, err := cache.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := yahoo.New(yahoo.Options{BaseURL: srv.URL(), HTTP: httpx.Options{
		Timeout: timeout, BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, RatePerSec: -1,
	}})
	d := &dashboard{t: t, srv: srv, msgs: make(chan any, 256), done: make(chan struct{})}
	d.poller = feeds.NewPoller(cache.Wrap(p, store, cache.Options{}), func(m any) { d.msgs <- m }, market.SpecSymbols(smallSpec()))
	d.poller.NewTimer = func(time.Duration) (<-chan time.Time, func()) { return nil, func() {} }
	m, _ := tui.New(tui.Options{Feed: app.NewFeed(smallSpec(), app.FeedOptions{}), Window: market.WinEssay}).Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	d.model = m.(tui.Model)
	ctx, cancel := context.WithCancel(context.Background())
	d.cancel = cancel
	go func() { defer close(d.done); d.poller.Run(ctx) }()
	return d
}

// await feeds messages to the model until one satisfies ok.
func (d *dashboard) await(what string, ok func(any) bool) any {
	d.t.Helper()
	timeout := time.After(2 * time.Minute) // only bounds a failing run
	for {
		select {
		case msg := <-d.msgs:
			m, _ := d.model.Update(msg)
			d.model = m.(tui.Model)
			if ok(msg) {
				return msg
			}
		case <-timeout:
			d.t.Fatalf("no %s within 2m", what)
		}
	}
}

func (d *dashboard) awaitQuotes() feeds.QuotesMsg {
	d.t.Helper()
	return d.await("quotes", func(m any) bool { _, ok := m.(feeds.QuotesMsg); return ok }).(feeds.QuotesMsg)
}

// awaitLoaded waits for the first full history load and a quote poll.
func (d *dashboard) awaitLoaded() {
	d.t.Helper()
	var history, quotes bool
	d.await("history and quotes", func(m any) bool {
		switch m := m.(type) {
		case feeds.ProgressMsg:
			history = history || (m.Total > 0 && m.Done == m.Total)
		case feeds.QuotesMsg:
			quotes = true
		}
		return history && quotes
	})
}

// stop cancels the poller, closes the fake and waits for the goroutine
// count to come back to base.
func (d *dashboard) stop(base int) {
	d.t.Helper()
	d.cancel()
	select {
	case <-d.done:
	case <-time.After(15 * time.Second):
		d.t.Fatal("poller still running 15s after cancel")
	}
	d.srv.Close()
	checkGoroutines(d.t, base)
}

// checkGoroutines polls runtime.NumGoroutine for up to 15 s until it is at
// most base, and fails with every stack when it never gets there.
func checkGoroutines(t *testing.T, base int) {
	t.Helper()
	var n int
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if n = runtime.NumGoroutine(); n <= base {
			return
		}
	}
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	t.Errorf("goroutine leak: %d running, %d at start\n%s", n, base, buf)
}

// tuiFaults are the faults of the in-process dashboard test: arm breaks
// Yahoo after a good start; want is text that must appear in some
// symbol's status error ("" means the fault is absorbed: no errors).
var tuiFaults = []struct {
	name string
	arm  func(s *yahootest.Server)
	want string
}{
	{"connection refused", func(s *yahootest.Server) { s.Close() }, "connection refused"},
	{"server hangs up", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Fault{Hangup: true}) }, "EOF"},
	{"401 crumb expiry", func(s *yahootest.Server) { s.ExpireCrumb() }, ""},
	{"consent page", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Fault{ConsentPage: true}) }, "HTML page"},
	{"429 Retry-After 120", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.TooManyRequests("120")) }, "rate limited"},
	{"429 no Retry-After", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.TooManyRequests("")) }, "rate limited"},
	{"503 always", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Status(503)) }, "503"},
	{"503 burst then ok", func(s *yahootest.Server) {
		s.Push(yahootest.EndpointQuote, yahootest.Times(3, yahootest.Status(503))...)
	}, ""},
	{"slower than the timeout", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Slow(time.Hour)) }, "did not answer within"},
	{"truncated JSON", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Fault{Truncate: true}) }, "unexpected end of JSON"},
	{"wrong shape", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Fault{WrongShape: true}) }, "quoteResponse"},
	{"empty result", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Fault{EmptyResult: true}) }, "not in Yahoo's quote answer"},
	{"50 MB body", func(s *yahootest.Server) { s.Always(yahootest.EndpointQuote, yahootest.Fault{HugeBody: 50 << 20}) }, "larger than"},
}

// TestDashboardQuoteFaults starts the dashboard's data path on a healthy
// fake, breaks Yahoo, asks for a refresh (the r key), and checks that the
// status line names the error, the model keeps its data (cached quotes
// stand in), nothing escapes into the view, and no goroutine outlives it.
func TestDashboardQuoteFaults(t *testing.T) {
	for _, f := range tuiFaults {
		t.Run(f.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			timeout := attemptTimeout
			if f.name == "slower than the timeout" {
				timeout = slowTimeout
			}
			d := startDashboardTimeout(t, timeout)
			d.awaitLoaded()
			good := d.model.State()
			if len(good.Report.Dates) == 0 || good.Quotes["TSLA"].Price <= 0 {
				t.Fatalf("no data after a good start: %d dates, TSLA %v", len(good.Report.Dates), good.Quotes["TSLA"].Price)
			}
			crumbs := d.srv.Count(yahootest.EndpointCrumb)

			f.arm(d.srv)
			d.poller.Refresh()
			d.awaitQuotes()
			st := d.model.State()
			view := d.model.View()

			if len(st.Report.Dates) != len(good.Report.Dates) {
				t.Errorf("dates went from %d to %d after the fault", len(good.Report.Dates), len(st.Report.Dates))
			}
			if p := st.Quotes["TSLA"].Price; p != good.Quotes["TSLA"].Price {
				t.Errorf("TSLA price %v after the fault, want the last good %v", p, good.Quotes["TSLA"].Price)
			}
			errs := strings.Join(mapValues(st.Status.Errors), "\n")
			t.Logf("status: %.200s", st.Status.ErrorSummary())
			switch {
			case f.want == "" && errs != "":
				t.Errorf("fault should be absorbed, status errors:\n%s", errs)
			case f.want != "" && !strings.Contains(errs, f.want):
				t.Errorf("status errors lack %q:\n%s", f.want, errs)
			case f.want != "" && !strings.Contains(view, "with errors:"):
				t.Errorf("view's status line does not show the errors:\n%s", view)
			}
			if f.name == "401 crumb expiry" && d.srv.Count(yahootest.EndpointCrumb) <= crumbs {
				t.Errorf("no new crumb after expiry")
			}
			if strings.ContainsAny(view, "\x1b\x07") {
				t.Errorf("view holds an escape or BEL byte")
			}
			d.stop(base)
		})
	}
}

// TestDashboardHostileNameAndNewSymbolFault checks a provider name with
// escape sequences never reaches the view, and that a symbol added by a
// config reload whose history fails is reported while the rest stays.
func TestDashboardHostileNameAndNewSymbolFault(t *testing.T) {
	base := runtime.NumGoroutine()
	d := startDashboard(t)
	for _, sym := range smallSymbols {
		d.srv.SetName(sym, hostileName)
	}
	d.awaitLoaded()
	good := len(d.model.State().Report.Dates)

	d.srv.Always(yahootest.EndpointChart, yahootest.Fault{Truncate: true})
	d.poller.SetSymbols(append(market.SpecSymbols(smallSpec()), "AAPL"))
	d.await("AAPL history", func(m any) bool {
		h, ok := m.(feeds.HistoryMsg)
		return ok && len(h.Histories) == 1 && h.Histories[0].Symbol == "AAPL"
	})
	if h := d.model.State(); len(h.Report.Dates) != good {
		t.Errorf("dates went from %d to %d", good, len(h.Report.Dates))
	}
	for _, screen := range []string{"1", "2", "3", "4", "5"} {
		m, _ := d.model.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(screen)})
		d.model = m.(tui.Model)
		if v := d.model.View(); strings.ContainsAny(v, "\x1b\x07") || strings.Contains(v, "52;c;") {
			t.Errorf("screen %s shows escape residue", screen)
		}
	}
	d.stop(base)
}

func mapValues(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
