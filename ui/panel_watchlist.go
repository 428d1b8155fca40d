package ui

import (
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// WatchlistPanel is a config watchlist: its equal-weight index charted
// against both baskets, then its member table. i indexes
// State.Report.Watchlists.
func WatchlistPanel(s State, i int, o TableOptions, width, height int) string {
	if i < 0 || i >= len(s.Report.Watchlists) {
		return placeholder("Watchlist", noDataMsg(s), width, height)
	}
	w := s.Report.Watchlists[i]
	p := pal()
	name := basketName(w, "Watchlist")
	if !hasFinite(w.Index) {
		return BasketTable(s, w, name, o, width, height)
	}
	r := s.Report
	lines := []string{title(name+" vs Bits vs Atoms · "+r.Window.String(), width)}
	lines = append(lines, packSegments([]string{
		legendMark(glyphThird) + " " + name + " " + fmtNum(lastFinite(w.Index), 1),
		p.Bits.Render(legendMark(glyphBits)+" "+basketName(r.Bits, "Bits")) + " " + fmtNum(lastFinite(r.Bits.Index), 1),
		p.Atoms.Render(legendMark(glyphAtoms)+" "+basketName(r.Atoms, "Atoms")) + " " + fmtNum(lastFinite(r.Atoms.Index), 1),
	}, "   ", width)...)
	chartH := 10
	if height > 0 {
		// The table keeps at least its header and three rows; the chart
		// takes what is left, and gives way first. The table's length is
		// counted, not rendered: only the rows that fit are drawn.
		tableLen := len(tableHead(s, w, name, o, "", width)) + len(w.Members)
		chartH = height - len(lines) - max(min(tableLen, 5), min(tableLen+1, height/2))
	}
	if chartH >= 3 {
		lines = append(lines, plot([]chartLine{{Data: r.Bits.Index, Glyph: glyphBits}, {Data: r.Atoms.Index, Glyph: glyphAtoms}, {Data: w.Index, Glyph: glyphThird}}, axes{Dates: r.Dates}, width, chartH)...)
	} else {
		lines = lines[:0]
	}
	tableH := 0
	if height > 0 {
		tableH = max(height-len(lines), 1)
	}
	lines = append(lines, strings.Split(BasketTable(s, w, name, o, width, tableH), "\n")...)
	return strings.Join(fitLines(lines, width, height), "\n")
}

// FindMember returns the basket of the report that holds sym (bits, atoms,
// then watchlists) and the member's stats.
func FindMember(r market.Report, sym string) (market.BasketReport, market.MemberStat, bool) {
	all := append([]market.BasketReport{r.Bits, r.Atoms}, r.Watchlists...)
	for _, b := range all {
		for _, m := range b.Members {
			if m.Symbol == sym {
				return b, m, true
			}
		}
	}
	return market.BasketReport{}, market.MemberStat{}, false
}
