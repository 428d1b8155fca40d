package app

import (
	"context"
	"errors"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

var asOf = market.DateOf(2025, 6, 30)

// testSession is a session on provider p with the default config, as of
// 2025-06-30 (fixed).
func testSession(p feeds.Provider, macro macroSource) *Session {
	cfg := config.Default()
	return &Session{Config: cfg, Spec: cfg.Spec(), Window: market.WinEssay, AsOf: asOf, AsOfFixed: true,
		SourceName: p.Name(), now: time.Now, provider: p, macro: macro}
}

// failing fails every History call for its first n calls (n < 0: always)
// and every quote until the nth call has begun, and counts its History
// calls.
type failing struct {
	feeds.Provider
	mu    sync.Mutex
	n     int
	calls int
	block bool // after the first answered call, History waits for ctx
	// blocked, when set, is closed when History first waits for ctx.
	blocked     chan struct{}
	blockedOnce sync.Once
}

func (f *failing) History(ctx context.Context, syms []string, from, to market.Date) ([]feeds.History, error) {
	f.mu.Lock()
	f.calls++
	fail := f.n < 0 || f.calls <= f.n
	block := f.block && f.calls > 1
	f.mu.Unlock()
	if block {
		if f.blocked != nil {
			f.blockedOnce.Do(func() { close(f.blocked) })
		}
		<-ctx.Done()
		return nil, ctx.Err()
	}
	if fail {
		out := make([]feeds.History, len(syms))
		for i, s := range syms {
			out[i] = feeds.History{Symbol: s, Err: &feeds.SymbolError{Symbol: s, Err: errors.New("HTTP 500")}}
		}
		return out, nil
	}
	return f.Provider.History(ctx, syms, from, to)
}

// Quotes fails every quote while History fails, as a source that is down
// does: left to the wrapped provider, a good quote could commit auto to
// the primary before the first history failed (a race that once made
// TestFallbackBringsTheDemoMacro ask FRED).
func (f *failing) Quotes(ctx context.Context, syms []string) ([]feeds.Quote, error) {
	f.mu.Lock()
	down := f.n < 0 || f.calls < f.n
	f.mu.Unlock()
	if !down {
		return f.Provider.Quotes(ctx, syms)
	}
	out := make([]feeds.Quote, len(syms))
	for i, s := range syms {
		out[i] = feeds.Quote{Symbol: s, Err: &feeds.SymbolError{Symbol: s, Err: errors.New("HTTP 500")}}
	}
	return out, nil
}

// countingMacro counts the series asked of it.
type countingMacro struct {
	mu    sync.Mutex
	asked int
}

func (c *countingMacro) Series(context.Context, string) ([]market.Observation, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.asked++
	return []market.Observation{{Date: market.DateOf(2025, 1, 1), Value: 9}}, nil
}

// TestLoadIsTheFirstCompleteLoad: the snapshot's road gives the figures
// checked by hand for the essay window on the demo (README, issue 3):
// bits 154.897506, atoms 75.895936, RS 100·154.897506/75.895936 = 204.0920.
func TestLoadIsTheFirstCompleteLoad(t *testing.T) {
	d := demo.New(asOf)
	s := testSession(d, d)
	s.DataClock = true
	f, err := s.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Complete() || f.Loading || len(f.Data.Histories) != len(FetchSymbols(s.Spec)) || f.Data.Macro == nil {
		t.Fatalf("incomplete feed: settled %v loading %v, %d histories, macro %v", f.Settled, f.Loading, len(f.Data.Histories), f.Data.Macro != nil)
	}
	st := f.State(market.WinEssay, time.Now())
	r := st.Report
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"bits", r.Bits.Index[len(r.Bits.Index)-1], 154.897506},
		{"atoms", r.Atoms.Index[len(r.Atoms.Index)-1], 75.895936},
		{"RS", r.RS.Last, 204.091963},
	} {
		if math.Abs(c.got-c.want) > 5e-7 {
			t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
		}
	}
	// The demo's clock is its own: the as-of close, so ages are 0.
	if st.Status.Badge != "DEMO (simulated)" || st.Status.Stale || !st.Now.Equal(feeds.BarTime(asOf, false, time.Time{})) {
		t.Errorf("status %q stale %v now %v", st.Status.Badge, st.Status.Stale, st.Now)
	}
}

// TestLoadDeadlineKeepsWhatArrived: a provider that answers the first
// batch and then hangs: Load returns at the deadline with that batch.
// The deadline is the context ending once the provider hangs, not a fixed
// 300 ms: under -race on a loaded machine the first batch once took longer
// than that, and Load kept nothing.
func TestLoadDeadlineKeepsWhatArrived(t *testing.T) {
	p := &failing{Provider: demo.New(asOf), block: true, blocked: make(chan struct{})}
	s := testSession(p, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second) // a guard against a hang only
	defer cancel()
	go func() {
		// Every History call after the first waits, and the first batch
		// is forwarded before the next call is made.
		select {
		case <-p.blocked:
			cancel()
		case <-ctx.Done():
		}
	}()
	f, err := s.Load(ctx, nil)
	if !errors.Is(err, ErrIncomplete) {
		t.Fatalf("err = %v, want ErrIncomplete", err)
	}
	if n := len(f.Data.Histories); n != feeds.DefaultBatch {
		t.Errorf("%d histories kept, want the first batch of %d", n, feeds.DefaultBatch)
	}
}

// TestFallbackBringsTheDemoMacro: auto falling back to the demo takes the
// demo's macro series too, and never asks FRED (issue 13: the dashboard
// and the snapshot scored 65.0 and 65.8 on the same offline environment).
func TestFallbackBringsTheDemoMacro(t *testing.T) {
	d := demo.New(asOf)
	fred := &countingMacro{}
	primary := &failing{Provider: d, n: -1}
	s := testSession(feeds.NewAuto(primary, d), fred)
	s.fallback = d
	f, err := s.Load(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Data.MacroOrigin.Kind != feeds.KindDemo || fred.asked != 0 {
		t.Errorf("macro origin %v, FRED asked %d times; want the demo's, FRED never", f.Data.MacroOrigin.Kind, fred.asked)
	}
	st := f.State(market.WinEssay, time.Now())
	if c := st.Report.Whoosh.Components[4]; c.Key != "labor" || !c.Present {
		t.Error("labor leg missing: the demo's UNRATE should feed it")
	}
}

// TestRecoveryWithoutRestart: history that failed at start is retried on
// the backoff, with no key pressed, and fills the feed when the provider
// recovers.
func TestRecoveryWithoutRestart(t *testing.T) {
	p := &failing{Provider: demo.New(asOf), n: 5}
	s := testSession(p, nil)
	msgs := make(chan any, 1024)
	st := s.Stream(func(m any) { msgs <- m })
	st.poller.RetryMin, st.poller.RetryMax = time.Millisecond, 4*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { st.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	f := s.NewFeed()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case m := <-msgs:
			f.Apply(m)
		case <-deadline:
			t.Fatalf("no recovery: %d History calls", p.calls)
		}
		if state := f.State(market.WinEssay, time.Now()); len(state.Report.Dates) > 0 && len(state.Status.Errors) == 0 {
			return
		}
	}
}
