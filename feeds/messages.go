package feeds

import (
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// The messages the Poller sends to the program (Bubble Tea's p.Send). They
// are plain values: the receiver owns them once sent.

// QuotesMsg carries one quote refresh. Err is set when the whole refresh
// failed; per-symbol failures are in each Quote's Err.
type QuotesMsg struct {
	Quotes []Quote
	Err    error
	At     time.Time
	Manual bool // the poll answered a Refresh (the r key)
}

// HistoryMsg carries daily history for some symbols (all of them on a cold
// start, only new ones after a config change).
type HistoryMsg struct {
	Histories []History
	// Series, when the sender fills it, is Histories converted
	// (History.Series), index for index, done once for every receiver;
	// the histories' bars may then be left out.
	Series []market.Series
	Err    error
	At     time.Time
}

// ProgressMsg reports history loading progress ("history 14/31").
type ProgressMsg struct {
	Done, Total int
}

// SettledMsg is sent once, when the first load is complete: history for
// every symbol watched at start and a quote poll that followed the source's
// decision. The snapshot folds messages until it arrives.
type SettledMsg struct {
	At time.Time
}
