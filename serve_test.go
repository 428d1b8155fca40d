package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	gossh "golang.org/x/crypto/ssh"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds/yahoo"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/ui/snapshot"
	"github.com/whoosh-dev/whoosh/ui/tui"
)

// guard is how long any wait may take before the test fails: a hang
// guard, never a timing assertion.
const guard = 30 * time.Second

// serveEnv is a serve run against fakes: Yahoo (yahootest), FRED (every
// series 404), temporary cache, state and config directories.
type serveEnv struct {
	yahoo      *yahootest.Server
	config     string
	clientKey  gossh.Signer
	srv        *server
	stop       func()
	authorized string
}

func startServe(t *testing.T, cfg serveConfig) *serveEnv {
	t.Helper()
	e := &serveEnv{yahoo: yahootest.New(t)}
	fred := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(fred.Close)
	dir := t.TempDir()
	t.Setenv(yahoo.BaseEnv, e.yahoo.URL())
	t.Setenv("WHOOSH_FRED_BASE", fred.URL)
	t.Setenv("WHOOSH_CACHE_DIR", filepath.Join(dir, "cache"))
	t.Setenv("XDG_STATE_HOME", filepath.Join(dir, "state"))
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("HOME", dir)
	// No timed polls: every quote request after the first load is a refresh.
	e.config = filepath.Join(dir, "whoosh.yaml")
	if err := os.WriteFile(e.config, []byte("refresh: 24h\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	var err error
	if e.clientKey, err = gossh.NewSignerFromKey(priv); err != nil {
		t.Fatal(err)
	}
	e.authorized = filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(e.authorized, gossh.MarshalAuthorizedKey(e.clientKey.PublicKey()), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg.sshAddr == "" {
		cfg.sshAddr = "127.0.0.1:0"
	}
	if cfg.authorizedKeys == "" && !cfg.insecureNoAuth {
		cfg.authorizedKeys = e.authorized
	}
	if err := cfg.defaults(); err != nil {
		t.Fatal(err)
	}
	s, err := app.Open(app.Options{Config: e.config, Source: "yahoo"})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if e.srv, err = newServer(s, cfg, log); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.srv.run(ctx) }()
	e.stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(guard):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(e.stop)
	waitUntil(t, "the first complete load", e.srv.hub.Complete)
	return e
}

func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(guard)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// viewer is one SSH session with a terminal, its output kept as text.
type viewer struct {
	client *gossh.Client
	sess   *gossh.Session
	in     io.WriteCloser
	mu     sync.Mutex
	out    bytes.Buffer
}

func dialViewer(t testing.TB, addr string, key gossh.Signer) (*viewer, error) {
	t.Helper()
	return dialTerminal(t, addr, key, "xterm-256color")
}

// dialTerminal opens a session whose pty has TERM term; env is sent as
// the client's environment (name=value), as ssh's SendEnv does.
func dialTerminal(t testing.TB, addr string, key gossh.Signer, term string, env ...string) (*viewer, error) {
	t.Helper()
	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{
		User:            "viewer",
		Auth:            []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // a fresh host key per test
		Timeout:         guard,
	})
	if err != nil {
		return nil, err
	}
	v := &viewer{client: client}
	t.Cleanup(func() { client.Close() })
	if v.sess, err = client.NewSession(); err != nil {
		return nil, err
	}
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		if err := v.sess.Setenv(name, value); err != nil {
			return nil, err
		}
	}
	if err := v.sess.RequestPty(term, 40, 120, gossh.TerminalModes{}); err != nil {
		return nil, err
	}
	if v.in, err = v.sess.StdinPipe(); err != nil {
		return nil, err
	}
	v.sess.Stdout = v
	if err := v.sess.Shell(); err != nil {
		return nil, err
	}
	return v, nil
}

func (v *viewer) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.out.Write(p)
}

// text is everything the session printed since the last reset, without
// escape sequences.
func (v *viewer) text() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return ansi.Strip(v.out.String())
}

func (v *viewer) reset() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.out.Reset()
}

func (v *viewer) press(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(v.in, keys); err != nil {
		t.Fatalf("typing %q: %v", keys, err)
	}
}

func (v *viewer) waitFor(t testing.TB, what string) {
	t.Helper()
	deadline := time.Now().Add(guard)
	for !strings.Contains(v.text(), what) {
		if time.Now().After(deadline) {
			text := v.text()
			t.Fatalf("timed out waiting for %q on screen; the session shows:\n%s", what, text[max(0, len(text)-3000):])
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestServeSharesOnePipeline (issue 20): several SSH sessions, each with
// its own screen, are fed by one pipeline: a refresh from any of them is
// one round of quote requests, whatever the number of sessions, and its
// result reaches them all. A key not in authorized_keys is refused.
func TestServeSharesOnePipeline(t *testing.T) {
	e := startServe(t, serveConfig{maxSessions: 8})
	base := e.yahoo.Count(yahootest.EndpointQuote)
	syms := len(app.FetchSymbols(config.Default().Spec()))
	perPoll := (syms + yahoo.MaxSymbolsPerQuote - 1) / yahoo.MaxSymbolsPerQuote

	const n = 3
	vs := make([]*viewer, n)
	for i := range vs {
		v, err := dialViewer(t, e.srv.sshAddr(), e.clientKey)
		if err != nil {
			t.Fatalf("session %d: %v", i, err)
		}
		vs[i] = v
		v.waitFor(t, "Overview")
	}
	waitUntil(t, "three sessions", func() bool { return e.srv.open.Load() == n })

	// Each session its own screen: Macro, Help, and one resized on the Overview.
	screens := []struct{ key, shows, never string }{
		{fmt.Sprint(tui.ScreenMacro + 1), fmt.Sprintf("[%d Macro]", tui.ScreenMacro+1), fmt.Sprintf("[%d Help]", tui.ScreenHelp+1)},
		{fmt.Sprint(tui.ScreenHelp + 1), fmt.Sprintf("[%d Help]", tui.ScreenHelp+1), fmt.Sprintf("[%d Macro]", tui.ScreenMacro+1)},
	}
	for i, sc := range screens {
		vs[i].reset()
		vs[i].press(t, sc.key)
		vs[i].waitFor(t, sc.shows)
	}
	if err := vs[2].sess.WindowChange(50, 160); err != nil {
		t.Fatal(err)
	}
	vs[2].press(t, "s") // a sort of its own
	for i, sc := range screens {
		if strings.Contains(vs[i].text(), sc.never) {
			t.Errorf("session %d shows %q: screens are not independent", i, sc.never)
		}
	}
	if got := e.yahoo.Count(yahootest.EndpointQuote); got != base {
		t.Fatalf("%d quote requests after opening %d sessions, want %d (none)", got, n, base)
	}

	// A refresh from each session in turn: perPoll requests each. The
	// first one's outcome reaches every session (later notes may read the
	// same and not be redrawn).
	want := base
	for i, v := range vs {
		v.press(t, "r")
		want += perPoll
		waitUntil(t, "the refresh's quote requests", func() bool { return e.yahoo.Count(yahootest.EndpointQuote) >= want })
		if i == 0 {
			for _, o := range vs {
				o.waitFor(t, "refreshed")
			}
		}
		if got := e.yahoo.Count(yahootest.EndpointQuote); got != want {
			t.Fatalf("refresh %d with %d sessions: %d quote requests in all, want %d (%d per refresh)", i+1, n, got, want, perPoll)
		}
	}

	// A key that is not authorized gets nothing.
	_, stranger, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(stranger)
	if _, err := dialViewer(t, e.srv.sshAddr(), signer); err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("unauthorized key: err %v, want an authentication failure", err)
	}
	if got := e.yahoo.Count(yahootest.EndpointQuote); got != want {
		t.Errorf("%d quote requests at the end, want %d", got, want)
	}
}

// TestServeMetrics (issue 20): /metrics parses as the Prometheus text
// format and carries the snapshot's numbers for the same data.
func TestServeMetrics(t *testing.T) {
	e := startServe(t, serveConfig{metricsAddr: "127.0.0.1:0"})
	resp, err := http.Get("http://" + e.srv.metricsAddr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("/metrics does not parse: %v", err)
	}
	gauge := func(name string, labels ...string) float64 {
		t.Helper()
		fam, ok := fams[name]
		if !ok {
			t.Fatalf("no %s in /metrics", name)
		}
	next:
		for _, m := range fam.GetMetric() {
			for i := 0; i < len(labels); i += 2 {
				found := false
				for _, lp := range m.GetLabel() {
					found = found || lp.GetName() == labels[i] && lp.GetValue() == labels[i+1]
				}
				if !found {
					continue next
				}
			}
			return m.GetGauge().GetValue()
		}
		t.Fatalf("no %s%v in /metrics", name, labels)
		return 0
	}

	// The one pipeline's requests, counted by provider, endpoint and status.
	quotes := 0.0
	for _, m := range fams["whoosh_provider_requests_total"].GetMetric() {
		labels := map[string]string{}
		for _, lp := range m.GetLabel() {
			labels[lp.GetName()] = lp.GetValue()
		}
		if labels["provider"] == "yahoo" && labels["endpoint"] == "/v7/finance/quote" && labels["status"] == "200" {
			quotes += m.GetCounter().GetValue()
		}
	}
	if quotes < 1 {
		t.Errorf("whoosh_provider_requests_total has no answered yahoo quote request: %v", fams["whoosh_provider_requests_total"])
	}

	// The snapshot of the same data (the cache and the same fake Yahoo).
	var out, errOut bytes.Buffer
	if code := run([]string{"snapshot", "--format", "json", "--source", "yahoo", "--config", e.config}, nil, &out, &errOut); code != exitOK {
		t.Fatalf("snapshot exit %d: %s", code, errOut.String())
	}
	var doc snapshot.Document
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	win := doc.Window
	checks := []struct {
		what string
		got  float64
		want snapshot.Float
	}{
		{"whoosh score", gauge("whoosh_index"), doc.Whoosh.Score},
		{"RS", gauge("whoosh_rs", "window", win), doc.RS.Last},
		{"spread", gauge("whoosh_rs_spread_points", "window", win), doc.RS.SpreadPP},
		{"bits index", gauge("whoosh_basket_index", "basket", "bits", "window", win), doc.Baskets.Bits.Index},
		{"TSLA/GM", gauge("whoosh_tesla_gm_ratio"), doc.Gap.Ratios.First},
		{"TSLA/(GM+F)", gauge("whoosh_tesla_incumbents_ratio"), doc.Gap.Ratios.All},
		{"corr bits", gauge("whoosh_tesla_correlation", "basket", "bits"), doc.TeslaCorrelation.CorrBits},
	}
	for _, c := range doc.Whoosh.Components {
		if c.Present {
			checks = append(checks, struct {
				what string
				got  float64
				want snapshot.Float
			}{"leg " + c.Key, gauge("whoosh_index_leg_points", "leg", c.Key), c.Points})
		}
	}
	for _, s := range doc.Symbols {
		if s.Symbol == "TSLA" {
			checks = append(checks, struct {
				what string
				got  float64
				want snapshot.Float
			}{"TSLA price", gauge("whoosh_symbol_price", "symbol", "TSLA"), s.Last})
		}
	}
	for _, c := range checks {
		if !c.want.Valid() {
			t.Errorf("%s: the snapshot has no value (test data too thin)", c.what)
			continue
		}
		if got := snapshot.FormatNumber(c.got); got != snapshot.FormatNumber(float64(c.want)) {
			t.Errorf("%s: /metrics %s, snapshot %s", c.what, got, snapshot.FormatNumber(float64(c.want)))
		}
	}
	for _, cl := range doc.Thesis {
		if v := gauge("whoosh_thesis_claim_verdict", "claim", cl.ID, "verdict", cl.Verdict); v != 1 {
			t.Errorf("claim %s: verdict %s is %v in /metrics, want 1", cl.ID, cl.Verdict, v)
		}
	}
	for _, name := range []string{"whoosh_ssh_sessions", "go_goroutines", "process_resident_memory_bytes", "whoosh_symbol_data_age_seconds"} {
		if _, ok := fams[name]; !ok {
			t.Errorf("no %s in /metrics", name)
		}
	}
}

// TestServeAccessRules: no key file, no access; --insecure-no-auth only
// on loopback; the host key is created 0600 once and reused.
func TestServeAccessRules(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("WHOOSH_CACHE_DIR", filepath.Join(dir, "cache"))
	if _, err := app.Open(app.Options{Config: filepath.Join(dir, "none.yaml"), Source: "demo"}); err == nil {
		t.Fatal("a missing --config file opened")
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	s, err := app.Open(app.Options{Source: "demo"})
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hostKey := filepath.Join(dir, "state", "whoosh", "host")
	for _, tc := range []struct {
		cfg  serveConfig
		want string
	}{
		{serveConfig{sshAddr: "0.0.0.0:0", insecureNoAuth: true}, "--insecure-no-auth is refused"},
		{serveConfig{sshAddr: ":0", insecureNoAuth: true}, "--insecure-no-auth is refused"},
		{serveConfig{sshAddr: "127.0.0.1:0", authorizedKeys: filepath.Join(dir, "missing")}, "no key file, no access"},
	} {
		tc.cfg.hostKey = hostKey
		if _, err := newServer(s, tc.cfg, log); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: err %v, want %q", tc.cfg, err, tc.want)
		}
	}
	for _, addr := range []string{"127.0.0.1:2222", "[::1]:2222", "localhost:2222"} {
		if !loopback(addr) {
			t.Errorf("loopback(%q) = false", addr)
		}
	}
	fi, err := os.Stat(hostKey)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("host key mode %v, want 0600", fi.Mode().Perm())
	}
	before, _ := os.ReadFile(hostKey)
	if err := ensureHostKey(hostKey); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(hostKey); !bytes.Equal(before, after) {
		t.Error("the host key changed on the second run")
	}
}
