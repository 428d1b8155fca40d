package ui

import (
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// MoversPanel shows the best and worst members of each basket by day %.
func MoversPanel(s State, width, height int) string {
	r := s.Report
	p := pal()
	head := "Top movers · day"
	if len(r.Bits.Members) == 0 && len(r.Atoms.Members) == 0 {
		return placeholder(head, noDataMsg(s), width, height)
	}
	lines := []string{title(head, width)}
	for _, b := range []struct {
		rep   market.BasketReport
		label string
		style func(...string) string
	}{{r.Bits, "Bits", p.Bits.Render}, {r.Atoms, "Atoms", p.Atoms.Render}} {
		best, worst := movers(b.rep.Members, 3)
		lines = append(lines, b.style(padRight(b.label, 6))+"▲ "+strings.Join(best, "  "))
		lines = append(lines, padRight("", 6)+"▼ "+strings.Join(worst, "  "))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// movers returns up to n "SYM +1.2%" entries with the highest and the
// lowest day % (members without a day % are left out).
func movers(ms []market.MemberStat, n int) (best, worst []string) {
	p := pal()
	sorted := SortMembers(ms, SortDay)
	var ok []market.MemberStat
	for _, m := range sorted {
		if finite(m.DayPct) {
			ok = append(ok, m)
		}
	}
	entry := func(m market.MemberStat) string {
		return Sanitize(m.Symbol) + " " + p.Signed(m.DayPct, fmtPct(m.DayPct))
	}
	for i := 0; i < n && i < len(ok); i++ {
		best = append(best, entry(ok[i]))
	}
	for i := 0; i < n && i < len(ok); i++ {
		worst = append(worst, entry(ok[len(ok)-1-i]))
	}
	if len(best) == 0 {
		best = []string{noValue}
		worst = []string{noValue}
	}
	return best, worst
}
