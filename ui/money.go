package ui

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// Units, one rule for every table on the screen and in the text and
// Markdown snapshots (JSON and CSV carry raw numbers and name units in
// their keys):
//   - a column whose cells share a unit states it once, in its header
//     ("LAST USD", "CAP $B", "POINTS pt"), and its cells are bare numbers;
//   - a cell whose unit differs from its column's carries its own (a EUR
//     row under "LAST USD" shows "€87.20");
//   - a table whose rows are different quantities (macro, thesis) keeps
//     each cell's unit in the cell;
//   - prose lines outside tables carry a unit on each number ("last
//     $315,189", "TSLA $83.7B").
// Every number of four or more integer digits is grouped by thousands.

// currencySigns are the currencies with a sign of their own that reads
// unambiguously; any other ISO code prints as itself and a space ("CHF ").
var currencySigns = map[string]string{
	"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "KRW": "₩",
}

// CurrencySign is what goes before an amount in currency: "$", "€",
// "CHF ", or "" when the currency is unknown or not a code (CurrencyCode).
func CurrencySign(code string) string {
	code = CurrencyCode(code)
	if code == "" {
		return ""
	}
	if s, ok := currencySigns[code]; ok {
		return s
	}
	return code + " "
}

// FormatMoney formats a price in currency with its sign and thousands
// grouped as fmtPrice does: "$1,132.63", "-€5.00", "CHF 315,189".
func FormatMoney(v float64, currency string) string {
	s := fmtPrice(v)
	if s == noValue {
		return s
	}
	sign := CurrencySign(currency)
	if neg, ok := strings.CutPrefix(s, "-"); ok {
		return "-" + sign + neg
	}
	return sign + s
}

// quoteCurrency returns the code of sym's quote currency (CurrencyCode:
// "" when unknown or not a code).
func quoteCurrency(s State, sym string) string {
	if q, ok := s.Quotes[sym]; ok && q.Err == nil {
		return CurrencyCode(q.Currency)
	}
	return ""
}

// TableCurrency is the currency a price column states in its header: the
// one most of syms' quotes are in (ties: A→Z), "" when none is known.
func TableCurrency(s State, syms []string) string {
	n := map[string]int{}
	for _, sym := range syms {
		if c := quoteCurrency(s, sym); c != "" {
			n[c]++
		}
	}
	best := ""
	for _, c := range slices.Sorted(maps.Keys(n)) {
		if best == "" || n[c] > n[best] {
			best = c
		}
	}
	return best
}

// cellPrice is a price cell under a header in currency table: bare when
// the row's currency is the table's or unknown, else with its own sign.
func CellPrice(s State, sym string, v float64, table string) string {
	if c := quoteCurrency(s, sym); c != "" && c != table {
		return FormatMoney(v, c)
	}
	return fmtPrice(v)
}

// extMark follows the price of a row whose symbol has an extended-hours
// trade to show; extLegend explains it under the table.
const (
	extMark        = "*"
	extLegend      = "* a pre/post-market trade followed this price"
	extLegendShort = "* pre/post-market"
)

// ExtendedOf returns sym's extended-hours trade to show, with its session
// ("pre" or "post"): from a quote without error, and only when it traded
// after the observation the screen shows (an old cached quote's evening
// trade does not follow a newer close). It never enters a price, a change
// or a basket.
func ExtendedOf(s State, sym string) (string, feeds.Extended, bool) {
	q, ok := s.Quotes[sym]
	if !ok || q.Err != nil {
		return "", feeds.Extended{}, false
	}
	session, e, ok := q.ExtendedHours()
	if !ok {
		return "", feeds.Extended{}, false
	}
	if ss, shown := s.Symbols[sym]; shown && !ss.Observed.IsZero() && !e.Time.After(ss.Observed) {
		return "", feeds.Extended{}, false
	}
	return session, e, true
}

// ExtendedText is an extended-hours trade as the detail shows it:
// "post $187.20 +0.53% (17:35 ET)", with the date too when it traded on
// another New York day than regular ("pre $190.10 +1.20% (2025-02-18
// 08:02 ET)"). The change is the provider's, against the regular price.
func ExtendedText(session string, e feeds.Extended, currency string, regular time.Time) string {
	out := session + " " + FormatMoney(e.Price, currency)
	if finite(e.ChangePct) {
		out += " " + fmtPct(e.ChangePct)
	}
	if !e.Time.IsZero() {
		ny := e.Time.In(calendar.NewYork())
		layout := "15:04"
		if regular.IsZero() || feeds.NewYorkDate(regular) != feeds.NewYorkDate(e.Time) {
			layout = "2006-01-02 15:04"
		}
		out += " (" + ny.Format(layout) + " ET)"
	}
	return out
}
