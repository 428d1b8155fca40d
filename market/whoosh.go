package market

import (
	"fmt"
	"math"
)

// The Whoosh Index components, in display order, with their scales s_k.
// Scales were set so that on real 2022–2025 daily data a component's
// 5th/95th percentile maps to roughly ±0.65…±0.95 of its range.
var componentDefs = []struct {
	Key, Name string
	Scale     float64
}{
	{"rotation", "Rotation (bits/atoms)", 0.15},
	{"crypto", "Crypto vs SPY", 0.25},
	{"havens", "Talent havens vs SPY", 0.05},
	{"tesla_drift", "Tesla drift to atoms", 0.3},
	{"labor", "Labor (UNRATE 12m Δ)", 0.5},
}

// whooshInputs are the aligned full-history series the index needs.
type whooshInputs struct {
	bits, atoms, crypto, havens, bench []float64 // index levels (NaN where none)
	tesla                              []float64 // TSLA daily returns
	bitsRet, atomsRet                  []float64 // basket daily returns
	dates                              []Date
	lookback                           int
	weights                            Weights
	labor                              func(on Date) (float64, bool) // nil: no FRED data
}

// Band names the range a score falls in.
func Band(score float64) string {
	switch {
	case math.IsNaN(score):
		return "no data"
	case score < 20:
		return "atoms entrenched"
	case score < 40:
		return "atoms lean"
	case score < 60:
		return "equilibrium"
	case score < 80:
		return "whoosh building"
	default:
		return "big whoosh"
	}
}

// Score combines component values c_k into the index:
// 50 · (1 + Σ v_k·tanh(c_k/s_k) / Σ v_k) over the present components with
// a positive weight. It fills each component's Signal and Points and
// returns NaN when no component counts.
func Score(cs []Component) float64 {
	var num, den float64
	for i := range cs {
		c := &cs[i]
		if !c.Present || c.Weight <= 0 {
			c.Signal, c.Points = math.NaN(), 0
			continue
		}
		c.Signal = math.Tanh(c.Raw / c.Scale)
		num += c.Weight * c.Signal
		den += c.Weight
	}
	if den == 0 {
		return math.NaN()
	}
	for i := range cs {
		if cs[i].Present && cs[i].Weight > 0 {
			cs[i].Points = 50 * cs[i].Weight * cs[i].Signal / den
		}
	}
	return 50 * (1 + num/den)
}

// components evaluates the five components at calendar index t.
func (w *whooshInputs) components(t int) []Component {
	cs := newComponents(w.weights, "")
	L := w.lookback
	set := func(k int, v float64, why string) {
		switch {
		case cs[k].Weight <= 0:
			cs[k].Why = "weight 0"
		case finite(v):
			cs[k].Raw, cs[k].Present = v, true
		default:
			cs[k].Why = why
		}
	}
	short := ""
	if t-L < 0 {
		short = fmt.Sprintf("need %d trading days, have %d", L+1, t+1)
	}
	logRet := func(s []float64) float64 {
		if t-L < 0 || !valid(s[t]) || !valid(s[t-L]) {
			return math.NaN()
		}
		return math.Log(s[t] / s[t-L])
	}
	why := func(what string) string {
		if short != "" {
			return short
		}
		return "no data for " + what
	}
	set(0, logRet(w.bits)-logRet(w.atoms), why("bits or atoms"))
	set(1, logRet(w.crypto)-logRet(w.bench), why("crypto or benchmark"))
	set(2, logRet(w.havens)-logRet(w.bench), why("havens or benchmark"))
	drift := math.NaN()
	if t-L+1 >= 1 {
		lo := t - L + 1
		ca, _, na := Correlation(w.tesla[lo:t+1], w.atomsRet[lo:t+1])
		cb, _, nb := Correlation(w.tesla[lo:t+1], w.bitsRet[lo:t+1])
		if na >= minPairs(L) && nb >= minPairs(L) {
			drift = ca - cb
		}
	}
	set(3, drift, why("Tesla or the baskets"))
	if w.labor == nil {
		set(4, math.NaN(), "no FRED data (UNRATE)")
	} else {
		v, ok := w.labor(w.dates[t])
		if !ok {
			v = math.NaN()
		}
		set(4, v, "UNRATE needs 13 months of data")
	}
	return cs
}

// whoosh evaluates the index at end and its history over [start, end].
func whoosh(w *whooshInputs, start, end int) WhooshReport {
	r := WhooshReport{Score: math.NaN(), History: nanSlice(max(end-start+1, 0))}
	if end < 0 {
		r.Components = newComponents(w.weights, "no data")
		r.Band = Band(r.Score)
		return r
	}
	for t := start; t <= end; t++ {
		cs := w.components(t)
		s := Score(cs)
		r.History[t-start] = s
		if t == end {
			r.Score, r.Components = s, cs
		}
	}
	r.Band = Band(r.Score)
	return r
}

// newComponents lists the five components with their scales and weights
// and nothing computed yet.
func newComponents(v Weights, why string) []Component {
	weights := []float64{v.Rotation, v.Crypto, v.Havens, v.TeslaDrift, v.Labor}
	cs := make([]Component, len(componentDefs))
	for k, d := range componentDefs {
		cs[k] = Component{Key: d.Key, Name: d.Name, Scale: d.Scale, Weight: weights[k], Raw: math.NaN(), Signal: math.NaN(), Why: why}
	}
	return cs
}
