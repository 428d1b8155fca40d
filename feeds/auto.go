package feeds

import (
	"context"
	"fmt"
	"sync"

	"github.com/whoosh-dev/whoosh/market"
)

// FallbackError is the warning attached to data the auto source took from
// its fallback (the demo simulation) because the primary source had
// nothing at all. The data alongside it is valid; it is just not real.
type FallbackError struct {
	Primary, Fallback string // provider names
	Cause             error  // the primary's first error, nil if it gave none
}

func (e *FallbackError) Error() string {
	msg := "no " + e.Primary + " data and nothing cached: showing " + e.Fallback + " data"
	if e.Cause != nil {
		msg += " (" + e.Primary + ": " + e.Cause.Error() + ")"
	}
	return msg
}

// Unwrap returns the primary's error.
func (e *FallbackError) Unwrap() error { return e.Cause }

// autoMode is which source the auto provider has committed to.
type autoMode int

const (
	autoUndecided autoMode = iota
	autoPrimary            // the primary produced real data: never fall back
	autoFallback           // the primary had nothing: everything from the fallback
)

// NewAuto returns the default source, named "auto". primary is the
// cache-wrapped live provider (which already answers each failed symbol
// from the cache); fallback is the demo simulation.
//
// Real and simulated data are never mixed. As soon as the primary gives
// any bars or any good quote, auto commits to it for good, and failures
// afterwards stay failures (the primary labels cached data itself). Only
// when a History call gets no bars at all for any symbol from the primary,
// and nothing real was seen before, does auto commit to the fallback for
// the rest of the session: that call and every later one are answered by
// the fallback alone, each History's Err set to a *FallbackError saying
// why. Quotes before that decision come from the primary, failed or not.
// Origins are passed through untouched, so demo data stays labelled DEMO.
func NewAuto(primary, fallback Provider) Provider {
	return &auto{primary: primary, fallback: fallback}
}

type auto struct {
	primary, fallback Provider

	mu    sync.Mutex
	mode  autoMode
	cause error // why auto fell back
}

// Name returns "auto".
func (a *auto) Name() string { return "auto" }

func (a *auto) state() (autoMode, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.mode, a.cause
}

// commit moves an undecided auto to mode and returns the mode now in force
// (another goroutine may have decided first).
func (a *auto) commit(mode autoMode, cause error) (autoMode, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.mode == autoUndecided {
		a.mode, a.cause = mode, cause
	}
	return a.mode, a.cause
}

func (a *auto) History(ctx context.Context, symbols []string, from, to market.Date) ([]History, error) {
	mode, cause := a.state()
	if mode != autoFallback {
		hs, err := a.primary.History(ctx, symbols, from, to)
		if anyBars(hs) {
			// Real data, even when ctx ended meanwhile: the primary
			// (cache-wrapped) answers what it could not fetch from the
			// cache, and that beats an error.
			a.commit(autoPrimary, nil)
			return hs, nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			// The caller gave up before the primary said anything: no
			// reason to commit to the fallback for good.
			return hs, ctxErr
		}
		if len(symbols) == 0 {
			return hs, err
		}
		why := err
		if why == nil {
			why = firstHistoryErr(hs)
		}
		if mode, cause = a.commit(autoFallback, why); mode == autoPrimary {
			return hs, err // real data seen before: report the failure, never demo
		}
	}
	hs, err := a.fallback.History(ctx, symbols, from, to)
	if err != nil {
		return nil, fmt.Errorf("auto: %s after %s failed: %w", a.fallback.Name(), a.primary.Name(), err)
	}
	warn := &FallbackError{Primary: a.primary.Name(), Fallback: a.fallback.Name(), Cause: cause}
	for i := range hs {
		if hs[i].Err == nil {
			hs[i].Err = warn
		}
	}
	return hs, nil
}

func (a *auto) Quotes(ctx context.Context, symbols []string) ([]Quote, error) {
	if mode, _ := a.state(); mode == autoFallback {
		return a.fallback.Quotes(ctx, symbols)
	}
	qs, err := a.primary.Quotes(ctx, symbols)
	if err == nil && anyQuote(qs) {
		if mode, _ := a.commit(autoPrimary, nil); mode == autoFallback {
			// History fell back meanwhile: stay consistent with it.
			return a.fallback.Quotes(ctx, symbols)
		}
	}
	return qs, err
}

func anyBars(hs []History) bool {
	for _, h := range hs {
		if len(h.Bars) > 0 {
			return true
		}
	}
	return false
}

func anyQuote(qs []Quote) bool {
	for _, q := range qs {
		if q.Err == nil {
			return true
		}
	}
	return false
}

func firstHistoryErr(hs []History) error {
	for _, h := range hs {
		if h.Err != nil {
			return h.Err
		}
	}
	return nil
}
