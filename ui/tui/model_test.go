package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// send runs msgs through Update in order.
func send(t testing.TB, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	var tm tea.Model = m
	for _, msg := range msgs {
		tm, _ = tm.Update(msg)
	}
	return tm.(Model)
}

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// loaded is a model at size w×h that has received the demo data.
func loaded(t testing.TB, w, h int) Model {
	hm, qm := demoMsgs(t, testSpec())
	return send(t, New(testOptions()), tea.WindowSizeMsg{Width: w, Height: h}, hm, qm)
}

func TestLoadingScreen(t *testing.T) {
	m := New(testOptions())
	if v := m.View(); !strings.Contains(v, "waiting for data") || !strings.Contains(v, "WHOOSH") {
		t.Fatalf("first view before any message is not a loading screen:\n%s", v)
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, feeds.ProgressMsg{Done: 14, Total: 31})
	if v := m.View(); !strings.Contains(v, "loading history 14/31") {
		t.Fatalf("progress not shown:\n%s", v)
	}
	if n := strings.Count(m.View(), "\n") + 1; n != 24 {
		t.Errorf("loading screen has %d lines, want 24", n)
	}
}

// screenViews returns every screen's view (plus the detail) of m.
func screenViews(t testing.TB, m Model) map[string]string {
	out := map[string]string{}
	for i := 0; i < m.screenCount(); i++ {
		m = send(t, m, keyMsg(fmt.Sprint(i+1)))
		out[fmt.Sprintf("screen%d", i+1)] = m.View()
	}
	m = send(t, m, keyMsg("2"), keyMsg("down"), keyMsg("enter"))
	out["detail"] = m.View()
	return out
}

// TestViewFitsTerminal checks every screen at many sizes: exactly height
// lines, none wider than width.
func TestViewFitsTerminal(t *testing.T) {
	m := loaded(t, 80, 24)
	for _, w := range []int{60, 80, 120, 163, 220} {
		for _, h := range []int{20, 24, 60} {
			m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
			for name, v := range screenViews(t, m) {
				lines := strings.Split(v, "\n")
				if len(lines) != h {
					t.Errorf("%s at %dx%d: %d lines", name, w, h, len(lines))
				}
				for i, l := range lines {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s at %dx%d: line %d is %d wide: %q", name, w, h, i, lw, l)
					}
				}
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s at %dx%d: blank", name, w, h)
				}
			}
		}
	}
}

// TestWindowChange checks ←/→ step through the windows and the numbers on
// screen follow: the bits window return shown is the new window's.
func TestWindowChange(t *testing.T) {
	m := loaded(t, 120, 40)
	essay := m.State().Report.Bits.ReturnPct
	m = send(t, m, keyMsg("left")) // ESSAY → 5Y
	if m.Window() != market.Win5Y || m.State().Report.Window != market.Win5Y {
		t.Fatalf("window %v, report window %v; want 5Y", m.Window(), m.State().Report.Window)
	}
	fiveY := m.State().Report.Bits.ReturnPct
	if fiveY == essay {
		t.Fatalf("5Y bits return %v equals ESSAY's", fiveY)
	}
	if want := fmt.Sprintf("%+.2f%%", fiveY); !strings.Contains(m.View(), want) {
		t.Errorf("5Y view lacks the 5Y bits return %s", want)
	}
	m = send(t, m, keyMsg("l"), keyMsg("l"), keyMsg("l")) // 5Y → ESSAY → 1D (wraps) → 1M
	if m.Window() != market.Win1M {
		t.Errorf("window %v, want 1M", m.Window())
	}
	if !strings.Contains(m.View(), "window 1M") {
		t.Errorf("header does not show window 1M")
	}
}

// TestTablesSortSelectDetail drives the Baskets screen: sort cycles, the
// selection moves, enter opens the selected symbol and esc closes it.
func TestTablesSortSelectDetail(t *testing.T) {
	m := send(t, loaded(t, 120, 40), keyMsg("2"))
	if m.Screen() != ScreenBaskets {
		t.Fatalf("screen %d", m.Screen())
	}
	m = send(t, m, keyMsg("s")) // contribution → name
	if got := m.Sort().String(); got != "name" {
		t.Fatalf("sort %q after s, want name", got)
	}
	// The selection stays on BTC-USD, the top row by contribution when
	// the screen opened; sorted by name, bits rows are AMZN BTC-USD
	// ETH-USD GOOGL …, so it is row 1, and two downs select GOOGL.
	if got := m.selectedSymbol(); got != "BTC-USD" || m.sel != 1 {
		t.Fatalf("after s: selected %q at row %d, want BTC-USD at 1", got, m.sel)
	}
	m = send(t, m, keyMsg("down"), keyMsg("j"), keyMsg("enter"))
	if m.Detail() != "GOOGL" {
		t.Fatalf("detail %q, want GOOGL", m.Detail())
	}
	if v := m.View(); !strings.Contains(v, "GOOGL") || !strings.Contains(v, "ESSAY (esc to close)") || !strings.Contains(v, "corr bits") {
		t.Errorf("detail view:\n%s", v)
	}
	m = send(t, m, keyMsg("esc"))
	if m.Detail() != "" || !strings.Contains(m.View(), "SYMBOL▲") {
		t.Errorf("esc did not close the detail:\n%s", m.View())
	}
	// Moving past the bits table continues into atoms: 8 bits rows, so
	// index 8 (five downs from GOOGL at 3) is the first atoms row by name
	// (BX).
	for i := 0; i < 5; i++ {
		m = send(t, m, keyMsg("down"))
	}
	if m = send(t, m, keyMsg("enter")); m.Detail() != "BX" {
		t.Errorf("detail %q, want BX", m.Detail())
	}
}

func TestConfigReload(t *testing.T) {
	m := loaded(t, 120, 40)
	m = send(t, m, app.ConfigMsg{Err: errors.New("config.yaml:3:5: unknown field \"bitz\"\x1b[2J")})
	v := m.View()
	if !strings.Contains(v, `config.yaml:3:5: unknown field "bitz"`) || strings.Contains(v, "\x1b[2J") {
		t.Fatalf("config error not shown (sanitized):\n%s", v)
	}
	if !strings.Contains(v, "9 Robots") {
		t.Errorf("bad config dropped the last good spec")
	}
	spec := testSpec()
	m = send(t, m, app.ConfigMsg{Spec: withWatchlists(spec, basket("Chips", "Chips", "NVDA", "TSM"))})
	v = m.View()
	if strings.Contains(v, "config error") || !strings.Contains(v, "9 Chips") || strings.Contains(v, "Robots") {
		t.Errorf("good config not applied:\n%s", v)
	}
	// A window edited in the file switches the screen to it; a reload
	// without one keeps the window the user chose.
	w := market.Win1Y
	m = send(t, m, app.ConfigMsg{Spec: spec, Window: &w})
	if m.Window() != market.Win1Y {
		t.Errorf("window %v after a reload that set 1Y", m.Window())
	}
	m = send(t, m, keyMsg("l"), app.ConfigMsg{Spec: spec})
	if m.Window() != market.Win1Y.Next() {
		t.Errorf("window %v, want the user's %v kept", m.Window(), market.Win1Y.Next())
	}
}

func TestRefreshCallsOnRefresh(t *testing.T) {
	var calls atomic.Int32
	o := testOptions()
	o.OnRefresh = func() { calls.Add(1) }
	var tm tea.Model = New(o)
	tm, cmd := tm.Update(keyMsg("r"))
	if cmd == nil {
		t.Fatal("r returned no Cmd")
	}
	if calls.Load() != 0 {
		t.Fatal("OnRefresh ran inside Update")
	}
	runCmd(cmd)
	if calls.Load() != 1 {
		t.Errorf("OnRefresh called %d times, want 1", calls.Load())
	}
	if !strings.Contains(tm.View(), "refreshing") {
		t.Errorf("no refresh note in the status line")
	}
}

// runCmd runs a Cmd and the Cmds of any batch it returns.
func runCmd(c tea.Cmd) {
	if c == nil {
		return
	}
	if b, ok := c().(tea.BatchMsg); ok {
		for _, c := range b {
			runCmd(c)
		}
	}
}

func TestPerSymbolErrorsShown(t *testing.T) {
	hm, qm := demoMsgs(t, testSpec())
	hm.Histories = slices.Clone(hm.Histories) // the demo messages are shared
	for i := range hm.Histories {
		if hm.Histories[i].Symbol == "XOM" {
			hm.Histories[i].Err = &feeds.HTTPError{Status: 500}
		}
	}
	m := send(t, New(testOptions()), tea.WindowSizeMsg{Width: 120, Height: 40}, hm, qm, keyMsg("2"))
	v := m.View()
	if !strings.Contains(v, "XOM!") || !strings.Contains(v, "1 symbol with errors: XOM: HTTP 500") {
		t.Errorf("per-symbol error not shown beside XOM and in the status line:\n%s", v)
	}
}

func withWatchlists(spec market.Spec, w ...market.Basket) market.Spec {
	spec.Watchlists = w
	return spec
}

// TestRecomputesCoalesce: while histories stream in, the first message is
// computed at once and the next ones wait for one recompute at the end of
// the interval (issue 15: start-up linear in the number of symbols).
func TestRecomputesCoalesce(t *testing.T) {
	o := testOptions()
	o.Coalesce = time.Hour // never elapses during the test
	h, q := demoMsgs(t, testSpec())
	first := feeds.HistoryMsg{Histories: h.Histories[:3]}
	rest := feeds.HistoryMsg{Histories: h.Histories[3:]}
	var tm tea.Model = New(o)
	tm, _ = tm.Update(first)
	if n := len(tm.(Model).State().Origins); n != 3 {
		t.Fatalf("first history: %d symbols computed, want 3 at once", n)
	}
	tm, cmd := tm.Update(rest)
	tm, _ = tm.Update(q)
	if n := len(tm.(Model).State().Origins); n != 3 || cmd == nil {
		t.Fatalf("within the interval: %d symbols computed (want 3, the rest deferred), cmd %v", n, cmd)
	}
	tm, _ = tm.Update(recomputeMsg{})
	if n, want := len(tm.(Model).State().Origins), len(h.Histories); n != want {
		t.Errorf("after the deferred recompute: %d symbols, want %d", n, want)
	}
}

// TestRefreshEndsWithItsOutcome: "refreshing…" after r gives way to the
// outcome of the poll that answered it.
func TestRefreshEndsWithItsOutcome(t *testing.T) {
	o := testOptions()
	o.OnRefresh = func() {}
	h, q := demoMsgs(t, testSpec())
	m := send(t, New(o), h, keyMsg("r"))
	if !strings.Contains(m.View(), "refreshing…") {
		t.Fatal("no refreshing… after r")
	}
	q.Manual, q.At = true, time.Date(2025, 6, 30, 20, 1, 2, 0, time.UTC)
	m = send(t, m, q)
	if v := m.View(); strings.Contains(v, "refreshing…") || !strings.Contains(v, "refreshed: ") {
		t.Errorf("after the manual poll the footer says:\n%s", lastLines(v, 3))
	}
}

// TestAgeStep: the age label is re-rendered when its text would change.
func TestAgeStep(t *testing.T) {
	for _, tc := range []struct{ age, want time.Duration }{
		{10*time.Second + 300*time.Millisecond, 700 * time.Millisecond},
		{5*time.Minute + 20*time.Second, 40 * time.Second},
		{3 * time.Hour, time.Minute},
	} {
		if got := ageStep(tc.age); got != tc.want {
			t.Errorf("ageStep(%v) = %v, want %v", tc.age, got, tc.want)
		}
	}
}

func lastLines(s string, n int) string {
	ls := strings.Split(s, "\n")
	return strings.Join(ls[max(len(ls)-n, 0):], "\n")
}

// TestAgeTickRestates: when only the clock moves (the age label's tick),
// the model re-renders on a state moved to the new clock without a
// recompute; a new as-of day recomputes.
func TestAgeTickRestates(t *testing.T) {
	now := clock()
	o := testOptions()
	o.Now = func() time.Time { return now }
	hm, qm := demoMsgs(t, testSpec())
	m := send(t, New(o), tea.WindowSizeMsg{Width: 100, Height: 30}, hm, qm)
	computed, version := m.lastCompute, m.version
	now = now.Add(90 * time.Second)
	m = send(t, m, ageTickMsg{version: m.ticks})
	if m.lastCompute != computed {
		t.Error("the age tick recomputed the analytics")
	}
	if m.version == version || !m.full.Now.Equal(now) {
		t.Errorf("the age tick did not move the state to the clock: version %d→%d, now %v", version, m.version, m.full.Now)
	}
	m.feed.Apply(qm) // new data waiting: the tick recomputes
	m.dirty = true
	m = send(t, m, ageTickMsg{version: m.ticks})
	if m.lastCompute == computed {
		t.Error("a tick with data waiting did not recompute")
	}
}
