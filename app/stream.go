package app

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// macroEvery is how often macro series are reloaded (FRED publishes
// monthly; the cache makes a same-day reload free).
const macroEvery = 24 * time.Hour

// Stream is a running pipeline: the poller (history and quotes), the macro
// loader and, for the dashboard, the config watcher, each a goroutine that
// talks to the front end only through send.
type Stream struct {
	s      *Session
	send   func(any)
	poller *feeds.Poller
	// Watch enables hot reload of the config file (the dashboard).
	Watch bool
	// OnPanic receives a panic recovered in one of the stream's
	// goroutines, with its stack; the stream then stops. Nil re-panics.
	OnPanic func(v any, stack []byte)

	macroMu  sync.Mutex // orders macro messages against the fallback switch
	fellBack bool       // auto fell back to the demo: macro comes from it too

	firstHistory     chan struct{} // closed when the first history has been forwarded
	firstHistoryOnce sync.Once

	intraday *intradayLoop // 5-minute bars for 1D (app/intraday.go)
}

// Stream returns the session's pipeline, delivering to send. send is
// called from several goroutines and must not block for long.
func (s *Session) Stream(send func(any)) *Stream {
	st := &Stream{s: s, send: send, firstHistory: make(chan struct{}), intraday: newIntradayLoop()}
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
			// it as idle heap for the rest of the session.
			go debug.FreeOSMemory()
		}
	}
}

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

// loadLong fetches, once, the daily bars of ^NDX and ^GSPC in the week up
// to the dot-com peak (market.ThesisPeak) for the scorecard's 1999 claim.
// It waits for the first history so auto has chosen its source; through
// the cache the fetch happens once ever (the range is in the past).
func (st *Stream) loadLong(ctx context.Context) {
	select {
	case <-st.firstHistory:
	case <-ctx.Done():
		return
	}
	syms := market.ThesisLongSymbols()
	hs, err := st.s.provider.History(ctx, syms, market.ThesisPeak.AddDays(-7), market.ThesisPeak)
	if ctx.Err() != nil {
		return
	}
	msg := LongMsg{Series: map[string]market.Series{}, Err: err}
	for _, h := range hs {
		if len(h.Bars) > 0 {
			msg.Series[h.Symbol] = h.Series()
		}
	}
	st.send(msg)
}

// macroLoop loads the macro series at start and then once a day. Where
// auto may fall back to the demo, it first waits for the first history:
// FRED is not asked for data that simulated prices would hide.
func (st *Stream) macroLoop(ctx context.Context) {
	if st.s.fallback != nil {
		select {
		case <-st.firstHistory:
		case <-ctx.Done():
			return
		}
	}
	for {
		st.macroMu.Lock()
		fellBack := st.fellBack
		st.macroMu.Unlock()
		if fellBack {
			return // the demo's macro series were sent with the fallback
		}
		series, origin, warns := loadMacro(ctx, st.s.macro, st.s.Config.Macro.Series)
		if ctx.Err() != nil {
			return
		}
		st.macroMu.Lock()
		if !st.fellBack {
			st.send(MacroMsg{Series: series, Origin: origin, Warnings: warns})
		}
		st.macroMu.Unlock()
		select {
		case <-ctx.Done():
			return
		case <-time.After(macroEvery):
		}
	}
}

// loadMacro fetches ids from src; a failed series is a warning, and
// series failing for the same reason share one ("macro: UNRATE, FEDFUNDS:
// connection refused").
func loadMacro(ctx context.Context, src macroSource, ids []string) (map[string][]market.Observation, feeds.Origin, []string) {
	out := map[string][]market.Observation{}
	var reasons []string
	failed := map[string][]string{}
	for _, id := range ids {
		obs, err := src.Series(ctx, id)
		if err != nil {
			r := ui.Sanitize(strings.TrimPrefix(feeds.Reason(err), "fred "+id+": "))
			if failed[r] == nil {
				reasons = append(reasons, r)
			}
			failed[r] = append(failed[r], id)
			continue
		}
		out[id] = obs
	}
	var warns []string
	for _, r := range reasons {
		warns = append(warns, "macro: "+strings.Join(failed[r], ", ")+": "+r)
	}
	origin := feeds.Origin{Kind: feeds.KindFRED, Provider: "fred"}
	if o, ok := src.(interface{ Origin() feeds.Origin }); ok {
		origin = o.Origin()
	}
	if len(out) == 0 {
		return nil, origin, warns
	}
	return out, origin, warns
}

// watchConfig applies config edits while the dashboard runs: a good edit
// replaces the spec and fetches only the new symbols; a bad one keeps the
// last good config and shows the error. whoosh's own edits come through
// ApplyConfig instead (the watcher skips them).
//
// An edited window: applies too (only when the file's value changed, so a
// save does not undo the user's ←/→); source: and refresh: apply on the
// next start.
func (st *Stream) watchConfig(ctx context.Context) {
	lastWindow := st.s.Config.Window
	err := config.Watch(ctx, st.s.ConfigPath, func(cfg *config.Config, err error) {
		if err != nil {
			st.send(ConfigMsg{Err: err}) // the feed sanitizes it, line by line
			return
		}
		var win *market.Window
		if cfg.Window != lastWindow {
			w := cfg.Window
			win, lastWindow = &w, w
		}
		st.apply(cfg, win)
	})
	if err != nil && ctx.Err() == nil {
		st.send(WarningMsg{Text: fmt.Sprintf("config hot reload off: %s", ui.Sanitize(err.Error()))})
	}
}

// ApplyConfig is the road of an in-app edit (config.EditFile, whose write
// the watcher does not report): the poller fetches the symbols the new
// config adds at once and every front end receives the ConfigMsg. Safe
// from any goroutine.
func (st *Stream) ApplyConfig(cfg *config.Config) { st.apply(cfg, nil) }

// apply re-plans the poller on cfg's spec and announces it.
func (st *Stream) apply(cfg *config.Config, win *market.Window) {
	sp := cfg.Spec()
	st.poller.SetSymbols(FetchSymbols(sp))
	st.send(ConfigMsg{Spec: sp, Window: win})
}

// warnHub delivers warnings to the running stream, holding those raised
// before it starts (while opening the source).
type warnHub struct {
	mu      sync.Mutex
	deliver func(string)
	pending []string
}

func (w *warnHub) add(err error) { w.addText(ui.Sanitize(err.Error())) }

func (w *warnHub) addText(text string) {
	w.mu.Lock()
	deliver := w.deliver
	if deliver == nil {
		w.pending = append(w.pending, text)
	}
	w.mu.Unlock()
	if deliver != nil {
		deliver(text)
	}
}

func (w *warnHub) attach(deliver func(string)) {
	w.mu.Lock()
	w.deliver = deliver
	pending := w.pending
	if deliver != nil {
		w.pending = nil
	}
	w.mu.Unlock()
	for _, t := range pending {
		if deliver != nil {
			deliver(t)
		}
	}
}
