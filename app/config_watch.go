package app

import (
	"context"
	"fmt"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// watchConfig applies config edits while the dashboard runs: a good edit
// replaces the spec and fetches only the new symbols; a bad one keeps the
// last good config and shows the error. whoosh's own edits come through
// ApplyConfig instead (the watcher skips them).
//
// An edited window: applies too (only when the file's value changed, so a
// save does not undo the user's ←/→); source: and refresh: apply on the
// next start.
func (st *Stream) watchConfig(ctx context.Context) {
	lastWindow := st.s.Config.Window
	err := config.Watch(ctx, st.s.ConfigPath, func(cfg *config.Config, err error) {
		if err != nil {
			st.send(ConfigMsg{Err: err}) // the feed sanitizes it, line by line
			return
		}
		var win *market.Window
		if cfg.Window != lastWindow {
			w := cfg.Window
			win, lastWindow = &w, w
		}
		st.apply(cfg, win)
	})
	if err != nil && ctx.Err() == nil {
		st.send(WarningMsg{Text: fmt.Sprintf("config hot reload off: %s", ui.Sanitize(err.Error()))})
	}
}

// ApplyConfig is the road of an in-app edit (config.EditFile, whose write
// the watcher does not report): the poller fetches the symbols the new
// config adds at once and every front end receives the ConfigMsg. Safe
// from any goroutine.
func (st *Stream) ApplyConfig(cfg *config.Config) { st.apply(cfg, nil) }

// apply re-plans the poller and the 1D loop on cfg's spec, hands its alert
// rules to the evaluator and announces it.
func (st *Stream) apply(cfg *config.Config, win *market.Window) {
	sp := cfg.Spec()
	st.applyMu.Lock()
	defer st.applyMu.Unlock()
	st.poller.SetSymbols(FetchSymbols(sp))
	if st.rulesTo != nil {
		st.rulesTo(cfg.Alerts)
	}
	st.send(ConfigMsg{Spec: sp, Window: win})
	st.intraday.setSymbols(market.SpecSymbols(sp))
}
