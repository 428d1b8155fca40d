package market

import "math"

// Extend returns the analysis with one more date, day, after LastDate:
// closes holds every symbol's close on day (a symbol it leaves out, or
// gives NaN or a non-positive value, has none that day), and facts the
// quotes' facts. It is Prepare, bit for bit, on the series analysed with
// closes as their bars on day (added, or replacing a bar the series had
// that day), as of the later of day and the analysis' as-of date.
//
// This is a quote poll in market hours on histories that end the day
// before: the panel's rows stay the series' own arrays and the new
// date's closes are held apart, as Patch holds the last date's, so the
// closes are not copied to add one date. The extended analysis can be
// patched.
//
// It reports false, and does nothing, when day would not be the
// calendar's next date — the calendar is not every date of the
// benchmark's series, or closes gives the benchmark no close on day —
// and when the analysis was patched or extended already (its last
// date's closes are held apart already).
func (a *Analysis) Extend(day Date, closes map[string]float64, facts map[string]Fundamentals) (*Analysis, bool) {
	if !a.benchCal || a.col != nil || a.end < 0 || day <= a.LastDate() {
		return nil, false
	}
	p, sp, n := a.p, a.sp, a.end+1
	col := nanSlice(len(p.Symbols))
	for sym, v := range closes {
		if i, ok := p.index[sym]; ok {
			col[i] = v
		}
	}
	bench := p.index[sp.Benchmark] // in the panel: it has dates (benchCal)
	if !valid(col[bench]) {
		return nil, false
	}
	asOf := max(a.Report.AsOf, day)
	// The rows are p's, one date short: the new date is read from col.
	q := &Panel{Dates: append(p.Dates[:n:n], day), Symbols: p.Symbols, Values: p.Values, index: p.index}
	end := n
	start := max(q.IndexOn(a.Report.Window.Base(asOf)), 0)
	b := &Analysis{p: q, sp: sp, specSyms: a.specSyms, unrate: a.unrate, start: start, end: end, col: col, benchCal: true}
	r := &b.Report
	*r = Report{AsOf: asOf, Window: a.Report.Window, Dates: q.Dates[start : end+1]}
	r.Start = r.Dates[0]

	basket := func(bk Basket, c *chain) (*chain, BasketReport) {
		e := c.extend(col)
		e.before = a.beforeLast(c, e, start)
		return e, b.basketReport(bk, e, e)
	}
	b.bits, r.Bits = basket(sp.Bits, a.bits)
	b.atoms, r.Atoms = basket(sp.Atoms, a.atoms)
	b.crypto, b.havens = a.crypto.extend(col), a.havens.extend(col)
	r.RS = relativeStrength(r.Bits, r.Atoms)
	r.Gap = gap(b.rowsOf(append([]string{sp.Tesla}, sp.Incumbents...)), sp, facts, start, end)

	// The returns entering the rolling windows: on base's last date, from
	// its levels, and on day. Tesla's row stays a date short, as the
	// others do; its close on day is col's.
	b.tesla = a.tesla
	prev := lastReturns{math.NaN(), math.NaN(), math.NaN()}
	if n >= 2 {
		prev = returnsAt(a.tesla[n-1], a.tesla, a.bits.idx, a.atoms.idx, n-1)
	}
	in := returnsAt(b.closeOf(sp.Tesla), a.tesla, b.bits.idx, b.atoms.idx, end)
	b.rollTesla(a, func(r teslaRolling, days int) teslaRolling {
		return r.extend(prev, in, a.tesla, b.bits.idx, b.atoms.idx, days)
	})
	b.bench = append(a.bench[:n:n], col[bench])
	r.Whoosh = b.extendWhoosh(a)

	for k, c := range a.watch {
		e, wr := basket(sp.Watchlists[k], c)
		b.watch, r.Watchlists = append(b.watch, e), append(r.Watchlists, wr)
	}
	r.Missing = missing(a.specSyms, q, col)
	return b, true
}

// extend is the chain with one more date, whose closes are col (in the
// panel's row order); its rows stay the same, a date short.
func (c *chain) extend(col []float64) *chain {
	n := len(c.idx)
	out := *c
	out.idx = append(c.idx[:n:n], math.NaN())
	out.clean, out.before = nil, nil // clean speaks of the rows' dates only; before is the caller's
	out.redoLast(col)
	return &out
}

// wsums is W_t for t < n, the weight of the members with a return on t,
// added in the order newChain adds them (so the same bits).
func (c *chain) wsums(n int) []float64 {
	wsum := make([]float64, n)
	for i, row := range c.rows {
		w, prevOK := c.weights[i], false
		for t, v := range row[:n] {
			ok := valid(v)
			if ok && prevOK {
				wsum[t] += w
			}
			prevOK = ok
		}
	}
	return wsum
}

// beforeLast is each member's contribution to the extended chain e over
// the window from start through the day before e's last date — base's
// last date, whose closes are a's rows' — which basketReport adds the
// last day's part to. With the window's start where base's was, that is
// base's contribution through its last date, one day's part added to
// base.before; a window that starts elsewhere walks the rows again, as
// memberStats does.
func (a *Analysis) beforeLast(base, e *chain, start int) []float64 {
	out := make([]float64, len(e.rows))
	end := len(e.idx) - 1 // e's last date; the rows end the day before
	if start == a.start {
		if t := a.end; t > start {
			scale, use := scaleAt(base.idx, start, t, base.wlast)
			for i, row := range base.rows {
				out[i] = lastContribution(base.before[i], scale, use, base.weights[i], row[t], row[t-1])
			}
		}
		return out
	}
	if end-1 <= start {
		return out
	}
	scale := make([]float64, end)
	use := make([]bool, end)
	wsum := e.wsums(end)
	for t := start + 1; t < end; t++ {
		scale[t], use[t] = scaleAt(e.idx, start, t, wsum[t])
	}
	for i, row := range e.rows {
		out[i] = contribution(row, e.weights[i], scale, use, start, end)
	}
	return out
}

// extend is the rolling correlations with one more date: prev are the
// returns on the last date they have, in those on the new one; the
// returns leaving the windows are worked out from the levels tesla, bits
// and atoms, as patch does. The sums through the last date come from
// those kept before it.
func (r teslaRolling) extend(prev, in lastReturns, tesla, bits, atoms []float64, days int) teslaRolling {
	t := len(r.corrBits) // the new date
	out := r
	if days < 2 { // NaN throughout, whatever the returns
		out.corrBits, out.corrAtoms = append(r.corrBits[:t:t], math.NaN()), append(r.corrAtoms[:t:t], math.NaN())
		return out
	}
	gone := leaving(tesla, bits, atoms, t-1, days)
	out.bitsBefore.step(prev.tesla, prev.bits, gone.tesla, gone.bits) // now the sums before t
	out.atomsBefore.step(prev.tesla, prev.atoms, gone.tesla, gone.atoms)
	cb, bb, ca, ba := out.windowAt(t, days, in, leaving(tesla, bits, atoms, t, days))
	out.corrBits, out.betaBits = append(r.corrBits[:t:t], cb), bb
	out.corrAtoms, out.betaAtoms = append(r.corrAtoms[:t:t], ca), ba
	return out
}

// extendWhoosh is the Whoosh Index on the extended analysis: the history
// through the day before base's last date is base's (a score reads
// nothing after its date), the rest is computed.
func (a *Analysis) extendWhoosh(base *Analysis) WhooshReport {
	w := a.whooshInputs()
	r := WhooshReport{History: make([]float64, a.end-a.start+1)}
	old := base.Report.Whoosh.History
	for t := a.start; t < a.end; t++ {
		if t >= base.start && t < base.end {
			r.History[t-a.start] = old[t-base.start]
		} else {
			r.History[t-a.start] = w.scoreAt(t)
		}
	}
	r.Components = w.components(a.end)
	r.Score = Score(r.Components)
	r.History[a.end-a.start] = r.Score
	r.Band = Band(r.Score)
	return r
}
