package market

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// thesisCase is a named input for the reference comparison.
type thesisCase struct {
	name string
	in   ThesisInput
}

// thesisCases are inputs whose every claim must come out of Thesis exactly
// as out of refThesis (the pre-span code): the default 5-year data and
// variants with holes, weekend traders, late starts and early dates.
func thesisCases() []thesisCase {
	asOf := d("2025-06-30")
	base := func() ThesisInput { return thesisBenchInput(asOf, 5) }
	rng := rand.New(rand.NewPCG(3, 3))
	var cs []thesisCase
	add := func(name string, in ThesisInput) { cs = append(cs, thesisCase{name, in}) }

	add("default 5y", base())
	add("2 years to 2026-03", thesisBenchInput(d("2026-03-31"), 2))

	// Holes: dropped bars, NaN, zero and negative closes in every series,
	// most in the Tesla/GM and basket rows the rolling claims read.
	in := base()
	for sym, s := range in.Series {
		s = Series{Symbol: sym, Dates: slices.Clone(s.Dates), Close: slices.Clone(s.Close)}
		for k := 0; k < 40; k++ {
			i := rng.IntN(len(s.Close))
			s.Close[i] = []float64{nan, 0, -3, math.Inf(1)}[k%4]
		}
		for k := 0; k < 30; k++ {
			i := rng.IntN(len(s.Dates) - 1)
			s.Dates, s.Close = slices.Delete(s.Dates, i, i+1), slices.Delete(s.Close, i, i+1)
		}
		in.Series[sym] = s
	}
	add("holes", in)

	// Wild closes (each day's anywhere in 5…2000, weights uneven): returns
	// far from 0 keep the last bits of Σ w_i r_i in 1 + r, so adding the
	// members in another order shows (with 2 % moves it mostly does not).
	in = base()
	for sym, s := range in.Series {
		c := make([]float64, len(s.Close))
		for i := range c {
			c[i] = 100 * math.Exp(3*(2*rng.Float64()-1))
		}
		in.Series[sym] = Series{Symbol: sym, Dates: s.Dates, Close: c}.Calendared()
	}
	for i := range in.Spec.Bits.Members {
		in.Spec.Bits.Members[i].Weight = 0.5 + rng.Float64()
	}
	add("wild closes", in)

	// A long gap in TSLA around the essay (fewer than 126 moves in the
	// median's window) and in GOOGL (no close at the base).
	in = base()
	for _, g := range []struct {
		sym      string
		from, to Date
	}{{"TSLA", d("2023-09-01"), d("2024-04-30")}, {"GOOGL", d("2024-03-01"), d("2024-03-31")}} {
		s := in.Series[g.sym]
		keep := Series{Symbol: g.sym}
		for i, x := range s.Dates {
			if x < g.from || x > g.to {
				keep.Dates, keep.Close = append(keep.Dates, x), append(keep.Close, s.Close[i])
			}
		}
		in.Series[g.sym] = keep
	}
	add("gaps at the essay", in)

	// No benchmark: the calendar comes from every series, and weekend
	// traders (crypto, a weekend-only BOTZ) never set it.
	in = base()
	delete(in.Series, "SPY")
	var sat []Date
	for x := asOf.AddMonths(-60); x <= asOf; x++ {
		if x.Weekday() == 6 {
			sat = append(sat, x)
		}
	}
	in.Series["BOTZ"] = Series{Symbol: "BOTZ", Dates: sat, Close: slices.Repeat([]float64{20, 21, 19.5}, len(sat))[:len(sat)]}
	add("weekend traders, no benchmark", in)

	// Histories that start after the essay base, some or all of them.
	in = base()
	for _, sym := range []string{"TSLA", "XOM", "NVDA", "EWS", "SMH"} {
		in.Series[sym] = after(in.Series[sym], d("2024-06-03"))
	}
	add("some start after the essay", in)
	in = base()
	for sym, s := range in.Series {
		in.Series[sym] = after(s, d("2024-09-02"))
	}
	add("all start after the essay", in)
	// A whole basket starting later than the panel: BOTZ (robots-bid)
	// before the essay base, both crypto (crypto-base-layer) after it,
	// and the atoms a year in.
	in = base()
	in.Series["BOTZ"] = after(in.Series["BOTZ"], d("2022-01-03"))
	in.Series["BTC-USD"] = after(in.Series["BTC-USD"], d("2024-05-01"))
	in.Series["ETH-USD"] = after(in.Series["ETH-USD"], d("2024-07-01"))
	for _, m := range in.Spec.Atoms.Members {
		in.Series[m.Symbol] = after(in.Series[m.Symbol], d("2021-07-01"))
	}
	add("baskets starting late", in)

	// Short histories: the essay a few days in.
	add("essay 10 days in", thesisBenchInputFrom(d("2024-03-06"), d("2024-04-30")))

	// AsOf before the essay, and on it.
	in = base()
	in.AsOf = d("2024-01-31")
	add("as of before the essay", in)
	in = base()
	in.AsOf = EssayDate
	add("as of the essay", in)

	// Weighted, duplicated and zero-weight basket members; a missing one.
	in = base()
	in.Spec.Bits.Members = []Member{{"NVDA", 3}, {"MSFT", 0.5}, {"NVDA", 1}, {"GOOGL", 0}, {"NOPE", 2}, {"BTC-USD", 1.25}}
	in.Spec.Atoms.Members = []Member{{"XOM", 7}, {"CVX", 0.1}}
	add("weighted baskets", in)

	// Nothing the Tesla claims need, and no baskets at all.
	in = base()
	in.Spec.Tesla, in.Spec.Incumbents, in.Facts = "", nil, nil
	in.Spec.Bits.Members, in.Spec.Atoms.Members = nil, nil
	add("no Tesla, no baskets", in)
	add("empty", ThesisInput{AsOf: asOf})
	return cs
}

// after is s from the date from on.
func after(s Series, from Date) Series {
	i, _ := slices.BinarySearch(s.Dates, from)
	return Series{Symbol: s.Symbol, Dates: s.Dates[i:], Close: s.Close[i:]}
}

// thesisBenchInputFrom is thesisBenchInput's symbols from from to asOf.
func thesisBenchInputFrom(from, asOf Date) ThesisInput {
	in := thesisBenchInput(asOf, 1)
	for sym, s := range in.Series {
		in.Series[sym] = after(s, from)
	}
	return in
}

// TestThesisMatchesReference: reading only the span the claims need
// changes nothing, bit for bit — every field of every claim, NaN where it
// was NaN, nil where it was nil (%#v prints each float64 exactly).
func TestThesisMatchesReference(t *testing.T) {
	for _, tc := range thesisCases() {
		got, want := Thesis(tc.in), refThesis(tc.in)
		if len(got) != len(want) {
			t.Fatalf("%s: %d claims, want %d", tc.name, len(got), len(want))
		}
		points := 0
		for i := range want {
			points += len(want[i].Since)
			if g, w := fmt.Sprintf("%#v", got[i]), fmt.Sprintf("%#v", want[i]); g != w {
				t.Errorf("%s: claim %s differs\n got %s\nwant %s", tc.name, want[i].ID, g, w)
			}
		}
		t.Logf("%s: %d points", tc.name, points)
	}
}

// TestThesisSpanHelpersBitForBit: below the 1e-9 rounding of the claims,
// the span helpers give the Analyze helpers' values bit for bit (a last-bit
// drift, e.g. running sums restarted at the essay, hides in round9 on most
// data but would flip a value on a rounding edge some day).
func TestThesisSpanHelpersBitForBit(t *testing.T) {
	same := func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) || (a != a && b != b) }
	for _, tc := range thesisCases() {
		sp := tc.in.Spec
		p := Align(sortedSeries(tc.in.Series), tc.in.AsOf, "SPY")
		n, s := len(p.Dates), new(thesisScratch)
		s.reset()
		for _, ms := range [][]Member{sp.Bits.Members, sp.Atoms.Members, equal([]string{"XOM", "CVX"}), nil} {
			got, want := s.chainInto(s.vs, p, ms), BasketIndex(p, ms)
			for i := range want {
				if !same(got[i], want[i]) {
					t.Fatalf("%s: chain %v [%d] = %v, BasketIndex %v", tc.name, ms, i, got[i], want[i])
				}
			}
		}
		x, y := Returns(p.Row("TSLA")), Returns(BasketIndex(p, sp.Atoms.Members))
		move := Returns(p.Row("GM"))
		wantCorr, _ := rollingCorr(x, y, thesisCorrDays)
		wantMed := refRollingMedian(move, 20, 10)
		for _, from := range []int{0, max(p.IndexOn(EssayDate), 0), n / 2, max(n-1, 0)} {
			corr := corrFrom(nil, x, y, thesisCorrDays, from)
			med, _ := medianFrom(nil, nil, move, 20, 10, from)
			for i := from; i < len(wantCorr); i++ {
				if !same(corr[i], wantCorr[i]) {
					t.Fatalf("%s: corr from %d [%d] = %v, rollingCorr %v", tc.name, from, i, corr[i], wantCorr[i])
				}
			}
			for i := from; i < len(wantMed); i++ {
				if !same(med[i], wantMed[i]) {
					t.Fatalf("%s: median from %d [%d] = %v, rollingMedian %v", tc.name, from, i, med[i], wantMed[i])
				}
			}
		}
	}
}
