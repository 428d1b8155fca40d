package market

import (
	"math"
	"testing"
	"time"
)

func TestAnalyzeIntraday(t *testing.T) {
	ny := time.FixedZone("EDT", -4*3600)
	open := time.Date(2024, 10, 2, 9, 30, 0, 0, ny)
	at := func(k int) time.Time { return open.Add(time.Duration(k) * 5 * time.Minute) }
	sp := Spec{
		Bits:      Basket{Key: "bits", Members: []Member{{"A", 1}, {"B", 1}, {"BTC-USD", 0}}},
		Atoms:     Basket{Key: "atoms", Members: []Member{{"C", 1}}},
		Benchmark: "SPY",
	}
	in := IntradayInput{
		Spec: sp, Open: open, Step: 5 * time.Minute,
		Bars: map[string]IntradaySeries{
			"SPY": {Times: []time.Time{at(0), at(1), at(2)}, Close: []float64{500, 501, 502}},
			"A":   {Times: []time.Time{at(0), at(1), at(2)}, Close: []float64{101, 102, 104}},
			"B":   {Times: []time.Time{at(0), at(2)}, Close: []float64{49, 51}}, // no 09:35 bar
			"C":   {Times: []time.Time{at(0), at(1), at(2)}, Close: []float64{20.2, 19.8, 19.6}},
			// Crypto's 09:25 bar lies off the US-session grid.
			"BTC-USD": {Times: []time.Time{at(-1), at(0)}, Close: []float64{60000, 60600}},
		},
		PrevClose:  map[string]float64{"SPY": 500, "A": 100, "B": 50, "C": 20, "BTC-USD": 60000},
		SessionEnd: map[string]float64{"SPY": 502, "A": 104, "B": 51, "C": 19.8},
	}
	r := AnalyzeIntraday(in)
	// Points: the open (base) and each bar's end: 09:30, 09:35, 09:40, 09:45.
	if len(r.Times) != 4 || !r.Times[0].Equal(open) || !r.Times[3].Equal(at(3)) {
		t.Fatalf("times %v", r.Times)
	}
	// A: 100, 101, 102, 104 (k = 104/104 = 1).
	// B: 100, 98, —, 102 (no bar at 09:35: it sits that point out).
	// bits: 100; (1 + (−2))/2 → 99.5; A alone → 102; (4 + 2)/2 → 103.
	// C: k = 19.8/19.6; 100·k·20.2/20 = 102.0306122, 100·k·19.8/20 = 100.0102041, then 19.8/20 → 99.
	// RS: 100, 100·99.5/102.0306122 = 97.5197, 100·102/100.0102041 = 101.9896 (101.989593), 100·103/99 = 104.0404.
	k := 19.8 / 19.6
	want := []struct {
		name string
		got  []float64
		want []float64
	}{
		{"bits", r.Bits.Index, []float64{100, 99.5, 102, 103}},
		{"atoms", r.Atoms.Index, []float64{100, 100 * k * 20.2 / 20, 100 * k * 19.8 / 20, 99}},
		{"rs", r.RS, []float64{100, 97.519750, 101.989593, 104.040404}},
		{"B", r.Members["B"], []float64{100, 98, math.NaN(), 102}},
		{"BTC", r.Members["BTC-USD"], []float64{100, 101, math.NaN(), math.NaN()}},
	}
	for _, w := range want {
		for i := range w.want {
			g, e := w.got[i], w.want[i]
			if math.IsNaN(e) != math.IsNaN(g) || (!math.IsNaN(e) && math.Abs(g-e) > 1e-4) {
				t.Errorf("%s[%d] = %v, want %v", w.name, i, g, e)
			}
		}
	}
	// One truth: 1D returns are the day % of the daily chain:
	// bits avg(104/100−1, 51/50−1) = avg(4 %, 2 %) = 3 %; atoms 19.8/20−1 = −1 %.
	if math.Abs(r.Bits.ReturnPct-3) > 1e-9 || math.Abs(r.Atoms.ReturnPct+1) > 1e-9 || math.Abs(r.SpreadPP-4) > 1e-9 {
		t.Errorf("returns bits %v atoms %v spread %v", r.Bits.ReturnPct, r.Atoms.ReturnPct, r.SpreadPP)
	}
}

// A member with a daily close but no 5-minute bars counts at the last
// point only: bits {A: 3, D: 1}: 101, 102 from A alone, then
// (3·4 + 1·10)/4 = 5.5 at the close, the daily weighted day %.
func TestAnalyzeIntradayDailyOnlyMember(t *testing.T) {
	open := time.Date(2024, 10, 2, 13, 30, 0, 0, time.UTC)
	at := func(k int) time.Time { return open.Add(time.Duration(k) * 5 * time.Minute) }
	r := AnalyzeIntraday(IntradayInput{
		Spec: Spec{Bits: Basket{Members: []Member{{"A", 3}, {"D", 1}}}, Atoms: Basket{Members: []Member{{"X", 1}}}},
		Open: open, Step: 5 * time.Minute,
		Bars:       map[string]IntradaySeries{"A": {Times: []time.Time{at(0), at(1), at(2)}, Close: []float64{101, 102, 104}}},
		PrevClose:  map[string]float64{"A": 100, "D": 10},
		SessionEnd: map[string]float64{"A": 104, "D": 11},
	})
	want := []float64{100, 101, 102, 105.5}
	for i, w := range want {
		if math.Abs(r.Bits.Index[i]-w) > 1e-9 {
			t.Errorf("bits[%d] = %v, want %v", i, r.Bits.Index[i], w)
		}
	}
	// Atoms has no member with data: flat at 100, no return.
	if !math.IsNaN(r.Atoms.ReturnPct) || r.Atoms.Index[3] != 100 {
		t.Errorf("atoms %v %v", r.Atoms.Index, r.Atoms.ReturnPct)
	}
}

func TestAnalyzeIntradayEmpty(t *testing.T) {
	r := AnalyzeIntraday(IntradayInput{Step: 5 * time.Minute})
	if len(r.Times) != 1 || !math.IsNaN(r.Bits.ReturnPct) || !math.IsNaN(r.SpreadPP) {
		t.Fatalf("%+v", r)
	}
}

// Tesla at $1,000 B after 250 → 260 (+4 %): it was worth 1000·250/260 =
// 961.538 B, so ΔUSD = 1000·(1 − 250/260) = 38.4615 B; in GMs (50 B)
// 0.76923, in Fords (40 B) 0.96154; a missing cap gives NaN.
func TestDayMove(t *testing.T) {
	usd, in := DayMove(1000e9, 250, 260, []float64{50e9, 40e9, math.NaN()})
	if math.Abs(usd-38.461538e9) > 1e3 || math.Abs(in[0]-0.769231) > 1e-6 || math.Abs(in[1]-0.961538) > 1e-6 || !math.IsNaN(in[2]) {
		t.Fatalf("DayMove = %v %v", usd, in)
	}
	if usd, in := DayMove(1000e9, math.NaN(), 260, []float64{50e9}); !math.IsNaN(usd) || !math.IsNaN(in[0]) {
		t.Fatalf("missing prev: %v %v", usd, in)
	}
	// A fall is negative in dollars, positive in GMs: 1000·(1 − 260/250) = −40 B → 0.8 GMs.
	if usd, in := DayMove(1000e9, 260, 250, []float64{50e9}); math.Abs(usd+40e9) > 1e3 || math.Abs(in[0]-0.8) > 1e-9 {
		t.Fatalf("fall: %v %v", usd, in)
	}
}
