//go:build unix

package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteRefuses: whatever is at the path, or missing around it, is left
// as it was, the message says why in words, and no temporary file remains.
func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (path string)
		want  string // %s is the path, %d its directory
		is    error
	}{
		{"FIFO", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "fifo")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			return p
		}, "refusing to replace %s: not a regular file (it is a FIFO)", ErrNotRegular},
		{"symlink to a regular file", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "target")
			writeRegular(t, target, "keep")
			p := filepath.Join(dir, "link")
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			return p
		}, "refusing to replace %s: not a regular file (it is a symbolic link)", ErrNotRegular},
		{"dangling symlink", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "link")
			if err := os.Symlink(filepath.Join(dir, "nowhere"), p); err != nil {
				t.Fatal(err)
			}
			return p
		}, "refusing to replace %s: not a regular file (it is a symbolic link)", ErrNotRegular},
		{"empty directory", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "sub")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}, "refusing to replace %s: not a regular file (it is a directory)", ErrNotRegular},
		{"character device", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "full")
			// The numbers of /dev/full; creating the node needs CAP_MKNOD.
			if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
				t.Skipf("mknod: %v", err)
			}
			return p
		}, "refusing to replace %s: not a regular file (it is a character device)", ErrNotRegular},
		{"missing directory", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "x", "y", "out")
		}, "directory %d does not exist", fs.ErrNotExist},
		{"directory is a file", func(t *testing.T, dir string) string {
			writeRegular(t, filepath.Join(dir, "file"), "keep")
			return filepath.Join(dir, "file", "out")
		}, "%d is not a directory", syscall.ENOTDIR},
		{"read-only directory", func(t *testing.T, dir string) string {
			ro := filepath.Join(dir, "ro")
			if err := os.Mkdir(ro, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(ro, 0o755) })
			if f, err := os.Create(filepath.Join(ro, "probe")); err == nil {
				f.Close()
				os.Remove(f.Name())
				t.Skip("permissions do not apply (running as root)")
			}
			return filepath.Join(ro, "out")
		}, "cannot create a file in directory %d: permission denied", fs.ErrPermission},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(t, dir)
			before := snapshotDir(t, dir)
			err := Write(path, 0o644, fillWith("new"))
			want := strings.NewReplacer("%s", path, "%d", filepath.Dir(path)).Replace(tt.want)
			if err == nil || err.Error() != want {
				t.Errorf("err = %v\nwant %s", err, want)
			}
			if !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want it to match %v", err, tt.is)
			}
			if after := snapshotDir(t, dir); after != before {
				t.Errorf("directory changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// TestOpenRegular: a FIFO with no writer is refused at once (a plain open
// would wait forever), and so is a directory; a symlink to a regular file
// is read through.
func TestOpenRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	file := filepath.Join(dir, "file")
	writeRegular(t, file, "data")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(file, link); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		fifo: fifo + " is not a regular file (it is a FIFO)",
		dir:  dir + " is not a regular file (it is a directory)",
	} {
		f, err := OpenRegular(path)
		if err == nil {
			f.Close()
		}
		if err == nil || err.Error() != want || !errors.Is(err, ErrNotRegular) {
			t.Errorf("OpenRegular(%s) = %v, want %s", path, err, want)
		}
	}
	f, err := OpenRegular(link)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if b, err := io.ReadAll(f); err != nil || string(b) != "data" {
		t.Errorf("read through symlink = %q, %v", b, err)
	}
	if _, err := OpenRegular(filepath.Join(dir, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenRegular(absent) = %v, want fs.ErrNotExist", err)
	}
}
