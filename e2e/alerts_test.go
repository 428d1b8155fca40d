package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// snapAlerts is a deterministic snapshot --alerts run on the demo.
var snapAlerts = []string{"snapshot", "--source", "demo", "--asof", "2025-06-30", "--format", "json", "--alerts"}

func alertsDoc(t *testing.T, r result) []map[string]any {
	t.Helper()
	var doc struct {
		Alerts *[]map[string]any `json:"alerts"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || doc.Alerts == nil {
		t.Fatalf("no alerts in the JSON (%v)\n%s", err, r)
	}
	return *doc.Alerts
}

// TestSnapshotAlertsWebhookOnce: two snapshot --alerts runs on the same
// data POST once; the first exits 4 and lists the firing, the second 0.
func TestSnapshotAlertsWebhookOnce(t *testing.T) {
	var posts atomic.Int32
	var body map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		json.NewDecoder(r.Body).Decode(&body)
	}))
	defer srv.Close()
	e := newEnv(t)
	cfg := writeFile(t, e.home, "c.yaml", "alerts:\n  - name: nvda up\n    when: price:NVDA > 1\n    notify: [{webhook: '"+srv.URL+"/hook', timeout: 10s}]\n")
	r := e.mustRun(exitAlertCode, append(snapAlerts, "--config", cfg)...)
	if a := alertsDoc(t, r); len(a) != 1 || a[0]["rule"] != "nvda up" || a[0]["metric"] != "price:NVDA" {
		t.Fatalf("alerts %v", a)
	}
	if !strings.Contains(r.stderr, "whoosh: alert: 2025-06-30 16:00 ET nvda up: price:NVDA") {
		t.Errorf("stderr does not list the firing:\n%s", r)
	}
	r = e.mustRun(0, append(snapAlerts, "--config", cfg)...)
	if a := alertsDoc(t, r); len(a) != 0 {
		t.Fatalf("second run fired again: %v", a)
	}
	if n := posts.Load(); n != 1 {
		t.Fatalf("webhook got %d POSTs, want 1", n)
	}
	if body["rule"] != "nvda up" || body["time"] != "2025-06-30T20:00:00Z" {
		t.Errorf("payload %v", body)
	}
}

// TestSnapshotAlertsExecEnv: an exec rule runs its argv (no shell of
// ours) with the WHOOSH_ALERT_* environment.
func TestSnapshotAlertsExecEnv(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	e := newEnv(t)
	out := filepath.Join(e.home, "env.txt")
	e.set("ALERT_OUT", out)
	cfg := writeFile(t, e.home, "c.yaml", `alerts:
  - name: tsla month
    when: day%:TSLA > -100
    notify: [{exec: [`+sh+`, -c, 'env | grep ^WHOOSH_ALERT_ | sort > "$ALERT_OUT"']}]
`)
	e.mustRun(exitAlertCode, append(snapAlerts, "--config", cfg)...)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"WHOOSH_ALERT_RULE=tsla month", "WHOOSH_ALERT_METRIC=day%:TSLA", "WHOOSH_ALERT_OP=>",
		"WHOOSH_ALERT_THRESHOLD=-100", "WHOOSH_ALERT_TIME=2025-06-30T20:00:00Z", "WHOOSH_ALERT_TEST=0", "WHOOSH_ALERT_VALUE="} {
		if !strings.Contains(string(data), want+"\n") && !strings.Contains(string(data), want) {
			t.Errorf("environment lacks %q:\n%s", want, data)
		}
	}
}

// TestSnapshotAlertsHangingWebhook: a receiver that never answers costs
// the snapshot its webhook timeout, then the outcome says so.
func TestSnapshotAlertsHangingWebhook(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	e := newEnv(t)
	cfg := writeFile(t, e.home, "c.yaml", "alerts:\n  - name: hang\n    when: price:NVDA > 1\n    notify: [screen, {webhook: '"+srv.URL+"', timeout: 1s, retries: 0}]\n")
	r := e.mustRun(exitAlertCode, append(snapAlerts, "--config", cfg)...)
	if !strings.Contains(r.stderr, "failed: webhook: no answer within 1s after 1 attempt(s)") {
		t.Errorf("stderr:\n%s", r)
	}
	a := alertsDoc(t, r)
	if d, _ := a[0]["deliveries"].([]any); len(d) != 2 {
		t.Errorf("deliveries %v", a[0]["deliveries"])
	}
}

// TestAlertsUnknownMetric: a config error with line:col, exit 2.
func TestAlertsUnknownMetric(t *testing.T) {
	e := newEnv(t)
	cfg := writeFile(t, e.home, "c.yaml", "alerts:\n  - name: typo\n    when: wooosh > 60\n")
	for _, args := range [][]string{append(snapAlerts, "--config", cfg), {"alerts", "backtest", "--source", "demo", "--config", cfg}} {
		r := e.mustRun(2, args...)
		if !strings.Contains(r.stderr, "c.yaml:3:11: alerts[0].when: unknown metric \"wooosh\"") {
			t.Errorf("stderr:\n%s", r)
		}
	}
}

// TestAlertsBacktestGolden replays the demo from its first day.
func TestAlertsBacktestGolden(t *testing.T) {
	e := newEnv(t)
	cfg := writeFile(t, e.home, "c.yaml", `alerts:
  - {name: whoosh turns bits, when: whoosh > 60, rearm: whoosh < 50}
  - {name: rs breaks down, when: rs crosses below 95}
  - {name: nvda crash, when: "day%:NVDA <= -8"}
  - {name: tesla like atoms, when: "thesis:tesla-trades-like-atoms == on_track"}
  - {name: sahm, when: sahm >= 0.5}
  - {name: tesla month, when: tesla.month_gms > 2}
`)
	r := e.mustRun(0, "alerts", "backtest", "--source", "demo", "--asof", "2025-06-30", "--since", "2019-01-01", "--config", cfg)
	golden := filepath.Join("testdata", "alerts_backtest.golden")
	if updating() {
		if err := os.WriteFile(golden, []byte(r.stdout), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if r.stdout != string(want) {
		t.Errorf("backtest differs from %s (run with -update after checking):\n%s", golden, r.stdout)
	}
}

// TestAlertsTestCommand: whoosh alerts test NAME sends one test
// notification through each of the rule's channels — one POST per
// webhook, the command with WHOOSH_ALERT_TEST=1 — and says how each went;
// it touches no rule state. An unknown name is a usage error naming the
// rules, exit 2.
func TestAlertsTestCommand(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	var mu sync.Mutex
	posts := map[string]string{} // path → body
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		posts[r.Method+" "+r.URL.Path] += string(body)
		mu.Unlock()
	}))
	defer srv.Close()
	e := newEnv(t)
	out := filepath.Join(e.home, "env.txt")
	e.set("ALERT_OUT", out)
	cfg := writeFile(t, e.home, "c.yaml", `alerts:
  - name: other
    when: whoosh > 60
  - name: nvda drop
    when: day%:NVDA <= -5
    notify:
      - screen
      - {webhook: '`+srv.URL+`/json'}
      - {webhook: '`+srv.URL+`/text', format: text}
      - {exec: [`+sh+`, -c, 'env | grep ^WHOOSH_ALERT_ | sort > "$ALERT_OUT"']}
`)
	r := e.mustRun(0, "alerts", "test", "--source", "demo", "--config", cfg, "NVDA DROP")
	for _, want := range []string{"screen: ok: shown\n", "exec " + sh + ": ok: delivered\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r)
		}
	}
	if n := strings.Count(r.stdout, "webhook 127.0.0.1:"); n != 2 || strings.Count(r.stdout, ": ok: HTTP 200\n") != 2 {
		t.Errorf("stdout does not list both webhooks ok:\n%s", r)
	}
	if len(posts) != 2 {
		t.Fatalf("posts %v, want one to /json and one to /text", posts)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(posts["POST /json"]), &body); err != nil || body["rule"] != "nvda drop" || body["test"] != true || body["threshold"] != -5.0 {
		t.Errorf("JSON body %s (%v)", posts["POST /json"], err)
	}
	if text := posts["POST /text"]; !strings.HasPrefix(text, "[test] nvda drop: day%:NVDA -5.00 <= -5") {
		t.Errorf("text body %q", text)
	}
	env, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"WHOOSH_ALERT_RULE=nvda drop\n", "WHOOSH_ALERT_TEST=1\n", "WHOOSH_ALERT_METRIC=day%:NVDA\n", "WHOOSH_ALERT_THRESHOLD=-5\n"} {
		if !strings.Contains(string(env), want) {
			t.Errorf("environment lacks %q:\n%s", want, env)
		}
	}
	if _, err := os.Stat(filepath.Join(e.cache, "alerts-state.json")); err == nil {
		t.Error("a test notification wrote rule state")
	}

	r = e.mustRun(2, "alerts", "test", "--source", "demo", "--config", cfg, "nvda up")
	if !strings.Contains(r.stderr, `alerts test "nvda up": no such rule (rules: other, nvda drop)`) {
		t.Errorf("stderr:\n%s", r)
	}
}

const exitAlertCode = 4
