package snapshot

import (
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// order returns the position of each of subs in s, -1 when absent.
func order(s string, subs ...string) []int {
	out := make([]int, len(subs))
	for i, x := range subs {
		out[i] = strings.Index(s, x)
	}
	return out
}

func increasing(pos []int) bool {
	for i, p := range pos {
		if p < 0 || (i > 0 && p <= pos[i-1]) {
			return false
		}
	}
	return true
}

// The Markdown snapshot's member tables are in the text's order, by
// contribution, largest first. Atoms in the fixture: ZZZ +0.00 (no data),
// GM -0.50, XOM -1.50 → ZZZ, GM, XOM (config order is XOM, GM, ZZZ).
func TestMarkdownMembersInTextOrder(t *testing.T) {
	s := fixture()
	md := string(write(t, s, Options{Format: Markdown, Width: 80}))
	atoms := md[strings.Index(md, "### Economy of Atoms"):]
	if pos := order(atoms, "| ZZZ (no data) |", "| GM |", "| XOM |"); !increasing(pos) {
		t.Errorf("markdown atoms order %v, want ZZZ, GM, XOM:\n%s", pos, atoms[:min(len(atoms), 600)])
	}
	txt := string(write(t, s, Options{Format: Text, Width: 80}))
	i := strings.Index(txt, "Economy of Atoms (")
	if i < 0 {
		t.Fatalf("no atoms table in the text:\n%s", txt)
	}
	if pos := order(txt[i:], "ZZZ", "GM ", "XOM"); !increasing(pos) {
		t.Errorf("text atoms order %v, want ZZZ, GM, XOM", pos)
	}
}

// The Markdown and text snapshots print macro numbers with one formatter:
// food services 12,509.5 thousand jobs → "12.51M" (12,509.5 / 1,000 to two
// decimals), a 3-month change of -17.6 thousand → "-18k" (rounded to a
// whole thousand), +29.6 → "+30k"; a percent rate 4.33 → "4.3%".
func TestMacroOneFormatter(t *testing.T) {
	s := fixture()
	s.Macro.Series = []market.MacroSeries{
		{ID: "CES7072200001", Name: "Food services", Unit: "thousands",
			Last:     market.Observation{Date: market.DateOf(2025, 5, 1), Value: 12509.5},
			Change3M: -17.6, Change6M: 29.6, Change12M: 56},
		{ID: "FEDFUNDS", Name: "Fed funds rate", Unit: "%",
			Last:     market.Observation{Date: market.DateOf(2025, 5, 1), Value: 4.33},
			Change3M: 0, Change6M: -0.31, Change12M: -1},
	}
	md := string(write(t, s, Options{Format: Markdown, Width: 80}))
	for _, want := range []string{
		"| Food services (CES7072200001) | 12.51M | 2025-05-01 | -18k | +30k | +56k |",
		"| Fed funds rate (FEDFUNDS) | 4.3% | 2025-05-01 | +0.00 | -0.31 | -1.00 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	txt := string(write(t, s, Options{Format: Text, Width: 100}))
	for _, want := range []string{"12.51M", "-18k", "+30k", "+56k", "4.3%"} {
		if !strings.Contains(txt, want) {
			t.Errorf("text lacks %q", want)
		}
	}
}

// A price cell of another currency than its column's puts the minus before
// the currency sign, in the snapshot as on the screen: -5 EUR under a USD
// column is "-€5.00", never "€-5.00"; 315,189 CHF is "CHF 315,189".
func TestMoneySignBeforeCurrency(t *testing.T) {
	s := ui.State{Quotes: map[string]feeds.Quote{
		"E": {Symbol: "E", Currency: "EUR"},
		"C": {Symbol: "C", Currency: "CHF"},
	}}
	for _, c := range []struct {
		sym  string
		v    float64
		want string
	}{
		{"E", -5, "-€5.00"},
		{"E", 5, "€5.00"},
		{"C", 315189, "CHF 315,189"},
		{"C", -1234.5, "-CHF 1,234.50"},
	} {
		if got := money(s, c.sym, c.v, "USD"); got != c.want {
			t.Errorf("money(%s, %v) = %q, want %q", c.sym, c.v, got, c.want)
		}
		if got := ui.CellPrice(s, c.sym, c.v, "USD"); got != c.want {
			t.Errorf("ui.CellPrice(%s, %v) = %q, want %q", c.sym, c.v, got, c.want)
		}
	}
}
