package fred

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/market"
)

// Cached serves FRED series through the on-disk cache: a series saved on
// the same New York day is served without a request, an older one is
// refetched, and when the fetch fails the cached copy is served with a
// warning. With a nil client it serves the cache only.
type Cached struct {
	client *Client
	store  *cache.Store
	now    func() time.Time
	warn   func(error)

	mu      sync.Mutex
	origins map[string]feeds.Origin // by series id, from its latest Series call
}

// NewCached wraps client (nil: cache only) with store. warn receives the
// non-fatal problems (a failed fetch answered from the cache, a cache
// write that failed); now is the clock (time.Now when nil).
func NewCached(client *Client, store *cache.Store, now func() time.Time, warn func(error)) *Cached {
	if now == nil {
		now = time.Now
	}
	if warn == nil {
		warn = func(error) {}
	}
	return &Cached{client: client, store: store, now: now, warn: warn, origins: map[string]feeds.Origin{}}
}

// cachedObs is the cache's encoding of a series (JSON has no NaN, and a
// cached series holds only finite values anyway).
type cachedObs struct {
	Dates  []string  `json:"dates"`
	Values []float64 `json:"values"`
}

func blobName(id string) string { return "fred-" + id }

// Series returns the observations of id, from the cache when it was saved
// today, else from FRED (saving them), else from an older cached copy.
func (c *Cached) Series(ctx context.Context, id string) ([]market.Observation, error) {
	var saved cachedObs
	at, cerr := c.store.LoadBlob(blobName(id), &saved)
	cached, derr := decodeCached(saved)
	haveCache := cerr == nil && derr == nil && len(cached) > 0
	now := c.now()
	if haveCache && (c.client == nil || feeds.NewYorkDate(at) == feeds.NewYorkDate(now)) {
		c.note(id, feeds.Origin{Kind: feeds.KindCached, Provider: "fred", Fetched: at})
		return cached, nil
	}
	if c.client == nil {
		return nil, fmt.Errorf("fred %s: nothing cached: %w", id, feeds.ErrNoData)
	}
	obs, err := c.client.Series(ctx, id)
	if err != nil {
		if haveCache {
			c.warn(fmt.Errorf("%w (showing the copy cached %s ago)", err, feeds.ShortAge(now.Sub(at))))
			c.note(id, feeds.Origin{Kind: feeds.KindCached, Provider: "fred", Fetched: at})
			return cached, nil
		}
		return nil, err
	}
	if err := c.store.SaveBlob(blobName(id), now, encodeCached(obs)); err != nil {
		c.warn(err)
	}
	c.note(id, feeds.Origin{Kind: feeds.KindFRED, Provider: "fred", Fetched: now})
	return obs, nil
}

// Origin is the origin of the series as last served: CACHED with the
// oldest cache time if any of them came from the cache, else FRED with the
// oldest fetch time.
func (c *Cached) Origin() feeds.Origin {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out feeds.Origin
	for _, o := range c.origins {
		switch {
		case out.Kind == feeds.KindUnknown,
			o.Kind == feeds.KindCached && out.Kind != feeds.KindCached,
			o.Kind == out.Kind && o.Fetched.Before(out.Fetched):
			out = o
		}
	}
	return out
}

func (c *Cached) note(id string, o feeds.Origin) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.origins[id] = o
}

func encodeCached(obs []market.Observation) cachedObs {
	out := cachedObs{Dates: make([]string, 0, len(obs)), Values: make([]float64, 0, len(obs))}
	for _, o := range obs {
		if !math.IsNaN(o.Value) && !math.IsInf(o.Value, 0) {
			out.Dates = append(out.Dates, o.Date.String())
			out.Values = append(out.Values, o.Value)
		}
	}
	return out
}

func decodeCached(c cachedObs) ([]market.Observation, error) {
	if len(c.Dates) != len(c.Values) {
		return nil, fmt.Errorf("fred cache: %d dates for %d values", len(c.Dates), len(c.Values))
	}
	out := make([]market.Observation, len(c.Dates))
	for i, s := range c.Dates {
		d, err := market.ParseDate(s)
		if err != nil {
			return nil, fmt.Errorf("fred cache: %w", err)
		}
		if i > 0 && d <= out[i-1].Date {
			return nil, fmt.Errorf("fred cache: dates out of order at %s", s)
		}
		out[i] = market.Observation{Date: d, Value: c.Values[i]}
	}
	return out, nil
}
