package snapshot

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "snap.json")

	// Success: the file appears whole and no temporary file is left.
	if err := WriteFile(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "first\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "first\n")
	assertOnlyFile(t, dir, "snap.json")
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}

	// Failure halfway: the old file is intact and the temp file is gone.
	boom := errors.New("boom")
	err := WriteFile(path, func(w io.Writer) error {
		io.WriteString(w, "half of the sec")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want it to wrap boom", err)
	}
	assertFile(t, path, "first\n")
	assertOnlyFile(t, dir, "snap.json")

	// Overwrite succeeds.
	if err := WriteFile(path, func(w io.Writer) error {
		_, err := io.WriteString(w, "second\n")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	assertFile(t, path, "second\n")
	assertOnlyFile(t, dir, "snap.json")
}

func TestIsStdout(t *testing.T) {
	for p, want := range map[string]bool{
		"": true, "-": true, "/dev/stdout": true, "/dev//stdout": true, "/dev/fd/1": true,
		"/dev/stderr": false, "stdout": false, "./-": false, "/dev/full": false,
	} {
		if got := IsStdout(p); got != want {
			t.Errorf("IsStdout(%q) = %v, want %v", p, got, want)
		}
		if want {
			if err := WriteFile(p, func(io.Writer) error { return nil }); err == nil {
				t.Errorf("WriteFile(%q) should refuse stdout", p)
			}
		}
	}
}

func TestWriteFileSnapshot(t *testing.T) {
	path := filepath.Join(t.TempDir(), "snap.md")
	s := fixture()
	if err := WriteFile(path, func(w io.Writer) error { return Write(w, s, Options{Format: Markdown}) }); err != nil {
		t.Fatal(err)
	}
	want := write(t, s, Options{Format: Markdown})
	assertFile(t, path, string(want))
}

func assertFile(t *testing.T, path, want string) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s = %q, want %q", path, got, want)
	}
}

func assertOnlyFile(t *testing.T, dir, name string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != name {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("%s holds %v, want only %s", dir, names, name)
	}
}
