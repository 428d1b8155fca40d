package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// at finds text in view: its column and row.
func at(t *testing.T, view, text string) (x, y int) {
	t.Helper()
	for y, l := range strings.Split(ansi.Strip(view), "\n") {
		if i := strings.Index(l, text); i >= 0 {
			return ansi.StringWidth(l[:i]), y
		}
	}
	t.Fatalf("%q not on screen:\n%s", text, view)
	return 0, 0
}

func click(x, y int) tea.MouseMsg {
	return tea.MouseMsg{X: x, Y: y, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress}
}

func wheel(b tea.MouseButton) tea.MouseMsg {
	return tea.MouseMsg{Button: b, Action: tea.MouseActionPress}
}

// TestMouseDrivesTheProgram: in a running program a click on a tab
// switches to it, the wheel moves the selection, a click selects a row and
// a second click on it opens its detail.
func TestMouseDrivesTheProgram(t *testing.T) {
	ref := loaded(t, 120, 40) // the same frames the program draws
	tabX, tabY := at(t, ref.View(), "2 Baskets")
	baskets := send(t, ref, keyMsg("2"))
	target := baskets.rows()[4].Symbol
	rowX, rowY := at(t, baskets.View(), "  "+target+" ")

	tm := startProgram(t, 120, 40)
	tm.Send(click(tabX+1, tabY))
	tm.Send(wheel(tea.MouseButtonWheelDown))
	tm.Send(wheel(tea.MouseButtonWheelDown))
	tm.Send(wheel(tea.MouseButtonWheelUp))
	tm.Send(wheel(tea.MouseButtonWheelDown))
	tm.Send(click(rowX+20, rowY)) // on the row's numbers: selects it
	tm.Send(click(rowX+3, rowY))  // again: opens it
	tm.Type("q")
	fm := finalModel(t, tm)
	if fm.Screen() != ScreenBaskets || fm.Detail() != target {
		t.Errorf("after clicks: screen %d detail %q, want %d and %s", fm.Screen(), fm.Detail(), ScreenBaskets, target)
	}
}

// TestMouseWheelAndClick runs the same gestures through Update: the wheel
// moves one row a notch, a click elsewhere than a row does nothing.
func TestMouseWheelAndClick(t *testing.T) {
	m := send(t, loaded(t, 120, 40), keyMsg("2"), wheel(tea.MouseButtonWheelDown), wheel(tea.MouseButtonWheelDown))
	if m.sel != 2 {
		t.Errorf("selection %d after two wheel notches, want 2", m.sel)
	}
	// Side by side: a click on the right-hand table selects an atoms row.
	atoms := m.rows()[len(m.state.Report.Bits.Members)+1].Symbol
	x, y := at(t, m.View(), "  "+atoms+" ")
	if m = send(t, m, click(x+5, y)); m.rows()[m.sel].Symbol != atoms {
		t.Errorf("clicked %s, selected %s", atoms, m.rows()[m.sel].Symbol)
	}
	before := m.sel
	if m = send(t, m, click(0, 0)); m.sel != before || m.Detail() != "" {
		t.Error("a click on the header changed the selection")
	}
	if got := len(ProgramOptions(true)); got != 1 {
		t.Errorf("--no-mouse: %d options, want the alt screen only", got)
	}
}
