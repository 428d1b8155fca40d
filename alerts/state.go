package alerts

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
	"github.com/whoosh-dev/whoosh/internal/filelock"
	"github.com/whoosh-dev/whoosh/market"
)

// StateFile is the name of the rule-state file in the cache directory.
const StateFile = "alerts-state.json"

// lockFile is the name of the state's lock file beside it: the state file
// itself is replaced on every save, so it cannot carry the lock.
const lockFile = "alerts-state.lock"

const stateVersion = 1

// Store keeps the rules' states in one JSON file, replaced atomically, so
// a restart never re-fires a rule and a crash never leaves half a file.
type Store struct{ path string }

// NewStore returns the store in dir (the cache directory).
func NewStore(dir string) *Store { return &Store{path: filepath.Join(dir, StateFile)} }

type stateFile struct {
	Version int                          `json:"version"`
	Rules   map[string]market.AlertState `json:"rules"`
}

// Lock takes the store's cross-process lock (an advisory flock, per open
// file: two Stores on one directory exclude each other, in one process or
// two) and returns its release.
func (s *Store) Lock() (unlock func(), err error) {
	dir := filepath.Dir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("alert state: %w", err)
	}
	unlock, err = filelock.Lock(filepath.Join(dir, lockFile))
	if err != nil {
		return nil, fmt.Errorf("alert state: lock: %w", err)
	}
	return unlock, nil
}

// Load reads the states by rule name. A missing file is no state; a
// corrupt or foreign one is an error, and no state.
func (s *Store) Load() (map[string]market.AlertState, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]market.AlertState{}, nil
	}
	if err != nil {
		return map[string]market.AlertState{}, fmt.Errorf("alert state: %w", err)
	}
	var f stateFile
	if err := json.Unmarshal(data, &f); err != nil || f.Version != stateVersion {
		return map[string]market.AlertState{}, fmt.Errorf("alert state %s unreadable, starting afresh", s.path)
	}
	if f.Rules == nil {
		f.Rules = map[string]market.AlertState{}
	}
	return f.Rules, nil
}

// Save replaces the file with states.
func (s *Store) Save(states map[string]market.AlertState) error {
	data, err := json.MarshalIndent(stateFile{Version: stateVersion, Rules: states}, "", "  ")
	if err != nil {
		return fmt.Errorf("alert state: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("alert state: %w", err)
	}
	if err := atomicfile.WriteBytes(s.path, 0o600, append(data, '\n')); err != nil {
		return fmt.Errorf("alert state: %w", err)
	}
	return nil
}
