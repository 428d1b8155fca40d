//go:build unix

package config

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
)

// TestInitRefusesNonRegular: config init --force replaces a config file,
// never a FIFO or a symlink that happens to be at its path.
func TestInitRefusesNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	target := filepath.Join(dir, "target.yaml")
	writeFile(t, target, "window: 1y\n")
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for path, kind := range map[string]string{fifo: "a FIFO", link: "a symbolic link"} {
		err := Init(path, true)
		want := "config: refusing to replace " + path + ": not a regular file (it is " + kind + ")"
		if err == nil || err.Error() != want || !errors.Is(err, atomicfile.ErrNotRegular) {
			t.Errorf("Init(%s, force) = %v\nwant %s", path, err, want)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("FIFO replaced: %v, %v", fi.Mode(), err)
	}
	if data, _ := os.ReadFile(target); string(data) != "window: 1y\n" {
		t.Errorf("symlink target changed to %q", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("dir holds %d entries, want 3 (no temporary files)", len(entries))
	}
}
