package feeds

import (
	"context"
	"errors"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

var nyLoc, _ = time.LoadLocation("America/New_York")

func nyTime(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, nyLoc)
}

func TestSessionDate(t *testing.T) {
	tests := []struct {
		at   time.Time
		want market.Date
	}{
		{nyTime(2024, 3, 20, 16, 29), market.DateOf(2024, 3, 19)}, // Wed before the rollover: Tuesday's session
		{nyTime(2024, 3, 20, 16, 30), market.DateOf(2024, 3, 20)}, // Wed at 16:30: Wednesday's
		{nyTime(2024, 3, 21, 9, 30), market.DateOf(2024, 3, 20)},  // Thu morning: still Wednesday's
		{nyTime(2024, 3, 23, 12, 0), market.DateOf(2024, 3, 22)},  // Saturday: Friday's
		{nyTime(2024, 3, 25, 8, 0), market.DateOf(2024, 3, 22)},   // Monday morning: Friday's
		{nyTime(2024, 3, 25, 17, 0), market.DateOf(2024, 3, 25)},  // Monday evening: Monday's
		// 2024-03-10 is the DST change (02:00 → 03:00); 16:30 wall clock still rolls over.
		{nyTime(2024, 3, 11, 16, 30), market.DateOf(2024, 3, 11)},
		{nyTime(2024, 3, 11, 16, 29), market.DateOf(2024, 3, 8)},
		// The same instant seen from Tokyo: 2024-03-21 06:00 JST = 2024-03-20 17:00 EDT.
		{time.Date(2024, 3, 21, 6, 0, 0, 0, time.FixedZone("JST", 9*3600)), market.DateOf(2024, 3, 20)},
	}
	for _, tt := range tests {
		if got := SessionDate(tt.at); got != tt.want {
			t.Errorf("SessionDate(%v) = %s, want %s", tt.at, got, tt.want)
		}
	}
}

func TestPollInterval(t *testing.T) {
	tests := []struct {
		every time.Duration
		open  bool
		want  time.Duration
	}{
		{0, true, 60 * time.Second},
		{0, false, 300 * time.Second}, // 5 × 60 s
		{5 * time.Second, true, 15 * time.Second},
		{5 * time.Second, false, 75 * time.Second}, // 5 × the 15 s minimum
		{30 * time.Second, false, 150 * time.Second},
		{2 * time.Minute, true, 2 * time.Minute},
	}
	for _, tt := range tests {
		if got := PollInterval(tt.every, tt.open); got != tt.want {
			t.Errorf("PollInterval(%v, %v) = %v, want %v", tt.every, tt.open, got, tt.want)
		}
	}
}

func TestDefaultFrom(t *testing.T) {
	// 2026-07-01 − 64 months = 2021-03-01, before the essay: five years
	// and the look-back win.
	if got := DefaultFrom(market.DateOf(2026, 7, 1)); got != market.DateOf(2021, 3, 1) {
		t.Errorf("DefaultFrom(2026-07-01) = %s", got)
	}
	// Far in the future the essay base (2024-03-13) is still included.
	if got := DefaultFrom(market.DateOf(2031, 1, 1)); got != market.DateOf(2024, 3, 13) {
		t.Errorf("DefaultFrom(2031-01-01) = %s", got)
	}
}

// fakeTimers hands out timers that fire only when the test says so, and
// reports each timer's duration on made: a value on made also means the
// poller finished a quote poll and is waiting.
type fakeTimers struct {
	made  chan time.Duration
	mu    sync.Mutex
	chans []chan time.Time
}

func newFakeTimers() *fakeTimers { return &fakeTimers{made: make(chan time.Duration, 100)} }

func (f *fakeTimers) New(d time.Duration) (<-chan time.Time, func()) {
	c := make(chan time.Time, 1)
	f.mu.Lock()
	f.chans = append(f.chans, c)
	f.mu.Unlock()
	f.made <- d
	return c, func() {}
}

// fire fires the latest timer.
func (f *fakeTimers) fire() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.chans[len(f.chans)-1] <- time.Time{}
}

// next waits for the poller's next timer.
func (f *fakeTimers) next(t *testing.T) time.Duration {
	t.Helper()
	select {
	case d := <-f.made:
		return d
	case <-time.After(30 * time.Second):
		t.Fatal("poller never started its next timer")
		return 0
	}
}

// inbox collects what the poller sends.
type inbox struct{ c chan any }

func newInbox() *inbox        { return &inbox{c: make(chan any, 1000)} }
func (b *inbox) Send(msg any) { b.c <- msg }

// waitFor returns the first message satisfying ok, skipping others.
func (b *inbox) waitFor(t *testing.T, what string, ok func(any) bool) any {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case m := <-b.c:
			if ok(m) {
				return m
			}
		case <-deadline:
			t.Fatalf("never received %s", what)
			return nil
		}
	}
}

func progressDone(total int) func(any) bool {
	return func(m any) bool {
		p, ok := m.(ProgressMsg)
		return ok && p.Total == total && p.Done == total
	}
}

// settableClock is a clock a test moves while the poller reads it.
type settableClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *settableClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *settableClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

type pollerRig struct {
	poller *Poller
	timers *fakeTimers
	inbox  *inbox
	clock  *settableClock
	stop   func() // cancels Run and waits for it to return
}

func startPoller(t *testing.T, prov Provider, symbols []string, configure func(*Poller)) *pollerRig {
	t.Helper()
	r := &pollerRig{timers: newFakeTimers(), inbox: newInbox(),
		clock: &settableClock{t: nyTime(2024, 3, 20, 11, 0)}}
	r.poller = NewPoller(prov, r.inbox.Send, symbols)
	r.poller.NewTimer = r.timers.New
	r.poller.Now = r.clock.Now
	if configure != nil {
		configure(r.poller)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		r.poller.Run(ctx)
		close(done)
	}()
	r.stop = func() {
		cancel()
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("Run did not return after cancel")
		}
	}
	t.Cleanup(func() { cancel(); <-done })
	return r
}

func TestPollerCadenceAndRefresh(t *testing.T) {
	at := nyTime(2024, 3, 20, 11, 0)
	prov := &fakeProvider{name: "yahoo", kind: KindDelayed,
		bars:   map[string][]Bar{"AAPL": oneBar(170), "BTC-USD": oneBar(65000)},
		quotes: map[string]Quote{"AAPL": regular(170, at), "BTC-USD": regular(65000, at)}}
	r := startPoller(t, prov, []string{"AAPL", "BTC-USD"}, nil)

	steps := []struct {
		name      string
		act       func()
		wantWait  time.Duration
		wantCalls int
	}{
		{"start: one poll, market open", func() {}, 60 * time.Second, 1},
		{"timer fires", r.timers.fire, 60 * time.Second, 2},
		{"equities close, crypto open", func() {
			prov.setQuote("AAPL", Quote{Price: 171, MarketState: "CLOSED"})
			r.timers.fire()
		}, 60 * time.Second, 3},
		{"everything closed: 5× slower", func() {
			prov.setQuote("BTC-USD", Quote{Price: 65001, MarketState: "CLOSED"})
			r.timers.fire()
		}, 300 * time.Second, 4},
		{"r key", r.poller.Refresh, 300 * time.Second, 5},
		{"pre-market counts as open", func() {
			prov.setQuote("AAPL", Quote{Price: 171, MarketState: "PRE"})
			r.poller.Refresh()
		}, 60 * time.Second, 6},
	}
	for _, s := range steps {
		s.act()
		if got := r.timers.next(t); got != s.wantWait {
			t.Errorf("%s: next poll in %v, want %v", s.name, got, s.wantWait)
		}
		_, qc := prov.counts()
		if len(qc) != s.wantCalls {
			t.Fatalf("%s: %d quote calls, want %d", s.name, len(qc), s.wantCalls)
		}
		if !slices.Equal(qc[len(qc)-1], []string{"AAPL", "BTC-USD"}) {
			t.Errorf("%s: quote call %v, want one call with every symbol", s.name, qc[len(qc)-1])
		}
	}
	r.inbox.waitFor(t, "a QuotesMsg", func(m any) bool {
		q, ok := m.(QuotesMsg)
		return ok && len(q.Quotes) == 2 && q.Quotes[0].Price == 170 && q.At.Equal(at)
	})
	r.stop()
}

func TestPollerHistoryOncePerSessionAndNewSymbols(t *testing.T) {
	prov := &fakeProvider{name: "yahoo", kind: KindDelayed,
		bars:   map[string][]Bar{"AAPL": oneBar(170), "MSFT": oneBar(420), "NVDA": oneBar(900)},
		quotes: map[string]Quote{"AAPL": regular(170, time.Time{})}}
	r := startPoller(t, prov, []string{"AAPL"}, func(p *Poller) { p.Batch = 1 })
	r.timers.next(t)
	m := r.inbox.waitFor(t, "AAPL history", func(m any) bool { _, ok := m.(HistoryMsg); return ok }).(HistoryMsg)
	if len(m.Histories) != 1 || m.Histories[0].Bars[0].Close != 170 {
		t.Errorf("history msg = %+v", m)
	}
	r.inbox.waitFor(t, "load 1/1 done", progressDone(1))

	// Hot reload adds MSFT and NVDA: only they are loaded, one per batch
	// (Batch = 1), and everything is quoted at once.
	r.poller.SetSymbols([]string{"AAPL", "MSFT", "NVDA"})
	r.inbox.waitFor(t, "load 2/2 done", progressDone(2))
	hc, _ := prov.counts()
	if want := [][]string{{"AAPL"}, {"MSFT"}, {"NVDA"}}; !slices.EqualFunc(hc, want, slices.Equal) {
		t.Errorf("history calls = %v, want %v", hc, want)
	}
	r.timers.next(t)
	if _, qc := prov.counts(); !slices.Equal(qc[len(qc)-1], []string{"AAPL", "MSFT", "NVDA"}) {
		t.Errorf("quote call after reload = %v", qc[len(qc)-1])
	}

	// Same session: a poll loads no history.
	r.timers.fire()
	r.timers.next(t)
	// Next session (Wed 16:30 rollover): every symbol again.
	r.clock.Set(nyTime(2024, 3, 20, 17, 0))
	r.timers.fire()
	r.timers.next(t)
	r.inbox.waitFor(t, "load 3/3 done", progressDone(3))
	hc, _ = prov.counts()
	if len(hc) != 6 {
		t.Errorf("%d history calls, want 3 + 3 after the rollover: %v", len(hc), hc)
	}
	r.stop()
}

func TestPollerInitialFirst(t *testing.T) {
	cached := &fakeProvider{name: "cache", kind: KindCached,
		bars:   map[string][]Bar{"AAPL": oneBar(160)},
		quotes: map[string]Quote{"AAPL": {Price: 160, MarketCap: 2.5e12}}}
	prov := &fakeProvider{name: "yahoo", kind: KindDelayed, bars: map[string][]Bar{"AAPL": oneBar(170)}}
	r := startPoller(t, prov, []string{"AAPL"}, func(p *Poller) { p.Initial = cached })
	first, second := <-r.inbox.c, <-r.inbox.c
	h, ok1 := first.(HistoryMsg)
	q, ok2 := second.(QuotesMsg)
	if !ok1 || !ok2 || h.Histories[0].Origin.Kind != KindCached || q.Quotes[0].MarketCap != 2.5e12 {
		t.Fatalf("first messages = %#v, %#v; want the cached history then quotes", first, second)
	}
	r.stop()
}

func TestPollerStopsCleanly(t *testing.T) {
	before := runtime.NumGoroutine()
	for _, blockHistory := range []bool{false, true} {
		prov := &fakeProvider{name: "yahoo", kind: KindDelayed,
			bars: map[string][]Bar{"AAPL": oneBar(170)}, quotes: map[string]Quote{"AAPL": regular(170, time.Time{})}}
		if blockHistory {
			prov.block = make(chan struct{}) // never released: Run must cancel it
			prov.histStarted = make(chan struct{}, 1)
		}
		r := startPoller(t, prov, []string{"AAPL"}, nil)
		r.timers.next(t)
		if blockHistory {
			<-prov.histStarted
		}
		r.stop()
	}
	// Every goroutine Run started has returned; give the runtime a moment
	// to reap the exiting ones (a safety net, not a timing assertion).
	var after int
	for i := 0; i < 200; i++ {
		if after = runtime.NumGoroutine(); after <= before {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if after > before {
		buf := make([]byte, 1<<16)
		t.Errorf("goroutines: %d before, %d after\n%s", before, after, buf[:runtime.Stack(buf, true)])
	}
}

func TestPollerWithAutoFallsBackAndRequotes(t *testing.T) {
	// Nothing real anywhere: the first quote poll fails; once the history
	// load settles auto on demo, quotes are polled again at once (no timer
	// fired) and come back DEMO.
	// The primary's history is held until its first quote poll has
	// failed: a history that decided first (the poll's goroutine slow to
	// start on a loaded machine) sent even the first poll to the demo, and
	// the primary saw no quote call.
	primary := &fakeProvider{name: "yahoo", fail: errors.New("offline"), block: make(chan struct{})}
	demo := &fakeProvider{name: "demo", kind: KindDemo,
		bars: map[string][]Bar{"AAPL": oneBar(-1)}, quotes: map[string]Quote{"AAPL": {Price: -1}}}
	r := startPoller(t, NewAuto(primary, demo), []string{"AAPL"}, nil)
	r.inbox.waitFor(t, "the primary's failed quotes", func(m any) bool {
		q, ok := m.(QuotesMsg)
		return ok && q.Err != nil
	})
	close(primary.block)
	q := r.inbox.waitFor(t, "demo quotes", func(m any) bool {
		q, ok := m.(QuotesMsg)
		return ok && len(q.Quotes) == 1 && q.Quotes[0].Err == nil
	}).(QuotesMsg)
	if q.Quotes[0].Origin.Kind != KindDemo || q.Quotes[0].Price != -1 {
		t.Errorf("quote = %+v, want DEMO -1", q.Quotes[0])
	}
	if _, qc := primary.counts(); len(qc) != 1 {
		t.Errorf("%d quote calls to the primary, want 1 (before the fallback)", len(qc))
	}
	r.stop()
}
