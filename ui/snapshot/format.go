package snapshot

import (
	"strings"
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

func thousands(v float64, n int) string { return ui.FormatThousands(v, n) }

// signedThousands is thousands with an explicit sign: "+1,234.00".
func signedThousands(v float64, n int) string {
	t := ui.FormatThousands(v, n)
	if t == dash || strings.HasPrefix(t, "-") {
		return t
	}
	return "+" + t
}

// lastHead is a price column's header, naming its currency once: "last
// (USD)", or "last" when no currency is known.
func lastHead(cur string) string {
	if cur == "" {
		return "last"
	}
	return "last (" + cur + ")"
}

// money is a price cell under lastHead(cur): thousands grouped, two
// decimals, bare in the column's currency, with its own sign otherwise.
func money(s ui.State, sym string, v float64, cur string) string {
	t := ui.FormatThousands(v, 2)
	if c := ui.QuoteCurrency(s, sym); c != "" && c != cur && t != dash {
		return ui.CurrencySign(c) + t
	}
	return t
}
