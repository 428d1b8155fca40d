package tui

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// showEdit shows next at once and returns the Cmd that writes the edit:
// config.EditFile, then the new config to the stream (OnConfig), which
// fetches an added symbol now and tells every front end.
func (m *Model) showEdit(verb, sym, list string, prev, next market.Spec, edit func([]byte) ([]byte, error)) tea.Cmd {
	m.feed.Spec = next
	m.note = fmt.Sprintf("%s %s · saving…", verb, ui.Sanitize(sym))
	m.editNote = m.note
	m.recompute()
	if _, ok := m.watchlist(); !ok && verb == "added" {
		m.setScreen(fixedScreens + len(next.Watchlists) - 1) // the watchlist just started
	}
	path, apply, gen := m.o.ConfigPath, m.o.OnConfig, m.configGen
	write := func() tea.Msg {
		done := editDoneMsg{verb: verb, sym: sym, list: list, prev: prev, gen: gen}
		cfg, err := config.EditFile(path, edit)
		switch {
		case err != nil:
			done.err = err
		case apply != nil:
			apply(cfg)
		default:
			sp := cfg.Spec()
			done.spec = &sp
		}
		return done
	}
	if m.saving {
		// Typing ahead (a, a symbol, enter, a, …) must not turn into
		// hotkeys while a write is out: the edit waits its turn.
		m.queued = append(m.queued, write)
		return nil
	}
	m.saving = true
	return write
}

// nextEdit starts the write of the next edit made while one was out.
func (m *Model) nextEdit() tea.Cmd {
	if len(m.queued) == 0 {
		return nil
	}
	next := m.queued[0]
	m.queued = m.queued[1:]
	m.saving = true
	return next
}

// editDone takes the write's outcome: on failure the screen goes back to
// the spec before the edit (unless a config reload came in between) and
// says why.
func (m *Model) editDone(msg editDoneMsg) {
	m.saving = false
	if msg.err != nil {
		delete(m.adding, msg.sym)
		if m.configGen == msg.gen {
			m.feed.Spec = msg.prev
		}
		first, _, _ := strings.Cut(msg.err.Error(), "\n")
		m.note = "not saved: " + ui.Sanitize(first)
		m.editNote = m.note
		m.recompute()
		return
	}
	if msg.spec != nil {
		m.feed.Apply(app.ConfigMsg{Spec: *msg.spec})
		m.recompute()
	}
	to := map[string]string{"added": " to ", "removed": " from "}[msg.verb]
	m.note = fmt.Sprintf("%s %s%s%s · saved to %s", msg.verb, ui.Sanitize(msg.sym), to, ui.Sanitize(msg.list),
		ui.Sanitize(filepath.Base(m.o.ConfigPath)))
	m.editNote = m.note
}
