package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/ui"
)

// The fixes of the dashboard walk-through (demo data, 50×15, 80×24,
// 200×60): each test failed before its fix.

func typed(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// submit adds sym with a, and folds the outcome of its write.
func submit(t *testing.T, m Model, sym string) Model {
	t.Helper()
	tm, cmd := send(t, m, keyMsg("a"), typed(sym)).Update(keyMsg("enter"))
	return send(t, tm.(Model), cmdMsg(cmd))
}

// TestSelectionKeepsTheSymbol: the selection is a symbol, not a row
// number: it stays on MSFT through a sort, a filter and its esc, a window
// change that reorders the rows, and a trip to another screen; d then
// names and removes exactly the symbol selected.
func TestSelectionKeepsTheSymbol(t *testing.T) {
	// Baskets by contribution at ESSAY: BTC-USD, NVDA, MSFT, … (the
	// 80×24 golden); two j select MSFT.
	m := send(t, loaded(t, 80, 24), keyMsg("2"), keyMsg("j"), keyMsg("j"))
	if got := m.selectedSymbol(); got != "MSFT" {
		t.Fatalf("after j j: %q, want MSFT", got)
	}
	steps := [][]tea.Msg{
		{keyMsg("s")},                                              // by name META is row 4, not row 1 (BTC-USD)
		{keyMsg("s"), keyMsg("s"), keyMsg("s")},                    // back to contribution
		{keyMsg("/"), typed("xyz"), keyMsg("esc")},                 // a filter that hid it, cleared
		{keyMsg("/"), typed("ms"), keyMsg("enter"), keyMsg("esc")}, // a filter that kept it, then esc
		{keyMsg("left"), keyMsg("left")},                           // 2Y: the rows reorder
		{keyMsg("5"), keyMsg("2")},                                 // another screen and back
	}
	for i, st := range steps {
		m = send(t, m, st...)
		if got, line := m.selectedSymbol(), selectedLine(m.View()); got != "MSFT" || line != "MSFT" {
			t.Fatalf("step %d: selected %q, marked %q; want MSFT", i, got, line)
		}
	}
	// On a watchlist: ZZZZQ (no data: last by contribution) selected,
	// another screen, back, d y removes ZZZZQ and nothing else.
	o, _, _ := editSetup(t)
	hm, qm := demoMsgs(t, testSpec())
	m = send(t, New(o), tea.WindowSizeMsg{Width: 80, Height: 24}, hm, qm, keyMsg("9"))
	m = send(t, submit(t, m, "zzzzq"), tea.KeyMsg{Type: tea.KeyEnd})
	if got := m.selectedSymbol(); got != "ZZZZQ" {
		t.Fatalf("end on Robots: %q, want ZZZZQ (rows %v)", got, m.rowKeys())
	}
	m = send(t, m, keyMsg("3"), keyMsg("9"), keyMsg("d"))
	if p := m.promptLine(); !strings.Contains(p, "remove ZZZZQ from Robots?") {
		t.Fatalf("d asks %q", p)
	}
	m = send(t, m, keyMsg("y"))
	if got := m.spec.Watchlists[0].Symbols(); !slices.Equal(got, []string{"TSLA", "ISRG", "ABBV"}) {
		t.Errorf("after d y: %v, want TSLA ISRG ABBV", got)
	}
}

// TestSelectionFallsToTheNearestRow: when the selected symbol goes, the
// row at its place is selected.
func TestSelectionFallsToTheNearestRow(t *testing.T) {
	m := send(t, loaded(t, 80, 24), keyMsg("2"), keyMsg("j"), keyMsg("/"), typed("btc"))
	// NVDA (row 1) is filtered out; BTC-USD, the one row left, is shown
	// selected (enter opens it), and NVDA is back when the filter goes.
	if got := m.selectedSymbol(); got != "BTC-USD" || m.sel != 0 {
		t.Errorf("NVDA filtered out: selected %q at %d, want BTC-USD at 0", got, m.sel)
	}
	if m = send(t, m, keyMsg("esc"), keyMsg("esc")); m.selectedSymbol() != "NVDA" {
		t.Errorf("filter cleared: selected %q, want NVDA", m.selectedSymbol())
	}
}

// TestPagingKeys: PgDn/PgUp move the selection a page, End and Home to
// the last and first row.
func TestPagingKeys(t *testing.T) {
	m := send(t, loaded(t, 80, 24), keyMsg("2"))
	rows := m.rowKeys()
	page := m.pageRows() // 24 - 10 = 14
	m = send(t, m, tea.KeyMsg{Type: tea.KeyPgDown})
	if m.sel != page {
		t.Errorf("pgdown: row %d, want %d", m.sel, page)
	}
	m = send(t, m, tea.KeyMsg{Type: tea.KeyPgUp})
	if m.sel != 0 {
		t.Errorf("pgup: row %d, want 0", m.sel)
	}
	m = send(t, m, tea.KeyMsg{Type: tea.KeyEnd})
	if got := m.selectedSymbol(); got != rows[len(rows)-1] || selectedLine(m.View()) != got {
		t.Errorf("end: %q, want %q", got, rows[len(rows)-1])
	}
	if m = send(t, m, tea.KeyMsg{Type: tea.KeyHome}); m.sel != 0 {
		t.Errorf("home: row %d", m.sel)
	}
}

// TestAddingAnAlreadyLoadedSymbol: NVDA is in Bits, so no history comes
// for it when it joins Robots: the header must not say loading….
func TestAddingAnAlreadyLoadedSymbol(t *testing.T) {
	o, _, _ := editSetup(t)
	hm, qm := demoMsgs(t, testSpec())
	m := send(t, New(o), tea.WindowSizeMsg{Width: 80, Height: 24}, hm, qm, keyMsg("9"))
	m = submit(t, m, "nvda")
	if len(m.adding) != 0 || strings.Contains(m.View(), "loading…") {
		t.Errorf("NVDA added: adding %v, view:\n%s", m.adding, m.View())
	}
	// A new symbol loads until its history or its error comes.
	tm, cmd := send(t, m, keyMsg("a"), typed("zzzzq")).Update(keyMsg("enter"))
	m = tm.(Model)
	if !m.adding["ZZZZQ"] || !strings.Contains(m.View(), "loading…") {
		t.Fatalf("ZZZZQ added: adding %v", m.adding)
	}
	m = send(t, m, feeds.HistoryMsg{Histories: []feeds.History{{Symbol: "ZZZZQ", Err: errors.New("not found")}}, At: clock()})
	if len(m.adding) != 0 || strings.Contains(m.View(), "loading…") {
		t.Errorf("after its error: adding %v", m.adding)
	}
	// A failed history fetch ends it too.
	m = submit(t, send(t, m, cmdMsg(cmd)), "qqqqz")
	m = send(t, m, feeds.HistoryMsg{Err: errors.New("offline"), At: clock()})
	if len(m.adding) != 0 {
		t.Errorf("after a failed fetch: adding %v", m.adding)
	}
}

// TestFilterWithoutMatch says so, and a narrowed basket counts "1 of 8".
func TestFilterWithoutMatch(t *testing.T) {
	for _, screen := range []string{"2", "6", "9"} {
		m := send(t, loaded(t, 80, 24), keyMsg(screen), keyMsg("/"), typed("xyz"))
		v := ansi.Strip(m.View())
		if !strings.Contains(v, `no match for "xyz"`) || strings.Contains(v, "loading") {
			t.Errorf("screen %s, no match:\n%s", screen, v)
		}
	}
	m := send(t, loaded(t, 80, 24), keyMsg("2"), keyMsg("/"), typed("meta"))
	if v := m.View(); !strings.Contains(v, "· 1 of 8 members") || strings.Contains(v, "1 members") {
		t.Errorf("filtered bits:\n%s", v)
	}
	b := m.state.Report.Bits // META alone
	if s := ui.BasketTable(m.state, b, "Bits", ui.TableOptions{}, 80, 0); !strings.Contains(s, "· 1 member\n") {
		t.Errorf("one member:\n%s", s)
	}
}

// TestEscClosesTheFullHelp as it closes the detail and the filter.
func TestEscClosesTheFullHelp(t *testing.T) {
	m := send(t, loaded(t, 80, 24), keyMsg("?"))
	if !m.showAll {
		t.Fatal("? did not open the full help")
	}
	if m = send(t, m, keyMsg("esc")); m.showAll {
		t.Error("esc left the full help open")
	}
}

// TestEditNoteOutlivesTheRefresh: the quotes fetched after an edit do not
// wipe its confirmation; the next key does.
func TestEditNoteOutlivesTheRefresh(t *testing.T) {
	o, _, _ := editSetup(t)
	hm, qm := demoMsgs(t, testSpec())
	m := send(t, New(o), tea.WindowSizeMsg{Width: 120, Height: 40}, hm, qm, keyMsg("9"), keyMsg("a"), typed("amd"))
	tm, cmd := m.Update(keyMsg("enter"))
	m = send(t, tm.(Model), cmdMsg(cmd))
	q := qm
	q.Manual, q.At = true, clock().Add(time.Minute)
	m = send(t, m, q)
	if !strings.Contains(m.note, "added AMD to Robots · saved to config.yaml") || !strings.Contains(m.note, "refreshed") {
		t.Errorf("after the refresh the note is %q", m.note)
	}
	if m = send(t, m, keyMsg("j"), q); strings.Contains(m.note, "added") {
		t.Errorf("after a key and a refresh the note is %q", m.note)
	}
}

// TestSortOnlyWhereATableIs: s on Thesis leaves the sort alone and says
// so; the footer offers s sort only where it sorts.
func TestSortOnlyWhereATableIs(t *testing.T) {
	m := send(t, loaded(t, 200, 60), keyMsg("6"), keyMsg("s"))
	if m.Sort() != ui.SortContribution || !strings.Contains(m.View(), "s: nothing to sort here") {
		t.Errorf("s on Thesis: sort %v, view:\n%s", m.Sort(), lastLines(m.View(), 2))
	}
	for screen, want := range map[string]bool{"1": false, "2": true, "6": false, "8": false, "9": true} {
		m = send(t, m, keyMsg(screen))
		if got := strings.Contains(lastLines(m.View(), 1), "s sort"); got != want {
			t.Errorf("screen %s: footer offers s sort %v, want %v", screen, got, want)
		}
	}
}

// TestTabsShortenKeepingEveryKey (issue 16): at 80 and 50 columns every
// tab keeps its number and, while they fit, a shortened name.
func TestTabsShortenKeepingEveryKey(t *testing.T) {
	for _, tc := range []struct {
		w      int
		screen string
		want   string
	}{
		{80, "1", "[1 Overview] 2 Bask  3 Tesl  4 Whoo  5 Macr  6 Thes  7 Aler  8 Help  9 Robo "},
		{80, "3", " 1 Over  2 Bask [3 Tesla vs GM] 4 Whoo  5 Macr  6 Thes  7 Aler  8 Help  9 Robo "},
		{60, "1", "[1 Overview] 2 Ba  3 Te  4 Wh  5 Ma  6 Th  7 Al  8 He  9 Ro "},
		{50, "9", " 1  2  3  4  5  6  7  8 [9 Robots]"},
	} {
		m := send(t, loaded(t, tc.w, 24), keyMsg(tc.screen))
		if got := ansi.Strip(m.tabs(tc.w)); got != tc.want {
			t.Errorf("%d columns, screen %s:\n got %q\nwant %q", tc.w, tc.screen, got, tc.want)
		}
	}
}

// TestHelpScreenScrolls: at 50×15 every key of the keymap can be scrolled
// into sight on the Help screen, and a line says how much is below.
func TestHelpScreenScrolls(t *testing.T) {
	m := send(t, loaded(t, 50, 15), keyMsg("8"))
	if !strings.Contains(m.View(), "↓ ") {
		t.Fatalf("no ↓ N more:\n%s", m.View())
	}
	seen := ""
	for i := 0; i < 60; i++ {
		seen += ansi.Strip(m.View())
		m = send(t, m, keyMsg("down"))
	}
	for _, row := range m.keys.table() {
		if e := fmt.Sprintf("%s ", row[0]); !strings.Contains(seen, e) {
			t.Errorf("key %q never shown", row[0])
		}
	}
	if m = send(t, m, tea.KeyMsg{Type: tea.KeyHome}); !strings.Contains(m.View(), "tab ") {
		t.Errorf("home did not go back to the top:\n%s", m.View())
	}
}
