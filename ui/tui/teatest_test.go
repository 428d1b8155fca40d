package tui

import (
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/whoosh-dev/whoosh/market"
)

// startProgram runs the model in a test program at w×h and feeds it the
// demo data as the poller would.
func startProgram(t *testing.T, w, h int) *teatest.TestModel {
	t.Helper()
	tm := teatest.NewTestModel(t, New(testOptions()), teatest.WithInitialTermSize(w, h))
	hm, qm := demoMsgs(t, testSpec())
	tm.Send(hm)
	tm.Send(qm)
	return tm
}

func finalModel(t *testing.T, tm *teatest.TestModel) Model {
	t.Helper()
	return tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
}

// goldenSizes are the terminal sizes every screen is pinned at.
var goldenSizes = [][2]int{{50, 15}, {80, 24}, {120, 40}, {200, 60}}

// TestScreensGolden pins every screen (and a ticker detail) at 50×15,
// 80×24, 120×40 and 200×60 on demo data as of 2025-06-30. Update with
// `go test ./ui/tui/ -update`.
func TestScreensGolden(t *testing.T) {
	for _, sz := range goldenSizes {
		for i, name := range append(screenNames[:], "Robots") {
			t.Run(fmt.Sprintf("%dx%d_%d_%s", sz[0], sz[1], i+1, name), func(t *testing.T) {
				tm := startProgram(t, sz[0], sz[1])
				tm.Type(fmt.Sprint(i + 1))
				tm.Type("q")
				fm := finalModel(t, tm)
				if fm.Screen() != i {
					t.Fatalf("screen %d, want %d", fm.Screen(), i)
				}
				teatest.RequireEqualOutput(t, []byte(fm.View()))
			})
		}
		t.Run(fmt.Sprintf("%dx%d_detail", sz[0], sz[1]), func(t *testing.T) {
			tm := startProgram(t, sz[0], sz[1])
			tm.Type("3")
			tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
			tm.Type("q")
			fm := finalModel(t, tm)
			if fm.Detail() != "TSLA" {
				t.Fatalf("detail %q, want TSLA", fm.Detail())
			}
			teatest.RequireEqualOutput(t, []byte(fm.View()))
		})
	}
}

// TestKeysDriveTheProgram runs a whole session in a real program: screen
// switching, window change, sort, detail, resize and quit; the final model
// holds every effect.
func TestKeysDriveTheProgram(t *testing.T) {
	tm := startProgram(t, 80, 24)
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})      // → Baskets
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})      // → Tesla
	tm.Send(tea.KeyMsg{Type: tea.KeyShiftTab}) // → Baskets
	tm.Type("hh")                              // ESSAY → 5Y → 2Y
	tm.Type("s")                               // contribution → name; BTC-USD (top by contribution) stays selected
	tm.Type("j")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter}) // ETH-USD, the row after BTC-USD by name
	tm.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return len(b) > 0 },
		teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	fm := finalModel(t, tm)
	if !fm.Quitting() {
		t.Error("not quitting after ctrl+c")
	}
	if fm.Screen() != ScreenBaskets || fm.Window() != market.Win2Y || fm.Sort().String() != "name" || fm.Detail() != "ETH-USD" {
		t.Errorf("final model: screen %d window %v sort %v detail %q; want 1 2Y name ETH-USD",
			fm.Screen(), fm.Window(), fm.Sort(), fm.Detail())
	}
	if fm.width != 120 || fm.height != 40 {
		t.Errorf("size %dx%d after resize, want 120x40", fm.width, fm.height)
	}
	if fm.State().Report.Window != market.Win2Y {
		t.Errorf("report window %v, want 2Y", fm.State().Report.Window)
	}
}
