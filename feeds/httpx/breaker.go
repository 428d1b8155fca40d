package httpx

import (
	"sync"
	"time"
)

// The breaker bounds what an outage costs. Without it a Yahoo that accepts
// connections and never answers costs every request its full Timeout, one
// after another (23 symbols, 4 at a time: six rounds), and the caller's
// deadline passes before anything falls back to the cache. Once a request
// to a host has failed after its retries (no answer within Timeout, a body
// that did not finish in time, a refused or reset connection, 5xx or 429
// to the end), further requests to that host fail at once with a
// *HostDownError for BreakerCooldown; then requests go through again.

// DefaultBreakerCooldown is how long a host that failed is not asked again.
const DefaultBreakerCooldown = 30 * time.Second

// HostDownError is returned, without a request, for a host whose previous
// request failed less than BreakerCooldown ago. It wraps that failure, so
// errors.Is sees the original cause (context.DeadlineExceeded,
// syscall.ECONNREFUSED, ...).
type HostDownError struct {
	Host  string
	Cause error
}

func (e *HostDownError) Error() string {
	return e.Cause.Error() + "; not asked again for now"
}

// Unwrap returns the failure that opened the breaker.
func (e *HostDownError) Unwrap() error { return e.Cause }

type breaker struct {
	cooldown time.Duration // ≤ 0: never opens
	now      func() time.Time

	mu   sync.Mutex
	down map[string]hostDown
}

type hostDown struct {
	at    time.Time
	cause error
}

func newBreaker(cooldown time.Duration, now func() time.Time) *breaker {
	return &breaker{cooldown: cooldown, now: now, down: map[string]hostDown{}}
}

// check returns a *HostDownError when host failed within the cooldown.
func (b *breaker) check(host string) error {
	if b.cooldown <= 0 {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	d, ok := b.down[host]
	if !ok {
		return nil
	}
	if b.now().Sub(d.at) >= b.cooldown {
		delete(b.down, host)
		return nil
	}
	return &HostDownError{Host: host, Cause: d.cause}
}

// trip records that a request to host failed with cause.
func (b *breaker) trip(host string, cause error) {
	if b.cooldown <= 0 {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.down[host]; !ok {
		b.down[host] = hostDown{at: b.now(), cause: cause}
	}
}

// reset records that host answered.
func (b *breaker) reset(host string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.down, host)
}
