package snapshot

import (
	"time"

	"github.com/whoosh-dev/whoosh/ui"
)

// The Markdown snapshot prints numbers with ui's formats, at a precision of
// its own (a report carries more decimals than a screen).

const dash = ui.NoValue

func fixed(v float64, n int) string  { return ui.FormatFixed(v, n) }
func signed(v float64, n int) string { return ui.FormatSigned(v, n) }
func pct(v float64) string           { return ui.FormatPercent(v, 2) }
func pp(v float64) string            { return ui.FormatPoints(v, 2) }
func times(v float64) string         { return ui.FormatTimes(v, 2) }
func usd(v float64) string           { return ui.FormatDollars(v) }

// timeSeconds converts a number of seconds to a time.Duration.
func timeSeconds(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }
