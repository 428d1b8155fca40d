package tui

import (
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/app"
)

// recompute runs the analytics on the feed for the window at the clock's
// now; it is called when the data, the window or the config changed, and
// when the age on screen would change.
func (m *Model) recompute() {
	m.hasData = len(m.feed.Data.Histories) > 0
	m.spec = m.feed.Spec
	m.keys.setScreens(m.screenCount())
	m.full = m.feed.State(m.window, m.o.Now())
	if len(m.adding) > 0 && !m.full.Status.Loading {
		// A symbol just added is on its way: its row and the header say
		// loading until its history (or its error) arrives.
		m.full.Status.Loading, m.full.Status.Loaded, m.full.Status.Total = true, 0, 0
	}
	m.state = m.filtered(m.full)
	m.dirty, m.lastCompute = false, time.Now()
	m.version++
	m.clampSel()
}

// restate moves the state to the clock when only the clock moved (the
// age label, freshness badges): a render, not a recompute.
func (m *Model) restate() {
	st, ok := m.feed.Restate(m.full, m.o.Now())
	if !ok || m.dirty {
		m.recompute()
		return
	}
	m.full = st
	m.state = m.filtered(m.full)
	m.version++
}

// dataChanged recomputes now, or at the end of the coalescing interval
// when the last recompute was less than Coalesce ago.
func (m *Model) dataChanged() tea.Cmd {
	m.dirty = true
	if m.deferred {
		return nil
	}
	wait := m.o.Coalesce - time.Since(m.lastCompute)
	if m.o.Coalesce <= 0 || wait <= 0 {
		m.recompute()
		return m.ageTick()
	}
	m.deferred = true
	return tea.Tick(wait, func(time.Time) tea.Msg { return recomputeMsg{} })
}

// ageTick schedules a recompute for when the data's age, as the header
// prints it, next changes (and freshness with it: LIVE turns DELAYED, a
// session closes). Idle, that is one frame a minute at most.
func (m *Model) ageTick() tea.Cmd {
	m.ticks++
	version := m.ticks
	now := m.o.Now()
	wait := time.Minute
	if u := m.state.Status.Updated; !u.IsZero() && now.After(u) {
		wait = ageStep(now.Sub(u))
	}
	return tea.Tick(wait, func(time.Time) tea.Msg { return ageTickMsg{version} })
}

// ageStep is the wait until feeds.ShortAge(age) changes, at most a minute.
func ageStep(age time.Duration) time.Duration {
	unit := time.Minute
	if age < time.Minute {
		unit = time.Second
	}
	return min(unit-age%unit, time.Minute)
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || (!m.feed.Loading && m.hasData) {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

func (m *Model) applyConfig(msg app.ConfigMsg) tea.Cmd {
	if msg.Err == nil && msg.Window != nil {
		m.window = *msg.Window
	}
	m.recompute() // the stream fetches the symbols the new spec adds
	if m.screen >= m.screenCount() {
		m.screen = ScreenOverview
	}
	return nil
}
