package app

import (
	"context"
	"errors"
	"os"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// macroEvery is how often macro series are reloaded (FRED publishes
// monthly; the cache makes a same-day reload free).
const macroEvery = 24 * time.Hour

// Stream is a running pipeline: the poller (history and quotes), the macro
// loader and, for the dashboard, the config watcher, each a goroutine that
// talks to the front end only through send.
type Stream struct {
	s      *Session
	sink   atomic.Pointer[func(any)] // where send delivers; Run may wrap it (the alert evaluator's tee)
	poller *feeds.Poller
	// Watch enables hot reload of the config file (the dashboard).
	Watch bool
	// OnPanic receives a panic recovered in one of the stream's
	// goroutines, with its stack; the stream then stops. Nil re-panics.
	OnPanic func(v any, stack []byte)

	applyMu  sync.Mutex           // one config at a time: the poller's plan and the ConfigMsg in the same order
	rulesTo  func([]config.Alert) // under applyMu: the alert evaluator, told each config's rules
	macroMu  sync.Mutex           // orders macro messages against the fallback switch
	fellBack bool                 // auto fell back to the demo: macro comes from it too

	firstHistory     chan struct{} // closed when the first history has been forwarded
	firstHistoryOnce sync.Once

	intraday *intradayLoop // 5-minute bars for 1D (app/intraday.go)
}

// Stream returns the session's pipeline, delivering to send. send is
// called from several goroutines and must not block for long.
func (s *Session) Stream(send func(any)) *Stream {
	st := &Stream{s: s, firstHistory: make(chan struct{}), intraday: newIntradayLoop(market.SpecSymbols(s.Spec))}
	st.sink.Store(&send)
	p := feeds.NewPoller(s.provider, st.forward, FetchSymbols(s.Spec))
	p.Every = s.Config.Refresh
	p.Initial = s.initial
	p.Now = s.now
	if s.AsOfFixed {
		// A fixed as-of date: every load asks for the same days.
		asOf := s.AsOf
		p.Now = func() time.Time { return calendar.CloseTime(asOf) }
	}
	st.poller = p
	return st
}

// send delivers one message to the front end. It may be called from any
// goroutine, before Run as well (an in-app edit's ApplyConfig).
func (st *Stream) send(msg any) { (*st.sink.Load())(msg) }

// Refresh polls quotes now and retries failed history loads (the r key).
func (st *Stream) Refresh() { st.poller.Refresh() }

// Run streams until ctx is done and every goroutine has returned.
func (st *Stream) Run(ctx context.Context) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	goSafe := func(fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil {
					cancel()
					if st.OnPanic == nil {
						panic(r)
					}
					st.OnPanic(r, debug.Stack())
				}
			}()
			fn()
		}()
	}
	goSafe(st.alertLoop(ctx)) // first: it tees what the others send (app/alerts.go)
	st.s.warnings.attach(func(text string) { st.send(WarningMsg{Text: text}) })
	defer st.s.warnings.attach(nil)
	st.poller.OnPanic = func(v any, stack []byte) {
		cancel()
		if st.OnPanic == nil {
			panic(v)
		}
		st.OnPanic(v, stack)
	}
	goSafe(func() { st.poller.Run(ctx) })
	if st.s.macro != nil {
		goSafe(func() { st.macroLoop(ctx) })
	}
	goSafe(func() { st.loadLong(ctx) })
	goSafe(func() { st.runIntraday(ctx) })
	if st.Watch && st.s.ConfigPath != "" {
		goSafe(func() { st.watchConfig(ctx) })
	}
	<-ctx.Done()
	wg.Wait()
}

// forward passes the poller's messages on. The first history answered by
// auto's demo fallback switches macro data to the demo too, before the
// history is delivered, so simulated prices never sit beside real
// unemployment and both front ends see the same order.
func (st *Stream) forward(msg any) {
	if hm, ok := msg.(feeds.HistoryMsg); ok {
		// Converted here once for every feed the stream reaches (the
		// dashboard's, the alert evaluator's, each serve viewer's).
		msg = st.s.axes.compact(hm)
	}
	if hm, ok := msg.(feeds.HistoryMsg); ok && st.s.fallback != nil && fellBack(hm) {
		st.macroMu.Lock()
		if !st.fellBack {
			st.fellBack = true
			series, origin, warns := loadMacro(context.Background(), st.s.fallback, st.s.Config.Macro.Series)
			st.send(MacroMsg{Series: series, Origin: origin, Warnings: warns})
		}
		st.macroMu.Unlock()
	}
	st.send(msg)
	switch msg.(type) {
	case feeds.QuotesMsg:
		st.intraday.wake() // 1D's tail follows the quote poll
	case feeds.HistoryMsg:
		st.firstHistoryOnce.Do(func() { close(st.firstHistory) })
	case feeds.SettledMsg:
		if st.Watch {
			// The first load decodes every history twice over (the
			// first frame, then the load) and converts it: a peak
			// several times what stays. A long-running front end gives
			// that memory back to the system once, instead of holding
			// it as idle heap for the rest of the session. From then
			// on a poll allocates little (a patch of the last date),
			// so the heap may grow a tenth past the live data instead
			// of doubling it before a collection (a few ms of GC every
			// poll or two).
			go func() {
				if os.Getenv("GOGC") == "" {
					debug.SetGCPercent(settledGCPercent)
				}
				debug.FreeOSMemory()
			}()
		}
	}
}

// settledGCPercent is the GC percentage (GOGC) of a dashboard or server
// once its first load has settled, unless GOGC is set.
const settledGCPercent = 10

func fellBack(hm feeds.HistoryMsg) bool {
	for _, h := range hm.Histories {
		var fe *feeds.FallbackError
		if errors.As(h.Err, &fe) {
			return true
		}
	}
	return false
}

// FetchSymbols is what the pipeline fetches for spec: its symbols, then
// those the thesis scorecard adds (market.ThesisSymbols), without repeats.
func FetchSymbols(spec market.Spec) []string {
	syms := market.SpecSymbols(spec)
	seen := make(map[string]bool, len(syms))
	for _, s := range syms {
		seen[s] = true
	}
	for _, s := range market.ThesisSymbols() {
		if !seen[s] {
			seen[s] = true
			syms = append(syms, s)
		}
	}
	return syms
}
