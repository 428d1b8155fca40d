package ui

import (
	"math"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/whoosh-dev/whoosh/feeds"
)

// TestFormatThousandsTable: a comma every three integer digits, the sign
// outside them, a rounded negative zero unsigned, NaN and ±Inf as "—".
func TestFormatThousandsTable(t *testing.T) {
	tests := []struct {
		v    float64
		prec int
		want string
	}{
		{0, 2, "0.00"},
		{0.004, 2, "0.00"},
		{-0.004, 2, "0.00"}, // rounds to -0.00: no sign
		{7.5, 2, "7.50"},
		{999.994, 2, "999.99"},
		{999.995, 2, "1,000.00"}, // rounding carries into a new group (999.995 is stored as 999.99500000000000455)
		{1000, 0, "1,000"},
		{-1234.5, 2, "-1,234.50"},
		{315189.4, 0, "315,189"},
		{-315189.6, 0, "-315,190"},
		{1234567.891, 2, "1,234,567.89"},
		{12345678901234, 0, "12,345,678,901,234"},
		{math.NaN(), 2, "—"},
		{math.Inf(1), 0, "—"},
		{math.Inf(-1), 0, "—"},
	}
	for _, tc := range tests {
		if got := FormatThousands(tc.v, tc.prec); got != tc.want {
			t.Errorf("FormatThousands(%v, %d) = %q, want %q", tc.v, tc.prec, got, tc.want)
		}
	}
}

// TestFormatMoney: the quote's currency sign before the grouped price
// (two decimals below 10 000, none above), the minus before the sign;
// codes without an unambiguous sign print as the code and a space.
func TestFormatMoney(t *testing.T) {
	tests := []struct {
		v        float64
		currency string
		want     string
	}{
		{187.2, "USD", "$187.20"},
		{315189.4, "USD", "$315,189"},
		{-5, "USD", "-$5.00"},
		{1132.634, "EUR", "€1,132.63"},
		{87.2, "GBP", "£87.20"},
		{2345, "JPY", "¥2,345.00"},
		{12345, "JPY", "¥12,345"},
		{12.3, "CHF", "CHF 12.30"},
		{12.3, "GBp", "GBp 12.30"},      // London pence: the code, not £
		{12.3, "", "12.30"},             // unknown currency: no sign
		{math.NaN(), "USD", "—"},        // no price: no sign either
		{12.3, "\x1b[31mUSD", "$12.30"}, // provider text is sanitized first
	}
	for _, tc := range tests {
		if got := FormatMoney(tc.v, tc.currency); got != tc.want {
			t.Errorf("FormatMoney(%v, %q) = %q, want %q", tc.v, tc.currency, got, tc.want)
		}
	}
}

// TestTableCurrency: the header names the currency most rows are in; a
// row in another currency carries its own sign; unknown stays bare.
func TestTableCurrency(t *testing.T) {
	s := State{Quotes: map[string]feeds.Quote{
		"A": {Currency: "USD"}, "B": {Currency: "USD"}, "C": {Currency: "EUR"}, "D": {},
		"E": {Currency: "EUR", Err: errUnknownForTest},
	}}
	if got := TableCurrency(s, []string{"A", "B", "C", "D", "E", "Z"}); got != "USD" {
		t.Errorf("TableCurrency = %q, want USD (2 USD, 1 EUR; E's quote failed)", got)
	}
	if got := TableCurrency(s, []string{"C", "A"}); got != "EUR" {
		t.Errorf("tie: TableCurrency = %q, want EUR (A→Z)", got)
	}
	if got := TableCurrency(s, []string{"D", "Z"}); got != "" {
		t.Errorf("none known: TableCurrency = %q, want \"\"", got)
	}
	if got := CellPrice(s, "C", 87.2, "USD"); got != "€87.20" {
		t.Errorf("EUR row under USD = %q, want €87.20", got)
	}
	if got := CellPrice(s, "A", 1187.2, "USD"); got != "1,187.20" {
		t.Errorf("USD row under USD = %q, want bare 1,187.20", got)
	}
	if got := CellPrice(s, "D", 87.2, "USD"); got != "87.20" {
		t.Errorf("unknown currency row = %q, want bare 87.20", got)
	}
}

// TestExtendedText: the detail's extended-hours line, its time in New
// York; the date joins it when the trade is on another New York day.
func TestExtendedText(t *testing.T) {
	regular := time.Unix(1739566800, 0) // 2025-02-14 16:00 ET
	post := feeds.Extended{Price: 244.64, Change: 0.04, ChangePct: 0.0163505, Time: time.Unix(1739581198, 0)}
	if got, want := ExtendedText("post", post, "USD", regular), "post $244.64 +0.02% (19:59 ET)"; got != want {
		t.Errorf("post = %q, want %q", got, want)
	}
	pre := feeds.Extended{Price: 246.1, ChangePct: math.NaN(), Time: regular.Add(17 * time.Hour)} // Sat 09:00 ET
	if got, want := ExtendedText("pre", pre, "USD", regular), "pre $246.10 (2025-02-15 09:00 ET)"; got != want {
		t.Errorf("pre = %q, want %q", got, want)
	}
}

// TestCutWords: a cut never splits a word when a boundary keeps half the
// width; " · " segments go whole first.
func TestCutWords(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly ten", 11, "exactly ten"},
		{"the economy of bits outruns", 18, "the economy of …"},
		{"thesis: 9 on track · 4 against · 2 undecided · 1 not measurable", 50, "thesis: 9 on track · 4 against · 2 undecided …"},
		{"Unemployment rate", 12, "Unemploymen…"}, // no boundary in the first half: mid-word
		{"ab cd", 4, "ab …"},                      // the cut falls between words
		{"x", 1, "x"},
		{"xy", 1, "x"},
	}
	for _, tc := range tests {
		got := cutWords(tc.s, tc.width)
		if got != tc.want || ansi.StringWidth(got) > tc.width {
			t.Errorf("cutWords(%q, %d) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
	}
}

// TestFitColumns: columns drop whole, lowest priority first, the rightmost
// of a priority first; priority 0 stays.
func TestFitColumns(t *testing.T) {
	cols := []column{{"NAME", 20, true, 0}, {"A", 8, false, 3}, {"B", 9, false, 1}, {"C", 9, false, 1}, {"P", 8, false, 4}}
	tests := []struct {
		width int
		want  string // the heads kept
	}{
		{54, "NAMEABCP"},
		{53, "NAMEABP"}, // C (priority 1, rightmost) goes
		{44, "NAMEAP"},  // then B
		{35, "NAMEP"},   // then A
		{10, "NAME"},    // then P; NAME never goes
	}
	for _, tc := range tests {
		on := fitColumns(cols, tc.width)
		got := ""
		for i, c := range cols {
			if on[i] {
				got += c.head
			}
		}
		if got != tc.want {
			t.Errorf("width %d: kept %s, want %s", tc.width, got, tc.want)
		}
	}
}

var errUnknownForTest = feeds.ErrUnknownSymbol
