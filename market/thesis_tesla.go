package market

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// tech1999 is ^NDX against ^GSPC since their 2000-03-10 closes:
// 100 · (N_t/N_peak) / (S_t/S_peak), band ±5. On track needs it above 105
// and ^NDX above its own 2000 close (N_t/N_peak > 1); below 95, or ^NDX
// below its 2000 close, is against.
func tech1999(p *Panel, in ThesisInput, e int, s *thesisScratch) Claim {
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
		v := grow(s.vals, len(p.Dates))
		s.vals = v
		for t := max(e, 0); t < len(v); t++ {
			v[t] = 100 * (nRow[t] / n0) / (sRow[t] / s0)
		}
		c.Since = s.points(p, e, v)
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

// peakClose is sym's close on ThesisPeak: the last valid bar in the week
// up to it, from Long or else Series. A monthly bar (dated the 1st, its
// close the month's last) is not that close and does not count.
func peakClose(in ThesisInput, sym string) (float64, bool) {
	for _, s := range []Series{in.Long[sym], in.Series[sym]} {
		i := sort.Search(len(s.Dates), func(i int) bool { return s.Dates[i] > ThesisPeak }) - 1
		for ; i >= 0 && s.Dates[i] > ThesisPeak.AddDays(-7); i-- {
			if i < len(s.Close) && valid(s.Close[i]) {
				return s.Close[i], true
			}
		}
	}
	return math.NaN(), false
}

// teslaSyms lists what the Tesla claims need from the spec, saying what the
// config leaves out.
func teslaSyms(sp Spec) (tsla, gm string, missing []string) {
	tsla = sp.Tesla
	if tsla == "" {
		missing = append(missing, "Tesla symbol (not configured)")
	}
	if len(sp.Incumbents) > 0 {
		gm = sp.Incumbents[0]
	} else {
		missing = append(missing, "incumbent (not configured)")
	}
	return tsla, gm, missing
}

// teslaMonth is the median, over the last 252 trading days, of the daily
// reading m_t = |s_T·(T_t − T_{t−21})| / (s_G·G_t): Tesla's 21-day
// market-cap move in GMs, caps approximated as close × current shares (as
// the gap's history). It needs 126 readings in the window. On track at
// ≥ 1 (edge included), against below 0.5 (0.5 itself is undecided).
// Only the moves the medians from the essay on read are computed.
func teslaMonth(p *Panel, sp Spec, facts map[string]Fundamentals, e int, s *thesisScratch) Claim {
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
		from := max(e, 0)
		move := grow(s.move, len(p.Dates))
		for t := max(from-thesisMedianDays+1, 0); t < len(move); t++ {
			move[t] = math.NaN()
			if t >= thesisMoveDays && valid(T[t]) && valid(T[t-thesisMoveDays]) && valid(G[t]) {
				move[t] = math.Abs(sT*(T[t]-T[t-thesisMoveDays])) / (sG * G[t])
			}
		}
		med, win := medianFrom(s.med, s.win, move, thesisMedianDays, thesisMedianDays/2, from)
		s.move, s.med, s.win = move, med, win
		c.Since = s.points(p, from, med)
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
func rollingMedian(x []float64, days, need int) []float64 {
	med, _ := medianFrom(nil, nil, x, days, need, 0)
	return med
}

// teslaAtoms is corr(TSLA, atoms) − corr(TSLA, bits) over 63 days of
// daily returns, band ±0.1 (edges undecided, as the Tesla label's). s
// holds the baskets' indices; only the correlations from the essay on
// are computed.
func teslaAtoms(p *Panel, sp Spec, e int, s *thesisScratch) Claim {
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
		from := max(e, 0)
		rT := s.returns(p, tsla)
		s.rBits, s.rAtoms = returnsInto(s.rBits, s.bits, false), returnsInto(s.rAtoms, s.atoms, false)
		cb := corrFrom(s.corrBits, rT, s.rBits, thesisCorrDays, from)
		ca := corrFrom(s.corrAtoms, rT, s.rAtoms, thesisCorrDays, from)
		s.corrBits, s.corrAtoms = cb, ca
		v := grow(s.vals, len(ca))
		s.vals = v
		for t := from; t < len(v); t++ {
			v[t] = ca[t] - cb[t]
		}
		c.Since = s.points(p, from, v)
		if n := len(ca) - 1; n >= from && finite(ca[n]-cb[n]) {
			c.Note = fmt.Sprintf("corr with atoms %s, with bits %s", plain(ca[n], 2), plain(cb[n], 2))
		}
	}
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, Up) })
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func joinSyms(ss []string) string { return strings.Join(ss, ", ") }
