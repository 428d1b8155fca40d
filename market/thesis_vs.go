package market

// thesisPaths is how many claims have a path over the panel: bits, tech,
// the two Tesla claims and the eight "vs" claims.
const thesisPaths = 4 + 8

// points turns v[t] for t in [from, len(p.Dates)) into the finite points,
// rounded to 1e-9; nil when none is. The claims compute v in plain loops
// first (no call per date); the points of all of them are cut from one
// allocation, each capped at its length so an append copies.
func (s *thesisScratch) points(p *Panel, from int, v []float64) []Observation {
	from = max(from, 0)
	if from >= len(p.Dates) {
		return nil
	}
	v = v[from:len(p.Dates)]
	k := 0
	for _, x := range v {
		if x-x == 0 { // finite: ±Inf − ±Inf and NaN − NaN are NaN
			k++
		}
	}
	if k == 0 {
		return nil
	}
	if n := len(s.obs); cap(s.obs)-n < k {
		s.obs = make([]Observation, 0, max(k, thesisPaths*len(v)))
	}
	n := len(s.obs)
	s.obs = s.obs[:n+k]
	out := s.obs[n : n+k : n+k]
	j := 0
	for i, x := range v {
		if x-x == 0 {
			out[j] = Observation{Date: p.Dates[from+i], Value: round9(x)}
			j++
		}
	}
	return out
}

// relPath is 100 · (a_t/a_e) / (b_t/b_e): a against b, rebased to 100 at
// the essay base e. Without values at e, there is no path. bq is b_t/b_e
// for t ≥ e (rebased), which the claims against one benchmark share.
func (s *thesisScratch) relPath(p *Panel, a, b, bq []float64, e int) []Observation {
	if e < 0 || a == nil || b == nil || !valid(a[e]) || !valid(b[e]) {
		return nil
	}
	v := grow(s.vals, len(p.Dates))
	s.vals = v
	ae := a[e]
	for t := e; t < len(v); t++ {
		v[t] = 100 * (a[t] / ae) / bq[t]
	}
	return s.points(p, e, v)
}

// rebased is b_t/b_e for t ≥ e (out[:e] stale); nil without a value at e.
func rebased(out, b []float64, e int) []float64 {
	if e < 0 || b == nil || !valid(b[e]) {
		return nil
	}
	out = grow(out, len(b))
	be := b[e]
	for t := e; t < len(b); t++ {
		out[t] = b[t] / be
	}
	return out
}

// benchRebased is rebased(p.Row(sym), e), once per benchmark and scoring.
func (s *thesisScratch) benchRebased(p *Panel, sym string, e int) []float64 {
	for _, b := range s.bench {
		if b.sym == sym {
			return b.v
		}
	}
	k := len(s.bench)
	if k == cap(s.bench) {
		s.bench = append(s.bench, rebasedRow{})
	}
	s.bench = s.bench[:k+1]
	s.bench[k].sym = sym
	s.bench[k].v = rebased(s.bench[k].v, p.Row(sym), e)
	return s.bench[k].v
}

// vsClaim is basket(syms) vs bench, rebased to 100 at the essay, band ±5.
func vsClaim(p *Panel, syms []string, bench string, e int, dir Direction, s *thesisScratch) Claim {
	c := Claim{Metric: joinSyms(syms) + " vs " + bench, Unit: "index", Predicted: dir,
		Band: ClaimBand{100 - RatioBand, 100 + RatioBand}}
	c.Missing = missingSyms(p, e, append(append([]string(nil), syms...), bench)...)
	s.vs = s.chainInto(s.vs, p, equal(syms))
	c.Since = s.relPath(p, s.vs, p.Row(bench), s.benchRebased(p, bench, e), e)
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, dir) })
}

// bitsBeatAtoms is RS = 100 · Bits/Atoms rebased to 100 at the essay,
// the spec's baskets chain-linked as everywhere (s.bits and s.atoms).
func bitsBeatAtoms(p *Panel, sp Spec, e int, s *thesisScratch) Claim {
	c := Claim{ID: "bits-beat-atoms", Claim: "the economy of bits outruns the economy of atoms",
		Metric: "RS bits/atoms since the essay", Unit: "index", Predicted: Up,
		Band: ClaimBand{100 - RatioBand, 100 + RatioBand}}
	for _, b := range []Basket{sp.Bits, sp.Atoms} {
		if len(b.Members) == 0 {
			c.Missing = append(c.Missing, b.Key+" basket (no members)")
		}
		c.Missing = append(c.Missing, missingSyms(p, e, b.Symbols()...)...)
	}
	s.vals2 = rebased(s.vals2, s.atoms, e)
	c.Since = s.relPath(p, s.bits, s.atoms, s.vals2, e)
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, Up) })
}
