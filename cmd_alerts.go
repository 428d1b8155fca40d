package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
	"github.com/whoosh-dev/whoosh/ui/snapshot"
)

// exitAlert is snapshot --alerts' exit code when a rule fired.
const exitAlert = 4

func runAlerts(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "backtest" && args[0] != "test") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(stdout, alertsUsage)
			return exitOK
		}
		fmt.Fprint(stderr, alertsUsage)
		return exitUsage
	}
	var (
		c     commonFlags
		since string
		rule  string
	)
	fs := flag.NewFlagSet("whoosh alerts "+args[0], flag.ContinueOnError)
	c.register(fs)
	if args[0] == "backtest" {
		fs.StringVar(&since, "since", "", "replay from this date, YYYY-MM-DD (default: a year before the as-of date)")
		fs.StringVar(&rule, "rule", "", "replay only the rule with this name")
	}
	fs.Usage = func() { fmt.Fprint(fs.Output(), alertsUsage+"\nFlags:\n"); fs.PrintDefaults() }
	if code, done := parseFlags(fs, args[1:], stdout, stderr); done {
		return code
	}
	s, err := c.open(time.Now)
	if err != nil {
		return fail(stderr, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if args[0] == "test" {
		if fs.NArg() != 1 {
			return fail(stderr, usagef("alerts test: name one rule (whoosh alerts test NAME)"))
		}
		return alertsTest(ctx, s, fs.Arg(0), stdout, stderr)
	}
	if fs.NArg() > 0 {
		return fail(stderr, usagef("alerts backtest: unexpected argument %q", fs.Arg(0)))
	}
	from := s.AsOf.AddMonths(-12)
	if since != "" {
		if from, err = market.ParseDate(since); err != nil {
			return fail(stderr, usagef("--since: %v, e.g. 2019-01-01", err))
		}
	}
	rules := s.Config.Alerts
	if rule != "" {
		a, ok := findRule(rules, rule)
		if !ok {
			return fail(stderr, usagef("--rule %q: no such rule (rules: %s)", rule, ruleNames(rules)))
		}
		rules = []config.Alert{a}
	}
	if len(rules) == 0 {
		return fail(stderr, usagef("alerts backtest: the config has no alerts: section"))
	}
	bt, err := s.Backtest(ctx, rules, from)
	if err != nil {
		return fail(stderr, err)
	}
	writeBacktest(stdout, bt, rules)
	return exitOK
}

const alertsUsage = `Usage:
  whoosh alerts backtest [--since DATE] [--rule NAME] [flags]
      replay the cached (or demo) history day by day through the rules; list every firing
  whoosh alerts test NAME [flags]
      send one test notification through each channel of rule NAME
`

func findRule(rules []config.Alert, name string) (config.Alert, bool) {
	for _, a := range rules {
		if strings.EqualFold(a.Rule.Name, name) {
			return a, true
		}
	}
	return config.Alert{}, false
}

func ruleNames(rules []config.Alert) string {
	var names []string
	for _, a := range rules {
		names = append(names, a.Rule.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func writeBacktest(w io.Writer, bt *app.Backtest, rules []config.Alert) {
	fmt.Fprintf(w, "backtest %s to %s: %d trading days, source %s, window %s\n\n", bt.From, bt.To, bt.Days, bt.Source, bt.Window)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	count := map[string]int{}
	for _, f := range bt.Firings {
		count[f.Rule]++
		fmt.Fprintf(tw, "%s\t%s\t%s %s\t%s %s\n", market.DateOf(f.At.Year(), f.At.Month(), f.At.Day()), ui.Sanitize(f.Rule),
			f.When.Metric, f.Value, f.When.Op, f.When.Threshold())
	}
	if len(bt.Firings) == 0 {
		fmt.Fprintln(tw, "no firings")
	}
	tw.Flush()
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "rule\tfirings")
	for _, a := range rules {
		fmt.Fprintf(tw, "%s\t%d\n", ui.Sanitize(a.Rule.Name), count[a.Rule.Name])
	}
	tw.Flush()
}

// alertsTest sends a test event through each channel of the rule.
func alertsTest(ctx context.Context, s *app.Session, name string, stdout, stderr io.Writer) int {
	a, ok := findRule(s.Config.Alerts, name)
	if !ok {
		return fail(stderr, usagef("alerts test %q: no such rule (rules: %s)", name, ruleNames(s.Config.Alerts)))
	}
	v := market.AlertValue{Num: a.Rule.When.Value, Verdict: a.Rule.When.Verdict, OK: true}
	ev := alerts.Event{Firing: market.AlertFiring{Rule: a.Rule.Name, When: a.Rule.When, Value: v, At: time.Now()}, Notify: a.Notify, Test: true}
	ev2, _ := s.NewAlerts()
	d := ev2.Deliverer.Deliver(ctx, ev)
	code := exitOK
	for _, o := range d.Outcomes {
		status := "ok"
		if !o.OK {
			status, code = "FAILED", exitFailure
		}
		fmt.Fprintf(stdout, "%s: %s: %s\n", ui.Sanitize(o.Channel), status, ui.Sanitize(o.Detail))
		if o.Output != "" {
			fmt.Fprintf(stdout, "  output: %s\n", ui.Sanitize(strings.TrimSpace(o.Output)))
		}
	}
	return code
}

// snapshotAlerts evaluates the rules on the snapshot's state, delivers
// what fired, prints it on stderr and returns it for the JSON, with the
// marks of the symbols the rules watch for the text's tables.
func snapshotAlerts(ctx context.Context, s *app.Session, st ui.State, feed *app.Feed, stderr io.Writer) ([]alerts.Delivered, map[string]market.AlertMark) {
	ev, warn := s.NewAlerts()
	if warn != "" {
		fmt.Fprintln(stderr, "whoosh: warning:", warn)
	}
	events, err := ev.Evaluate(st, feed)
	if err != nil {
		fmt.Fprintln(stderr, "whoosh: warning:", ui.Sanitize(err.Error()))
	}
	d := ev.DeliverAll(ctx, events)
	for _, x := range d {
		fmt.Fprintf(stderr, "whoosh: alert: %s %s\n", ui.FormatET(x.Firing.At), ui.Sanitize(x.Message()))
		for _, o := range x.Outcomes {
			if !o.OK {
				fmt.Fprintf(stderr, "whoosh: alert: %s failed: %s\n", ui.Sanitize(o.Channel), ui.Sanitize(o.Detail))
			}
		}
	}
	return d, ev.Engine.Marks()
}

// jsonAlerts is the snapshot document's alerts.
func jsonAlerts(d []alerts.Delivered) *[]snapshot.Alert {
	out := []snapshot.Alert{}
	for _, x := range d {
		p := x.Payload()
		a := snapshot.Alert{Rule: p.Rule, Metric: p.Metric, Unit: p.Unit, Op: p.Op, Threshold: p.Threshold,
			Value: p.Value, Time: p.Time, Message: p.Message, Deliveries: []snapshot.Delivery{}}
		for _, o := range x.Outcomes {
			a.Deliveries = append(a.Deliveries, snapshot.Delivery{Channel: o.Channel, OK: o.OK, Detail: o.Detail})
		}
		out = append(out, a)
	}
	return &out
}
