package market

import (
	"math"
	"testing"
)

// TestWhooshBenchmarkLegs pins the benchmark's part in the crypto and
// havens legs (c = ln(x_t/x_{t−L}) − ln(SPY_t/SPY_{t−L})), which a flat
// benchmark (smallInput's) cannot: with S falling 50 → 40 over L = 2
// days, ln(S_t/S_{t−L}) = ln 0.8.
func TestWhooshBenchmarkLegs(t *testing.T) {
	ds := weekdays("2024-03-18", 3)
	for _, c := range []struct {
		name              string
		bench, havens     []float64
		crypto, havensRaw float64 // NaN: absent
		why               string
	}{
		// crypto = ln(200/100) − ln 0.8 = ln 2.5; havens = ln(12/10) − ln 0.8 = ln 1.5
		{"bench falls", []float64{50, 55, 40}, []float64{10, 11, 12}, math.Log(2.5), math.Log(1.5), ""},
		// bench rises 50 → 60 as havens do: ln 1.2 − ln 1.2 = 0
		{"havens track bench", []float64{50, 45, 60}, []float64{10, 9, 12}, math.Log(2 / 1.2), 0, ""},
		// no benchmark close at t−L: neither leg can be computed
		{"no bench at t−L", []float64{nan, 55, 40}, []float64{10, 11, 12}, nan, nan, "no data for crypto or benchmark"},
	} {
		in := smallInput()
		in.Window = Win1M
		in.Series["S"] = series("S", ds, c.bench...)
		in.Series["H"] = series("H", ds, c.havens...)
		w := Analyze(in).Whoosh
		cr, hv := w.Components[1], w.Components[2]
		for _, leg := range []struct {
			got  Component
			want float64
		}{{cr, c.crypto}, {hv, c.havensRaw}} {
			if math.IsNaN(leg.want) {
				if leg.got.Present || leg.got.Why == "" {
					t.Errorf("%s: %s should be absent with a reason: %+v", c.name, leg.got.Key, leg.got)
				}
				continue
			}
			if !leg.got.Present || !near(leg.got.Raw, leg.want) {
				t.Errorf("%s: %s raw %v, want %v", c.name, leg.got.Key, leg.got.Raw, leg.want)
			}
		}
		if c.why != "" && cr.Why != c.why {
			t.Errorf("%s: crypto why %q, want %q", c.name, cr.Why, c.why)
		}
	}
}

// TestWhooshHistoryIsScoreAsOf: the history's score on a date (scoreAt,
// without Components) is the score an analysis as of that date gives.
func TestWhooshHistoryIsScoreAsOf(t *testing.T) {
	in := benchInput(30)
	in.Window = Win1Y
	r := Analyze(in)
	for _, k := range []int{0, 1, len(r.Dates) / 2, len(r.Dates) - 2} {
		at := in
		at.AsOf = r.Dates[k]
		want := Analyze(at).Whoosh.Score
		if got := r.Whoosh.History[k]; !near(got, want) || math.IsNaN(want) {
			t.Errorf("history on %s = %v, score as of then %v", r.Dates[k], got, want)
		}
	}
}
