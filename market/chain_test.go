package market

import (
	"math"
	"testing"
)

// refIndex and refContrib are the date-by-date formulas of BasketIndex and
// the member attribution as first written (walking across the members at
// each date). newChain walks each row once instead; it must give the same
// bits.
func refIndex(p *Panel, members []Member) []float64 {
	rows, _, weights, _ := basketRows(p, members)
	idx := make([]float64, len(p.Dates))
	started := false
	for t := range idx {
		idx[t] = math.NaN()
		if !started {
			for _, row := range rows {
				started = started || valid(row[t])
			}
			if started {
				idx[t] = 100
			}
			continue
		}
		var sum, wsum float64
		for i, row := range rows {
			if valid(row[t]) && valid(row[t-1]) {
				sum += weights[i] * (row[t]/row[t-1] - 1)
				wsum += weights[i]
			}
		}
		r := 0.0
		if wsum != 0 {
			r = sum / wsum
		}
		idx[t] = idx[t-1] * (1 + r)
	}
	return idx
}

func refContrib(p *Panel, members []Member, idx []float64, start, end int) []float64 {
	rows, _, weights, _ := basketRows(p, members)
	contrib := make([]float64, len(rows))
	for t := start + 1; t <= end; t++ {
		if math.IsNaN(idx[t-1]) || math.IsNaN(idx[start]) {
			continue
		}
		var wsum float64
		for i, row := range rows {
			if valid(row[t]) && valid(row[t-1]) {
				wsum += weights[i]
			}
		}
		if wsum == 0 {
			continue
		}
		scale := idx[t-1] / idx[start] / wsum
		for i, row := range rows {
			if valid(row[t]) && valid(row[t-1]) {
				contrib[i] += scale * weights[i] * (row[t]/row[t-1] - 1)
			}
		}
	}
	return contrib
}

func sameBits(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// TestChainMatchesDateByDate checks the row-wise chain-linking against the
// date-by-date formulas, bit for bit, on clean data and on messy data
// (gaps, bad closes, late starts, uneven weights), from several window
// starts.
func TestChainMatchesDateByDate(t *testing.T) {
	// Clean rows (the fast path), with uneven weights.
	inputs := []Input{benchInput(30), benchInput(53)}
	for _, in := range inputs {
		for _, b := range append([]Basket{in.Spec.Bits, in.Spec.Atoms}, in.Spec.Watchlists...) {
			for i := range b.Members {
				b.Members[i].Weight = 0.3 + float64(i%7)/3
			}
		}
	}
	for seed := uint64(0); seed < 12; seed++ {
		inputs = append(inputs, raggedInput(seed, 4+int(seed)*3))
	}
	for seed, in := range inputs {
		p := Align(sortedSeries(in.Series), in.AsOf, in.Spec.Benchmark)
		end := len(p.Dates) - 1
		for _, b := range append([]Basket{in.Spec.Bits, in.Spec.Atoms}, in.Spec.Watchlists...) {
			cs := newPrepScratch(len(p.Dates))
			c := newChain(p, b.Members, cs)
			want := refIndex(p, b.Members)
			for i := range want {
				if !sameBits(c.idx[i], want[i]) {
					t.Fatalf("seed %d %s: idx[%d] = %v, want %v", seed, b.Key, i, c.idx[i], want[i])
				}
			}
			for _, start := range []int{0, 1, end / 3, end - 1} {
				st := c.memberStats(p, b.Members, cs, start, end)
				wantC := refContrib(p, b.Members, want, start, end)
				k := 0
				for _, m := range st {
					if m.Missing || m.Weight <= 0 {
						continue
					}
					if got := m.Contribution; !sameBits(got, 100*wantC[k]) {
						t.Fatalf("seed %d %s start %d: %s contribution %v, want %v", seed, b.Key, start, m.Symbol, got, 100*wantC[k])
					}
					k++
				}
			}
		}
	}
}

// TestAlignUnsortedSeries: a series whose dates go backwards (which no
// provider should send) is aligned as if placed bar by bar, the last valid
// close of a date winning.
func TestAlignUnsortedSeries(t *testing.T) {
	ds := weekdays("2024-03-18", 4)
	p := Align([]Series{
		{Symbol: "A", Dates: ds, Close: []float64{1, 2, 3, 4}},
		{Symbol: "B", Dates: []Date{ds[3], ds[0], ds[2], ds[2], ds[1]}, Close: []float64{40, 10, 30, 31, nan}},
	}, ds[3], "")
	assertSlice(t, "A", p.Row("A"), []float64{1, 2, 3, 4})
	assertSlice(t, "B", p.Row("B"), []float64{10, nan, 31, 40})
}

// TestAlignSharesCleanRows: a series whose dates are the calendar and
// whose closes are all valid is used as its row without a copy (bars
// after as-of are off the calendar); one bad close, or a missing day,
// means a copy with NaN in the gap.
func TestAlignSharesCleanRows(t *testing.T) {
	ds := weekdays("2024-03-18", 5)
	clean := Series{Symbol: "A", Dates: ds, Close: []float64{1, 2, 3, 4, 5}}
	bad := Series{Symbol: "B", Dates: ds[:4], Close: []float64{10, 0, 30, 40}}
	gappy := Series{Symbol: "C", Dates: []Date{ds[0], ds[2], ds[3]}, Close: []float64{7, 8, 9}}
	p := Align([]Series{clean, bad, gappy}, ds[3], "")
	assertSlice(t, "A", p.Row("A"), []float64{1, 2, 3, 4})
	assertSlice(t, "B", p.Row("B"), []float64{10, nan, 30, 40})
	assertSlice(t, "C", p.Row("C"), []float64{7, nan, 8, 9})
	if &p.Row("A")[0] != &clean.Close[0] || cap(p.Row("A")) != 4 {
		t.Error("clean series copied, or its row can grow into the series")
	}
	if &p.Row("B")[0] == &bad.Close[0] {
		t.Error("series with a bad close shared")
	}
}
