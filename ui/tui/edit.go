package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// prompt is what the keyboard is typing into: nothing (the dashboard's
// keys), the symbol to add, the filter, or the answer to "remove?".
type prompt int

const (
	promptNone prompt = iota
	promptAdd
	promptFilter
	promptConfirm
)

// newWatchlist names the watchlist a starts when the config has none.
const newWatchlist = "Watchlist"

// editDoneMsg is how an edit's write went.
type editDoneMsg struct {
	verb, sym, list string
	prev            market.Spec  // the spec before the edit was shown
	gen             int          // m.configGen when the edit was shown
	spec            *market.Spec // the new spec, when no OnConfig took it
	err             error
}

func newInput() textinput.Model {
	in := textinput.New()
	in.CharLimit = 40
	in.Cursor.SetMode(cursor.CursorStatic) // no blink: no wakeups while typing nothing
	return in
}

// editable says why a and d cannot edit here, or "".
func (m *Model) editable(k string) string {
	switch {
	case m.o.NoEdits:
		return "edits are off in this session"
	case m.o.ConfigPath == "":
		return k + ": no config file to write to (no config directory; use --config FILE)"
	}
	return ""
}

// watchlist is the index in the spec of the watchlist on screen.
func (m *Model) watchlist() (int, bool) {
	i := m.screen - fixedScreens
	return i, i >= 0 && i < len(m.spec.Watchlists)
}

// startAdd opens the add prompt: on a watchlist's screen it adds there;
// with no watchlist at all it starts one.
func (m *Model) startAdd() tea.Cmd {
	if why := m.editable("a"); why != "" {
		m.note = why
		return nil
	}
	label := "new watchlist " + newWatchlist + " · add"
	if i, ok := m.watchlist(); ok {
		label = "add to " + ui.Sanitize(m.spec.Watchlists[i].Name)
	} else if len(m.spec.Watchlists) > 0 {
		m.note = fmt.Sprintf("a: open a watchlist (%d…) to add a symbol to it", fixedScreens+1)
		return nil
	}
	m.openPrompt(promptAdd, label+": ")
	return nil
}

func (m *Model) openPrompt(p prompt, label string) {
	m.prompt = p
	m.input.Reset()
	m.input.Prompt = label
	m.input.Focus()
}

func (m *Model) closePrompt() {
	m.prompt = promptNone
	m.input.Blur()
}

// submitAdd checks the typed symbol; a good one is shown at once (its row
// says loading) and written to the config in a Cmd.
func (m *Model) submitAdd() tea.Cmd {
	raw := m.input.Value()
	sym := market.NormalizeSymbol(raw)
	i, onList := m.watchlist()
	switch {
	case sym == "":
		m.note = "type a symbol (esc cancels)"
		return nil
	case !market.ValidSymbol(sym):
		m.note = fmt.Sprintf("%q is not a symbol: 1-24 of A-Z 0-9 . - ^ = (e.g. BRK-B, ^GSPC)", ui.Sanitize(strings.TrimSpace(raw)))
		return nil
	case onList && slices.Contains(m.spec.Watchlists[i].Symbols(), sym):
		m.note = sym + " is already in " + ui.Sanitize(m.spec.Watchlists[i].Name)
		return nil
	}
	m.closePrompt()
	prev := m.feed.Spec
	next := prev
	next.Watchlists = slices.Clone(prev.Watchlists)
	var edit func([]byte) ([]byte, error)
	list := newWatchlist
	if onList {
		w := next.Watchlists[i]
		list = w.Name
		w.Members = append(slices.Clip(w.Members), market.Member{Symbol: sym, Weight: 1})
		next.Watchlists[i] = w
		edit = func(src []byte) ([]byte, error) { return config.AddMember(src, list, sym) }
	} else {
		next.Watchlists = append(next.Watchlists, market.Basket{Key: list, Name: list,
			Members: []market.Member{{Symbol: sym, Weight: 1}}})
		edit = func(src []byte) ([]byte, error) { return config.AddWatchlist(src, list, sym) }
	}
	if !m.hasHistory(sym) {
		m.adding[sym] = true // loading until its history or error comes
	}
	return m.showEdit("added", sym, list, prev, next, edit)
}

// startRemove asks to remove the selected row's symbol.
func (m *Model) startRemove() {
	if why := m.editable("d"); why != "" {
		m.note = why
		return
	}
	i, ok := m.watchlist()
	rows := m.rows()
	switch {
	case !ok:
		m.note = "d: open a watchlist to remove a symbol from it"
		return
	case m.sel >= len(rows):
		m.note = "d: no row selected"
		return
	case len(m.spec.Watchlists[i].Members) == 1:
		m.note = fmt.Sprintf("d: %s is the last symbol of %s; a watchlist keeps one (edit the config to drop the watchlist)",
			ui.Sanitize(rows[m.sel].Symbol), ui.Sanitize(m.spec.Watchlists[i].Name))
		return
	}
	m.target = rows[m.sel].Symbol
	m.prompt = promptConfirm
}

// confirmRemove removes m.target from the watchlist on screen: at once on
// screen, then in the config in a Cmd.
func (m *Model) confirmRemove() tea.Cmd {
	m.closePrompt()
	i, ok := m.watchlist()
	if !ok {
		return nil
	}
	sym, prev := m.target, m.feed.Spec
	next := prev
	next.Watchlists = slices.Clone(prev.Watchlists)
	w := next.Watchlists[i]
	w.Members = slices.DeleteFunc(slices.Clone(w.Members), func(x market.Member) bool { return x.Symbol == sym })
	next.Watchlists[i] = w
	list := w.Name
	return m.showEdit("removed", sym, list, prev, next, func(src []byte) ([]byte, error) {
		return config.RemoveMember(src, list, sym)
	})
}

// promptKey handles a key while a prompt is open: the prompt's own keys,
// ctrl+c, and text for the input.
func (m *Model) promptKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if msg.Type == tea.KeyCtrlC {
		m.quitting = true
		return tea.Quit
	}
	if m.prompt == promptConfirm {
		switch {
		case key.Matches(msg, k.Yes):
			return m.confirmRemove()
		case key.Matches(msg, k.No), key.Matches(msg, k.Back):
			m.closePrompt()
			m.note = "kept " + ui.Sanitize(m.target)
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Back):
		if m.prompt == promptFilter {
			m.setFilter("")
		}
		m.closePrompt()
		m.note = ""
		return nil
	case key.Matches(msg, k.Enter):
		if m.prompt == promptAdd {
			return m.submitAdd()
		}
		m.closePrompt() // the filter stays; esc clears it
		return nil
	}
	m.note = ""
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	if m.prompt == promptFilter {
		m.setFilter(m.input.Value())
	}
	return cmd
}

// promptLine is the footer's last line while a prompt is open.
func (m *Model) promptLine() string {
	switch m.prompt {
	case promptConfirm:
		name := ""
		if i, ok := m.watchlist(); ok {
			name = ui.Sanitize(m.spec.Watchlists[i].Name)
		}
		return fmt.Sprintf("remove %s from %s? y removes · n or esc keeps", ui.Sanitize(m.target), name)
	case promptAdd, promptFilter:
		hint := "  (enter adds · esc cancels)"
		if m.prompt == promptFilter {
			hint = "  " + m.filterCount() + " (enter keeps · esc clears)"
		}
		return m.input.View() + hint
	}
	return ""
}
