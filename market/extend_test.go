package market

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// extendCase is a random market whose histories end before day, as they
// do in market hours when they were fetched before the open, and the
// closes quotes give day.
type extendCase struct {
	in     Input
	day    Date
	closes map[string]float64
	wantOK bool // the benchmark has a close on day
}

// randomExtend cuts randomInput's histories before one of the
// benchmark's last dates, day: every series but the crypto ones (and
// sometimes W1, a foreign listing) ends before it, so the crypto series
// keep their weekend bars and their own bar on day. The closes on day
// are new, the series' own, NaN or missing; the benchmark's is sometimes
// missing, or the benchmark itself, or its last bars are after the as-of
// date. The as-of date is anywhere from the
// histories' end to after day, so the window's start moves in some runs,
// and the window is sometimes 1D, whose start always moves.
func randomExtend(rng *rand.Rand) extendCase {
	full := randomInput(rng)
	rolls := false // a window of months whose start moves with the as-of date
	switch {
	case rng.IntN(4) == 0:
		full.Window = Win1D
	case rng.IntN(3) == 0:
		full.Window, rolls = []Window{Win1M, Win3M, Win6M}[rng.IntN(3)], true
	}
	bench := full.Series["S"]
	day := bench.Dates[len(bench.Dates)-1-rng.IntN(3)]
	keeps := map[string]bool{"C": true, "C2": true, "W1": rng.IntN(3) == 0}
	in := full
	in.Series = map[string]Series{}
	for sym, s := range full.Series {
		if !keeps[sym] {
			k, _ := slices.BinarySearch(s.Dates, day)
			s = Series{Symbol: sym, Dates: s.Dates[:k:k], Close: s.Close[:k:k]}
		}
		in.Series[sym] = s
	}
	b := in.Series["S"]
	last := b.Dates[len(b.Dates)-1]
	in.AsOf = last.AddDays(rng.IntN(int(day-last) + 3))
	if rolls {
		in.AsOf = last // day moves it, and the window's start with it
	}
	c := extendCase{in: in, day: day, closes: map[string]float64{}}
	for sym, s := range in.Series {
		i, own := slices.BinarySearch(s.Dates, day)
		switch rng.IntN(5) {
		case 0, 1:
			c.closes[sym] = 10 + 100*rng.Float64()
		case 2:
			if own {
				c.closes[sym] = s.Close[i] // the series' own close that day
			}
		case 3:
			c.closes[sym] = nan
		} // 4: no close that day (no quote, or none today)
	}
	c.closes["S"] = 10 + 100*rng.Float64()
	switch rng.IntN(10) {
	case 0:
		delete(c.closes, "S") // the benchmark has no quote
	case 1:
		c.closes["S"] = nan
	case 2:
		delete(c.in.Series, "S") // no benchmark: the calendar is not its
	case 3:
		// The benchmark's last bars are after the as-of date: day is
		// not the calendar's next date.
		c.in.AsOf = last.AddDays(-1 - rng.IntN(3))
	}
	_, hasBench := c.in.Series["S"]
	c.wantOK = hasBench && valid(c.closes["S"]) && c.in.AsOf >= last
	return c
}

// extended is the input Extend claims to be Prepare of: the series with
// closes as their bars on day, a series' own bar that day gone when
// closes gives none, as of the later of day and the input's as-of date.
func (c extendCase) extended() Input {
	next := c.in
	next.AsOf = max(c.in.AsOf, c.day)
	next.Series = map[string]Series{}
	for sym, s := range c.in.Series {
		v, ok := c.closes[sym]
		if !ok || !valid(v) {
			v = nan
		}
		next.Series[sym] = withCloseOn(s, c.day, v)
	}
	return next
}

// TestExtendIsPrepare checks Extend against the full computation on the
// extended series, bit for bit (the reports print the same at full
// precision), for random markets whose histories end before the day the
// quotes are dated — crypto trading on the weekend before it, symbols
// without a close that day, watchlists, the window's start moving with
// the as-of date — and that the extended analysis patches to what
// Prepare gives with other closes that day. It refuses exactly when the
// benchmark has no close on day, and on an analysis patched already.
func TestExtendIsPrepare(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 23))
	syms := []string{"X", "X2", "X3", "Y", "Y2", "C", "C2", "H", "S", "T", "G", "F", "W1", "GONE", "E"}
	extended, moved, walked := 0, 0, 0
	for run := range 400 {
		c := randomExtend(rng)
		base := Prepare(c.in)
		before := fmt.Sprintf("%+v", base.Report)
		facts := map[string]Fundamentals{"T": {Price: nan, MarketCap: 1e12 * rng.Float64(), SharesOutstanding: nan}}
		a, ok := base.Extend(c.day, c.closes, facts)
		if ok != c.wantOK {
			t.Fatalf("run %d: Extend ok = %v, want %v (closes %v)", run, ok, c.wantOK, c.closes)
		}
		if after := fmt.Sprintf("%+v", base.Report); after != before {
			t.Fatalf("run %d: Extend changed the analysis it extended", run)
		}
		if !ok {
			continue
		}
		extended++
		if a.start != base.start {
			moved++
			if a.end-1 > a.start {
				walked++ // the members' contributions are walked again
			}
		}
		next := c.extended()
		c.in.Facts = facts
		next.Facts = facts
		if want := fmt.Sprintf("%+v", Prepare(next).Report); fmt.Sprintf("%+v", a.Report) != want {
			t.Fatalf("run %d (window %v, as of %v, day %v, closes %v):\nextended %+v\nfull     %s", run, c.in.Window, c.in.AsOf, c.day, c.closes, a.Report, want)
		}
		if a.LastDate() != c.day {
			t.Fatalf("run %d: LastDate %v, want %v", run, a.LastDate(), c.day)
		}
		if _, ok := a.Extend(c.day.AddDays(1), map[string]float64{"S": 1}, nil); ok {
			t.Fatalf("run %d: an extended analysis extended again", run)
		}
		// Quote polls on day: patches of the extended analysis.
		cur := next
		for step := range 3 {
			closes := randomCloses(rng, syms)
			if step == 2 { // one close moves
				closes = map[string]float64{syms[rng.IntN(len(syms))]: 10 + 100*rng.Float64()}
			}
			polled := cur
			polled.Series = map[string]Series{}
			for sym, s := range cur.Series {
				if v, ok := closes[sym]; ok {
					s = withCloseOn(s, c.day, v)
				}
				polled.Series[sym] = s
			}
			p, ok := a.Patch(closes, facts)
			if !ok {
				t.Fatalf("run %d step %d: Patch refused the extended analysis", run, step)
			}
			if want := fmt.Sprintf("%+v", Prepare(polled).Report); fmt.Sprintf("%+v", p.Report) != want {
				t.Fatalf("run %d step %d (closes %v):\npatched %+v\nfull    %s", run, step, closes, p.Report, want)
			}
			if _, ok := p.Extend(c.day.AddDays(1), map[string]float64{"S": 1}, nil); ok {
				t.Fatalf("run %d: a patched analysis extended", run)
			}
			cur, a = polled, p
		}
	}
	// The cases above must have happened, or the test proves little.
	if extended < 200 || moved < 40 || extended-moved < 40 || walked < 20 {
		t.Fatalf("%d runs extended, %d with the window's start moved, %d of them over more than a day: too few", extended, moved, walked)
	}
}

// TestExtendSmall extends smallInput's three days by a Thursday, by
// hand: X 12.1 → 13.31 (+10 %), Y flat, Tesla 250 → 275, GM 50 → 55, and
// no close for Ford.
func TestExtendSmall(t *testing.T) {
	in := smallInput()
	in.Window = Win1M
	thu := d("2024-03-21")
	closes := map[string]float64{"X": 13.31, "Y": 22, "C": 200, "H": 10, "S": 50, "T": 275, "G": 55}
	a, ok := Prepare(in).Extend(thu, closes, in.Facts)
	if !ok {
		t.Fatal("Extend refused")
	}
	r := a.Report
	// Bits 100, 110, 121, 133.1; atoms 100, 100, 110, 110; RS 100·B/A.
	assertSlice(t, "bits", r.Bits.Index, []float64{100, 110, 121, 133.1})
	assertSlice(t, "atoms", r.Atoms.Index, []float64{100, 100, 110, 110})
	assertSlice(t, "rs", r.RS.Series, []float64{100, 110, 110, 121})
	// Gap history: 3.2 B × 275 / (1 B × 55) = 16; the 2-day move
	// |3.2 B × (275 − 225)| = 160 B is 160/55 GMs of 55 B.
	assertSlice(t, "ratio history", r.Gap.RatioHistory, []float64{16, 15, 16, 16})
	assertSlice(t, "move history", r.Gap.MoveHistory, []float64{nan, nan, 3.2, 160.0 / 55})
	x := r.Bits.Members[0]
	checks := []struct {
		name      string
		got, want float64
	}{
		{"bits return", r.Bits.ReturnPct, 33.1},
		{"bits day", r.Bits.DayPct, 10},
		{"X last", x.Last, 13.31},
		{"X day", x.DayPct, 10},
		{"X window", x.WindowPct, 33.1},
		{"X contribution", x.Contribution, 33.1},
		{"move USD", r.Gap.MoveUSD, 160e9},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if r.AsOf != thu || len(r.Dates) != 4 || r.Dates[3] != thu || r.Start != d("2024-03-18") || len(r.Missing) != 0 {
		t.Errorf("as of %v, dates %v, start %v, missing %v", r.AsOf, r.Dates, r.Start, r.Missing)
	}
}

// TestExtendRefuses: Extend does nothing unless day is the calendar's
// next date and the analysis holds no closes apart yet.
func TestExtendRefuses(t *testing.T) {
	thu := d("2024-03-21")
	closes := map[string]float64{"X": 13, "S": 51}
	patched, _ := Prepare(smallInput()).Patch(map[string]float64{"X": 12}, nil)
	cases := []struct {
		name   string
		edit   func(*Input)
		day    Date
		closes map[string]float64
		a      *Analysis
	}{
		{"day is the last date", func(*Input) {}, d("2024-03-20"), closes, nil},
		{"the benchmark has no close", func(*Input) {}, thu, map[string]float64{"X": 13, "S": nan}, nil},
		{"no benchmark named", func(in *Input) {
			in.Spec.Benchmark = ""
			in.Series[""] = in.Series["S"]
		}, thu, map[string]float64{"X": 13, "": 51}, nil},
		{"the benchmark's last bar is after as-of", func(in *Input) { in.AsOf = d("2024-03-19") }, thu, closes, nil},
		{"patched already", nil, thu, closes, patched},
	}
	for _, c := range cases {
		a := c.a
		if a == nil {
			in := smallInput()
			c.edit(&in)
			a = Prepare(in)
		}
		if _, ok := a.Extend(c.day, c.closes, nil); ok {
			t.Errorf("%s: Extend reported ok", c.name)
		}
	}
}
