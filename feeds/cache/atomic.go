package cache

import (
	"fmt"
	"os"
	"path/filepath"
)

// tempPrefix starts every temporary file's name; no cache file starts with
// it, so a temp file left by a crash is never mistaken for data.
const tempPrefix = ".tmp-"

// writeAtomic replaces path with data: write a temporary file in the same
// directory, fsync it, rename it over path, fsync the directory. Readers see
// either the old file or the new one, never a mix, even if the process dies
// at any point.
func writeAtomic(path string, data []byte) (err error) {
	dir, base := filepath.Split(path)
	f, err := os.CreateTemp(dir, tempPrefix+base+"-*")
	if err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("cache: write %s: %w", tmp, err)
	}
	if err = f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("cache: sync %s: %w", tmp, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("cache: close %s: %w", tmp, err)
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	// Make the rename itself durable. Not every platform can sync a
	// directory; the data is safe either way, so errors are ignored.
	if d, derr := os.Open(dir); derr == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
