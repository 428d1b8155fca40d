package market

import (
	"math"
	"strings"
	"testing"
)

// macroDate parses an ISO date or panics (test data only).
func macroDate(s string) Date {
	dt, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return dt
}

// monthly returns observations on the 1st of consecutive months starting at
// from (YYYY-MM); a NaN value leaves that month out, as FRED's "." does.
func monthly(from string, values ...float64) []Observation {
	start := macroDate(from + "-01")
	var out []Observation
	for i, v := range values {
		if math.IsNaN(v) {
			continue
		}
		out = append(out, Observation{Date: start.AddMonths(i), Value: v})
	}
	return out
}

// sameFloat treats two NaNs as equal and compares others to 1e-9.
func sameFloat(got, want float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) < 1e-9
}

var macroNaN = math.NaN()

// realUnrate is FRED UNRATE 2024-01..2026-02 as in the 2026-03 download
// (feeds/fred/testdata), with 2025-10 missing (an empty field in the file).
var realUnrate = monthly("2024-01",
	3.7, 3.9, 3.9, 3.9, 3.9, 4.1, 4.2, 4.2, 4.1, 4.1, 4.2, 4.1, // 2024
	4.0, 4.2, 4.2, 4.2, 4.3, 4.1, 4.3, 4.3, 4.4, macroNaN, 4.5, 4.4, // 2025
	4.3, 4.4) // 2026-01, 2026-02

func TestMacroSahm(t *testing.T) {
	tests := []struct {
		name string
		obs  []Observation
		want float64
	}{
		{
			// Newest first u0..u14 = 4.5 3.9 3.6 then twelve 3.5.
			// MA0 = (4.5+3.9+3.6)/3 = 4.0; MA1 = 11.0/3, MA2 = 10.6/3,
			// MA3..MA12 = 3.5 → low 3.5; Sahm = 0.5 exactly: a hit.
			name: "rising to the threshold",
			obs:  monthly("2024-01", 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.6, 3.9, 4.5),
			want: 0.5,
		},
		{
			// Newest first 3.0 3.0 5.1 then twelve 3.2. MA0 = 11.1/3 = 3.7;
			// MA1 = (3.0+5.1+3.2)/3 = 3.7667, MA2 = 11.5/3 = 3.8333,
			// MA3..MA12 = 3.2 → low 3.2; Sahm = 0.5 exactly. Summed in
			// float64 it is 0.4999999999999991: the rounding to 1e-9 is
			// what makes it a hit.
			name: "threshold despite binary noise",
			obs:  monthly("2024-01", 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 3.2, 5.1, 3.0, 3.0),
			want: 0.5,
		},
		{
			// Oldest→newest 4.0 3.8 3.6 3.4 3.4 3.4 3.6 3.7 3.8 3.9 3.9 4.0 4.0 4.1 4.2.
			// MA0 = (4.2+4.1+4.0)/3 = 4.1; lowest prior average is
			// MA9 = (3.4+3.4+3.4)/3 = 3.4 (MA10 = 10.4/3, MA11 = 3.6,
			// MA12 = 3.8); Sahm = 4.1 − 3.4 = 0.7.
			name: "dip then rise",
			obs:  monthly("2024-01", 4.0, 3.8, 3.6, 3.4, 3.4, 3.4, 3.6, 3.7, 3.8, 3.9, 3.9, 4.0, 4.0, 4.1, 4.2),
			want: 0.7,
		},
		{
			// Flat 3.7: every average is 3.7; Sahm 0.
			name: "flat",
			obs:  monthly("2024-01", 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7, 3.7),
			want: 0,
		},
		{
			// 16 observations; newest first u0..u11 = 4.0, u12..u14 = 3.0,
			// u15 = 0. MA12 = 3.0 is the low (MA11 = 10/3), so Sahm = 1.0;
			// MA13 = (3+3+0)/3 = 2 must not count (it would give 2.0).
			name: "low at the 12th prior average, older data ignored",
			obs:  monthly("2024-01", 0, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4),
			want: 1.0,
		},
		{
			// Real data as of 2026-02 (2025-10 missing, skipped by
			// observation). Newest first: 4.4 4.3 4.4 4.5 4.4 4.3 4.3 4.1
			// 4.3 4.2 4.2 4.2 4.0 4.1 4.2. MA0 = 13.1/3 = 4.3667; the prior
			// averages: 4.4 4.4333 4.4 4.3333 4.2333 4.2333 4.2 4.2333 4.2
			// 4.1333 4.1 4.1 → low 4.1; Sahm = 13.1/3 − 4.1 = 0.26667.
			name: "real UNRATE 2026-02",
			obs:  realUnrate,
			want: 13.1/3 - 4.1,
		},
		{
			name: "14 observations is too few",
			obs:  monthly("2024-01", 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.9, 4.5),
			want: macroNaN,
		},
		{name: "none", obs: nil, want: macroNaN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sahm(tt.obs); !sameFloat(got, tt.want) {
				t.Errorf("Sahm = %v, want %v", got, tt.want)
			}
			rep := AnalyzeMacro(map[string][]Observation{UnrateID: tt.obs}, macroDate("2099-01-01"), macroNaN)
			if !sameFloat(rep.Sahm, tt.want) {
				t.Errorf("report Sahm = %v, want %v", rep.Sahm, tt.want)
			}
			if hit := tt.want >= 0.5; rep.SahmHit != hit {
				t.Errorf("SahmHit = %v, want %v", rep.SahmHit, hit)
			}
		})
	}
}

func TestMacroChanges(t *testing.T) {
	tests := []struct {
		name        string
		asOf        string
		last        Observation
		c3, c6, c12 float64
		wantObs     int
	}{
		{
			// 2026-02 4.4: 2025-11 4.5 → −0.1; 2025-08 4.3 → +0.1;
			// 2025-02 4.2 → +0.2. 26 months minus the missing one = 25.
			name: "latest", asOf: "2026-02-01",
			last: Observation{macroDate("2026-02-01"), 4.4}, c3: -0.1, c6: 0.1, c12: 0.2, wantObs: 25,
		},
		{
			// As of 2026-01-31 the latest is 2026-01 4.3; three months back
			// is 2025-10, which is missing → NaN (not 2025-09's value);
			// 2025-07 4.3 → 0; 2025-01 4.0 → +0.3.
			name: "missing month", asOf: "2026-01-31",
			last: Observation{macroDate("2026-01-01"), 4.3}, c3: macroNaN, c6: 0, c12: 0.3, wantObs: 24,
		},
		{
			// As of 2024-06-15: 2024-06 4.1; 2024-03 3.9 → +0.2; 2023-12
			// and 2023-06 are before the data → NaN.
			name: "short history", asOf: "2024-06-15",
			last: Observation{macroDate("2024-06-01"), 4.1}, c3: 0.2, c6: macroNaN, c12: macroNaN, wantObs: 6,
		},
		{
			name: "before the data", asOf: "2023-12-31",
			last: Observation{0, macroNaN}, c3: macroNaN, c6: macroNaN, c12: macroNaN, wantObs: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := AnalyzeMacro(map[string][]Observation{UnrateID: realUnrate}, macroDate(tt.asOf), macroNaN)
			u := rep.Series[0]
			if u.ID != UnrateID || u.Name != "Unemployment rate" || u.Unit != "%" {
				t.Fatalf("first series %q %q %q", u.ID, u.Name, u.Unit)
			}
			if len(u.Obs) != tt.wantObs {
				t.Errorf("%d observations, want %d", len(u.Obs), tt.wantObs)
			}
			if u.Last.Date != tt.last.Date || !sameFloat(u.Last.Value, tt.last.Value) {
				t.Errorf("Last = %v, want %v", u.Last, tt.last)
			}
			for _, c := range []struct {
				n         string
				got, want float64
			}{{"3M", u.Change3M, tt.c3}, {"6M", u.Change6M, tt.c6}, {"12M", u.Change12M, tt.c12}} {
				if !sameFloat(c.got, c.want) {
					t.Errorf("Change%s = %v, want %v", c.n, c.got, c.want)
				}
			}
		})
	}
}

func TestMacroLaborChange(t *testing.T) {
	tests := []struct {
		on     string
		want   float64
		wantOK bool
	}{
		{"2026-02-01", 0.2, true},       // 2026-02 4.4 − 2025-02 4.2
		{"2026-10-15", 0.2, true},       // nothing newer: still 2026-02
		{"2026-01-15", 0.3, true},       // 2025-12 4.4 − 2024-12 4.1
		{"2025-11-20", 0.3, true},       // 2025-11 4.5 − 2024-11 4.2
		{"2025-10-15", 0.3, true},       // 2025-10 missing: 2025-09 4.4 − 2024-09 4.1
		{"2025-01-01", 0.3, true},       // 2025-01 4.0 − 2024-01 3.7
		{"2024-12-31", macroNaN, false}, // 2024-12 4.1, but 2023-12 is before the data
		{"2023-06-01", macroNaN, false}, // before the data
	}
	for _, tt := range tests {
		got, ok := LaborChange(realUnrate, macroDate(tt.on))
		if ok != tt.wantOK || !sameFloat(got, tt.want) {
			t.Errorf("LaborChange(%s) = %v, %v; want %v, %v", tt.on, got, ok, tt.want, tt.wantOK)
		}
	}

	// The observation twelve months back must be missing, not replaced by
	// its neighbour: 2025-10 absent from a series that has 2025-09.
	// 2025-09 .. 2026-11, 15 months.
	gappy := monthly("2025-09", 4.4, macroNaN, 4.5, 4.4, 4.3, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.4, 4.6)
	if got, ok := LaborChange(gappy, macroDate("2026-10-01")); ok {
		t.Errorf("LaborChange across the missing 2025-10 = %v, want not ok", got)
	}
	// 2026-11 4.6 − 2025-11 4.5 = +0.1.
	if got, ok := LaborChange(gappy, macroDate("2026-11-01")); !ok || !sameFloat(got, 0.1) {
		t.Errorf("LaborChange(2026-11-01) = %v, %v; want 0.1, true", got, ok)
	}
	if _, ok := LaborChange(nil, macroDate("2026-01-01")); ok {
		t.Error("LaborChange(nil) ok")
	}
}

func TestMacroFoodVsHigh(t *testing.T) {
	tests := []struct {
		name string
		obs  []Observation
		want float64
	}{
		{
			// 2024-01..2025-03; the 12 months ending 2025-03 are
			// 2024-04..2025-03, so 2024-03's 12700 is outside and 2024-04's
			// 12500 is the high: (12250/12500 − 1)·100 = −2.0.
			name: "below the high",
			obs: monthly("2024-01", 12600, 12000, 12700, 12500, 12400, 12400, 12400, 12400,
				12400, 12400, 12400, 12400, 12400, 12300, 12250),
			want: -2.0,
		},
		{
			// The latest is the high: 0.
			name: "at the high",
			obs:  monthly("2024-01", 12000, 12100, 12200),
			want: 0,
		},
		{
			// One month, a missing month, then the latest:
			// (12375/12500 − 1)·100 = −1.0.
			name: "with a gap",
			obs:  monthly("2024-01", 12500, macroNaN, 12375),
			want: -1.0,
		},
		{name: "no data", obs: nil, want: macroNaN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := AnalyzeMacro(map[string][]Observation{FoodServicesID: tt.obs}, macroDate("2030-01-01"), macroNaN)
			if !sameFloat(rep.FoodVsHigh, tt.want) {
				t.Errorf("FoodVsHigh = %v, want %v", rep.FoodVsHigh, tt.want)
			}
			if f := rep.Series[2]; f.ID != FoodServicesID || f.Name != "Food services & drinking places" || f.Unit != "thousands" {
				t.Errorf("third series %q %q %q", f.ID, f.Name, f.Unit)
			}
		})
	}
}

func TestMacroRoadmap(t *testing.T) {
	// FEDFUNDS 2024-08..2025-02; 6 months before 2025-02 is 2024-08:
	// 4.33 − 5.08 = −0.75.
	easing := monthly("2024-08", 5.08, 5.13, 4.83, 4.64, 4.48, 4.33, 4.33)
	flat := monthly("2024-08", 5.33, 5.33, 5.33, 5.33, 5.33, 5.33, 5.33)
	// 5.58 − 5.33 = +0.25.
	hiking := monthly("2024-08", 5.33, 5.33, 5.33, 5.33, 5.33, 5.33, 5.58)
	risingU := monthly("2024-01", 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.5, 3.6, 3.9, 4.5)

	type step struct {
		triggered, known bool
		detail           string
	}
	tests := []struct {
		name   string
		series map[string][]Observation
		asOf   string
		rs     float64
		want   [3]step // robots, unemployment, Fed
	}{
		{
			name:   "all triggered",
			series: map[string][]Observation{UnrateID: risingU, FedFundsID: easing},
			asOf:   "2025-03-01", rs: 0.0423,
			want: [3]step{
				{true, true, "bits vs atoms +0.042 (> 0)"},
				{true, true, "Sahm 0.50 pt (≥ 0.50)"}, // see TestMacroSahm
				{true, true, "-0.75 pt over 6 months"},
			},
		},
		{
			name:   "real UNRATE, flat Fed, atoms winning",
			series: map[string][]Observation{UnrateID: realUnrate, FedFundsID: flat},
			asOf:   "2026-02-01", rs: -0.1,
			want: [3]step{
				{false, true, "bits vs atoms -0.100 (≤ 0)"},
				{false, true, "Sahm 0.27 pt (< 0.50)"}, // 0.26667, see TestMacroSahm
				{false, true, "+0.00 pt over 6 months"},
			},
		},
		{
			name:   "zero rotation, hiking",
			series: map[string][]Observation{FedFundsID: hiking},
			asOf:   "2025-02-28", rs: 0,
			want: [3]step{
				{false, true, "bits vs atoms +0.000 (≤ 0)"},
				{false, false, "no UNRATE data"},
				{false, true, "+0.25 pt over 6 months"},
			},
		},
		{
			name:   "nothing",
			series: nil,
			asOf:   "2025-02-28", rs: macroNaN,
			want: [3]step{
				{false, false, "no bits/atoms data"},
				{false, false, "no UNRATE data"},
				{false, false, "no FEDFUNDS data"},
			},
		},
		{
			// asOf 2024-12-31 cuts FEDFUNDS to 2024-08..2024-12 (six months
			// before 2024-12 is 2024-06, absent) and leaves 12 of
			// risingU's 15 months (2024-01..2024-12).
			name:   "too short",
			series: map[string][]Observation{UnrateID: risingU, FedFundsID: easing},
			asOf:   "2024-12-31", rs: 1,
			want: [3]step{
				{true, true, "bits vs atoms +1.000 (> 0)"},
				{false, false, "UNRATE: need 15 months, have 12"},
				{false, false, "FEDFUNDS: no observation 6 months before 2024-12-01"},
			},
		},
	}
	names := []string{"robots deployed", "unemployment spike", "Fed easing"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := AnalyzeMacro(tt.series, macroDate(tt.asOf), tt.rs)
			if len(rep.Roadmap) != 3 {
				t.Fatalf("%d roadmap steps, want 3", len(rep.Roadmap))
			}
			for i, st := range rep.Roadmap {
				w := tt.want[i]
				if st.Name != names[i] || st.Triggered != w.triggered || st.Known != w.known || st.Detail != w.detail {
					t.Errorf("step %d = %+v, want %q %+v", i, st, names[i], w)
				}
			}
		})
	}
}

func TestMacroSeriesInput(t *testing.T) {
	// Out-of-order input with a NaN and a point after asOf: the report's
	// observations are sorted, finite, ≤ asOf, and the input is untouched.
	in := []Observation{
		{macroDate("2024-03-01"), 5.33},
		{macroDate("2024-01-01"), 5.33},
		{macroDate("2024-02-01"), macroNaN},
		{macroDate("2024-04-01"), 5.5},
	}
	rep := AnalyzeMacro(map[string][]Observation{FedFundsID: in, "OTHER": in}, macroDate("2024-03-31"), macroNaN)
	if len(rep.Series) != 3 {
		t.Fatalf("%d series, want 3", len(rep.Series))
	}
	var ids []string
	for _, s := range rep.Series {
		ids = append(ids, s.ID)
	}
	if got := strings.Join(ids, ","); got != strings.Join(MacroIDs(), ",") || got != "UNRATE,FEDFUNDS,CES7072200001" {
		t.Errorf("series order %s", got)
	}
	ff := rep.Series[1]
	want := []Observation{{macroDate("2024-01-01"), 5.33}, {macroDate("2024-03-01"), 5.33}}
	if len(ff.Obs) != 2 || ff.Obs[0] != want[0] || ff.Obs[1] != want[1] {
		t.Errorf("Obs = %v, want %v", ff.Obs, want)
	}
	// 2024-03 5.33 − 2023-12 (absent) → NaN.
	if ff.Last != want[1] || !math.IsNaN(ff.Change3M) {
		t.Errorf("Last %v Change3M %v", ff.Last, ff.Change3M)
	}
	if in[0].Date != macroDate("2024-03-01") {
		t.Error("input reordered")
	}
	if u := rep.Series[0]; u.Obs != nil || !math.IsNaN(u.Last.Value) || !math.IsNaN(u.Change12M) {
		t.Errorf("absent UNRATE = %+v, want empty with NaNs", u)
	}
}
