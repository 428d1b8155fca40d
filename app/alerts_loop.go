package app

import (
	"context"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// alertEvery bounds how often the dashboard's evaluator recomputes.
const alertEvery = time.Second

// evaluator is the dashboard's alert loop: it folds a copy of the stream's
// messages into its own Feed, and on each tick after the data (or the
// rules) changed, once the first load is complete, recomputes, evaluates
// the rules, sends an AlertStatesMsg with the symbols' marks, and delivers
// what fired in the background, sending an AlertMsg when delivery is done.
// Nothing it does waits for a channel: a hanging webhook holds only its
// own goroutine.
type evaluator struct {
	alerts *Alerts
	feed   *Feed
	window market.Window
	now    func() time.Time
	out    func(any) // to the front end

	mu      sync.Mutex
	pending []any           // messages teed, not folded yet
	rules   *[]config.Alert // a reload not applied yet
	wake    chan struct{}

	dirty      bool
	marked     bool // the last AlertStatesMsg had marks
	deliveries sync.WaitGroup
}

func newEvaluator(a *Alerts, f *Feed, w market.Window, now func() time.Time, out func(any)) *evaluator {
	return &evaluator{alerts: a, feed: f, window: w, now: now, out: out, wake: make(chan struct{}, 1)}
}

// tee passes m to the front end and queues it for the evaluator's feed.
func (e *evaluator) tee(m any) {
	e.out(m)
	e.queue(func() { e.pending = append(e.pending, m) })
}

// setRules queues a config reload's rules: the next tick evaluates them.
// A rule whose condition is unchanged keeps its state.
func (e *evaluator) setRules(rules []config.Alert) {
	e.queue(func() { e.rules = &rules })
}

func (e *evaluator) queue(fn func()) {
	e.mu.Lock()
	fn()
	e.mu.Unlock()
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// run evaluates on each tick until ctx ends, then waits for the
// deliveries under way (they end with ctx too).
func (e *evaluator) run(ctx context.Context, tick <-chan time.Time) {
	defer e.deliveries.Wait()
	for {
		select {
		case <-ctx.Done():
			return
		case <-e.wake:
			e.fold()
			continue
		case <-tick:
		}
		e.fold() // what was sent before the tick counts
		e.evaluate(ctx)
	}
}

// fold applies the queued messages and rules.
func (e *evaluator) fold() {
	e.mu.Lock()
	msgs, rules := e.pending, e.rules
	e.pending, e.rules = nil, nil
	e.mu.Unlock()
	for _, m := range msgs {
		if cm, ok := m.(ConfigMsg); ok && cm.Window != nil {
			e.window = *cm.Window // the rules read the window the config asks for
		}
		e.dirty = e.feed.Apply(m) || e.dirty
	}
	if rules != nil {
		e.alerts.Engine.SetRules(*rules)
		e.dirty = true
	}
}

func (e *evaluator) evaluate(ctx context.Context) {
	if !e.dirty || !e.feed.Complete() {
		return
	}
	e.dirty = false
	if len(e.alerts.Engine.Rules()) == 0 {
		if e.marked { // the last rules went away: so do their marks
			e.marked = false
			e.out(AlertStatesMsg{})
		}
		return
	}
	state := e.feed.State(e.window, e.now())
	events, err := e.alerts.Evaluate(state, e.feed)
	if err != nil {
		e.out(WarningMsg{Text: ui.Sanitize(err.Error())})
	}
	marks := e.alerts.Engine.Marks()
	e.marked = len(marks) > 0
	e.out(AlertStatesMsg{Marks: marks})
	if len(events) == 0 {
		return
	}
	e.deliveries.Add(1)
	go func() { // delivery never holds the evaluator, nor the screen
		defer e.deliveries.Done()
		e.out(AlertMsg{Delivered: e.alerts.DeliverAll(ctx, events)}) // the feed shows its banner and keeps the log
	}()
}

// alertLoop returns the dashboard's evaluator loop, for Run to start
// before anything sends: from now on the stream's messages are teed into
// the evaluator, and each config the stream applies (Stream.apply) hands
// it the new rules. Other streams (the snapshot's Load) do not evaluate:
// their caller does, once.
func (st *Stream) alertLoop(ctx context.Context) func() {
	if !st.Watch {
		return func() {}
	}
	a, warn := st.s.NewAlerts()
	e := newEvaluator(a, st.s.NewFeed(), st.s.Window, st.s.now, *st.sink.Load())
	tee := e.tee
	st.sink.Store(&tee)
	st.applyMu.Lock()
	st.rulesTo = e.setRules // each applied config's rules: the stream's one watcher, and in-app edits
	st.applyMu.Unlock()
	return func() {
		if warn != "" {
			e.out(WarningMsg{Text: warn})
		}
		tick := time.NewTicker(alertEvery)
		defer tick.Stop()
		e.run(ctx, tick.C)
	}
}
