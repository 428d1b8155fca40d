package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key the dashboard answers to; it also feeds bubbles/help.
type keyMap struct {
	Next, Prev, Screen    key.Binding
	Left, Right, Up, Down key.Binding
	Sort, Enter, Back     key.Binding
	Refresh, Help, Quit   key.Binding
	Problems              key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "screens")),
		Prev:     key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev screen")),
		Screen:   key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-6", "screen")),
		Left:     key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/→", "window")),
		Right:    key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "next window")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/↓", "move")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Sort:     key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		Enter:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "detail")),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close")),
		Refresh:  key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "keys")),
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Problems: key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "problems")),
	}
}

// ShortHelp is the footer's one line.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Left, k.Up, k.Sort, k.Enter, k.Help, k.Quit}
}

// FullHelp is the footer when ? is on.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.Screen},
		{k.Left, k.Right},
		{k.Up, k.Down, k.Sort},
		{k.Enter, k.Back},
		{k.Refresh, k.Problems, k.Help, k.Quit},
	}
}
