package ui

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/market"
)

// fixtureClaims is a hand-made scorecard: every verdict, every unit, a
// missing symbol, a wording with an escape sequence, a long path and an
// empty one.
func fixtureClaims() []market.Claim {
	essay := market.EssayDate
	path := func(n int, f func(i int) float64) []market.Observation {
		out := make([]market.Observation, n)
		for i := range out {
			out[i] = market.Observation{Date: essay.AddDays(i), Value: f(i)}
		}
		return out
	}
	asOf := market.DateOf(2025, 12, 30)
	ratio := market.ClaimBand{Lo: 95, Hi: 105}
	return []market.Claim{
		{ID: "bits-beat-atoms", Claim: "the economy of bits outruns the economy of atoms", Metric: "RS bits/atoms since the essay", Unit: "index",
			Predicted: market.Up, Value: 125.6, Band: ratio, Verdict: market.OnTrack, AsOf: asOf,
			Since: path(440, func(i int) float64 { return 100 + 25.6*float64(i)/439 + 3*math.Sin(float64(i)/30) })},
		{ID: "tesla-trades-like-atoms", Claim: "Tesla is starting to trade like GM and Ford", Metric: "63-day corr(TSLA, atoms) − corr(TSLA, bits)", Unit: "corr",
			Predicted: market.Up, Value: -0.41, Band: market.ClaimBand{Lo: -0.1, Hi: 0.1}, Verdict: market.Against, AsOf: asOf,
			Note: "corr with atoms 0.31, with bits 0.72", Since: path(60, func(i int) float64 { return -0.41 * float64(i) / 59 })},
		{ID: "tesla-month-is-a-gm", Claim: "a month of Tesla's market-cap moves is worth a GM or a Ford", Metric: "median |21-day Δ TSLA cap| / GM cap, 252 days", Unit: "×",
			Predicted: market.Up, Value: 1.58, Band: market.ClaimBand{Lo: 0.5, Hi: 1}, Verdict: market.OnTrack, AsOf: asOf,
			Since: path(3, func(i int) float64 { return 1.5 + float64(i)/25 })},
		{ID: "oil-collapses", Claim: "cheap energy from AI-era tech sinks oil\x1b[31m", Metric: "XOM, CVX vs SPY", Unit: "index",
			Predicted: market.Down, Value: 97.2, Band: ratio, Verdict: market.Undecided, AsOf: asOf, Missing: []string{"CVX"},
			Since: path(5, func(i int) float64 { return 100 - 0.7*float64(i) })},
		{ID: "restaurant-robots", Claim: "robots come for restaurant jobs", Metric: "food-services jobs since the essay (FRED CES7072200001)", Unit: "%",
			Predicted: market.Down, Value: 0.99, Band: market.ClaimBand{Lo: -1, Hi: 1}, Verdict: market.Undecided, AsOf: market.DateOf(2025, 11, 1),
			Since: path(20, func(i int) float64 { return float64(i) / 19 })},
		{ID: "unemployment-spike", Claim: "automation drives unemployment toward 10–15 %", Metric: "Sahm rule on FRED UNRATE", Unit: "pt",
			Predicted: market.Up, Value: 5.2, Band: market.ClaimBand{Lo: math.NaN(), Hi: 0.5}, Verdict: market.Confirmed, AsOf: market.DateOf(2025, 11, 1),
			Note: "UNRATE 10.2 % in 2025-11", Since: path(20, func(i int) float64 { return 5.2 * float64(i) / 19 })},
		{ID: "fed-eases", Claim: "the Fed eases after the spike", Metric: "FRED FEDFUNDS change since the essay", Unit: "pt",
			Predicted: market.Down, Value: -1.45, Band: market.ClaimBand{Lo: -0.25, Hi: 0.25}, Verdict: market.OnTrack, AsOf: market.DateOf(2025, 11, 1),
			Note: "eased by 2024-10, before any Sahm trigger", Since: path(20, func(i int) float64 { return -1.45 * float64(i) / 19 })},
		{ID: "robots-bid", Claim: "capital floods into humanoid robotics", Metric: "BOTZ vs SPY", Unit: "index",
			Predicted: market.Up, Value: math.NaN(), Band: ratio, Verdict: market.Undecided, Missing: []string{"BOTZ"}},
		{ID: "cbdc-by-2027", Claim: "CBDCs are deployed by 2026–27", Metric: "days left to 2027-12-31", Unit: "days",
			Value: 731, Band: market.ClaimBand{Lo: math.NaN(), Hi: math.NaN()}, Verdict: market.NotMeasurable, AsOf: asOf,
			Note: "not market data; deadline 2027-12-31, 731 days left"},
	}
}

func TestThesisPanelGolden(t *testing.T) {
	s := FixtureState(market.WinEssay)
	for _, sz := range [][2]int{{80, 24}, {200, 60}} {
		got := ThesisPanel(s, fixtureClaims(), sz[0], sz[1])
		checkGolden(t, "thesis_"+itoa(sz[0])+"x"+itoa(sz[1]), got)
		lines := strings.Split(got, "\n")
		if len(lines) > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for _, l := range lines {
			if w := ansi.StringWidth(l); w > sz[0] {
				t.Errorf("%dx%d: line %q is %d wide", sz[0], sz[1], l, w)
			}
			if strings.Contains(l, "\x1b[31m") {
				t.Errorf("escape sequence from a claim reached the screen: %q", l)
			}
		}
	}
	// Two lines a claim need 3 + 2·9 + the caveat = 22 lines: at 80×21
	// there is one line a claim (3 + 9 + the caveat).
	small := ThesisPanel(s, fixtureClaims(), 80, 21)
	if n := strings.Count(small, "\n") + 1; n != 13 || strings.Contains(small, "missing: CVX") {
		t.Errorf("80×21: %d lines, want 13 without detail lines:\n%s", n, small)
	}
	if big := ThesisPanel(s, fixtureClaims(), 200, 60); !strings.Contains(big, "missing: CVX") || !strings.Contains(big, "band 95 … 105 (down predicted)") {
		t.Errorf("200×60 lacks the detail lines:\n%s", big)
	}
	if got := ThesisPanel(s, nil, 80, 24); !strings.Contains(got, "no data") {
		t.Errorf("no claims: %q", got)
	}
}

func itoa(n int) string { return FormatFixed(float64(n), 0) }

func TestThesisSortedByVerdict(t *testing.T) {
	var ids []string
	for _, c := range SortClaims(fixtureClaims()) {
		ids = append(ids, c.ID)
	}
	want := "unemployment-spike bits-beat-atoms tesla-month-is-a-gm fed-eases tesla-trades-like-atoms oil-collapses restaurant-robots robots-bid cbdc-by-2027"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("order\n got %s\nwant %s", got, want)
	}
}

func TestThesisTally(t *testing.T) {
	if got, want := ThesisTally(fixtureClaims()), "thesis: 1 confirmed · 3 on track · 1 against · 3 undecided · 1 not measurable"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := ThesisTally(nil); got != "thesis: no data" {
		t.Errorf("empty: %q", got)
	}
}

func TestSparkline(t *testing.T) {
	cases := []struct {
		xs    []float64
		width int
		want  string
	}{
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, 8, "▁▂▃▄▅▆▇█"},
		// 8 points in 4 columns: the last of each pair, 1 3 5 7.
		{[]float64{0, 1, 2, 3, 4, 5, 6, 7}, 4, "▁▃▆█"},
		{[]float64{2, 2, 2}, 10, "▄▄▄"},
		{[]float64{0, math.NaN(), 7}, 3, "▁ █"},
		{nil, 5, ""},
	}
	for _, tc := range cases {
		if got := Sparkline(tc.xs, tc.width); got != tc.want {
			t.Errorf("Sparkline(%v, %d) = %q, want %q", tc.xs, tc.width, got, tc.want)
		}
	}
}
