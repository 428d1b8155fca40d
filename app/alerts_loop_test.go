package app

import (
	"cmp"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// failsafe only turns a hung evaluator into a failure instead of a test
// timeout; no assertion depends on it.
const failsafe = 30 * time.Second

// loop is the dashboard's evaluator driven by hand: messages go in through
// tee, evaluations happen on tick, and everything sent to the front end
// lands in out.
type loop struct {
	t    *testing.T
	ev   *evaluator
	out  chan any
	tick chan time.Time
	nvda feeds.History // the demo's, its last close replaced by price
	kept []any         // messages next skipped, for rest
	stop func()        // cancels the loop and waits for it and its deliveries
}

func startLoop(t *testing.T, rules []config.Alert) *loop {
	t.Helper()
	spec := config.Default().Spec()
	l := &loop{t: t, out: make(chan any, 1000), tick: make(chan time.Time)}
	a := &Alerts{Engine: alerts.NewEngine(rules, nil), Deliverer: &alerts.Deliverer{}}
	l.ev = newEvaluator(a, NewFeed(spec, FeedOptions{AsOf: asOf, DataClock: true}), market.WinEssay, time.Now, func(m any) { l.out <- m })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { l.ev.run(ctx, l.tick); close(done) }()
	l.stop = func() { cancel(); <-done }
	t.Cleanup(l.stop)
	hs, err := demo.New(asOf).History(ctx, FetchSymbols(spec), asOf.AddDays(-800), asOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if h.Symbol == "NVDA" {
			l.nvda = h
		}
	}
	l.ev.tee(feeds.HistoryMsg{Histories: hs})
	l.ev.tee(feeds.SettledMsg{})
	l.ev.tee(LongMsg{})
	return l
}

// price sends NVDA's history with its last close at x: new data.
func (l *loop) price(x float64) {
	h := l.nvda
	h.Bars = slices.Clone(h.Bars)
	h.Bars[len(h.Bars)-1].Close, h.Bars[len(h.Bars)-1].AdjClose = x, x
	l.ev.tee(feeds.HistoryMsg{Histories: []feeds.History{h}})
}

// evaluate ticks once; the loop has folded everything sent before.
func (l *loop) evaluate() {
	l.t.Helper()
	select {
	case l.tick <- time.Time{}:
	case <-time.After(failsafe):
		l.t.Fatal("the evaluator does not take its tick: blocked")
	}
}

// next returns the next message of type T sent to the front end; the
// others are kept for rest.
func next[T any](l *loop) T {
	l.t.Helper()
	for {
		select {
		case m := <-l.out:
			if v, ok := m.(T); ok {
				return v
			}
			l.kept = append(l.kept, m)
		case <-time.After(failsafe):
			var zero T
			l.t.Fatalf("no %T sent", zero)
			return zero
		}
	}
}

// rest stops the loop (waiting for its deliveries) and returns what it
// sent that was not read yet.
func (l *loop) rest() (states []AlertStatesMsg, fired []alerts.Delivered) {
	l.stop()
	for more := true; more; {
		select {
		case m := <-l.out:
			l.kept = append(l.kept, m)
		default:
			more = false
		}
	}
	for _, m := range l.kept {
		switch m := m.(type) {
		case AlertStatesMsg:
			states = append(states, m)
		case AlertMsg:
			fired = append(fired, m.Delivered...)
		}
	}
	return states, fired
}

func alertRule(t *testing.T, name, when string, notify ...config.Notify) config.Alert {
	t.Helper()
	c, err := market.ParseAlertCond(when)
	if err != nil {
		t.Fatal(err)
	}
	if len(notify) == 0 {
		notify = []config.Notify{{Kind: config.NotifyScreen}}
	}
	return config.Alert{Rule: market.AlertRule{Name: name, When: c}, Notify: notify}
}

// TestEvaluatorFiresOncePerCrossing: every tick after new data evaluates
// (an AlertStatesMsg each time, with NVDA's mark), a tick without new data
// does not, and the rule fires once per crossing across the evaluations.
func TestEvaluatorFiresOncePerCrossing(t *testing.T) {
	l := startLoop(t, []config.Alert{alertRule(t, "nvda up", "price:NVDA > 1000")})
	// > 1000 fires; re-arming needs < 1000 − 2 % = 980.
	prices := []float64{900, 1100, 1100, 1050, 990, 970, 1200}
	want := []market.AlertMark{market.MarkArmed, market.MarkFired, market.MarkFired, market.MarkFired, market.MarkFired, market.MarkArmed, market.MarkFired}
	for i, x := range prices {
		l.price(x)
		l.evaluate()
		if got := next[AlertStatesMsg](l).Marks["NVDA"]; got != want[i] {
			t.Errorf("price %v: NVDA marked %v, want %v", x, got, want[i])
		}
		l.evaluate() // nothing new: no evaluation
	}
	states, fired := l.rest()
	if len(states) != 0 {
		t.Errorf("%d evaluations without new data", len(states))
	}
	// Each firing is delivered on a goroutine of its own, so the two can
	// come back in either order (the feed orders its log by data time).
	slices.SortFunc(fired, func(a, b alerts.Delivered) int { return cmp.Compare(a.Firing.Value.Num, b.Firing.Value.Num) })
	if len(fired) != 2 || fired[0].Firing.Value.Num != 1100 || fired[1].Firing.Value.Num != 1200 {
		t.Fatalf("fired %+v, want at 1100 then 1200", fired)
	}
}

// TestEvaluatorNeverWaitsForDelivery: while a webhook hangs, the stream's
// messages pass and the next evaluation happens; the firing's AlertMsg
// comes when the receiver answers.
func TestEvaluatorNeverWaitsForDelivery(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}))
	defer srv.Close()
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	defer unblock() // before Close, which waits for the handler
	hook := config.Notify{Kind: config.NotifyWebhook, URL: srv.URL, Format: "json", Timeout: time.Hour}
	l := startLoop(t, []config.Alert{alertRule(t, "nvda up", "price:NVDA > 1000", hook)})
	l.price(1100)
	l.evaluate()
	next[AlertStatesMsg](l)
	select {
	case <-entered: // the webhook holds the delivery
	case <-time.After(failsafe):
		t.Fatal("the webhook was not called")
	}
	l.ev.tee(WarningMsg{Text: "passes"})
	if w := next[WarningMsg](l); w.Text != "passes" {
		t.Fatalf("stream sent %q", w.Text)
	}
	l.price(1050)
	l.evaluate()
	if m := next[AlertStatesMsg](l); m.Marks["NVDA"] != market.MarkFired {
		t.Errorf("second evaluation: marks %v", m.Marks)
	}
	unblock()
	d := next[AlertMsg](l).Delivered
	if len(d) != 1 || len(d[0].Outcomes) != 1 || !d[0].Outcomes[0].OK {
		t.Fatalf("delivered %+v", d)
	}
}

// TestEvaluatorReloadKeepsState: a reload that adds a rule keeps the
// state of the unchanged one (it does not fire again); the new rule fires,
// and so does an edited one, which starts afresh.
func TestEvaluatorReloadKeepsState(t *testing.T) {
	a := alertRule(t, "nvda up", "price:NVDA > 1000")
	l := startLoop(t, []config.Alert{a})
	l.price(1100)
	l.evaluate()
	next[AlertStatesMsg](l)
	if d := next[AlertMsg](l).Delivered; len(d) != 1 || d[0].Firing.Rule != "nvda up" {
		t.Fatalf("first firing %+v", d)
	}
	l.ev.setRules([]config.Alert{a, alertRule(t, "nvda half", "price:NVDA > 500")})
	l.evaluate() // a reload alone is reason to evaluate
	next[AlertStatesMsg](l)
	if d := next[AlertMsg](l).Delivered; len(d) != 1 || d[0].Firing.Rule != "nvda half" {
		t.Fatalf("after the reload %+v, want only the new rule", d)
	}
	l.ev.setRules([]config.Alert{alertRule(t, "nvda up", "price:NVDA > 1050")})
	l.evaluate()
	if m := next[AlertStatesMsg](l); m.Marks["NVDA"] != market.MarkFired {
		t.Errorf("marks %v", m.Marks)
	}
	if d := next[AlertMsg](l).Delivered; len(d) != 1 || d[0].Firing.When.Value != 1050 {
		t.Fatalf("edited rule %+v, want it to fire afresh", d)
	}
	l.ev.setRules(nil)
	l.evaluate()
	if m := next[AlertStatesMsg](l); len(m.Marks) != 0 {
		t.Errorf("no rules, marks %v", m.Marks)
	}
	if states, fired := l.rest(); len(states)+len(fired) != 0 {
		t.Errorf("left over: %v %v", states, fired)
	}
}

// TestFeedFoldsAlertMarks: the marks reach the state the panels draw; the
// same marks again change nothing (no recompute after every evaluation).
func TestFeedFoldsAlertMarks(t *testing.T) {
	f := NewFeed(config.Default().Spec(), FeedOptions{AsOf: asOf})
	marks := map[string]market.AlertMark{"NVDA": market.MarkFired}
	if !f.Apply(AlertStatesMsg{Marks: marks}) {
		t.Fatal("new marks reported no change")
	}
	if f.Apply(AlertStatesMsg{Marks: map[string]market.AlertMark{"NVDA": market.MarkFired}}) {
		t.Error("the same marks reported a change")
	}
	if got := f.State(market.WinEssay, time.Now()).AlertMarks["NVDA"]; got != market.MarkFired {
		t.Errorf("state marks NVDA %v", got)
	}
	if !f.Apply(AlertStatesMsg{}) || len(f.State(market.WinEssay, time.Now()).AlertMarks) != 0 {
		t.Error("no marks did not clear them")
	}
}

// TestAppliedConfigCarriesRules: the dashboard's evaluator takes its rules
// from each config the stream applies (the one watcher's reloads and
// in-app edits alike), not from a second watch of the file.
func TestAppliedConfigCarriesRules(t *testing.T) {
	s := testSession(demo.New(asOf), nil)
	st := s.Stream(func(any) {})
	st.Watch = true
	st.alertLoop(context.Background()) // wires the evaluator; its loop is not run here
	if st.rulesTo == nil {
		t.Fatal("the evaluator is not told applied configs' rules")
	}
	var got []config.Alert
	st.rulesTo = func(r []config.Alert) { got = r }
	cfg := config.Default()
	cfg.Alerts = []config.Alert{{Rule: market.AlertRule{Name: "whoosh up"}}}
	st.ApplyConfig(cfg)
	if len(got) != 1 || got[0].Rule.Name != "whoosh up" {
		t.Errorf("rules handed on: %+v", got)
	}
}
