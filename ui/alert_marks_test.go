package ui

import (
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

// TestAlertMarksInTables: a watched symbol's row carries its mark in the
// second cell of the row's lead (the first is the selection), so the
// columns do not move; the movers line carries it before the symbol; no
// marks draw exactly what they drew before.
func TestAlertMarksInTables(t *testing.T) {
	s := FixtureState(market.WinEssay)
	plain := BasketTable(s, s.Report.Bits, "Bits", TableOptions{Sort: SortName, Selected: -1}, 80, 0)
	s.AlertMarks = map[string]market.AlertMark{"NVDA": market.MarkFired, "MSFT": market.MarkArmed, "XOM": market.MarkNone}
	marked := BasketTable(s, s.Report.Bits, "Bits", TableOptions{Sort: SortName, Selected: 4}, 80, 0)
	// Sorted by name: AMZN BTC-USD ETH-USD GOOGL META MSFT NVDA TSM; row 4 (META) is selected.
	rowOf := func(out, sym string) string {
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, " "+sym+" ") || strings.Contains(l, "◆"+sym+" ") || strings.Contains(l, "◇"+sym+" ") {
				return l
			}
		}
		t.Fatalf("no row for %s in\n%s", sym, out)
		return ""
	}
	for _, c := range []struct{ sym, lead string }{{"NVDA", " ◆NVDA"}, {"MSFT", " ◇MSFT"}, {"META", "› META"}, {"AMZN", "  AMZN"}} {
		if row := rowOf(marked, c.sym); !strings.HasPrefix(row, c.lead) {
			t.Errorf("%s row %q, want it to start %q", c.sym, row, c.lead)
		}
	}
	// Only the lead changed: the rest of NVDA's row is as it was.
	if a, b := rowOf(plain, "NVDA"), rowOf(marked, "NVDA"); a[len("  NVDA"):] != b[len(" ◆NVDA"):] {
		t.Errorf("row moved:\n%q\n%q", a, b)
	}
	s.AlertMarks["META"] = market.MarkArmed
	if row := rowOf(BasketTable(s, s.Report.Bits, "Bits", TableOptions{Sort: SortName, Selected: 4}, 80, 0), "META"); !strings.HasPrefix(row, "›◇META") {
		t.Errorf("selected and armed: %q", row)
	}
	best, worst := movers(s.Report.Bits.Members, 8, s.AlertMarks)
	all := strings.Join(append(best, worst...), "  ")
	if !strings.Contains(all, "◆NVDA ") || !strings.Contains(all, "◇MSFT ") || strings.Contains(all, "◆AMZN") || strings.Contains(all, "◇AMZN") {
		t.Errorf("movers %q", all)
	}
	if !strings.Contains(AlertsPanel(nil, 200, 10), AlertMarksLegend) || !strings.Contains(HelpPanel(s, 300, 40), "◆ beside a symbol") {
		t.Error("no legend in the Alerts screen or the help")
	}
}
