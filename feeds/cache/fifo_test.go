//go:build unix

package cache

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFIFONeverBlocks: a FIFO named like a cache file (a mistake, or a
// trap) is a corrupt entry, reported at once; a plain open of it would
// wait for a writer forever and hang every start.
func TestFIFONeverBlocks(t *testing.T) {
	s := openTemp(t)
	path := filepath.Join(s.Dir(), "history", "AAPL.json")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.Load("AAPL")
		done <- err
	}()
	select {
	case err := <-done:
		var ce *CorruptError
		if !errors.Is(err, ErrCorrupt) || !errors.As(err, &ce) || ce.Path != path {
			t.Errorf("Load of a FIFO: %v, want a *CorruptError for %s", err, path)
		}
	case <-time.After(time.Minute): // a failure guard, not a timing assertion
		t.Fatal("Load blocked on a FIFO")
	}
}
