package cache

import (
	"fmt"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
)

// tempPrefix starts every temporary file's name; no cache file starts with
// it, so a temp file left by a crash is never mistaken for data.
const tempPrefix = atomicfile.TempPrefix

// writeAtomic replaces path with data (mode 0600): readers see either the
// old file or the new one, never a mix, even if the process dies at any
// point, and something other than a regular file at path is left alone.
func writeAtomic(path string, data []byte) error {
	if err := atomicfile.WriteBytes(path, 0o600, data); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}
