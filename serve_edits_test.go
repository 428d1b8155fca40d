package main

import (
	"os"
	"strings"
	"testing"
)

// TestServeEdits (issue 20): viewers cannot edit the shared config unless
// serve runs with --allow-edits; with it, one viewer's `a` writes the
// config file (what was there kept) and every viewer gets the new watchlist.
func TestServeEdits(t *testing.T) {
	t.Run("off", func(t *testing.T) {
		e := startServe(t, serveConfig{maxSessions: 4})
		v, err := dialViewer(t, e.srv.sshAddr(), e.clientKey)
		if err != nil {
			t.Fatal(err)
		}
		v.waitFor(t, "Overview")
		v.press(t, "a")
		v.waitFor(t, "edits are off in this session")
		if b, _ := os.ReadFile(e.config); string(b) != "refresh: 24h\n" {
			t.Errorf("the config changed: %q", b)
		}
	})
	t.Run("allowed", func(t *testing.T) {
		e := startServe(t, serveConfig{maxSessions: 4, allowEdits: true})
		editor, err := dialViewer(t, e.srv.sshAddr(), e.clientKey)
		if err != nil {
			t.Fatal(err)
		}
		other, err := dialViewer(t, e.srv.sshAddr(), e.clientKey)
		if err != nil {
			t.Fatal(err)
		}
		editor.waitFor(t, "Overview")
		other.waitFor(t, "Overview")
		editor.press(t, "a")
		editor.waitFor(t, "add")
		editor.press(t, "AMD\r")
		other.waitFor(t, "9 Watchlist")
		b, err := os.ReadFile(e.config)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "refresh: 24h\n") || !strings.Contains(string(b), "AMD") {
			t.Errorf("config after the edit:\n%s", b)
		}
	})
}
