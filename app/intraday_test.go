package app

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// clockBars is a provider whose 5-minute bars exist up to its clock (close
// 100 + k at bar k); it records each Intraday call's since.
type clockBars struct {
	feeds.Provider
	mu    sync.Mutex
	now   time.Time
	calls []time.Time
	syms  int
}

func (c *clockBars) Intraday(_ context.Context, symbols []string, s calendar.Session, since time.Time) ([]feeds.Intraday, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, since)
	c.syms += len(symbols)
	out := make([]feeds.Intraday, len(symbols))
	for i, sym := range symbols {
		var bars []feeds.IntradayBar
		for t, k := s.Open, 0; t.Before(c.now) && t.Before(s.Close); t, k = t.Add(feeds.IntradayStep), k+1 {
			bars = append(bars, feeds.IntradayBar{Time: t, Close: 100 + float64(k)})
		}
		out[i] = feeds.Intraday{Symbol: sym, Session: s, Bars: feeds.ClipIntraday(bars, s, since)}
	}
	return out, nil
}

func (c *clockBars) set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

func (c *clockBars) counts() (calls int, syms int, last time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.calls); n > 0 {
		last = c.calls[n-1]
	}
	return len(c.calls), c.syms, last
}

// streamAt1030 is a stream over clockBars on 2025-06-30 at 10:30 (bars
// 09:30 … 10:25) with a feed following it; apply folds what the stream
// sent since the last call into the feed.
func streamAt1030() (sess calendar.Session, p *clockBars, s *Session, st *Stream, f *Feed, apply func()) {
	sess, _ = calendar.SessionOn(market.DateOf(2025, 6, 30))
	p = &clockBars{Provider: demo.New(asOf)}
	p.set(sess.Open.Add(60 * time.Minute))
	s = testSession(p, nil)
	s.now = func() time.Time { p.mu.Lock(); defer p.mu.Unlock(); return p.now }
	s.AsOfFixed = false
	var msgs []any
	st = s.Stream(func(m any) { msgs = append(msgs, m) })
	f = s.NewFeed()
	st.Follow(f)
	apply = func() {
		for _, m := range msgs {
			f.Apply(m)
		}
		msgs = nil
	}
	return sess, p, s, st, f, apply
}

// During the session the first fetch asks for everything, each later one
// (one per quote poll) only each symbol's tail since its last bar, which
// the feed merges; after the close the session is fetched once more and
// then never again; nothing is fetched while no one shows 1D.
func TestIntradayTailsAndStops(t *testing.T) {
	sess, p, s, st, f, apply := streamAt1030()
	nSyms := len(market.SpecSymbols(s.Spec))
	ctx := context.Background()

	f.State(market.WinEssay, p.now) // not 1D: nothing to fetch
	if st.intraday.on() {
		t.Fatal("intraday wanted in ESSAY")
	}
	f.State(market.Win1D, p.now)
	st.fetchIntraday(ctx)
	calls, syms, since := p.counts()
	if calls != 1 || syms != nSyms || !since.IsZero() {
		t.Fatalf("first fetch: %d calls, %d symbols, since %v", calls, syms, since)
	}
	apply()
	if got := len(f.Data.Intraday["NVDA"].Bars); got != 12 {
		t.Fatalf("%d bars at 10:30, want 12 (09:30 … 10:25)", got)
	}

	p.set(sess.Open.Add(64 * time.Minute)) // 10:34: a new 10:30 bar
	st.fetchIntraday(ctx)
	calls, syms, since = p.counts()
	// The tail starts at the last bar, 10:25, in one call for every symbol.
	if calls != 2 || syms != 2*nSyms || !since.Equal(sess.Open.Add(55*time.Minute)) {
		t.Fatalf("tail: %d calls, %d symbols, since %v", calls, syms, since)
	}
	apply()
	if bars := f.Data.Intraday["NVDA"].Bars; len(bars) != 13 || bars[12].Close != 112 {
		t.Fatalf("merged %d bars, last %+v", len(bars), bars[len(bars)-1])
	}

	p.set(sess.Close.Add(time.Hour))
	st.fetchIntraday(ctx) // the closed session's last tail
	st.fetchIntraday(ctx) // nothing left to ask
	if calls, _, _ = p.counts(); calls != 3 {
		t.Fatalf("%d calls after the close, want 3", calls)
	}
	apply()
	if n := len(f.Data.Intraday["NVDA"].Bars); n != 78 {
		t.Fatalf("%d bars after the close, want 78", n)
	}

	f.State(market.Win1M, p.now) // leaving 1D
	if st.intraday.on() {
		t.Fatal("intraday still wanted after leaving 1D")
	}
}

// A symbol added while 1D shows (an in-app `a`, a hot reload) gets its
// whole session at once, woken by the config, not by the next quote poll;
// the others keep asking only their tails, a removed one is no longer
// asked, and a config adding no symbol wakes nothing.
func TestIntradayFollowsTheConfig(t *testing.T) {
	sess, p, s, st, f, apply := streamAt1030()
	f.State(market.Win1D, p.now)
	ctx := context.Background()
	st.fetchIntraday(ctx)
	nSyms := len(market.SpecSymbols(s.Spec))
	select { // the wake of State's 1D: consumed, as the loop would
	case <-st.intraday.poke:
	default:
	}

	cfg := *s.Config
	cfg.Watchlists = append(slices.Clone(cfg.Watchlists), config.Watchlist{Name: "Added", Symbols: []string{"ZZNEW"}})
	st.ApplyConfig(&cfg)
	select {
	case <-st.intraday.poke:
	default:
		t.Fatal("a config with a new symbol did not wake the 1D loop")
	}
	p.set(sess.Open.Add(64 * time.Minute)) // 10:34
	st.fetchIntraday(ctx)
	p.mu.Lock()
	calls := slices.Clone(p.calls)
	asked := p.syms
	p.mu.Unlock()
	// Two requests: the old symbols' tails since 10:25, the new one's
	// whole session (since zero).
	if len(calls) != 3 || !calls[1].Equal(sess.Open.Add(55*time.Minute)) || !calls[2].IsZero() || asked != 2*nSyms+1 {
		t.Fatalf("after the edit: calls since %v, %d symbols asked in all; want a tail for %d and a session for 1", calls, asked, nSyms)
	}
	apply()
	if got := len(f.Data.Intraday["ZZNEW"].Bars); got != 13 {
		t.Errorf("the added symbol has %d bars at 10:34, want 13 (09:30 … 10:30)", got)
	}
	if got := len(f.Data.Intraday["NVDA"].Bars); got != 13 {
		t.Errorf("NVDA has %d bars after its tail, want 13", got)
	}

	st.ApplyConfig(&cfg)     // the same symbols again (an alert edit): no fetch
	st.ApplyConfig(s.Config) // the watchlist removed again: nothing to fetch for that
	select {
	case <-st.intraday.poke:
		t.Error("a config adding no symbol woke the 1D loop")
	default:
	}
	p.set(sess.Open.Add(69 * time.Minute))
	st.fetchIntraday(ctx)
	p.mu.Lock()
	asked = p.syms
	p.mu.Unlock()
	if asked != 3*nSyms+1 {
		t.Errorf("%d symbols asked after the removal, want %d (ZZNEW no longer)", asked-(2*nSyms+1), nSyms)
	}
}

// A 1D snapshot waits for the 5-minute bars; an ESSAY one makes no
// intraday request at all.
func TestLoadIntradayOnlyFor1D(t *testing.T) {
	for _, w := range []market.Window{market.WinEssay, market.Win1D} {
		d := demo.New(asOf)
		p := &clockBars{Provider: d}
		sess, _ := calendar.SessionOn(asOf)
		p.set(sess.Close.Add(time.Hour))
		s := testSession(p, nil)
		s.Window = w
		f, err := s.Load(context.Background(), nil)
		if err != nil {
			t.Fatal(err)
		}
		calls, _, _ := p.counts()
		if w == market.WinEssay && (calls != 0 || f.Data.Intraday != nil) {
			t.Errorf("ESSAY: %d intraday calls", calls)
		}
		if w == market.Win1D && (calls != 1 || !f.IntradayDone || len(f.Data.Intraday["SPY"].Bars) != 78 || f.Data.IntradaySession.Date != asOf) {
			t.Errorf("1D: %d calls, done %v, %d SPY bars, session %s", calls, f.IntradayDone, len(f.Data.Intraday["SPY"].Bars), f.Data.IntradaySession.Date)
		}
	}
}

// tooOld refuses every session as Yahoo does past ~60 days.
type tooOld struct{ feeds.Provider }

func (tooOld) Intraday(_ context.Context, symbols []string, s calendar.Session, _ time.Time) ([]feeds.Intraday, error) {
	err := feeds.CheckIntradayAge(s, s.Close.Add(90*24*time.Hour))
	out := make([]feeds.Intraday, len(symbols))
	for i, sym := range symbols {
		out[i] = feeds.Intraday{Symbol: sym, Session: s, Err: &feeds.SymbolError{Symbol: sym, Err: err}}
	}
	return out, err
}

// A 1D snapshot of a session older than the bars kept says so.
func TestLoadIntradayTooOld(t *testing.T) {
	s := testSession(tooOld{demo.New(asOf)}, nil)
	s.Window = market.Win1D
	f, err := s.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	st := f.State(market.Win1D, time.Now())
	found := false
	for _, w := range st.Status.Warnings {
		found = found || strings.Contains(w, "kept for about 60 days")
	}
	if !found {
		t.Errorf("warnings %q lack the 60-day limit", st.Status.Warnings)
	}
}
