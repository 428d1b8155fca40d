package market

import (
	"math"
	"strings"
	"testing"
	"time"
)

func mustCond(t *testing.T, s string) AlertCond {
	t.Helper()
	c, err := ParseAlertCond(s)
	if err != nil {
		t.Fatalf("ParseAlertCond(%q): %v", s, err)
	}
	return c
}

func num(x float64) AlertValue { return AlertValue{Num: x, OK: true} }

// run steps rule r through values from a fresh state and returns the
// indices at which it fired.
func run(t *testing.T, r AlertRule, values ...AlertValue) []int {
	t.Helper()
	var st AlertState
	var fired []int
	for i, v := range values {
		var f bool
		st, f = StepAlert(r, st, v, time.Unix(int64(i), 0))
		if f {
			fired = append(fired, i)
		}
	}
	return fired
}

func TestAlertTransitions(t *testing.T) {
	na := AlertValue{}
	cases := []struct {
		when, rearm string
		values      []AlertValue
		want        []int
	}{
		// Level: fires on entry, including the first value, once.
		{"whoosh > 60", "", []AlertValue{num(61), num(62), num(70)}, []int{0}},
		{"whoosh > 60", "", []AlertValue{num(50), num(61), num(62)}, []int{1}},
		// Default hysteresis: back below 60 - 2 % = 58.8 re-arms; 59 does not.
		{"whoosh > 60", "", []AlertValue{num(61), num(59), num(61), num(58.7), num(61)}, []int{0, 4}},
		{"whoosh >= 60", "", []AlertValue{num(60), num(58.8), num(60), num(58.79), num(60)}, []int{0, 4}},
		{"day%:NVDA <= -5", "", []AlertValue{num(-5), num(-4.95), num(-6), num(-4.8), num(-5.1)}, []int{0, 4}},
		// Explicit rearm.
		{"whoosh > 60", "whoosh < 55", []AlertValue{num(61), num(56), num(61), num(54), num(61)}, []int{0, 4}},
		// Unknown values change nothing.
		{"whoosh > 60", "", []AlertValue{na, num(50), na, num(61), na, num(61)}, []int{3}},
		// Crossing: the first value only says which side; no firing when already beyond.
		{"rs crosses below 100", "", []AlertValue{num(95), num(90), num(103), num(99)}, []int{3}},
		{"rs crosses below 100", "", []AlertValue{num(101), num(99), num(100.5), num(99), num(103), num(98)}, []int{1, 5}},
		{"rs crosses above 100", "", []AlertValue{num(99), num(101), num(97), num(101)}, []int{1, 3}},
		// Equality and verdicts.
		{"fedfunds == 5", "", []AlertValue{num(5), num(5.05), num(5), num(5.2), num(5)}, []int{0, 4}},
		{"thesis:bits-beat-atoms == on_track", "", []AlertValue{{Verdict: Undecided, OK: true}, {Verdict: OnTrack, OK: true},
			{Verdict: OnTrack, OK: true}, {Verdict: Against, OK: true}, {Verdict: OnTrack, OK: true}}, []int{1, 4}},
	}
	for _, c := range cases {
		r := AlertRule{Name: "r", When: mustCond(t, c.when)}
		if c.rearm != "" {
			rc := mustCond(t, c.rearm)
			r.Rearm = &rc
		}
		got := run(t, r, c.values...)
		if !equalInts(got, c.want) {
			t.Errorf("%s (rearm %q): fired at %v, want %v", c.when, c.rearm, got, c.want)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestAlertStateSurvivesAndEditResets(t *testing.T) {
	r := AlertRule{Name: "r", When: mustCond(t, "whoosh > 60")}
	at := time.Date(2025, 1, 2, 21, 0, 0, 0, time.UTC)
	st, fired := StepAlert(r, AlertState{}, num(61), at)
	if !fired || st.Phase != PhaseFired || !st.FiredAt.Equal(at) {
		t.Fatalf("first step: %+v fired=%v", st, fired)
	}
	// The same state later (a restart): no second firing.
	if _, again := StepAlert(r, st, num(65), at.Add(time.Hour)); again {
		t.Error("fired again from a fired state")
	}
	// An edited threshold is a new rule.
	r.When = mustCond(t, "whoosh > 62")
	if _, f := StepAlert(r, st, num(65), at); !f {
		t.Error("edited rule did not start afresh")
	}
}

func TestParseAlertCond(t *testing.T) {
	good := map[string]string{
		"whoosh>60":                   "whoosh > 60",
		"  day%:nvda <= -5 ":          "day%:NVDA <= -5",
		"rs crosses   below 100":      "rs crosses below 100",
		"leg:Rotation >= 2.5":         "leg:rotation >= 2.5",
		"basket:My Chips > 10":        "basket:My Chips > 10",
		"thesis:cbdc != undecided":    "thesis:cbdc != undecided",
		"tesla.month_gms >= +1":       "tesla.month_gms >= 1",
		"window%:BTC-USD < -20":       "window%:BTC-USD < -20",
		"thesis:x == ON_TRACK":        "thesis:x == on_track",
		"tesla.corr_atoms > 0.5":      "tesla.corr_atoms > 0.5",
		"sahm crosses above 0.5":      "sahm crosses above 0.5",
		"price:^GSPC crosses above 6": "price:^GSPC crosses above 6",
	}
	for in, want := range good {
		c, err := ParseAlertCond(in)
		if err != nil || c.String() != want {
			t.Errorf("ParseAlertCond(%q) = %q, %v; want %q", in, c.String(), err, want)
		}
	}
	bad := map[string]string{
		"whoosh":            "not a condition",
		"wooosh > 60":       "unknown metric",
		"leg:moon > 1":      "unknown leg",
		"price > 5":         "needs an argument",
		"rs:x > 5":          "takes no argument",
		"whoosh > sixty":    "not a number",
		"whoosh > 1e999":    "not a number",
		"thesis:x > 1":      "compared with ==",
		"thesis:x == maybe": "unknown verdict",
		"price:NV DA > 5":   "invalid symbol",
		"whoosh >":          "no value",
	}
	for in, want := range bad {
		if _, err := ParseAlertCond(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseAlertCond(%q) error %v, want one containing %q", in, err, want)
		}
	}
}

func TestAlertMetricValues(t *testing.T) {
	in := AlertInput{
		Report: Report{
			AsOf:       DateOf(2025, 6, 30),
			Bits:       BasketReport{Key: "bits", ReturnPct: 12},
			Atoms:      BasketReport{Key: "atoms", ReturnPct: -3},
			Watchlists: []BasketReport{{Key: "Robots", Name: "Robots", ReturnPct: 7}},
			RS:         RSReport{Last: 104, SpreadPP: 15},
			Gap:        GapReport{RatioFirst: 20, MoveInFirst: 1.5},
			Tesla:      CorrReport{CorrBits: 0.6, CorrAtoms: 0.2},
			Whoosh: WhooshReport{Score: 63, Components: []Component{
				{Key: "rotation", Present: true, Points: 4.5}, {Key: "labor", Present: false, Points: 0}}},
		},
		Macro: &MacroReport{Sahm: 0.3, Series: []MacroSeries{
			{ID: UnrateID, Last: Observation{Value: 4.1}}, {ID: FedFundsID, Last: Observation{Value: 5.33}}}},
		Thesis:  []Claim{{ID: "cbdc", Verdict: Undecided}},
		Symbols: map[string]SymbolMove{"NVDA": {Price: 120, DayPct: -2, WindowPct: 30}},
	}
	want := map[string]float64{
		"whoosh": 63, "leg:rotation": 4.5, "rs": 104, "spread": 15, "basket:bits": 12, "basket:atoms": -3,
		"basket:robots": 7, "tesla.gm_ratio": 20, "tesla.month_gms": 1.5, "tesla.corr_bits": 0.6,
		"tesla.corr_atoms": 0.2, "price:NVDA": 120, "day%:NVDA": -2, "window%:NVDA": 30,
		"unrate": 4.1, "sahm": 0.3, "fedfunds": 5.33,
	}
	for name, x := range want {
		m, err := ParseAlertMetric(name)
		if err != nil {
			t.Fatal(err)
		}
		if v := in.Value(m); !v.OK || v.Num != x {
			t.Errorf("%s = %+v, want %v", name, v, x)
		}
		if m.Unit() == "" {
			t.Errorf("%s has no unit", name)
		}
	}
	for _, name := range []string{"leg:labor", "price:TSLA", "basket:chips", "thesis:nope"} {
		m, _ := ParseAlertMetric(name)
		if v := in.Value(m); v.OK {
			t.Errorf("%s = %+v, want unknown", name, v)
		}
	}
	if v := in.Value(AlertMetric{Kind: MetricThesis, Arg: "cbdc"}); v.Verdict != Undecided {
		t.Errorf("thesis:cbdc = %+v", v)
	}
	noMacro := AlertInput{Report: Report{Whoosh: WhooshReport{Score: math.NaN()}}}
	for _, name := range []string{"unrate", "sahm", "fedfunds", "whoosh"} {
		m, _ := ParseAlertMetric(name)
		if v := noMacro.Value(m); v.OK {
			t.Errorf("without data %s = %+v, want unknown", name, v)
		}
	}
}

func TestMovesOf(t *testing.T) {
	s := Series{Symbol: "X", Dates: []Date{DateOf(2025, 1, 2), DateOf(2025, 1, 3), DateOf(2025, 1, 6), DateOf(2025, 1, 7)},
		Close: []float64{100, 110, 99, 200}}
	m := MovesOf(s, DateOf(2025, 1, 3), DateOf(2025, 1, 6))
	if m.Price != 99 || math.Abs(m.DayPct-(-10)) > 1e-9 || math.Abs(m.WindowPct-(-10)) > 1e-9 {
		t.Errorf("MovesOf = %+v, want price 99, day -10 %%, window -10 %%", m)
	}
	if m := MovesOf(s, DateOf(2025, 1, 1), DateOf(2024, 1, 1)); !math.IsNaN(m.Price) {
		t.Errorf("before the data: %+v", m)
	}
}

// A claim has no verdict before the essay: thesis:<id> is unavailable (a
// rule on it never fires) as of any date before EssayDate, 2024-03-20, and
// available from that day on.
func TestThesisMetricNotBeforeEssay(t *testing.T) {
	m := AlertMetric{Kind: MetricThesis, Arg: "tesla-trades-like-atoms"}
	cases := []struct {
		asOf Date
		ok   bool
	}{
		{DateOf(2024, 1, 9), false},  // the backtest's first wrong firing
		{DateOf(2024, 3, 19), false}, // the day before the essay
		{DateOf(2024, 3, 20), true},  // the essay's day: its base
		{DateOf(2025, 6, 30), true},
	}
	for _, c := range cases {
		in := AlertInput{Report: Report{AsOf: c.asOf}, Thesis: []Claim{{ID: m.Arg, Verdict: OnTrack}}}
		v := in.Value(m)
		if v.OK != c.ok || (c.ok && v.Verdict != OnTrack) {
			t.Errorf("as of %s: %s = %+v, want OK %v", c.asOf, m, v, c.ok)
		}
		rule := AlertRule{Name: "flip", When: AlertCond{Metric: m, Op: "==", Verdict: OnTrack}}
		_, fired := EvalAlerts([]AlertRule{rule}, nil, in, time.Date(2024, 1, 9, 21, 0, 0, 0, time.UTC))
		if (len(fired) == 1) != c.ok {
			t.Errorf("as of %s: fired %v, want firing %v", c.asOf, fired, c.ok)
		}
	}
}
