package market

// The scorecard as it was before it read only the span its claims need
// (commit daf527f): the reference TestThesisMatchesReference compares
// Thesis with. Only the functions that changed are copied; comments are
// the originals'.

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Thesis scores every claim of the essay, in the order. It is
// pure. Rules common to all claims:
//
//   - The essay base is the last trading day on or before EssayDate; for
//     monthly FRED series, the last observation dated on or before it
//     (the essay month's, dated the 1st).
//   - Values are rounded to 1e-9 before the verdict, so a value on a band
//     edge is on it exactly. Unless a claim says otherwise, an edge is
//     inside the band: 105 is undecided, 105.000000001 on track.
//   - Any missing symbol or series makes the claim Undecided; its value is
//     still shown when computable from what is there.
func refThesis(in ThesisInput) []Claim {
	sp := in.Spec
	bench := sp.Benchmark
	if bench == "" {
		bench = "SPY"
	}
	out := refScoreThesis(in, bench, Align(sortedSeries(refThesisSeries(in.Series, sp, bench)), in.AsOf, bench))
	if in.AsOf < EssayDate {
		// A claim is read since the essay: before it there is nothing to
		// read yet, whatever the metrics say.
		for i := range out {
			if out[i].Verdict != NotMeasurable {
				out[i].Verdict, out[i].Value, out[i].Since, out[i].AsOf = Undecided, math.NaN(), nil, 0
				out[i].Note = "scored from the essay's date, " + EssayDate.String()
			}
		}
	}
	return out
}

// scoreThesis scores the claims on p, the panel of in's series.
func refScoreThesis(in ThesisInput, bench string, p *Panel) []Claim {
	sp := in.Spec
	e := p.IndexOn(EssayDate)
	macro := func(id string) []Observation { return refUpTo(in.Macro[id], in.AsOf) }

	out := []Claim{
		refBitsBeatAtoms(p, sp, e),
		refTech1999(p, in, e),
		refTeslaMonth(p, sp, in.Facts, e),
		refTeslaAtoms(p, sp, e),
	}
	for _, c := range vsClaims {
		if c.id == "robots-bid" { // the macro claims sit here in the essay's order
			out = append(out, restaurants(macro(FoodServicesID)),
				unemployment(macro(UnrateID)),
				fedEases(macro(FedFundsID), macro(UnrateID)))
		}
		b := c.bench
		if b == "" {
			b = bench
		}
		cl := refVsClaim(p, c.syms, b, e, c.dir)
		cl.ID, cl.Claim = c.id, c.claim
		out = append(out, cl)
	}
	return append(out, cbdc(in.AsOf))
}

// path turns f(t) for t in [from, len(p.Dates)) into the finite points,
// rounded to 1e-9.
func refPath(p *Panel, from int, f func(t int) float64) []Observation {
	var out []Observation
	for t := max(from, 0); t < len(p.Dates); t++ {
		if v := f(t); finite(v) {
			out = append(out, Observation{Date: p.Dates[t], Value: round9(v)})
		}
	}
	return out
}

// relPath is 100 · (a_t/a_e) / (b_t/b_e): a against b, rebased to 100 at
// the essay base e. Without values at e, there is no path.
func refRelPath(p *Panel, a, b []float64, e int) []Observation {
	if e < 0 || a == nil || b == nil || !valid(a[e]) || !valid(b[e]) {
		return nil
	}
	return refPath(p, e, func(t int) float64 { return 100 * (a[t] / a[e]) / (b[t] / b[e]) })
}

// vsClaim is basket(syms) vs bench, rebased to 100 at the essay, band ±5.
func refVsClaim(p *Panel, syms []string, bench string, e int, dir Direction) Claim {
	c := Claim{Metric: joinSyms(syms) + " vs " + bench, Unit: "index", Predicted: dir,
		Band: ClaimBand{100 - RatioBand, 100 + RatioBand}}
	c.Missing = missingSyms(p, e, append(append([]string(nil), syms...), bench)...)
	c.Since = refRelPath(p, BasketIndex(p, equal(syms)), p.Row(bench), e)
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, dir) })
}

// bitsBeatAtoms is RS = 100 · Bits/Atoms rebased to 100 at the essay,
// the spec's baskets chain-linked as everywhere.
func refBitsBeatAtoms(p *Panel, sp Spec, e int) Claim {
	c := Claim{ID: "bits-beat-atoms", Claim: "the economy of bits outruns the economy of atoms",
		Metric: "RS bits/atoms since the essay", Unit: "index", Predicted: Up,
		Band: ClaimBand{100 - RatioBand, 100 + RatioBand}}
	for _, b := range []Basket{sp.Bits, sp.Atoms} {
		if len(b.Members) == 0 {
			c.Missing = append(c.Missing, b.Key+" basket (no members)")
		}
		c.Missing = append(c.Missing, missingSyms(p, e, b.Symbols()...)...)
	}
	c.Since = refRelPath(p, BasketIndex(p, sp.Bits.Members), BasketIndex(p, sp.Atoms.Members), e)
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, Up) })
}

// tech1999 is ^NDX against ^GSPC since their 2000-03-10 closes:
// 100 · (N_t/N_peak) / (S_t/S_peak), band ±5. On track needs it above 105
// and ^NDX above its own 2000 close (N_t/N_peak > 1); below 95, or ^NDX
// below its 2000 close, is against.
func refTech1999(p *Panel, in ThesisInput, e int) Claim {
	c := Claim{ID: "tech-1999-right", Claim: "the 1999 tech buyers were right, only early",
		Metric: NDX + " vs " + GSPC + " since " + ThesisPeak.String(), Unit: "index", Predicted: Up,
		Band: ClaimBand{100 - RatioBand, 100 + RatioBand}}
	c.Missing = missingSyms(p, e, NDX, GSPC)
	n0, okN := peakClose(in, NDX)
	s0, okS := peakClose(in, GSPC)
	for sym, ok := range map[string]bool{NDX: okN, GSPC: okS} {
		if !ok {
			c.Missing = append(c.Missing, sym+" close of "+ThesisPeak.String())
		}
	}
	sort.Strings(c.Missing)
	nRow, sRow := p.Row(NDX), p.Row(GSPC)
	if okN && okS && nRow != nil && sRow != nil {
		c.Since = refPath(p, e, func(t int) float64 { return 100 * (nRow[t] / n0) / (sRow[t] / s0) })
	}
	mult := math.NaN()
	if n := len(c.Since); n > 0 {
		t := p.IndexOn(c.Since[n-1].Date)
		mult = round9(nRow[t] / n0)
		c.Note = fmt.Sprintf("%s %s× its %s close, %s %s×", NDX, plain(mult, 2), ThesisPeak, GSPC, plain(round9(sRow[t]/s0), 2))
	}
	return finish(c, func(v float64) Verdict {
		switch {
		case math.IsNaN(v):
			return Undecided
		case v < c.Band.Lo || mult < 1:
			return Against
		case v > c.Band.Hi && mult > 1:
			return OnTrack
		}
		return Undecided
	})
}

// teslaMonth is the median, over the last 252 trading days, of the daily
// reading m_t = |s_T·(T_t − T_{t−21})| / (s_G·G_t): Tesla's 21-day
// market-cap move in GMs, caps approximated as close × current shares (as
// the gap's history). It needs 126 readings in the window. On track at
// ≥ 1 (edge included), against below 0.5 (0.5 itself is undecided).
func refTeslaMonth(p *Panel, sp Spec, facts map[string]Fundamentals, e int) Claim {
	c := Claim{ID: "tesla-month-is-a-gm", Claim: "a month of Tesla's market-cap moves is worth a GM or a Ford",
		Unit: "×", Predicted: Up, Band: ClaimBand{0.5, 1}}
	tsla, gm, miss := teslaSyms(sp)
	c.Metric = fmt.Sprintf("median |21-day Δ %s cap| / %s cap, 252 days", tsla, gm)
	c.Missing = append(miss, missingSyms(p, e, nonEmpty(tsla, gm)...)...)
	sT, sG := shares(facts[tsla]), shares(facts[gm])
	for _, x := range []struct {
		sym string
		n   float64
	}{{tsla, sT}, {gm, sG}} {
		if x.sym != "" && math.IsNaN(x.n) {
			c.Missing = append(c.Missing, x.sym+" shares outstanding")
		}
	}
	T, G := p.Row(tsla), p.Row(gm)
	if T != nil && G != nil && !math.IsNaN(sT) && !math.IsNaN(sG) {
		move := nanSlice(len(p.Dates))
		for t := thesisMoveDays; t < len(move); t++ {
			if valid(T[t]) && valid(T[t-thesisMoveDays]) && valid(G[t]) {
				move[t] = math.Abs(sT*(T[t]-T[t-thesisMoveDays])) / (sG * G[t])
			}
		}
		med := refRollingMedian(move, thesisMedianDays, thesisMedianDays/2)
		c.Since = refPath(p, e, func(t int) float64 { return med[t] })
		if last := len(move) - 1; last >= 0 && finite(move[last]) {
			c.Note = fmt.Sprintf("latest 21-day move %s %ss", plain(move[last], 2), gm)
		}
	}
	return finish(c, func(v float64) Verdict {
		switch {
		case v >= c.Band.Hi:
			return OnTrack
		case v < c.Band.Lo:
			return Against
		}
		return Undecided
	})
}

// rollingMedian is, at each t, the median of the finite x over
// [t−days+1, t]; NaN with fewer than need of them. A sorted window is
// kept, so each step costs one binary search and one shift.
func refRollingMedian(x []float64, days, need int) []float64 {
	out := nanSlice(len(x))
	var win []float64
	for t, v := range x {
		if finite(v) {
			i := sort.SearchFloat64s(win, v)
			win = append(win, 0)
			copy(win[i+1:], win[i:])
			win[i] = v
		}
		if old := t - days; old >= 0 && finite(x[old]) {
			i := sort.SearchFloat64s(win, x[old])
			win = append(win[:i], win[i+1:]...)
		}
		if n := len(win); n >= max(need, 1) {
			out[t] = (win[(n-1)/2] + win[n/2]) / 2
		}
	}
	return out
}

// teslaAtoms is corr(TSLA, atoms) − corr(TSLA, bits) over 63 days of
// daily returns, band ±0.1 (edges undecided, as the Tesla label's).
func refTeslaAtoms(p *Panel, sp Spec, e int) Claim {
	c := Claim{ID: "tesla-trades-like-atoms", Claim: "Tesla is starting to trade like GM and Ford",
		Unit: "corr", Predicted: Up, Band: ClaimBand{-LabelMargin, LabelMargin}}
	tsla := sp.Tesla
	c.Metric = fmt.Sprintf("63-day corr(%s, atoms) − corr(%s, bits)", tsla, tsla)
	if tsla == "" {
		c.Missing = []string{"Tesla symbol (not configured)"}
	}
	for _, b := range []Basket{sp.Bits, sp.Atoms} {
		if len(b.Members) == 0 {
			c.Missing = append(c.Missing, b.Key+" basket (no members)")
		}
	}
	c.Missing = append(c.Missing, missingSyms(p, e, nonEmpty(tsla)...)...)
	if row := p.Row(tsla); row != nil {
		bits, atoms := BasketIndex(p, sp.Bits.Members), BasketIndex(p, sp.Atoms.Members)
		rc := rollingTesla(Returns(row), Returns(bits), Returns(atoms), thesisCorrDays)
		d := rc.drift()
		c.Since = refPath(p, e, func(t int) float64 { return d[t] })
		if n := len(d) - 1; n >= 0 && finite(d[n]) {
			c.Note = fmt.Sprintf("corr with atoms %s, with bits %s", plain(rc.corrAtoms[n], 2), plain(rc.corrBits[n], 2))
		}
	}
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, Up) })
}

// refThesisSeries is thesisSeries as it was.
func refThesisSeries(all map[string]Series, sp Spec, bench string) map[string]Series {
	if b, ok := all[bench]; !ok || len(b.Dates) == 0 {
		return all
	}
	want := append(ThesisSymbols(), bench, sp.Tesla)
	want = append(want, sp.Incumbents...)
	for _, m := range append(slices.Clone(sp.Bits.Members), sp.Atoms.Members...) {
		want = append(want, m.Symbol)
	}
	out := make(map[string]Series, len(want))
	for _, sym := range want {
		if s, ok := all[sym]; ok {
			out[sym] = s
		}
	}
	return out
}

// refUpTo is upTo as it was.
func refUpTo(obs []Observation, asOf Date) []Observation {
	var out []Observation
	for _, o := range obs {
		if o.Date <= asOf && finite(o.Value) {
			out = append(out, o)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// drift is corr(TSLA, atoms) − corr(TSLA, bits) over the window ending at
// each date, as the former code kept it (the product reads the two
// correlations date by date instead).
func (r teslaRolling) drift() []float64 {
	d := make([]float64, len(r.corrAtoms))
	for t := range d {
		d[t] = r.corrAtoms[t] - r.corrBits[t]
	}
	return d
}
