package yahoo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/internal/termsafe"
)

// apiTransport sits between finance-go and httpx. finance-go builds the
// URLs and decodes the JSON; this layer does what it cannot:
//   - rewrites its dead /v6/finance/quote to /v7 and adds the crumb;
//   - sends the session cookies, and on 401/403, "Invalid Crumb/Cookie" or
//     an HTML page where JSON was expected gets a new cookie and crumb and
//     retries exactly once;
//   - reads the body itself (finance-go throws error bodies away, and
//     flattens errors to strings) and turns Yahoo's answer into a typed
//     error: *feeds.RateLimitError, *feeds.HTTPError with Yahoo's own
//     description, feeds.ErrUnknownSymbol, ErrBadResponse, or the
//     *httpx.BodyTooLargeError of an oversized body;
//   - records that error in the call's context (see withCall), so the
//     provider reports it instead of finance-go's string;
//   - rewrites quote and chart bodies into exactly what finance-go's
//     structs read (normalize.go), so a drifted field costs that field
//     and a short array is refused before finance-go indexes it.
//
// Only bodies that passed these checks reach finance-go.
type apiTransport struct {
	next http.RoundTripper
	sess *session
}

func newAPIClient(t *apiTransport) *http.Client { return &http.Client{Transport: t} }

type endpoint int

const (
	otherEndpoint endpoint = iota
	chartEndpoint
	quoteEndpoint
)

func (ep endpoint) String() string {
	switch ep {
	case chartEndpoint:
		return "chart"
	case quoteEndpoint:
		return "quote"
	}
	return "other"
}

func classify(path string) endpoint {
	switch {
	case strings.HasSuffix(path, "/finance/quote"):
		return quoteEndpoint
	case strings.Contains(path, "/v8/finance/chart/"):
		return chartEndpoint
	}
	return otherEndpoint
}

// call carries one provider call's typed error past finance-go.
type call struct {
	mu  sync.Mutex
	err error
}

type callKey struct{}

func withCall(ctx context.Context) (context.Context, *call) {
	c := &call{}
	return context.WithValue(ctx, callKey{}, c), c
}

func (c *call) result() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

// fail records err in the request's call (if any) and returns it.
func fail(ctx context.Context, err error) error {
	if c, ok := ctx.Value(callKey{}).(*call); ok {
		c.mu.Lock()
		if c.err == nil {
			c.err = err
		}
		c.mu.Unlock()
	}
	return err
}

func (t *apiTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	ep := classify(req.URL.Path)
	for attempt := 0; ; attempt++ {
		r := req.Clone(ctx)
		gen := t.sess.generation()
		if ep == quoteEndpoint {
			r.URL.Path = strings.Replace(r.URL.Path, "/v6/finance/quote", "/v7/finance/quote", 1)
			r.URL.RawPath = ""
			crumb, g, err := t.sess.current(ctx)
			if err != nil {
				return nil, fail(ctx, err)
			}
			gen = g
			q := r.URL.Query()
			q.Set("crumb", crumb)
			r.URL.RawQuery = q.Encode()
		}
		intradayQuery(ep, r.URL)
		r.Header.Del("Cookie")
		jar := t.sess.currentJar()
		for _, c := range jar.Cookies(r.URL) {
			r.AddCookie(c)
		}
		resp, err := t.next.RoundTrip(r)
		if err != nil {
			return nil, fail(ctx, err)
		}
		if cs := resp.Cookies(); len(cs) > 0 {
			jar.SetCookies(r.URL, cs)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, fail(ctx, fmt.Errorf("reading %s: %w", redact(r.URL), err))
		}
		if attempt == 0 && sessionProblem(resp, body) {
			if _, _, err := t.sess.refresh(ctx, gen); err != nil {
				return nil, fail(ctx, err)
			}
			continue
		}
		notePeriods(ctx, ep, body)
		body, err = accept(ep, r, resp, body)
		if wb := (*wrongBaseError)(nil); errors.As(err, &wb) {
			wb.base, wb.custom = t.sess.base, t.sess.custom
		}
		if err != nil {
			return nil, fail(ctx, err)
		}
		resp.Body = io.NopCloser(bytes.NewReader(body))
		resp.ContentLength = int64(len(body))
		return resp, nil
	}
}

// accept checks a response (see check) and returns the body finance-go
// is to decode: a quote or chart body normalized (normalize.go).
func accept(ep endpoint, r *http.Request, resp *http.Response, body []byte) ([]byte, error) {
	if err := check(ep, r, resp, body); err != nil {
		return nil, err
	}
	switch ep {
	case quoteEndpoint:
		return normalizeQuotes(body)
	case chartEndpoint:
		return normalizeChart(body)
	}
	return body, nil
}

// sessionProblem reports whether Yahoo refused our cookie or crumb, or
// showed its consent page instead of data.
func sessionProblem(resp *http.Response, body []byte) bool {
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return true
	}
	if bytes.Contains(body, []byte("Invalid Crumb")) || bytes.Contains(body, []byte("Invalid Cookie")) {
		return true
	}
	return resp.StatusCode == http.StatusOK && looksHTML(resp, body)
}

func looksHTML(resp *http.Response, body []byte) bool {
	if strings.Contains(resp.Header.Get("Content-Type"), "html") {
		return true
	}
	t := bytes.TrimSpace(body)
	return len(t) > 0 && t[0] == '<'
}

// envelope is the part of every Yahoo JSON answer this layer reads.
type envelope struct {
	Error *struct {
		Code        string `json:"code"`
		Description string `json:"description"`
	} `json:"error"`
}

// check turns a response into a typed error, or nil when its body may be
// normalized and decoded.
func check(ep endpoint, r *http.Request, resp *http.Response, body []byte) error {
	u := redact(r.URL)
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return &feeds.RateLimitError{RetryAfter: httpx.RetryAfter(resp)}
	case resp.StatusCode >= 400:
		he := &feeds.HTTPError{Status: resp.StatusCode, URL: u, Message: yahooMessage(body)}
		if resp.StatusCode == http.StatusNotFound && ep != otherEndpoint && !yahooError(body) {
			return &wrongBaseError{what: ep.String(), status: resp.StatusCode, err: he}
		}
		if ep == chartEndpoint && resp.StatusCode == http.StatusNotFound {
			return fmt.Errorf("%w: %w", feeds.ErrUnknownSymbol, he)
		}
		return he
	case resp.StatusCode != http.StatusOK:
		return &feeds.HTTPError{Status: resp.StatusCode, URL: u, Message: "unexpected status"}
	case looksHTML(resp, body):
		return fmt.Errorf("%w: an HTML page (consent or login wall?) where JSON was expected from %s", ErrBadResponse, u)
	}
	if ep == otherEndpoint {
		return nil
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrBadResponse, u, err)
	}
	key := "chart"
	if ep == quoteEndpoint {
		key = "quoteResponse"
	}
	raw, ok := top[key]
	if !ok {
		return fmt.Errorf("%w: %s: JSON without %q", ErrBadResponse, u, key)
	}
	var env envelope
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("%w: %s: %q is not an object", ErrBadResponse, u, key)
	}
	if env.Error != nil {
		he := &feeds.HTTPError{Status: resp.StatusCode, URL: u, Message: clean(env.Error.Description)}
		if env.Error.Code == "Not Found" || strings.HasPrefix(env.Error.Description, "No data found") {
			return fmt.Errorf("%w: %w", feeds.ErrUnknownSymbol, he)
		}
		return he
	}
	return nil
}

// yahooMessage extracts Yahoo's error description from an error body:
// JSON `{"chart"|"finance"|"quoteResponse":{"error":{"description":…}}}`,
// or a short plain-text body such as "Too Many Requests".
func yahooMessage(body []byte) string {
	var top map[string]envelope
	if json.Unmarshal(body, &top) == nil {
		for _, k := range []string{"chart", "finance", "quoteResponse"} {
			if e, ok := top[k]; ok && e.Error != nil {
				if e.Error.Description != "" {
					return clean(e.Error.Description)
				}
				return clean(e.Error.Code)
			}
		}
		return ""
	}
	t := bytes.TrimSpace(body)
	if len(t) == 0 || len(t) > 200 || t[0] == '<' {
		return ""
	}
	return clean(string(t))
}

// clean bounds a provider string and makes it one harmless line with the
// one sanitizer the UI renders with: escape sequences go whole, so an
// OSC 52 leaves no "]52;c;" residue.
func clean(s string) string {
	if len(s) > 300 {
		s = s[:300]
	}
	return strings.TrimSpace(termsafe.Sanitize(s))
}
