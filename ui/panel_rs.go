package ui

import (
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// The glyphs that tell the series apart even without colour.
const (
	glyphBits  = "" // asciigraph's box-drawing line
	glyphAtoms = "·"
	glyphThird = "•"
)

// legendMark is the mark a legend shows for a series drawn with glyph.
func legendMark(glyph string) string {
	if glyph == "" {
		return "─"
	}
	return glyph
}

// RSPanel is the bits-vs-atoms chart: both basket indexes rebased to 100 at
// the window start, a legend with each basket's level and window return,
// the RS line's last value and the spread in points. With height >= 18 it
// adds the RS line itself under the main chart. Text stays; the chart
// shrinks first.
func RSPanel(s State, width, height int) string {
	if s.Intraday != nil {
		return rsIntradayPanel(s, width, height) // 1D: 5-minute bars on a time axis
	}
	if s.Report.Window.Intraday() && hasFinite(s.Report.Bits.Index) {
		// Not the daily two-point line in their place: say they are coming.
		return placeholder("Bits vs Atoms · 1D · base 100 at the previous close",
			"waiting for the session's 5-minute bars (the status line says why if they cannot be fetched)", width, height)
	}
	r := s.Report
	p := pal()
	head := "Bits vs Atoms · " + r.Window.String()
	if len(r.Dates) > 0 {
		head += " · base 100 on " + r.Start.String()
	}
	if !hasFinite(r.Bits.Index) && !hasFinite(r.Atoms.Index) {
		return placeholder(head, noDataMsg(s), width, height)
	}
	bitsName, atomsName := basketName(r.Bits, "Bits"), basketName(r.Atoms, "Atoms")
	legend := packSegments([]string{
		p.Bits.Render(legendMark(glyphBits)+" "+bitsName) + " " + fmtNum(lastFinite(r.Bits.Index), 1) + " " + p.Signed(r.Bits.ReturnPct, fmtPct(r.Bits.ReturnPct)),
		p.Atoms.Render(legendMark(glyphAtoms)+" "+atomsName) + " " + fmtNum(lastFinite(r.Atoms.Index), 1) + " " + p.Signed(r.Atoms.ReturnPct, fmtPct(r.Atoms.ReturnPct)),
		"RS " + fmtNum(r.RS.Last, 1) + " · spread " + p.Signed(r.RS.SpreadPP, fmtPP(r.RS.SpreadPP)),
	}, "   ", width)
	lines := append([]string{title(head, width)}, legend...)
	chartH := height - len(lines)
	if height <= 0 {
		chartH = 10
	}
	rsH := 0
	if chartH >= 17 && hasFinite(r.RS.Series) {
		rsH = chartH / 3
		chartH -= rsH + 1
	}
	main := plot([]chartLine{{Data: r.Bits.Index, Glyph: glyphBits}, {Data: r.Atoms.Index, Glyph: glyphAtoms}}, axes{Dates: r.Dates}, width, chartH)
	lines = append(lines, main...)
	if rsH > 0 {
		lines = append(lines, p.Dim.Render("RS = 100·Bits/Atoms"))
		lines = append(lines, plot([]chartLine{{Data: r.RS.Series, Glyph: glyphBits}}, axes{Dates: r.Dates}, width, rsH)...)
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// basketName is the sanitized display name of a basket, or def.
func basketName(b market.BasketReport, def string) string {
	if n := strings.TrimSpace(Sanitize(b.Name)); n != "" {
		return n
	}
	return def
}
