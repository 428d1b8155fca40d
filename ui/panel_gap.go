package ui

import (
	"fmt"
	"math"
	"strings"
)

// unitName is how the gap panel counts in an incumbent: "GMs", "Fords".
func unitName(sym string) string {
	switch sym {
	case "GM":
		return "GMs"
	case "F":
		return "Fords"
	}
	return "× " + sym
}

// GapPanel is the Tesla-vs-incumbents gap: market caps in $B/$T, TSLA/GM,
// TSLA/(GM+F), the dollar gap and the essay's test — Tesla's market-cap
// move over 21 trading days counted in GMs and Fords. Caps derived from
// close × shares are marked "approx.".
func GapPanel(s State, width, height int) string {
	g := s.Report.Gap
	p := pal()
	tsla := Sanitize(g.Tesla)
	if tsla == "" {
		tsla = "TSLA"
	}
	incs := make([]string, len(g.Incumbents))
	for i, sym := range g.Incumbents {
		incs[i] = Sanitize(sym)
	}
	head := tsla + " vs " + strings.Join(incs, " & ")
	if len(incs) == 0 {
		head = tsla + " vs the incumbents"
	}
	if len(s.Report.Dates) == 0 || !finite(g.TeslaCap) || g.TeslaCap <= 0 || len(g.IncumbCaps) == 0 {
		return placeholder(head, noDataMsg(s)+" (market caps unknown)", width, height)
	}
	caps := []string{tsla + " " + fmtCap(g.TeslaCap)}
	for i, c := range g.IncumbCaps {
		if i < len(incs) {
			caps = append(caps, incs[i]+" "+fmtCap(c))
		}
	}
	if g.Approx {
		caps = append(caps, p.Dim.Render("(approx.: close × shares)"))
	}
	all := strings.Join(incs, "+")
	ratios := []string{
		fmt.Sprintf("%s/%s %s", tsla, firstOr(incs, "?"), fmtRatio(g.RatioFirst)),
		fmt.Sprintf("%s/(%s) %s", tsla, all, fmtRatio(g.RatioAll)),
		"gap " + fmtCap(g.DollarGap),
	}
	lines := []string{title(head, width)}
	lines = append(lines, packSegments(caps, "   ", width)...)
	lines = append(lines, packSegments(ratios, "   ", width)...)
	lines = append(lines, packSegments(moveSegments(s), " ", width)...)
	if today := intradaySegments(s); today != nil { // 1D
		lines = append(lines, packSegments(today, " ", width)...)
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// moveSegments is "21-day move +$142B ≈ 2.7 GMs / 3.5 Fords".
func moveSegments(s State) []string {
	g := s.Report.Gap
	p := pal()
	days := g.MoveDays
	if days <= 0 {
		days = 21
	}
	move := fmt.Sprintf("%d-day move", days)
	if !finite(g.MoveUSD) {
		return []string{move, noValue}
	}
	sign := "+"
	if g.MoveUSD < 0 {
		sign = ""
	}
	segs := []string{move, p.Signed(g.MoveUSD, sign+fmtCap(g.MoveUSD))}
	var counts []string
	for i, v := range g.MoveInEach {
		if i < len(g.Incumbents) && finite(v) {
			counts = append(counts, fmt.Sprintf("%.1f %s", v, unitName(Sanitize(g.Incumbents[i]))))
		}
	}
	if len(counts) == 0 && finite(g.MoveInFirst) && len(g.Incumbents) > 0 {
		counts = append(counts, fmt.Sprintf("%.1f %s", g.MoveInFirst, unitName(Sanitize(g.Incumbents[0]))))
	}
	if len(counts) > 0 {
		segs = append(segs, "≈ "+strings.Join(counts, " / "))
	}
	return segs
}

func firstOr(xs []string, def string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return def
}

// GapHistoryPanel charts the 21-day move in first-incumbent units ("in
// GMs") over the window, and, when tall enough, TSLA/GM as well.
func GapHistoryPanel(s State, width, height int) string {
	g := s.Report.Gap
	p := pal()
	unit := unitName(Sanitize(firstOr(g.Incumbents, "GM")))
	days := g.MoveDays
	if days <= 0 {
		days = 21
	}
	head := fmt.Sprintf("%d-day |Δ%s cap| in %s · %s", days, firstOr([]string{Sanitize(g.Tesla)}, "TSLA"), unit, s.Report.Window)
	if s.Report.Window.Intraday() {
		// The 21-day move is daily: its two points in 1D would draw as a
		// trend. Tesla's own session takes its place.
		tsla := firstOr([]string{Sanitize(g.Tesla)}, "TSLA")
		head := tsla + " today · 5-minute bars (the 21-day move is daily: ←/→ for its history)"
		if ch := tickerIntradayChart(s, g.Tesla, width, height-1); ch != nil {
			return strings.Join(fitLines(append([]string{title(head, width)}, ch...), width, height), "\n")
		}
		return placeholder(head, "no 5-minute bars for "+tsla+" yet", width, height)
	}
	if !hasFinite(g.MoveHistory) && !hasFinite(g.RatioHistory) {
		return placeholder(head, noDataMsg(s), width, height)
	}
	lines := []string{title(head, width), p.Dim.Render(fmt.Sprintf("now %s · history uses close × current shares (approx.)", fmtNum(lastFinite(g.MoveHistory), 2)))}
	chartH := height - len(lines)
	if height <= 0 {
		chartH = 8
	}
	ratioH := 0
	if chartH >= 14 && hasFinite(g.RatioHistory) {
		ratioH = chartH / 2
		chartH -= ratioH + 1
	}
	if hasFinite(g.MoveHistory) {
		lines = append(lines, plot([]chartLine{{Data: g.MoveHistory}}, axes{Dates: s.Report.Dates}, width, chartH)...)
	}
	if ratioH > 0 {
		lines = append(lines, p.Dim.Render(fmt.Sprintf("%s/%s ratio", Sanitize(g.Tesla), Sanitize(firstOr(g.Incumbents, "GM")))))
		lines = append(lines, plot([]chartLine{{Data: g.RatioHistory, Glyph: glyphThird}}, axes{Dates: s.Report.Dates, Unit: "×"}, width, ratioH)...)
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// CorrPanel is "Tesla: bits or atoms?": the rolling correlation and beta
// of Tesla's daily returns with each basket index, and the label.
func CorrPanel(s State, width, height int) string {
	c := s.Report.Tesla
	p := pal()
	sym := Sanitize(c.Symbol)
	if sym == "" {
		sym = "TSLA"
	}
	days := c.Days
	if days <= 0 {
		days = 63
	}
	head := fmt.Sprintf("%s: bits or atoms? (%d-day)", sym, days)
	if len(s.Report.Dates) == 0 || (!finite(c.CorrBits) && !finite(c.CorrAtoms)) {
		msg := noDataMsg(s)
		if c.Label != "" && len(s.Report.Dates) > 0 {
			msg = Sanitize(c.Label)
		}
		return placeholder(head, msg, width, height)
	}
	row := func(style func(...string) string, name string, corr, beta float64) string {
		return style(padRight(name, 7)) + " corr " + padLeft(fmtSigned(corr, 2), 5) + "  beta " + padLeft(fmtSigned(beta, 2), 5) + " " + corrBar(corr, 10)
	}
	lines := []string{
		title(head, width),
		row(p.Bits.Render, "bits", c.CorrBits, c.BetaBits),
		row(p.Atoms.Render, "atoms", c.CorrAtoms, c.BetaAtoms),
		p.Title.Render("→ " + Sanitize(c.Label)),
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// corrBar draws a correlation in [-1,1] as a bar of n cells from the
// middle: "    |███  ".
func corrBar(v float64, n int) string {
	if !finite(v) {
		return ""
	}
	half := n / 2
	k := int(math.Round(math.Abs(math.Max(-1, math.Min(1, v))) * float64(half)))
	left, right := strings.Repeat(" ", half), strings.Repeat(" ", half)
	if v < 0 {
		left = strings.Repeat(" ", half-k) + strings.Repeat("█", k)
	} else {
		right = strings.Repeat("█", k) + strings.Repeat(" ", half-k)
	}
	return "[" + left + "|" + right + "]"
}
