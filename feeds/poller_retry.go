package feeds

import (
	"context"
	"errors"
	"slices"
	"sync"
	"time"
)

// Backoff of failed history loads.
const (
	DefaultRetryMin = 30 * time.Second
	DefaultRetryMax = 15 * time.Minute
)

// nextRetry returns the wait before the next retry after one of delay (0
// for the first).
func (p *Poller) nextRetry(delay time.Duration) time.Duration {
	lo, hi := p.RetryMin, p.RetryMax
	if lo <= 0 {
		lo = DefaultRetryMin
	}
	if hi <= 0 {
		hi = DefaultRetryMax
	}
	if delay <= 0 {
		return lo
	}
	return min(2*delay, hi)
}

// retryable returns the symbols of syms that a later load may fix: those
// whose history failed, or that the call failed for, except auto's demo
// answers (a fallback is a decision, not a failure).
func retryable(syms []string, hs []History, err error) []string {
	if len(hs) != len(syms) {
		return slices.Clone(syms)
	}
	var out []string
	for i, h := range hs {
		var fe *FallbackError
		if (h.Err != nil && !errors.As(h.Err, &fe)) || (err != nil && len(h.Bars) == 0) {
			out = append(out, syms[i])
		}
	}
	return out
}

// addPending queues syms for the next history load without waking the
// loop (the caller is the loop).
func (p *Poller) addPending(syms []string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range syms {
		if !slices.Contains(p.pending, s) {
			p.pending = append(p.pending, s)
		}
	}
}

// afterSettle acts on a settler's verdict: send SettledMsg, or poll quotes
// again because the ones in hand came before the history decided the
// source.
func (p *Poller) afterSettle(ctx context.Context, v settleVerdict) {
	switch v {
	case settleNow:
		p.send(ctx, SettledMsg{At: p.now()})
	case settleRepoll:
		p.pollNow()
	}
}

type settleVerdict int

const (
	settleWait settleVerdict = iota
	settleNow
	settleRepoll
)

// settler decides when the first load is complete: the first history load
// has finished and a quote poll has answered that either gave a good quote
// or started after that history load (so auto had settled on its source).
// Quotes that all failed before the history came in (for example before
// auto settled on its fallback) are polled again at once rather than a
// full interval later.
type settler struct {
	mu                sync.Mutex
	histDone, settled bool
	inFlight, polled  bool
	lastGood          bool
}

func (s *settler) pollStarted() (afterHistory bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight = true
	return s.histDone
}

func (s *settler) pollEnded(good, afterHistory bool) settleVerdict {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inFlight, s.polled, s.lastGood = false, true, good
	switch {
	case s.settled || !s.histDone:
		return settleWait
	case good || afterHistory:
		s.settled = true
		return settleNow
	}
	return settleRepoll
}

func (s *settler) historyEnded() settleVerdict {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.histDone = true
	switch {
	case s.settled || s.inFlight || !s.polled:
		// The poll in flight decides when it ends; with none yet, the
		// first one is about to start and will settle (it follows the
		// history).
		return settleWait
	case s.lastGood:
		s.settled = true
		return settleNow
	}
	return settleRepoll
}
