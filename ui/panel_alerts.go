package ui

import (
	"strings"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// AlertsPanel is the alert log, newest first: the data time of each firing
// (New York), its message (rule: metric value op threshold), and how each
// of its channels went; a command's output follows when there is room.
func AlertsPanel(log []alerts.Delivered, width, height int) string {
	p := pal()
	lines := []string{title("Alerts · newest first", width)}
	if len(log) == 0 {
		for _, l := range wrap("No alert has fired since whoosh started. Rules live in the config under alerts: (README, Alerts); whoosh alerts backtest replays them over the history.", width) {
			lines = append(lines, p.Dim.Render(l))
		}
		return strings.Join(fitLines(lines, width, height), "\n")
	}
	for i := len(log) - 1; i >= 0; i-- {
		d := log[i]
		at := d.Firing.At.In(calendar.NewYork()).Format("2006-01-02 15:04")
		lines = append(lines, p.Warn.Render(at+" ET  ")+Sanitize(d.Message()))
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
