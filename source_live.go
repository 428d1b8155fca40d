package main

import (
	"errors"
	"os"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/feeds/fred"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo"
	"github.com/whoosh-dev/whoosh/ui"
)

// warnings collects non-fatal problems reported from feed goroutines.
type warnings struct {
	mu   sync.Mutex
	list []string
}

func (w *warnings) add(err error) {
	if err == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.list = append(w.list, ui.Sanitize(err.Error()))
}

func (w *warnings) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := w.list
	w.list = nil
	return out
}

// openLive wires the sources that use the network or the cache:
//
//	yahoo  Yahoo through the incremental cache; a symbol Yahoo fails is an error
//	cache  the cache alone, no network
//	auto   Yahoo, else per symbol the cache, else (nothing at all) the demo
func (s *session) openLive(name string) error {
	if base := yahooBaseFromEnv(); base != "" {
		if err := yahoo.ValidateBaseURL(base); err != nil {
			return usagef("%s: %v", yahoo.BaseEnv, err)
		}
	}
	hc := httpx.New(httpx.Options{})
	warn := s.warns.add
	if name == "cache" {
		s.provider = cache.Only(s.store)
		s.macro = fred.NewCached(nil, s.store, nil, warn)
		return nil
	}
	// A cold start asks for one chart per symbol: let the first ten go at
	// once, then hold the default 4 requests a second.
	y := yahoo.New(yahoo.Options{HTTP: httpx.Options{Burst: 10}})
	live := cache.Wrap(y, s.store, cache.Options{Warn: warn})
	s.macro = fred.NewCached(fred.New(hc, ""), s.store, nil, warn)
	switch name {
	case "yahoo":
		s.provider, s.strict = live, true
	default:
		demoAsOf := s.asOf
		if !s.asOfFixed {
			demoAsOf = feeds.SessionDate(time.Now()) // a world that ends at a close that happened
		}
		d := demo.New(demoAsOf)
		s.provider, s.fallbackMacro = feeds.NewAuto(live, d), d
	}
	return nil
}

// isFallback reports whether h was answered by auto's demo fallback.
func isFallback(h feeds.History) bool {
	var fe *feeds.FallbackError
	return errors.As(h.Err, &fe)
}

func yahooBaseFromEnv() string { return os.Getenv(yahoo.BaseEnv) }
