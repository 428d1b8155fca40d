package config

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long a config file must stay quiet after a change
// before the Watcher re-reads it: editors write a file in several steps.
const DefaultDebounce = 150 * time.Millisecond

// Watcher reports changes to one config file, for hot reload. It watches
// the file's directory, not the file: editors save by writing a temporary
// file and renaming it over the old one, and a watch on the file itself
// dies with the first rename. It never writes the file.
type Watcher struct {
	// Debounce is the quiet time before a re-read (DefaultDebounce). Set it
	// before Run.
	Debounce time.Duration

	path  string          // absolute path of the config file
	names map[string]bool // paths whose events count: the file, and its symlink target
	fsw   *fsnotify.Watcher
	last  []byte // contents last delivered (or found at start); nil when unknown

	reloaded func() // test hook: called after each re-read
}

// NewWatcher starts watching the directory of the config file at path. The
// file need not exist yet, but its directory must: otherwise the error
// wraps fs.ErrNotExist. Call Run to receive changes, or Close.
func NewWatcher(path string) (*Watcher, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config: watching %s: %w", path, err)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("config: watching %s: %w", path, err)
	}
	w := &Watcher{Debounce: DefaultDebounce, path: abs, names: map[string]bool{abs: true}, fsw: fsw}
	if err := fsw.Add(filepath.Dir(abs)); err != nil {
		fsw.Close()
		return nil, fmt.Errorf("config: watching %s: %w", filepath.Dir(abs), err)
	}
	// A symlinked config (dotfiles) changes where the link points to.
	if target, err := filepath.EvalSymlinks(abs); err == nil && target != abs {
		if err := fsw.Add(filepath.Dir(target)); err == nil {
			w.names[target] = true
		}
	}
	// Read after the watch is in place, so no change can slip between.
	if data, err := readFile(abs); err == nil {
		w.last = data
	}
	return w, nil
}

// Run delivers each change of the file until ctx is done, then closes the
// watcher and returns nil. onChange runs on Run's goroutine, one call at a
// time, with either the new valid config or the error (Errors for an
// invalid file; an error wrapping fs.ErrNotExist when the file was removed);
// the caller keeps its last good config on error. A save that leaves the
// contents as they were is not reported. Run returns an error only if the
// file system watch itself fails.
func (w *Watcher) Run(ctx context.Context, onChange func(*Config, error)) error {
	defer w.fsw.Close()
	debounce := w.Debounce
	if debounce <= 0 {
		debounce = DefaultDebounce
	}
	timer := time.NewTimer(debounce)
	timer.Stop()
	defer timer.Stop()
	var fire <-chan time.Time
	waitedOnEmpty := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return fmt.Errorf("config: watching %s: watcher closed", w.path)
			}
			if w.relevant(ev) {
				timer.Reset(debounce)
				fire = timer.C
			}
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return fmt.Errorf("config: watching %s: watcher closed", w.path)
			}
			// Usually an event queue overflow: an event may be lost, so
			// re-read to be sure.
			timer.Reset(debounce)
			fire = timer.C
		case <-fire:
			fire = nil
			if !waitedOnEmpty && w.isEmpty() {
				// An in-place save truncates, then writes: an empty file is
				// more likely half-saved than meant. Look once more.
				waitedOnEmpty = true
				timer.Reset(debounce)
				fire = timer.C
				continue
			}
			waitedOnEmpty = false
			w.reload(onChange)
		}
	}
}

// relevant reports whether an event may have changed the config file:
// a create, write, rename or removal of the file (or its symlink target),
// not a chmod and not another file in the directory.
func (w *Watcher) relevant(ev fsnotify.Event) bool {
	return w.names[filepath.Clean(ev.Name)] &&
		ev.Has(fsnotify.Create|fsnotify.Write|fsnotify.Rename|fsnotify.Remove)
}

// isEmpty reports whether the file exists and is empty.
func (w *Watcher) isEmpty() bool {
	info, err := os.Stat(w.path)
	return err == nil && info.Size() == 0
}

// reload re-reads the file and reports it unless nothing changed.
func (w *Watcher) reload(onChange func(*Config, error)) {
	if w.reloaded != nil {
		defer w.reloaded()
	}
	data, err := readFile(w.path)
	if err != nil {
		w.last = nil
		onChange(nil, err)
		return
	}
	if w.last != nil && bytes.Equal(data, w.last) {
		return
	}
	w.last = data
	cfg, err := Parse(w.path, data)
	onChange(cfg, err)
}

// Close stops the watch; only needed when Run is never called.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Watch is NewWatcher followed by Run: it blocks until ctx is done.
func Watch(ctx context.Context, path string, onChange func(*Config, error)) error {
	w, err := NewWatcher(path)
	if err != nil {
		return err
	}
	return w.Run(ctx, onChange)
}

// readFile reads at most MaxFileSize+1 bytes, so Parse can reject a huge
// file without it all being read.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("config: reading %s: %w", path, err)
	}
	return data, nil
}
