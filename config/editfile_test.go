package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const robots = "# mine\nversion: 1   # v1\nwatchlists:\n  - name: Robots  # r\n    symbols: [TSLA, ISRG]   # s\n# end\n"

func addTo(list, sym string) func([]byte) ([]byte, error) {
	return func(src []byte) ([]byte, error) { return AddMember(src, list, sym) }
}

// TestEditFileKeepsComments: an edit of a loaded file writes it back with
// every comment and space where it was, and returns the new config.
func TestEditFileKeepsComments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, path, robots)
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	cfg, err := EditFile(path, addTo("robots", "btc-usd"))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	want := strings.Replace(robots, "ISRG]", "ISRG, BTC-USD]", 1)
	if string(got) != want {
		t.Errorf("file after the edit:\n%s\nwant:\n%s", got, want)
	}
	if s := cfg.Watchlists[0].Symbols; len(s) != 3 || s[2] != "BTC-USD" {
		t.Errorf("returned config's symbols %v", s)
	}
	// The next edit applies to what whoosh wrote.
	if _, err := EditFile(path, func(src []byte) ([]byte, error) { return RemoveMember(src, "Robots", "TSLA") }); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(path)
	if want = strings.Replace(robots, "[TSLA, ISRG]", "[ISRG, BTC-USD]", 1); string(got) != want {
		t.Errorf("after the second edit:\n%s", got)
	}
}

// TestEditFileRefusesAForeignChange: a file changed since whoosh read it is
// not overwritten; nor is an edit that would make it invalid.
func TestEditFileRefusesAForeignChange(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, path, robots)
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	changed := robots + "window: 1y\n"
	writeFile(t, path, changed)
	if _, err := EditFile(path, addTo("Robots", "NVDA")); !errors.Is(err, ErrChanged) || !strings.Contains(err.Error(), "reload") {
		t.Errorf("edit of a changed file: %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(path); string(got) != changed {
		t.Errorf("the changed file was overwritten:\n%s", got)
	}
	if _, err := Load(path); err != nil { // whoosh reloads it
		t.Fatal(err)
	}
	if _, err := EditFile(path, func(src []byte) ([]byte, error) {
		return RemoveMember(removeTSLA(t, src), "Robots", "ISRG")
	}); err == nil || !strings.Contains(err.Error(), "invalid") {
		t.Errorf("an edit leaving an empty watchlist: %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(path); string(got) != changed {
		t.Errorf("the file changed after a refused edit:\n%s", got)
	}
}

// TestEditFileLosesNoSaveDuringTheEdit: a save landing after whoosh read
// the file, while it makes and writes the edit, is not overwritten: the
// file is compared again just before the rename.
func TestEditFileLosesNoSaveDuringTheEdit(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, path, robots)
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	saved := robots + "window: 1y\n"
	_, err := EditFile(path, func(src []byte) ([]byte, error) {
		writeFile(t, path, saved) // the editor saves now
		return AddMember(src, "Robots", "NVDA")
	})
	if !errors.Is(err, ErrChanged) {
		t.Errorf("edit during a save: %v, want ErrChanged", err)
	}
	if got, _ := os.ReadFile(path); string(got) != saved {
		t.Errorf("the save was overwritten:\n%s", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("%d entries left in the directory, want the config alone", len(entries))
	}
}

// removeTSLA removes TSLA from Robots, for a two-step edit.
func removeTSLA(t *testing.T, src []byte) []byte {
	out, err := RemoveMember(src, "Robots", "TSLA")
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestEditFileCreatesFromTheDefault: without a config file (whoosh runs on
// the defaults), an edit creates it from the commented default, then
// applies.
func TestEditFileCreatesFromTheDefault(t *testing.T) {
	path := filepath.Join(t.TempDir(), "whoosh", "config.yaml")
	if _, err := Load(path); err == nil {
		t.Fatal("Load of a missing file: no error")
	}
	_, err := EditFile(path, func(src []byte) ([]byte, error) { return AddWatchlist(src, "Watchlist", "NVDA") })
	if err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := string(defaultYAML) + "watchlists:\n  - {name: Watchlist, symbols: [NVDA]}\n"; string(got) != want {
		t.Errorf("created file:\n%s", got)
	}
}

// TestWatcherSkipsOwnWrite: the watcher reports a user's save but not the
// contents EditFile wrote, and the edit after a reported save applies to
// the saved file.
func TestWatcherSkipsOwnWrite(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), robots)
	h := startWatch(t, dir)
	if _, err := Load(h.path); err != nil {
		t.Fatal(err)
	}
	if _, err := EditFile(h.path, addTo("Robots", "NVDA")); err != nil {
		t.Fatal(err)
	}
	<-h.reloads // the watcher read the file whoosh wrote…
	select {
	case u := <-h.updates:
		t.Fatalf("own write reported as an edit: %+v", u)
	default: // onChange runs before the reload hook: nothing came
	}
	// …and still reports the user's next save, which the next edit builds on.
	h.saveByRename(robots)
	if u := h.next(); u.err != nil || len(u.cfg.Watchlists[0].Symbols) != 2 {
		t.Fatalf("user save after an own write: %+v", u)
	}
	if _, err := EditFile(h.path, addTo("Robots", "AMD")); err != nil {
		t.Fatalf("edit after the user's save: %v", err)
	}
}

// TestEditFileConcurrentEdits: edits arriving at once (serve viewers with
// --allow-edits) all land, each on top of the one before; none is lost.
func TestEditFileConcurrentEdits(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, path, robots)
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	syms := []string{"NVDA", "AMD", "AVGO", "ASML", "MU", "ARM", "INTC", "QCOM"}
	errs := make(chan error, len(syms))
	for _, s := range syms {
		go func() {
			_, err := EditFile(path, addTo("Robots", s))
			errs <- err
		}()
	}
	for range syms {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Watchlists[0].Symbols; len(got) != 2+len(syms) {
		t.Errorf("after %d concurrent adds the list holds %v", len(syms), got)
	}
}

// TestEditFileLeavesAReadOnlyFile: a config the user made read-only is not
// replaced (a rename in a writable directory would replace it).
func TestEditFileLeavesAReadOnlyFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	writeFile(t, path, robots)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path); err != nil {
		t.Fatal(err)
	}
	if _, err := EditFile(path, addTo("Robots", "NVDA")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("edit of a read-only file: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != robots {
		t.Errorf("the read-only file changed:\n%s", got)
	}
}

// TestRemoveKeepsCommentsInAFlowList: removing an entry of a flow list
// split over lines with comments between entries would take a comment
// with it: it is refused, and the file is unchanged.
func TestRemoveKeepsCommentsInAFlowList(t *testing.T) {
	src := []byte("watchlists:\n  - name: B\n    symbols: [ AMD, # amd\n      # a full-line comment\n      INTC # intel\n      , NVDA ]\n")
	for _, sym := range []string{"INTC", "AMD"} {
		if out, err := RemoveMember(src, "B", sym); err == nil || !strings.Contains(err.Error(), "comment") {
			t.Errorf("remove %s: %v\n%s", sym, err, out)
		}
	}
	// No comment in the way: removed as before, the comment kept.
	src = []byte("watchlists:\n  - name: B\n    symbols: [ AMD, NVDA, # two\n      INTC ]\n")
	out, err := RemoveMember(src, "B", "AMD")
	if want := "watchlists:\n  - name: B\n    symbols: [ NVDA, # two\n      INTC ]\n"; err != nil || string(out) != want {
		t.Errorf("remove AMD: %v\n%s\nwant\n%s", err, out, want)
	}
}
