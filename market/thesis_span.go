package market

import (
	"math"
	"sort"
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
	bits, atoms, vs       []float64 // basket indices
	rTesla, rBits, rAtoms []float64 // daily returns
	corrBits, corrAtoms   []float64
	move, med, win        []float64
	rows                  [][]float64
	weights               []float64
}

var thesisPool = sync.Pool{New: func() any { return new(thesisScratch) }}

// grow returns s resized to n, reallocated only when too small. Its
// contents are stale: callers write every cell they read.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// chainInto writes BasketIndex(p, members) into out, resized to the
// panel: the same member rows and weights (present, weight > 0, in basket
// order), the same returns added in the same order from +0, and the same
// product, so each value is newChain's bit for bit. It walks the rows
// date by date instead of row by row, which needs no W_t array.
func (s *thesisScratch) chainInto(out []float64, p *Panel, members []Member) []float64 {
	n := len(p.Dates)
	out = grow(out, n)
	rows, ws := s.rows[:0], s.weights[:0]
	for _, m := range members {
		if i, ok := p.index[m.Symbol]; ok && m.Weight > 0 {
			rows, ws = append(rows, p.Values[i][:n]), append(ws, m.Weight)
		}
	}
	s.rows, s.weights = rows, ws
	first := n // first date any member has a close
	for _, row := range rows {
		for t := range first {
			if valid(row[t]) {
				first = t
				break
			}
		}
	}
	for t := range min(first, n) {
		out[t] = math.NaN()
	}
	if first == n {
		return out
	}
	out[first] = 100
	for t := first + 1; t < n; t++ {
		sum, wsum := 0.0, 0.0
		for i, row := range rows {
			if v, prev := row[t], row[t-1]; valid(v) && valid(prev) {
				sum += ws[i] * (v/prev - 1)
				wsum += ws[i]
			}
		}
		r := 0.0
		if wsum != 0 {
			r = sum / wsum
		}
		out[t] = out[t-1] * (1 + r)
	}
	return out
}

// returnsInto is Returns(v) written into out.
func returnsInto(out, v []float64) []float64 {
	out = grow(out, len(v))
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
		if a, b := x[t], y[t]; finite(a) && finite(b) {
			sx += a
			sy += b
			sxx += a * a
			syy += b * b
			sxy += a * b
			k++
		}
		if i := t - days; i >= 0 {
			if a, b := x[i], y[i]; finite(a) && finite(b) {
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

// medianFrom is rollingMedian(x, days, need) written into out for t ≥ from
// only (out[:from] is stale), win its sorted window's buffer. The window
// starts days−1 dates before from: the median is of the same values
// whatever came before.
func medianFrom(out, win, x []float64, days, need, from int) (med, window []float64) {
	out = grow(out, len(x))
	win = win[:0]
	start := max(from-days+1, 0)
	for t := start; t < len(x); t++ {
		if v := x[t]; finite(v) {
			i := sort.SearchFloat64s(win, v)
			win = append(win, 0)
			copy(win[i+1:], win[i:])
			win[i] = v
		}
		if old := t - days; old >= start && finite(x[old]) {
			i := sort.SearchFloat64s(win, x[old])
			win = append(win[:i], win[i+1:]...)
		}
		if t < from {
			continue
		}
		out[t] = math.NaN()
		if n := len(win); n >= max(need, 1) {
			out[t] = (win[(n-1)/2] + win[n/2]) / 2
		}
	}
	return out, win
}
