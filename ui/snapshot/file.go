package snapshot

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes a snapshot to path atomically: write runs against a
// temporary file in path's directory, which is synced and then renamed over
// path, so a reader sees either the old file or the whole new one, never a
// part. On any error the temporary file is removed and an existing file at
// path is left untouched.
//
// Path "" or "-" means standard output, which is the caller's to handle:
// WriteFile returns an error for it rather than guess.
func WriteFile(path string, write func(io.Writer) error) (err error) {
	if IsStdout(path) {
		return errors.New("snapshot: WriteFile: path is stdout; write to os.Stdout instead")
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return fmt.Errorf("snapshot: create temp file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return fmt.Errorf("snapshot: write %s: %w", path, err)
	}
	// CreateTemp makes the file 0600; a snapshot is an ordinary output file.
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("snapshot: chmod %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("snapshot: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("snapshot: close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("snapshot: rename to %s: %w", path, err)
	}
	return nil
}

// IsStdout reports whether an -o argument means standard output ("" or "-").
func IsStdout(path string) bool { return path == "" || path == "-" }
