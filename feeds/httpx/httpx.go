// Package httpx is the one HTTP client of whoosh. Every provider request
// goes through a Transport that sets a browser-like User-Agent, waits on one
// rate limiter shared by all requests of that transport, retries 429, 5xx and
// transient network errors of idempotent requests with capped exponential
// backoff and jitter (honouring Retry-After), bounds every attempt (body
// included) with a timeout, caps response bodies, and stops asking a host
// that has just failed (breaker.go).
package httpx

import (
	"context"
	"math/rand/v2"
	"net/http"
	"time"
)

// DefaultUserAgent is a current desktop browser's User-Agent. Yahoo answers
// Go's default agent with errors more often than a browser's.
const DefaultUserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

// Defaults used for zero Options fields.
const (
	DefaultTimeout     = 10 * time.Second
	DefaultMaxBody     = 8 << 20 // 8 MiB
	DefaultMaxRetries  = 3
	DefaultBaseBackoff = 500 * time.Millisecond
	DefaultMaxBackoff  = 30 * time.Second
	DefaultRatePerSec  = 4
	DefaultBurst       = 4
)

// Options configures a Transport. Zero fields take the defaults above.
type Options struct {
	// UserAgent replaces whatever User-Agent a request carries.
	UserAgent string
	// Timeout bounds each attempt, from sending the request to closing the
	// response body. The caller's context bounds the whole call.
	Timeout time.Duration
	// BreakerCooldown is how long a host whose request failed after its
	// retries is not asked again (requests fail at once with a
	// *HostDownError); default DefaultBreakerCooldown, negative: never.
	BreakerCooldown time.Duration
	// MaxBody caps a response body; reading past it fails with
	// *BodyTooLargeError.
	MaxBody int64
	// MaxRetries is how many times a failed idempotent request is retried;
	// negative means never.
	MaxRetries int
	// BaseBackoff is the first retry delay; it doubles on each retry up to
	// MaxBackoff. A Retry-After longer than MaxBackoff is not waited for:
	// the 429 response is returned at once so the caller can report it.
	BaseBackoff, MaxBackoff time.Duration
	// RatePerSec and Burst shape the token bucket every attempt waits on.
	// A negative RatePerSec disables rate limiting.
	RatePerSec float64
	Burst      int
	// Sleep waits for d or until ctx is done; tests inject a fake. It must
	// return ctx.Err() when ctx ends first.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now reads the clock; tests inject a fake together with Sleep.
	Now func() time.Time
	// Rand returns a float in [0, 1) for jitter; tests inject a constant.
	Rand func() float64
	// Observe, when set, is told of every attempt that reached the
	// network: its URL path, and the HTTP status (0 when the attempt
	// failed before an answer). It must not block (metrics counters).
	Observe func(path string, status int)
	// Jar, when set, is the cookie jar of clients made by New.
	Jar http.CookieJar
	// Base is the transport that does the real work (default: a clone of
	// http.DefaultTransport).
	Base http.RoundTripper
}

func (o Options) withDefaults() Options {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.BreakerCooldown == 0 {
		o.BreakerCooldown = DefaultBreakerCooldown
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	if o.MaxRetries == 0 {
		o.MaxRetries = DefaultMaxRetries
	}
	if o.MaxRetries < 0 {
		o.MaxRetries = 0
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = DefaultBaseBackoff
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	if o.MaxBackoff < o.BaseBackoff {
		o.MaxBackoff = o.BaseBackoff
	}
	if o.RatePerSec == 0 {
		o.RatePerSec = DefaultRatePerSec
	}
	if o.Burst <= 0 {
		o.Burst = DefaultBurst
	}
	if o.Sleep == nil {
		o.Sleep = Sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.Base == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 8
		o.Base = t
	}
	return o
}

// New returns an HTTP client whose transport is NewTransport(o) and whose
// jar is o.Jar. It follows redirects the usual way; clients that must see
// redirects wrap the transport themselves.
func New(o Options) *http.Client {
	return &http.Client{Transport: NewTransport(o), Jar: o.Jar}
}

// Sleep waits for d, returning early with ctx.Err() when ctx is done.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
