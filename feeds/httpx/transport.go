package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Transport is the http.RoundTripper behind every whoosh client. It is safe
// for concurrent use; all requests through one Transport share its rate
// limiter.
type Transport struct {
	o   Options
	lim *limiter
	br  *breaker
}

// NewTransport returns a Transport configured by o (zero fields take the
// package defaults).
func NewTransport(o Options) *Transport {
	o = o.withDefaults()
	return &Transport{o: o, lim: newLimiter(o.RatePerSec, o.Burst, o.Now, o.Sleep), br: newBreaker(o.BreakerCooldown, o.Now)}
}

// MaxBody reports the body cap in force.
func (t *Transport) MaxBody() int64 { return t.o.MaxBody }

// BodyTooLargeError is returned when reading a response body past the cap.
type BodyTooLargeError struct {
	Limit int64
	URL   string // scheme, host and path; the query is left out (it may hold a session token)
}

func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("response from %s larger than %d bytes", e.URL, e.Limit)
}

// RoundTrip sends req, waiting on the rate limiter before every attempt and
// retrying as described in the package comment. After the last retry the
// final response (a 429 or 5xx included) is returned as is, so the caller
// can read its status, body and Retry-After. A host whose last request
// failed is not asked again for BreakerCooldown (see breaker.go).
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	host, kind := req.URL.Host, route(req.URL)
	retryable := (req.Method == "" || req.Method == http.MethodGet || req.Method == http.MethodHead) &&
		(req.Body == nil || req.Body == http.NoBody)
	for attempt := 0; ; attempt++ {
		if err := t.br.check(host); err != nil {
			return nil, err
		}
		if err := t.br.check(kind); err != nil {
			return nil, err
		}
		if err := t.lim.wait(ctx); err != nil {
			return nil, err
		}
		actx, cancel := context.WithTimeout(ctx, t.o.Timeout)
		r := req.Clone(actx)
		r.Header.Set("User-Agent", t.o.UserAgent)
		if r.Header.Get("Accept-Language") == "" {
			r.Header.Set("Accept-Language", "en-US,en;q=0.9")
		}
		resp, err := t.o.Base.RoundTrip(r)
		if t.o.Observe != nil {
			status := 0
			if err == nil {
				status = resp.StatusCode
			}
			t.o.Observe(req.URL.Path, status)
		}
		if err != nil {
			timedOut := actx.Err() != nil
			cancel()
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if timedOut {
				err = fmt.Errorf("%s did not answer within %v: %w", host, t.o.Timeout, context.DeadlineExceeded)
				t.br.trip(host, err)
				return nil, err
			}
			if !retryable || attempt >= t.o.MaxRetries || !transient(err) {
				t.br.trip(host, err)
				return nil, err
			}
			if err := t.o.Sleep(ctx, t.backoff(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		if retryable && retryStatus(resp.StatusCode) {
			if attempt >= t.o.MaxRetries {
				// The host answers: only this kind of request is held back
				// (5-minute charts failing must not stop the daily ones).
				t.br.trip(kind, fmt.Errorf("%s answered HTTP %d %s %d times", host, resp.StatusCode, http.StatusText(resp.StatusCode), attempt+1))
				return t.capped(resp, actx, ctx, cancel), nil
			}
			delay := t.backoff(attempt)
			if ra, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), t.o.Now()); ok {
				if ra > t.o.MaxBackoff {
					// Waiting that long inside one call would freeze the
					// caller; hand the refusal back so it can be shown.
					return t.capped(resp, actx, ctx, cancel), nil
				}
				delay = ra
			}
			discard(resp.Body)
			cancel()
			if err := t.o.Sleep(ctx, delay); err != nil {
				return nil, err
			}
			continue
		}
		t.br.reset(host)
		t.br.reset(kind)
		return t.capped(resp, actx, ctx, cancel), nil
	}
}

// backoff returns the jittered delay before retry number attempt+1: the
// exponential step d = base·2^attempt (capped), drawn from [d/2, d).
func (t *Transport) backoff(attempt int) time.Duration {
	d := t.o.BaseBackoff
	for i := 0; i < attempt && d < t.o.MaxBackoff; i++ {
		d *= 2
	}
	if d > t.o.MaxBackoff {
		d = t.o.MaxBackoff
	}
	return d/2 + time.Duration(t.o.Rand()*float64(d/2))
}

// capped wraps resp's body: reads past MaxBody fail, and a body that does
// not finish within the attempt's timeout (a server dripping bytes) fails
// with a message saying so and opens the breaker.
func (t *Transport) capped(resp *http.Response, actx, ctx context.Context, cancel context.CancelFunc) *http.Response {
	u := *resp.Request.URL
	u.RawQuery, u.User, u.Fragment = "", nil, ""
	b := &cappedBody{rc: resp.Body, max: t.o.MaxBody, cancel: cancel, t: t, actx: actx, ctx: ctx, host: u.Host}
	if resp.ContentLength > t.o.MaxBody {
		b.err = &BodyTooLargeError{Limit: t.o.MaxBody, URL: u.String()}
	}
	b.url = u.String()
	resp.Body = b
	return resp
}

func retryStatus(code int) bool {
	return code == http.StatusTooManyRequests || (code >= 500 && code != http.StatusNotImplemented && code <= 599)
}

// transient reports whether err is a network failure worth another try.
// Attempt timeouts are not: a server that was too slow once will likely be
// too slow again, and the caller is waiting.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.IsTemporary || dns.IsTimeout
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// discard drains a little of a body we are about to drop so the connection
// can be reused, then closes it.
func discard(rc io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(rc, 64<<10))
	_ = rc.Close()
}

// MaxRetryAfter caps every wait a Retry-After header can ask for. No
// server means longer, and the cap keeps messages that quote the wait
// ("retry in 1d") sane and the arithmetic far from overflow.
const MaxRetryAfter = 24 * time.Hour

// ParseRetryAfter parses a Retry-After header value, either delay seconds or
// an HTTP date, into a wait from now, capped at MaxRetryAfter. ok is false
// when v is empty or unparsable; a date in the past gives 0, true; a
// number of seconds too large for any integer type gives MaxRetryAfter.
// It is the one Retry-After parser of whoosh.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if v[0] >= '0' && v[0] <= '9' {
		n, err := strconv.ParseUint(v, 10, 64)
		switch {
		case err == nil:
			return time.Duration(min(n, uint64(MaxRetryAfter/time.Second))) * time.Second, true
		case errors.Is(err, strconv.ErrRange):
			return MaxRetryAfter, true
		}
		return 0, false
	}
	at, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return min(max(at.Sub(now), 0), MaxRetryAfter), true
}

// RetryAfter returns the wait a response asks for in its Retry-After
// header, or 0 when it gives none.
func RetryAfter(resp *http.Response) time.Duration {
	d, _ := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	return d
}

// cappedBody fails reads past max bytes and ends the attempt's context when
// closed.
type cappedBody struct {
	rc        io.ReadCloser
	n, max    int64
	err       error
	url       string
	cancel    context.CancelFunc
	t         *Transport
	actx, ctx context.Context // the attempt's and the caller's
	host      string
}

func (b *cappedBody) Read(p []byte) (int, error) {
	if b.err != nil {
		return 0, b.err
	}
	if room := b.max - b.n + 1; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.rc.Read(p)
	if err != nil && err != io.EOF && b.actx.Err() != nil && b.ctx.Err() == nil {
		b.err = fmt.Errorf("%s did not finish its answer within %v: %w", b.host, b.t.o.Timeout, context.DeadlineExceeded)
		b.t.br.trip(b.host, b.err)
		return n, b.err
	}
	b.n += int64(n)
	if b.n > b.max {
		n -= int(b.n - b.max)
		b.n = b.max
		b.err = &BodyTooLargeError{Limit: b.max, URL: b.url}
		return n, b.err
	}
	return n, err
}

func (b *cappedBody) Close() error {
	err := b.rc.Close()
	b.cancel()
	return err
}

// route names a kind of request for the breaker: the host, the path up to
// its last segment (the symbol) and the interval asked for, so
// "/v8/finance/chart/NVDA?interval=5m" and "…/TSLA?interval=5m" are one
// kind and the daily charts another.
func route(u *url.URL) string {
	p := u.Path
	if i := strings.LastIndexByte(p, '/'); i > 0 {
		p = p[:i]
	}
	r := u.Host + p
	if iv := u.Query().Get("interval"); iv != "" {
		r += "?interval=" + iv
	}
	return r
}
