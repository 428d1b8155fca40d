package snapshot

import (
	"encoding/json"
	"math"
	"strconv"
	"testing"
)

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{63.2, "63.2"},
		{100, "100"},
		{1.0 / 3, "0.333333"},           // six decimals
		{-2.0 / 3, "-0.666667"},         // rounded, not truncated
		{0.0000004, "0"},                // below the sixth decimal
		{-0.0000004, "0"},               // never "-0"
		{123456.7891234, "123456.7891"}, // 6 integer digits + 4 decimals = 10 significant
		{1.0234567891234e12, "1023456789000"},
		{-1.2e11, "-120000000000"},
		{9.9999999, "10"},
		{math.NaN(), ""},
		{math.Inf(1), ""},
		{math.Inf(-1), ""},
	}
	for _, tc := range tests {
		if got := FormatNumber(tc.in); got != tc.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFloatJSON(t *testing.T) {
	type box struct {
		A, B, C Float
	}
	b, err := json.Marshal(box{A: 1.5, B: Float(math.NaN()), C: Float(math.Inf(-1))})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(b), `{"A":1.5,"B":null,"C":null}`; got != want {
		t.Errorf("Marshal = %s, want %s", got, want)
	}
	var back box
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.A != 1.5 || back.B.Valid() || back.C.Valid() {
		t.Errorf("Unmarshal = %+v, want {1.5 NaN NaN}", back)
	}
	if err := json.Unmarshal([]byte(`{"A":"x"}`), &back); err == nil {
		t.Error("a string for a Float should be an error")
	}
}

// FuzzFormatNumber checks that every formatted number parses back, stays
// within the rounding error, and formats to itself again.
func FuzzFormatNumber(f *testing.F) {
	for _, v := range []float64{0, 63.2, -1.0 / 3, 1.02e12, 1e-9, 9.9999999, 1e300, -5e-7} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		s := FormatNumber(v)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if s != "" {
				t.Fatalf("FormatNumber(%v) = %q, want empty", v, s)
			}
			return
		}
		back, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("FormatNumber(%v) = %q does not parse: %v", v, s, err)
		}
		// Error bound: half a unit of the sixth decimal, or of the tenth
		// significant digit, whichever is larger.
		ulp := math.Nextafter(math.Abs(v), math.Inf(1)) - math.Abs(v)
		tol := math.Max(5e-7, math.Abs(v)*1e-9) + 4*ulp // half a unit, plus float noise
		if math.Abs(back-v) > tol {
			t.Fatalf("FormatNumber(%v) = %q, off by %v", v, s, back-v)
		}
		if again := FormatNumber(back); again != s {
			t.Fatalf("not idempotent: %v → %q → %q", v, s, again)
		}
	})
}

func FuzzFloatUnmarshal(f *testing.F) {
	for _, s := range []string{"1.5", "null", " null ", "-0", "1e999", `"x"`, "", "1e-7"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var v Float
		if err := v.UnmarshalJSON([]byte(s)); err != nil {
			return
		}
		if _, err := v.MarshalJSON(); err != nil {
			t.Fatalf("MarshalJSON after UnmarshalJSON(%q): %v", s, err)
		}
	})
}
