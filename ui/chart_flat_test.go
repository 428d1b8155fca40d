package ui

import (
	"strings"
	"testing"
)

// TestNearlyFlatChartLabels (issue 13): a series that barely moves gets
// distinct y labels, never the same label on several rows (rows between
// labels have none).
func TestNearlyFlatChartLabels(t *testing.T) {
	for _, data := range [][]float64{{100}, {100, 100, 100}, {100, 100.02}, {100, 100.3, 100.1}, {100, 101.7}} {
		out := plot([]chartLine{{Data: data}, {Data: data, Glyph: "·"}}, axes{}, 60, 10)
		seen := map[string]bool{}
		for _, l := range out {
			label, _, _ := strings.Cut(l, "┤")
			label, _, _ = strings.Cut(label, "┼")
			label = strings.TrimSpace(label)
			if label == "" {
				continue // a row between two labels
			}
			if seen[label] {
				t.Errorf("%v: label %q twice:\n%s", data, label, strings.Join(out, "\n"))
				break
			}
			seen[label] = true
		}
	}
}
