package market

import (
	"math"
	"sync"
)

// The scorecard runs on every quote refresh, but its claims read only the
// dates from the essay base on (a 252-day median from 252 days before it).
// These are the Analyze helpers it used, computing just what the claims
// read into buffers kept between calls, each value bit for bit the
// helper's (thesis_ref_test.go holds the former code to compare with).
// Where a value depends on the whole history (a chain-linked index, the
// running sums of a rolling correlation) the whole history is still
// walked: a chain restarted at the essay would differ in the last bits.

// thesisScratch holds the per-date buffers of one scoring; nothing in it
// outlives the call (paths copy what they read).
type thesisScratch struct {
	bits, atoms, vs             []float64 // basket indices
	rBits, rAtoms               []float64 // the indices' daily returns
	corrBits, corrAtoms         []float64
	move, med, win, vals, vals2 []float64
	bench                       []rebasedRow // benchRebased's
	rows                        [][]float64
	weights, wsum               []float64
	// ret[retOf[sym]] is Returns of sym's row: a symbol in several
	// baskets (GOOGL, XOM, BTC-USD, …) is divided through once.
	retOf map[string]int
	ret   [][]float64
	// obs is the claims' points: output, not scratch; a new one each call.
	obs []Observation
}

// kept is one scratch kept between scorings. A sync.Pool would lose it at
// every garbage collection, and a dashboard collects about once per
// recompute; a second scoring at the same time gets a scratch of its own.
var kept struct {
	sync.Mutex
	s *thesisScratch
}

// takeScratch returns the kept scratch, or a new one when it is in use.
func takeScratch() *thesisScratch {
	kept.Lock()
	defer kept.Unlock()
	s := kept.s
	kept.s = nil
	if s == nil {
		s = new(thesisScratch)
	}
	return s
}

// grow returns s resized to n, reallocated only when too small. Its
// contents are stale: callers write every cell they read.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// reset readies s for a scoring: no returns cached yet.
func (s *thesisScratch) reset() {
	if s.retOf == nil {
		s.retOf = map[string]int{}
	}
	clear(s.retOf)
	s.obs = nil
	s.bench = s.bench[:0]
}

// release keeps s for the next scoring, without what it must not keep:
// the points (output) and the panel's rows.
func (s *thesisScratch) release() {
	s.obs = nil
	clear(s.rows[:cap(s.rows)])
	kept.Lock()
	kept.s = s
	kept.Unlock()
}

// rebasedRow is a benchmark's rebased row, kept for the claims against it.
type rebasedRow struct {
	sym string
	v   []float64
}

// returns is Returns(p.Row(sym)) (sym must be in p), computed once per
// scoring.
func (s *thesisScratch) returns(p *Panel, sym string) []float64 {
	k, ok := s.retOf[sym]
	if ok {
		return s.ret[k]
	}
	k = len(s.retOf)
	s.retOf[sym] = k
	if k == len(s.ret) {
		s.ret = append(s.ret, nil)
	}
	i := p.index[sym]
	s.ret[k] = returnsInto(s.ret[k], p.Values[i][:len(p.Dates)], p.clean[i])
	return s.ret[k]
}

// chainInto writes BasketIndex(p, members) into out, resized to the
// panel: the same member rows and weights (present, weight > 0, in basket
// order), the same returns w·(v_t/v_{t−1} − 1) added in the same order
// from +0, and the same product, so each value is newChain's bit for bit.
// As there, Σ w_i r_i,t accumulates in out, row by row; when every row is
// clean, W_t is the same Σ w_i on every date and needs no array.
func (s *thesisScratch) chainInto(out []float64, p *Panel, members []Member) []float64 {
	n := len(p.Dates)
	out = grow(out, n)
	rows, ws := s.rows[:0], s.weights[:0]
	first, clean, all := n, true, 0.0 // first date any member has a close
	for _, m := range members {
		if i, ok := p.index[m.Symbol]; ok && m.Weight > 0 {
			rows, ws = append(rows, s.returns(p, m.Symbol)), append(ws, m.Weight)
			clean, all = clean && p.clean[i], all+m.Weight
			row := p.Values[i]
			for t := range first {
				if valid(row[t]) {
					first = t
					break
				}
			}
		}
	}
	s.rows, s.weights = rows, ws
	for t := range min(first, n) {
		out[t] = math.NaN()
	}
	if first == n {
		return out
	}
	sum := out[:n] // sum[first:] only: out[:first] is NaN
	clear(sum[first:])
	var wsum []float64
	if clean { // a return on every date but the first (first is 0)
		addClean(sum, rows, ws)
	} else {
		wsum = grow(s.wsum, n)
		clear(wsum)
		s.wsum = wsum
		for i, ret := range rows {
			w, ret := ws[i], ret[:n]
			for t := first + 1; t < n; t++ {
				if r := ret[t]; r == r { // NaN: no return that day
					sum[t] += w * r
					wsum[t] += w
				}
			}
		}
	}
	// I_{t−1} stays in a register: read back from out, every step would
	// wait for the previous one's store.
	idx := 100.0
	out[first] = idx
	if clean {
		for t := 1; t < n; t++ {
			idx *= 1 + over(sum[t], all)
			out[t] = idx
		}
		return out
	}
	for t := first + 1; t < n; t++ {
		r := 0.0
		if wsum[t] != 0 {
			r = over(sum[t], wsum[t])
		}
		idx *= 1 + r
		out[t] = idx
	}
	return out
}

// addClean adds w_i · r_i,t to sum[t] for t ≥ 1, row after row as
// newChain does, four rows per pass so sum[t] is loaded and stored once
// for four of them (the additions still run in row order).
func addClean(sum []float64, rows [][]float64, ws []float64) {
	n := len(sum)
	i := 0
	for ; i+4 <= len(rows); i += 4 {
		r0, r1, r2, r3 := rows[i][:n], rows[i+1][:n], rows[i+2][:n], rows[i+3][:n]
		w0, w1, w2, w3 := ws[i], ws[i+1], ws[i+2], ws[i+3]
		for t := 1; t < n; t++ {
			x := sum[t]
			x += w0 * r0[t]
			x += w1 * r1[t]
			x += w2 * r2[t]
			x += w3 * r3[t]
			sum[t] = x
		}
	}
	for ; i < len(rows); i++ {
		r, w := rows[i][:n], ws[i]
		for t := 1; t < n; t++ {
			sum[t] += w * r[t]
		}
	}
}

// over is x/w. Dividing by a power of two is multiplying by its exact
// reciprocal, the same correctly rounded result without a divide: most
// baskets here have 1, 2 or 8 members.
func over(x, w float64) float64 {
	switch w {
	case 1:
		return x
	case 2:
		return x * 0.5
	case 8:
		return x * 0.125
	}
	return x / w
}

// returnsInto is Returns(v) written into out; clean says every close of v
// is valid (a return on every date but the first).
func returnsInto(out, v []float64, clean bool) []float64 {
	out = grow(out, len(v))
	if clean && len(v) > 0 {
		out[0] = math.NaN()
		for t := 1; t < len(v); t++ {
			out[t] = v[t]/v[t-1] - 1
		}
		return out
	}
	for t := range v {
		out[t] = math.NaN()
		if t > 0 && valid(v[t]) && valid(v[t-1]) {
			out[t] = v[t]/v[t-1] - 1
		}
	}
	return out
}

// corrFrom is rollingCorr(x, y, days)'s correlation written into out for
// t ≥ from only (out[:from] is stale). The running sums still start at the
// first date, so the values are rollingCorr's bit for bit.
func corrFrom(out, x, y []float64, days, from int) []float64 {
	n := min(len(x), len(y))
	out = grow(out, n)
	var sx, sy, sxx, syy, sxy float64
	var k int
	need := minPairs(days)
	for t := 0; t < n; t++ {
		if a, b := x[t], y[t]; a-a == 0 && b-b == 0 { // both finite
			sx += a
			sy += b
			sxx += a * a
			syy += b * b
			sxy += a * b
			k++
		}
		if i := t - days; i >= 0 {
			if a, b := x[i], y[i]; a-a == 0 && b-b == 0 {
				sx -= a
				sy -= b
				sxx -= a * a
				syy -= b * b
				sxy -= a * b
				k--
			}
		}
		if t < from {
			continue
		}
		out[t] = math.NaN()
		if t-days+1 < 0 || k < need {
			continue
		}
		fk := float64(k)
		cxy := sxy - sx*sy/fk
		cxx := sxx - sx*sx/fk
		cyy := syy - sy*sy/fk
		if cyy > 0 && cxx > 0 {
			out[t] = cxy / math.Sqrt(cxx*cyy)
		}
	}
	return out
}
