package config

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/whoosh-dev/whoosh/market"
)

// update is one onChange call.
type update struct {
	cfg *Config
	err error
}

// watchHarness runs a Watcher on dir/config.yaml and collects its reports.
type watchHarness struct {
	t        *testing.T
	path     string
	updates  chan update
	reloads  chan struct{}
	cancel   context.CancelFunc
	finished chan error
}

// startWatch starts a watcher with the default debounce. It stops the
// watcher at the end of the test and checks that Run returned.
//
// Not shorter: os.WriteFile truncates, then writes, and a watcher that
// finds the file empty at two debounces in a row reports the defaults. A
// 10 ms debounce made that 20 ms between two system calls, which a loaded
// machine exceeds (TestWatchFileCreatedAndRemoved, TestWatchSymlinkedConfig
// and TestWatchDirectoryAppears got the defaults instead of the file).
func startWatch(t *testing.T, dir string) *watchHarness {
	t.Helper()
	h := &watchHarness{
		t:        t,
		path:     filepath.Join(dir, "config.yaml"),
		updates:  make(chan update, 16),
		reloads:  make(chan struct{}, 16),
		finished: make(chan error, 1),
	}
	w, err := NewWatcher(h.path)
	if err != nil {
		t.Fatalf("NewWatcher: %v", err)
	}
	w.Debounce = DefaultDebounce
	w.reloaded = func() { h.reloads <- struct{}{} }
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go func() {
		h.finished <- w.Run(ctx, func(c *Config, err error) { h.updates <- update{c, err} })
	}()
	t.Cleanup(h.stop)
	return h
}

func (h *watchHarness) stop() {
	h.cancel()
	select {
	case err := <-h.finished:
		if err != nil {
			h.t.Errorf("Run returned %v, want nil on cancel", err)
		}
		h.finished <- nil // let a second stop return at once
	case <-time.After(30 * time.Second):
		h.t.Errorf("Run did not return after cancel")
	}
}

// next waits for the next report. The timeout only catches a watcher that
// never reports; it is not a timing assertion.
func (h *watchHarness) next() update {
	h.t.Helper()
	select {
	case u := <-h.updates:
		return u
	case <-time.After(30 * time.Second):
		h.t.Fatalf("no config update within 30s")
		return update{}
	}
}

// saveByRename writes a temporary file and renames it over the config, as
// editors do.
func (h *watchHarness) saveByRename(data string) {
	h.t.Helper()
	tmp := filepath.Join(filepath.Dir(h.path), ".config.yaml.swp")
	writeFile(h.t, tmp, data)
	if err := os.Rename(tmp, h.path); err != nil {
		h.t.Fatal(err)
	}
}

func TestWatchWriteValidThenInvalidThenFixed(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "window: 1y\n")
	h := startWatch(t, dir)

	writeFile(t, h.path, "window: 2y\n")
	if u := h.next(); u.err != nil || u.cfg.Window != market.Win2Y {
		t.Fatalf("after a valid write: %+v, want window 2Y", u)
	}

	writeFile(t, h.path, "window: 2y\nrefresh: 1s\n")
	u := h.next()
	var errs Errors
	if u.cfg != nil || !errors.As(u.err, &errs) {
		t.Fatalf("after an invalid write: %+v, want Errors", u)
	}
	want := h.path + ":2:10: refresh: 1s is below the minimum of 15s (hint: use 15s or more)"
	if u.err.Error() != want {
		t.Errorf("error = %q, want %q", u.err, want)
	}

	writeFile(t, h.path, "window: 2y\nrefresh: 30s\n")
	if u := h.next(); u.err != nil || u.cfg.Refresh != 30*time.Second {
		t.Fatalf("after the fix: %+v, want refresh 30s", u)
	}
}

func TestWatchRenameOverSaveTwice(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "window: 1y\n")
	h := startWatch(t, dir)

	// A watch on the file itself would see nothing after the first rename
	// (stack-verified.md §6); the directory watch sees both.
	h.saveByRename("window: 5y\n")
	if u := h.next(); u.err != nil || u.cfg.Window != market.Win5Y {
		t.Fatalf("after the first rename save: %+v, want window 5Y", u)
	}
	h.saveByRename("window: 3m\n")
	if u := h.next(); u.err != nil || u.cfg.Window != market.Win3M {
		t.Fatalf("after the second rename save: %+v, want window 3M", u)
	}
}

func TestWatchFileCreatedAndRemoved(t *testing.T) {
	dir := t.TempDir()
	h := startWatch(t, dir) // no config file yet

	writeFile(t, h.path, "watchlists: [{name: Robots, symbols: [TSLA, ISRG]}]\n")
	u := h.next()
	if u.err != nil || len(u.cfg.Watchlists) != 1 || u.cfg.Watchlists[0].Name != "Robots" {
		t.Fatalf("after creating the file: %+v, want the Robots watchlist", u)
	}

	if err := os.Remove(h.path); err != nil {
		t.Fatal(err)
	}
	if u := h.next(); u.cfg != nil || !errors.Is(u.err, fs.ErrNotExist) {
		t.Fatalf("after removing the file: %+v, want fs.ErrNotExist", u)
	}
}

func TestWatchUnchangedSaveIsNotReported(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "window: 1y\n")
	h := startWatch(t, dir)

	writeFile(t, h.path, "window: 1y\n") // same bytes
	select {
	case <-h.reloads:
	case <-time.After(30 * time.Second):
		t.Fatal("no reload within 30s")
	}
	// reload calls onChange before the hook, so a report would be queued.
	select {
	case u := <-h.updates:
		t.Fatalf("unchanged save reported: %+v", u)
	default:
	}
}

// TestWatchDirectoryAppears: a new user starts the dashboard before
// `whoosh config init`; the directories appear, then the file, and hot
// reload works from then on, also after the whole tree is removed and made
// again.
func TestWatchDirectoryAppears(t *testing.T) {
	root := t.TempDir()
	h := startWatch(t, filepath.Join(root, "a", "b", "whoosh"))

	if err := Init(h.path, false); err != nil {
		t.Fatal(err)
	}
	if u := h.next(); u.err != nil || !u.cfg.Equal(Default()) {
		t.Fatalf("after config init: %+v, want Default()", u)
	}
	writeFile(t, h.path, "window: 2y\n")
	if u := h.next(); u.err != nil || u.cfg.Window != market.Win2Y {
		t.Fatalf("after an edit: %+v, want window 2Y", u)
	}

	if err := os.RemoveAll(filepath.Join(root, "a")); err != nil {
		t.Fatal(err)
	}
	if u := h.next(); u.cfg != nil || !errors.Is(u.err, fs.ErrNotExist) {
		t.Fatalf("after removing the tree: %+v, want fs.ErrNotExist", u)
	}
	if err := os.MkdirAll(filepath.Dir(h.path), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, h.path, "window: 5y\n")
	if u := h.next(); u.err != nil || u.cfg.Window != market.Win5Y {
		t.Fatalf("after making the tree again: %+v, want window 5Y", u)
	}
}

func TestWatcherOnTheWay(t *testing.T) {
	w, err := NewWatcher("/a/b/whoosh/config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for name, want := range map[string]bool{
		"/": true, "/a": true, "/a/b": true, "/a/b/whoosh": true, "/a/b/whoosh/": true,
		"/a/b/whoosh/config.yaml": false, "/a/bc": false, "/a/b/other": false, "/x": false,
	} {
		if got := w.onTheWay(name); got != want {
			t.Errorf("onTheWay(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestWatcherRelevant(t *testing.T) {
	dir := t.TempDir()
	w, err := NewWatcher(filepath.Join(dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cfg := filepath.Join(dir, "config.yaml")
	tests := []struct {
		ev   fsnotify.Event
		want bool
	}{
		{fsnotify.Event{Name: cfg, Op: fsnotify.Write}, true},
		{fsnotify.Event{Name: cfg, Op: fsnotify.Create}, true},
		{fsnotify.Event{Name: cfg, Op: fsnotify.Rename}, true},
		{fsnotify.Event{Name: cfg, Op: fsnotify.Remove}, true},
		{fsnotify.Event{Name: cfg, Op: fsnotify.Chmod}, false},
		{fsnotify.Event{Name: filepath.Join(dir, "other.yaml"), Op: fsnotify.Write}, false},
		{fsnotify.Event{Name: filepath.Join(dir, ".config.yaml.swp"), Op: fsnotify.Create}, false},
		{fsnotify.Event{Name: dir + "/./config.yaml", Op: fsnotify.Write}, true},
	}
	for _, tt := range tests {
		if got := w.relevant(tt.ev); got != tt.want {
			t.Errorf("relevant(%v) = %v, want %v", tt.ev, got, tt.want)
		}
	}
}

func TestWatchSymlinkedConfig(t *testing.T) {
	// Dotfile managers symlink the config; edits happen at the target.
	cfgDir, dotDir := t.TempDir(), t.TempDir()
	target := filepath.Join(dotDir, "whoosh.yaml")
	writeFile(t, target, "window: 1y\n")
	if err := os.Symlink(target, filepath.Join(cfgDir, "config.yaml")); err != nil {
		t.Skipf("no symlinks: %v", err)
	}
	h := startWatch(t, cfgDir)
	writeFile(t, target, "window: 6m\n")
	if u := h.next(); u.err != nil || u.cfg.Window != market.Win6M {
		t.Fatalf("after editing the symlink target: %+v, want window 6M", u)
	}
}

func TestWatchEmptiedFileMeansDefaults(t *testing.T) {
	// An empty file is valid (all defaults); the watcher looks twice
	// before believing it, then reports it.
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "window: 1y\n")
	h := startWatch(t, dir)
	writeFile(t, h.path, "")
	if u := h.next(); u.err != nil || !u.cfg.Equal(Default()) {
		t.Fatalf("after emptying the file: %+v, want Default()", u)
	}
}

func TestWatchLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	h := startWatch(t, t.TempDir())
	writeFile(t, h.path, "window: 1y\n")
	h.next()
	h.stop()
	// fsnotify's reader goroutine ends inside Close, and Run's with it;
	// poll briefly for the runtime to notice.
	deadline := time.Now().Add(15 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after stop, %d before", n, before)
	}
}
