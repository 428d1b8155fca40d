package ui

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// tradingDays are the weekdays from..to.
func tradingDays(from, to market.Date) []market.Date {
	var out []market.Date
	for d := from; d <= to; d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			out = append(out, d)
		}
	}
	return out
}

// wave is n points between lo and hi.
func wave(n int, lo, hi float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = lo + (hi-lo)*(0.5+0.5*math.Sin(float64(i)/7))
	}
	return out
}

// yLabels returns the chart's y labels (rows without one are skipped).
func yLabels(out []string) []string {
	var labels []string
	for _, l := range out {
		label, _, ok := strings.Cut(l, "┤")
		if !ok {
			label, _, ok = strings.Cut(l, "┼")
		}
		if ok && strings.TrimSpace(label) != "" {
			labels = append(labels, strings.TrimSpace(label))
		}
	}
	return labels
}

// TestChartYLabelsRound: labels are multiples of one 1-2-2.5-5 step with
// thousands separators (issue 16: "366984, 358094").
func TestChartYLabelsRound(t *testing.T) {
	for _, c := range []struct{ lo, hi float64 }{{358094, 366984}, {51.1, 221.3}, {0.93, 3.41}, {99.98, 100.03}, {-4.2, 7.9}} {
		for _, h := range []int{4, 7, 12, 30} {
			out := plot([]chartLine{{Data: wave(200, c.lo, c.hi)}}, axes{}, 80, h)
			labels := yLabels(out)
			if len(labels) < 2 || len(out) > h {
				t.Fatalf("%v h=%d: %d labels, %d rows:\n%s", c, h, len(labels), len(out), strings.Join(out, "\n"))
			}
			var vals []float64
			for _, l := range labels {
				v, err := strconv.ParseFloat(strings.ReplaceAll(l, ",", ""), 64)
				if err != nil {
					t.Fatalf("label %q: %v", l, err)
				}
				if math.Abs(v) >= 1000 && !strings.Contains(l, ",") {
					t.Errorf("label %q has no thousands separator", l)
				}
				vals = append(vals, v)
			}
			step := vals[0] - vals[1]
			mant := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9))
			if !(near(mant, 1) || near(mant, 2) || near(mant, 2.5) || near(mant, 5)) {
				t.Errorf("%v h=%d: step %v is not round: %v", c, h, step, labels)
			}
			for _, v := range vals {
				if k := v / step; !near(k, math.Round(k)) {
					t.Errorf("%v h=%d: label %v not a multiple of %v", c, h, v, step)
				}
			}
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6*math.Max(1, math.Abs(b)) }

// TestChartDatedAxis: the last row names months over a year and a bit,
// years over a decade, days over a week.
func TestChartDatedAxis(t *testing.T) {
	for _, c := range []struct {
		from, to market.Date
		want     []string
	}{
		{market.DateOf(2024, 3, 20), market.DateOf(2025, 6, 30), []string{"2025", "May"}},
		{market.DateOf(2015, 1, 2), market.DateOf(2025, 6, 30), []string{"2016", "2024"}},
		{market.DateOf(2025, 6, 2), market.DateOf(2025, 6, 30), []string{"Jun 9", "Jun 23"}},
	} {
		dates := tradingDays(c.from, c.to)
		out := plot([]chartLine{{Data: wave(len(dates), 90, 130)}}, axes{Dates: dates}, 100, 10)
		last := out[len(out)-1]
		for _, w := range c.want {
			if !strings.Contains(last, w) {
				t.Errorf("%s→%s: axis %q lacks %q", c.from, c.to, last, w)
			}
		}
		if strings.Contains(last, "┤") || len(out) > 10 {
			t.Errorf("axis row is not the last of ≤10:\n%s", strings.Join(out, "\n"))
		}
	}
}

// TestChartsDated: every chart panel ends its chart with a dated axis.
func TestChartsDated(t *testing.T) {
	s := FixtureState(market.WinEssay)
	for name, f := range allPanels() {
		switch name {
		case "rs", "gaphistory", "whooshhistory", "ticker", "watchlist":
		default:
			continue
		}
		out := f(s, 100, 24)
		if !strings.Contains(out, "May") && !strings.Contains(out, "Jun") {
			t.Errorf("%s: no dated axis:\n%s", name, out)
		}
	}
}

// TestMacroChartInTableUnits: employment in thousands charts in millions,
// like its table (issue 16: "12570" beside "12.57M").
func TestMacroChartInTableUnits(t *testing.T) {
	s := FixtureState(market.WinEssay)
	var obs []market.Observation
	for i, d := range tradingDays(s.Report.Start, FixtureAsOf) {
		if i%21 == 0 {
			obs = append(obs, market.Observation{Date: d, Value: 12400 + float64(i)})
		}
	}
	s.Macro = &market.MacroReport{Series: []market.MacroSeries{{ID: "CES7072200001", Name: "Food services", Unit: "thousands",
		Obs: obs, Last: obs[len(obs)-1], Change3M: 1, Change6M: 2, Change12M: 3}}, Sahm: 0.2}
	out := MacroPanel(s, 100, 30)
	labels := yLabels(strings.Split(out, "\n"))
	if len(labels) < 2 {
		t.Fatalf("no chart:\n%s", out)
	}
	for _, l := range labels {
		if !strings.HasSuffix(l, "M") || strings.Contains(l, ",") {
			t.Errorf("label %q is not in millions:\n%s", l, out)
		}
	}
}

// TestPlainChartGlyphs: in the text formats bits and atoms are drawn with
// different glyphs and no escape codes.
func TestPlainChartGlyphs(t *testing.T) {
	dates := tradingDays(market.DateOf(2025, 1, 2), market.DateOf(2025, 6, 30))
	out := PlainChart([][]float64{wave(len(dates), 100, 150), wave(len(dates), 60, 95)}, []string{"", Glyphs[1]}, dates, 80, 10)
	if !strings.Contains(out, "╭") || !strings.Contains(out, Glyphs[1]) || strings.Contains(out, "\x1b") || Glyphs[0] == Glyphs[1] {
		t.Errorf("plain chart:\n%q", out)
	}
}

// TestThousands: numbers as people read them.
func TestThousands(t *testing.T) {
	for v, want := range map[float64]string{315189: "315,189", -1234.5: "-1,234.50", 999: "999.00", 1132.634: "1,132.63"} {
		prec := 2
		if v == 315189 {
			prec = 0
		}
		if got := FormatThousands(v, prec); got != want {
			t.Errorf("FormatThousands(%v) = %q, want %q", v, got, want)
		}
	}
	if got := fmtPrice(315189.4); got != "315,189" {
		t.Errorf("fmtPrice = %q", got)
	}
}

// TestYTicksTight (newcomer report): a line from 60 to 225 in 7 rows gets
// labels 50…250 by 50, not 0…250 by 250 (which squashed it into two rows).
func TestYTicksTight(t *testing.T) {
	tk := yTicks(60, 225, 7)
	if tk.lo != 50 || tk.hi != 250 || tk.step != 50 {
		t.Errorf("yTicks(60, 225, 7) = %v…%v by %v, want 50…250 by 50", tk.lo, tk.hi, tk.step)
	}
}
