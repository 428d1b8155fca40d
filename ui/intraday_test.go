package ui

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// A full session on 79 columns (one per point: the open and 78 bar ends):
// 09:30 at column 0, each hour where the points reach it (10:00 is point
// 6, 11:00 point 18, … 15:00 point 66), 16:00 ending under the last point
// (column 79 − 5 = 74).
func TestTimeAxis(t *testing.T) {
	s, _ := calendar.SessionOn(market.DateOf(2025, 6, 30))
	times := make([]time.Time, 79)
	for i := range times {
		times[i] = s.Open.Add(time.Duration(i) * feeds.IntradayStep)
	}
	got := ansi.Strip(timeAxis(times, 79, 0))
	want := []rune(strings.Repeat(" ", 79))
	for at, l := range map[int]string{0: "09:30", 6: "10:00", 18: "11:00", 30: "12:00", 42: "13:00", 54: "14:00", 66: "15:00", 74: "16:00"} {
		copy(want[at:], []rune(l))
	}
	if got != string(want) {
		t.Errorf("axis\n got %q\nwant %q", got, string(want))
	}
	// Narrow: labels never touch, the ends stay.
	narrow := ansi.Strip(timeAxis(times, 30, 2))
	if !strings.HasPrefix(narrow, "  09:30") || !strings.HasSuffix(narrow, "16:00") || strings.Contains(narrow, "0010") {
		t.Errorf("narrow axis %q", narrow)
	}
}

// One truth in the state: with a live quote the 1D chart ends at the
// quote. NVDA closed at 100 the previous session; its bars 101, 102; the
// live quote 103 is the daily series' last point, so NVDA's path ends at
// 103 (k = 103/102) and the one-member bits basket returns +3 %, its day %.
func TestComputeIntradayOneTruth(t *testing.T) {
	s, _ := calendar.SessionOn(market.DateOf(2025, 6, 30))
	prev := s.Previous().Date
	series := map[string]market.Series{
		"NVDA": {Symbol: "NVDA", Dates: []market.Date{prev, s.Date}, Close: []float64{100, 103}},
		"XOM":  {Symbol: "XOM", Dates: []market.Date{prev, s.Date}, Close: []float64{50, 49}},
	}
	d := Data{
		IntradaySession: s,
		Intraday: map[string]feeds.Intraday{
			"NVDA": {Symbol: "NVDA", Bars: []feeds.IntradayBar{{Time: s.Open, Close: 101}, {Time: s.Open.Add(feeds.IntradayStep), Close: 102}}},
			"XOM":  {Symbol: "XOM", Bars: []feeds.IntradayBar{{Time: s.Open, Close: 49.5}, {Time: s.Open.Add(feeds.IntradayStep), Close: 49}}},
		},
	}
	spec := market.Spec{Bits: market.Basket{Members: []market.Member{{Symbol: "NVDA", Weight: 1}}},
		Atoms: market.Basket{Members: []market.Member{{Symbol: "XOM", Weight: 1}}}, Tesla: "NVDA", Incumbents: []string{"XOM"}}
	v := computeIntraday(spec, d, observed{hist: series}, market.GapReport{TeslaCap: 103e9, IncumbCaps: []float64{49e9}}, s.Open.Add(10*time.Minute))
	if v == nil || !v.Live {
		t.Fatalf("view %+v", v)
	}
	// NVDA: 100·(103/102)·101/100 = 101.990196, then 103; XOM: 99, 98.
	wantBits := []float64{100, 101.990196, 103}
	for i, w := range wantBits {
		if math.Abs(v.Report.Bits.Index[i]-w) > 1e-6 {
			t.Errorf("bits[%d] = %v, want %v", i, v.Report.Bits.Index[i], w)
		}
	}
	if math.Abs(v.Report.Bits.ReturnPct-3) > 1e-9 || math.Abs(v.Report.Atoms.ReturnPct+2) > 1e-9 {
		t.Errorf("returns %v %v", v.Report.Bits.ReturnPct, v.Report.Atoms.ReturnPct)
	}
	// "Tesla" (NVDA here) today: 103 B·(1 − 100/103) = 3 B ≈ 0.0612 XOMs (3/49).
	if math.Abs(v.TeslaToday-3e9) > 1 || math.Abs(v.TeslaTodayIn[0]-3.0/49) > 1e-9 {
		t.Errorf("today %v %v", v.TeslaToday, v.TeslaTodayIn)
	}
	st := State{Intraday: v, Report: market.Report{Window: market.Win1D}}
	out := ansi.Strip(RSPanel(st, 80, 20))
	for _, want := range []string{"1D · 2025-06-30 (live)", "2 bars · last 09:40", "09:30", "16:00", "+3.00%"} {
		if !strings.Contains(out, want) {
			t.Errorf("panel lacks %q:\n%s", want, out)
		}
	}
	if gap := strings.Join(intradaySegments(st), " "); !strings.Contains(gap, "Tesla today") || !strings.Contains(gap, "+$3.0B") {
		t.Errorf("gap line %q", gap)
	}
	// The Tesla screen's history panel shows Tesla's own session in 1D,
	// not the daily 21-day move's two points drawn as a trend.
	st.Report.Gap = market.GapReport{Tesla: spec.Tesla, MoveHistory: []float64{0.3, 0.4}}
	if hist := ansi.Strip(GapHistoryPanel(st, 80, 14)); !strings.Contains(hist, "today · 5-minute bars") || !strings.Contains(hist, "09:30") {
		t.Errorf("Tesla history in 1D:\n%s", hist)
	}
}

// A member's detail in 1D charts its own 5-minute path on the time axis.
func TestTickerIntradayChart(t *testing.T) {
	s, _ := calendar.SessionOn(market.DateOf(2025, 6, 30))
	v := &Intraday{Session: s, Report: market.IntradayReport{
		Times:   []time.Time{s.Open, s.Open.Add(feeds.IntradayStep), s.Open.Add(2 * feeds.IntradayStep)},
		Members: map[string][]float64{"NVDA": {100, 101, 99}},
	}}
	st := State{Intraday: v, Report: market.Report{Window: market.Win1D}}
	out := ansi.Strip(strings.Join(tickerIntradayChart(st, "NVDA", 60, 12), "\n"))
	if !strings.Contains(out, "100 = previous close") || !strings.Contains(out, "09:30") || !strings.Contains(out, "16:00") {
		t.Errorf("chart:\n%s", out)
	}
	if tickerIntradayChart(st, "XOM", 60, 12) != nil || tickerIntradayChart(State{}, "NVDA", 60, 12) != nil {
		t.Error("a chart without a 1D path")
	}
}
