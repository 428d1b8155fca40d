package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUsageErrors: every mistake the user can type exits 2 with one line
// on stderr that names the problem, nothing on stdout, and no trace.
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string // in the stderr line
	}{
		{[]string{"snapshot", "--bogus"}, "-bogus"},
		{[]string{"--bogus"}, "-bogus"},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"snapshot", "extra"}, `"extra"`},
		{demoRun("--window", "7X"), "--window"},
		{demoRun("--window", ""), ""}, // empty means the config's: not an error
		{demoRun("--asof", "2025-13-01"), "--asof"},
		{demoRun("--asof", "1999-12-31"), "--asof"},
		{demoRun("--asof", "2999-01-01"), "--asof"},
		{demoRun("--format", "xml"), "--format"},
		{demoRun("--csv-table", "rows"), "--csv-table"},
		{demoRun("--width", "39"), "--width"},
		{demoRun("--width", "-1"), "--width"},
		{demoRun("--width", "wide"), "-width"},
		{demoRun("--fail-on-stale", "soon"), "-fail-on-stale"},
		{demoRun("--fail-on-stale", "-1h"), "--fail-on-stale"},
		{[]string{"snapshot", "--source", "bogus"}, "--source"},
		{[]string{"snapshot", "--source", "csv:"}, "csv"},
		{[]string{"snapshot", "--source", "csv:/definitely/missing"}, "/definitely/missing"},
		{[]string{"config"}, ""},
		{[]string{"config", "bogus"}, `"bogus"`},
		{[]string{"config", "check", "a.yaml", "b.yaml"}, "at most one"},
		// Issue 14: each mistake says what is wrong and what to type instead.
		{demoRun("--csv-table", "metrics"), "--csv-table metrics applies only to CSV output: add --format csv"},
		{demoRun("--fail-on-stale", "1x"), `--fail-on-stale "1x": want a positive duration such as 90m, 24h or 72h`},
		{[]string{"--window", "1m", "snapshot"}, "flags go after the command: whoosh snapshot --window 1m"},
		{[]string{"config", "check", "/nonexistent.yaml"}, "/nonexistent.yaml does not exist (create it from the commented default: whoosh config init --config /nonexistent.yaml)"},
		{demoRun("--asof", "2025-13-01"), `--asof: bad date "2025-13-01": want YYYY-MM-DD, e.g. 2025-06-30`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			e := newEnv(t)
			r := e.run(tt.args...)
			if tt.want == "" && tt.args[0] == "snapshot" {
				if r.code != 0 {
					t.Errorf("exit %d, want 0\n%s", r.code, r)
				}
				return
			}
			if r.code != 2 {
				t.Fatalf("exit %d, want 2\n%s", r.code, r)
			}
			if tt.args[0] == "config" && len(tt.args) == 1 {
				// Bare "config" prints its usage on stdout and exits 2.
				if !strings.Contains(r.stdout, "Usage:") {
					t.Errorf("no usage: %q", r.stdout)
				}
				return
			}
			assertOneLine(t, r, tt.want)
			if r.stdout != "" {
				t.Errorf("stdout: %.200q", r.stdout)
			}
		})
	}
}

// TestBadConfigSubcommandFlag: a misspelt subcommand with a flag should be
// reported as the unknown subcommand, not as an unknown flag of it.
func TestBadConfigSubcommandFlag(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun(2, "config", "bogus", "--force")
	assertOneLine(t, r, `unknown subcommand "bogus"`)
}

// TestHelp: -h on every command prints usage on stdout and exits 0.
func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"--help"}, {"help"}, {"snapshot", "-h"}, {"config", "-h"}, {"config", "init", "-h"}, {"config", "check", "-h"}, {"config", "path", "-h"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := newEnv(t).mustRun(0, args...)
			if !strings.Contains(r.stdout, "Usage") && !strings.Contains(r.stdout, "usage") {
				t.Errorf("no usage on stdout:\n%s", r)
			}
			if r.stderr != "" {
				t.Errorf("stderr: %q", r.stderr)
			}
		})
	}
	r := newEnv(t).mustRun(0, "version")
	if !strings.HasPrefix(r.stdout, "whoosh ") {
		t.Errorf("version: %q", r.stdout)
	}
}

// TestNoTTY is issue 7's cron case: `whoosh snapshot </dev/null >out
// 2>err` with real files, and the bare command with stdout not a terminal
// printing the text snapshot instead of starting the dashboard.
func TestNoTTY(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	for _, args := range [][]string{demoRun(), {"--source", "demo", "--asof", "2025-06-30"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			outPath, errPath := filepath.Join(dir, "out"), filepath.Join(dir, "err")
			out, _ := os.Create(outPath)
			errf, _ := os.Create(errPath)
			devnull, err := os.Open(os.DevNull)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, args...)
			cmd.Env = e.environ()
			cmd.Stdin, cmd.Stdout, cmd.Stderr = devnull, out, errf
			runErr := cmd.Run()
			out.Close()
			errf.Close()
			devnull.Close()
			if runErr != nil {
				t.Fatalf("%v", runErr)
			}
			got, _ := os.ReadFile(outPath)
			stderr, _ := os.ReadFile(errPath)
			if len(stderr) != 0 {
				t.Errorf("stderr: %q", stderr)
			}
			golden(t, "demo-2025-06-30.txt", string(got))
		})
	}
}
