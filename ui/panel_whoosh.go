package ui

import (
	"fmt"

	"github.com/charmbracelet/x/ansi"
	"math"
	"strings"
)

// WhooshPanel is the Whoosh Index gauge: the 0–100 score as a bar with the
// band, then each component with its raw value c_k, scale s_k, weight v_k
// and points, or "absent: why".
func WhooshPanel(s State, width, height int) string {
	w := s.Report.Whoosh
	p := pal()
	head := "Whoosh Index" + dailyNote(s)
	if len(s.Report.Dates) == 0 || len(w.Components) == 0 {
		return placeholder(head, noDataMsg(s), width, height)
	}
	lines := []string{title(head, width)}
	if finite(w.Score) {
		lines = append(lines, p.Title.Render(fmt.Sprintf("%.1f", w.Score))+" / 100  "+Sanitize(w.Band))
		lines = append(lines, gaugeBar(w.Score, min(width, 62)))
	} else {
		lines = append(lines, p.Dim.Render("no score: no component has data"))
	}
	nameW := 9
	for _, c := range w.Components {
		nameW = max(nameW, min(ansi.StringWidth(Sanitize(c.Name)), 22))
	}
	if len(w.Components) > 0 {
		lines = append(lines, p.Dim.Render(padRight("COMPONENT", nameW)+padLeft("RAW c", 8)+padLeft("SCALE s", 9)+padLeft("WEIGHT v", 9)+padLeft("POINTS", 10)))
	}
	for _, c := range w.Components {
		name := cell(Sanitize(c.Name), nameW)
		if !c.Present {
			why := Sanitize(c.Why)
			if why == "" {
				why = "no data"
			}
			lines = append(lines, p.Dim.Render(name+" absent: "+why))
			continue
		}
		lines = append(lines, name+
			padLeft(fmtSigned(c.Raw, 3), 8)+
			padLeft(fmtNum(c.Scale, 2), 9)+
			padLeft(fmtNum(c.Weight, 2), 9)+
			p.Signed(c.Points, padLeft(fmtSigned(c.Points, 1), 7)+" pt"))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// gaugeBar draws score 0–100 as a bar width columns wide with band ticks
// at 20/40/60/80 underneath folded into the bar: "[████████░░░░░░]".
func gaugeBar(score float64, width int) string {
	p := pal()
	n := width - 2
	if n < 5 || !finite(score) {
		return ""
	}
	k := int(math.Round(math.Max(0, math.Min(100, score)) / 100 * float64(n)))
	filled := strings.Repeat("█", k)
	style := p.Atoms
	if score >= 50 {
		style = p.Bits
	}
	return "[" + style.Render(filled) + p.Dim.Render(strings.Repeat("░", n-k)) + "]"
}

// WhooshHistoryPanel charts the Whoosh Index over the window.
func WhooshHistoryPanel(s State, width, height int) string {
	w := s.Report.Whoosh
	head := "Whoosh Index history · " + s.Report.Window.String()
	if !hasFinite(w.History) {
		return placeholder(head, noDataMsg(s), width, height)
	}
	p := pal()
	lines := []string{title(head, width), p.Dim.Render("bands: <20 atoms entrenched · <40 atoms lean · <60 equilibrium · <80 whoosh building · ≥80 big whoosh")}
	lines = fitLines(lines, width, 0)
	chartH := height - len(lines)
	if height <= 0 {
		chartH = 8
	}
	lines = append(lines, plot([]chartLine{{Data: w.History}}, axes{Dates: s.Report.Dates}, width, chartH)...)
	return strings.Join(fitLines(lines, width, height), "\n")
}
