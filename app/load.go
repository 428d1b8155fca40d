package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

// ErrIncomplete is wrapped by Load's error when ctx ended before the first
// complete load: the feed still holds everything that arrived.
var ErrIncomplete = errors.New("load incomplete")

// Load runs the session's stream until its first complete load (or until
// ctx ends) and returns the folded feed: the snapshot's road, the same as
// the dashboard's. On a deadline the feed keeps what arrived and the error
// wraps ErrIncomplete.
//
// progress, when not nil, is called with the history load's progress.
func (s *Session) Load(ctx context.Context, progress func(done, total int)) (*Feed, error) {
	f := s.NewFeed()
	f.wantIntraday = s.Window.Intraday()
	msgs := make(chan any, 256)
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	st := s.Stream(func(m any) {
		select {
		case msgs <- m:
		case <-runCtx.Done():
		}
	})
	st.Follow(f)
	f.showing(s.Window) // a 1D snapshot asks for 5-minute bars; any other makes no intraday request
	var panicked any
	st.OnPanic = func(v any, stack []byte) { panicked = fmt.Sprintf("%v\n%s", v, stack) }
	done := make(chan struct{})
	go func() {
		defer close(done)
		st.Run(runCtx)
	}()
	start := time.Now()
	for {
		select {
		case m := <-msgs:
			f.Apply(m)
			if pm, ok := m.(feeds.ProgressMsg); ok && progress != nil {
				progress(pm.Done, pm.Total)
			}
			if f.Complete() {
				cancel()
				<-done
				return f, nil
			}
		case <-done:
			if panicked != nil {
				return f, fmt.Errorf("internal error (please report it): %v", panicked)
			}
			return f, fmt.Errorf("%w: the data stream stopped", ErrIncomplete)
		case <-ctx.Done():
			cancel()
			<-done
			for drained := false; !drained; {
				select {
				case m := <-msgs:
					f.Apply(m)
				default:
					drained = true
				}
			}
			return f, fmt.Errorf("%w after %s: showing what arrived", ErrIncomplete, time.Since(start).Round(time.Second))
		}
	}
}
