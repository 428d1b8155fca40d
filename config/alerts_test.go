package config

import (
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

func TestAlertsParse(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte(`watchlists:
  - {name: Robots, symbols: [ISRG]}
alerts:
  - name: whoosh turns bits
    when: whoosh > 60          # metric, operator, number
    rearm: whoosh < 55
    notify: [screen, bell, desktop]
  - name: nvda -5% day
    when: day%:NVDA <= -5
    notify:
      - {exec: [notify-team, "--urgent"], timeout: 3s}
      - {webhook: "https://ntfy.example/whoosh", format: text, retries: 0, headers: {Authorization: "Bearer ${NTFY}"}}
  - name: thesis flips
    when: thesis:tesla-trades-like-atoms == on_track
  - {name: robots, when: "basket:robots crosses above 10"}
`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Alerts) != 4 {
		t.Fatalf("%d rules", len(cfg.Alerts))
	}
	a := cfg.Alerts[0]
	if a.Rule.When.String() != "whoosh > 60" || a.Rule.Rearm == nil || a.Rule.Rearm.String() != "whoosh < 55" || len(a.Notify) != 3 {
		t.Errorf("rule 0: %+v", a)
	}
	ex, wh := cfg.Alerts[1].Notify[0], cfg.Alerts[1].Notify[1]
	if ex.Kind != NotifyExec || strings.Join(ex.Argv, " ") != "notify-team --urgent" || ex.Timeout != 3*time.Second {
		t.Errorf("exec: %+v", ex)
	}
	if wh.Kind != NotifyWebhook || wh.Format != "text" || wh.Retries != 0 || wh.Timeout != DefaultNotifyTimeout || wh.Headers["Authorization"] != "Bearer ${NTFY}" || wh.String() != "webhook ntfy.example" {
		t.Errorf("webhook: %+v", wh)
	}
	if n := cfg.Alerts[2].Notify; len(n) != 1 || n[0].Kind != NotifyScreen {
		t.Errorf("default notify: %+v", n)
	}
	if c := cfg.Alerts[2].Rule.When; c.Metric.Kind != market.MetricThesis || c.Verdict != market.OnTrack {
		t.Errorf("thesis rule: %+v", c)
	}
}

func TestAlertsErrors(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"alerts:\n  - name: a\n    when: wooosh > 60\n", `c.yaml:3:11: alerts[0].when: unknown metric "wooosh"`},
		{"alerts:\n  - name: a\n    when: price:NFLX > 60\n", `c.yaml:3:11: alerts[0].when: symbol "NFLX" is in no basket or watchlist`},
		{"alerts:\n  - name: a\n    when: basket:chips > 60\n", `c.yaml:3:11: alerts[0].when: unknown basket "chips"`},
		{"alerts:\n  - name: a\n    when: thesis:moon == on_track\n", `c.yaml:3:11: alerts[0].when: unknown thesis claim "moon"`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n    rearm: rs < 50\n", `c.yaml:4:12: alerts[0].rearm: rearm metric "rs" differs from "whoosh"`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n  - name: A\n    when: rs > 1\n", `c.yaml:4:11: alerts[1].name: duplicate rule name "A"`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n    notify: [sms]\n", `c.yaml:4:14: alerts[0].notify: unknown channel "sms"`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n    notify: [{webhook: 'file:///etc/passwd'}]\n", `alerts[0].notify.webhook: invalid webhook URL`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n    notify: [{exec: []}]\n", `exec needs a command`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n    notify: [{exec: [x], format: text}]\n", `option not valid for exec`},
		{"alerts:\n  - name: a\n    when: whoosh > 60\n    notify: [{webhook: 'https://x', timeout: 1h}]\n", `invalid timeout "1h"`},
		{"alerts:\n  - name: a\n", `rule has no condition`},
		{"alerts:\n  - when: rs > 1\n    colour: red\n", `unknown key "colour"`},
	}
	for _, c := range cases {
		_, err := Parse("c.yaml", []byte(c.yaml))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q:\n got %v\nwant %s", c.yaml, err, c.want)
		}
	}
}
