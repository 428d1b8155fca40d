// Package alerts runs the alert rules of the config: it keeps each rule's
// state on disk (Store), steps the rules through market's pure engine
// (Engine) and delivers firings to their channels (Deliver) — the screen,
// the terminal bell, the desktop's notification centre, a command, a
// webhook.
package alerts

import (
	"maps"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
)

// Event is a firing (or a test notification) on its way to its channels.
type Event struct {
	Firing market.AlertFiring
	Notify []config.Notify
	Test   bool // whoosh alerts test: not a real firing
}

// Unit is the watched metric's unit.
func (e Event) Unit() string { return e.Firing.When.Metric.Unit() }

// Message is the event's one line, with "[test] " before a test.
func (e Event) Message() string {
	if e.Test {
		return "[test] " + e.Firing.Message()
	}
	return e.Firing.Message()
}

// Engine evaluates rules against their persisted state. It is safe for
// concurrent use; each Evaluate reads the state file afresh, so two
// processes sharing the cache see each other's firings.
type Engine struct {
	mu    sync.Mutex
	rules []config.Alert
	store *Store // nil: state in memory only
	mem   map[string]market.AlertState
}

// NewEngine returns an engine for rules, persisting in store (nil keeps
// state in memory).
func NewEngine(rules []config.Alert, store *Store) *Engine {
	return &Engine{rules: rules, store: store, mem: map[string]market.AlertState{}}
}

// SetRules replaces the rules (a config reload). A rule whose condition
// changed starts afresh; the others keep their state.
func (e *Engine) SetRules(rules []config.Alert) {
	e.mu.Lock()
	e.rules = rules
	e.mu.Unlock()
}

// Rules returns the current rules.
func (e *Engine) Rules() []config.Alert {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.rules
}

// Evaluate steps every rule on in, observed at data time at, saves the
// states when they changed and returns the firings as events. With a
// store, the load, the step and the save happen under the store's
// cross-process lock: two processes evaluating the same data (a dashboard
// and a cron snapshot) fire a crossing once between them. A state file
// that cannot be locked, read or written is reported in err; the events
// are still returned.
func (e *Engine) Evaluate(in market.AlertInput, at time.Time) ([]Event, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.rules) == 0 {
		return nil, nil
	}
	var err error
	if e.store != nil {
		unlock, lerr := e.store.Lock()
		if lerr != nil {
			err = lerr // evaluate anyway: a missed alert is worse than a doubled one
		} else {
			defer unlock()
		}
	}
	prev, lerr := e.load()
	if err == nil {
		err = lerr
	}
	rules := make([]market.AlertRule, len(e.rules))
	byName := make(map[string]config.Alert, len(e.rules))
	for i, a := range e.rules {
		rules[i] = a.Rule
		byName[a.Rule.Name] = a
	}
	next, fired := market.EvalAlerts(rules, prev, in, at)
	e.mem = next
	// The last value alone changing is not worth a write.
	if e.store != nil && (len(prev) != len(next) || !maps.EqualFunc(prev, next, func(a, b market.AlertState) bool { a.Value = b.Value; return a == b })) {
		if serr := e.store.Save(next); serr != nil && err == nil {
			err = serr
		}
	}
	events := make([]Event, len(fired))
	for i, f := range fired {
		events[i] = Event{Firing: f, Notify: byName[f.Rule].Notify}
	}
	return events, err
}

// Marks returns the mark of each symbol the rules watch, from the states
// of the last Evaluate (none before the first).
func (e *Engine) Marks() map[string]market.AlertMark {
	e.mu.Lock()
	defer e.mu.Unlock()
	rules := make([]market.AlertRule, len(e.rules))
	for i, a := range e.rules {
		rules[i] = a.Rule
	}
	return market.AlertMarks(rules, e.mem)
}

func (e *Engine) load() (map[string]market.AlertState, error) {
	if e.store == nil {
		return maps.Clone(e.mem), nil
	}
	return e.store.Load()
}
