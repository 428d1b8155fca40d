package ui

import (
	"math"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// ClaimPanel is one claim of the scorecard in full: its verdict and
// wording, what is measured, the band, the note, what is missing, and the
// metric's path since the essay charted with the band's edges drawn as
// dotted lines.
func ClaimPanel(c market.Claim, width, height int) string {
	p := pal()
	mark := verdictMarks[c.Verdict]
	lines := []string{title(Sanitize(c.Claim)+" (esc to close)", width)}
	head := mark + " " + VerdictText(c.Verdict) + " · now " + ThesisValue(c)
	if c.AsOf != 0 {
		head += " on " + c.AsOf.String()
	}
	lines = append(lines, head)
	lines = append(lines, wrapStyled(p.Dim.Render, claimDetail(c, true), width)...)
	dates := make([]market.Date, len(c.Since))
	vals := values(c.Since)
	for i, o := range c.Since {
		dates[i] = o.Date
	}
	series := []chartLine{{Data: vals}}
	for _, edge := range []float64{c.Band.Lo, c.Band.Hi} {
		if !math.IsNaN(edge) && len(vals) > 0 {
			flat := make([]float64, len(vals))
			for i := range flat {
				flat[i] = edge
			}
			series = append(series, chartLine{Data: flat, Glyph: "·"})
		}
	}
	chartH := height - len(lines)
	if height <= 0 {
		chartH = 12
	}
	if ch := plot(series, axes{Dates: dates}, width, chartH); ch != nil {
		lines = append(lines, ch...)
	} else {
		lines = append(lines, p.Dim.Render("no path to chart for this claim"))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}
