package main

import (
	"context"
	"errors"
	"flag"
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

// commonFlags are the flags the dashboard and the snapshot share.
type commonFlags struct {
	source, window, config, asOf string
}

func (c *commonFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.source, "source", "", "data source: auto, yahoo, cache, demo or csv:DIR (default: the config's, else auto)")
	fs.StringVar(&c.window, "window", "", "window: 1M 3M 6M YTD 1Y 2Y 5Y ESSAY (default: the config's, else ESSAY)")
	fs.StringVar(&c.config, "config", "", "config file (default: $WHOOSH_CONFIG, else the user config dir's whoosh/config.yaml)")
	fs.StringVar(&c.asOf, "asof", "", "as-of date YYYY-MM-DD (default: today in New York)")
}

// session is everything a run needs once flags and config are resolved.
type session struct {
	cfg        *config.Config
	cfgPath    string
	spec       market.Spec
	window     market.Window
	asOf       market.Date
	sourceName string         // auto, yahoo, cache, demo, csv:DIR
	provider   feeds.Provider // where history and quotes come from
	macro      macroSource    // nil: no macro data for this source
	store      *cache.Store   // nil for demo and csv
	dataClock  bool           // ages are measured from the data's own time (demo, csv)
	strict     bool           // --source yahoo: cached fallbacks are errors, not data
	asOfFixed  bool           // --asof given: the dashboard does not roll to a new day
	// fallbackMacro replaces macro when auto fell back to the demo, so
	// simulated prices never sit beside real macro data.
	fallbackMacro macroSource
	warns         warnings
}

// macroSource is a source of FRED-style series (fred.Client, demo.Provider,
// or the cached FRED client).
type macroSource interface {
	Series(ctx context.Context, id string) ([]market.Observation, error)
}

// openSession resolves config, flags and source. Every error it returns is
// the user's to fix (exit 2).
func openSession(c commonFlags, now time.Time) (*session, error) {
	cfg, path, err := config.Resolve(c.config)
	if err != nil {
		var ce config.Errors
		if errors.As(err, &ce) {
			return nil, &usageError{strings.TrimRight(ce.Error(), "\n")}
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, usagef("config file %s does not exist (create one with 'whoosh config init')", ui.Sanitize(path))
		}
		return nil, &usageError{ui.Sanitize(err.Error())}
	}
	s := &session{cfg: cfg, cfgPath: path, spec: cfg.Spec(), window: cfg.Window, sourceName: cfg.Source}
	if c.window != "" {
		if s.window, err = market.ParseWindow(c.window); err != nil {
			return nil, usagef("--window: %v", err)
		}
	}
	s.asOf = feeds.NewYorkDate(now)
	if c.asOf != "" {
		s.asOfFixed = true
		if s.asOf, err = market.ParseDate(c.asOf); err != nil {
			return nil, usagef("--asof: %v", err)
		}
		if s.asOf < market.DateOf(2000, 1, 1) || s.asOf > feeds.NewYorkDate(now).AddDays(1) {
			return nil, usagef("--asof %s: must be between 2000-01-01 and tomorrow in New York", s.asOf)
		}
	}
	if c.source != "" {
		if s.sourceName, err = config.ParseSource(c.source); err != nil {
			return nil, usagef("--source: %v", err)
		}
	}
	if c.asOf == "" && s.sourceName == "demo" {
		// The simulation's world ends at a close: by default the last
		// session that has closed, so its time is never in the future.
		s.asOf = feeds.SessionDate(now)
	}
	if err := s.openProvider(); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *session) openProvider() error {
	switch name := s.sourceName; {
	case name == "demo":
		p := demo.New(s.asOf)
		s.provider, s.macro, s.dataClock = p, p, true
	case strings.HasPrefix(name, "csv:"):
		p, err := csvfeed.New(strings.TrimPrefix(name, "csv:"), s.asOf)
		if err != nil {
			return &usageError{ui.Sanitize(err.Error())}
		}
		s.provider, s.dataClock = p, true
	default: // auto, yahoo, cache
		store, err := openStore()
		if err != nil {
			return err
		}
		s.store = store
		return s.openLive(name)
	}
	return nil
}

func openStore() (*cache.Store, error) {
	dir, err := cache.DefaultDir()
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	store, err := cache.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	return store, nil
}

// historyStart is the first date of history fetched, the same the poller
// uses so that the snapshot and the dashboard share one warm cache.
func historyStart(asOf market.Date) market.Date { return feeds.DefaultFrom(asOf) }

// load fetches everything once (the snapshot's path; the dashboard streams
// through the poller instead) and returns the data and one warning line
// per problem.
func (s *session) load(ctx context.Context) (ui.Data, []string) {
	syms := market.SpecSymbols(s.spec)
	d := ui.Data{Histories: map[string]feeds.History{}, Quotes: map[string]feeds.Quote{}}
	var warns []string
	hs, err := s.provider.History(ctx, syms, historyStart(s.asOf), s.asOf)
	if err != nil {
		warns = append(warns, "history: "+err.Error())
	}
	for _, h := range hs {
		if isFallback(h) && s.fallbackMacro != nil {
			s.macro = s.fallbackMacro
		}
		d.Histories[h.Symbol] = h
	}
	qs, err := s.provider.Quotes(ctx, syms)
	if err != nil {
		warns = append(warns, "quotes: "+err.Error())
	}
	for _, q := range qs {
		d.Quotes[q.Symbol] = q
	}
	if s.strict {
		s.dropCached(d)
	}
	if s.macro != nil {
		d.Macro, d.MacroOrigin, warns = s.loadMacro(ctx, warns)
	}
	return d, append(warns, s.warns.take()...)
}

// dropCached makes --source yahoo fail loudly instead of falling back: a
// symbol whose numbers would be shown as CACHED (Yahoo failed now, or was
// not asked and its quote failed) loses its bars and quote, keeping only
// the error.
func (s *session) dropCached(d ui.Data) {
	for sym, h := range d.Histories {
		q, ok := d.Quotes[sym]
		origin, err := feeds.Shown(h, q, ok)
		if origin.Kind != feeds.KindCached {
			continue
		}
		if err == nil {
			err = fmt.Errorf("yahoo gave nothing new and --source yahoo does not fall back to the cache")
		}
		d.Histories[sym] = feeds.History{Symbol: sym, Origin: h.Origin, Err: err}
		delete(d.Quotes, sym)
	}
}

// loadMacro fetches the config's FRED series; a failed series is a warning.
func (s *session) loadMacro(ctx context.Context, warns []string) (map[string][]market.Observation, feeds.Origin, []string) {
	out := map[string][]market.Observation{}
	for _, id := range s.cfg.Macro.Series {
		obs, err := s.macro.Series(ctx, id)
		if err != nil {
			warns = append(warns, "macro: "+err.Error())
			continue
		}
		out[id] = obs
	}
	origin := feeds.Origin{Kind: feeds.KindFRED, Provider: "fred"}
	if o, ok := s.macro.(interface{ Origin() feeds.Origin }); ok {
		origin = o.Origin()
	}
	if len(out) == 0 {
		return nil, origin, warns
	}
	return out, origin, warns
}

// clock returns the time ages are measured against: the data's own time
// for demo and CSV (so their output never depends on the wall clock), now
// otherwise.
func (s *session) clock(d ui.Data, now time.Time) time.Time {
	if !s.dataClock {
		return now
	}
	var latest time.Time
	for _, h := range d.Histories {
		if h.Origin.Fetched.After(latest) {
			latest = h.Origin.Fetched
		}
	}
	if latest.IsZero() {
		return s.asOf.Time()
	}
	return latest
}
