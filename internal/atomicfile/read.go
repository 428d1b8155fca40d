package atomicfile

import (
	"fmt"
	"os"
)

// OpenRegular opens path for reading if it is a regular file (a symlink to
// one is fine) and refuses anything else with an error wrapping
// ErrNotRegular. It never blocks: a plain open of a FIFO waits for a
// writer, forever if none comes. The reading side of the same rule as
// Write: whoosh's own files are regular files.
func OpenRegular(path string) (*os.File, error) {
	// Stat first, so a device is not even opened (opening some has effects).
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, notRegular(path, info.Mode())
	}
	// The file may have been replaced since: open without blocking and look
	// again at what was opened.
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	info, err = f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, notRegular(path, info.Mode())
	}
	return f, nil
}

func notRegular(path string, m os.FileMode) error {
	return &plainError{fmt.Sprintf("%s is not a regular file (it is %s)", path, kind(m)), ErrNotRegular}
}
