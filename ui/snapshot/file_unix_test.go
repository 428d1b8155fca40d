//go:build unix

package snapshot

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteFileRefuses: -o over anything but a regular file, or into a
// directory that cannot take it, changes nothing and says why in words.
func TestWriteFileRefuses(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string
		want  string // %s is the path, %d its directory
	}{
		{"FIFO", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "fifo")
			if err := syscall.Mkfifo(p, 0o644); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			return p
		}, "snapshot -o: refusing to replace %s: not a regular file (it is a FIFO)"},
		{"symlink", func(t *testing.T, dir string) string {
			target := filepath.Join(dir, "target")
			if err := os.WriteFile(target, []byte("keep"), 0o644); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, "link")
			if err := os.Symlink(target, p); err != nil {
				t.Fatal(err)
			}
			return p
		}, "snapshot -o: refusing to replace %s: not a regular file (it is a symbolic link)"},
		{"non-empty directory", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "taken")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(p, "keep"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, "snapshot -o: refusing to replace %s: not a regular file (it is a directory)"},
		{"character device", func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "full")
			// /dev/full's numbers; making the node needs CAP_MKNOD.
			if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, 1<<8|7); err != nil {
				t.Skipf("mknod: %v", err)
			}
			return p
		}, "snapshot -o: refusing to replace %s: not a regular file (it is a character device)"},
		{"missing directory", func(t *testing.T, dir string) string {
			return filepath.Join(dir, "x", "y", "snap.json")
		}, "snapshot -o: directory %d does not exist"},
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
			return filepath.Join(ro, "snap.json")
		}, "snapshot -o: cannot create a file in directory %d: permission denied"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tt.setup(t, dir)
			before := describeTree(t, dir)
			err := WriteFile(path, func(w io.Writer) error {
				_, err := io.WriteString(w, "new")
				return err
			})
			want := strings.NewReplacer("%s", path, "%d", filepath.Dir(path)).Replace(tt.want)
			if err == nil || err.Error() != want {
				t.Errorf("err = %v\nwant %s", err, want)
			}
			if after := describeTree(t, dir); after != before {
				t.Errorf("directory changed:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

// describeTree lists every entry under dir with its type, the contents of
// regular files and the target of symlinks.
func describeTree(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		e := p + " " + d.Type().String()
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(p)
			e += " " + string(b)
		}
		if d.Type()&fs.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			e += " -> " + target
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(out, "; ")
}
