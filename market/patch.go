package market

import (
	"math"
	"slices"
)

// Analysis is a Report with the work behind it: the panel, the basket
// chains and the rolling sums, kept so that a quote poll, which moves only
// the closes of the last date (Patch) or adds one date (Extend), costs
// O(symbols) instead of O(symbols × dates).
type Analysis struct {
	Report Report

	p          *Panel
	sp         Spec
	specSyms   []string // SpecSymbols(sp)
	unrate     []Observation
	start, end int
	// col is the last date's closes, in the panel's row order, when
	// patched or extended: the rows' own values on that date are then
	// stale (Patch) or absent (Extend: the rows end the day before), so
	// whatever reads the last date reads col (closeAt, fullRow).
	col []float64
	// benchCal: the calendar is every date of the benchmark's series, so
	// a close of the benchmark on a later date adds that date (Extend).
	benchCal bool

	bits, atoms, crypto, havens *chain
	watch                       []*chain
	tesla                       []float64 // Tesla's row (NaN throughout when the panel lacks it)
	corr, drift                 teslaRolling
	bench                       []float64
}

// LastDate is the date Patch moves: the newest date of the analysis'
// calendar (0 when it has none).
func (a *Analysis) LastDate() Date {
	if a.end < 0 {
		return 0
	}
	return a.p.Dates[a.end]
}

// Patch returns the analysis with the closes on LastDate set to closes
// (by symbol; NaN or a non-positive value: no close that day) and the
// quotes' facts set to facts. It is Prepare on the series with those
// closes, bit for bit, at the cost of the last date alone. Symbols the
// panel lacks, and those closes leaves out, keep the close they had.
// It reports false, and does nothing, when the calendar is too short to
// patch (fewer than two dates): Prepare is as cheap then.
func (a *Analysis) Patch(closes map[string]float64, facts map[string]Fundamentals) (*Analysis, bool) {
	if a.end < 1 {
		return nil, false
	}
	p, end, start := a.p, a.end, a.start
	col := make([]float64, len(p.Symbols))
	for i := range col {
		col[i] = a.closeAt(i)
	}
	moved := make([]bool, len(col)) // the close differs from the one analysed
	for sym, v := range closes {
		if i, ok := p.index[sym]; ok {
			moved[i] = math.Float64bits(v) != math.Float64bits(col[i])
			col[i] = v
		}
	}
	// What reads no moved close is a's, shared: the same inputs give the
	// same bits, and a quote poll usually moves a few closes of many.
	b := *a
	b.col = col
	r := &b.Report
	basket := func(bk Basket, c *chain, old BasketReport) (*chain, BasketReport) {
		if !c.reads(moved) {
			return c, old
		}
		pc := c.patch(col)
		return pc, b.basketReport(bk, pc, c)
	}
	b.bits, r.Bits = basket(a.sp.Bits, a.bits, a.Report.Bits)
	b.atoms, r.Atoms = basket(a.sp.Atoms, a.atoms, a.Report.Atoms)
	if b.crypto = a.crypto; a.crypto.reads(moved) {
		b.crypto = a.crypto.patch(col)
	}
	if b.havens = a.havens; a.havens.reads(moved) {
		b.havens = a.havens.patch(col)
	}
	if b.bits != a.bits || b.atoms != a.atoms {
		r.RS = relativeStrength(r.Bits, r.Atoms)
	}
	r.Gap = gap(b.rowsOf(append([]string{a.sp.Tesla}, a.sp.Incumbents...)), a.sp, facts, start, end)

	tesla, ok := p.index[a.sp.Tesla]
	teslaMoved := ok && moved[tesla]
	if teslaMoved || b.bits != a.bits || b.atoms != a.atoms {
		// The returns entering the window on the last date; those leaving
		// it are dated before, where a's levels are b's.
		in := returnsAt(b.closeOf(a.sp.Tesla), a.tesla, b.bits.idx, b.atoms.idx, end)
		b.rollTesla(a, func(r teslaRolling, days int) teslaRolling {
			return r.patch(in, a.tesla, b.bits.idx, b.atoms.idx, days)
		})
	}
	if i, ok := p.index[a.sp.Benchmark]; ok && moved[i] {
		b.bench = withLast(a.bench, col[i])
	}
	if slices.Contains(moved, true) {
		r.Whoosh = b.patchWhoosh(a)
	}

	r.Watchlists, b.watch = nil, nil
	for k, c := range a.watch {
		pc, wr := basket(a.sp.Watchlists[k], c, a.Report.Watchlists[k])
		b.watch, r.Watchlists = append(b.watch, pc), append(r.Watchlists, wr)
	}
	r.Missing = missing(a.specSyms, p, col)
	return &b, true
}

// reads reports whether a member of the chain has a moved close.
func (c *chain) reads(moved []bool) bool {
	for _, i := range c.at {
		if moved[i] {
			return true
		}
	}
	return false
}

// closeAt is row i's close on the last date as this analysis has it.
func (a *Analysis) closeAt(i int) float64 {
	if a.col != nil {
		return a.col[i]
	}
	return a.p.Values[i][a.end]
}

// patch is the chain with the closes on its last date set to col (in the
// panel's row order), bit for bit the chain of the patched panel.
func (c *chain) patch(col []float64) *chain {
	if len(c.idx) < 2 {
		return c
	}
	out := *c
	out.idx = slices.Clone(c.idx)
	out.redoLast(col)
	return &out
}

// redoLast sets the index and W_t of the chain's last date from the
// closes in col (the member rows are read only the day before), adding
// the members in the order newChain adds them. c.first must be the first
// date before the last on which a member has a close, or the last date
// or later when none has.
func (c *chain) redoLast(col []float64) {
	t := len(c.idx) - 1
	sum, wsum := 0.0, 0.0
	some := false
	for i, row := range c.rows {
		v, prev := col[c.at[i]], row[t-1]
		some = some || valid(v)
		if valid(v) && valid(prev) {
			sum += c.weights[i] * (v/prev - 1)
			wsum += c.weights[i]
		}
	}
	if c.first >= t { // no member had a close before the last date
		c.first = len(c.idx)
		if some {
			c.first = t
		}
	}
	c.wlast = wsum
	switch {
	case t < c.first:
		c.idx[t] = math.NaN()
	case t == c.first:
		c.idx[t] = 100
	default:
		r := 0.0
		if wsum != 0 {
			r = sum / wsum
		}
		c.idx[t] = c.idx[t-1] * (1 + r)
	}
}

// basketReport is basketReport for the patched chain c, whose members'
// contributions through the day before the last are base's.
func (a *Analysis) basketReport(bk Basket, c, base *chain) BasketReport {
	br := BasketReport{Key: bk.Key, Name: bk.Name, ReturnPct: math.NaN(), DayPct: math.NaN()}
	end, start := a.end, a.start
	contrib := make([]float64, len(c.rows))
	if end > start {
		scale, use := scaleAt(c.idx, start, end, c.wlast)
		for i, row := range c.rows {
			contrib[i] = lastContribution(base.before[i], scale, use, c.weights[i], a.col[c.at[i]], row[end-1])
		}
	}
	br.Members = c.members(a.p, bk.Members, contrib, a.col, start, end)
	br.finish(c.idx, start, end)
	return br
}

// lastReturns are the daily returns of Tesla and the two indices on one
// date.
type lastReturns struct{ tesla, bits, atoms float64 }

// returnsAt are the returns on t of the levels tesla, bits and atoms, with
// teslaNow as Tesla's close on t (Returns' formula, so the same bits as
// the arrays Prepare reads).
func returnsAt(teslaNow float64, tesla, bits, atoms []float64, t int) lastReturns {
	return lastReturns{ret(teslaNow, tesla[t-1]), ret(bits[t], bits[t-1]), ret(atoms[t], atoms[t-1])}
}

// leaving are the returns leaving a window of days that ends at t: those
// on t−days, NaN when that is the first date (Returns' first is NaN too)
// or before it.
func leaving(tesla, bits, atoms []float64, t, days int) lastReturns {
	if i := t - days; i >= 1 {
		return returnsAt(tesla[i], tesla, bits, atoms, i)
	}
	return lastReturns{math.NaN(), math.NaN(), math.NaN()}
}

// windowAt is the correlations and betas of the windows ending at t: the
// sums before t with in entering and gone leaving.
func (r teslaRolling) windowAt(t, days int, in, gone lastReturns) (corrBits, betaBits, corrAtoms, betaAtoms float64) {
	w := r.bitsBefore
	w.step(in.tesla, in.bits, gone.tesla, gone.bits)
	corrBits, betaBits = w.at(t, days)
	w = r.atomsBefore
	w.step(in.tesla, in.atoms, gone.tesla, gone.atoms)
	corrAtoms, betaAtoms = w.at(t, days)
	return corrBits, betaBits, corrAtoms, betaAtoms
}

// rollTesla sets b's rolling correlations to a's moved on by step, and
// the Tesla report from them; the drift shares the correlations when its
// window is theirs.
func (b *Analysis) rollTesla(a *Analysis, step func(r teslaRolling, days int) teslaRolling) {
	b.corr = step(a.corr, b.sp.CorrDays)
	b.Report.Tesla = teslaCorr(b.sp, b.corr, b.start, b.end)
	b.drift = b.corr
	if b.sp.Lookback != b.sp.CorrDays {
		b.drift = step(a.drift, b.sp.Lookback)
	}
}

// closeOf is sym's close on the last date as this analysis has it, NaN
// when the panel lacks sym.
func (a *Analysis) closeOf(sym string) float64 {
	if i, ok := a.p.index[sym]; ok {
		return a.closeAt(i)
	}
	return math.NaN()
}

// patch is the rolling correlations with the last date redone from the
// running sums before it: in enters the window, and the returns leaving
// it are worked out from the levels tesla, bits and atoms (Returns'
// formula, so the same bits as the arrays Prepare read).
func (r teslaRolling) patch(in lastReturns, tesla, bits, atoms []float64, days int) teslaRolling {
	n := len(r.corrBits)
	if days < 2 || n == 0 {
		return r // NaN throughout, whatever the closes
	}
	t := n - 1
	out := r
	cb, bb, ca, ba := r.windowAt(t, days, in, leaving(tesla, bits, atoms, t, days))
	out.corrBits, out.betaBits = withLast(r.corrBits, cb), bb
	out.corrAtoms, out.betaAtoms = withLast(r.corrAtoms, ca), ba
	return out
}

// patchWhoosh redoes the Whoosh Index on the last date; the history
// before it is base's.
func (a *Analysis) patchWhoosh(base *Analysis) WhooshReport {
	w := a.whooshInputs()
	r := WhooshReport{History: withLast(base.Report.Whoosh.History, math.NaN())}
	r.Components = w.components(a.end)
	r.Score = Score(r.Components)
	r.History[a.end-a.start] = r.Score
	r.Band = Band(r.Score)
	return r
}

// rowsOf is a panel of syms' rows with the last date's closes patched in,
// for the few analytics that read whole rows (the gap).
func (a *Analysis) rowsOf(syms []string) *Panel {
	p := &Panel{Dates: a.p.Dates, index: make(map[string]int, len(syms))}
	for _, sym := range syms {
		i, ok := a.p.index[sym]
		if _, dup := p.index[sym]; !ok || dup {
			continue
		}
		p.index[sym] = len(p.Symbols)
		p.Symbols = append(p.Symbols, sym)
		p.Values = append(p.Values, a.fullRow(i))
	}
	return p
}

// fullRow is a copy of row i through the last date, with the last date's
// close as this analysis has it.
func (a *Analysis) fullRow(i int) []float64 {
	out := make([]float64, a.end+1)
	copy(out, a.p.Values[i][:a.end])
	out[a.end] = a.closeAt(i)
	return out
}

// withLast is a copy of s with its last value set to v.
func withLast(s []float64, v float64) []float64 {
	out := slices.Clone(s)
	if len(out) > 0 {
		out[len(out)-1] = v
	}
	return out
}

// ret is the simple return from prev to v (Returns' formula), NaN unless
// both are valid closes.
func ret(v, prev float64) float64 {
	if valid(v) && valid(prev) {
		return v/prev - 1
	}
	return math.NaN()
}
