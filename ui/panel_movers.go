package ui

import (
	"slices"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// MoversPanel shows the best and worst members of each basket by day %.
func MoversPanel(s State, width, height int) string {
	r := s.Report
	p := pal()
	head := "Top movers · day"
	if r.Window.Intraday() {
		head = "Top movers · since the previous close"
	}
	if len(r.Bits.Members) == 0 && len(r.Atoms.Members) == 0 {
		return placeholder(head, noDataMsg(s), width, height)
	}
	lines := []string{title(head, width)}
	for _, b := range []struct {
		rep   market.BasketReport
		label string
		style func(...string) string
	}{{r.Bits, "Bits", p.Bits.Render}, {r.Atoms, "Atoms", p.Atoms.Render}} {
		best, worst := movers(b.rep.Members, 3, s.AlertMarks)
		lines = append(lines, b.style(padRight(b.label, 6))+"▲ "+strings.Join(best, "  "))
		lines = append(lines, padRight("", 6)+"▼ "+strings.Join(worst, "  "))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// movers returns up to n "SYM +1.2%" gainers (day % above zero, highest
// first) and n losers (below zero, lowest first): a loser never shows among
// the gainers, and no symbol shows twice. Members without a day % and
// unchanged ones are left out; a side with none says "none". A symbol an
// alert rule watches carries its mark (◆ fired, ◇ armed) before it. Ties rank in basket
// order among the best and in reverse among the worst, as the ends of a
// stable sort would. One pass keeps the n best and n worst so far: the cost
// is the basket, never a sort of it.
func movers(ms []market.MemberStat, n int, marks map[string]market.AlertMark) (best, worst []string) {
	p := pal()
	// A member ranks above another among the best when its day % is higher,
	// or equal and it comes first; among the worst when lower, or equal and
	// it comes later.
	top := func(keep []int, i int, above func(a, b int) bool) []int {
		at := len(keep)
		for at > 0 && above(i, keep[at-1]) {
			at--
		}
		if at >= n {
			return keep
		}
		keep = slices.Insert(keep, at, i)
		return keep[:min(len(keep), n)]
	}
	var hi, lo []int
	for i, m := range ms {
		switch {
		case !finite(m.DayPct):
		case m.DayPct > 0:
			hi = top(hi, i, func(a, b int) bool { return ms[a].DayPct > ms[b].DayPct })
		case m.DayPct < 0:
			lo = top(lo, i, func(a, b int) bool { return ms[a].DayPct <= ms[b].DayPct })
		}
	}
	entry := func(m market.MemberStat) string {
		return alertGlyph(marks[m.Symbol], "") + Sanitize(m.Symbol) + " " + p.Signed(m.DayPct, fmtPct(m.DayPct))
	}
	for _, i := range hi {
		best = append(best, entry(ms[i]))
	}
	for _, i := range lo {
		worst = append(worst, entry(ms[i]))
	}
	if len(best) == 0 {
		best = []string{p.Dim.Render("none up")}
	}
	if len(worst) == 0 {
		worst = []string{p.Dim.Render("none down")}
	}
	return best, worst
}
