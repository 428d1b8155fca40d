package tui

import (
	"slices"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/feeds"
)

// BenchmarkQuoteUpdate is a quote poll arriving at a loaded 200×60
// dashboard: Update with a QuotesMsg in which one price moved, then the
// frame. This is what every refresh costs, the path incremental quote
// updates should make cheap (it must not recompute five years).
func BenchmarkQuoteUpdate(b *testing.B) {
	_, qm := demoMsgs(b, testSpec())
	refreshLoop(b, loaded(b, 200, 60), qm)
}

// refreshLoop feeds m quote polls in which one price moves up and down,
// each followed by the frame.
func refreshLoop(b *testing.B, m tea.Model, qm feeds.QuotesMsg) {
	up, down := moved(qm, 1.001), moved(qm, 0.999)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		msg := up
		if i%2 == 1 {
			msg = down
		}
		i++
		m, _ = m.Update(msg)
		_ = m.View()
	}
}

// moved returns qm with the first good quote's price scaled by f.
func moved(qm feeds.QuotesMsg, f float64) tea.Msg {
	qs := slices.Clone(qm.Quotes)
	for i := range qs {
		if qs[i].Err == nil {
			qs[i].Price *= f
			break
		}
	}
	return feeds.QuotesMsg{Quotes: qs, At: qm.At}
}
