// Package faults holds whoosh's end-to-end fault matrix: the built binary's
// snapshot and the dashboard's model, run against a fake Yahoo and a fake
// FRED that misbehave on demand. Nothing here touches the network; see
// RELIABILITY.md at the repository root for the matrix and how to run it.
package faults

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/whoosh-dev/whoosh/e2e/e2etest"
)

// binary is the whoosh executable built once by TestMain.
var binary string

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	e2etest.Main(m.Run, &binary, "faults")
}

// smallConfig is a valid config with few symbols, so a run that retries
// every request stays fast: NVDA MSFT BTC-USD XOM GM F EWS SPY TSLA.
const smallConfig = `version: 1
source: auto
baskets:
  bits: {name: Bits, members: [NVDA, MSFT, BTC-USD]}
  atoms: {name: Atoms, members: [XOM, GM, F]}
  crypto: {name: Crypto, members: [BTC-USD]}
  havens: {name: Havens, members: [EWS]}
  benchmark: SPY
gap: {tesla: TSLA, incumbents: [GM, F]}
macro: {series: [UNRATE]}
`

// smallSymbols are the symbols of smallConfig.
var smallSymbols = []string{"NVDA", "MSFT", "BTC-USD", "XOM", "GM", "F", "EWS", "SPY", "TSLA"}

// env is one isolated run environment: its own cache, config and home
// directories, all inside one temporary root.
type env struct {
	root, cache, config, home string
	yahoo, fred               string // base URLs
	extra                     []string
}

// newEnv returns an environment under a fresh temp root whose config file
// holds cfg (none when cfg is "").
func newEnv(t *testing.T, yahoo, fred, cfg string) *env {
	t.Helper()
	root := t.TempDir()
	e := &env{
		root:   root,
		cache:  filepath.Join(root, "cache"),
		config: filepath.Join(root, "config"),
		home:   filepath.Join(root, "home"),
		yahoo:  yahoo,
		fred:   fred,
	}
	for _, d := range []string{e.config, e.home} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if cfg != "" {
		writeFile(t, e.configFile(), cfg)
	}
	return e
}

func (e *env) configFile() string { return filepath.Join(e.config, "whoosh", "config.yaml") }

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
}

// environ is the child's whole environment: nothing of the test's own
// (no real HOME, cache or proxy settings), so a run can only see the fakes.
func (e *env) environ() []string {
	v := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + e.home,
		"XDG_CONFIG_HOME=" + e.config,
		"XDG_CACHE_HOME=" + filepath.Join(e.home, ".cache"),
		"WHOOSH_CACHE_DIR=" + e.cache, // empty: whoosh uses XDG_CACHE_HOME
		"WHOOSH_YAHOO_BASE=" + e.yahoo,
		"WHOOSH_FRED_BASE=" + e.fred,
		"NO_COLOR=1",
		"TERM=dumb",
		"TZ=UTC",
	}
	return append(v, e.extra...)
}

// result is what one run of the binary left behind.
type result struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
}

// runLimit bounds any one run (most take a few seconds, the stall rows
// about 10–20 s). It is above the snapshot's own 90 s bound, so a run that
// hangs is reported by the binary's bound first.
const runLimit = 100 * time.Second

// snapshot runs `whoosh snapshot args...` in e with stdin /dev/null.
func (e *env) snapshot(t *testing.T, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), runLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, append([]string{"snapshot"}, args...)...)
	cmd.Env = e.environ()
	cmd.Dir = e.root
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), elapsed: time.Since(start)}
	if ctx.Err() != nil {
		t.Fatalf("whoosh snapshot %v: still running after %v\nstderr:\n%s", args, runLimit, r.stderr)
	}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("whoosh snapshot %v: %v", args, err)
	}
	return r
}

// checkClean fails when r shows a crash (a panic message or a goroutine
// dump) or a control byte (ESC, BEL, …) on stdout or stderr.
func checkClean(t *testing.T, r result) {
	t.Helper()
	for name, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
		// Crash markers; the recovered-panic wording is TestNoPanicWording's.
		for _, bad := range []string{"panic:", "goroutine ", "[signal ", "SIGSEGV"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q:\n%s", name, bad, s)
			}
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; c == 0x1b || c == 0x07 || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				t.Errorf("%s has control byte %#x at %d: %q", name, c, i, s[max(0, i-20):min(len(s), i+20)])
				break
			}
		}
	}
}

// warnings returns stderr's "whoosh: warning:" lines without the prefix.
func warnings(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if w, ok := strings.CutPrefix(l, "whoosh: warning: "); ok {
			out = append(out, w)
		}
	}
	return out
}

// fakeFRED serves every series id as a monthly CSV from 2018 to 2025 and
// counts requests.
func fakeFRED(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		if r.URL.Path != "/graph/fredgraph.csv" || id == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/csv")
		fmt.Fprintf(w, "observation_date,%s\n", id)
		for y := 2018; y <= 2025; y++ {
			for m := 1; m <= 12; m++ {
				fmt.Fprintf(w, "%d-%02d-01,%.1f\n", y, m, 3.5+float64((y*12+m)%10)/10)
			}
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// closedPort returns a loopback URL nobody listens on: a server is
// started to get a free port, then closed.
func closedPort(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	u := srv.URL
	srv.Close()
	return u
}
