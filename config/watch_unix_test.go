//go:build unix

package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/internal/atomicfile"
	"github.com/whoosh-dev/whoosh/market"
)

// TestWatchFIFO: a FIFO put at the config path is reported as an error
// (a plain open would block until a writer comes, forever), the watcher
// stays responsive (stop, run by the harness, checks Run returns) and a
// regular file put back is loaded again.
func TestWatchFIFO(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "config.yaml"), "window: 1y\n")
	h := startWatch(t, dir)

	if err := os.Remove(h.path); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(h.path, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	u := h.next()
	if errors.Is(u.err, fs.ErrNotExist) {
		u = h.next() // the removal was seen on its own first
	}
	want := "config: " + h.path + " is not a regular file (it is a FIFO)"
	if u.cfg != nil || !errors.Is(u.err, atomicfile.ErrNotRegular) || u.err.Error() != want {
		t.Fatalf("after the FIFO: %+v\nwant error %s", u, want)
	}

	if err := os.Remove(h.path); err != nil {
		t.Fatal(err)
	}
	writeFile(t, h.path, "window: 6m\n")
	for u = h.next(); errors.Is(u.err, fs.ErrNotExist); u = h.next() {
	}
	if u.err != nil || u.cfg.Window != market.Win6M {
		t.Fatalf("after a regular file again: %+v, want window 6M", u)
	}
}

// TestLoadNonRegular: Load and Resolve refuse a FIFO or a directory at the
// config path without blocking. The timeout only catches a blocked open.
func TestLoadNonRegular(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	cases := map[string]string{
		fifo: "config: " + fifo + " is not a regular file (it is a FIFO)",
		dir:  "config: " + dir + " is not a regular file (it is a directory)",
	}
	for path, want := range cases {
		done := make(chan error, 2)
		go func() {
			_, err := Load(path)
			done <- err
			_, _, err = Resolve(path)
			done <- err
		}()
		for _, fn := range []string{"Load", "Resolve"} {
			select {
			case err := <-done:
				if err == nil || err.Error() != want || !errors.Is(err, atomicfile.ErrNotRegular) {
					t.Errorf("%s(%s) = %v\nwant %s", fn, path, err, want)
				}
			case <-time.After(10 * time.Second):
				t.Fatalf("%s(%s) blocked", fn, path)
			}
		}
	}

	// At the default location too: a FIFO is not "no file, use defaults".
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv(EnvVar, "")
	if err := os.Mkdir(filepath.Join(dir, "whoosh"), 0o700); err != nil {
		t.Fatal(err)
	}
	def := filepath.Join(dir, "whoosh", "config.yaml")
	if err := syscall.Mkfifo(def, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Resolve(""); !errors.Is(err, atomicfile.ErrNotRegular) {
		t.Errorf("Resolve(\"\") with a FIFO at %s = %v, want ErrNotRegular", def, err)
	}
}
