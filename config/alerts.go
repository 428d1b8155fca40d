package config

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/goccy/go-yaml/ast"
	"github.com/whoosh-dev/whoosh/market"
)

// Alert is one rule of the alerts: section.
type Alert struct {
	Rule   market.AlertRule
	Notify []Notify // never empty: [screen] by default
}

// The delivery channels.
const (
	NotifyScreen  = "screen"
	NotifyBell    = "bell"
	NotifyDesktop = "desktop"
	NotifyExec    = "exec"
	NotifyWebhook = "webhook"
)

// Defaults and bounds of the exec and webhook channels.
const (
	DefaultNotifyTimeout = 10 * time.Second
	DefaultRetries       = 2
	minNotifyTimeout     = 100 * time.Millisecond
	maxNotifyTimeout     = 5 * time.Minute
	maxRetries           = 10
	maxAlerts            = 200
)

// Notify is one delivery channel of a rule.
type Notify struct {
	Kind    string            // screen, bell, desktop, exec, webhook
	Argv    []string          // exec: the command and its arguments (no shell)
	URL     string            // webhook: http or https
	Format  string            // webhook: json (default) or text
	Headers map[string]string // webhook: as written; ${ENV} is expanded at delivery, never logged
	Timeout time.Duration     // exec and webhook: per attempt
	Retries int               // webhook: attempts after the first
}

// String names the channel for logs: "exec notify-team", "webhook
// ntfy.example" (the host only: a URL may carry a token).
func (n Notify) String() string {
	switch n.Kind {
	case NotifyExec:
		return "exec " + n.Argv[0]
	case NotifyWebhook:
		if u, err := url.Parse(n.URL); err == nil {
			return "webhook " + u.Host
		}
	}
	return n.Kind
}

const (
	alertHint  = "write - {name: …, when: METRIC OP VALUE, notify: [screen]}"
	notifyHint = "screen, bell, desktop, {exec: [CMD, ARG…]} or {webhook: URL}"
)

// alerts decodes the alerts: list. Checks that need the whole config (a
// symbol's data is fetched, a watchlist exists) run once it is decoded.
func (d *decoder) alerts(n ast.Node, cfg *Config) {
	names := map[string]ast.Node{}
	i := 0
	d.list(n, "alerts", "[{name: whoosh turns bits, when: whoosh > 60}]", func(e ast.Node) {
		path := fmt.Sprintf("alerts[%d]", i)
		i++
		if i > maxAlerts {
			if i == maxAlerts+1 {
				d.errorf(e, path, "keep the rules you use", "more than %d rules", maxAlerts)
			}
			return
		}
		var a Alert
		var nameNode, whenNode, rearmNode ast.Node
		ok := true
		if !d.object(e, path,
			field{"name", func(v ast.Node) {
				a.Rule.Name, ok = d.name(v, path+".name")
				nameNode = v
			}},
			field{"when", func(v ast.Node) { whenNode = v }},
			field{"rearm", func(v ast.Node) { rearmNode = v }},
			field{"notify", func(v ast.Node) { a.Notify = d.notifyList(v, path+".notify") }},
		) {
			return
		}
		if nameNode == nil {
			d.errorf(e, path, alertHint, "rule has no name")
			ok = false
		} else if key := strings.ToLower(a.Rule.Name); names[key] != nil && a.Rule.Name != "" {
			line, col := position(names[key])
			d.errorf(nameNode, path+".name", fmt.Sprintf("first used at %d:%d; give each rule its own name", line, col), "duplicate rule name %s", quote(a.Rule.Name))
			ok = false
		} else {
			names[key] = nameNode
		}
		if whenNode == nil {
			d.errorf(e, path, "write when: METRIC OP VALUE, e.g. when: whoosh > 60", "rule has no condition")
			return
		}
		when, good := d.cond(whenNode, path+".when")
		ok = ok && good
		a.Rule.When = when
		if rearmNode != nil {
			r, good := d.cond(rearmNode, path+".rearm")
			switch {
			case !good:
				ok = false
			case r.Metric != when.Metric:
				d.errorf(rearmNode, path+".rearm", "rearm watches the same metric as when", "rearm metric %s differs from %s", quote(r.Metric.String()), quote(when.Metric.String()))
				ok = false
			case r.Op == market.OpCrossAbove || r.Op == market.OpCrossBelow:
				d.errorf(rearmNode, path+".rearm", "use < <= > >= == or !=", "rearm cannot be a crossing")
				ok = false
			default:
				a.Rule.Rearm = &r
			}
		}
		if a.Notify == nil {
			a.Notify = []Notify{{Kind: NotifyScreen}}
		}
		if ok {
			cfg.Alerts = append(cfg.Alerts, a)
			d.after = append(d.after, func() { d.checkMetric(whenNode, path+".when", when.Metric, cfg) })
		}
	})
}

// cond parses a condition written as one string.
func (d *decoder) cond(n ast.Node, path string) (market.AlertCond, bool) {
	s, ok := d.text(n, path)
	if !ok {
		return market.AlertCond{}, false
	}
	c, err := market.ParseAlertCond(s)
	if err != nil {
		hint := "write METRIC OP VALUE; operators < <= > >= == != 'crosses above' 'crosses below'"
		if strings.Contains(err.Error(), "metric") {
			hint = "metrics: " + market.AlertMetricsHelp()
		}
		d.errorf(n, path, hint, "%s", escapeControl(err.Error()))
		return market.AlertCond{}, false
	}
	return c, true
}

// checkMetric checks that what a metric names is there: a symbol the
// pipeline fetches, a basket or watchlist, a thesis claim.
func (d *decoder) checkMetric(n ast.Node, path string, m market.AlertMetric, cfg *Config) {
	switch m.Kind {
	case market.MetricPrice, market.MetricDayPct, market.MetricWindowPct:
		if !slices.Contains(cfg.Symbols(), m.Arg) && !slices.Contains(market.ThesisSymbols(), m.Arg) {
			d.errorf(n, path, "add it to a watchlist so its data is fetched", "symbol %s is in no basket or watchlist", quote(m.Arg))
		}
	case market.MetricBasket:
		known := []string{"bits", "atoms"}
		for _, w := range cfg.Watchlists {
			known = append(known, w.Name)
		}
		if !slices.ContainsFunc(known, func(k string) bool { return strings.EqualFold(k, m.Arg) }) {
			d.errorf(n, path, "one of "+strings.Join(known, ", "), "unknown basket %s", quote(m.Arg))
		}
	case market.MetricThesis:
		if ids := market.ThesisClaimIDs(); !slices.Contains(ids, m.Arg) {
			d.errorf(n, path, "claim ids: "+strings.Join(ids, ", "), "unknown thesis claim %s", quote(m.Arg))
		}
	}
}

func (d *decoder) notifyList(n ast.Node, path string) []Notify {
	out := []Notify{}
	d.list(n, path, "[screen, bell, {webhook: https://ntfy.sh/topic}]", func(e ast.Node) {
		if nt, ok := d.notify(e, path); ok {
			out = append(out, nt)
		}
	})
	return out
}

func (d *decoder) notify(n ast.Node, path string) (Notify, bool) {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
	default:
		s, ok := d.text(n, path)
		if !ok {
			return Notify{}, false
		}
		switch k := strings.ToLower(strings.TrimSpace(s)); k {
		case NotifyScreen, NotifyBell, NotifyDesktop:
			return Notify{Kind: k}, true
		}
		d.errorf(n, path, notifyHint, "unknown channel %s", quote(s))
		return Notify{}, false
	}
	nt := Notify{Timeout: DefaultNotifyTimeout, Retries: DefaultRetries, Format: "json"}
	ok := true
	var formatNode, retriesNode ast.Node
	d.object(n, path,
		field{"exec", func(v ast.Node) {
			nt.Kind = NotifyExec
			ok = d.list(v, path+".exec", "[notify-team, --urgent]", func(e ast.Node) {
				if s, good := d.text(e, path+".exec"); good && s != "" && !strings.ContainsFunc(s, unicode.IsControl) {
					nt.Argv = append(nt.Argv, s)
					return
				}
				d.errorf(e, path+".exec", "each argument is printable text", "invalid argument")
				ok = false
			}) && ok
		}},
		field{"webhook", func(v ast.Node) {
			nt.Kind = NotifyWebhook
			s, good := d.text(v, path+".webhook")
			u, err := url.Parse(strings.TrimSpace(s))
			if !good || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				d.errorf(v, path+".webhook", "an http:// or https:// URL", "invalid webhook URL")
				ok = false
				return
			}
			nt.URL = u.String()
		}},
		field{"format", func(v ast.Node) {
			formatNode = v
			s, _ := d.text(v, path+".format")
			if nt.Format = strings.ToLower(strings.TrimSpace(s)); nt.Format != "json" && nt.Format != "text" {
				d.errorf(v, path+".format", "json or text", "unknown format %s", quote(s))
				ok = false
			}
		}},
		field{"headers", func(v ast.Node) { nt.Headers = d.headers(v, path+".headers") }},
		field{"timeout", func(v ast.Node) {
			s, _ := d.text(v, path+".timeout")
			t, err := time.ParseDuration(strings.TrimSpace(s))
			if err != nil || t < minNotifyTimeout || t > maxNotifyTimeout {
				d.errorf(v, path+".timeout", "a duration from 100ms to 5m, e.g. 10s", "invalid timeout %s", quote(s))
				ok = false
			}
			nt.Timeout = t
		}},
		field{"retries", func(v ast.Node) {
			retriesNode = v
			r, good := d.integer(v, path+".retries", 0, maxRetries)
			nt.Retries, ok = r, ok && good
		}},
	)
	switch {
	case nt.Kind == "":
		d.errorf(n, path, notifyHint, "channel needs exec: or webhook:")
		return Notify{}, false
	case nt.Kind == NotifyExec && len(nt.Argv) == 0 && ok:
		d.errorf(n, path, "exec: [CMD, ARG…]", "exec needs a command")
		return Notify{}, false
	case nt.Kind == NotifyExec && (formatNode != nil || nt.Headers != nil || retriesNode != nil):
		d.errorf(n, path, "format, headers and retries are for webhooks", "option not valid for exec")
		return Notify{}, false
	}
	return nt, ok
}

func (d *decoder) headers(n ast.Node, path string) map[string]string {
	out := map[string]string{}
	m, isMap := n.(*ast.MappingNode)
	if !isMap {
		if mv, one := n.(*ast.MappingValueNode); one {
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{mv}}
		} else {
			d.errorf(n, path, "write Name: value lines", "must be a mapping, not %s", kind(n))
			return nil
		}
	}
	for _, e := range m.Values {
		key, _ := d.text(e.Key, path)
		v := d.resolve(e.Value)
		val := ""
		if v != nil {
			val, _ = d.text(v, path)
		}
		validKey := key != "" && !strings.ContainsFunc(key, func(r rune) bool {
			return r <= ' ' || r >= 0x7f || strings.ContainsRune("()<>@,;:\\\"/[]?={}", r)
		})
		if !validKey || strings.ContainsFunc(val, unicode.IsControl) {
			d.errorf(e.Key, path, "a header name and a printable value; ${NAME} takes a secret from the environment", "invalid header %s", quote(key))
			continue
		}
		out[key] = val
	}
	return out
}
