package feeds

import (
	"context"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// The messages (QuotesMsg, HistoryMsg, ProgressMsg) are declared in
// messages.go. A full history load arrives as several HistoryMsg, one per
// batch of Batch symbols, each followed by a ProgressMsg; a ProgressMsg
// with Done = 0 starts a load and Done == Total ends it.

// Poll cadence.
const (
	DefaultRefresh = 60 * time.Second // quote poll interval while a market is open
	MinRefresh     = 15 * time.Second // the fastest allowed
	ClosedFactor   = 5                // how much slower the poll runs while every market is closed
	DefaultBatch   = 8                // symbols per History call, so progress shows
)

// Poller fetches quotes and daily history in the background and streams the
// results to the program as messages.
//
// Quotes are polled once at start, then at the Every interval while any
// watched market is open (a symbol whose last good quote's MarketState is
// REGULAR, PRE or POST; crypto always reports REGULAR), and ClosedFactor
// times slower when all are closed; Refresh polls at once. Each poll is
// exactly one Quotes call with every watched symbol (the provider splits it
// into requests of at most 50 itself).
//
// Daily history is loaded at start, for symbols added by SetSymbols, and
// again for every symbol once per trading session (SessionDate); through a
// cache-wrapped provider that is a tail fetch, or nothing.
//
// Set the exported fields before calling Run; they must not change after.
type Poller struct {
	Provider Provider
	// Send delivers messages (QuotesMsg, HistoryMsg, ProgressMsg) to the
	// program, e.g. (*tea.Program).Send. It is called from the poller's
	// goroutines and must not block for long.
	Send func(msg any)
	// Every is the quote poll interval while a market is open (the config's
	// refresh): DefaultRefresh when 0, never below MinRefresh.
	Every time.Duration
	// From returns the first date of history to load, given today's New
	// York date (the last date asked for). Nil means DefaultFrom.
	From func(today market.Date) market.Date
	// Batch is the number of symbols per History call (DefaultBatch when 0).
	Batch int
	// Initial, when set, is read once at start before Provider is asked
	// anything, so the first frame shows cached data before any network
	// request returns (use cache.Only). Its messages are sent like any
	// other; Provider's later answers replace them.
	Initial Provider
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// OnPanic, when set, receives a panic recovered in a goroutine the
	// poller starts (with the stack), so the program can restore the
	// terminal and report it; the poller stops. Nil lets the panic crash
	// the process as usual.
	OnPanic func(v any, stack []byte)
	// NewTimer starts a timer firing once after d and returns its channel
	// and a stop function (time.NewTimer when nil). Tests inject a fake.
	NewTimer func(d time.Duration) (c <-chan time.Time, stop func())

	mu      sync.Mutex
	symbols []string
	pending []string // symbols whose history must be (re)loaded

	// RetryMin and RetryMax bound the backoff of failed history loads:
	// the first retry waits RetryMin, each further one twice as long, up
	// to RetryMax (DefaultRetryMin and DefaultRetryMax when 0). Refresh
	// retries at once.
	RetryMin, RetryMax time.Duration

	refresh  chan struct{} // poll quotes now (the r key); capacity 1
	repoll   chan struct{} // poll quotes now (the first load settling); capacity 1
	retryNow chan struct{} // retry failed histories now; capacity 1
	histWake chan struct{} // pending changed; capacity 1
	open     atomic.Bool   // the last poll saw an open market
	settle   settler
}

// NewPoller returns a poller of symbols from provider, sending to send.
func NewPoller(provider Provider, send func(msg any), symbols []string) *Poller {
	p := &Poller{
		Provider: provider,
		Send:     send,
		symbols:  slices.Clone(symbols),
		refresh:  make(chan struct{}, 1),
		repoll:   make(chan struct{}, 1),
		retryNow: make(chan struct{}, 1),
		histWake: make(chan struct{}, 1),
	}
	p.open.Store(true)
	return p
}

// DefaultFrom is the first date of history every part of whoosh loads (one
// date, so the snapshot and the dashboard share one warm cache): five years
// for the longest window plus four months for the Whoosh Index's 63-day
// look-back before it, and at least back to a week before the essay's date
// so the ESSAY window always has its base.
func DefaultFrom(today market.Date) market.Date {
	return min(today.AddMonths(-64), market.EssayDate.AddDays(-7))
}

// PollInterval returns the wait before the next quote poll for a given
// refresh setting and market state.
func PollInterval(refresh time.Duration, open bool) time.Duration {
	if refresh == 0 {
		refresh = DefaultRefresh
	}
	refresh = max(refresh, MinRefresh)
	if !open {
		return ClosedFactor * refresh
	}
	return refresh
}

// Refresh asks for a quote poll now and retries failed history loads at
// once (the r key). It never blocks; requests made while a poll is pending
// are merged into it. The poll's QuotesMsg has Manual set.
func (p *Poller) Refresh() {
	select {
	case p.refresh <- struct{}{}:
	default:
	}
	select {
	case p.retryNow <- struct{}{}:
	default:
	}
}

// pollNow asks for a quote poll without retrying histories, for the
// poller's own needs (not Manual).
func (p *Poller) pollNow() {
	select {
	case p.repoll <- struct{}{}:
	default:
	}
}

// SetSymbols replaces the watched symbols (a config reload). Symbols not
// watched before get their history loaded; all are quoted at once.
func (p *Poller) SetSymbols(symbols []string) {
	p.mu.Lock()
	var added []string
	for _, s := range symbols {
		if !slices.Contains(p.symbols, s) && !slices.Contains(added, s) {
			added = append(added, s)
		}
	}
	p.symbols = slices.Clone(symbols)
	p.mu.Unlock()
	if len(added) > 0 {
		p.queueHistory(added)
		p.Refresh()
	}
}

// Symbols returns the watched symbols.
func (p *Poller) Symbols() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.symbols)
}

func (p *Poller) queueHistory(symbols []string) {
	p.mu.Lock()
	for _, s := range symbols {
		if !slices.Contains(p.pending, s) {
			p.pending = append(p.pending, s)
		}
	}
	p.mu.Unlock()
	select {
	case p.histWake <- struct{}{}:
	default:
	}
}

// takePending returns the queued symbols still watched and empties the
// queue.
func (p *Poller) takePending() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, s := range p.pending {
		if slices.Contains(p.symbols, s) {
			out = append(out, s)
		}
	}
	p.pending = nil
	return out
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) timer(d time.Duration) (<-chan time.Time, func()) {
	if p.NewTimer != nil {
		return p.NewTimer(d)
	}
	t := time.NewTimer(d)
	return t.C, func() { t.Stop() }
}

func (p *Poller) send(ctx context.Context, msg any) {
	if ctx.Err() == nil && p.Send != nil {
		p.Send(msg)
	}
}

// Run polls until ctx is done, then returns once every goroutine it
// started has finished.
func (p *Poller) Run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()

	if p.Initial != nil {
		p.initial(ctx)
	}
	session := SessionDate(p.now())
	p.queueHistory(p.Symbols())
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer p.recoverPanic(cancel)
		p.historyLoop(ctx)
	}()

	manual := false
	for {
		p.pollQuotes(ctx, manual)
		c, stop := p.timer(PollInterval(p.Every, p.open.Load()))
		select {
		case <-ctx.Done():
			stop()
			return
		case <-c:
			manual = false
		case <-p.refresh:
			stop()
			manual = true
		case <-p.repoll:
			stop()
			manual = false
		}
		if s := SessionDate(p.now()); s != session {
			session = s
			p.queueHistory(p.Symbols())
		}
	}
}

// recoverPanic is deferred in the poller's goroutines: with OnPanic set, a
// panic is handed to it and the poller stops.
func (p *Poller) recoverPanic(stop context.CancelFunc) {
	if p.OnPanic == nil {
		return
	}
	if r := recover(); r != nil {
		stop()
		p.OnPanic(r, debug.Stack())
	}
}

func (p *Poller) from(today market.Date) market.Date {
	if p.From != nil {
		return p.From(today)
	}
	return DefaultFrom(today)
}
