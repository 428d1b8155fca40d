package ui

import (
	"strings"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/market"
)

// AlertMarksLegend explains the marks beside the symbols in the tables.
const AlertMarksLegend = "◆ beside a symbol: a rule on it fired and waits to re-arm · ◇ a rule on it is armed"

// alertGlyph is a table row's alert mark, ◆ fired in the warning colour or
// ◇ armed, and none for a symbol without one.
func alertGlyph(m market.AlertMark, none string) string {
	switch m {
	case market.MarkFired:
		return pal().Warn.Render(m.Glyph())
	case market.MarkArmed:
		return m.Glyph()
	}
	return none
}

// AlertsPanel is the alert log, newest first: the data time of each firing
// (New York), its message (rule: metric value op threshold), and how each
// of its channels went; a command's output follows when there is room.
// The legend of the tables' marks comes first.
func AlertsPanel(log []alerts.Delivered, width, height int) string {
	p := pal()
	lines := []string{title("Alerts · newest first", width)}
	for _, l := range wrap(AlertMarksLegend, width) {
		lines = append(lines, p.Dim.Render(l))
	}
	if len(log) == 0 {
		for _, l := range wrap("No alert has fired since whoosh started. Rules live in the config under alerts: (README, Alerts); whoosh alerts backtest replays them over the history.", width) {
			lines = append(lines, p.Dim.Render(l))
		}
		return strings.Join(fitLines(lines, width, height), "\n")
	}
	for i := len(log) - 1; i >= 0; i-- {
		d := log[i]
		lines = append(lines, p.Warn.Render(FormatET(d.Firing.At)+"  ")+Sanitize(d.Message()))
		for _, o := range d.Outcomes {
			mark, style := "✓", p.Gain.Render
			if !o.OK {
				mark, style = "✗", p.Loss.Render
			}
			lines = append(lines, "    "+style(mark)+" "+Sanitize(o.Channel)+": "+Sanitize(o.Detail))
			if out := strings.TrimSpace(o.Output); out != "" {
				for _, l := range wrap(Sanitize(out), max(width-8, 10)) {
					lines = append(lines, p.Dim.Render("        "+l))
				}
			}
		}
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}
