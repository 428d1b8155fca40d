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

// rollingCorr returns, for each t in [from, to], the correlation (and beta)
// of x and y over the `days` returns ending at t; NaN where fewer than
// minPairs(days) pairs exist.
func rollingCorr(x, y []float64, days, from, to int) (corr, beta []float64) {
	corr = make([]float64, 0, to-from+1)
	beta = make([]float64, 0, to-from+1)
	for t := from; t <= to; t++ {
		c, b := math.NaN(), math.NaN()
		if lo := t - days + 1; lo >= 0 {
			cc, bb, n := Correlation(x[lo:t+1], y[lo:t+1])
			if n >= minPairs(days) {
				c, b = cc, bb
			}
		}
		corr = append(corr, c)
		beta = append(beta, b)
	}
	return corr, beta
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
