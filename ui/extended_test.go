package ui

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// postState is the fixture with a post-market trade of TSLA: the regular
// close 317.66 at 2025-06-30 16:00 ET, then 320.10 at 17:35 ET, +2.44 =
// (320.10 − 317.66), +0.77% = 2.44 / 317.66 × 100 (0.7681…).
func postState() State {
	s := FixtureState(market.WinEssay)
	q := s.Quotes["TSLA"]
	q.Currency = "USD"
	q.Time = time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC)
	q.Post = feeds.Extended{Price: 320.10, Change: 2.44, ChangePct: 2.44 / 317.66 * 100, Time: time.Date(2025, 6, 30, 21, 35, 0, 0, time.UTC)}
	s.Quotes = map[string]feeds.Quote{"TSLA": q}
	return s
}

// TestTickerPostMarketGolden: the detail shows the post-market price, its
// change and its own time, and leaves the day's change and the last price
// the regular session's.
func TestTickerPostMarketGolden(t *testing.T) {
	s := postState()
	for _, sz := range [][2]int{{50, 15}, {80, 24}} {
		got := TickerPanel(s, "TSLA", tickerSeries(s), sz[0], sz[1])
		plain := ansi.Strip(got)
		if !strings.Contains(plain, "post $320.10 +0.77% (17:35 ET)") || !strings.Contains(plain, "last $317.66") {
			t.Errorf("%dx%d: no post-market line or wrong last:\n%s", sz[0], sz[1], plain)
		}
		checkGolden(t, "tickerpost_"+strconvSize(sz), plain)
	}
	// Without the post trade, the rest of the detail is the same numbers.
	base := FixtureState(market.WinEssay)
	if a, b := ansi.Strip(TickerPanel(base, "TSLA", tickerSeries(base), 200, 0)), ansi.Strip(TickerPanel(s, "TSLA", tickerSeries(s), 200, 0)); !strings.Contains(b, dayOf(a)) {
		t.Errorf("day's change moved with the post trade: %q vs\n%s", dayOf(a), b)
	}
}

// TestTableMarksExtended: the watchlist row of TSLA carries the mark after
// its price and the legend follows the table; without the trade neither.
func TestTableMarksExtended(t *testing.T) {
	o := TableOptions{Sort: SortWindow, Selected: -1}
	with := ansi.Strip(BasketTable(postState(), postState().Report.Watchlists[0], "Robots", o, 80, 0))
	if !strings.Contains(with, "317.66*") || !strings.Contains(with, extLegend) || !strings.Contains(with, "LAST USD") {
		t.Errorf("marked table:\n%s", with)
	}
	base := FixtureState(market.WinEssay)
	without := ansi.Strip(BasketTable(base, base.Report.Watchlists[0], "Robots", o, 80, 0))
	if strings.Contains(without, "*") || strings.Contains(without, "USD") {
		t.Errorf("unmarked table (no currency known):\n%s", without)
	}
	// An old trade (before the observation shown) is not shown.
	old := postState()
	q := old.Quotes["TSLA"]
	q.Post.Time = q.Time.Add(-time.Hour)
	old.Quotes["TSLA"] = q
	if _, _, ok := ExtendedOf(old, "TSLA"); ok {
		t.Error("a post trade older than the regular one is shown")
	}
}

func strconvSize(sz [2]int) string { return strconv.Itoa(sz[0]) + "x" + strconv.Itoa(sz[1]) }

// dayOf returns the "day …%" segment of a detail.
func dayOf(s string) string {
	i := strings.Index(s, "day ")
	if i < 0 {
		return "no day"
	}
	return strings.Fields(s[i:])[0] + " " + strings.Fields(s[i:])[1]
}
