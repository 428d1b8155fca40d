package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

func fillWith(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func TestWriteCreatesAndReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	if err := Write(path, 0o644, fillWith("first\n")); err != nil {
		t.Fatal(err)
	}
	assertContents(t, path, "first\n")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if err := WriteBytes(path, 0o600, []byte("second\n")); err != nil {
		t.Fatal(err)
	}
	assertContents(t, path, "second\n")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	assertEntries(t, dir, "out.json")
}

func TestWriteFillFails(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out")
	writeRegular(t, path, "old")
	boom := errors.New("boom")
	err := Write(path, 0o644, func(w io.Writer) error {
		io.WriteString(w, strings.Repeat("half ", 10000))
		return boom
	})
	if !errors.Is(err, boom) || err.Error() != "writing "+path+": boom" {
		t.Errorf("err = %v, want writing %s: boom", err, path)
	}
	assertContents(t, path, "old")
	assertEntries(t, dir, "out")
}

// TestWriteIf: check runs after the new contents are written, before they
// replace the file; its error is returned as is and leaves the file (and
// the directory) as they were.
func TestWriteIf(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	writeRegular(t, path, "old")
	changed := errors.New("changed meanwhile")
	checked := false
	err := WriteIf(path, 0o600, func(w io.Writer) error {
		writeRegular(t, path, "saved by hand") // a save while whoosh writes
		_, err := io.WriteString(w, "new")
		return err
	}, func() error {
		checked = true
		if b, _ := os.ReadFile(path); string(b) != "old" {
			return changed
		}
		return nil
	})
	if err != changed || !checked {
		t.Errorf("err = %v (checked %v), want check's error as is", err, checked)
	}
	assertContents(t, path, "saved by hand")
	assertEntries(t, dir, "config.yaml")

	if err := WriteIf(path, 0o600, fillWith("new"), func() error { return nil }); err != nil {
		t.Fatal(err)
	}
	assertContents(t, path, "new")
	assertEntries(t, dir, "config.yaml")
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := Create(path, 0o600, fillWith("one")); err != nil {
		t.Fatal(err)
	}
	assertContents(t, path, "one")
	err := Create(path, 0o600, fillWith("two"))
	if !errors.Is(err, fs.ErrExist) || err.Error() != path+" already exists" {
		t.Errorf("second Create err = %v, want %s already exists", err, path)
	}
	assertContents(t, path, "one")
	// A dangling symlink is something: Create must not write through it.
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), link); err != nil {
		t.Fatal(err)
	}
	if err := Create(link, 0o600, fillWith("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Create over a dangling symlink err = %v, want fs.ErrExist", err)
	}
	assertEntries(t, dir, "config.yaml", "link")
}

func writeRegular(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func assertContents(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || string(got) != want {
		t.Errorf("%s = %q, %v; want %q", path, got, err, want)
	}
}

func assertEntries(t *testing.T, dir string, want ...string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, want)
	}
}

// snapshotDir describes every entry under dir: name, type, and the contents
// of regular files.
func snapshotDir(t *testing.T, dir string) string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, p+" error")
			return nil
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
	sort.Strings(out)
	return strings.Join(out, "; ")
}
