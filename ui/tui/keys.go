package tui

import (
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/whoosh-dev/whoosh/ui"
)

// keyMap is every key the dashboard answers to. Update matches these
// bindings and the footer's help is generated from them, so the two cannot
// drift.
type keyMap struct {
	Next, Prev, Screen    key.Binding
	Left, Right, Up, Down key.Binding
	Sort, Enter, Back     key.Binding
	Refresh, Help, Quit   key.Binding
	Problems              key.Binding
	Add, Remove, Filter   key.Binding // watchlist edits and the row filter (edit.go, filter.go)
	Yes, No               key.Binding // the answer to d's "remove?"
	PageUp, PageDown      key.Binding
	Home, End             key.Binding

	// sortable is whether the screen shown has a table s sorts; the
	// short help offers s only there.
	sortable bool
}

// screenKeys are the keys of screens 1–10 in order: 1…9, then 0.
var screenKeys = []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}

// defaultKeys is the keymap for a dashboard of n screens.
func defaultKeys(n int) keyMap {
	k := keyMap{
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next screen")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous screen")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "previous window")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next window")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "row up")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "row down")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open detail")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Problems: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
		Add:      key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add symbol to watchlist")),
		Remove:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "remove symbol")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter rows")),
		Yes:      key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "no")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "all keys")),
		PageUp:   key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown"), key.WithHelp("pgdown", "page down")),
		Home:     key.NewBinding(key.WithKeys("home"), key.WithHelp("home", "first row")),
		End:      key.NewBinding(key.WithKeys("end"), key.WithHelp("end", "last row")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q/ctrl+c", "quit")),
	}
	k.setScreens(n)
	return k
}

// setScreens binds one digit per screen (at most ten: 1…9, 0) and says
// exactly which in the help: "1-7", "1-9,0".
func (k *keyMap) setScreens(n int) {
	n = min(max(n, 1), len(screenKeys))
	keys := screenKeys[:n]
	help := "1"
	switch {
	case n == 10:
		help = "1-9,0"
	case n > 1:
		help = "1-" + keys[n-1]
	}
	k.Screen = key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, "screen"))
}

// screenIndex is the screen a screen key selects: "1" → 0, "0" → 9.
func screenIndex(s string) int {
	for i, k := range screenKeys {
		if k == s {
			return i
		}
	}
	return -1
}

// pair is one help entry for two bindings that act as opposites: "←/→
// window". Its keys are both bindings' keys, so it matches what they match.
func pair(a, b key.Binding, desc string) key.Binding {
	first := func(k key.Binding) string { return strings.SplitN(k.Help().Key, "/", 2)[0] }
	return key.NewBinding(key.WithKeys(append(a.Keys(), b.Keys()...)...), key.WithHelp(first(a)+"/"+first(b), desc))
}

// ShortHelp is the footer's one line, most useful first; what does not fit
// is left out whole.
func (k keyMap) ShortHelp() []key.Binding {
	bs := []key.Binding{k.Next, k.Screen, pair(k.Left, k.Right, "window"), pair(k.Up, k.Down, "move"),
		k.Help, k.Quit, k.Enter, k.Sort, k.Back, k.Refresh, k.Problems}
	if !k.sortable {
		bs = slices.DeleteFunc(bs, func(b key.Binding) bool { return b.Help() == k.Sort.Help() })
	}
	return bs
}

// FullHelp is every binding Update matches, in the order the full help
// lists them.
func (k keyMap) FullHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.Screen, k.Left, k.Right, k.Up, k.Down,
		pair(k.PageUp, k.PageDown, "page"), pair(k.Home, k.End, "first/last row"), k.Sort,
		k.Enter, k.Back, k.Refresh, k.Filter, k.Add, k.Remove, pair(k.Yes, k.No, "confirm removal"),
		k.Problems, k.Help, k.Quit}
}

// helpEntry is "key desc".
func helpEntry(b key.Binding) string { return b.Help().Key + " " + b.Help().Desc }

const helpSep = " • "

// shortHelpLine packs the short help into one line of width, leaving out
// whole entries (never cutting one).
func shortHelpLine(k keyMap, width int) string {
	line := ""
	for _, b := range k.ShortHelp() {
		e := helpEntry(b)
		next := e
		if line != "" {
			next = line + helpSep + e
		}
		if ui.Width(next) <= width {
			line = next
		}
	}
	return line
}

// fullHelpLines lists every binding, wrapped at entry boundaries to width.
func fullHelpLines(k keyMap, width int) []string {
	var lines []string
	line := ""
	for _, b := range k.FullHelp() {
		e := helpEntry(b)
		switch {
		case line == "":
			line = e
		case ui.Width(line+helpSep+e) <= width:
			line += helpSep + e
		default:
			lines = append(lines, line)
			line = e
		}
	}
	return append(lines, line)
}

// splitKeys turns one key message holding several runes (keys typed faster
// than the terminal is read arrive together: "jj") into one message per
// key. An alt-modified rune is what a terminal sends for esc followed
// quickly by that key, so it becomes esc then the key. Pastes stay whole.
func splitKeys(msg tea.KeyMsg) []tea.KeyMsg {
	if msg.Type != tea.KeyRunes || msg.Paste {
		return []tea.KeyMsg{msg}
	}
	var out []tea.KeyMsg
	if msg.Alt {
		out = append(out, tea.KeyMsg{Type: tea.KeyEsc})
	}
	if len(msg.Runes) <= 1 {
		return append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: msg.Runes})
	}
	for _, r := range msg.Runes {
		out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	return out
}

// table is the full help as {key, what it does} rows for the Help screen,
// with the mouse (when on) after the keys.
func (k keyMap) table() [][2]string {
	var rows [][2]string
	for _, b := range k.FullHelp() {
		rows = append(rows, [2]string{b.Help().Key, b.Help().Desc})
	}
	return rows
}
