package market

import (
	"math"
	"slices"
)

// medianFrom is rollingMedian(x, days, need) written into out for t ≥ from
// only (out[:from] is stale), win its sorted window's buffer. The window
// starts days−1 dates before from: the median is of the same values
// whatever came before. (Bit for bit as long as x holds no −0, as the
// Tesla moves |·|/(·) never do: of +0 and −0, which one rollingMedian's
// window kept depended on the order they came in.)
func medianFrom(out, win, x []float64, days, need, from int) (med, window []float64) {
	out = grow(out, len(x))
	win = win[:0]
	start := max(from-days+1, 0) // the first date in the window at from
	t0 := start
	if from < len(x) {
		// Before from nothing leaves the window: sorting its values at
		// once leaves what inserting them one by one would.
		for _, v := range x[start:from] {
			if finite(v) {
				win = append(win, v)
			}
		}
		slices.Sort(win)
		t0 = from
	}
	for t := t0; t < len(x); t++ {
		v, in := x[t], finite(x[t])
		o, drop := math.NaN(), false
		if old := t - days; old >= start {
			o, drop = x[old], finite(x[old])
		}
		switch {
		case in && drop:
			win = slide(win, o, v)
		case in:
			i := lowerBound(win, v)
			win = append(win, 0)
			copy(win[i+1:], win[i:])
			win[i] = v
		case drop:
			i := lowerBound(win, o)
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

// slide replaces o, a value of the sorted win, with v and keeps win
// sorted, shifting only the values between the two: the window
// rollingMedian gets by inserting v at its lower bound and then removing
// the first value ≥ o. When v == o (±0 alike) that removes v itself, so
// win is left as it is.
func slide(win []float64, o, v float64) []float64 {
	j := lowerBound(win, o)
	switch {
	case v > o:
		k := j + 1 + lowerBound(win[j+1:], v)
		copy(win[j:k-1], win[j+1:k])
		win[k-1] = v
	case v < o:
		k := lowerBound(win[:j], v)
		copy(win[k+1:j+1], win[k:j])
		win[k] = v
	}
	return win
}

// lowerBound is the first i with s[i] ≥ x (len(s) when none), as
// sort.SearchFloat64s, without its closure.
func lowerBound(s []float64, x float64) int {
	lo, hi := 0, len(s)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if s[h] < x {
			lo = h + 1
		} else {
			hi = h
		}
	}
	return lo
}
