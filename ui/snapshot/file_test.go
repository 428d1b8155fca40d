package snapshot

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

func TestWriteFileErrors(t *testing.T) {
	noop := func(io.Writer) error { return nil }
	for _, p := range []string{"", "-"} {
		if err := WriteFile(p, noop); err == nil {
			t.Errorf("WriteFile(%q) should refuse stdout", p)
		}
		if !IsStdout(p) {
			t.Errorf("IsStdout(%q) = false", p)
		}
	}
	if err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "dir", "x"), noop); err == nil {
		t.Error("WriteFile into a missing directory should fail")
	}
	// Renaming over a directory fails after the temp file is written; the
	// temp file must still be removed.
	dir := t.TempDir()
	target := filepath.Join(dir, "taken")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(target, noop); err == nil || !strings.Contains(err.Error(), "rename") {
		t.Errorf("WriteFile over a non-empty directory = %v, want a rename error", err)
	}
	assertOnlyFile(t, dir, "taken")
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
