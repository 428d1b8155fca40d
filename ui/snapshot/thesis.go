package snapshot

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// thesisClaims is the JSON scorecard: [] when there is none, every list
// [] rather than null.
func thesisClaims(cs []market.Claim) []Claim {
	out := make([]Claim, 0, len(cs))
	for _, c := range cs {
		jc := Claim{
			ID: ui.Sanitize(c.ID), Claim: ui.Sanitize(c.Claim), Metric: ui.Sanitize(c.Metric), Unit: ui.Sanitize(c.Unit),
			Predicted: string(c.Predicted), Value: Float(c.Value), Band: ClaimBand{Float(c.Band.Lo), Float(c.Band.Hi)},
			Verdict: string(c.Verdict), Since: []Point{}, Missing: sanitizeAll(c.Missing),
			Note: ui.Sanitize(c.Note),
		}
		if jc.Missing == nil {
			jc.Missing = []string{}
		}
		if c.AsOf != 0 {
			jc.AsOf = dateOrNil(c.AsOf)
		}
		for i, o := range c.Since {
			// The last point of each week (and the latest): the path is
			// there at a fifth of the size.
			if i+1 < len(c.Since) && sameWeek(o.Date, c.Since[i+1].Date) {
				continue
			}
			jc.Since = append(jc.Since, Point{Date: o.Date.String(), Value: Float(o.Value)})
		}
		out = append(out, jc)
	}
	return out
}

// writeThesisMetrics appends "thesis.<id>" rows to the metrics table: the
// claim's value in its unit, from the overall source.
func writeThesisMetrics(w io.Writer, s ui.State, cs []market.Claim) error {
	cw := csv.NewWriter(w)
	for _, c := range cs {
		_ = cw.Write([]string{"thesis." + metricKey(c.ID), FormatNumber(c.Value), ui.Sanitize(c.Unit), ui.Sanitize(s.Status.Badge)})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// mdThesis is the scorecard section: the tally and one table row a claim,
// sorted by verdict as on screen.
func mdThesis(b *bytes.Buffer, cs []market.Claim) {
	if len(cs) == 0 {
		return
	}
	b.WriteString("## Thesis scorecard\n\n")
	b.WriteString(inline(ui.ThesisTally(cs)) + " (since the essay, " + market.EssayDate.String() + "; a verdict is a reading of prices so far, not a forecast)\n\n")
	rows := make([][]string, 0, len(cs))
	for _, c := range ui.SortClaims(cs) {
		date := dash
		if c.AsOf != 0 {
			date = c.AsOf.String()
		}
		band := dash
		if finite(c.Band.Lo) || finite(c.Band.Hi) {
			band = strings.TrimSpace(FormatNumber(c.Band.Lo) + " … " + FormatNumber(c.Band.Hi))
		}
		note := c.Note
		if len(c.Missing) > 0 {
			note = strings.TrimPrefix(note+"; missing: "+strings.Join(c.Missing, ", "), "; ")
		}
		rows = append(rows, []string{ui.VerdictText(c.Verdict), c.ID, c.Claim, c.Metric, ui.ThesisValue(c), band, string(c.Predicted), date, note})
	}
	table(b, []string{"verdict", "id", "claim", "metric", "now", "band", "predicted", "data", "note"}, "llllrrlll", rows)
}

// sameWeek reports whether a and b fall in the same Monday-to-Sunday week.
func sameWeek(a, b market.Date) bool {
	// 1970-01-05 (day 4) was a Monday.
	return (int(a)-4)/7 == (int(b)-4)/7 && a >= 4 && b >= 4
}
