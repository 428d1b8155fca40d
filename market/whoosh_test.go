package market

import (
	"math"
	"slices"
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

// TestWhooshTeslaDriftLeg pins the sign of the Tesla leg, c = corr(TSLA,
// atoms) − corr(TSLA, bits) over the lookback: Tesla's daily returns are
// the atoms' exactly (correlation +1) and the bits' negated (−1), so
// c = 1 − (−1) = +2, Tesla trading like atoms; swapped, c = −2.
func TestWhooshTeslaDriftLeg(t *testing.T) {
	const n, days = 13, 12 // 12 returns: a full window, ≥ minPairs(12) = 10
	ds := weekdays("2024-03-18", n)
	walk := func(start float64, sign float64) []float64 {
		v := []float64{start}
		for k := 1; k < n; k++ {
			r := 0.02 * float64(k%3+1) * float64(1-2*(k%2)) // ±2 %, ±4 %, ±6 %
			v = append(v, v[k-1]*(1+sign*r))
		}
		return v
	}
	for _, c := range []struct {
		name        string
		tesla, want float64 // Tesla's return = want's sign × the atoms'
	}{
		{"Tesla moves with atoms", 1, 2},
		{"Tesla moves with bits", -1, -2},
	} {
		in := smallInput()
		in.Spec.Lookback, in.Spec.CorrDays = days, days
		in.Window, in.AsOf = Win1M, ds[n-1]
		for sym, s := range in.Series {
			in.Series[sym] = series(sym, ds, append(s.Close, slices.Repeat([]float64{s.Close[2]}, n-3)...)...)
		}
		in.Series["Y"] = series("Y", ds, walk(20, 1)...)
		in.Series["X"] = series("X", ds, walk(10, -1)...)
		in.Series["T"] = series("T", ds, walk(200, c.tesla)...)
		drift := Analyze(in).Whoosh.Components[3]
		if !drift.Present || math.Abs(drift.Raw-c.want) > 1e-12 {
			t.Errorf("%s: tesla_drift %+v, want raw %v", c.name, drift, c.want)
		}
	}
}
