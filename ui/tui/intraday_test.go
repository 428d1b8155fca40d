package tui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

// openSession is an ordinary session (no half day, the weekday before it a
// session too: the fake knows no holidays) of the last two weeks, so that
// Yahoo still keeps its 5-minute bars.
func openSession(t *testing.T) calendar.Session {
	t.Helper()
	d := market.DateFromTime(time.Now().In(calendar.NewYork())) - 1
	for range 14 {
		s, ok := calendar.SessionOn(d)
		if ok && !s.Half && d.Weekday() != time.Monday && s.Previous().Date == d-1 {
			return s
		}
		d--
	}
	t.Fatal("no ordinary session in the last two weeks")
	return calendar.Session{}
}

// The dashboard in 1D during an open session, on the whole pipeline
// against a fake Yahoo and a fake clock: the chart's last bar moves on
// each quote poll (r), and after leaving 1D a poll makes no intraday
// request.
func TestDashboard1DFollowsThePoll(t *testing.T) {
	sess := openSession(t)
	var now atomic.Int64
	now.Store(sess.Open.Add(62 * time.Minute).UnixNano()) // 10:32: bars 09:30 … 10:30
	clock := func() time.Time { return time.Unix(0, now.Load()) }
	y := yahootest.New(t)
	y.SetNow(clock)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	// Small baskets keep the test quick under the client's rate limit.
	small := "version: 1\nbaskets:\n  bits: {name: Bits, members: [NVDA, BTC-USD]}\n  atoms: {name: Atoms, members: [XOM, GM]}\n" +
		"  crypto: {name: Crypto, members: [BTC-USD]}\n  havens: {name: Havens, members: [EWS]}\n  benchmark: SPY\n" +
		"gap: {tesla: TSLA, incumbents: [GM, F]}\nmacro: {series: []}\n"
	if err := os.WriteFile(cfg, []byte(small), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WHOOSH_YAHOO_BASE", y.URL())
	t.Setenv("WHOOSH_CACHE_DIR", filepath.Join(dir, "cache"))
	s, err := app.Open(app.Options{Config: cfg, Source: "yahoo", Window: "1D", Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	var tm *teatest.TestModel
	stream := s.Stream(func(m any) {
		<-ready
		tm.Send(m)
	})
	feed := s.NewFeed()
	stream.Follow(feed)
	tm = teatest.NewTestModel(t, New(Options{Feed: feed, Window: s.Window, OnRefresh: stream.Refresh, Now: clock}),
		teatest.WithInitialTermSize(120, 40))
	close(ready)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { stream.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	// WaitFor reads the output in pieces: keep what was read.
	wait := func(text string) {
		t.Helper()
		var seen []byte
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			seen = append(seen, b...)
			return bytes.Contains(seen, []byte(text))
		}, teatest.WithDuration(time.Minute), teatest.WithCheckInterval(20*time.Millisecond)) // a guard against a hang: the first load alone is ~8 s at the client's 4 requests/s
	}
	// 13 bars, the last (10:30) ending 10:35, on a 09:30 … 16:00 axis.
	wait("13 bars · last 10:35")
	now.Add(int64(5 * time.Minute)) // 10:37: the 10:35 bar has begun
	tm.Type("r")
	wait("14 bars · last 10:40")
	now.Add(int64(5 * time.Minute))
	tm.Type("r")
	wait("15 bars · last 10:45")

	// Three fetches (the session, then two tails) of the 8 symbols' bars
	// are 24 requests, one per symbol; the last round may still be under
	// way when the baskets' bars show (symbols whose last bar differs are
	// fetched apart): let it finish.
	const rounds = 3 * 8
	deadline := time.Now().Add(time.Minute) // a guard only
	for y.Count(yahootest.EndpointIntraday) < rounds && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	tm.Type("l") // 1D → 1M
	wait("window 1M")
	before := y.Count(yahootest.EndpointIntraday)
	if before != rounds {
		t.Errorf("%d intraday requests for three fetches of 8 symbols, want %d", before, rounds)
	}
	quotes := y.Count(yahootest.EndpointQuote)
	now.Add(int64(5 * time.Minute))
	tm.Type("r")
	deadline = time.Now().Add(time.Minute) // a guard only
	for y.Count(yahootest.EndpointQuote) == quotes && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	// An intraday fetch would follow the quote poll at once; this can only
	// miss a bug, never fail a correct run.
	time.Sleep(100 * time.Millisecond)
	if after := y.Count(yahootest.EndpointIntraday); after != before {
		t.Errorf("%d intraday requests after leaving 1D", after-before)
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	fm := finalModel(t, tm)
	if fm.Window() != market.Win1M {
		t.Errorf("window %v", fm.Window())
	}
}
