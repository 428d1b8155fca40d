package tui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

var benchSizes = [][2]int{{80, 24}, {120, 40}, {200, 60}}

// BenchmarkView measures View() per screen and size: what Bubble Tea calls
// on every frame. Views are rendered when the state changes, so this is
// the idle cost.
func BenchmarkView(b *testing.B) {
	base := loaded(b, 80, 24)
	for _, sz := range benchSizes {
		for i := 0; i < base.screenCount(); i++ {
			m := send(b, base, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, keyMsg(fmt.Sprint(i+1)))
			b.Run(fmt.Sprintf("%dx%d/screen%d", sz[0], sz[1], i+1), func(b *testing.B) {
				for b.Loop() {
					_ = m.View()
				}
			})
		}
	}
}

// BenchmarkRender measures a full render of each screen from a fresh state
// (cache miss): the cost paid once per change.
func BenchmarkRender(b *testing.B) {
	base := loaded(b, 80, 24)
	for _, sz := range benchSizes {
		for i := 0; i < base.screenCount(); i++ {
			m := send(b, base, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]}, keyMsg(fmt.Sprint(i+1)))
			b.Run(fmt.Sprintf("%dx%d/screen%d", sz[0], sz[1], i+1), func(b *testing.B) {
				for b.Loop() {
					_ = m.compose(sz[0], sz[1])
				}
			})
		}
	}
}

// BenchmarkWindowChange measures a ← keypress end to end: recompute of the
// analytics on the demo data plus the render.
func BenchmarkWindowChange(b *testing.B) {
	m := loaded(b, 200, 60)
	for b.Loop() {
		m = send(b, m, keyMsg("left"))
	}
}
