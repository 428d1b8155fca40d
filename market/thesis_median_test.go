package market

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestMedianFromSlides: sliding the window (replace the leaving value by
// the arriving one) gives the former insert-then-delete medians bit for
// bit, on values full of ties, NaN and ±Inf, for every start; with −0
// among them from the first date only: which zero the former window kept
// depended on its whole history (the Tesla moves are never −0).
func TestMedianFromSlides(t *testing.T) {
	negZero := math.Copysign(0, -1)
	pool := []float64{-1, 0, 0.5, 1, 2, 2, nan, math.Inf(1), math.Inf(-1), negZero}
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 400 {
		withNegZero := trial%2 == 1
		x := make([]float64, 1+rng.IntN(60))
		for i := range x {
			x[i] = pool[rng.IntN(len(pool)-1)]
			if withNegZero {
				x[i] = pool[rng.IntN(len(pool))]
			}
		}
		days, need := 1+rng.IntN(12), rng.IntN(8)
		want := refRollingMedian(x, days, need)
		for from := range x {
			if withNegZero && from > 0 {
				break
			}
			got, _ := medianFrom(nil, nil, x, days, need, from)
			for i := from; i < len(x); i++ {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] != got[i] && want[i] != want[i]) {
					t.Fatalf("trial %d x=%v days=%d need=%d from=%d: [%d] = %v, want %v", trial, x, days, need, from, i, got[i], want[i])
				}
			}
		}
	}
	// By hand: window 3 over 3, 1, 2, 5, 5, 0: sorted windows {3}, {1,3},
	// {1,2,3}, {1,2,5} (3 leaves, 5 arrives), {2,5,5}, {0,5,5}: medians
	// 3, 2, 2, 2, 5, 5.
	got, _ := medianFrom(nil, nil, []float64{3, 1, 2, 5, 5, 0}, 3, 1, 0)
	assertSlice(t, "median", got, []float64{3, 2, 2, 2, 5, 5})
}
