package httpx

import (
	"context"
	"sync"
	"time"
)

// limiter is a token bucket. Callers reserve a token under the lock (the
// count may go negative, which queues them in arrival order) and then sleep
// outside it for the time the reserved token takes to refill.
type limiter struct {
	mu     sync.Mutex
	rate   float64 // tokens per second; <= 0 disables
	burst  float64
	tokens float64
	last   time.Time
	now    func() time.Time
	sleep  func(context.Context, time.Duration) error
}

func newLimiter(rate float64, burst int, now func() time.Time, sleep func(context.Context, time.Duration) error) *limiter {
	return &limiter{rate: rate, burst: float64(burst), tokens: float64(burst), now: now, sleep: sleep}
}

// wait blocks until a token is available or ctx is done.
func (l *limiter) wait(ctx context.Context) error {
	if l.rate <= 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.now()
	if !l.last.IsZero() && now.After(l.last) {
		l.tokens += now.Sub(l.last).Seconds() * l.rate
		if l.tokens > l.burst {
			l.tokens = l.burst
		}
	}
	if l.last.IsZero() || now.After(l.last) {
		l.last = now
	}
	l.tokens--
	var d time.Duration
	if l.tokens < 0 {
		d = time.Duration(-l.tokens / l.rate * float64(time.Second))
	}
	l.mu.Unlock()
	if d <= 0 {
		return ctx.Err()
	}
	if err := l.sleep(ctx, d); err != nil {
		l.mu.Lock()
		l.tokens++ // give the unused reservation back
		l.mu.Unlock()
		return err
	}
	return nil
}
