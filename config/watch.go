package config

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// DefaultDebounce is how long a config file must stay quiet after a change
// before the Watcher re-reads it: editors write a file in several steps.
const DefaultDebounce = 150 * time.Millisecond

// Watcher reports changes to one config file, for hot reload. It watches
// the file's directory, not the file: editors save by writing a temporary
// file and renaming it over the old one, and a watch on the file itself
// dies with the first rename. While the directory does not exist (a new
// user who has not run `whoosh config init` yet) it watches the nearest
// existing ancestor and moves down as the directories appear. It never
// writes the file, and does not report the contents whoosh itself wrote
// there (EditFile).
type Watcher struct {
	// Debounce is the quiet time before a re-read (DefaultDebounce). Set it
	// before Run.
	Debounce time.Duration

	path    string          // absolute path of the config file
	dir     string          // its directory
	watched string          // dir, or its nearest existing ancestor while dir is missing
	names   map[string]bool // paths whose events count: the file, and its symlink target
	fsw     *fsnotify.Watcher
	last    []byte // contents last delivered (or found at start); nil when unknown
	missing bool   // the last look found no file: its absence is not news

	reloaded func() // test hook: called after each re-read
}

// NewWatcher starts watching for the config file at path. Neither the file
// nor its directory need exist yet. Call Run to receive changes, or Close.
func NewWatcher(path string) (*Watcher, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("config: watching %s: %w", path, err)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("config: watching %s: %w", path, err)
	}
	w := &Watcher{Debounce: DefaultDebounce, path: abs, dir: filepath.Dir(abs), names: map[string]bool{abs: true}, fsw: fsw}
	if _, err := w.arm(); err != nil {
		fsw.Close()
		return nil, err
	}
	// Read after the watch is in place, so no change can slip between.
	data, err := readFile(abs)
	w.last, w.missing = data, errors.Is(err, fs.ErrNotExist)
	if err != nil {
		w.last = nil
	}
	return w, nil
}

// arm puts the watch on the config directory or, while that is missing, on
// its nearest existing ancestor. It reports whether the watch moved, after
// which the file must be looked at: it may have appeared before the watch.
// It looks again after each move until the watch stays put: a directory
// made between the look and the watch (MkdirAll of a/b/whoosh) sends no
// event to a watch placed after it.
func (w *Watcher) arm() (moved bool, err error) {
	for {
		target := nearestDir(w.dir)
		if target == w.watched {
			return moved, nil
		}
		err := w.fsw.Add(target)
		if errors.Is(err, fs.ErrNotExist) {
			continue // removed between the look and the watch: look again
		}
		if err != nil {
			return false, fmt.Errorf("config: watching %s: %w", target, err)
		}
		if w.watched != "" {
			w.fsw.Remove(w.watched) // fails if it went with its directory; fine
		}
		w.watched = target
		if target == w.dir {
			w.watchSymlinkTarget()
		}
		moved = true
	}
}

// watchSymlinkTarget follows a symlinked config (dotfiles): edits happen
// where the link points.
func (w *Watcher) watchSymlinkTarget() {
	target, err := filepath.EvalSymlinks(w.path)
	if err != nil || target == w.path || w.names[target] {
		return
	}
	if err := w.fsw.Add(filepath.Dir(target)); err == nil {
		w.names[target] = true
	}
}

// nearestDir returns dir if it is a directory, else its nearest ancestor
// that is; the root always is.
func nearestDir(dir string) string {
	for {
		if info, err := os.Stat(dir); err == nil && info.IsDir() {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}

// Run delivers each change of the file until ctx is done, then closes the
// watcher and returns nil. onChange runs on Run's goroutine, one call at a
// time, with either the new valid config or the error (Errors for an
// invalid file; an error wrapping fs.ErrNotExist when the file was removed;
// one wrapping atomicfile.ErrNotRegular for a FIFO or other non-regular
// file, which is never opened in a way that could block); the caller keeps
// its last good config on error. A save that leaves the contents as they
// were is not reported. Run returns an error only if the file system watch
// itself fails.
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
	schedule := func() {
		timer.Reset(debounce)
		fire = timer.C
	}
	waitedOnEmpty := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return fmt.Errorf("config: watching %s: watcher closed", w.path)
			}
			if filepath.Clean(ev.Name) == w.watched && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				// The watched directory itself went, and its watch with
				// it, even if one of the same name is back by the time
				// the event is read (a tree removed and made again):
				// arm must watch whatever is there now.
				w.watched = ""
			}
			if w.onTheWay(ev.Name) {
				moved, err := w.arm()
				if err != nil {
					return err
				}
				if moved {
					schedule()
				}
			}
			if w.relevant(ev) {
				schedule()
			}
		case _, ok := <-w.fsw.Errors:
			if !ok {
				return fmt.Errorf("config: watching %s: watcher closed", w.path)
			}
			// Usually an event queue overflow: an event may be lost, so
			// look again at the directories and the file to be sure.
			if _, err := w.arm(); err != nil {
				return err
			}
			schedule()
		case <-fire:
			fire = nil
			if !waitedOnEmpty && w.isEmpty() {
				// An in-place save truncates, then writes: an empty file is
				// more likely half-saved than meant. Look once more.
				waitedOnEmpty = true
				schedule()
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

// onTheWay reports whether name is the config directory or one of its
// ancestors: its appearance or removal moves the watch.
func (w *Watcher) onTheWay(name string) bool {
	name = filepath.Clean(name)
	return name == w.dir || strings.HasPrefix(w.dir, name+string(filepath.Separator)) ||
		name == string(filepath.Separator)
}

// isEmpty reports whether the file is a regular file and empty.
func (w *Watcher) isEmpty() bool {
	info, err := os.Stat(w.path)
	return err == nil && info.Mode().IsRegular() && info.Size() == 0
}

// reload re-reads the file and reports it unless nothing changed.
func (w *Watcher) reload(onChange func(*Config, error)) {
	if w.reloaded != nil {
		defer w.reloaded()
	}
	if cfg, err, report := w.read(); report {
		onChange(cfg, err)
	}
}

// read reads the file and says what to report, if anything. It holds
// edits, so an in-app edit's write and its bookkeeping are seen together:
// never the new contents before they are marked whoosh's own.
func (w *Watcher) read() (cfg *Config, err error, report bool) {
	edits.Lock()
	defer edits.Unlock()
	data, err := readFile(w.path)
	if err != nil {
		missing := errors.Is(err, fs.ErrNotExist)
		if missing && w.missing {
			return nil, nil, false // still not there: nothing new to say
		}
		w.last, w.missing = nil, missing
		return nil, err, true
	}
	w.missing = false
	if w.last != nil && bytes.Equal(data, w.last) {
		return nil, nil, false
	}
	w.last = data
	if ownWrite(w.path, data) {
		return nil, nil, false // whoosh's own edit (EditFile): its caller applied it already
	}
	cfg, err = Parse(w.path, data)
	if err == nil {
		remember(w.path, data, nil, false) // what the session now shows: the base of the next edit
	}
	return cfg, err, true
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
