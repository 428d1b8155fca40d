package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

func TestCurrencyCode(t *testing.T) {
	for in, want := range map[string]string{
		"USD": "USD", " CHF ": "CHF", "USDT": "USDT", "GBp": "GBp", // pence keep their case
		"": "", "US": "", "DOLLARS": "", "U$D": "", "\x1b[31mUSD": "USD", "€UR": "", "12A": "",
	} {
		if got := CurrencyCode(in); got != want {
			t.Errorf("CurrencyCode(%q) = %q, want %q", in, got, want)
		}
	}
	if got := CurrencySign("VERYLONGCODE"); got != "" {
		t.Errorf("CurrencySign of a long code = %q, want \"\"", got)
	}
}

// fitMoney never writes wider than its column (colLast, 10): the price as
// the one rule writes it, then without decimals, then compact.
func TestFitMoney(t *testing.T) {
	cases := []struct {
		v     float64
		sign  string
		width int
		want  string
	}{
		{315189, "CHF ", 10, "CHF 315.2k"}, // "CHF 315,189" is 11 wide; 315189/1000 = 315.189 → 315.2k
		{315189, "CHF ", 9, "CHF 315k"},    // one decimal is 10 wide
		{315189, "", 10, "315,189"},        // bare: fits as is
		{315189, "€", 10, "€315,189"},      // € is one cell
		{1132.63, "CHF ", 10, "CHF 1,133"}, // "CHF 1,132.63" (12) → no decimals (9)
		{-5, "€", 10, "-€5.00"},            // the minus before the sign
		{-315189, "CHF ", 10, "-CHF 315k"}, // "-CHF 315.2k" is 11
		{999960, "ABCD ", 10, "ABCD 1.0M"}, // 999.96k rounds to 1000.0k: the next unit
		{1.234e9, "", 10, "1.2B"},          // "1,234,000,000" is 13
		{1.234e9, "", 13, "1,234,000,000"},
		{87.2, "€", 10, "€87.20"},
	}
	for _, c := range cases {
		got := fitMoney(c.v, c.sign, c.width)
		if got != c.want || ansi.StringWidth(got) > c.width {
			t.Errorf("fitMoney(%v, %q, %d) = %q, want %q", c.v, c.sign, c.width, got, c.want)
		}
	}
}

// A foreign or oddly coded price never pushes DAY% and WIN% out of line:
// every row of the table is as wide as the header's columns.
func TestBasketTableForeignPriceFits(t *testing.T) {
	s := FixtureState(market.WinEssay)
	b := s.Report.Bits
	b.Members = append([]market.MemberStat(nil), b.Members...)
	b.Members[0].Last, b.Members[1].Last = 315189, 123456.78
	s.Quotes = map[string]feeds.Quote{
		b.Members[0].Symbol: {Symbol: b.Members[0].Symbol, Currency: "CHF"},
		b.Members[1].Symbol: {Symbol: b.Members[1].Symbol, Currency: "A-VERY-LONG-CURRENCY-NAME"},
		b.Members[2].Symbol: {Symbol: b.Members[2].Symbol, Currency: "USD"},
		b.Members[3].Symbol: {Symbol: b.Members[3].Symbol, Currency: "USD"},
	}
	out := ansi.Strip(BasketTable(s, b, "Bits", TableOptions{Sort: SortName, Selected: -1}, 80, 0))
	var head string
	rows := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "SYMBOL") {
			head = l
			continue
		}
		if head == "" || !strings.Contains(l, "%") {
			continue
		}
		rows++
		// DAY% ends at the header's DAY% end: 2 + colSym + colLast + colMark + colDay.
		end := 2 + colSym + colLast + colMark + colDay
		if r := []rune(l); len(r) < end || r[end-1] != '%' {
			t.Errorf("row out of line (DAY%% should end at column %d):\n%s\n%s", end, head, l)
		}
	}
	if rows != len(b.Members) {
		t.Fatalf("%d rows, want %d:\n%s", rows, len(b.Members), out)
	}
	if !strings.Contains(out, "CHF 315.2k") || strings.Contains(out, "A-VERY") {
		t.Errorf("want CHF 315.2k and no raw long code:\n%s", out)
	}
}
