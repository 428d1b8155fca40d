// Package cache keeps daily history and last quotes on disk so whoosh starts
// instantly, spends as few requests as possible and keeps working when the
// live provider does not.
//
// Layout under the cache directory (created 0700):
//
//	history/SYMBOL.json  one symbol's daily bars (schema-versioned JSON)
//	quotes.json          the last good quote of every symbol
//	blobs/NAME.json      other data (FRED series), see SaveBlob
//	lock                 advisory lock serialising read-merge-write
//
// Every write goes to a temporary file in the same directory, is fsynced and
// renamed over the old file, so a reader (or a process killed mid-write)
// never sees half a file. Read-merge-write cycles hold an advisory flock on
// the lock file, so two processes refreshing at once merge their bars rather
// than lose one side's. A corrupt, truncated or foreign file is reported as
// a *CorruptError, treated as absent and overwritten by the next fetch.
package cache

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/internal/atomicfile"
	"github.com/whoosh-dev/whoosh/internal/filelock"
	"github.com/whoosh-dev/whoosh/market"
)

// EnvDir names the environment variable that overrides the cache directory.
const EnvDir = "WHOOSH_CACHE_DIR"

// SchemaVersion is the version of the files this package writes. Files of
// any other version are treated as foreign and refetched.
const SchemaVersion = 1

// maxFileSize bounds what is read from any cache file; five years of daily
// bars take about 80 kB.
const maxFileSize = 32 << 20

// ErrNotCached is returned when the cache holds nothing for a symbol or
// name. It wraps feeds.ErrNoData.
var ErrNotCached = fmt.Errorf("not in the cache: %w", feeds.ErrNoData)

// ErrCorrupt is wrapped by every *CorruptError.
var ErrCorrupt = errors.New("corrupt cache file")

// CorruptError reports a cache file that could not be used: unreadable,
// truncated, not JSON, another schema version, or another symbol's data.
// It is a warning: the file is ignored and overwritten by the next fetch.
type CorruptError struct {
	Path string
	Err  error
}

func (e *CorruptError) Error() string {
	return "ignoring cache file " + e.Path + ": " + e.Err.Error()
}

// Unwrap returns ErrCorrupt and the underlying cause.
func (e *CorruptError) Unwrap() []error { return []error{ErrCorrupt, e.Err} }

// DefaultDir returns $WHOOSH_CACHE_DIR when set, else
// os.UserCacheDir()/whoosh.
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache dir: %w", err)
	}
	return filepath.Join(base, "whoosh"), nil
}

// Store is an on-disk cache directory. It is safe for concurrent use by
// many goroutines and by several processes sharing the directory.
type Store struct {
	dir  string
	mu   sync.Mutex // serialises this process's read-merge-write cycles
	memo memo       // entries decoded from unchanged files
}

// Open returns the store in dir, creating the directory tree with mode
// 0700 when it does not exist. Temporary files left over by a crashed
// writer are removed when they are older than an hour.
func Open(dir string) (*Store, error) {
	if dir == "" {
		return nil, errors.New("cache: empty directory name")
	}
	for _, d := range []string{dir, filepath.Join(dir, "history"), filepath.Join(dir, "blobs")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, fmt.Errorf("cache: %w", err)
		}
	}
	s := &Store{dir: dir}
	s.removeStaleTemps(time.Now().Add(-time.Hour))
	return s, nil
}

// Dir returns the store's directory.
func (s *Store) Dir() string { return s.dir }

// historyPath returns the file of symbol, which must be valid.
func (s *Store) historyPath(symbol string) (string, error) {
	if !market.ValidSymbol(symbol) {
		return "", fmt.Errorf("cache: invalid symbol %q", symbol)
	}
	return filepath.Join(s.dir, "history", symbol+".json"), nil
}

// locked runs fn holding both the in-process mutex and the cross-process
// advisory lock.
func (s *Store) locked(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	unlock, err := filelock.Lock(filepath.Join(s.dir, "lock"))
	if err != nil {
		return fmt.Errorf("cache: lock: %w", err)
	}
	defer unlock()
	return fn()
}

// readFile reads at most maxFileSize bytes of path. A missing file is
// reported as ErrNotCached; anything but a regular file (a FIFO, whose
// plain open would wait for a writer forever) is a CorruptError.
func readFile(path string) ([]byte, error) {
	f, err := atomicfile.OpenRegular(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNotCached
	}
	if err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileSize+1))
	if err != nil {
		return nil, &CorruptError{Path: path, Err: err}
	}
	if len(b) > maxFileSize {
		return nil, &CorruptError{Path: path, Err: fmt.Errorf("larger than the %d bytes allowed", maxFileSize)}
	}
	return b, nil
}

// removeStaleTemps deletes temporary files older than before; failures do
// not matter, the files are never read.
func (s *Store) removeStaleTemps(before time.Time) {
	for _, d := range []string{s.dir, filepath.Join(s.dir, "history"), filepath.Join(s.dir, "blobs")} {
		ents, err := os.ReadDir(d)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if !strings.HasPrefix(e.Name(), tempPrefix) {
				continue
			}
			if info, err := e.Info(); err == nil && info.ModTime().Before(before) {
				os.Remove(filepath.Join(d, e.Name()))
			}
		}
	}
}
