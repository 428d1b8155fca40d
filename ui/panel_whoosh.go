package ui

import (
	"fmt"

	"math"
	"strings"
)

// WhooshPanel is the Whoosh Index gauge: the 0–100 score as a bar with the
// band, then each component with its raw value c_k, scale s_k, weight v_k
// and points (of the 0–100 score, the unit in the header), or "absent:
// why".
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
		nameW = max(nameW, min(Width(Sanitize(c.Name)), 22))
	}
	// Columns drop whole as the width shrinks: weight, then scale, then
	// the raw value; the name and the points stay (the name shrinks last).
	cols := []column{{"COMPONENT", nameW, true, 0}, {"RAW c", 8, false, 3}, {"SCALE s", 9, false, 1},
		{"WEIGHT v", 9, false, 1}, {"POINTS", 8, false, 4}}
	cols[0].width = max(9, min(nameW, width-cols[4].width))
	on := fitColumns(cols, width)
	lines = append(lines, p.Dim.Render(columnHeads(cols, on)))
	for _, c := range w.Components {
		name := cell(Sanitize(c.Name), cols[0].width)
		if !c.Present {
			why := Sanitize(c.Why)
			if why == "" {
				why = "no data"
			}
			lines = append(lines, p.Dim.Render(name+" absent: "+why))
			continue
		}
		lines = append(lines, columnRow(cols, on, []string{name, fmtSigned(c.Raw, 3), fmtNum(c.Scale, 2), fmtNum(c.Weight, 2),
			p.Signed(c.Points, fmtSigned(c.Points, 1))}))
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
