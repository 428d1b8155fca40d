// Package ui renders whoosh: pure panel renderers (state, width, height) →
// string shared by the interactive dashboard (ui/tui) and the headless
// snapshot (ui/snapshot), the colour palette and the one sanitizer.
package ui

import (
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// Status is what the header and status line say about the data: where it
// came from, how old it is, what is loading and what failed.
type Status struct {
	Badge        string            // LIVE · DELAYED · CLOSED · CACHED · STALE · DEMO (simulated) · CSV
	Provider     string            // yahoo, cache, demo, csv:DIR
	MarketState  string            // REGULAR, CLOSED, … ("" when unknown)
	Updated      time.Time         // the newest observation shown (zero when unknown)
	DataEnds     market.Date       // set when the data ends before the as-of date asked for
	Loading      bool              // history still loading
	Loaded       int               // symbols loaded so far
	Total        int               // symbols to load
	Stale        bool              // some symbol is older than the last session it should have
	StaleSymbols []string          // those symbols, sorted
	Errors       map[string]string // per-symbol error text, by symbol
	Warnings     []string          // fallbacks and other notes, one line each
	ConfigError  string            // last config reload error, one line per problem (file:line:col: …); "" when fine
}

// State is everything a panel may draw. Renderers treat it as read-only.
type State struct {
	Report market.Report
	Macro  *market.MacroReport // nil when no macro data is loaded
	// MacroOrigin says where the macro series came from (FRED, CACHED, DEMO).
	MacroOrigin feeds.Origin
	Quotes      map[string]feeds.Quote
	Origins     map[string]feeds.Origin // per symbol, with Observed set
	Symbols     map[string]SymbolState  // per symbol with data: what it shows
	Status      Status
	Now         time.Time // the clock used for ages; fixed in snapshots
	// Thesis is the essay's scorecard (market.Thesis), in the essay's order.
	Thesis []market.Claim
	// AlertMarks marks the symbols alert rules watch: fired (waiting to
	// re-arm) or armed. Nil without rules; only the dashboard and
	// snapshot --alerts evaluate them.
	AlertMarks map[string]market.AlertMark
	// Intraday is the 1D window on 5-minute bars; nil in the daily windows
	// and until bars arrive.
	Intraday *Intraday

	asOf, end market.Date // as Compute was asked, and where the data ended before it (or 0)
}
