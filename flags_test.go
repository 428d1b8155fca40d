package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An as-of date before the demo's history (2019-01-02) is one clear error,
// exit 1: it names the demo's real first day and that --asof is before it,
// never a backwards range ("runs 2019-01-02 to 2010-01-01").
func TestDemoAsOfBeforeHistory(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_CACHE_HOME", dir)
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("window: 1Y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WHOOSH_CONFIG", cfg)
	for _, args := range [][]string{
		{"snapshot", "--source", "demo", "--asof", "2010-01-01"},
		{"snapshot", "--source", "demo", "--asof", "2019-01-01"}, // the day before the first
	} {
		var out, errb bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errb)
		asOf := args[len(args)-1]
		want := "whoosh: no usable data: --asof " + asOf + " is before the demo's history, which starts 2019-01-02 (use --asof 2019-01-02 or later with --source demo)\n"
		if code != exitFailure || errb.String() != want {
			t.Errorf("%v: exit %d, stderr:\n%s\nwant exit %d and:\n%s", args, code, errb.String(), exitFailure, want)
		}
	}
}
