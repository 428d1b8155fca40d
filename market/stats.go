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
	corr, beta = nanSlice(n), nanSlice(n)
	var sx, sy, sxx, syy, sxy float64
	var k int
	for t := 0; t < n; t++ {
		// Add the pair at t and drop the one leaving the window (written
		// out rather than as a closure: this runs on every date).
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
		if t-days+1 < 0 || k < minPairs(days) {
			continue
		}
		fk := float64(k)
		cxy := sxy - sx*sy/fk
		cxx := sxx - sx*sx/fk
		cyy := syy - sy*sy/fk
		if cyy <= 0 {
			continue
		}
		beta[t] = cxy / cyy
		if cxx > 0 {
			corr[t] = cxy / math.Sqrt(cxx*cyy)
		}
	}
	return corr, beta
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
