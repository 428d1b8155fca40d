package alerts

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
)

func rule(t *testing.T, name, when string, notify ...config.Notify) config.Alert {
	t.Helper()
	c, err := market.ParseAlertCond(when)
	if err != nil {
		t.Fatal(err)
	}
	return config.Alert{Rule: market.AlertRule{Name: name, When: c}, Notify: notify}
}

func whooshAt(x float64) market.AlertInput {
	return market.AlertInput{Report: market.Report{Whoosh: market.WhooshReport{Score: x}}}
}

var t0 = time.Date(2025, 3, 3, 21, 0, 0, 0, time.UTC)

// TestPersistenceAcrossRestarts: a new engine on the same directory (a
// restart) does not fire again on the same data, and a crossing that
// happened while nothing ran fires once, dated with the data's time.
func TestPersistenceAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	rules := []config.Alert{rule(t, "bits", "whoosh > 60")}
	eval := func(x float64, at time.Time) []Event {
		t.Helper()
		evs, err := NewEngine(rules, NewStore(dir)).Evaluate(whooshAt(x), at)
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	if evs := eval(61, t0); len(evs) != 1 || !evs[0].Firing.At.Equal(t0) {
		t.Fatalf("first run: %+v", evs)
	}
	if evs := eval(61, t0); len(evs) != 0 {
		t.Fatalf("restart on the same data fired again: %+v", evs)
	}
	if evs := eval(55, t0.Add(24*time.Hour)); len(evs) != 0 {
		t.Fatalf("re-arming fired: %+v", evs)
	}
	// While whoosh was not running the index crossed 60 again: the next
	// start fires once, dated with the data.
	later := t0.Add(72 * time.Hour)
	if evs := eval(64, later); len(evs) != 1 || !evs[0].Firing.At.Equal(later) {
		t.Fatalf("crossing while not running: %+v", evs)
	}
	if evs := eval(64, later); len(evs) != 0 {
		t.Fatalf("fired twice: %+v", evs)
	}
	data, err := os.ReadFile(filepath.Join(dir, StateFile))
	if err != nil || !strings.Contains(string(data), `"phase": "fired"`) {
		t.Fatalf("state file: %s %v", data, err)
	}
}

func TestCorruptStateStartsAfresh(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, StateFile), []byte("{nope"), 0o600)
	evs, err := NewEngine([]config.Alert{rule(t, "bits", "whoosh > 60")}, NewStore(dir)).Evaluate(whooshAt(61), t0)
	if err == nil || len(evs) != 1 {
		t.Fatalf("corrupt state: events %v, err %v", evs, err)
	}
	if _, err := NewStore(dir).Load(); err != nil {
		t.Fatalf("state not rewritten: %v", err)
	}
}

func event(t *testing.T, n ...config.Notify) Event {
	r := rule(t, "nvda drop", "day%:NVDA <= -5", n...)
	return Event{Firing: market.AlertFiring{Rule: r.Rule.Name, When: r.Rule.When,
		Value: market.AlertValue{Num: -6.5, OK: true}, At: t0}, Notify: n}
}

func TestWebhookJSONAndHeaders(t *testing.T) {
	t.Setenv("WHOOSH_TEST_TOKEN", "s3cret")
	var got Payload
	var auth, ctype string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth, ctype = r.Header.Get("Authorization"), r.Header.Get("Content-Type")
		json.NewDecoder(r.Body).Decode(&got)
	}))
	defer srv.Close()
	n := config.Notify{Kind: config.NotifyWebhook, URL: srv.URL + "/hook?token=x", Format: "json", Timeout: 5 * time.Second,
		Headers: map[string]string{"Authorization": "Bearer ${WHOOSH_TEST_TOKEN}"}}
	d := (&Deliverer{}).Deliver(context.Background(), event(t, n))
	if !d.Outcomes[0].OK {
		t.Fatalf("outcome %+v", d.Outcomes[0])
	}
	if auth != "Bearer s3cret" || ctype != "application/json" {
		t.Errorf("headers: %q %q", auth, ctype)
	}
	if got.Rule != "nvda drop" || got.Metric != "day%:NVDA" || got.Value != -6.5 || got.Threshold != -5.0 || got.Time != "2025-03-03T21:00:00Z" || got.Op != "<=" {
		t.Errorf("payload %+v", got)
	}
}

func TestWebhookTextRetriesAndNeverLeaks(t *testing.T) {
	t.Setenv("WHOOSH_TEST_TOKEN", "s3cret")
	var calls atomic.Int32
	var body string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) < 3 {
			w.WriteHeader(http.StatusBadGateway)
			return
		}
		b, _ := io.ReadAll(r.Body)
		body = string(b)
	}))
	defer srv.Close()
	n := config.Notify{Kind: config.NotifyWebhook, URL: srv.URL, Format: "text", Timeout: 5 * time.Second, Retries: 2,
		Headers: map[string]string{"X-Token": "${WHOOSH_TEST_TOKEN}"}}
	dl := &Deliverer{Backoff: time.Millisecond}
	if o := dl.Deliver(context.Background(), event(t, n)).Outcomes[0]; !o.OK || calls.Load() != 3 {
		t.Fatalf("outcome %+v after %d calls", o, calls.Load())
	}
	if body != "nvda drop: day%:NVDA -6.50 <= -5" {
		t.Errorf("text body %q", body)
	}
	// Always failing: the error names the status and the attempts, not the secret.
	calls.Store(-100)
	n.URL = srv.URL + "/path-with-secret"
	o := dl.Deliver(context.Background(), event(t, n)).Outcomes[0]
	if o.OK || !strings.Contains(o.Detail, "HTTP 502 after 3 attempt(s)") || strings.Contains(o.Detail, "secret") {
		t.Errorf("failing webhook outcome %+v", o)
	}
}

func TestWebhookHangIsBoundedByTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	n := config.Notify{Kind: config.NotifyWebhook, URL: srv.URL, Timeout: 200 * time.Millisecond, Retries: 1}
	done := make(chan Delivered, 1)
	go func() { done <- (&Deliverer{Backoff: time.Millisecond}).Deliver(context.Background(), event(t, n)) }()
	select {
	case d := <-done:
		if o := d.Outcomes[0]; o.OK || !strings.Contains(o.Detail, "no answer within 200ms") {
			t.Errorf("outcome %+v", o)
		}
	case <-time.After(30 * time.Second): // generous: the bound is what matters, not the speed
		t.Fatal("a hanging webhook held the delivery")
	}
}

func TestExecEnvironmentAndOutput(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	n := config.Notify{Kind: config.NotifyExec, Timeout: 10 * time.Second,
		Argv: []string{sh, "-c", `echo "$WHOOSH_ALERT_RULE|$WHOOSH_ALERT_METRIC|$WHOOSH_ALERT_VALUE|$WHOOSH_ALERT_THRESHOLD|$WHOOSH_ALERT_TIME|$WHOOSH_ALERT_TEST"; echo oops >&2; exit 3`}}
	o := (&Deliverer{Env: []string{"PATH=" + os.Getenv("PATH")}}).Deliver(context.Background(), event(t, n)).Outcomes[0]
	if o.OK || !strings.Contains(o.Detail, "exit status 3") {
		t.Errorf("outcome %+v", o)
	}
	if want := "nvda drop|day%:NVDA|-6.50|-5|2025-03-03T21:00:00Z|0\noops\n"; o.Output != want {
		t.Errorf("output %q, want %q", o.Output, want)
	}
	n.Argv = []string{sh, "-c", "sleep 30"}
	n.Timeout = 200 * time.Millisecond
	if o := (&Deliverer{}).Deliver(context.Background(), event(t, n)).Outcomes[0]; o.OK || !strings.Contains(o.Detail, "killed after") {
		t.Errorf("slow command: %+v", o)
	}
}

func TestDesktopAndBell(t *testing.T) {
	var bell strings.Builder
	var title string
	dl := &Deliverer{Bell: &bell, Desktop: func(t, m string) error { title = t; return nil }}
	d := dl.Deliver(context.Background(), event(t, config.Notify{Kind: config.NotifyBell}, config.Notify{Kind: config.NotifyDesktop}, config.Notify{Kind: config.NotifyScreen}))
	for _, o := range d.Outcomes {
		if !o.OK {
			t.Errorf("%+v", o)
		}
	}
	if bell.String() != "\a" || title != "whoosh: nvda drop" {
		t.Errorf("bell %q, desktop title %q", bell.String(), title)
	}
	dl.Desktop = func(string, string) error { return io.ErrUnexpectedEOF }
	if o := dl.Deliver(context.Background(), event(t, config.Notify{Kind: config.NotifyDesktop})).Outcomes[0]; o.OK || !strings.Contains(o.Detail, "no desktop notifications here") {
		t.Errorf("desktop failure: %+v", o)
	}
}
