// Package app is whoosh's one road for data: it opens a source (Yahoo
// through the cache, the cache alone, the demo, CSV files, with auto's
// fallbacks), streams histories, quotes, macro series, config reloads and
// warnings as messages, and folds them into a Feed. The dashboard runs the
// stream for as long as it lives; the snapshot runs the same stream until
// the first complete load and folds the same messages. Every rule about the
// data — strictness, fallbacks, freshness, warnings — lives here once.
package app

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/csvfeed"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// Options is what the user asked for; empty fields take the config's value
// or the default.
type Options struct {
	Config string // config file ("" : $WHOOSH_CONFIG, else the user config dir's)
	Source string // auto, yahoo, cache, demo or csv:DIR
	Window string // 1D 1M 3M 6M YTD 1Y 2Y 5Y ESSAY
	AsOf   string // YYYY-MM-DD; "" is today in New York
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

// UsageError is a problem the user must fix in what they typed or in the
// config file: main turns it into exit code 2.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usagef(format string, a ...any) error { return &UsageError{fmt.Sprintf(format, a...)} }

// Session is an opened source with its config: everything a run needs.
type Session struct {
	Config     *config.Config
	ConfigPath string
	Spec       market.Spec
	Window     market.Window
	AsOf       market.Date // the as-of date at open
	SourceName string      // auto, yahoo, cache, demo, csv:DIR
	AsOfFixed  bool        // --asof given (or the source's world ends at a date): the day never rolls
	// DataClock is set for demo and CSV: ages are measured against the
	// data's own newest observation, so output never depends on the wall clock.
	DataClock bool

	now       func() time.Time
	provider  feeds.Provider // history and quotes
	initial   feeds.Provider // read before the network for a first frame (the cache), or nil
	macro     macroSource    // nil: no macro data for this source
	fallback  macroSource    // macro of auto's demo fallback, nil otherwise
	store     *cache.Store   // nil without a usable cache
	strict    bool           // --source yahoo: what would show as CACHED is an error
	startWarn []string       // problems found while opening (an unusable cache)
	warnings  warnHub        // cache and FRED warnings, on their way to the stream
	requests  requests       // provider requests made, for metrics
	axes      axes           // date arrays shared by every feed's series
}

// Open resolves the config, the options and the source. Errors the user
// must fix are *UsageError.
func Open(o Options) (*Session, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	now := o.Now()
	cfg, path, err := config.Resolve(o.Config)
	if err != nil {
		var ce config.Errors
		switch {
		case errors.As(err, &ce):
			return nil, &UsageError{strings.TrimRight(ce.Error(), "\n")}
		case errors.Is(err, fs.ErrNotExist) && o.Config != "":
			return nil, usagef("config file %s does not exist (create it with 'whoosh config init --config %s', or drop --config)", ui.Sanitize(path), ui.Sanitize(path))
		case errors.Is(err, fs.ErrNotExist):
			return nil, usagef("config file %s does not exist (create one with 'whoosh config init')", ui.Sanitize(path))
		}
		return nil, &UsageError{ui.Sanitize(err.Error())}
	}
	s := &Session{Config: cfg, ConfigPath: path, Spec: cfg.Spec(), Window: cfg.Window, SourceName: cfg.Source, now: o.Now}
	if o.Window != "" {
		if s.Window, err = market.ParseWindow(o.Window); err != nil {
			return nil, usagef("--window: %v", err)
		}
	}
	s.AsOf = feeds.NewYorkDate(now)
	if o.AsOf != "" {
		s.AsOfFixed = true
		if s.AsOf, err = market.ParseDate(o.AsOf); err != nil {
			return nil, usagef("--asof: %v, e.g. 2025-06-30", err)
		}
		if s.AsOf < market.DateOf(2000, 1, 1) || s.AsOf > feeds.NewYorkDate(now).AddDays(1) {
			return nil, usagef("--asof %s: must be between 2000-01-01 and tomorrow in New York", s.AsOf)
		}
	}
	if o.Source != "" {
		if s.SourceName, err = config.ParseSource(o.Source); err != nil {
			return nil, usagef("--source: %v", err)
		}
	}
	if err := s.openProvider(now); err != nil {
		return nil, err
	}
	for _, w := range s.startWarn {
		s.warnings.addText(w)
	}
	return s, nil
}

func (s *Session) openProvider(now time.Time) error {
	switch name := s.SourceName; {
	case name == "demo":
		// The simulation's world ends at a close that has happened: by
		// default, and at most, the last session that has closed.
		if last := feeds.SessionDate(now); !s.AsOfFixed || s.AsOf > last {
			s.AsOf = last
		}
		p := demo.New(s.AsOf)
		s.provider, s.macro = p, p
		s.DataClock, s.AsOfFixed = true, true
	case strings.HasPrefix(name, "csv:"):
		p, err := csvfeed.New(strings.TrimPrefix(name, "csv:"), s.AsOf)
		if err != nil {
			return &UsageError{ui.Sanitize(err.Error())}
		}
		s.provider, s.DataClock, s.AsOfFixed = p, true, true
	default: // auto, yahoo, cache
		s.store = s.openStore()
		return s.openLive(name, now)
	}
	return nil
}

// openStore opens the disk cache. Without one whoosh still runs: it says
// once that nothing will persist.
func (s *Session) openStore() *cache.Store {
	dir, err := cache.DefaultDir()
	if err == nil {
		var store *cache.Store
		if store, err = cache.Open(dir); err == nil {
			return store
		}
	}
	s.startWarn = append(s.startWarn, "no usable cache ("+ui.Sanitize(err.Error())+"): nothing will persist between runs; set WHOOSH_CACHE_DIR to a writable directory")
	return nil
}
