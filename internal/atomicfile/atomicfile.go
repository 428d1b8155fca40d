// Package atomicfile writes files whole or not at all, and only ever over a
// regular file.
//
// The new contents go to a temporary file in the target's directory, which
// is synced and then renamed (or linked) into place, so a reader sees the old
// file or the whole new one, even if the process dies at any point. On every
// error the temporary file is removed and whatever was at the path is left
// as it was. A path that holds anything but a regular file (a directory, a
// symlink, a FIFO, a device) is refused rather than replaced: renaming over
// /dev/full would replace the device node.
//
// OpenRegular is the reading side of the same rule: it opens only a regular
// file, and never blocks on a FIFO.
//
// Errors name the path the caller gave, never the temporary file, and carry
// no package prefix: callers add their own context.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// TempPrefix starts the name of every temporary file this package creates,
// so a file left by a crash can be recognised and removed.
const TempPrefix = ".tmp-"

// ErrNotRegular is wrapped by the error for a path that holds something
// other than a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Write creates or replaces the regular file at path with what fill writes,
// with permissions perm. fill's writer is buffered; an error from fill
// aborts the write.
func Write(path string, perm fs.FileMode, fill func(io.Writer) error) error {
	return write(path, perm, fill, false, nil)
}

// WriteIf is Write with a last word: check runs once the new contents are
// on disk, just before they replace path, and an error from it (returned
// as is) leaves path as it was. It keeps the window in which a change made
// by someone else could be overwritten as short as it can be (an editor
// saving while the new file was written and synced is seen).
func WriteIf(path string, perm fs.FileMode, fill func(io.Writer) error, check func() error) error {
	return write(path, perm, fill, false, check)
}

// Create is Write for a path that must not exist yet: if anything is at path
// the error wraps fs.ErrExist and nothing is changed. Where the file system
// has hard links the check and the write are one step.
func Create(path string, perm fs.FileMode, fill func(io.Writer) error) error {
	return write(path, perm, fill, true, nil)
}

// WriteBytes is Write for contents already in memory.
func WriteBytes(path string, perm fs.FileMode, data []byte) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

func write(path string, perm fs.FileMode, fill func(io.Writer) error, exclusive bool, check func() error) (err error) {
	dir := filepath.Dir(path)
	if err := checkDir(dir); err != nil {
		return err
	}
	if err := checkTarget(path, exclusive); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, TempPrefix+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("cannot create a file in directory %s: %w", dir, cause(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close() // a second Close after a successful one only errors
			os.Remove(tmp)
		}
	}()
	bw := bufio.NewWriter(plainErrors{f})
	if err := fill(bw); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// CreateTemp makes the file 0600 whatever the caller asked for.
	if err := f.Chmod(perm); err != nil {
		return fmt.Errorf("writing %s: %w", path, cause(err))
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", path, cause(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, cause(err))
	}
	if exclusive {
		err = link(tmp, path)
	} else {
		err = replace(tmp, path, check)
	}
	if err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// checkDir makes the commonest mistake, a directory that does not exist,
// read as such rather than as a failure to create a temporary file.
func checkDir(dir string) error {
	info, err := os.Stat(dir) // a symlinked directory is fine
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &plainError{"directory " + dir + " does not exist", fs.ErrNotExist}
	case err != nil:
		return fmt.Errorf("directory %s: %w", dir, cause(err))
	case !info.IsDir():
		return &plainError{dir + " is not a directory", syscall.ENOTDIR}
	}
	return nil
}

// checkTarget refuses a path that holds anything but a regular file, and,
// when exclusive, anything at all. Lstat, not Stat: a symlink is refused,
// not followed.
func checkTarget(path string, exclusive bool) error {
	info, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", path, cause(err))
	}
	if exclusive {
		return &plainError{path + " already exists", fs.ErrExist}
	}
	if !info.Mode().IsRegular() {
		return fmt.Errorf("refusing to replace %s: %w (it is %s)", path, ErrNotRegular, kind(info.Mode()))
	}
	return nil
}

// replace renames tmp over path after checking path once more (and
// running check, when given), so the window in which something else could
// appear there is as short as it can be without a rename that refuses
// non-regular targets.
func replace(tmp, path string, check func() error) error {
	if err := checkTarget(path, false); err != nil {
		return err
	}
	if check != nil {
		if err := check(); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("replacing %s: %w", path, cause(err))
	}
	return nil
}

// link puts tmp at path only if nothing is there: a hard link never
// replaces. Without hard links, fall back to check, then rename.
func link(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		os.Remove(tmp)
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return &plainError{path + " already exists", fs.ErrExist}
	}
	if err := checkTarget(path, true); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("creating %s: %w", path, cause(err))
	}
	return nil
}

// syncDir makes the rename itself durable. Not every platform can sync a
// directory; the data is safe either way, so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// plainError is an error whose message is complete in itself but which
// still matches its cause with errors.Is.
type plainError struct {
	msg string
	err error
}

func (e *plainError) Error() string { return e.msg }
func (e *plainError) Unwrap() error { return e.err }

// cause drops the *PathError or *LinkError around err: their path is the
// temporary file's, which means nothing to the user.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}

// plainErrors strips the temporary file's name from write errors.
type plainErrors struct{ f *os.File }

func (w plainErrors) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = cause(err)
	}
	return n, err
}

// kind names what a non-regular file is, for error messages.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeDir != 0:
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "an irregular file"
}
