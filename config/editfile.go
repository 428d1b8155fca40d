package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
)

// ErrChanged is wrapped by EditFile's refusal to write over a config file
// that changed since whoosh read it.
var ErrChanged = errors.New("the config file changed since whoosh read it")

// seen remembers, per config file (absolute path), the contents this
// process last read as its config or wrote itself: the base an in-app edit
// applies to, and how the Watcher tells whoosh's own writes from a user's.
var seen = struct {
	sync.Mutex
	m map[string]seenFile
}{m: map[string]seenFile{}}

// edits serializes EditFile's read, edit and write with each other (two
// serve viewers adding at once must not both write over the same base)
// and with the Watcher's reads (see Watcher.read).
var edits sync.Mutex

type seenFile struct {
	data    []byte // nil with missing
	missing bool   // the file did not exist
	own     bool   // data is what EditFile wrote
}

func seenKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return filepath.Clean(path)
}

// remember records data as the contents whoosh now works from for path;
// a nil data with a not-exist error records a missing file.
func remember(path string, data []byte, err error, own bool) {
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return
	}
	seen.Lock()
	defer seen.Unlock()
	seen.m[seenKey(path)] = seenFile{data: data, missing: err != nil, own: own}
}

// ownWrite reports whether data is what EditFile last wrote to path.
func ownWrite(path string, data []byte) bool {
	seen.Lock()
	defer seen.Unlock()
	f, ok := seen.m[seenKey(path)]
	return ok && f.own && bytes.Equal(f.data, data)
}

// EditFile applies edit (AddMember, RemoveMember, …) to the config file at
// path and writes the result atomically (internal/atomicfile), through a
// symlink to where it points. The edited file must be a valid config; the
// new config is returned.
//
// It never writes over a change it has not seen: the file must hold what
// whoosh last read as its config (Load at start, the Watcher's reloads) or
// last wrote, else the error wraps ErrChanged. A file that does not exist,
// when whoosh started without one, is first created from the commented
// default (as `whoosh config init` writes it), then edited. The Watcher
// does not report the contents EditFile wrote: the caller hands the
// returned config to the pipeline itself.
func EditFile(path string, edit func([]byte) ([]byte, error)) (*Config, error) {
	edits.Lock()
	defer edits.Unlock()
	seen.Lock()
	base, known := seen.m[seenKey(path)]
	seen.Unlock()
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t
	}
	cur, err := readFile(target)
	missing := errors.Is(err, fs.ErrNotExist)
	switch {
	case err != nil && !missing:
		return nil, err
	case known && (missing != base.missing || !bytes.Equal(cur, base.data)):
		what := "was changed"
		if missing {
			what = "was removed"
		} else if base.missing {
			what = "was created"
		}
		return nil, changedError(path, what)
	}
	src := cur
	if missing {
		src = defaultYAML
	}
	out, err := edit(src)
	if err != nil {
		return nil, err
	}
	cfg, err := Parse(path, out)
	if err != nil {
		return nil, fmt.Errorf("config: the edit would make the file invalid: %w", err)
	}
	perm := fs.FileMode(0o600)
	if info, err := os.Stat(target); err == nil {
		perm = info.Mode().Perm()
		if perm&0o222 == 0 {
			// A rename would replace it all the same: a read-only file is
			// the user saying "do not write here".
			return nil, fmt.Errorf("config: %s is read-only (mode %04o); not changed (make it writable to edit it from whoosh)", path, perm)
		}
	}
	fill := func(w io.Writer) error { _, err := w.Write(out); return err }
	if missing {
		if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
			return nil, fmt.Errorf("config: %w", err)
		}
		err = atomicfile.Create(target, perm, fill) // someone creating it meanwhile wins
	} else {
		// A save landing while the edit was made and written is seen
		// here, just before the rename, and wins.
		var refused error // the check's own error, returned as it is
		err = atomicfile.WriteIf(target, perm, fill, func() error {
			now, err := readFile(target)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				refused = changedError(path, "was removed")
			case err != nil:
				refused = fmt.Errorf("%w (reading it again before the write)", err)
			case !bytes.Equal(now, cur):
				refused = changedError(path, "was changed")
			}
			return refused
		})
		if refused != nil {
			return nil, refused
		}
	}
	if err != nil {
		return nil, fmt.Errorf("config: writing %s: %w", path, err)
	}
	remember(path, out, nil, true) // under edits: no Watcher read comes between
	return cfg, nil
}

func changedError(path, what string) error {
	return fmt.Errorf("config: %s %s since whoosh read it; not overwritten (save it again so whoosh reloads it, or restart): %w", path, what, ErrChanged)
}
