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

// whoosh -h lists each command with its description at one column (or, for
// a synopsis too long for it, on the next line at that column); a command
// whose synopsis has no [flags] names every flag its -h lists, and alerts
// backtest names its own two.
func TestTopUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"-h"}, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("whoosh -h: exit %d", code)
	}
	lines := strings.Split(out.String(), "\n")
	n := 0
	for i, l := range lines {
		if !strings.HasPrefix(l, "  whoosh") {
			continue
		}
		n++
		desc := l
		if len(l) <= usageCol || l[usageCol-1] != ' ' || l[usageCol-2] != ' ' {
			// the description follows on the next line
			if i+1 >= len(lines) {
				t.Fatalf("%q: no description", l)
			}
			desc = lines[i+1]
			if strings.TrimSpace(desc[:min(len(desc), usageCol)]) != "" {
				t.Errorf("%q: description %q not at column %d", l, desc, usageCol)
				continue
			}
		}
		if len(desc) <= usageCol || desc[usageCol] == ' ' {
			t.Errorf("%q: description does not start at column %d", desc, usageCol)
		}
	}
	if n != len(topUsage) {
		t.Errorf("%d command lines, want %d", n, len(topUsage))
	}
	for _, u := range topUsage {
		if !strings.Contains(out.String(), u.cmd) {
			t.Errorf("usage lacks %q", u.cmd)
		}
		if strings.Contains(u.cmd, "[flags]") || u.cmd == "whoosh version" {
			continue
		}
		args := append(strings.Fields(u.cmd)[1:3], "-h")
		var h bytes.Buffer
		run(args, strings.NewReader(""), &h, &h)
		for _, f := range strings.Fields(h.String()) {
			if len(f) > 1 && f[0] == '-' && f[1] != '-' && f != "-h" {
				if !strings.Contains(u.cmd, "--"+f[1:]) && !(f == "-config" && strings.Contains(u.cmd, "[FILE]")) {
					t.Errorf("%q omits %s (its -h lists it)", u.cmd, f)
				}
			}
		}
	}
	for _, want := range []string{"--since", "--rule"} {
		if !strings.Contains(out.String(), "whoosh alerts backtest [--since DATE] [--rule NAME]") {
			t.Errorf("alerts backtest omits %s", want)
		}
	}
}
