package ui

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/market"
)

// panelFunc is the common shape of every panel.
type panelFunc func(s State, width, height int) string

// tickerSeries is a synthetic TSLA history over the ESSAY window.
func tickerSeries(s State) market.Series {
	ser := market.Series{Symbol: "TSLA"}
	for i, d := range s.Report.Dates {
		ser.Dates = append(ser.Dates, d)
		ser.Close = append(ser.Close, 200+50*math.Sin(float64(i)/20)+float64(i)/5)
	}
	return ser
}

func allPanels() map[string]panelFunc {
	return map[string]panelFunc{
		"header":        HeaderPanel,
		"rs":            RSPanel,
		"bits":          BitsPanel,
		"atoms":         AtomsPanel,
		"gap":           GapPanel,
		"gaphistory":    GapHistoryPanel,
		"corr":          CorrPanel,
		"whoosh":        WhooshPanel,
		"whooshhistory": WhooshHistoryPanel,
		"movers":        MoversPanel,
		"macro":         MacroPanel,
		"help":          HelpPanel,
		"watchlist": func(s State, w, h int) string {
			return WatchlistPanel(s, 0, TableOptions{Sort: SortWindow, Selected: 1}, w, h)
		},
		"ticker":   func(s State, w, h int) string { return TickerPanel(s, "TSLA", tickerSeries(s), w, h) },
		"snapshot": func(s State, w, h int) string { return RenderSnapshot(s, w) },
	}
}

// checkGolden compares got with testdata/name.golden (rewritten with -update).
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./ui/ -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden:\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// TestPanelGolden pins every panel on the fixture at three box sizes.
func TestPanelGolden(t *testing.T) {
	s := FixtureState(market.WinEssay)
	for name, f := range allPanels() {
		for _, sz := range [][2]int{{60, 12}, {80, 20}, {120, 30}} {
			t.Run(fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]), func(t *testing.T) {
				got := f(s, sz[0], sz[1])
				checkGolden(t, fmt.Sprintf("%s_%dx%d", name, sz[0], sz[1]), got)
			})
		}
	}
}

// maxWidth returns the widest line of s and its index.
func maxWidth(s string) (int, int) {
	w, at := 0, -1
	for i, l := range strings.Split(s, "\n") {
		if lw := ansi.StringWidth(l); lw > w {
			w, at = lw, i
		}
	}
	return w, at
}

// nanState is the fixture with every number NaN or ±Inf.
func nanState() State {
	s := FixtureState(market.Win1M)
	r := &s.Report
	nan := math.NaN()
	fill := func(xs []float64, v float64) {
		for i := range xs {
			xs[i] = v
		}
	}
	fill(r.Bits.Index, nan)
	fill(r.Atoms.Index, math.Inf(1))
	fill(r.RS.Series, math.Inf(-1))
	fill(r.Gap.MoveHistory, nan)
	fill(r.Gap.RatioHistory, math.Inf(1))
	fill(r.Whoosh.History, nan)
	r.Bits.ReturnPct, r.RS.Last, r.RS.SpreadPP = nan, nan, math.Inf(1)
	r.Gap.TeslaCap, r.Gap.RatioFirst, r.Gap.MoveUSD = nan, nan, nan
	r.Tesla.CorrBits, r.Tesla.CorrAtoms = nan, nan
	r.Whoosh.Score = nan
	for i := range r.Bits.Members {
		r.Bits.Members[i].DayPct, r.Bits.Members[i].Last = nan, math.Inf(1)
	}
	for i := range r.Whoosh.Components {
		r.Whoosh.Components[i].Raw, r.Whoosh.Components[i].Points = nan, nan
	}
	return s
}

// edgeStates are the states no panel may panic on or print blank.
func edgeStates() map[string]State {
	partial := FixtureState(market.WinEssay)
	partial.Report.Atoms.Index = partial.Report.Atoms.Index[:3] // shorter than Dates
	partial.Report.Gap.MoveInEach = nil
	partial.Report.Gap.IncumbCaps = partial.Report.Gap.IncumbCaps[:1]
	one := FixtureState(market.Win1M)
	one.Report.Bits.Index = []float64{100}
	one.Report.Atoms.Index = []float64{100, 100, 100}
	loading := State{Status: Status{Loading: true, Loaded: 14, Total: 31}}
	return map[string]State{
		"empty":   {},
		"loading": loading,
		"nan":     nanState(),
		"partial": partial,
		"flat":    one,
		"fixture": FixtureState(market.Win5Y),
	}
}

// TestPanelWidths checks that no panel, on any state, ever prints a line
// wider than its width, for widths 60..220, or more lines than its height.
func TestPanelWidths(t *testing.T) {
	for sname, s := range edgeStates() {
		for pname, f := range allPanels() {
			for width := 60; width <= 220; width += 16 {
				for _, height := range []int{7, 0} {
					got := f(s, width, height)
					if w, at := maxWidth(got); w > width {
						t.Errorf("%s/%s %dx%d: line %d is %d wide:\n%s", sname, pname, width, height, at, w, got)
					}
					if n := strings.Count(got, "\n") + 1; height > 0 && pname != "snapshot" && n > height {
						t.Errorf("%s/%s %dx%d: %d lines", sname, pname, width, height, n)
					}
				}
			}
		}
	}
}

// TestPanelsNeverBlank checks every panel prints visible text on every
// edge state, and that the empty and loading states say so.
func TestPanelsNeverBlank(t *testing.T) {
	for sname, s := range edgeStates() {
		for pname, f := range allPanels() {
			got := f(s, 80, 12)
			if strings.TrimSpace(ansi.Strip(got)) == "" {
				t.Errorf("%s/%s: blank", sname, pname)
			}
		}
	}
	tests := []struct {
		state State
		want  string
	}{
		{State{}, "no data"},
		{State{Status: Status{Loading: true, Loaded: 14, Total: 31}}, "history 14/31"},
	}
	for _, tc := range tests {
		for _, pname := range []string{"rs", "gap", "corr", "whoosh", "movers", "gaphistory", "whooshhistory"} {
			if got := allPanels()[pname](tc.state, 80, 12); !strings.Contains(got, tc.want) {
				t.Errorf("%s on %+v: want %q in\n%s", pname, tc.state.Status, tc.want, got)
			}
		}
	}
}

// TestSanitizedAtRender feeds hostile provider/config strings and checks
// that no escape or control character reaches the output (colour is off in
// tests, so any ESC would have come from the data) and that nothing of a
// stripped sequence is left either: a sanitizer that drops only the ESC
// byte, or only the control bytes, leaves "]0;pwned" and "[31m" behind.
func TestSanitizedAtRender(t *testing.T) {
	s := FixtureState(market.WinEssay)
	evil := "\x1b]0;pwned\x07EV\x1b[2JIL\r\n\x1b]52;c;ZXZpbA==\x1b\\\x9d52;c;c2Vjb25k\x9c"
	s.Report.Bits.Name = evil
	s.Report.Bits.Members[0].Symbol = "NV\x1b[31mDA"
	s.Report.Gap.Tesla = evil
	s.Report.Gap.Incumbents = []string{evil, "F"}
	s.Report.Tesla.Label = evil
	s.Report.Whoosh.Band = evil
	s.Report.Whoosh.Components[4].Why = evil
	s.Report.Watchlists[0].Name = evil
	s.Report.Missing = []string{evil}
	s.Status.Badge = evil
	s.Status.MarketState = evil
	s.Status.Warnings = []string{evil}
	s.Status.ConfigError = evil
	s.Status.Errors["NV\x1b[31mDA"] = evil
	s.Macro = &market.MacroReport{Series: []market.MacroSeries{{ID: evil, Name: evil, Unit: evil}}, Roadmap: []market.RoadmapStep{{Name: evil, Detail: evil}}}
	residue := []string{"pwned", "]0;", "[2J", "[31m", "31m", "52;c;", "ZXZpbA", "c2Vjb25k", "\ufffd"}
	for pname, f := range allPanels() {
		got := f(s, 100, 40)
		for _, r := range got {
			if r == 0x1b || r == 0x07 || r == '\r' || (r < 0x20 && r != '\n') || (r >= 0x80 && r < 0xa0) {
				t.Errorf("%s: control character %q in output:\n%q", pname, r, got)
				break
			}
		}
		for _, bad := range residue {
			if strings.Contains(got, bad) {
				t.Errorf("%s: residue %q of a stripped sequence in output:\n%s", pname, bad, got)
			}
		}
	}
}

// TestSnapshotContents checks the snapshot shows every panel and fits.
func TestSnapshotContents(t *testing.T) {
	s := FixtureState(market.WinEssay)
	got := RenderSnapshot(s, 0)
	for _, want := range []string{
		"DEMO (simulated)", "Bits vs Atoms", "Economy of Bits", "Economy of Atoms",
		"TSLA/GM 19.6×",         // 1.02e12 / 52.1e9 = 19.58
		"TSLA/(GM+F) 11.1×",     // 1.02e12 / 92.3e9 = 11.05
		"≈ 2.7 GMs / 3.5 Fords", // 142/52.1 = 2.73, 142/40.2 = 3.53
		"Whoosh Index", "labor         absent: no FRED data",
		"ITB         missing", "INTC!", "Robots",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("snapshot lacks %q", want)
		}
	}
	if strings.Contains(got, "Macro") {
		t.Errorf("snapshot shows macro without macro data")
	}
	if w, _ := maxWidth(got); w > DefaultWidth {
		t.Errorf("snapshot is %d wide", w)
	}
	if !strings.HasSuffix(got, "\n") {
		t.Errorf("snapshot does not end with a newline")
	}
	s.Macro = &market.MacroReport{Sahm: 0.27}
	if got := RenderSnapshot(s, 0); !strings.Contains(got, "Sahm rule 0.27 pt") {
		t.Errorf("snapshot with macro lacks the macro panel")
	}
}

// TestRSPanel1DWaitsForBars: in 1D before the 5-minute bars arrive the
// chart says they are coming, instead of drawing the daily two points.
func TestRSPanel1DWaitsForBars(t *testing.T) {
	s := FixtureState(market.WinEssay)
	s.Report.Window = market.Win1D
	out := RSPanel(s, 80, 12)
	if !strings.Contains(out, "waiting for the session's 5-minute bars") || strings.Contains(out, "┼") {
		t.Errorf("1D without bars:\n%s", out)
	}
}
