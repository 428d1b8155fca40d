package app

import (
	"context"
	"os"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/feeds/fred"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo"
	"github.com/whoosh-dev/whoosh/market"
)

// macroSource is a source of FRED-style series (fred.Client, the cached
// FRED client, or the demo).
type macroSource interface {
	Series(ctx context.Context, id string) ([]market.Observation, error)
}

// openLive wires the sources that use the network or the cache:
//
//	yahoo  Yahoo through the incremental cache; what Yahoo fails is an error
//	cache  the cache alone, no network
//	auto   Yahoo, else per symbol the cache, else (nothing at all) the demo
func (s *Session) openLive(name string, now time.Time) error {
	if base := os.Getenv(yahoo.BaseEnv); base != "" {
		if err := yahoo.ValidateBaseURL(base); err != nil {
			return usagef("%s: %v", yahoo.BaseEnv, err)
		}
	}
	if name == "cache" {
		if s.store == nil {
			return usagef("--source cache: %s", s.startWarn[0])
		}
		s.provider, s.initial = cache.Only(s.store), nil
		s.macro = fred.NewCached(nil, s.store, nil, nil)
		return nil
	}
	// A cold start asks for one chart per symbol: let the first ten go at
	// once, then hold the default 4 requests a second.
	var live feeds.Provider = yahoo.New(yahoo.Options{HTTP: httpx.Options{Burst: 10, Observe: s.requests.observer("yahoo")}})
	fredClient := fred.New(httpx.New(httpx.Options{Observe: s.requests.observer("fred")}), "")
	var macro macroSource = fredClient
	if s.store != nil {
		live = cache.Wrap(live, s.store, cache.Options{Warn: s.warn})
		macro = fred.NewCached(fredClient, s.store, nil, s.warn)
		s.initial = cache.Only(s.store) // the first frame from disk, before any network
	}
	s.macro = macro
	if name == "yahoo" {
		s.provider, s.strict = live, true
		return nil
	}
	demoAsOf := s.AsOf
	if !s.AsOfFixed {
		demoAsOf = feeds.SessionDate(now) // a world that ends at a close that happened
	}
	d := demo.New(demoAsOf)
	s.provider, s.fallback = feeds.NewAuto(live, d), d
	return nil
}

// warn reports a problem that fails no request (a corrupt cache file
// ignored, a cache write that failed, a FRED fetch answered from the
// cache) as a WarningMsg to whoever runs the stream.
func (s *Session) warn(err error) {
	if err != nil {
		s.warnings.add(err)
	}
}
