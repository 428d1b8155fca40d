package snapshot

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
)

// WriteFile writes a snapshot to path atomically: write runs against a
// temporary file in path's directory, which is synced and then renamed over
// path, so a reader sees either the old file or the whole new one, never a
// part. On any error the temporary file is removed and whatever was at path
// is left untouched. Only a regular file is ever replaced: a directory, a
// symlink, a FIFO or a device at path is refused, and a missing directory
// is reported as such.
//
// A path for which IsStdout is true is the caller's to handle: WriteFile
// returns an error for it rather than guess.
func WriteFile(path string, write func(io.Writer) error) error {
	if IsStdout(path) {
		return errors.New("snapshot: WriteFile: path is stdout; write to os.Stdout instead")
	}
	// A snapshot is an ordinary output file, readable by others.
	if err := atomicfile.Write(path, 0o644, write); err != nil {
		return fmt.Errorf("snapshot -o: %w", err)
	}
	return nil
}

// IsStdout reports whether an -o argument means standard output: "", "-",
// /dev/stdout or /dev/fd/1. The last two are devices or symlinks, which
// WriteFile would refuse to replace, and standard output is what they mean.
func IsStdout(path string) bool {
	if path == "" || path == "-" {
		return true
	}
	switch filepath.Clean(path) {
	case "/dev/stdout", "/dev/fd/1":
		return true
	}
	return false
}
