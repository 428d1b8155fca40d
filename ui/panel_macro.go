package ui

import (
	"fmt"
	"strings"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
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
	if o := s.MacroOrigin; o.Kind != feeds.KindUnknown {
		head += " · " + Sanitize(o.Badge(s.Now))
		if o.Kind == feeds.KindDemo {
			head += " (simulated)"
		}
	}
	lines := []string{title(head, width)}
	lines = append(lines, macroTable(m, width)...)
	sahm := "Sahm rule " + fmtNum(m.Sahm, 2) + " pt"
	if m.SahmHit {
		sahm = p.Loss.Render(sahm + " — triggered (≥ 0.50)")
	}
	lines = append(lines, packSegments([]string{sahm, "food services vs 12-month high " + fmtPct(m.FoodVsHigh)}, " · ", width)...)
	if len(m.Roadmap) > 0 {
		lines = append(lines, p.Title.Render("Roadmap: robots → unemployment spike → Fed easing"))
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
	lines = append(lines, macroCharts(s, width, height-len(lines))...)
	return strings.Join(fitLines(lines, width, height), "\n")
}

// macroCharts draws each macro series over the window across its slot's
// width, dated by the observations, in the table's units, side by side
// when the terminal is wide and stacked otherwise. height ≤ 0 means a
// fixed, natural height (the snapshot).
func macroCharts(s State, width, height int) []string {
	m := s.Macro
	series := m.Series
	cols := 1
	if width >= 120 {
		cols = len(series)
	}
	colW := width / max(cols, 1)
	chartH := 6
	if height > 0 {
		// Show as many series as fit with at least four chart rows each
		// (plus a title row), in display order: UNRATE first.
		const minH = 4
		fit := cols * (height / (minH + 1))
		series = series[:min(len(series), fit)]
		rows := (len(series) + cols - 1) / cols
		if rows == 0 {
			return nil
		}
		chartH = min(30, height/rows-1)
	}
	since, longer := macroSince(s.Report)
	var charts [][]string
	for _, ser := range series {
		var vals []float64
		var dates []market.Date
		for _, o := range ser.Obs {
			if o.Date >= since {
				vals = append(vals, o.Value)
				dates = append(dates, o.Date)
			}
		}
		heads := []string{macroName(ser) + " · monthly since " + since.String()}
		if longer { // the longest title that fits; each says the span
			name := macroName(ser)
			heads = []string{
				fmt.Sprintf("%s · monthly since %s (last %d months: the %s window is shorter)", name, since, macroMinMonths, s.Report.Window),
				fmt.Sprintf("%s · monthly since %s (last %d months)", name, since, macroMinMonths),
				fmt.Sprintf("%s · last %d months", name, macroMinMonths),
			}
		}
		head := heads[len(heads)-1]
		for _, h := range heads {
			if Width(h) <= colW-1 {
				head = h
				break
			}
		}
		// The table's units: employment in millions, rates in percent.
		ax := axes{Dates: dates, Unit: ser.Unit}
		if ser.Unit == "thousands" {
			ax.Div, ax.Unit = 1000, "M"
		}
		body := plot([]chartLine{{Data: vals}}, ax, colW-1, chartH)
		if body == nil {
			body = []string{pal().Dim.Render("no observations in the window")}
		}
		charts = append(charts, append([]string{cell(head, colW-1)}, body...))
	}
	var out []string
	for i := 0; i < len(charts); i += cols {
		row := charts[i:min(i+cols, len(charts))]
		n := 0
		for _, c := range row {
			n = max(n, len(c))
		}
		for k := 0; k < n; k++ {
			line := ""
			for _, c := range row {
				l := ""
				if k < len(c) {
					l = c[k]
				}
				line += padRight(l, colW)
			}
			out = append(out, strings.TrimRight(line, " "))
		}
	}
	return out
}

// macroMinMonths is the shortest span a monthly chart draws: a 1M window
// holds one observation at most.
const macroMinMonths = 24

// macroSince is where the macro charts start: the window's base date, or
// macroMinMonths before the as-of date when that is earlier (longer is
// then true, and the chart's title says so).
func macroSince(r market.Report) (since market.Date, longer bool) {
	if r.AsOf == 0 {
		return r.Start, false
	}
	if floor := r.AsOf.AddMonths(-macroMinMonths); floor < r.Start {
		return floor, true
	}
	return r.Start, false
}

// macroTable is the table of macro series: name, last value, its date and
// its changes over 3, 6 and 12 months, each cell in its own row's unit
// (the rows are different quantities). Columns drop whole as the width
// shrinks: 6M, then the date, then 3M, then 12M; the name keeps at least
// 17 columns ("Unemployment rate") and takes what is left.
func macroTable(m *market.MacroReport, width int) []string {
	natural := 12
	for _, ser := range m.Series {
		natural = max(natural, min(Width(macroName(ser)), 32))
	}
	cols := []column{{"SERIES", min(natural, 17), true, 0}, {"LAST", 10, false, 5}, {"DATE", 12, false, 2},
		{"3M", 8, false, 3}, {"6M", 8, false, 1}, {"12M", 8, false, 4}}
	on := fitColumns(cols, width)
	rest := width
	for i, c := range cols[1:] {
		if on[i+1] {
			rest -= c.width
		}
	}
	cols[0].width = max(cols[0].width, min(natural, rest))
	lines := []string{pal().Dim.Render(columnHeads(cols, on))}
	for _, ser := range m.Series {
		date := noValue
		if ser.Last.Date != 0 {
			date = ser.Last.Date.String()
		}
		lines = append(lines, columnRow(cols, on, []string{cell(macroName(ser), cols[0].width), MacroValue(ser, ser.Last.Value), date,
			MacroChange(ser, ser.Change3M), MacroChange(ser, ser.Change6M), MacroChange(ser, ser.Change12M)}))
	}
	return lines
}

// macroName is a series' display name, or its ID.
func macroName(ser market.MacroSeries) string {
	if ser.Name != "" {
		return Sanitize(ser.Name)
	}
	return Sanitize(ser.ID)
}

// macroValue formats a level: percent series as "4.1%", employment in
// thousands as millions ("12.51M").
func MacroValue(ser market.MacroSeries, v float64) string {
	if !finite(v) {
		return noValue // "—", never "—%"
	}
	switch ser.Unit {
	case "%":
		return fmtNum(v, 1) + "%"
	case "thousands":
		return fmtNum(v/1000, 2) + "M"
	}
	return fmtNum(v, 1)
}

// macroChange formats a change: points for percent series, thousands of
// jobs ("+56k") for employment.
func MacroChange(ser market.MacroSeries, v float64) string {
	if ser.Unit == "thousands" {
		if !finite(v) {
			return noValue
		}
		return fmtSigned(v, 0) + "k"
	}
	return fmtSigned(v, 2) // a 25 bp cut is -0.25, not -0.2
}

// HelpPanel explains the badges and the Whoosh Index formula.
func HelpPanel(s State, width, height int) string { return HelpPanelKeys(s, nil, width, height) }

// HelpPanelKeys is HelpPanel with a key table first: keys holds {key,
// what it does} pairs, generated by the dashboard from its keymap.
func HelpPanelKeys(s State, keys [][2]string, width, height int) string {
	p := pal()
	lines := []string{title("Help", width)}
	keyW := 0
	for _, k := range keys {
		keyW = max(keyW, len([]rune(k[0]))+2)
	}
	for _, k := range keys {
		lines = append(lines, p.Title.Render(padRight(k[0], keyW))+k[1])
	}
	for _, para := range []string{
		"Badges: LIVE observed in the open session (≤ 10 min) · DELAYED in the open session, longer ago · CLOSED the last session's close · STALE older than the last closed session · CACHED Yahoo failed and the cache answered · DEMO (simulated) embedded simulation · CSV your files. The header says when the data was observed; errors show beside their symbol; ! lists every problem.",
		"Whoosh Index = 50·(1 + Σ v·tanh(c/s) / Σ v) over rotation, crypto, havens, Tesla drift and labor (when FRED data exists). Bands: <20 atoms entrenched, <40 atoms lean, <60 equilibrium, <80 whoosh building, ≥80 big whoosh.",
		"Alerts: " + AlertMarksLegend + " (rules under alerts: in the config; screen 7 logs the firings).",
	} {
		lines = append(lines, "")
		for _, l := range wrap(para, width) {
			lines = append(lines, p.Dim.Render(l))
		}
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}
