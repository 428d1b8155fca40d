package app

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// AlertMsg is sent to the front end when rules fired: each firing with the
// outcome of each of its channels, for the banner and the Alerts log.
type AlertMsg struct {
	Delivered []alerts.Delivered
}

// AlertStatesMsg is sent after each evaluation of the rules: the mark of
// each symbol a rule watches (fired and waiting to re-arm, or armed), for
// the tables' rows. It replaces the previous marks.
type AlertStatesMsg struct {
	Marks map[string]market.AlertMark
}

// Alerts evaluates the config's rules on the pipeline's data: the one
// evaluator of a process. The dashboard runs it inside its stream; the
// snapshot calls Evaluate once on its final state.
type Alerts struct {
	Engine    *alerts.Engine
	Deliverer *alerts.Deliverer
}

// NewAlerts returns the evaluator of the session's rules, their state kept
// in the cache directory (in memory when there is none: a warning says so).
func (s *Session) NewAlerts() (*Alerts, string) {
	var store *alerts.Store
	warn := ""
	if dir, err := cache.DefaultDir(); err == nil {
		store = alerts.NewStore(dir)
	} else {
		warn = "alerts: no cache directory: a restart may fire rules again"
	}
	return &Alerts{
		Engine:    alerts.NewEngine(s.Config.Alerts, store),
		Deliverer: &alerts.Deliverer{Bell: os.Stderr},
	}, warn
}

// AlertInput is what the rules read from one recompute: the analytics, and
// each symbol's price and moves (its basket row's when it has one, else
// from its daily closes).
func AlertInput(st ui.State, f *Feed) market.AlertInput {
	in := market.AlertInput{Report: st.Report, Macro: st.Macro, Thesis: st.Thesis, Symbols: map[string]market.SymbolMove{}}
	r := st.Report
	for sym, ss := range st.Symbols {
		m := market.MovesOf(f.Data.Series[sym], r.Start, r.AsOf)
		m.Price = ss.Last
		in.Symbols[sym] = m
	}
	for _, b := range append([]market.BasketReport{r.Bits, r.Atoms}, r.Watchlists...) {
		for _, ms := range b.Members {
			if m, ok := in.Symbols[ms.Symbol]; ok && !ms.Missing {
				m.DayPct, m.WindowPct = ms.DayPct, ms.WindowPct
				in.Symbols[ms.Symbol] = m
			}
		}
	}
	return in
}

// DataTime is the time a state's data was observed: what a firing is
// dated with.
func DataTime(st ui.State) time.Time {
	if !st.Status.Updated.IsZero() {
		return st.Status.Updated
	}
	return st.Now
}

// Evaluate steps the rules on st (folded in f) and returns what fired; the
// state is saved. err reports a state file problem only.
func (a *Alerts) Evaluate(st ui.State, f *Feed) ([]alerts.Event, error) {
	return a.Engine.Evaluate(AlertInput(st, f), DataTime(st))
}

// DeliverAll sends every event to its channels at once and waits for all
// (each channel within its own timeout, or until ctx ends).
func (a *Alerts) DeliverAll(ctx context.Context, events []alerts.Event) []alerts.Delivered {
	out := make([]alerts.Delivered, len(events))
	var wg sync.WaitGroup
	for i, ev := range events {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = a.Deliverer.Deliver(ctx, ev)
		}()
	}
	wg.Wait()
	return out
}

// Banner is the one line the dashboard shows for the latest firings.
func Banner(d []alerts.Delivered) string {
	if len(d) == 0 {
		return ""
	}
	last := d[len(d)-1]
	text := "ALERT " + ui.FormatET(last.Firing.At) + " " + last.Message()
	for _, o := range last.Outcomes {
		if !o.OK {
			text += " (" + o.Channel + " failed: " + o.Detail + ")"
		}
	}
	if len(d) > 1 {
		text += fmt.Sprintf(" (+%d more)", len(d)-1)
	}
	return ui.Sanitize(text)
}
