// Package e2e tests the built whoosh binary from the outside: it builds the
// command once, runs it with os/exec against temporary cache and config
// directories, fake Yahoo and FRED servers, and checks what a user or a
// cron job would see — stdout, stderr and the exit code.
package e2e

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/e2e/e2etest"
)

// updating reports whether -update was given: rewrite the golden files in
// testdata/. The flag itself is teatest's golden package's (this package
// links it for the dashboard parity test, and a flag can be defined once).
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// bin is the whoosh binary built by TestMain.
var bin string

var touchOnce sync.Once

func TestMain(m *testing.M) {
	flag.Parse()
	// The slow tests are parallel and spend their time waiting out the
	// binary's retry backoff against a fake answering 500, not using CPU:
	// let them overlap even on a two-core machine, unless -parallel was
	// given.
	explicit := false
	flag.Visit(func(f *flag.Flag) { explicit = explicit || f.Name == "test.parallel" })
	if p := flag.Lookup("test.parallel"); p != nil && !explicit {
		p.Value.Set("8")
	}
	e2etest.Main(m.Run, &bin, "e2e")
}

// env is the environment of one run: isolated cache, config and home
// directories, and no proxy, so nothing reaches the user's files or the
// network by accident.
type env struct {
	t     *testing.T
	cache string
	cfg   string // XDG_CONFIG_HOME
	home  string
	extra []string // KEY=VALUE added after the defaults
}

// newEnv returns an environment with fresh temporary directories. Yahoo and
// FRED point at a closed port unless the test sets them, so a test that
// forgets a fake fails fast instead of reaching the internet.
func newEnv(t *testing.T) *env {
	t.Helper()
	// Here rather than in TestMain: go test logs the files a test opens
	// only once m.Run has started.
	touchOnce.Do(func() { touchSources("..") })
	root := t.TempDir()
	e := &env{t: t, cache: filepath.Join(root, "cache"), cfg: filepath.Join(root, "xdg"), home: filepath.Join(root, "home")}
	for _, d := range []string{e.cfg, e.home} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

// set adds or replaces KEY=VALUE for later runs.
func (e *env) set(key, value string) { e.extra = append(e.extra, key+"="+value) }

func (e *env) environ() []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "WHOOSH_CONFIG", k == "NO_COLOR", k == "CLICOLOR_FORCE", k == "CLICOLOR",
			k == "COLORTERM", k == "TERM",
			strings.HasPrefix(k, "WHOOSH_"), strings.HasPrefix(k, "XDG_"),
			k == "HOME", strings.HasSuffix(strings.ToLower(k), "_proxy"):
			continue
		}
		out = append(out, kv)
	}
	out = append(out,
		"WHOOSH_CACHE_DIR="+e.cache,
		"XDG_CONFIG_HOME="+e.cfg,
		"HOME="+e.home,
		// A closed loopback port: a request nobody faked fails at once.
		"WHOOSH_YAHOO_BASE=http://127.0.0.1:1",
		"WHOOSH_FRED_BASE=http://127.0.0.1:1",
		"TERM=xterm-256color",
	)
	return append(out, e.extra...)
}

// result is what one run of the binary produced.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stderr:\n%s--- stdout (%d bytes):\n%.2000s", r.code, r.stderr, len(r.stdout), r.stdout)
}

// runTimeout bounds one run; the binary's own snapshot timeout is longer,
// but no test here should need more than a few seconds.
const runTimeout = 60 * time.Second

// run executes whoosh with args, stdin from /dev/null and stdout and stderr
// captured through pipes (so never a terminal).
func (e *env) run(args ...string) result {
	e.t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = e.environ()
	cmd.Dir = e.home
	var stdout, stderr bytes.Buffer
	cmd.Stdin = nil // the null device
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = time.Second
	if err := cmd.Start(); err != nil {
		e.t.Fatal(err)
	}
	timer := time.AfterFunc(runTimeout, func() { cmd.Process.Kill() })
	err := cmd.Wait()
	timer.Stop()
	r := result{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ee.Exited():
		r.code = ee.ExitCode()
	default:
		e.t.Fatalf("whoosh %s: %v\n%s", strings.Join(args, " "), err, r)
	}
	return r
}

// mustRun runs whoosh and fails the test unless it exits with want.
func (e *env) mustRun(want int, args ...string) result {
	e.t.Helper()
	r := e.run(args...)
	if r.code != want {
		e.t.Fatalf("whoosh %s: want exit %d\n%s", strings.Join(args, " "), want, r)
	}
	return r
}

// writeFile writes data to dir/name and returns the path.
func writeFile(t *testing.T, dir, name, data string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// assertOneLine checks that stderr is exactly one line mentioning want and
// nothing that looks like a crash.
func assertOneLine(t *testing.T, r result, want string) {
	t.Helper()
	assertNoCrash(t, r)
	if strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
		t.Errorf("stderr is not one line:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr %q does not mention %q", r.stderr, want)
	}
}

func assertNoCrash(t *testing.T, r result) {
	t.Helper()
	for _, bad := range []string{"goroutine ", "panic", "runtime error", ".go:"} {
		if strings.Contains(r.stderr, bad) || strings.Contains(r.stdout, bad) {
			t.Errorf("output contains %q:\n%s", bad, r)
		}
	}
}

// touchSources opens every Go source file and go.mod/go.sum of the module
// at root. The binary is built by a subprocess, which go test's result
// cache cannot see; files the test process itself opens are part of the
// cache key, so a change anywhere in the program reruns the tests instead
// of replaying a stale "ok".
func touchSources(root string) {
	filepath.WalkDir(root, func(path string, de os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := de.Name()
		if de.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "e2e") {
				return filepath.SkipDir
			}
			return nil
		}
		if (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) || name == "go.mod" || name == "go.sum" {
			if f, err := os.Open(path); err == nil {
				f.Close()
			}
		}
		return nil
	})
}
