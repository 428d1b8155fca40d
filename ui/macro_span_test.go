package ui

import (
	"strings"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

// macroSince: the charts start at the window's base, or 24 months before
// the as-of date when that is earlier.
func TestMacroSince(t *testing.T) {
	asOf := market.DateOf(2026, 11, 30)
	cases := []struct {
		start  market.Date
		since  market.Date
		longer bool
	}{
		{market.DateOf(2026, 10, 30), market.DateOf(2024, 11, 30), true},  // 1M: 1 month < 24
		{market.DateOf(2024, 12, 1), market.DateOf(2024, 11, 30), true},   // 23 months and 29 days
		{market.DateOf(2024, 11, 30), market.DateOf(2024, 11, 30), false}, // exactly 24 months
		{market.DateOf(2024, 3, 20), market.DateOf(2024, 3, 20), false},   // ESSAY: 32 months
	}
	for _, c := range cases {
		since, longer := macroSince(market.Report{Start: c.start, AsOf: asOf})
		if since != c.since || longer != c.longer {
			t.Errorf("start %s: since %s longer %v, want %s %v", c.start, since, longer, c.since, c.longer)
		}
	}
	if since, longer := macroSince(market.Report{}); since != 0 || longer {
		t.Errorf("no report: %s %v", since, longer)
	}
}

// On a 1M window a monthly chart draws the last 24 months, not one point,
// and its title says so.
func TestMacroChartMinSpan(t *testing.T) {
	s := FixtureState(market.Win1M)
	asOf := s.Report.AsOf
	var obs []market.Observation
	for i := 36; i >= 1; i-- { // monthly, 36 months up to last month
		d := asOf.AddMonths(-i)
		y, m, _ := d.Time().Date()
		obs = append(obs, market.Observation{Date: market.DateOf(y, m, 1), Value: 4 + float64(i%5)/10})
	}
	s.Macro = &market.MacroReport{Series: []market.MacroSeries{{ID: "UNRATE", Name: "Unemployment rate", Unit: "%",
		Obs: obs, Last: obs[len(obs)-1]}}}
	out := MacroPanel(s, 100, 40)
	want := "Unemployment rate · monthly since " + asOf.AddMonths(-24).String() + " (last 24 months: the 1M window is shorter)"
	if !strings.Contains(out, want) {
		t.Errorf("no title %q:\n%s", want, out)
	}
	// 24 monthly points across ~90 columns: long runs of line, not a dot.
	if n := strings.Count(out, "─"); n < 40 {
		t.Errorf("%d line cells, want a line across the chart:\n%s", n, out)
	}
}
