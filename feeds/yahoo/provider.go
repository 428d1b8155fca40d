// Package yahoo is the live market-data provider: daily history from
// Yahoo's v8 chart API and quotes from its v7 quote API, requested and
// decoded by github.com/piquette/finance-go with a backend whose HTTP
// client is ours: the one HTTP client (feeds/httpx: rate limit, retries,
// timeouts, body cap) wrapped in a Yahoo layer that keeps a browser-like
// session (cookie, EU consent, crumb), rewrites finance-go's dead v6 quote
// URL, turns Yahoo's answers into typed errors and normalizes the JSON
// finance-go decodes (normalize.go): a drifting field costs that field.
package yahoo

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // bars are dated in their exchange's zone, whatever the host has

	finance "github.com/piquette/finance-go"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/market"
)

// Name is the provider's name in origins and messages.
const Name = "yahoo"

// BaseEnv names the environment variable that points every Yahoo request
// (cookie, crumb, quote, chart) at another base URL, for tests and proxies.
const BaseEnv = "WHOOSH_YAHOO_BASE"

// Production endpoints.
const (
	DefaultBaseURL   = "https://query2.finance.yahoo.com"
	DefaultCookieURL = "https://finance.yahoo.com/"
)

// MaxSymbolsPerQuote is the most symbols sent in one quote request.
const MaxSymbolsPerQuote = 50

// MaxConcurrency bounds parallel history requests.
const MaxConcurrency = 4

// ErrBadResponse is wrapped when Yahoo answers with something that is not
// the JSON it should be: an HTML page, broken or truncated JSON, JSON of
// another shape, or data that cannot be read.
var ErrBadResponse = errors.New("unexpected response from Yahoo")

// Options configures a Provider. The zero value is ready for production.
type Options struct {
	// BaseURL replaces the API base; "" means $WHOOSH_YAHOO_BASE, else
	// DefaultBaseURL. With a base set, the session cookie also comes from
	// {base}/ instead of DefaultCookieURL.
	BaseURL string
	// HTTP configures the shared transport (timeouts, retries, rate limit,
	// body cap). Its Jar is ignored: the provider keeps its own.
	HTTP httpx.Options
	// Concurrency bounds parallel history requests (1…MaxConcurrency,
	// default MaxConcurrency).
	Concurrency int
	// Now reads the clock for origins (default time.Now).
	Now func() time.Time
}

// Provider is the Yahoo provider. It is safe for concurrent use.
type Provider struct {
	base    string
	backend *finance.BackendConfiguration // finance-go over the Yahoo layer over httpx
	sess    *session
	sem     chan struct{} // bounds chart requests in flight across calls
	now     func() time.Time
}

// New returns a Provider configured by o.
func New(o Options) *Provider {
	base, cookieURL := o.BaseURL, DefaultCookieURL
	if base == "" {
		base = os.Getenv(BaseEnv)
	}
	custom := base != ""
	if custom {
		base = strings.TrimRight(base, "/")
		cookieURL = base + "/"
	} else {
		base = DefaultBaseURL
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Concurrency <= 0 || o.Concurrency > MaxConcurrency {
		o.Concurrency = MaxConcurrency
	}
	o.HTTP.Jar = nil
	tr := httpx.NewTransport(o.HTTP)
	sess := newSession(tr, base, custom, cookieURL)
	api := &apiTransport{next: tr, sess: sess}
	return &Provider{
		base:    base,
		backend: &finance.BackendConfiguration{Type: finance.YFinBackend, URL: base, HTTPClient: newAPIClient(api)},
		sess:    sess,
		sem:     make(chan struct{}, o.Concurrency),
		now:     o.Now,
	}
}

// Name returns "yahoo".
func (p *Provider) Name() string { return Name }

// BaseURL returns the API base in use.
func (p *Provider) BaseURL() string { return p.base }

// ValidateBaseURL reports whether s is usable as a base URL (http or https,
// a host, no query), for callers checking WHOOSH_YAHOO_BASE early.
func ValidateBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Errorf("yahoo base URL %q: %w", s, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return fmt.Errorf("yahoo base URL %q: want http(s)://host[:port]", s)
	}
	return nil
}

// callError picks what a finance-go call of one provider call c returns:
// the Yahoo layer's typed error when it recorded one (finance-go flattens
// errors to strings), ctx's error once ctx is done, else finance-go's own
// error as a bad response.
func callError(ctx context.Context, c *call, what string, err error) error {
	if typed := c.result(); typed != nil {
		return typed
	}
	if err == nil {
		return nil
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	if errors.Is(err, ErrBadResponse) {
		return err
	}
	return fmt.Errorf("%w: %s: finance-go: %v", ErrBadResponse, what, err)
}

// normalize validates and upper-cases a requested symbol.
func normalize(sym string) (string, error) {
	n := market.NormalizeSymbol(sym)
	if !market.ValidSymbol(n) {
		return n, &feeds.SymbolError{Symbol: n, Err: fmt.Errorf("invalid symbol: %w", feeds.ErrUnknownSymbol)}
	}
	return n, nil
}

// wholeCallError decides what a multi-symbol call returns as its own
// error: the context's error once it is done; otherwise, when every symbol
// failed for a reason other than being unknown (Yahoo down, rate limited),
// the first such failure, so a fallback chain can move on at once.
func wholeCallError(ctx context.Context, errs []error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var first error
	for _, err := range errs {
		if err == nil || errors.Is(err, feeds.ErrUnknownSymbol) {
			return nil
		}
		if first == nil {
			first = err
		}
	}
	return first
}
