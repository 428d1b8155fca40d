package market

import (
	"math"
	"sort"
)

// Analyze computes the full report: it aligns the series, builds the basket
// indices over the whole history (so look-backs reach before the window),
// then describes the window. It is pure: the same input gives the same
// report.
func Analyze(in Input) Report { return Prepare(in).Report }

// Prepare is Analyze keeping the work behind the report, so that new
// closes on its last date can be folded in later without redoing the
// history (Analysis.Patch).
func Prepare(in Input) *Analysis {
	sp := in.Spec
	p := Align(sortedSeries(in.Series), in.AsOf, sp.Benchmark)
	end := len(p.Dates) - 1
	start := max(p.IndexOn(in.Window.Base(in.AsOf)), 0)
	if end < 0 {
		start = 0
	}
	a := &Analysis{p: p, sp: sp, unrate: in.Unrate, start: start, end: end}
	if b := in.Series[sp.Benchmark]; sp.Benchmark != "" && len(b.Dates) > 0 && end >= 0 {
		a.benchCal = b.Dates[len(b.Dates)-1] == p.Dates[end] // Align's calendar is then all of b's dates
	}
	r := &a.Report
	*r = Report{AsOf: in.AsOf, Window: in.Window, Dates: p.Dates[start : end+1]}
	if len(r.Dates) > 0 {
		r.Start = r.Dates[0]
	}

	// Each basket's W_t is read (memberStats) before the next chain
	// overwrites it.
	cs := takePrepScratch(len(p.Dates))
	defer cs.release()
	a.bits, r.Bits = basket(p, sp.Bits, cs, start, end)
	a.atoms, r.Atoms = basket(p, sp.Atoms, cs, start, end)
	r.RS = relativeStrength(r.Bits, r.Atoms)
	r.Gap = gap(p, sp, in.Facts, start, end)

	a.tesla = p.Row(sp.Tesla)
	if a.tesla == nil {
		a.tesla = nanSlice(len(p.Dates))
	}
	tr := returnsInto(cs.teslaRet, a.tesla, false)
	br := returnsInto(cs.bitsRet, a.bits.idx, false)
	ar := returnsInto(cs.atomsRet, a.atoms.idx, false)
	cs.teslaRet, cs.bitsRet, cs.atomsRet = tr, br, ar
	a.corr = rollingTesla(tr, br, ar, sp.CorrDays)
	r.Tesla = teslaCorr(sp, a.corr, start, end)
	a.drift = a.corr
	if sp.Lookback != sp.CorrDays {
		a.drift = rollingTesla(tr, br, ar, sp.Lookback)
	}

	a.bench = p.Row(sp.Benchmark)
	if a.bench == nil {
		a.bench = nanSlice(len(p.Dates))
	}
	a.crypto, a.havens = newChain(p, sp.Crypto.Members, cs), newChain(p, sp.Havens.Members, cs)
	r.Whoosh = whoosh(a.whooshInputs(), start, end)

	for _, wl := range sp.Watchlists {
		c, br := basket(p, wl, cs, start, end)
		a.watch = append(a.watch, c)
		r.Watchlists = append(r.Watchlists, br)
	}
	a.specSyms = SpecSymbols(sp)
	r.Missing = missing(a.specSyms, p, nil)
	return a
}

// whooshInputs are the Whoosh Index's inputs on the analysis' indices,
// with a.drift's correlations as the Tesla leg.
func (a *Analysis) whooshInputs() *whooshInputs {
	w := &whooshInputs{
		bits: a.bits.idx, atoms: a.atoms.idx, bench: a.bench,
		crypto:     a.crypto.idx,
		havens:     a.havens.idx,
		driftBits:  a.drift.corrBits,
		driftAtoms: a.drift.corrAtoms,
		dates:      a.p.Dates,
		lookback:   a.sp.Lookback,
		weights:    a.sp.Weights,
	}
	if len(a.unrate) > 0 {
		w.labor = laborByDate(a.unrate)
	}
	return w
}

// basket chain-links b over the whole history (so look-backs reach
// before the window) and describes it over [start, end]; s is the
// scratch of both.
func basket(p *Panel, b Basket, s *prepScratch, start, end int) (*chain, BasketReport) {
	c := newChain(p, b.Members, s)
	return c, basketReport(p, b, c, s, start, end)
}

// basketReport describes a basket over [start, end] of its full-history
// chain, whose W_t newChain left in s.
func basketReport(p *Panel, b Basket, c *chain, s *prepScratch, start, end int) BasketReport {
	br := BasketReport{Key: b.Key, Name: b.Name, ReturnPct: math.NaN(), DayPct: math.NaN()}
	br.Members = c.memberStats(p, b.Members, s, start, end)
	br.finish(c.idx, start, end)
	return br
}

// finish attributes the contributions of members without a window
// return to the basket and describes its index over [start, end].
func (br *BasketReport) finish(idx []float64, start, end int) {
	for i, m := range br.Members {
		// A contribution beside an empty WIN% reads as a mistake: a member
		// without a window return shows none, and its part is counted once,
		// for the basket.
		if math.IsNaN(m.WindowPct) && !math.IsNaN(m.Contribution) {
			br.Unattributed += m.Contribution
			br.Members[i].Contribution = math.NaN()
		}
	}
	if end < 0 {
		return
	}
	br.Index = Rebase(idx[:end+1], start)
	br.ReturnPct = lastValid(br.Index) - 100
	if end > 0 && !math.IsNaN(idx[end-1]) {
		br.DayPct = 100 * (idx[end]/idx[end-1] - 1)
	}
}

// relativeStrength is RS_t = 100 · Bits_t / Atoms_t with both indices
// rebased to 100 at the window start (so RS starts at 100), and the spread
// of their window returns in points.
func relativeStrength(bits, atoms BasketReport) RSReport {
	rs := RSReport{Series: make([]float64, len(bits.Index)), Last: math.NaN()}
	for t := range rs.Series {
		rs.Series[t] = 100 * bits.Index[t] / atoms.Index[t]
	}
	if n := len(rs.Series); n > 0 {
		rs.Last = rs.Series[n-1]
	}
	rs.SpreadPP = bits.ReturnPct - atoms.ReturnPct
	return rs
}

// teslaRolling is the rolling correlation and beta of Tesla's daily
// returns with each basket's over one window length. With the default
// config the Tesla test and the Whoosh drift leg use the same 63 days, so
// one computation serves both.
type teslaRolling struct {
	corrBits, corrAtoms     []float64
	betaBits, betaAtoms     float64     // on the last date: no report shows a beta history
	bitsBefore, atomsBefore rollingSums // before the last date (Patch)
}

func rollingTesla(tesla, bitsRet, atomsRet []float64, days int) teslaRolling {
	var r teslaRolling
	if days < 2 { // too short for a correlation (and a negative one is no window)
		n := min(len(tesla), len(bitsRet), len(atomsRet))
		r.corrBits, r.corrAtoms = nanSlice(n), nanSlice(n)
		r.betaBits, r.betaAtoms = math.NaN(), math.NaN()
		return r
	}
	r.corrBits, r.betaBits, r.bitsBefore = rollingCorrKeep(tesla, bitsRet, days)
	r.corrAtoms, r.betaAtoms, r.atomsBefore = rollingCorrKeep(tesla, atomsRet, days)
	return r
}

// Label thresholds: Tesla trades "like bits" when its correlation with the
// bits index beats that with atoms by more than LabelMargin, and vice versa.
const LabelMargin = 0.1

// teslaCorr is the rolling correlation and beta of Tesla's daily returns
// with each basket, and the verdict.
func teslaCorr(sp Spec, rc teslaRolling, start, end int) CorrReport {
	c := CorrReport{Symbol: sp.Tesla, Days: sp.CorrDays, CorrBits: math.NaN(), CorrAtoms: math.NaN(), BetaBits: math.NaN(), BetaAtoms: math.NaN()}
	if end < 0 || sp.CorrDays < 2 {
		c.Label = TeslaLabel(math.NaN(), math.NaN())
		return c
	}
	cb, ca := rc.corrBits, rc.corrAtoms
	c.BitsHist, c.AtomsHist = cb[start:end+1], ca[start:end+1]
	c.CorrBits, c.CorrAtoms, c.BetaBits, c.BetaAtoms = cb[end], ca[end], rc.betaBits, rc.betaAtoms
	c.Label = TeslaLabel(c.CorrBits, c.CorrAtoms)
	return c
}

// TeslaLabel turns the two correlations into the verdict.
func TeslaLabel(corrBits, corrAtoms float64) string {
	d := corrBits - corrAtoms
	switch {
	case math.IsNaN(d):
		return "not enough data"
	case d > LabelMargin:
		return "trading like bits"
	case d < -LabelMargin:
		return "trading like atoms"
	default:
		return "in between"
	}
}

// SpecSymbols lists every symbol a spec names, without duplicates, in a
// stable order: the gap first, then the baskets, the benchmark and the
// watchlists.
func SpecSymbols(sp Spec) []string {
	var out []string
	seen := map[string]bool{}
	add := func(ss ...string) {
		for _, s := range ss {
			if s != "" && !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	add(sp.Tesla)
	add(sp.Incumbents...)
	for _, b := range []Basket{sp.Bits, sp.Atoms, sp.Crypto, sp.Havens} {
		add(b.Symbols()...)
	}
	add(sp.Benchmark)
	for _, wl := range sp.Watchlists {
		add(wl.Symbols()...)
	}
	return out
}

// missing lists the spec's symbols without a close in the panel; col,
// when not nil, holds the last date's closes in the panel's row order in
// place of the rows' own (Patch).
func missing(specSyms []string, p *Panel, col []float64) []string {
	var out []string
	for _, s := range specSyms {
		i, ok := p.index[s]
		switch {
		case !ok:
		case col != nil && valid(col[i]):
			continue
		case col != nil && len(p.Dates) > 0:
			if !math.IsNaN(lastValid(p.Values[i][:len(p.Dates)-1])) {
				continue
			}
		case !math.IsNaN(lastValid(p.Values[i])):
			continue
		}
		out = append(out, s)
	}
	return out
}

func sortedSeries(m map[string]Series) []Series {
	out := make([]Series, 0, len(m))
	for sym, s := range m {
		s.Symbol = sym
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Symbol < out[j].Symbol })
	return out
}
