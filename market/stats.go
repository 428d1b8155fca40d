package market

import "math"

// Correlation returns the Pearson correlation of x and y and the beta of x
// on y (cov(x,y)/var(y)) over the pairs where both are finite, and how many
// pairs that was. With fewer than two pairs, or no variance, the results
// are NaN.
func Correlation(x, y []float64) (corr, beta float64, n int) {
	var sx, sy float64
	for i := range x {
		if i < len(y) && finite(x[i]) && finite(y[i]) {
			sx += x[i]
			sy += y[i]
			n++
		}
	}
	if n < 2 {
		return math.NaN(), math.NaN(), n
	}
	mx, my := sx/float64(n), sy/float64(n)
	var cxy, cxx, cyy float64
	for i := range x {
		if i < len(y) && finite(x[i]) && finite(y[i]) {
			dx, dy := x[i]-mx, y[i]-my
			cxy += dx * dy
			cxx += dx * dx
			cyy += dy * dy
		}
	}
	if cyy == 0 {
		return math.NaN(), math.NaN(), n
	}
	beta = cxy / cyy
	if cxx == 0 {
		return math.NaN(), beta, n
	}
	return cxy / math.Sqrt(cxx*cyy), beta, n
}

// minPairs is how many paired returns a rolling statistic over `days` days
// needs: half the window, and never fewer than ten.
func minPairs(days int) int { return max(10, days/2) }

// rollingCorr returns, for every t, the correlation and beta of x on y
// over the `days` observations ending at t (the pairs where both are
// finite); NaN where t−days+1 < 0 or fewer than minPairs(days) pairs exist.
// It keeps running sums, so the whole history costs O(len(x)).
func rollingCorr(x, y []float64, days int) (corr, beta []float64) {
	n := min(len(x), len(y))
	corr, beta = make([]float64, n), make([]float64, n)
	var w rollingSums
	for t := range n {
		w.stepAt(x, y, t, days)
		corr[t], beta[t] = w.at(t, days)
	}
	return corr, beta
}

// rollingCorrKeep is rollingCorr with the beta of the last date alone (no
// report shows a beta history), and the running sums as they stood before
// the last date, from which rollingSums.step and at redo the last date
// alone (Patch).
func rollingCorrKeep(x, y []float64, days int) (corr []float64, beta float64, before rollingSums) {
	n := min(len(x), len(y))
	corr, beta = make([]float64, n), math.NaN()
	var w rollingSums
	for t := range n {
		if t == n-1 {
			before = w
		}
		w.stepAt(x, y, t, days)
		corr[t], beta = w.at(t, days)
	}
	return corr, beta, before
}

// rollingSums are the sums of a rolling correlation's window: the pairs
// where both values are finite.
type rollingSums struct {
	sx, sy, sxx, syy, sxy float64
	k                     int
}

// stepAt adds the pair at t and drops the one leaving the window.
func (w *rollingSums) stepAt(x, y []float64, t, days int) {
	if i := t - days; i >= 0 {
		w.step(x[t], y[t], x[i], y[i])
	} else {
		w.step(x[t], y[t], math.NaN(), math.NaN())
	}
}

// step adds the pair (a, b) entering the window and drops the pair (c, d)
// leaving it (NaN when none does), each only when both values are finite.
func (w *rollingSums) step(a, b, c, d float64) {
	if finite(a) && finite(b) {
		w.sx += a
		w.sy += b
		w.sxx += a * a
		w.syy += b * b
		w.sxy += a * b
		w.k++
	}
	if finite(c) && finite(d) {
		w.sx -= c
		w.sy -= d
		w.sxx -= c * c
		w.syy -= d * d
		w.sxy -= c * d
		w.k--
	}
}

// at is the correlation and beta of the window ending at t (NaN when it
// is too short or has no variance).
func (w *rollingSums) at(t, days int) (corr, beta float64) {
	corr, beta = math.NaN(), math.NaN()
	if t-days+1 < 0 || w.k < minPairs(days) {
		return corr, beta
	}
	fk := float64(w.k)
	cxy := w.sxy - w.sx*w.sy/fk
	cxx := w.sxx - w.sx*w.sx/fk
	cyy := w.syy - w.sy*w.sy/fk
	if cyy <= 0 {
		return corr, beta
	}
	beta = cxy / cyy
	if cxx > 0 {
		corr = cxy / math.Sqrt(cxx*cyy)
	}
	return corr, beta
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
