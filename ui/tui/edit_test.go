package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
)

// robotsYAML is the test spec's watchlist as a user wrote it, comments
// and all.
const robotsYAML = "# my config\nwatchlists:   # mine\n  - name: Robots\n    symbols: [TSLA, ISRG, ABBV]   # keep\n# end\n"

// editSetup writes robotsYAML, loads it as the session does, and returns
// options for a model that edits it; applied receives what OnConfig gets.
func editSetup(t *testing.T) (Options, string, chan *config.Config) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(robotsYAML), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := config.Load(path); err != nil {
		t.Fatal(err)
	}
	applied := make(chan *config.Config, 4)
	o := testOptions()
	o.ConfigPath = path
	o.OnConfig = func(c *config.Config) { applied <- c }
	return o, path, applied
}

// seen is the terminal output a test has read so far: the renderer
// repaints only changed lines, so what a frame shows is in the whole log.
type seen struct{ log []byte }

func (s *seen) wait(t *testing.T, tm *teatest.TestModel, want ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		all := append(s.log[:len(s.log):len(s.log)], b...)
		for _, w := range want {
			if !bytes.Contains(all, []byte(w)) {
				return false
			}
		}
		s.log = all
		return true
	}, teatest.WithDuration(30*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// TestAddSymbolInTheProgram: a on the watchlist, a bad and a duplicate
// symbol are refused inline, a good one shows loading at once, is written
// with the file's comments kept, goes to the stream (OnConfig), and shows
// its data when the poller's history arrives.
func TestAddSymbolInTheProgram(t *testing.T) {
	o, path, applied := editSetup(t)
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(120, 40))
	hm, qm := demoMsgs(t, testSpec())
	tm.Send(hm)
	tm.Send(qm)
	var out seen
	tm.Type("9a")
	tm.Type("a b")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	out.wait(t, tm, `"a b" is not a symbol`)
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	tm.Type("tsla")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	out.wait(t, tm, "TSLA is already in Robots")
	for range 4 {
		tm.Send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	tm.Type("nvda") // q would quit outside the prompt; in it, it is text
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	out.wait(t, tm, "NVDA", "added NVDA")
	var cfg *config.Config
	select {
	case cfg = <-applied:
	case <-time.After(30 * time.Second):
		t.Fatal("the edit never reached OnConfig")
	}
	if s := cfg.Watchlists[0].Symbols; len(s) != 4 || s[3] != "NVDA" {
		t.Errorf("config handed to the stream: %v", s)
	}
	got, _ := os.ReadFile(path)
	if want := strings.Replace(robotsYAML, "ABBV]", "ABBV, NVDA]", 1); string(got) != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
	out.wait(t, tm, "added NVDA to Robots · saved to config.yaml")
	// The stream answers as it would: the ConfigMsg, then NVDA's history.
	tm.Send(app.ConfigMsg{Spec: cfg.Spec()})
	tm.Send(feeds.HistoryMsg{Histories: []feeds.History{historyOf(hm, "NVDA")}, At: clock()})
	tm.Type("q")
	fm := finalModel(t, tm)
	if len(fm.adding) != 0 {
		t.Errorf("after the history: adding %v, view:\n%s", fm.adding, fm.View())
	}
	if rows := fm.rows(); len(rows) != 4 || fm.state.Status.Loading {
		t.Errorf("rows %v, loading %v", rows, fm.state.Status.Loading)
	}
}

func historyOf(hm feeds.HistoryMsg, sym string) feeds.History {
	for _, h := range hm.Histories {
		if h.Symbol == sym {
			return h
		}
	}
	return feeds.History{Symbol: sym}
}

// TestRemoveSymbolInTheProgram: d asks, n keeps, d then y removes from the
// screen and the file.
func TestRemoveSymbolInTheProgram(t *testing.T) {
	o, path, applied := editSetup(t)
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(120, 40))
	hm, qm := demoMsgs(t, testSpec())
	tm.Send(hm)
	tm.Send(qm)
	var out seen
	tm.Type("9s") // sort by name: ABBV, ISRG, TSLA
	tm.Type("jd")
	out.wait(t, tm, "remove ISRG from Robots? y removes")
	tm.Type("n")
	out.wait(t, tm, "kept ISRG")
	tm.Type("dy")
	select {
	case <-applied:
	case <-time.After(30 * time.Second):
		t.Fatal("the removal never reached OnConfig")
	}
	tm.Type("q")
	fm := finalModel(t, tm)
	if syms := fm.spec.Watchlists[0].Symbols(); strings.Join(syms, " ") != "TSLA ABBV" {
		t.Errorf("watchlist after the removal: %v", syms)
	}
	got, _ := os.ReadFile(path)
	if want := strings.Replace(robotsYAML, "TSLA, ISRG, ABBV", "TSLA, ABBV", 1); string(got) != want {
		t.Errorf("config file:\n%s", got)
	}
}

// TestFilterInTheProgram: / narrows the table as typed, says how many
// rows match, keeps the selection inside them, and esc clears it.
func TestFilterInTheProgram(t *testing.T) {
	tm := startProgram(t, 120, 40)
	var out seen
	tm.Type("2/")
	tm.Type("-USD") // BTC-USD, ETH-USD; any case
	out.wait(t, tm, "2 of 18 rows")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tm.Type("jjjjjj") // past the last match
	tm.Type("q")
	fm := finalModel(t, tm)
	rows := fm.rows()
	if len(rows) != 2 || fm.sel != 1 || fm.filter != "-USD" {
		t.Fatalf("filter %q: rows %d, selection %d", fm.filter, len(rows), fm.sel)
	}
	if v := fm.View(); !strings.Contains(v, `filter "-USD": 2 of 18 rows`) || strings.Contains(v, " NVDA ") {
		t.Errorf("filtered view:\n%s", v)
	}
	m := send(t, fm, keyMsg("esc"))
	if m.filter != "" || len(m.rows()) != 18 {
		t.Errorf("esc left filter %q, %d rows", m.filter, len(m.rows()))
	}
	// On a screen without a table, / says so.
	if m = send(t, m, keyMsg("1"), keyMsg("/")); m.prompt != promptNone || !strings.Contains(m.note, "no table") {
		t.Errorf("/ on Overview: prompt %v note %q", m.prompt, m.note)
	}
}

// TestEditsOff: with NoEdits, a and d say so and nothing is written.
func TestEditsOff(t *testing.T) {
	o, path, _ := editSetup(t)
	o.NoEdits = true
	hm, qm := demoMsgs(t, testSpec())
	m := send(t, New(o), tea.WindowSizeMsg{Width: 80, Height: 24}, hm, qm, keyMsg("9"))
	for _, k := range []string{"a", "d"} {
		if m = send(t, m, keyMsg(k)); m.note != "edits are off in this session" || m.prompt != promptNone {
			t.Errorf("%s with edits off: note %q prompt %v", k, m.note, m.prompt)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != robotsYAML {
		t.Error("the file changed")
	}
}

// TestEditRefusedUndoes: a file changed behind whoosh's back is not
// overwritten; the row added on screen goes again and the footer says why.
func TestEditRefusedUndoes(t *testing.T) {
	o, path, _ := editSetup(t)
	if err := os.WriteFile(path, []byte(robotsYAML+"window: 1y\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	hm, qm := demoMsgs(t, testSpec())
	m := send(t, New(o), tea.WindowSizeMsg{Width: 120, Height: 40}, hm, qm, keyMsg("9"), keyMsg("a"),
		tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("amd")})
	var tmod tea.Model
	tmod, cmd := m.Update(keyMsg("enter"))
	m = tmod.(Model)
	if len(m.rows()) != 4 || !m.adding["AMD"] {
		t.Fatalf("AMD not shown at once: %v", m.rows())
	}
	m = send(t, m, cmdMsg(cmd))
	if len(m.rows()) != 3 || len(m.adding) != 0 || !strings.Contains(m.View(), "not saved") {
		t.Errorf("after the refusal: %d rows, view:\n%s", len(m.rows()), m.View())
	}
}

// cmdMsg runs a Cmd (or the first of a batch giving a message) to its
// message.
func cmdMsg(cmd tea.Cmd) tea.Msg {
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c != nil {
				if mm := c(); mm != nil {
					return mm
				}
			}
		}
	}
	return msg
}

// TestTypingAheadQueuesEdits: a second a while the first edit is still
// being written opens the prompt again (its letters are not hotkeys: q
// must not quit) and the edit waits its turn; both reach the file.
func TestTypingAheadQueuesEdits(t *testing.T) {
	o, path, _ := editSetup(t)
	gate := make(chan struct{})
	var calls atomic.Int32
	o.OnConfig = func(*config.Config) {
		if calls.Add(1) == 1 {
			<-gate // the first write is still out while the second is typed
		}
	}
	tm := teatest.NewTestModel(t, New(o), teatest.WithInitialTermSize(120, 40))
	hm, qm := demoMsgs(t, testSpec())
	tm.Send(hm)
	tm.Send(qm)
	var out seen
	tm.Type("9aamd")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	out.wait(t, tm, "added AMD · saving")
	tm.Type("aqcom")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	out.wait(t, tm, "added QCOM · saving")
	close(gate)
	out.wait(t, tm, "added QCOM to Robots · saved to config.yaml")
	got, _ := os.ReadFile(path)
	if want := strings.Replace(robotsYAML, "ABBV]", "ABBV, AMD, QCOM]", 1); string(got) != want {
		t.Errorf("config file:\n%s\nwant:\n%s", got, want)
	}
	tm.Type("q")
	if fm := finalModel(t, tm); len(fm.queued) != 0 || fm.saving {
		t.Errorf("after both writes: %d queued, saving %v", len(fm.queued), fm.saving)
	}
}
