package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

// config check on a missing file hints the command that writes the
// commented default at that very path, never "cp" of the user's own config.
func TestConfigCheckMissingHint(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("WHOOSH_CONFIG", "")
	for _, c := range []struct{ file, want string }{
		{"a.yaml", "a.yaml does not exist (create it from the commented default: whoosh config init --config " + filepath.Join(dir, "a.yaml") + ")\n"},
		{"my conf.yaml", "my conf.yaml does not exist (create it from the commented default: whoosh config init --config '" + filepath.Join(dir, "my conf.yaml") + "')\n"},
	} {
		var out, errb bytes.Buffer
		path := filepath.Join(dir, c.file)
		code := run([]string{"config", "check", path}, strings.NewReader(""), &out, &errb)
		if code != exitUsage || !strings.HasSuffix(errb.String(), c.want) || strings.Contains(errb.String(), "cp ") {
			t.Errorf("config check %q: exit %d, stderr %q, want exit 2 ending %q", path, code, errb.String(), c.want)
		}
	}
	// The default path itself: plain config init writes it.
	def := filepath.Join(dir, "whoosh", "config.yaml")
	var out, errb bytes.Buffer
	if code := run([]string{"config", "check", def}, strings.NewReader(""), &out, &errb); code != exitUsage ||
		!strings.HasSuffix(errb.String(), "does not exist (create it with 'whoosh config init')\n") {
		t.Errorf("default path: exit %d, stderr %q", code, errb.String())
	}
}

func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/c.yaml":  "/tmp/c.yaml",
		"/tmp/my c":    "'/tmp/my c'",
		"/tmp/it's":    `'/tmp/it'\''s'`,
		"":             "''",
		"~/x$HOME.yml": `'~/x$HOME.yml'`,
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}
