package market

import (
	"math"
	"testing"
)

const eps = 1e-9

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= eps*math.Max(1, math.Abs(b))
}

func assertSlice(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d (%v)", what, len(got), len(want), got)
	}
	for i := range want {
		if !near(got[i], want[i]) {
			t.Errorf("%s[%d] = %.12g, want %.12g", what, i, got[i], want[i])
		}
	}
}

func d(s string) Date {
	x, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

// weekdays returns n consecutive weekdays starting at from.
func weekdays(from string, n int) []Date {
	out := []Date{}
	for x := d(from); len(out) < n; x++ {
		if wd := x.Weekday(); wd != 0 && wd != 6 {
			out = append(out, x)
		}
	}
	return out
}

func series(sym string, dates []Date, closes ...float64) Series {
	return Series{Symbol: sym, Dates: dates[:len(closes)], Close: closes}
}

var nan = math.NaN()
