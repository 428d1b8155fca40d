package main

import (
	"regexp"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/lipgloss"
)

func TestSessionProfile(t *testing.T) {
	for _, c := range []struct {
		term string
		env  []string
		want colorprofile.Profile
	}{
		{"xterm-256color", nil, colorprofile.ANSI256},
		{"xterm", nil, colorprofile.ANSI},
		{"linux", nil, colorprofile.ANSI},
		{"xterm-256color", []string{"COLORTERM=truecolor"}, colorprofile.TrueColor},
		{"xterm-256color", []string{"NO_COLOR=1"}, colorprofile.ASCII},
		// no-color.org: any non-empty value turns colour off, not only a bool.
		{"xterm-256color", []string{"NO_COLOR=yes"}, colorprofile.ASCII},
		{"xterm-256color", []string{"NO_COLOR=0"}, colorprofile.ASCII},
		{"xterm-256color", []string{"COLORTERM=truecolor", "NO_COLOR=please"}, colorprofile.ASCII},
		{"xterm-256color", []string{"NO_COLOR=yes", "NO_COLOR="}, colorprofile.ANSI256}, // the last one counts: empty
		// Present but empty: colour stays.
		{"xterm-256color", []string{"NO_COLOR="}, colorprofile.ANSI256},
		// A session always has a terminal: no colour, but escapes still work.
		{"dumb", nil, colorprofile.ASCII},
		{"", nil, colorprofile.ASCII},
		// The pty's TERM wins over a TERM the client sent.
		{"xterm", []string{"TERM=xterm-256color"}, colorprofile.ANSI},
	} {
		if got := sessionProfile(c.term, c.env); got != c.want {
			t.Errorf("sessionProfile(%q, %q) = %v, want %v", c.term, c.env, got, c.want)
		}
	}
}

// TestServeColoursPerSession (issue 20): two viewers of one server, each
// drawn in its own terminal's colours: 256-colour SGR for xterm-256color,
// none at all for a client that sends NO_COLOR, 16 colours for xterm.
func TestServeColoursPerSession(t *testing.T) {
	t.Setenv("NO_COLOR", "") // the server's own setting would turn colour off for all
	before := lipgloss.ColorProfile()
	setServeColors()
	t.Cleanup(func() { lipgloss.SetColorProfile(before) })
	e := startServe(t, serveConfig{maxSessions: 8})
	sgr256 := regexp.MustCompile(`\x1b\[[0-9;]*38;5;[0-9]+`)
	anyColour := regexp.MustCompile(`\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[25];[0-9;]+)m`)
	raw := func(v *viewer) string {
		v.mu.Lock()
		defer v.mu.Unlock()
		return v.out.String()
	}
	cases := []struct {
		term string
		env  []string
		want func(string) bool
		what string
	}{
		{"xterm-256color", nil, sgr256.MatchString, "256-colour SGR"},
		{"xterm-256color", []string{"NO_COLOR=1"}, func(s string) bool { return !anyColour.MatchString(s) }, "no colour SGR"},
		{"xterm", nil, func(s string) bool { return anyColour.MatchString(s) && !sgr256.MatchString(s) }, "16-colour SGR only"},
	}
	for _, c := range cases {
		v, err := dialTerminal(t, e.srv.sshAddr(), e.clientKey, c.term, c.env...)
		if err != nil {
			t.Fatal(err)
		}
		v.waitFor(t, "Overview")
		v.waitFor(t, "Bits") // a frame with the panels, not just the header
		if out := raw(v); !c.want(out) {
			t.Errorf("TERM=%s %v: want %s; output starts %q", c.term, c.env, c.what, out[:min(400, len(out))])
		}
	}
}
