package market

import (
	"math"
	"slices"
	"time"
)

// IntradaySeries is one symbol's 5-minute bars of one session: the start
// instant of each bar, ascending, and its close.
type IntradaySeries struct {
	Symbol string
	Times  []time.Time
	Close  []float64
}

// IntradayInput is what AnalyzeIntraday needs: the session's bars, each
// symbol's previous close (the base, 100) and its close on the session's
// date (the daily close, or the live quote while the session runs), both
// from the daily series so that 1D and the daily windows tell one truth.
type IntradayInput struct {
	Spec       Spec
	Session    Date
	Open       time.Time // the session's open: the base point's time
	Step       time.Duration
	Bars       map[string]IntradaySeries
	PrevClose  map[string]float64
	SessionEnd map[string]float64 // NaN or absent when the daily series has no close on Session
}

// IntradayBasket is a basket's 1D index.
type IntradayBasket struct {
	Key, Name string
	Index     []float64 // 100 at the previous close, one per IntradayReport.Times
	ReturnPct float64   // last point − 100: the basket's day %
}

// IntradayReport is the 1D window: basket indices and RS on 5-minute bars
// of one session, rebased to 100 at the previous close.
type IntradayReport struct {
	Session Date
	// Times are the points' instants: the open (the base, the previous
	// close) and then each bar's end, 09:35 … 16:00.
	Times  []time.Time
	Bits   IntradayBasket
	Atoms  IntradayBasket
	RS     []float64 // 100·Bits/Atoms, 100 at the base
	RSLast float64
	// SpreadPP is the bits day % minus the atoms day %, in points.
	SpreadPP float64
	// Members holds each symbol's own path on Times, 100 at its previous
	// close (NaN where it has no bar), for its detail chart.
	Members map[string][]float64
}

// AnalyzeIntraday computes the 1D window.
//
// The grid is the bar times of the benchmark (SPY) when it has bars, else
// of every series: crypto, which trades around the clock, keeps only its
// bars on that US-session grid. Each symbol's path is scaled so its last
// bar equals its SessionEnd (k_i = SessionEnd_i / P_i,last; 1 when the
// daily close is unknown), so the last point is the daily close.
//
// A basket's index is the daily chain's last link evaluated at each point:
// I_t = 100·(1 + Σ w_i (k_i·P_i,t / C_i − 1) / Σ w_i), the sums over the
// members with a bar at t and a previous close C_i. Nothing is
// forward-filled: a member without a bar at t sits that point out. At the
// last point every member with a daily close on the session counts (its
// return is SessionEnd_i/C_i − 1), so the basket's 1D return is exactly
// its day % of the daily chain.
func AnalyzeIntraday(in IntradayInput) IntradayReport {
	r := IntradayReport{Session: in.Session, Members: map[string][]float64{}, RSLast: math.NaN(), SpreadPP: math.NaN()}
	grid := intradayGrid(in.Bars, in.Spec.Benchmark)
	n := len(grid) + 1
	r.Times = make([]time.Time, n)
	r.Times[0] = in.Open
	for k, t := range grid {
		r.Times[k+1] = t.Add(in.Step)
	}
	for sym, s := range in.Bars {
		r.Members[sym] = memberPath(s, grid, in.PrevClose[sym], endOf(in.SessionEnd, sym))
	}
	// The daily ratio closes each path at its last point.
	for sym, c := range in.PrevClose {
		if end := endOf(in.SessionEnd, sym); valid(end) && valid(c) && n > 1 {
			if r.Members[sym] == nil {
				r.Members[sym] = nanSlice(n)
				r.Members[sym][0] = 100
			}
			r.Members[sym][n-1] = 100 * end / c
		}
	}
	r.Bits = intradayBasket(in.Spec.Bits, r.Members, n)
	r.Atoms = intradayBasket(in.Spec.Atoms, r.Members, n)
	r.RS = make([]float64, n)
	for t := range r.RS {
		r.RS[t] = 100 * r.Bits.Index[t] / r.Atoms.Index[t]
	}
	r.RSLast = r.RS[n-1]
	r.SpreadPP = r.Bits.ReturnPct - r.Atoms.ReturnPct
	return r
}

func endOf(m map[string]float64, sym string) float64 {
	if v, ok := m[sym]; ok {
		return v
	}
	return math.NaN()
}

// intradayGrid is the sorted bar times of the benchmark, or of every
// series when the benchmark has none.
func intradayGrid(bars map[string]IntradaySeries, benchmark string) []time.Time {
	var grid []time.Time
	if b, ok := bars[benchmark]; ok && len(b.Times) > 0 {
		grid = slices.Clone(b.Times)
	} else {
		for _, s := range bars {
			grid = append(grid, s.Times...)
		}
	}
	slices.SortFunc(grid, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(grid, func(a, b time.Time) bool { return a.Equal(b) })
}

// memberPath is 100·k·P_t/C on the grid (after the base point, 100), NaN
// where the symbol has no bar; all NaN after the base without a previous
// close.
func memberPath(s IntradaySeries, grid []time.Time, prev, end float64) []float64 {
	out := nanSlice(len(grid) + 1)
	if !valid(prev) {
		return out
	}
	out[0] = 100
	last := math.NaN()
	for i := len(s.Close) - 1; i >= 0; i-- {
		if valid(s.Close[i]) {
			last = s.Close[i]
			break
		}
	}
	k := 1.0
	if valid(end) && valid(last) {
		k = end / last
	}
	j := 0
	for i, t := range s.Times {
		for j < len(grid) && grid[j].Before(t) {
			j++
		}
		if j < len(grid) && grid[j].Equal(t) && i < len(s.Close) && valid(s.Close[i]) {
			out[j+1] = 100 * k * s.Close[i] / prev
		}
	}
	return out
}

// intradayBasket averages the members' paths (each 100·P/C) with weights,
// point by point, over the members with a value there: I_t = 100 +
// Σ w_i (path_i,t − 100) / Σ w_i, flat where none has one. ReturnPct is
// NaN when no member has a value at the last point (or there are no bars).
func intradayBasket(b Basket, paths map[string][]float64, n int) IntradayBasket {
	out := IntradayBasket{Key: b.Key, Name: b.Name, Index: make([]float64, n), ReturnPct: math.NaN()}
	for t := range n {
		sum, wsum := 0.0, 0.0
		for _, m := range b.Members {
			p := paths[m.Symbol]
			if m.Weight <= 0 || p == nil || !valid(p[t]) {
				continue
			}
			sum += m.Weight * (p[t] - 100)
			wsum += m.Weight
		}
		switch {
		case wsum > 0:
			out.Index[t] = 100 + sum/wsum
		case t == 0:
			out.Index[t] = 100
		default:
			out.Index[t] = out.Index[t-1] // no member has a bar: flat
		}
		if t == n-1 && wsum > 0 && n > 1 {
			out.ReturnPct = out.Index[t] - 100
		}
	}
	return out
}

// DayMove is the essay's test on one session: the market-cap change of a
// company worth capNow after a day that took its price from prev to end,
// ΔUSD = capNow·(1 − prev/end), and |ΔUSD| counted in each incumbent's
// market cap ("≈ 0.9 GMs / 1.1 Fords"). NaN where an input is missing.
func DayMove(capNow, prev, end float64, incumbCaps []float64) (usd float64, in []float64) {
	usd = math.NaN()
	if valid(capNow) && valid(prev) && valid(end) {
		usd = capNow * (1 - prev/end)
	}
	in = make([]float64, len(incumbCaps))
	for i, c := range incumbCaps {
		in[i] = math.NaN()
		if valid(c) && !math.IsNaN(usd) {
			in[i] = math.Abs(usd) / c
		}
	}
	return usd, in
}
