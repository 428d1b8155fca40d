package feeds

import "time"

// The messages the Poller sends to the program (Bubble Tea's p.Send). They
// are plain values: the receiver owns them once sent.

// QuotesMsg carries one quote refresh. Err is set when the whole refresh
// failed; per-symbol failures are in each Quote's Err.
type QuotesMsg struct {
	Quotes []Quote
	Err    error
	At     time.Time
}

// HistoryMsg carries daily history for some symbols (all of them on a cold
// start, only new ones after a config change).
type HistoryMsg struct {
	Histories []History
	Err       error
	At        time.Time
}

// ProgressMsg reports history loading progress ("history 14/31").
type ProgressMsg struct {
	Done, Total int
}
