package market

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomInput is a small random market: weekday series with gaps and bad
// closes, two crypto series with weekend bars, symbols that start late or
// stop early, a watchlist naming a symbol without data, short rolling
// windows so every statistic is defined, and a random window.
// randomCloses is a quote poll: a new close for about a quarter of syms,
// NaN for a few, none for the rest.
func randomCloses(rng *rand.Rand, syms []string) map[string]float64 {
	closes := map[string]float64{}
	for _, sym := range syms {
		switch rng.IntN(4) {
		case 0:
			closes[sym] = 10 + 100*rng.Float64()
		case 1:
			if rng.IntN(5) == 0 {
				closes[sym] = nan
			}
		}
	}
	return closes
}

func randomInput(rng *rand.Rand) Input {
	asOf := d("2024-06-28").AddDays(rng.IntN(20))
	from := asOf.AddDays(-150 - rng.IntN(100))
	var all, wk []Date
	for x := from; x <= asOf; x++ {
		all = append(all, x)
		if wd := x.Weekday(); wd != 0 && wd != 6 {
			wk = append(wk, x)
		}
	}
	walk := func(sym string, dates []Date) Series {
		s := Series{Symbol: sym}
		p := 20 + 100*rng.Float64()
		lo, hi := 0, len(dates)
		if rng.IntN(4) == 0 {
			lo = rng.IntN(len(dates) / 2)
		}
		if rng.IntN(4) == 0 {
			hi -= rng.IntN(5)
		}
		for _, x := range dates[lo:hi] {
			if rng.IntN(15) == 0 {
				continue // a missing bar
			}
			p *= 1 + 0.03*rng.NormFloat64()
			v := p
			if rng.IntN(40) == 0 {
				v = nan // a bar without a price
			}
			s.Dates, s.Close = append(s.Dates, x), append(s.Close, v)
		}
		return s
	}
	sp := smallSpec(5 + rng.IntN(15))
	sp.CorrDays, sp.MoveDays = 5+rng.IntN(15), 1+rng.IntN(5)
	if rng.IntN(2) == 0 {
		sp.CorrDays = sp.Lookback
	}
	sp.Bits.Members = []Member{{"X", 1}, {"X2", 2}, {"X3", 0.5}}
	sp.Atoms.Members = []Member{{"Y", 1}, {"Y2", 1}}
	sp.Crypto.Members = []Member{{"C", 1}, {"C2", 3}}
	sp.Watchlists = []Basket{{Key: "w", Name: "W", Members: []Member{{"X", 1}, {"W1", 1}, {"GONE", 1}, {"C", 2}, {"E", 1}}}, {Key: "e", Name: "E", Members: []Member{{"E", 1}, {"GONE", 1}}}}
	in := Input{Spec: sp, Series: map[string]Series{}, Window: Windows()[1+rng.IntN(len(Windows())-1)], AsOf: asOf}
	for _, sym := range []string{"X", "X2", "X3", "Y", "Y2", "H", "S", "T", "G", "F", "W1"} {
		in.Series[sym] = walk(sym, wk)
	}
	for _, sym := range []string{"C", "C2"} {
		in.Series[sym] = walk(sym, all)
	}
	// E has bars but never a price; H (the havens) sometimes none either:
	// a close on the last date is their first.
	e := walk("E", wk)
	e.Close = slices.Repeat([]float64{nan}, len(e.Close))
	in.Series["E"] = e
	if rng.IntN(3) == 0 {
		in.Series["H"] = Series{Symbol: "H", Dates: e.Dates, Close: e.Close}
	}
	for m := from.AddMonths(-14); m <= asOf; m = m.AddMonths(1) {
		in.Unrate = append(in.Unrate, Observation{DateOf(m.Year(), m.Time().Month(), 1), 3.5 + rng.Float64()})
	}
	in.Facts = map[string]Fundamentals{"T": {Price: nan, MarketCap: nan, SharesOutstanding: 3e9}}
	return in
}

// withCloseOn is s with its close on day set to v: replaced when s has a
// bar that day, inserted in date order when not (a NaN inserts nothing).
func withCloseOn(s Series, day Date, v float64) Series {
	i, found := slices.BinarySearch(s.Dates, day)
	out := Series{Symbol: s.Symbol, Dates: slices.Clone(s.Dates), Close: slices.Clone(s.Close)}
	switch {
	case found:
		out.Close[i] = v
	case valid(v):
		out.Dates = slices.Insert(out.Dates, i, day)
		out.Close = slices.Insert(out.Close, i, v)
	}
	return out
}

// TestPatchIsPrepare checks Patch against the full computation on the
// patched series, bit for bit (the reports print the same at full
// precision), for random markets and random closes on the last date:
// moves, bad closes, symbols without a bar that day getting one, the
// benchmark and Tesla moving, and a patch of a patch.
func TestPatchIsPrepare(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 15))
	syms := []string{"X", "X2", "X3", "Y", "Y2", "C", "C2", "H", "S", "T", "G", "F", "W1", "GONE", "E"}
	for run := range 300 {
		in := randomInput(rng)
		base := Prepare(in)
		before := fmt.Sprintf("%+v", base.Report)
		day := base.LastDate()
		cur := in
		var a *Analysis = base
		var last map[string]float64
		for step := range 4 {
			closes := map[string]float64{}
			switch step {
			case 2: // the same closes again: nothing moves, all is shared
				closes = last
			case 3: // one close moves: only what reads it is redone
				closes[syms[rng.IntN(len(syms))]] = 10 + 100*rng.Float64()
			default:
				closes = randomCloses(rng, syms)
			}
			last = closes
			next := Input{Spec: cur.Spec, Series: map[string]Series{}, Facts: map[string]Fundamentals{"T": {Price: nan, MarketCap: 1e12 * rng.Float64(), SharesOutstanding: nan}},
				Unrate: cur.Unrate, Window: cur.Window, AsOf: cur.AsOf}
			for sym, s := range cur.Series {
				if v, ok := closes[sym]; ok {
					s = withCloseOn(s, day, v)
				}
				next.Series[sym] = s
			}
			patched, ok := a.Patch(closes, next.Facts)
			if !ok {
				t.Fatalf("run %d: Patch refused a %d-date calendar", run, len(base.p.Dates))
			}
			want := fmt.Sprintf("%+v", Prepare(next).Report)
			if got := fmt.Sprintf("%+v", patched.Report); got != want {
				t.Fatalf("run %d step %d (window %v, closes %v):\npatched %s\nfull    %s", run, step, in.Window, closes, got, want)
			}
			cur, a = next, patched
		}
		if after := fmt.Sprintf("%+v", base.Report); after != before {
			t.Fatalf("run %d: Patch changed the analysis it patched", run)
		}
	}
}

// TestPatchNeedsTwoDates: a calendar of one date is not patched (there
// is no day before the last to keep).
func TestPatchNeedsTwoDates(t *testing.T) {
	in := smallInput()
	for sym, s := range in.Series {
		in.Series[sym] = Series{Symbol: sym, Dates: s.Dates[:1], Close: s.Close[:1]}
	}
	if _, ok := Prepare(in).Patch(map[string]float64{"X": 11}, nil); ok {
		t.Fatal("Patch of a one-date analysis reported ok")
	}
}
