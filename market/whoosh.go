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
	driftBits, driftAtoms              []float64 // Tesla's rolling correlations: drift = atoms − bits
	dates                              []Date
	lookback                           int
	weights                            Weights
	labor                              func(on Date) (float64, bool) // nil: no FRED data
}

// PublishedBy returns the latest monthly observation date whose figure was
// public on day on: the BLS releases a month's unemployment rate on the
// first Friday of the next month, so an observation dated the 1st of month
// M counts from about M+1 plus a week. The labor leg of the Whoosh history
// uses it so that no past score reads a number nobody had that day.
func PublishedBy(on Date) Date { return on.AddDays(-7).AddMonths(-1) }

// laborByDate is on ↦ LaborChange(unrate, PublishedBy(on)) for the history:
// the answer changes only when another observation becomes public, so it
// is worked out once per observation, not once per trading day.
func laborByDate(unrate []Observation) func(on Date) (float64, bool) {
	last, change, ok := -2, math.NaN(), false
	from, until := Date(1), Date(0) // PublishedBy dates with observation last as the latest
	return func(on Date) (float64, bool) {
		// PublishedBy(on) is a month (28 to 31 days) before on − 7: when
		// all of [on−38, on−35] is in [from, until) the answer is last's,
		// without the calendar arithmetic (most days of a month).
		if on-38 >= from && on-35 < until {
			return change, ok
		}
		if i := laborIndex(unrate, PublishedBy(on)); i != last {
			last = i
			change, ok = laborAt(unrate, i)
			from, until = laborSpan(unrate, i)
		}
		return change, ok
	}
}

// laborSpan is the range of dates on whose laborIndex is i: from
// observation i's date (the start of time for −1) to the next finite
// observation's (the end of time after the last).
func laborSpan(unrate []Observation, i int) (from, until Date) {
	from, until = math.MinInt32, math.MaxInt32
	if i >= 0 {
		from = unrate[i].Date
	}
	for j := i + 1; j < len(unrate); j++ {
		if finite(unrate[j].Value) {
			return from, unrate[j].Date
		}
	}
	return from, until
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

// raws evaluates the five component values c_k at calendar index t (NaN
// where a component cannot be computed), in componentDefs order. A
// difference of log returns ln(x_t/x_{t−L}) − ln(y_t/y_{t−L}) is taken as
// the one logarithm ln((x_t/x_{t−L}) / (y_t/y_{t−L})): three logarithms a
// date instead of five (the history's main cost), equal up to rounding.
func (w *whooshInputs) raws(t int) [5]float64 {
	L := w.lookback
	growth := func(s []float64) float64 { // x_t/x_{t−L}, NaN without both
		if t-L < 0 || !valid(s[t]) || !valid(s[t-L]) {
			return math.NaN()
		}
		return s[t] / s[t-L]
	}
	logRel := func(x, y float64) float64 { return math.Log(x / y) } // NaN in, NaN out
	bench := growth(w.bench)
	labor := math.NaN()
	if w.labor != nil {
		if v, ok := w.labor(w.dates[t]); ok {
			labor = v
		}
	}
	return [5]float64{
		logRel(growth(w.bits), growth(w.atoms)),
		logRel(growth(w.crypto), bench),
		logRel(growth(w.havens), bench),
		w.driftAtoms[t] - w.driftBits[t], // teslaRolling.drift's arithmetic
		labor,
	}
}

// components evaluates the five components at calendar index t, saying
// why each missing one is missing.
func (w *whooshInputs) components(t int) []Component {
	cs := newComponents(w.weights, "")
	short := ""
	if t-w.lookback < 0 {
		short = fmt.Sprintf("need %d trading days, have %d", w.lookback+1, t+1)
	}
	whys := [5]string{"no data for bits or atoms", "no data for crypto or benchmark",
		"no data for havens or benchmark", "not enough Tesla and basket returns", "UNRATE needs 13 months of data"}
	raw := w.raws(t)
	for k := range cs {
		switch {
		case cs[k].Weight <= 0:
			cs[k].Why = "weight 0"
		case finite(raw[k]):
			cs[k].Raw, cs[k].Present = raw[k], true
		case k == 4 && w.labor == nil:
			cs[k].Why = "no FRED data (UNRATE)"
		case short != "" && k < 4:
			cs[k].Why = short
		default:
			cs[k].Why = whys[k]
		}
	}
	return cs
}

// scoreAt is the score at t without the explanations, for the history:
// Score's arithmetic, in the same order, without building Components.
func (w *whooshInputs) scoreAt(t int) float64 {
	raw := w.raws(t)
	weights := [5]float64{w.weights.Rotation, w.weights.Crypto, w.weights.Havens, w.weights.TeslaDrift, w.weights.Labor}
	var num, den float64
	for k, v := range weights {
		if !finite(raw[k]) || v <= 0 {
			continue
		}
		num += v * math.Tanh(raw[k]/componentDefs[k].Scale)
		den += v
	}
	if den == 0 {
		return math.NaN()
	}
	return 50 * (1 + num/den)
}

// whoosh evaluates the index at end and its history over [start, end].
func whoosh(w *whooshInputs, start, end int) WhooshReport {
	r := WhooshReport{Score: math.NaN(), History: nanSlice(max(end-start+1, 0))}
	if end < 0 {
		r.Components = newComponents(w.weights, "no data")
		r.Band = Band(r.Score)
		return r
	}
	for t := start; t < end; t++ {
		r.History[t-start] = w.scoreAt(t)
	}
	r.Components = w.components(end)
	r.Score = Score(r.Components)
	r.History[end-start] = r.Score
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
