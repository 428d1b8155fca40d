package market

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// raggedInput is a deterministic messy input for property tests: series
// that start late, end early, skip days, carry NaN, zero, negative and
// infinite closes, crypto with weekend bars, uneven weights, a symbol in
// several baskets and a member with no data.
func raggedInput(seed uint64, n int) Input {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	asOf := d("2025-06-30")
	from := asOf.AddMonths(-30)
	bad := []float64{math.NaN(), 0, -1, math.Inf(1)}
	mk := func(sym string, weekends bool) Series {
		s := Series{Symbol: sym}
		p := 20 + 80*rng.Float64()
		lo := from + Date(rng.IntN(200))
		hi := asOf - Date(rng.IntN(40))
		for x := lo; x <= hi+5; x++ {
			if wd := x.Weekday(); !weekends && (wd == 0 || wd == 6) {
				continue
			}
			if rng.IntN(20) == 0 {
				continue // a day without a bar
			}
			p *= 1 + 0.03*rng.NormFloat64()
			v := p
			if rng.IntN(50) == 0 {
				v = bad[rng.IntN(len(bad))]
			}
			s.Dates = append(s.Dates, x)
			s.Close = append(s.Close, v)
		}
		return s
	}
	sp := smallSpec(21)
	sp.MoveDays, sp.CorrDays = 5, 21
	sp.Bits.Members, sp.Atoms.Members = nil, nil
	series := map[string]Series{}
	wl := Basket{Key: "wl", Name: "List"}
	for i := 0; i < n; i++ {
		sym := fmt.Sprintf("R%03d", i)
		series[sym] = mk(sym, i%7 == 3)
		m := Member{sym, 0.5 + 2*rng.Float64()}
		switch i % 3 {
		case 0:
			sp.Bits.Members = append(sp.Bits.Members, m)
		case 1:
			sp.Atoms.Members = append(sp.Atoms.Members, m)
		}
		wl.Members = append(wl.Members, m) // every symbol is also on the watchlist
	}
	wl.Members = append(wl.Members, Member{"NODATA", 1}, Member{sp.Bits.Members[0].Symbol, 0})
	sp.Watchlists = []Basket{wl, {Key: "empty", Name: "Empty"}}
	for _, s := range []string{"C", "H", "S", "T", "G", "F"} {
		series[s] = mk(s, s == "C")
	}
	facts := map[string]Fundamentals{"T": {Price: 300, MarketCap: 1e12}, "G": {Price: 50, SharesOutstanding: 1e9}}
	unrate := []Observation{}
	for m := from.AddMonths(-14); m <= asOf; m = m.AddMonths(1) {
		unrate = append(unrate, Observation{DateOf(m.Year(), m.Time().Month(), 1), 4 + rng.Float64()})
	}
	return Input{Spec: sp, Series: series, Facts: facts, Unrate: unrate, Window: Window(seed % 8), AsOf: asOf}
}

// TestLaborByDateMatchesLaborChange: the history's once-per-observation
// labor leg is LaborChange(PublishedBy(on)) on every day, with missing
// months and NaN observations in the data, whether the days are asked
// for forwards (the history), backwards or out of order.
func TestLaborByDateMatchesLaborChange(t *testing.T) {
	in := raggedInput(3, 4)
	unrate := in.Unrate
	unrate[5].Value = math.NaN()
	unrate = append(unrate[:9:9], unrate[10:]...) // a month FRED lacks
	var days []Date
	for on := unrate[0].Date - 60; on <= in.AsOf+60; on++ {
		days = append(days, on)
	}
	backwards := slices.Clone(days)
	slices.Reverse(backwards)
	shuffled := slices.Clone(days)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, order := range [][]Date{days, backwards, shuffled} {
		labor := laborByDate(unrate)
		for _, on := range order {
			got, gotOK := labor(on)
			want, wantOK := LaborChange(unrate, PublishedBy(on))
			if gotOK != wantOK || !sameBits(got, want) {
				t.Fatalf("%v: %v %v, want %v %v", on, got, gotOK, want, wantOK)
			}
		}
	}
}
