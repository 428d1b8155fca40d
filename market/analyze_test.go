package market

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// smallSpec is a one-symbol-per-basket spec so that hand computation stays
// short: bits = X, atoms = Y, crypto = C, havens = H, benchmark = S.
func smallSpec(lookback int) Spec {
	return Spec{
		Bits:       Basket{Key: "bits", Name: "Bits", Members: []Member{{"X", 1}}},
		Atoms:      Basket{Key: "atoms", Name: "Atoms", Members: []Member{{"Y", 1}}},
		Crypto:     Basket{Key: "crypto", Members: []Member{{"C", 1}}},
		Havens:     Basket{Key: "havens", Members: []Member{{"H", 1}}},
		Benchmark:  "S",
		Tesla:      "T",
		Incumbents: []string{"G", "F"},
		MoveDays:   2,
		CorrDays:   63,
		Lookback:   lookback,
		Weights:    Weights{1, 1, 1, 1, 1},
	}
}

func smallInput() Input {
	ds := weekdays("2024-03-18", 3)
	return Input{
		Spec: smallSpec(2),
		Series: map[string]Series{
			"X": series("X", ds, 10, 11, 12.1),
			"Y": series("Y", ds, 20, 20, 22),
			"C": series("C", ds, 100, 100, 200),
			"H": series("H", ds, 10, 10, 10),
			"S": series("S", ds, 50, 50, 50),
			"T": series("T", ds, 200, 225, 250),
			"G": series("G", ds, 40, 48, 50),
			"F": series("F", ds, 10, 10, 10),
		},
		Facts: map[string]Fundamentals{
			"T": {Price: 250, MarketCap: 800e9, SharesOutstanding: 3.2e9},
			"G": {Price: 50, MarketCap: 50e9, SharesOutstanding: 1e9},
			"F": {Price: 10, MarketCap: 40e9, SharesOutstanding: 4e9},
		},
		Window: WinEssay,
		AsOf:   ds[2],
	}
}

func TestAnalyzeRelativeStrength(t *testing.T) {
	// ESSAY would start at the Wednesday close, the last of the three
	// days; 1M reaches back to the Monday.
	in := smallInput()
	in.Window = Win1M
	r := Analyze(in)
	// Bits 10 → 11 → 12.1: index 100, 110, 121. Atoms 20, 20, 22: 100, 100, 110.
	// RS = 100·B/A: 100, 110, 110. Spread: 21 % − 10 % = 11 points.
	assertSlice(t, "bits", r.Bits.Index, []float64{100, 110, 121})
	assertSlice(t, "atoms", r.Atoms.Index, []float64{100, 100, 110})
	assertSlice(t, "rs", r.RS.Series, []float64{100, 110, 110})
	if !near(r.RS.Last, 110) || !near(r.RS.SpreadPP, 11) || !near(r.Bits.ReturnPct, 21) || !near(r.Bits.DayPct, 10) {
		t.Errorf("RS last %v spread %v bits ret %v day %v", r.RS.Last, r.RS.SpreadPP, r.Bits.ReturnPct, r.Bits.DayPct)
	}
	if len(r.Dates) != 3 || r.Start != d("2024-03-18") {
		t.Errorf("dates %v start %v", r.Dates, r.Start)
	}
}

func TestAnalyzeWindowRebases(t *testing.T) {
	// ESSAY starts at the 2024-03-20 close, the last of the three days:
	// every rebased series is 100 there, whatever came before.
	r := Analyze(smallInput())
	assertSlice(t, "bits", r.Bits.Index, []float64{100})
	assertSlice(t, "rs", r.RS.Series, []float64{100})
	if r.Start != d("2024-03-20") {
		t.Errorf("start %v", r.Start)
	}
}

func TestAnalyzeGap(t *testing.T) {
	in := smallInput()
	in.Window = Win1M
	g := Analyze(in).Gap
	// Live caps: TSLA 800 B, GM 50 B, F 40 B.
	// TSLA/GM = 16; TSLA/(GM+F) = 800/90 = 8.888…; dollar gap = 750 B.
	// Move over 2 days: 3.2 B shares × (250 − 200) = 160 B = 3.2 GMs = 4 Fords.
	checks := []struct {
		name      string
		got, want float64
	}{
		{"ratio GM", g.RatioFirst, 16},
		{"ratio all", g.RatioAll, 800.0 / 90},
		{"dollar gap", g.DollarGap, 750e9},
		{"move USD", g.MoveUSD, 160e9},
		{"move in GMs", g.MoveInFirst, 3.2},
		{"move in Fords", g.MoveInEach[1], 4},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if g.Approx {
		t.Error("live caps marked approximate")
	}
	// History with current shares: TSLA 3.2 B × {200,225,250} over
	// GM 1 B × {40,48,50}: 16, 15, 16. Move history: only t2 has a 2-day
	// look-back: |3.2·(250−200)| / (1·50) = 3.2.
	assertSlice(t, "ratio history", g.RatioHistory, []float64{16, 15, 16})
	assertSlice(t, "move history", g.MoveHistory, []float64{nan, nan, 3.2})
}

func TestAnalyzeGapApproxWithoutLiveCap(t *testing.T) {
	in := smallInput()
	in.Facts["G"] = Fundamentals{Price: 50, MarketCap: nan, SharesOutstanding: 1e9}
	g := Analyze(in).Gap
	// GM cap = 1 B shares × 50 = 50 B, flagged as an approximation.
	if !g.Approx || !near(g.IncumbCaps[0], 50e9) || !near(g.RatioFirst, 16) {
		t.Errorf("approx %v caps %v ratio %v", g.Approx, g.IncumbCaps, g.RatioFirst)
	}
	// Nothing at all for TSLA: every TSLA figure is NaN, no panic.
	delete(in.Facts, "T")
	delete(in.Series, "T")
	g = Analyze(in).Gap
	if !math.IsNaN(g.TeslaCap) || !math.IsNaN(g.RatioFirst) || !math.IsNaN(g.MoveUSD) {
		t.Errorf("missing TSLA: %+v", g)
	}
}

func TestCorrelationHandComputed(t *testing.T) {
	tests := []struct {
		name       string
		x, y       []float64
		corr, beta float64
		n          int
	}{
		// y = 2x: perfectly correlated; beta of x on y = cov/var(y) = ½.
		{"linear", []float64{1, 2, 3, 4}, []float64{2, 4, 6, 8}, 1, 0.5, 4},
		{"inverse", []float64{1, 2, 3}, []float64{3, 2, 1}, -1, -1, 3},
		// NaN pair dropped: (1,1),(3,2),(5,3). dx = −2,0,2; dy = −1,0,1:
		// cov sum 4, var-y sum 2 → beta 2; corr = 4/√(8·2) = 1.
		{"gap", []float64{1, nan, 3, 5}, []float64{1, 9, 2, 3}, 1, 2, 3},
		// x = 1,2,3; y = 1,3,2: dx = −1,0,1, dy = −1,1,0: cov 1, vx 2, vy 2 → ½, ½.
		{"half", []float64{1, 2, 3}, []float64{1, 3, 2}, 0.5, 0.5, 3},
		{"flat y", []float64{1, 2}, []float64{3, 3}, nan, nan, 2},
		{"one pair", []float64{1}, []float64{2}, nan, nan, 1},
	}
	for _, tc := range tests {
		c, b, n := Correlation(tc.x, tc.y)
		if !near(c, tc.corr) || !near(b, tc.beta) || n != tc.n {
			t.Errorf("%s: corr %v beta %v n %d, want %v %v %d", tc.name, c, b, n, tc.corr, tc.beta, tc.n)
		}
	}
}

func TestTeslaLabel(t *testing.T) {
	tests := []struct {
		bits, atoms float64
		want        string
	}{
		{0.6, 0.2, "trading like bits"},
		{0.2, 0.6, "trading like atoms"},
		{0.5, 0.45, "in between"},
		{0.5, 0.4, "in between"}, // exactly the margin is not beyond it
		{nan, 0.3, "not enough data"},
	}
	for _, tc := range tests {
		if got := TeslaLabel(tc.bits, tc.atoms); got != tc.want {
			t.Errorf("TeslaLabel(%v, %v) = %q, want %q", tc.bits, tc.atoms, got, tc.want)
		}
	}
}

func TestRollingCorrelationOnTesla(t *testing.T) {
	// Tesla returns equal to the bits index returns and opposite to atoms'
	// → corr +1 with bits, −1 with atoms, beta 1 and −1, "like bits".
	n := 80
	ds := weekdays("2024-01-01", n)
	x, y, tsla := make([]float64, n), make([]float64, n), make([]float64, n)
	x[0], y[0], tsla[0] = 100, 100, 100
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 1; i < n; i++ {
		r := 0.02 * (rng.Float64() - 0.5)
		x[i], tsla[i], y[i] = x[i-1]*(1+r), tsla[i-1]*(1+r), y[i-1]*(1-r)
	}
	sp := smallSpec(63)
	sp.CorrDays = 20
	c := Analyze(Input{Spec: sp, Series: map[string]Series{
		"X": series("X", ds, x...), "Y": series("Y", ds, y...), "T": series("T", ds, tsla...),
	}, Window: Win1M, AsOf: ds[n-1]}).Tesla
	if !near(c.CorrBits, 1) || !near(c.CorrAtoms, -1) || !near(c.BetaBits, 1) || !near(c.BetaAtoms, -1) || c.Label != "trading like bits" {
		t.Errorf("corr %+v", c)
	}
	if len(c.BitsHist) == 0 || !near(c.BitsHist[len(c.BitsHist)-1], c.CorrBits) {
		t.Errorf("history does not end at the latest value")
	}
}

func TestScoreHandComputed(t *testing.T) {
	tanh1 := math.Tanh(1) // 0.7615941559557649
	tests := []struct {
		name   string
		cs     []Component
		score  float64
		points []float64
	}{
		{
			// rotation at its scale (+tanh 1), crypto 0, drift at −scale:
			// Σv·tanh = 0 over Σv = 3 → 50.
			name: "balanced",
			cs: []Component{
				{Raw: 0.15, Scale: 0.15, Weight: 1, Present: true},
				{Raw: 0, Scale: 0.25, Weight: 1, Present: true},
				{Raw: 0.3, Scale: 0.05, Weight: 1},
				{Raw: -0.3, Scale: 0.3, Weight: 1, Present: true},
			},
			score:  50,
			points: []float64{50 * tanh1 / 3, 0, 0, -50 * tanh1 / 3},
		},
		{
			// rotation weight 2 at +scale, crypto weight 1 at +scale:
			// 50·(1 + 3·tanh1/3) = 50·1.761594… = 88.0797…
			name: "weighted",
			cs: []Component{
				{Raw: 0.15, Scale: 0.15, Weight: 2, Present: true},
				{Raw: 0.25, Scale: 0.25, Weight: 1, Present: true},
			},
			score:  50 * (1 + tanh1),
			points: []float64{50 * 2 * tanh1 / 3, 50 * tanh1 / 3},
		},
		{
			name:   "nothing present",
			cs:     []Component{{Raw: 1, Scale: 1, Weight: 1}},
			score:  nan,
			points: []float64{0},
		},
		{
			// A zero weight drops out even when present: only labor counts,
			// at −2·scale: 50·(1 + tanh(−2)) = 50·(1 − 0.964028) = 1.7986…
			name: "zero weight",
			cs: []Component{
				{Raw: 5, Scale: 0.15, Weight: 0, Present: true},
				{Raw: -1, Scale: 0.5, Weight: 1, Present: true},
			},
			score:  50 * (1 + math.Tanh(-2)),
			points: []float64{0, 50 * math.Tanh(-2)},
		},
	}
	for _, tc := range tests {
		got := Score(tc.cs)
		if !near(got, tc.score) {
			t.Errorf("%s: score %v, want %v", tc.name, got, tc.score)
		}
		for i, p := range tc.points {
			if !near(tc.cs[i].Points, p) {
				t.Errorf("%s: points[%d] = %v, want %v", tc.name, i, tc.cs[i].Points, p)
			}
		}
	}
}

func TestBand(t *testing.T) {
	for score, want := range map[float64]string{
		0: "atoms entrenched", 19.99: "atoms entrenched", 20: "atoms lean", 39.99: "atoms lean",
		40: "equilibrium", 59.99: "equilibrium", 60: "whoosh building", 79.99: "whoosh building",
		80: "big whoosh", 100: "big whoosh", nan: "no data",
	} {
		if got := Band(score); got != want {
			t.Errorf("Band(%v) = %q, want %q", score, got, want)
		}
	}
}

func TestWhooshComponentsHandComputed(t *testing.T) {
	in := smallInput() // lookback L = 2, as of the third day
	w := Analyze(in).Whoosh
	byKey := map[string]Component{}
	for _, c := range w.Components {
		byKey[c.Key] = c
	}
	// rotation = ln(12.1/10) − ln(22/20) = ln 1.21 − ln 1.1 = ln 1.1
	// crypto   = ln(200/100) − ln(50/50) = ln 2
	// havens   = ln(10/10) − ln(50/50) = 0
	// drift: 2 returns < 10 pairs → absent; labor: no UNRATE → absent.
	if c := byKey["rotation"]; !c.Present || !near(c.Raw, math.Log(1.1)) {
		t.Errorf("rotation %+v", c)
	}
	if c := byKey["crypto"]; !c.Present || !near(c.Raw, math.Log(2)) {
		t.Errorf("crypto %+v", c)
	}
	if c := byKey["havens"]; !c.Present || !near(c.Raw, 0) {
		t.Errorf("havens %+v", c)
	}
	if c := byKey["tesla_drift"]; c.Present || c.Why == "" {
		t.Errorf("drift should be absent with a reason: %+v", c)
	}
	if c := byKey["labor"]; c.Present || c.Why != "no FRED data (UNRATE)" {
		t.Errorf("labor %+v", c)
	}
	// score = 50·(1 + (tanh(ln1.1/.15) + tanh(ln2/.25) + tanh 0)/3)
	want := 50 * (1 + (math.Tanh(math.Log(1.1)/0.15)+math.Tanh(math.Log(2)/0.25))/3)
	if !near(w.Score, want) || w.Band != Band(want) {
		t.Errorf("score %v (%s), want %v", w.Score, w.Band, want)
	}
	if len(w.Components) != 5 {
		t.Errorf("%d components, want all five", len(w.Components))
	}
	// History: the first two days lack a 2-day look-back → NaN.
	in.Window = Win1M
	h := Analyze(in).Whoosh.History
	if len(h) != 3 || !math.IsNaN(h[0]) || !math.IsNaN(h[1]) || !near(h[2], want) {
		t.Errorf("history %v", h)
	}
}

func TestSwappingBasketsNegatesRotation(t *testing.T) {
	in := smallInput()
	a := Analyze(in).Whoosh.Components[0]
	in.Spec.Bits, in.Spec.Atoms = in.Spec.Atoms, in.Spec.Bits
	b := Analyze(in).Whoosh.Components[0]
	if !a.Present || !near(b.Raw, -a.Raw) {
		t.Errorf("rotation %v swapped %v", a.Raw, b.Raw)
	}
}

func TestEqualBasketsGiveFlatRS(t *testing.T) {
	in := smallInput()
	in.Window = Win1M
	in.Spec.Atoms = Basket{Key: "atoms", Members: []Member{{"X", 1}}}
	assertSlice(t, "rs", Analyze(in).RS.Series, []float64{100, 100, 100})
}

func TestScoreAlwaysInRange(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 2000; i++ {
		cs := make([]Component, 5)
		for k := range cs {
			cs[k] = Component{Raw: (rng.Float64() - 0.5) * 100, Scale: 0.01 + rng.Float64(), Weight: rng.Float64() * 3, Present: rng.IntN(4) > 0}
		}
		s := Score(cs)
		if !math.IsNaN(s) && (s < 0 || s > 100) {
			t.Fatalf("score %v out of [0,100] for %+v", s, cs)
		}
	}
}

func TestAnalyzeWithNoDataDoesNotPanic(t *testing.T) {
	r := Analyze(Input{Spec: smallSpec(63), Window: WinEssay, AsOf: d("2025-06-30")})
	if !math.IsNaN(r.Whoosh.Score) || len(r.Whoosh.Components) != 5 || len(r.Missing) == 0 || r.Tesla.Label != "not enough data" {
		t.Errorf("empty report: %+v", r)
	}
}

func TestWhooshLaborComponent(t *testing.T) {
	in := smallInput()
	// UNRATE rises 0.5/12 a month from 4.0 in Feb 2023. On 2024-03-20 the
	// latest published figure is February's (observation 2024-02-01,
	// released early March; March's comes out in April): PublishedBy gives
	// 2024-02-13. Feb 2024 = 4.0 + 0.5·12/12 = 4.5 against Feb 2023 = 4.0:
	// +0.5 points.
	for m := 0; m < 14; m++ {
		in.Unrate = append(in.Unrate, Observation{Date: DateOf(2023, time.Month(2+m), 1), Value: 4.0 + 0.5*float64(m)/12})
	}
	w := Analyze(in).Whoosh
	c := w.Components[4]
	if !c.Present || !near(c.Raw, 0.5) {
		t.Fatalf("labor %+v", c)
	}
	// Signal tanh(0.5/0.5) = tanh 1.
	if !near(c.Signal, math.Tanh(1)) {
		t.Errorf("labor signal %v", c.Signal)
	}
}

func TestRollingCorrMatchesDirectCorrelation(t *testing.T) {
	// Property: the running-sum version agrees with the two-pass
	// Correlation on every window, gaps included.
	rng := rand.New(rand.NewPCG(3, 9))
	n, days := 120, 30
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i], y[i] = 0.02*rng.NormFloat64(), 0.01*rng.NormFloat64()+0.5*x[i]
		if rng.IntN(10) == 0 {
			x[i] = nan
		}
	}
	corr, beta := rollingCorr(x, y, days)
	for t2 := range x {
		wc, wb := nan, nan
		if lo := t2 - days + 1; lo >= 0 {
			if c, b, k := Correlation(x[lo:t2+1], y[lo:t2+1]); k >= minPairs(days) {
				wc, wb = c, b
			}
		}
		if math.Abs(corr[t2]-wc) > 1e-9 || math.IsNaN(corr[t2]) != math.IsNaN(wc) || math.Abs(beta[t2]-wb) > 1e-9 {
			t.Fatalf("t=%d rolling %v/%v direct %v/%v", t2, corr[t2], beta[t2], wc, wb)
		}
	}
}

func TestPublishedBy(t *testing.T) {
	for on, want := range map[string]string{
		"2024-03-20": "2024-02-13", // February's figure (released 8 March) is the latest
		"2025-03-31": "2025-02-24",
		"2025-01-05": "2024-11-29", // December's figure is not out until 10 January
	} {
		if got := PublishedBy(d(on)).String(); got != want {
			t.Errorf("PublishedBy(%s) = %s, want %s", on, got, want)
		}
	}
}
