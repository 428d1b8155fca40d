package app

import (
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// The stream's messages, besides the poller's (feeds.HistoryMsg,
// feeds.QuotesMsg, feeds.ProgressMsg, feeds.SettledMsg). They are plain
// values: the receiver owns them once sent.

// MacroMsg carries FRED (or simulated) macro series for the Macro screen
// and the labor leg of the Whoosh Index. An empty Series changes nothing;
// Warnings (a series that failed) replace the previous macro warnings.
type MacroMsg struct {
	Series   map[string][]market.Observation
	Origin   feeds.Origin
	Warnings []string
}

// ConfigMsg is a config reload. On Err the last good spec stays and the
// error shows until a good reload; otherwise Spec replaces the current one.
// Window is the window the file now asks for, when it changed (nil keeps
// the one on screen).
type ConfigMsg struct {
	Spec   market.Spec
	Window *market.Window
	Err    error
}

// LongMsg carries the long history the scorecard needs (a few daily bars
// of ^NDX and ^GSPC around 2000-03-10), once per run. Err is set when the
// whole fetch failed; a missing symbol is simply absent from Series.
type LongMsg struct {
	Series map[string]market.Series
	Err    error
}

// WarningMsg is a problem that failed no request but that the user should
// know of: a corrupt cache file ignored, a cache that cannot be written, a
// FRED series answered from the cache.
type WarningMsg struct {
	Text string
}
