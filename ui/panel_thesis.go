package ui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
)

// verdictOrder is the scorecard's order: settled first, then the open
// questions, then what prices cannot tell.
var verdictOrder = []market.Verdict{market.Confirmed, market.OnTrack, market.Against, market.Undecided, market.NotMeasurable}

// verdictMarks are one column wide each, readable without colour.
var verdictMarks = map[market.Verdict]string{
	market.Confirmed: "◆", market.OnTrack: "✓", market.Against: "✗", market.Undecided: "·", market.NotMeasurable: "–",
}

// VerdictText is a verdict in words: "on track", "not measurable".
func VerdictText(v market.Verdict) string { return strings.ReplaceAll(string(v), "_", " ") }

// ThesisTally is the Overview's one line: "thesis: 7 on track · 5 against
// · 3 undecided · 1 not measurable" (verdicts without claims left out).
func ThesisTally(claims []market.Claim) string {
	if len(claims) == 0 {
		return "thesis: no data"
	}
	n := map[market.Verdict]int{}
	for _, c := range claims {
		n[c.Verdict]++
	}
	var parts []string
	for _, v := range verdictOrder {
		if n[v] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[v], VerdictText(v)))
		}
	}
	return "thesis: " + strings.Join(parts, " · ")
}

// SortClaims returns the claims ordered by verdict (verdictOrder), the
// essay's order kept within a verdict.
func SortClaims(claims []market.Claim) []market.Claim {
	rank := map[market.Verdict]int{}
	for i, v := range verdictOrder {
		rank[v] = i
	}
	out := append([]market.Claim(nil), claims...)
	sort.SliceStable(out, func(i, j int) bool { return rank[out[i].Verdict] < rank[out[j].Verdict] })
	return out
}

// ThesisValue formats a claim's value in its unit: 125.6, 1.58×, +0.03,
// −1.45 pt, +0.99 %, 731 days.
func ThesisValue(c market.Claim) string {
	v := c.Value
	switch c.Unit {
	case "×":
		return FormatTimes(v, 2)
	case "corr":
		return FormatSigned(v, 2)
	case "%":
		return FormatPercent(v, 2)
	case "pt":
		return withUnit(FormatSigned(v, 2), " pt")
	case "days":
		return withUnit(FormatFixed(v, 0), " days")
	}
	return FormatFixed(v, 1)
}

// ThesisPanel is the scorecard: one row per claim, sorted by verdict —
// mark, our wording, the metric now, a sparkline of it since the essay and
// its data date. When the box has room for two lines a claim, the second
// says what is measured, the band, the note and what is missing.
func ThesisPanel(s State, claims []market.Claim, width, height int) string {
	return ThesisTable(s, claims, -1, width, height)
}

// ThesisTable is ThesisPanel with row selected (in SortClaims order; -1
// for none) marked and kept on screen: when the claims do not fit, the
// rows scroll with "↑ N more" / "↓ N more" lines.
func ThesisTable(s State, claims []market.Claim, selected, width, height int) string {
	head := "Thesis scorecard · since the essay " + market.EssayDate.String() + dailyNote(s)
	if len(claims) == 0 {
		return placeholder(head, noDataMsg(s), width, height)
	}
	p := pal()
	const markW, valW, dateW, maxText = 2, 11, 11, 62
	sparkW := max(6, min(60, (width-markW-valW-dateW)/3))
	textW := width - markW - valW - sparkW - 1 - dateW
	if textW < 12 { // too narrow for a sparkline
		sparkW, textW = 0, width-markW-valW-dateW
	}
	// A wide box gets the metric as a last column rather than a wording
	// column wider than any wording.
	metricW := 0
	if textW-maxText >= 24 {
		metricW, textW = textW-maxText-2, maxText
	}
	lines := []string{title(head, width), ThesisTally(claims)}
	since := "SINCE ESSAY"
	if len(since) > sparkW {
		since = "SINCE" // a narrow sparkline keeps its header whole
	}
	hdr := padRight("  CLAIM", markW+textW) + padLeft("NOW", valW) + " " + padRight(since, sparkW) + padLeft("DATA", dateW)
	if metricW > 0 {
		hdr += "  METRIC"
	}
	lines = append(lines, p.Dim.Render(hdr))
	detail := height <= 0 || height >= len(lines)+2*len(claims)+1
	sorted := SortClaims(claims)
	v := window{count: len(sorted)}
	if !detail && height > 0 {
		v = visibleRows(len(sorted), height-len(lines), selected)
	}
	top, bottom := v.marks()
	if top != "" {
		lines = append(lines, p.Dim.Render(top))
	}
	for i, c := range sorted[v.first : v.first+v.count] {
		mark := verdictMarks[c.Verdict]
		switch c.Verdict {
		case market.OnTrack, market.Confirmed:
			mark = p.Gain.Render(mark)
		case market.Against:
			mark = p.Loss.Render(mark)
		default:
			mark = p.Dim.Render(mark)
		}
		date := noValue
		if len(c.Missing) > 0 {
			date = "missing"
		} else if c.AsOf != 0 {
			date = c.AsOf.String()
		}
		sep := " "
		if v.first+i == selected {
			sep = "›"
		}
		row := mark + sep + cell(Sanitize(c.Claim), textW) + padLeft(ThesisValue(c), valW)
		if sparkW > 0 {
			row += " " + padRight(Sparkline(values(c.Since), sparkW), sparkW)
		}
		row += padLeft(date, dateW)
		if metricW > 0 {
			row += "  " + Sanitize(c.Metric)
		}
		if v.first+i == selected && p.Color() {
			row = p.Selected.Render(row)
		}
		lines = append(lines, row)
		if detail {
			lines = append(lines, p.Dim.Render("    "+claimDetail(c, metricW == 0)))
		}
	}
	if bottom != "" {
		lines = append(lines, p.Dim.Render(bottom))
	}
	if height <= 0 || height > len(lines) {
		lines = append(lines, p.Dim.Render("A verdict is a reading of prices so far, not a forecast."))
	}
	return strings.Join(fitLines(lines, width, height), "\n")
}

// claimDetail is the second line of a claim: metric (unless the row
// has it), band, note, missing.
func claimDetail(c market.Claim, metric bool) string {
	var parts []string
	if metric {
		parts = append(parts, Sanitize(c.Metric))
	}
	if b := bandText(c.Band); b != "" {
		parts = append(parts, "band "+b+" ("+string(c.Predicted)+" predicted)")
	}
	if c.Note != "" {
		parts = append(parts, Sanitize(c.Note))
	}
	if len(c.Missing) > 0 {
		parts = append(parts, "missing: "+Sanitize(strings.Join(c.Missing, ", ")))
	}
	return strings.Join(parts, " · ")
}

// bandText is "95 … 105", "… 0.5" for an open side, "" when both are.
func bandText(b market.ClaimBand) string {
	f := func(x float64) string {
		if !finite(x) {
			return ""
		}
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", x), "0"), ".")
	}
	lo, hi := f(b.Lo), f(b.Hi)
	if lo == "" && hi == "" {
		return ""
	}
	return strings.TrimSpace(lo + " … " + hi)
}

func values(obs []market.Observation) []float64 {
	out := make([]float64, len(obs))
	for i, o := range obs {
		out[i] = o.Value
	}
	return out
}

var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws xs in at most width columns, one block per column: each
// column is the last value of its share of the points, scaled between the
// lowest and highest. A flat line sits in the middle; NaN is a space.
func Sparkline(xs []float64, width int) string {
	if width <= 0 || len(xs) == 0 {
		return ""
	}
	n := min(width, len(xs))
	col := make([]float64, n)
	for i := range col {
		col[i] = xs[(i+1)*len(xs)/n-1]
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range col {
		if finite(v) {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var b strings.Builder
	for _, v := range col {
		switch {
		case !finite(v):
			b.WriteRune(' ')
		case hi == lo:
			b.WriteRune(sparkRunes[3])
		default:
			b.WriteRune(sparkRunes[int(math.Round((v-lo)/(hi-lo)*float64(len(sparkRunes)-1)))])
		}
	}
	return b.String()
}
