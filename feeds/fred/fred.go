// Package fred fetches macro series from FRED's keyless graph CSV endpoint
// ({base}/graph/fredgraph.csv?id=ID) and parses them into observations.
//
// Client.Series is a pure fetch: no caching, no retries of its own. Retries
// and backoff belong to the *http.Client passed to New (feeds/httpx), and
// caching (at most one fetch a day, falling back to the cache on failure)
// belongs to the caller.
package fred

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/market"
)

// ProductionBase is FRED's public site.
const ProductionBase = "https://fred.stlouisfed.org"

// BaseEnv names the environment variable that points the feed at another
// server (a test fake): requests go to $WHOOSH_FRED_BASE/graph/fredgraph.csv.
const BaseEnv = "WHOOSH_FRED_BASE"

// MaxBody caps how much of a response is read. UNRATE since 1948 is about
// 14 KB; a daily series since 1954 is under 1 MB.
const MaxBody = 4 << 20

// maxIDLen bounds a series ID; FRED's longest are about 30 characters.
const maxIDLen = 40

// ErrNotCSV is wrapped when FRED answered 200 with something other than CSV,
// typically an HTML error or login page.
var ErrNotCSV = errors.New("not a CSV response")

// ErrTooLarge is wrapped when a response exceeds MaxBody.
var ErrTooLarge = errors.New("response too large")

// BaseFromEnv returns $WHOOSH_FRED_BASE when set, else ProductionBase.
func BaseFromEnv() string {
	if b := strings.TrimSpace(os.Getenv(BaseEnv)); b != "" {
		return b
	}
	return ProductionBase
}

// ValidID reports whether id is a plausible FRED series ID: 1 to 40
// characters from A–Z, 0–9 and underscore. Lower case is rejected so the
// cache and the display key on one spelling.
func ValidID(id string) bool {
	if id == "" || len(id) > maxIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// Client fetches FRED series. It is safe for concurrent use.
type Client struct {
	hc   *http.Client
	base string
}

// New returns a client that sends its requests through hc (nil means
// http.DefaultClient) to base (empty means BaseFromEnv()). Pass the
// retrying client from feeds/httpx so FRED gets the same backoff as prices.
func New(hc *http.Client, base string) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	if base == "" {
		base = BaseFromEnv()
	}
	return &Client{hc: hc, base: strings.TrimRight(base, "/")}
}

// URL returns the CSV URL of series id.
func (c *Client) URL(id string) string {
	return c.base + "/graph/fredgraph.csv?id=" + id
}

// Series fetches the full history of series id, ascending, with missing
// observations left out. It fails with an error wrapping:
//   - *feeds.HTTPError for a non-200 status (and also *feeds.RateLimitError
//     for 429);
//   - ErrNotCSV when the body is HTML or otherwise not a FRED CSV;
//   - ErrTooLarge when the body exceeds MaxBody;
//   - feeds.ErrNoData when the CSV holds no observation at all;
//   - feeds.ErrUnknownSymbol when id is not a valid series ID.
//
// Every error starts with "fred ID:".
func (c *Client) Series(ctx context.Context, id string) ([]market.Observation, error) {
	if !ValidID(id) {
		return nil, fmt.Errorf("fred %q: %w: a series ID is 1–%d characters A-Z 0-9 _", clip(id), feeds.ErrUnknownSymbol, maxIDLen)
	}
	obs, err := c.fetch(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("fred %s: %w", id, err)
	}
	return obs, nil
}

func (c *Client) fetch(ctx context.Context, id string) ([]market.Observation, error) {
	url := c.URL(id)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/csv, text/plain;q=0.9, */*;q=0.1")
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()

	if resp.StatusCode != http.StatusOK {
		// Drain a little so the connection can be reused; the body of a
		// FRED error is an HTML page, not worth showing.
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		herr := &feeds.HTTPError{Status: resp.StatusCode, URL: url, Message: http.StatusText(resp.StatusCode)}
		if resp.StatusCode == http.StatusTooManyRequests {
			return nil, fmt.Errorf("%w (%w)", herr, &feeds.RateLimitError{RetryAfter: httpx.RetryAfter(resp)})
		}
		return nil, herr
	}

	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody+1))
	if err != nil {
		return nil, fmt.Errorf("reading body: %w", err)
	}
	if len(body) > MaxBody {
		return nil, fmt.Errorf("%w: over %d MiB", ErrTooLarge, MaxBody>>20)
	}
	if looksHTML(resp.Header.Get("Content-Type"), body) {
		return nil, fmt.Errorf("%w: got an HTML page (is the series ID right, or is FRED down?)", ErrNotCSV)
	}
	obs, err := ParseCSV(bytes.NewReader(body), id)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrNotCSV, err)
	}
	if len(obs) == 0 {
		return nil, fmt.Errorf("%w: no observations", feeds.ErrNoData)
	}
	return obs, nil
}

// looksHTML reports whether a response is a web page rather than CSV.
func looksHTML(contentType string, body []byte) bool {
	if strings.Contains(strings.ToLower(contentType), "html") {
		return true
	}
	b := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\uFEFF")), " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// Result is one series' outcome of Fetch.
type Result struct {
	ID  string
	Obs []market.Observation // nil when Err is set
	Err error                // nil on success; starts with "fred ID:"
}

// Fetch fetches each series in turn (FRED asks clients to go gently, and
// there are only a few) and returns one Result per id, in order. A failed
// series does not stop the others; once ctx is done the remaining ids fail
// with ctx's error without a request.
func (c *Client) Fetch(ctx context.Context, ids []string) []Result {
	out := make([]Result, len(ids))
	for i, id := range ids {
		out[i].ID = id
		if err := ctx.Err(); err != nil {
			out[i].Err = fmt.Errorf("fred %s: %w", id, err)
			continue
		}
		out[i].Obs, out[i].Err = c.Series(ctx, id)
	}
	return out
}
