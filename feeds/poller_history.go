package feeds

import (
	"context"
	"slices"
	"time"
)

// historyLoop loads queued history until ctx is done, and retries the
// symbols whose load failed with a capped exponential backoff.
func (p *Poller) historyLoop(ctx context.Context) {
	var failed []string
	var delay time.Duration
	first := true
	for {
		var retry <-chan time.Time
		stop := func() {}
		if len(failed) > 0 {
			retry, stop = p.timer(delay)
		}
		select {
		case <-ctx.Done():
			stop()
			return
		case <-p.histWake:
		case <-p.retryNow:
			p.addPending(failed)
		case <-retry:
			p.addPending(failed)
		}
		stop()
		syms := p.takePending()
		if len(syms) == 0 {
			continue
		}
		nowFailed := p.loadHistory(ctx, syms)
		if ctx.Err() != nil {
			return
		}
		retried := 0
		failed = slices.DeleteFunc(failed, func(s string) bool {
			if slices.Contains(syms, s) {
				retried++
				return true
			}
			return false
		})
		failed = append(failed, nowFailed...)
		if retried > 0 && len(nowFailed) < retried && !first {
			// The source is back: quotes that failed with it need not wait
			// a full interval either.
			p.pollNow()
		}
		switch {
		case len(failed) == 0:
			delay = 0
		case len(nowFailed) > 0:
			delay = p.nextRetry(delay)
		}
		if first {
			first = false
			p.afterSettle(ctx, p.settle.historyEnded())
		}
	}
}

// loadHistory loads syms in batches and returns the symbols that failed
// in a way a retry may fix.
func (p *Poller) loadHistory(ctx context.Context, syms []string) (failed []string) {
	batch := p.Batch
	if batch <= 0 {
		batch = DefaultBatch
	}
	today := NewYorkDate(p.now())
	from := p.from(today)
	p.send(ctx, ProgressMsg{Done: 0, Total: len(syms)})
	for done := 0; done < len(syms); {
		part := syms[done:min(done+batch, len(syms))]
		hs, err := p.Provider.History(ctx, part, from, today)
		if ctx.Err() != nil {
			return failed
		}
		done += len(part)
		failed = append(failed, retryable(part, hs, err)...)
		p.send(ctx, HistoryMsg{Histories: hs, Err: err, At: p.now()})
		p.send(ctx, ProgressMsg{Done: done, Total: len(syms)})
	}
	return failed
}
