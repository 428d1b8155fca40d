package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/app"
)

// namedKeys expands a help key ("←/h", "1-7", "1-9,0", "q/ctrl+c") into
// the key names it stands for.
func namedKeys(help string) []string {
	arrows := map[string]string{"←": "left", "→": "right", "↑": "up", "↓": "down"}
	if help == "/" {
		return []string{"/"} // the filter key, not a separator
	}
	var out []string
	for _, part := range strings.FieldsFunc(help, func(r rune) bool { return r == '/' || r == ',' }) {
		if a, ok := arrows[part]; ok {
			out = append(out, a)
			continue
		}
		if lo, hi, ok := strings.Cut(part, "-"); ok && len(lo) == 1 && len(hi) == 1 {
			for c := lo[0]; c <= hi[0]; c++ {
				out = append(out, string(c))
			}
			continue
		}
		out = append(out, part)
	}
	return out
}

// TestFullHelpIsTheKeymap: the full help in the footer lists every binding
// Update matches, and its key names are exactly the keys bound, for 7 and
// 10 screens.
func TestFullHelpIsTheKeymap(t *testing.T) {
	for _, n := range []int{7, 10} {
		k := defaultKeys(n)
		var bound, named []string
		for _, b := range k.FullHelp() {
			bound = append(bound, b.Keys()...)
			named = append(named, namedKeys(b.Help().Key)...)
		}
		slices.Sort(bound)
		slices.Sort(named)
		if !slices.Equal(bound, named) {
			t.Errorf("%d screens: help names %v, keymap binds %v", n, named, bound)
		}
		for _, want := range []string{"h", "l", "k", "j", "r", "!", "?", "q", "enter", "esc", "s", "tab", "shift+tab", "a", "d", "/", "y", "n"} {
			if !slices.Contains(named, want) {
				t.Errorf("%d screens: help does not name %q", n, want)
			}
		}
		footer := strings.Join(fullHelpLines(k, 80), "\n")
		for _, b := range k.FullHelp() {
			if !strings.Contains(footer, helpEntry(b)) {
				t.Errorf("full help lacks %q:\n%s", helpEntry(b), footer)
			}
		}
	}
	if got := defaultKeys(9).Screen.Help().Key; got != "1-9" {
		t.Errorf("screen help %q for 9 screens, want 1-9", got)
	}
	// The footer the user sees is the keymap's help.
	m := send(t, loaded(t, 80, 24), keyMsg("?"))
	if v := m.View(); !strings.HasSuffix(v, strings.Join(fullHelpLines(m.keys, 80), "\n")) {
		t.Errorf("? footer is not the keymap's full help:\n%s", v)
	}
	if v := m.View(); !strings.Contains(v, "1-9 screen") || !strings.Contains(v, "↑/k row up") {
		t.Errorf("full help at 80 columns:\n%s", v)
	}
}

// TestShortHelpDropsWholeEntries: the one-line help never cuts an entry.
func TestShortHelpDropsWholeEntries(t *testing.T) {
	k := defaultKeys(7)
	for _, w := range []int{30, 50, 80, 200} {
		line := shortHelpLine(k, w)
		if ansi.StringWidth(line) > w {
			t.Errorf("width %d: %q too wide", w, line)
		}
		for _, e := range strings.Split(line, helpSep) {
			found := false
			for _, b := range k.ShortHelp() {
				found = found || e == helpEntry(b)
			}
			if !found {
				t.Errorf("width %d: %q is not a whole entry", w, e)
			}
		}
	}
}

// TestBatchedKeys: keys read together arrive as one message; each counts.
// Esc then a digit read together (alt+digit) closes the detail and
// switches.
func TestBatchedKeys(t *testing.T) {
	m := send(t, loaded(t, 80, 24), keyMsg("2"), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jj")})
	if m.sel != 2 {
		t.Errorf("selection %d after \"jj\" in one read, want 2", m.sel)
	}
	m = send(t, m, keyMsg("enter"))
	if m.Detail() == "" {
		t.Fatal("enter opened nothing")
	}
	m = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("1"), Alt: true})
	if m.Detail() != "" || m.Screen() != ScreenOverview {
		t.Errorf("esc+1 read as alt-1: detail %q screen %d, want closed and 0", m.Detail(), m.Screen())
	}
	// A paste is not a string of commands.
	if m = send(t, m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q"), Paste: true}); m.Quitting() {
		t.Error("a pasted q quit")
	}
}

// TestTenthScreen: with ten screens, 0 opens the tenth, the help says so,
// and a narrow tab bar shortens names instead of cutting one.
func TestTenthScreen(t *testing.T) {
	spec := withWatchlists(testSpec(),
		basket("Robots", "Robots", "TSLA"), basket("energy", "Energy majors", "XOM"))
	o := testOptions()
	o.Feed = app.NewFeed(spec, app.FeedOptions{AsOf: asOf})
	hm, qm := demoMsgs(t, testSpec())
	m := send(t, New(o), tea.WindowSizeMsg{Width: 80, Height: 24}, hm, qm, keyMsg("0"))
	if m.Screen() != 9 {
		t.Fatalf("screen %d after 0, want 9", m.Screen())
	}
	if !key.Matches(keyMsg("0"), m.keys.Screen) || m.keys.Screen.Help().Key != "1-9,0" {
		t.Errorf("screen help %q", m.keys.Screen.Help().Key)
	}
	// Other tabs shorten (issue 16): a name's first word, or 2 to 4 of
	// its first letters; never one letter or a piece from the middle.
	names := map[string]bool{"…": true}
	for _, n := range append(screenNames[:], "Robots", "Energy majors") {
		for i, w := range strings.Fields(n) {
			names[w] = true
			for l := 2; i == 0 && l <= min(4, len(w)); l++ {
				names[w[:l]] = true
			}
		}
	}
	for _, w := range []int{40, 50, 80, 120} {
		bar := strings.NewReplacer("[", " ", "]", " ").Replace(m.tabs(w))
		if ansi.StringWidth(m.tabs(w)) > w {
			t.Errorf("tabs wider than %d: %q", w, bar)
		}
		if !strings.Contains(bar, "Energy majors") {
			t.Errorf("width %d: the current tab is not named in full: %q", w, bar)
		}
		for _, f := range strings.Fields(bar) {
			if !names[f] && screenIndex(f) < 0 {
				t.Errorf("width %d: %q in the tab bar is cut: %q", w, f, bar)
			}
		}
		// From 50 columns on, every tab keeps its key.
		for i := 0; w >= 50 && i < 10; i++ {
			if !slices.Contains(strings.Fields(bar), screenKeys[i]) {
				t.Errorf("width %d: tab %s is left out: %q", w, screenKeys[i], bar)
			}
		}
	}
}
