package config

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

func TestPath(t *testing.T) {
	xdg := t.TempDir()
	tests := []struct {
		name, flag, env string
		want            string
		explicit        bool
	}{
		{"flag wins over env", "/a/flag.yaml", "/b/env.yaml", "/a/flag.yaml", true},
		{"env when no flag", "", "/b/env.yaml", "/b/env.yaml", true},
		{"XDG default", "", "", filepath.Join(xdg, "whoosh", "config.yaml"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", xdg)
			t.Setenv(EnvVar, tt.env)
			got, explicit, err := Path(tt.flag)
			if err != nil || got != tt.want || explicit != tt.explicit {
				t.Errorf("Path(%q) = %q, %v, %v; want %q, %v", tt.flag, got, explicit, err, tt.want, tt.explicit)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv(EnvVar, "")

	// No file at the default location: the defaults, silently.
	cfg, path, err := Resolve("")
	if err != nil || !cfg.Equal(Default()) || path != filepath.Join(dir, "whoosh", "config.yaml") {
		t.Fatalf("Resolve(\"\") = %+v, %q, %v; want defaults at the XDG path", cfg, path, err)
	}

	// A missing file the user named is an error, by flag or by env.
	missing := filepath.Join(dir, "nope.yaml")
	if _, _, err := Resolve(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Resolve(missing flag) err = %v, want fs.ErrNotExist", err)
	}
	t.Setenv(EnvVar, missing)
	if _, _, err := Resolve(""); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Resolve with missing $%s: err = %v, want fs.ErrNotExist", EnvVar, err)
	}

	// An existing file is read; an invalid one gives Errors.
	good := filepath.Join(dir, "good.yaml")
	writeFile(t, good, "window: 5y\n")
	cfg, path, err = Resolve(good)
	if err != nil || cfg.Window != market.Win5Y || path != good {
		t.Errorf("Resolve(good) = %v, %q, %v; want window 5Y", cfg, path, err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	writeFile(t, bad, "window: 5d\n")
	var errs Errors
	if _, _, err := Resolve(bad); !errors.As(err, &errs) || len(errs) != 1 || errs[0].File != bad {
		t.Errorf("Resolve(bad) err = %v, want one Error in %s", err, bad)
	}
}

func TestLoadTestdataBad(t *testing.T) {
	// The acceptance case: an unknown key and a bad symbol are both
	// reported. Line 7 is `    members: [NVDA, "NV DA", MSFT]`: 4 spaces,
	// "members: [NVDA, " is 16 more, so the quote is column 21.
	_, err := Load("testdata/bad.yaml")
	want := `testdata/bad.yaml:3:1: unknown key "colour" (hint: known keys here: version, source, window, refresh, mouse, baskets, gap, whoosh, watchlists, macro, alerts)
testdata/bad.yaml:7:21: baskets.bits.members: invalid symbol "NV DA" (hint: ` + symbolHint + `)`
	if err == nil || err.Error() != want {
		t.Errorf("Load(bad.yaml) error:\n%v\nwant:\n%s", err, want)
	}
}

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "deep", "whoosh")
	path := filepath.Join(dir, "config.yaml")

	if err := Init(path, false); err != nil {
		t.Fatalf("Init: %v", err)
	}
	assertDefaultFile(t, path)
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Errorf("config dir mode = %v, %v; want 0700", info.Mode().Perm(), err)
	}

	// A second Init refuses and leaves the user's edits alone.
	writeFile(t, path, "window: 1y\n")
	err := Init(path, false)
	if !errors.Is(err, fs.ErrExist) || err.Error() != "config: "+path+" already exists (use --force to overwrite it)" {
		t.Errorf("second Init err = %v, want fs.ErrExist with a --force hint", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "window: 1y\n" {
		t.Errorf("Init without force changed the file to %q", data)
	}

	// --force replaces it with the default again.
	if err := Init(path, true); err != nil {
		t.Fatalf("Init(force): %v", err)
	}
	assertDefaultFile(t, path)

	// No temporary files are left behind.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("dir holds %d entries, want only config.yaml", len(entries))
	}
}

func TestInitForceOnMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := Init(path, true); err != nil {
		t.Fatalf("Init(force) on a new path: %v", err)
	}
	assertDefaultFile(t, path)
}

func assertDefaultFile(t *testing.T, path string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, DefaultYAML()) {
		t.Errorf("%s is not the default config", path)
	}
	cfg, err := Load(path)
	if err != nil || !cfg.Equal(Default()) {
		t.Errorf("Load(%s) = %v, %v; want Default()", path, cfg, err)
	}
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}
