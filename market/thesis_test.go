package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// thesisIn is a small input: five weekdays 2024-03-18…22 (the essay base is
// 2024-03-20, index 2), SPY flat at 100 unless a test sets it.
func thesisIn(series ...Series) ThesisInput {
	in := ThesisInput{
		Spec: Spec{Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM", "F"},
			Bits:  Basket{Key: "bits", Members: []Member{{"NVDA", 1}}},
			Atoms: Basket{Key: "atoms", Members: []Member{{"XOM", 1}}}},
		Series: map[string]Series{},
		AsOf:   d("2024-03-22"),
	}
	in.Series["SPY"] = series5("SPY", 100, 100, 100, 100, 100)
	for _, s := range series {
		in.Series[s.Symbol] = s
	}
	return in
}

func series5(sym string, closes ...float64) Series {
	return series(sym, weekdays("2024-03-18", 5), closes...)
}

func claimOf(t *testing.T, cs []Claim, id string) Claim {
	t.Helper()
	for _, c := range cs {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("no claim %s", id)
	return Claim{}
}

func TestThesisIDsInIssueOrder(t *testing.T) {
	want := []string{"bits-beat-atoms", "tech-1999-right", "tesla-month-is-a-gm", "tesla-trades-like-atoms",
		"oil-collapses", "lockheed-implodes", "google-search-falls", "intel-left-behind",
		"private-equity-squeezed", "restaurant-robots", "unemployment-spike", "fed-eases",
		"robots-bid", "talent-havens", "crypto-base-layer", "cbdc-by-2027"}
	var got []string
	for _, c := range Thesis(thesisIn()) {
		got = append(got, c.ID)
		// Nothing is dropped: with no data every claim is still there,
		// undecided and saying what it lacks (cbdc needs no data).
		if c.ID != "cbdc-by-2027" && (c.Verdict != Undecided || len(c.Missing) == 0) {
			t.Errorf("%s without data: verdict %s, missing %v", c.ID, c.Verdict, c.Missing)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("ids %v\nwant %v", got, want)
	}
}

// TestVsClaims pins "basket vs SPY rebased to 100 on the essay" and its ±5
// band: an edge (95 or 105 exactly) is inside the band, undecided.
func TestVsClaims(t *testing.T) {
	flat := []float64{100, 100, 100, 100, 100}
	cases := []struct {
		name, id   string
		a, b, spy  []float64 // the claim's first two members and SPY
		syms       []string
		value      float64
		verdict    Verdict
		missingLen int
	}{
		// Chain-linked, not buy-and-hold: day 4 the basket gains
		// (10 % + 0)/2 = 5 % → 105; day 5 it loses (−10 % + 0)/2 = 5 %
		// → 99.75; SPY ends at 105, so 100·0.9975/1.05 = 95 exactly: the
		// edge, undecided. (Buy-and-hold would be 99.5/1.05 = 94.76.)
		{"chain edge 95", "oil-collapses", []float64{100, 100, 100, 110, 99}, flat, []float64{100, 100, 100, 100, 105}, []string{"XOM", "CVX"}, 95, Undecided, 0},
		// XOM 89, CVX 100: (−11 % + 0)/2 → 94.5 < 95, down predicted: on track.
		{"below band", "oil-collapses", []float64{100, 100, 100, 100, 89}, flat, flat, []string{"XOM", "CVX"}, 94.5, OnTrack, 0},
		// (+10 % + 0)/2 → 105: the upper edge, undecided.
		{"upper edge", "oil-collapses", []float64{100, 100, 100, 100, 110}, flat, flat, []string{"XOM", "CVX"}, 105, Undecided, 0},
		// (+11 % + 0)/2 → 105.5 > 105 while down is predicted: against.
		{"above band", "oil-collapses", []float64{100, 100, 100, 100, 111}, flat, flat, []string{"XOM", "CVX"}, 105.5, Against, 0},
		// Before the essay does not count: 50 → 100 on the 19th, flat after.
		{"before essay", "lockheed-implodes", []float64{50, 100, 100, 100, 100}, nil, flat, []string{"LMT"}, 100, Undecided, 0},
		// BOTZ 100 → 106 vs flat SPY: 106 > 105, up predicted: on track.
		{"up on track", "robots-bid", []float64{100, 100, 100, 100, 106}, nil, flat, []string{"BOTZ"}, 106, OnTrack, 0},
		{"up edge 95", "robots-bid", []float64{100, 100, 100, 100, 95}, nil, flat, []string{"BOTZ"}, 95, Undecided, 0},
		{"up against", "robots-bid", []float64{100, 100, 100, 100, 94}, nil, flat, []string{"BOTZ"}, 94, Against, 0},
		// SPY rises 10 %, GOOGL 10 %: 100 · 1.1/1.1 = 100.
		{"relative", "google-search-falls", []float64{100, 100, 100, 100, 110}, nil, []float64{100, 100, 100, 100, 110}, []string{"GOOGL"}, 100, Undecided, 0},
		// CVX missing: the value is XOM's alone (89 → 89), but a missing
		// member makes it undecided and says which.
		{"missing member", "oil-collapses", []float64{100, 100, 100, 100, 89}, nil, flat, []string{"XOM", "CVX"}, 89, Undecided, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := thesisIn(series5(tc.syms[0], tc.a...))
			if len(tc.syms) > 1 && tc.b != nil {
				in.Series[tc.syms[1]] = series5(tc.syms[1], tc.b...)
			}
			in.Series["SPY"] = series5("SPY", tc.spy...)
			c := claimOf(t, Thesis(in), tc.id)
			if !near(c.Value, tc.value) || c.Verdict != tc.verdict || len(c.Missing) != tc.missingLen {
				t.Errorf("value %v verdict %s missing %v; want %v %s %d", c.Value, c.Verdict, c.Missing, tc.value, tc.verdict, tc.missingLen)
			}
			if c.AsOf != d("2024-03-22") || len(c.Since) != 3 || c.Since[0].Value != 100 || c.Since[0].Date != EssayDate {
				t.Errorf("as of %s, since %v: want 3 points from 100 on the essay", c.AsOf, c.Since)
			}
		})
	}
	// The missing member is named.
	in := thesisIn(series5("XOM", 100, 100, 100, 100, 89))
	if c := claimOf(t, Thesis(in), "oil-collapses"); !slices.Equal(c.Missing, []string{"CVX"}) {
		t.Errorf("missing %v, want [CVX]", c.Missing)
	}
	// intel-left-behind is measured against SMH, not SPY.
	in = thesisIn(series5("INTC", 100, 100, 100, 100, 100), series5("SMH", 100, 100, 100, 100, 125))
	if c := claimOf(t, Thesis(in), "intel-left-behind"); c.Value != 80 || c.Verdict != OnTrack || c.Metric != "INTC vs SMH" {
		t.Errorf("intel: %v %s %q, want 80 on_track INTC vs SMH", c.Value, c.Verdict, c.Metric)
	}
}

func TestBitsBeatAtoms(t *testing.T) {
	// NVDA +10 %, XOM flat since the essay: RS = 100·1.1/1 = 110 > 105.
	in := thesisIn(series5("NVDA", 90, 100, 100, 105, 110), series5("XOM", 100, 100, 100, 100, 100))
	c := claimOf(t, Thesis(in), "bits-beat-atoms")
	if c.Value != 110 || c.Verdict != OnTrack || len(c.Missing) != 0 {
		t.Errorf("got %v %s %v, want 110 on_track", c.Value, c.Verdict, c.Missing)
	}
	assertSlice(t, "since", values(c.Since), []float64{100, 105, 110})
	// A config without atoms members says so.
	in.Spec.Atoms.Members = nil
	c = claimOf(t, Thesis(in), "bits-beat-atoms")
	if c.Verdict != Undecided || !slices.Contains(c.Missing, "atoms basket (no members)") {
		t.Errorf("empty atoms: %s %v", c.Verdict, c.Missing)
	}
}

func values(obs []Observation) []float64 {
	out := make([]float64, len(obs))
	for i, o := range obs {
		out[i] = o.Value
	}
	return out
}

func TestTech1999(t *testing.T) {
	peak := func(sym string, v float64) Series {
		return Series{Symbol: sym, Dates: []Date{d("2000-03-09"), d("2000-03-10")}, Close: []float64{v * 0.9, v}}
	}
	cases := []struct {
		name      string
		ndx, gspc float64 // closes at the as-of date; peaks are 4000 and 1000
		value     float64
		verdict   Verdict
	}{
		// ×5 and ×4: 100·5/4 = 125, and ^NDX above its 2000 close.
		{"right", 20000, 4000, 125, OnTrack},
		// ×1.05 vs ×1: 105, the edge.
		{"edge", 4200, 1000, 105, Undecided},
		// ×0.95 vs ×0.8: 118.75 relative, but ^NDX below its 2000 close.
		{"below its peak", 3800, 800, 118.75, Against},
		// ×2 vs ×2.5: 80 < 95.
		{"lagging", 8000, 2500, 80, Against},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := thesisIn(series5(NDX, 1, 1, 1, 1, tc.ndx), series5(GSPC, 1, 1, 1, 1, tc.gspc))
			in.Long = map[string]Series{NDX: peak(NDX, 4000), GSPC: peak(GSPC, 1000)}
			c := claimOf(t, Thesis(in), "tech-1999-right")
			if !near(c.Value, tc.value) || c.Verdict != tc.verdict {
				t.Errorf("got %v %s (%s), want %v %s", c.Value, c.Verdict, c.Note, tc.value, tc.verdict)
			}
		})
	}
	// A monthly bar (2000-03-01, the month's last close) is not the
	// 2000-03-10 close: missing, undecided.
	in := thesisIn(series5(NDX, 1, 1, 1, 1, 20000), series5(GSPC, 1, 1, 1, 1, 4000))
	in.Long = map[string]Series{NDX: {Dates: []Date{d("2000-03-01")}, Close: []float64{4573}}, GSPC: peak(GSPC, 1000)}
	c := claimOf(t, Thesis(in), "tech-1999-right")
	if c.Verdict != Undecided || !slices.Equal(c.Missing, []string{"^NDX close of 2000-03-10"}) {
		t.Errorf("monthly bar: %s %v", c.Verdict, c.Missing)
	}
}

func TestRollingMedian(t *testing.T) {
	// Window 3, at least 2 values: t1 {3,1} → 2; t2 {3,1} → 2 (NaN skipped);
	// t3 {1,2} → 1.5; t4 {2,5} → 3.5.
	got := rollingMedian([]float64{3, 1, nan, 2, 5}, 3, 2)
	assertSlice(t, "median", got, []float64{nan, 2, 2, 1.5, 3.5})
}

// teslaIn is 300 weekdays from 2023-05-01 with TSLA = 100 + t (a 21-day
// move of 21 every day) and GM flat at 50.
func teslaIn(gmShares float64) ThesisInput {
	ds := weekdays("2023-05-01", 300)
	tsla, gm := make([]float64, 300), make([]float64, 300)
	for i := range tsla {
		tsla[i], gm[i] = 100+float64(i), 50
	}
	in := thesisIn()
	in.Series = map[string]Series{"TSLA": series("TSLA", ds, tsla...), "GM": series("GM", ds, gm...), "SPY": series("SPY", ds, gm...)}
	in.AsOf = ds[299]
	in.Facts = map[string]Fundamentals{"TSLA": {SharesOutstanding: 10}, "GM": {SharesOutstanding: gmShares}}
	return in
}

func TestTeslaMonth(t *testing.T) {
	// Every reading is |10·21| / (s_GM·50) = 4.2 / s_GM, so is the median.
	cases := []struct {
		gmShares, value float64
		verdict         Verdict
	}{
		{4.2, 1, OnTrack},     // ≥ 1 includes 1
		{8.4, 0.5, Undecided}, // < 0.5 is against; 0.5 itself is not
		{8.5, 4.2 / 8.5, Against},
		{6, 0.7, Undecided},
	}
	for _, tc := range cases {
		c := claimOf(t, Thesis(teslaIn(tc.gmShares)), "tesla-month-is-a-gm")
		if !near(c.Value, round9(tc.value)) || c.Verdict != tc.verdict {
			t.Errorf("GM shares %v: %v %s, want %v %s", tc.gmShares, c.Value, c.Verdict, tc.value, tc.verdict)
		}
	}
	in := teslaIn(4.2)
	in.Facts = nil
	c := claimOf(t, Thesis(in), "tesla-month-is-a-gm")
	if c.Verdict != Undecided || !slices.Equal(c.Missing, []string{"TSLA shares outstanding", "GM shares outstanding"}) {
		t.Errorf("no shares: %s %v", c.Verdict, c.Missing)
	}
}

func TestTeslaTradesLikeAtoms(t *testing.T) {
	// TSLA's daily returns equal XOM's (the atoms basket) and mirror
	// NVDA's (bits): corr with atoms 1, with bits −1, so the metric is
	// 1 − (−1) = 2 > 0.1: on track. Swapped, −2: against.
	ds := weekdays("2023-11-01", 120)
	mk := func(sign float64) []float64 {
		v, out := 100.0, make([]float64, len(ds))
		for i := range out {
			v *= 1 + sign*0.01*math.Sin(float64(i))
			out[i] = v
		}
		return out
	}
	for _, tc := range []struct {
		atoms, bits float64
		want        Verdict
		value       float64
	}{{1, -1, OnTrack, 2}, {-1, 1, Against, -2}} {
		in := thesisIn()
		in.Series = map[string]Series{"TSLA": series("TSLA", ds, mk(1)...), "XOM": series("XOM", ds, mk(tc.atoms)...),
			"NVDA": series("NVDA", ds, mk(tc.bits)...), "SPY": series("SPY", ds, mk(1)...)}
		in.AsOf = ds[len(ds)-1]
		c := claimOf(t, Thesis(in), "tesla-trades-like-atoms")
		if math.Abs(c.Value-tc.value) > 1e-6 || c.Verdict != tc.want {
			t.Errorf("atoms sign %v: %v %s, want %v %s", tc.atoms, c.Value, c.Verdict, tc.value, tc.want)
		}
	}
}

func TestRatioVerdictEdges(t *testing.T) {
	b := ClaimBand{-0.1, 0.1} // the Tesla band: edges undecided
	for _, tc := range []struct {
		v    float64
		dir  Direction
		want Verdict
	}{
		{0.1, Up, Undecided}, {0.100000001, Up, OnTrack}, {-0.1, Up, Undecided}, {-0.100000001, Up, Against},
		{-0.100000001, Down, OnTrack}, {0.100000001, Down, Against}, {nan, Up, Undecided},
	} {
		if got := ratioVerdict(tc.v, b, tc.dir); got != tc.want {
			t.Errorf("ratioVerdict(%v, %s) = %s, want %s", tc.v, tc.dir, got, tc.want)
		}
	}
	// An open side decides nothing.
	if got := ratioVerdict(-5, ClaimBand{nan, 0.5}, Up); got != Undecided {
		t.Errorf("open side: %s", got)
	}
}

func TestRestaurantRobots(t *testing.T) {
	for _, tc := range []struct {
		last, value float64
		want        Verdict
	}{
		{11880, -1, Undecided}, // 11880/12000 − 1 = −1 %: the edge
		{11879, (11879.0/12000 - 1) * 100, OnTrack},
		{12120, 1, Undecided},
		{12121, (12121.0/12000 - 1) * 100, Against},
	} {
		in := thesisIn()
		in.AsOf = d("2024-04-30")
		in.Macro = map[string][]Observation{FoodServicesID: monthly("2024-02", 11000, 12000, tc.last)}
		c := claimOf(t, Thesis(in), "restaurant-robots")
		if !near(c.Value, round9(tc.value)) || c.Verdict != tc.want || c.AsOf != d("2024-04-01") {
			t.Errorf("%v: %v %s %s, want %v %s", tc.last, c.Value, c.Verdict, c.AsOf, tc.value, tc.want)
		}
	}
	// Observations after asOf are not read; none at all is missing FRED data.
	in := thesisIn()
	in.Macro = map[string][]Observation{FoodServicesID: monthly("2024-04", 11000)}
	c := claimOf(t, Thesis(in), "restaurant-robots")
	if c.Verdict != Undecided || !slices.Equal(c.Missing, []string{FoodServicesID}) {
		t.Errorf("future only: %s %v", c.Verdict, c.Missing)
	}
	in.AsOf = d("2024-05-01")
	c = claimOf(t, Thesis(in), "restaurant-robots")
	if !slices.Equal(c.Missing, []string{FoodServicesID + " before 2024-03-20"}) {
		t.Errorf("no base: %v", c.Missing)
	}
}

// unrate is 15 months at 4.0 (2023-01…2024-03), then three at level.
func unrate(level float64) []Observation {
	vs := make([]float64, 18)
	for i := range vs {
		vs[i] = 4
		if i >= 15 {
			vs[i] = level
		}
	}
	return monthly("2023-01", vs...)
}

func TestUnemploymentSpike(t *testing.T) {
	for _, tc := range []struct {
		level, sahm float64
		want        Verdict
	}{
		// Sahm = MA_0 − min MA_k = (4.5·3)/3 − 4 = 0.5: triggers (≥).
		{4.5, 0.5, OnTrack},
		// 0.4 < 0.5: undecided, never against.
		{4.4, 0.4, Undecided},
		// Falling: MA_0 = 3, the lowest earlier MA is (3+3+4)/3.
		{3.0, round9(3 - 10.0/3), Undecided},
		// 10 % is the essay's end state.
		{10, 6, Confirmed},
	} {
		in := thesisIn()
		in.AsOf = d("2024-07-01")
		in.Macro = map[string][]Observation{UnrateID: unrate(tc.level)}
		c := claimOf(t, Thesis(in), "unemployment-spike")
		if !near(c.Value, tc.sahm) || c.Verdict != tc.want || c.AsOf != d("2024-06-01") {
			t.Errorf("%v: sahm %v %s %s, want %v %s", tc.level, c.Value, c.Verdict, c.AsOf, tc.sahm, tc.want)
		}
	}
	// The path runs from the essay month (Sahm 0) through the trigger:
	// 2024-04 MA_0 = (4+4+4.5)/3, 2024-05 (4+4.5+4.5)/3.
	in := thesisIn()
	in.AsOf = d("2024-07-01")
	in.Macro = map[string][]Observation{UnrateID: unrate(4.5)}
	c := claimOf(t, Thesis(in), "unemployment-spike")
	assertSlice(t, "sahm path", values(c.Since), []float64{0, round9(12.5/3 - 4), round9(13.0/3 - 4), 0.5})
	if !strings.Contains(c.Note, "Sahm first triggered 2024-06") {
		t.Errorf("note %q", c.Note)
	}
	// 10 % with too short a history for Sahm is still confirmed.
	in.Macro = map[string][]Observation{UnrateID: monthly("2024-01", 4, 10)}
	if c := claimOf(t, Thesis(in), "unemployment-spike"); c.Verdict != Confirmed {
		t.Errorf("short 10 %%: %s", c.Verdict)
	}
	in.Macro = nil
	if c := claimOf(t, Thesis(in), "unemployment-spike"); c.Verdict != Undecided || !slices.Equal(c.Missing, []string{UnrateID}) {
		t.Errorf("no FRED: %s %v", c.Verdict, c.Missing)
	}
}

func TestFedEases(t *testing.T) {
	// FEDFUNDS from the essay month 2024-03 at 5.33.
	ff := func(vs ...float64) []Observation { return monthly("2024-03", vs...) }
	cases := []struct {
		name   string
		ff, u  []Observation
		value  float64
		want   Verdict
		timing string
	}{
		// 5.08 − 5.33 = −0.25 exactly (rounded): on track, edge included.
		// Eased in 2024-05, before the Sahm trigger of 2024-06.
		{"before trigger", ff(5.33, 5.33, 5.08, 5.08), unrate(4.5), -0.25, OnTrack, "eased by 2024-05, before the Sahm trigger of 2024-06"},
		{"after trigger", ff(5.33, 5.33, 5.33, 5.33, 4.83), unrate(4.5), -0.5, OnTrack, "eased by 2024-07, after the Sahm trigger of 2024-06"},
		{"no trigger", ff(5.33, 5.08), unrate(4.0), -0.25, OnTrack, "eased by 2024-04, before any Sahm trigger"},
		{"not yet", ff(5.33, 5.2), unrate(4.0), round9(5.2 - 5.33), Undecided, "no easing of 0.25 pt yet"},
		// +0.25 is a hike: against, edge included.
		{"hike", ff(5.33, 5.58), unrate(4.0), 0.25, Against, "no easing"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := thesisIn()
			in.AsOf = d("2024-08-01")
			in.Macro = map[string][]Observation{FedFundsID: tc.ff, UnrateID: tc.u}
			c := claimOf(t, Thesis(in), "fed-eases")
			if !near(c.Value, tc.value) || c.Verdict != tc.want || !strings.Contains(c.Note, tc.timing) {
				t.Errorf("got %v %s %q, want %v %s %q", c.Value, c.Verdict, c.Note, tc.value, tc.want, tc.timing)
			}
		})
	}
	in := thesisIn()
	if c := claimOf(t, Thesis(in), "fed-eases"); c.Verdict != Undecided || !slices.Equal(c.Missing, []string{FedFundsID}) {
		t.Errorf("no FRED: %s %v", c.Verdict, c.Missing)
	}
}

func TestCBDC(t *testing.T) {
	in := thesisIn()
	in.AsOf = d("2025-12-30")
	c := claimOf(t, Thesis(in), "cbdc-by-2027")
	// 2025-12-30 → 2027-12-30 is 365 + 365 days, one more to the 31st.
	if c.Verdict != NotMeasurable || c.Value != 731 || !strings.Contains(c.Note, "2027-12-31, 731 days left") {
		t.Errorf("got %s %v %q", c.Verdict, c.Value, c.Note)
	}
	in.AsOf = d("2028-01-02")
	if c := claimOf(t, Thesis(in), "cbdc-by-2027"); c.Value != -2 || !strings.Contains(c.Note, "passed 2 days ago") {
		t.Errorf("after the deadline: %v %q", c.Value, c.Note)
	}
}

func TestThesisSymbols(t *testing.T) {
	got := ThesisSymbols()
	for _, s := range []string{"^NDX", "^GSPC", "SMH", "BOTZ", "UAE", "EWS", "EWL", "SPY", "XOM", "BTC-USD"} {
		if !slices.Contains(got, s) {
			t.Errorf("ThesisSymbols lacks %s: %v", s, got)
		}
	}
	seen := map[string]bool{}
	for _, s := range got {
		if seen[s] {
			t.Errorf("duplicate %s", s)
		}
		seen[s] = true
	}
}

// TestThesisReadsOnlyItsSymbols: the claims come out the same whether the
// panel holds every series or only those thesisSeries keeps, with a
// watchlist that trades on weekends and on a US holiday beside them (the
// benchmark sets the calendar either way).
func TestThesisReadsOnlyItsSymbols(t *testing.T) {
	ds := weekdays("2023-11-01", 400)
	path := func(k int) []float64 {
		v, out := 100.0, make([]float64, len(ds))
		for i := range out {
			v *= 1 + 0.01*math.Sin(float64(i*(k+1)))
			out[i] = v
		}
		return out
	}
	in := thesisIn()
	in.AsOf = ds[len(ds)-1]
	in.Spec.Bits.Members = []Member{{"NVDA", 1}, {"MSFT", 1}}
	in.Spec.Atoms.Members = []Member{{"XOM", 1}, {"LMT", 1}}
	syms := append(ThesisSymbols(), "TSLA", "GM", "F", "NVDA", "MSFT", "XOM")
	for k, sym := range syms {
		in.Series[sym] = series(sym, ds, path(k)...)
	}
	in.Facts = map[string]Fundamentals{"TSLA": {SharesOutstanding: 3e9}, "GM": {SharesOutstanding: 1e9}, "F": {SharesOutstanding: 4e9}}
	every := make([]Date, 0, 560)
	for x := ds[0]; x <= in.AsOf; x++ {
		every = append(every, x)
	}
	in.Series["BTC-USD"] = series("BTC-USD", every, path(40)[:len(ds)]...) // weekend bars
	in.Series["7203.T"] = series("7203.T", append([]Date{d("2024-01-15")}, ds[60:]...), path(41)[:len(ds)-59]...)
	for i := range 20 {
		sym := "W" + string(rune('A'+i))
		in.Series[sym] = series(sym, ds[i*7:], path(50 + i)[:len(ds)-i*7]...)
	}
	all := scoreThesis(in, "SPY", Align(sortedSeries(in.Series), in.AsOf, "SPY"))
	if got, want := fmt.Sprintf("%+v", Thesis(in)), fmt.Sprintf("%+v", all); got != want {
		t.Errorf("claims on the thesis's own symbols differ from claims on every series:\n got %s\nwant %s", got, want)
	}
}

// TestThesisBeforeTheEssay: as of a date before the essay every claim is
// undecided with no value (the cbdc claim stays not measurable).
func TestThesisBeforeTheEssay(t *testing.T) {
	in := thesisIn(series5("NVDA", 1, 2, 3, 4, 5), series5("XOM", 5, 4, 3, 2, 1))
	in.AsOf = d("2024-03-19")
	for _, c := range Thesis(in) {
		switch {
		case c.ID == "cbdc-by-2027":
			if c.Verdict != NotMeasurable {
				t.Errorf("%s: %s", c.ID, c.Verdict)
			}
		case c.Verdict != Undecided || !math.IsNaN(c.Value) || len(c.Since) != 0 || !strings.Contains(c.Note, "2024-03-20"):
			t.Errorf("%s before the essay: %s %v since %v note %q", c.ID, c.Verdict, c.Value, c.Since, c.Note)
		}
	}
	in.AsOf = d("2024-03-22") // from the essay on, the same data is scored
	if c := claimOf(t, Thesis(in), "bits-beat-atoms"); c.Verdict == Undecided {
		t.Errorf("after the essay: bits-beat-atoms %s %v", c.Verdict, c.Value)
	}
}
