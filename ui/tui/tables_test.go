package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/whoosh-dev/whoosh/ui"
)

// selectedLine is the symbol on the line marked "› " in view, or "".
func selectedLine(view string) string {
	for _, l := range strings.Split(ansi.Strip(view), "\n") {
		if i := strings.Index(l, "› "); i >= 0 {
			f := strings.Fields(l[i+len("› "):])
			if len(f) > 0 {
				return strings.TrimSuffix(f[0], "!")
			}
		}
	}
	return ""
}

// TestSelectionFollows: on every table screen, at every golden size, with
// the short or the full help, every step down keeps the selected row on
// screen, and enter opens the row shown as selected (issue 16: after 15 ↓
// on Baskets at 80×24 enter opened a symbol that was not on screen).
func TestSelectionFollows(t *testing.T) {
	for _, sz := range goldenSizes {
		for _, screen := range []string{"2", "9"} {
			for _, full := range []bool{false, true} {
				name := fmt.Sprintf("%dx%d_screen%s_full%v", sz[0], sz[1], screen, full)
				t.Run(name, func(t *testing.T) {
					m := send(t, loaded(t, sz[0], sz[1]), keyMsg(screen))
					if full {
						m = send(t, m, keyMsg("?"))
						if m.helpInBody(sz[1]) {
							t.Skip("the full help takes the body at this height")
						}
					}
					n := len(m.rows())
					for i := 0; i <= n+1; i++ {
						want := m.rows()[min(i, n-1)].Symbol
						if got := selectedLine(m.View()); got != want {
							t.Fatalf("after %d ↓ the row marked selected is %q, want %q:\n%s", i, got, want, m.View())
						}
						if d := send(t, m, keyMsg("enter")).Detail(); d != want {
							t.Fatalf("after %d ↓ enter opened %q, want %q", i, d, want)
						}
						m = send(t, m, keyMsg("down"))
					}
					hidden := false
					for _, r := range m.rows() {
						hidden = hidden || !strings.Contains(m.View(), " "+r.Symbol+" ")
					}
					if v := m.View(); hidden && !strings.Contains(v, "↑ ") {
						t.Errorf("at the bottom, no count of the rows above:\n%s", v)
					}
				})
			}
		}
	}
}

// TestEnterEverywhere: enter opens Tesla from the Overview and the
// selected claim on Thesis, and on screens without rows it says why
// instead of doing nothing.
func TestEnterEverywhere(t *testing.T) {
	m := send(t, loaded(t, 80, 24), keyMsg("enter"))
	if m.Detail() != "TSLA" {
		t.Errorf("enter on Overview opened %q, want TSLA", m.Detail())
	}
	m = send(t, loaded(t, 80, 24), keyMsg("6"), keyMsg("down"), keyMsg("enter"))
	if c, ok := m.openClaim(); !ok || c.ID != ui.SortClaims(m.State().Thesis)[1].ID || !strings.Contains(m.View(), c.Claim) {
		t.Errorf("enter on the second claim opened %q:\n%s", m.Detail(), m.View())
	}
	for _, screen := range []string{"4", "5", "7", "8"} {
		m := send(t, loaded(t, 80, 24), keyMsg(screen), keyMsg("enter"))
		if m.Detail() != "" || !strings.Contains(m.View(), "enter: no symbols on this screen") {
			t.Errorf("screen %s: enter opened %q and said:\n%s", screen, m.Detail(), lastLines(m.View(), 2))
		}
	}
}

// TestTallTerminalIsUsed: at 200×60 no screen leaves more than a fifth of
// its rows empty. Macro without FRED data, an empty Alerts log and Help
// are text screens with nothing to stretch; they are left out.
func TestTallTerminalIsUsed(t *testing.T) {
	m := loaded(t, 200, 60)
	for i, name := range append(screenNames[:], "Robots", "detail") {
		if i == ScreenMacro || i == ScreenAlerts || i == ScreenHelp {
			continue
		}
		v := m
		if name == "detail" {
			v = send(t, m, keyMsg("3"), keyMsg("enter"))
		} else {
			v = send(t, m, keyMsg(screenKeys[i]))
		}
		blank := 0
		for _, l := range strings.Split(v.View(), "\n") {
			if strings.TrimSpace(l) == "" {
				blank++
			}
		}
		if blank > 60/5 {
			t.Errorf("%s: %d of 60 rows empty:\n%s", name, blank, v.View())
		}
	}
}

// TestBitsVsAtomsGoesLast: on a short terminal the Overview keeps the
// bits-vs-atoms chart and gives up the small panels first.
func TestBitsVsAtomsGoesLast(t *testing.T) {
	for _, h := range []int{15, 18, 20, 24} {
		v := loaded(t, 80, h).View()
		if !strings.Contains(v, "Bits vs Atoms") || strings.Count(v, "┤") < 3 {
			t.Errorf("80x%d: the bits-vs-atoms chart is gone:\n%s", h, v)
		}
	}
}

// TestOverviewSaysWhereTheRestIs: a short Overview names the screens of
// the panels it had no room for.
func TestOverviewSaysWhereTheRestIs(t *testing.T) {
	m := loaded(t, 50, 15)
	if v := ansi.Strip(m.View()); !strings.Contains(v, "more on ") || !strings.Contains(v, "4 Whoosh") {
		t.Errorf("50×15 Overview does not say where the rest is:\n%s", v)
	}
	m = loaded(t, 120, 40) // everything fits: no hint
	if v := ansi.Strip(m.View()); strings.Contains(v, "more on ") {
		t.Errorf("120×40 Overview hints at missing panels:\n%s", v)
	}
}
