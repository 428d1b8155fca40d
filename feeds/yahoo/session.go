package yahoo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
)

// maxRedirects bounds the front page's redirect chain (the 2025 EU flow
// takes six hops, the 2026 one eight).
const maxRedirects = 12

// ErrSession is wrapped when no cookie and crumb could be obtained.
var ErrSession = errors.New("yahoo session")

// session holds the cookie jar and the crumb quote requests need. One
// refresh runs at a time; callers waiting for it honour their context.
type session struct {
	client    *http.Client // no automatic redirects: the consent flow needs each hop
	cookieURL string
	crumbURL  string
	base      string // the API base, for messages
	custom    bool   // base was set by the user (see wrongBaseError)

	lock chan struct{} // held while fetching; a channel so waiting can be cancelled

	mu    sync.Mutex
	jar   http.CookieJar
	crumb string
	gen   int // bumped on every successful refresh
}

func newSession(tr http.RoundTripper, base string, custom bool, cookieURL string) *session {
	jar, _ := cookiejar.New(nil) // never fails with nil options
	s := &session{cookieURL: cookieURL, crumbURL: base + "/v1/test/getcrumb", base: base, custom: custom,
		lock: make(chan struct{}, 1), jar: jar}
	s.client = &http.Client{
		Transport:     tr,
		Jar:           jarFunc{s},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return s
}

// jarFunc forwards to the session's current jar, which a refresh replaces.
type jarFunc struct{ s *session }

func (j jarFunc) SetCookies(u *url.URL, cs []*http.Cookie) { j.s.currentJar().SetCookies(u, cs) }
func (j jarFunc) Cookies(u *url.URL) []*http.Cookie        { return j.s.currentJar().Cookies(u) }

func (s *session) currentJar() http.CookieJar {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.jar
}

// generation returns the number of the session in use (0: none yet).
func (s *session) generation() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.gen
}

// current returns the crumb and its generation, fetching one if there is
// none yet.
func (s *session) current(ctx context.Context) (string, int, error) {
	s.mu.Lock()
	crumb, gen := s.crumb, s.gen
	s.mu.Unlock()
	if crumb != "" {
		return crumb, gen, nil
	}
	return s.refresh(ctx, gen)
}

// refresh gets a new cookie and crumb unless another caller already
// replaced generation stale while this one waited.
func (s *session) refresh(ctx context.Context, stale int) (string, int, error) {
	select {
	case s.lock <- struct{}{}:
	case <-ctx.Done():
		return "", 0, ctx.Err()
	}
	defer func() { <-s.lock }()
	s.mu.Lock()
	if s.gen != stale && s.crumb != "" {
		crumb, gen := s.crumb, s.gen
		s.mu.Unlock()
		return crumb, gen, nil
	}
	jar, _ := cookiejar.New(nil)
	s.jar, s.crumb = jar, ""
	s.mu.Unlock()

	if err := s.fetchCookie(ctx); err != nil {
		return "", 0, err
	}
	crumb, err := s.fetchCrumb(ctx)
	if err != nil {
		return "", 0, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.crumb = crumb
	s.gen++
	return s.crumb, s.gen, nil
}

// fetchCookie loads the front page, following redirects by hand and
// accepting the EU consent form when it is shown, so the jar ends up with
// Yahoo's session cookies.
func (s *session) fetchCookie(ctx context.Context) error {
	method, target, form := http.MethodGet, s.cookieURL, url.Values(nil)
	for hop := 0; ; hop++ {
		if hop > maxRedirects {
			return fmt.Errorf("%w: more than %d redirects from %s", ErrSession, maxRedirects, s.cookieURL)
		}
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, err := http.NewRequestWithContext(ctx, method, target, body)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrSession, err)
		}
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		resp, err := s.client.Do(req)
		if err != nil {
			return fmt.Errorf("%w: cookie: %w", ErrSession, unwrapURLError(err))
		}
		page, readErr := io.ReadAll(io.LimitReader(resp.Body, 2<<20))
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			return &feeds.RateLimitError{RetryAfter: httpx.RetryAfter(resp)}
		}
		if loc := resp.Header.Get("Location"); loc != "" && resp.StatusCode >= 300 && resp.StatusCode < 400 {
			next, err := resp.Request.URL.Parse(loc)
			if err != nil {
				return fmt.Errorf("%w: bad redirect: %w", ErrSession, err)
			}
			method, target, form = http.MethodGet, next.String(), nil
			continue
		}
		if readErr != nil {
			return fmt.Errorf("%w: cookie: %w", ErrSession, readErr)
		}
		if f, ok := parseConsentForm(string(page)); ok && form == nil {
			action, err := resp.Request.URL.Parse(f.action)
			if err != nil {
				return fmt.Errorf("%w: bad consent form action: %w", ErrSession, err)
			}
			f.values.Add("agree", "agree")
			f.values.Add("agree", "agree") // a browser sends the button twice too
			method, target, form = http.MethodPost, action.String(), f.values
			continue
		}
		// Any other final status still leaves cookies (fc.yahoo.com answers
		// 404 with them); the crumb request tells whether they are good.
		return nil
	}
}

// fetchCrumb asks getcrumb for the crumb matching the jar's cookies.
func (s *session) fetchCrumb(ctx context.Context) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.crumbURL, nil)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrSession, err)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return "", fmt.Errorf("%w: crumb: %w", ErrSession, unwrapURLError(err))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
	if err != nil {
		return "", fmt.Errorf("%w: crumb: %w", ErrSession, err)
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return "", &feeds.RateLimitError{RetryAfter: httpx.RetryAfter(resp)}
	}
	if resp.StatusCode == http.StatusNotFound {
		// Yahoo always has getcrumb: something else answers at the base.
		return "", &wrongBaseError{base: s.base, custom: s.custom, what: "crumb", status: resp.StatusCode, err: ErrSession}
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("%w: crumb: %w", ErrSession, &feeds.HTTPError{Status: resp.StatusCode, URL: redact(req.URL), Message: yahooMessage(b)})
	}
	crumb, ok := validCrumb(string(b))
	if !ok {
		return "", fmt.Errorf("%w: getcrumb returned something that is not a crumb", ErrSession)
	}
	return crumb, nil
}

// validCrumb accepts a bare token: Yahoo's are 11 characters of letters,
// digits, '.', '/' or similar. HTML, JSON or "Too Many Requests" text are
// refused (yfinance once used the latter as a crumb).
func validCrumb(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 || strings.Contains(strings.ToLower(s), "too many") {
		return "", false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`<>{}"'\`, c) >= 0 {
			return "", false
		}
	}
	return s, true
}

// unwrapURLError drops net/http's *url.Error wrapper, whose message repeats
// the URL (and would repeat a crumb in it), keeping the cause.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// redact returns u without its query (which may carry the crumb).
func redact(u *url.URL) string {
	c := *u
	c.RawQuery, c.User, c.Fragment = "", nil, ""
	return c.String()
}
