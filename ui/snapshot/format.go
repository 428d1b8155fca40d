package snapshot

import (
	"time"

	"github.com/whoosh-dev/whoosh/ui"
)

// The Markdown snapshot prints numbers with ui's formats: prices and macro
// numbers exactly as the screen and the text do (ui.CellPrice,
// ui.MacroValue, ui.MacroChange); percentages and ratios at a precision of
// their own (a report carries more decimals than a screen).

const dash = ui.NoValue

func fixed(v float64, n int) string  { return ui.FormatFixed(v, n) }
func signed(v float64, n int) string { return ui.FormatSigned(v, n) }
func pct(v float64) string           { return ui.FormatPercent(v, 2) }
func pp(v float64) string            { return ui.FormatPoints(v, 2) }
func times(v float64) string         { return ui.FormatTimes(v, 2) }
func usd(v float64) string           { return ui.FormatDollars(v) }

// timeSeconds converts a number of seconds to a time.Duration.
func timeSeconds(sec float64) time.Duration { return time.Duration(sec * float64(time.Second)) }

// lastHead is a price column's header, naming its currency once: "last
// (USD)", or "last" when no currency is known.
func lastHead(cur string) string {
	if cur == "" {
		return "last"
	}
	return "last (" + cur + ")"
}

// money is a price cell under lastHead(cur): ui's one rule (ui.CellPrice),
// bare in the column's currency, with its own sign otherwise ("-€5.00").
func money(s ui.State, sym string, v float64, cur string) string {
	return ui.CellPrice(s, sym, v, cur)
}
