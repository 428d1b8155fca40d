package ui

import (
	"fmt"
	"strings"
)

// MacroPanel shows the FRED macro series, the Sahm rule and the essay's
// roadmap when State.Macro is set, and otherwise names the missing data so
// the screen is never an empty box.
func MacroPanel(s State, width, height int) string {
	p := pal()
	head := "Macro · labor and the roadmap"
	m := s.Macro
	if m == nil {
		var lines []string
		lines = append(lines, title(head, width))
		for _, para := range []string{
			"No FRED data loaded. This screen needs:",
			"  UNRATE — unemployment rate (the Whoosh Index labor leg: its 12-month change)",
			"  FEDFUNDS — federal funds rate (the roadmap's easing step)",
			"  CES7072200001 — food services and drinking places employment (the essay's 12.5 million)",
			"Until they load, the labor component is absent and the Whoosh Index is computed from the other legs.",
		} {
			for _, l := range wrap(para, width) {
				lines = append(lines, p.Dim.Render(l))
			}
		}
		return strings.Join(fitLines(lines, width, height), "\n")
	}
	lines := []string{title(head, width)}
	lines = append(lines, p.Dim.Render(padRight("SERIES", 16)+padLeft("LAST", 10)+padLeft("DATE", 12)+padLeft("3M", 8)+padLeft("6M", 8)+padLeft("12M", 8)))
	for _, ser := range m.Series {
		name := Sanitize(ser.ID)
		if ser.Name != "" {
			name = Sanitize(ser.Name)
		}
		last := fmtNum(ser.Last.Value, 1) + Sanitize(ser.Unit)
		date := noValue
		if ser.Last.Date != 0 {
			date = ser.Last.Date.String()
		}
		lines = append(lines, cell(name, 16)+padLeft(last, 10)+padLeft(date, 12)+
			padLeft(fmtSigned(ser.Change3M, 1), 8)+padLeft(fmtSigned(ser.Change6M, 1), 8)+padLeft(fmtSigned(ser.Change12M, 1), 8))
	}
	sahm := "Sahm rule " + fmtNum(m.Sahm, 2) + " pt"
	if m.SahmHit {
		sahm = p.Loss.Render(sahm + " — triggered (≥ 0.50)")
	}
	lines = append(lines, sahm, fmt.Sprintf("food services vs 12-month high %s", fmtPct(m.FoodVsHigh)))
	if len(m.Roadmap) > 0 {
		lines = append(lines, p.Title.Render("Roadmap"))
	}
	for _, st := range m.Roadmap {
		mark := "·"
		switch {
		case !st.Known:
			mark = "?"
		case st.Triggered:
			mark = "✓"
		}
		lines = append(lines, mark+" "+Sanitize(st.Name)+"  "+p.Dim.Render(Sanitize(st.Detail)))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// HelpPanel explains the keys, the badges and the Whoosh Index formula.
func HelpPanel(s State, width, height int) string {
	p := pal()
	lines := []string{title("Help", width)}
	keys := [][2]string{
		{"tab / shift-tab, 1–6", "switch screens (watchlists follow Help)"},
		{"← → / h l", "change the window: 1M 3M 6M YTD 1Y 2Y 5Y ESSAY"},
		{"↑ ↓ / k j", "move in tables"},
		{"s", "cycle the sort: name, day %, window %, contribution"},
		{"enter / esc", "open / close the ticker detail"},
		{"r", "refresh quotes now"},
		{"?", "toggle the full key help"},
		{"q / ctrl-c", "quit"},
	}
	for _, k := range keys {
		lines = append(lines, p.Title.Render(padRight(k[0], 22))+k[1])
	}
	for _, para := range []string{
		"Badges: LIVE real-time · DELAYED exchange-delayed · CACHED 3h read from disk, 3 hours old · DEMO (simulated) embedded simulation · CSV your files. STALE marks data older than it should be; errors show beside their symbol and in the header.",
		"Whoosh Index = 50·(1 + Σ v·tanh(c/s) / Σ v) over rotation, crypto, havens, Tesla drift and labor (when FRED data exists). Bands: <20 atoms entrenched, <40 atoms lean, <60 equilibrium, <80 whoosh building, ≥80 big whoosh.",
	} {
		lines = append(lines, "")
		for _, l := range wrap(para, width) {
			lines = append(lines, p.Dim.Render(l))
		}
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}
