package app

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// IntradayMsg carries 5-minute bars of one session for the 1D window.
// Tail is set when each symbol's bars start at its last bar known before
// (a poll during the session): they are merged, not replaced. Err is the
// whole fetch's error (a session older than Yahoo keeps, a source without
// 5-minute bars); per-symbol failures are in each Intraday's Err.
type IntradayMsg struct {
	Session calendar.Session
	Series  []feeds.Intraday
	Tail    bool
	Err     error
}

// intradayLoop fetches 5-minute bars while someone looks at 1D: a viewer
// whose window is 1D (Stream.Follow) or a snapshot of --window 1D. It
// makes no request otherwise. It fetches the newest session when asked
// first, then, while that session runs, each symbol's tail since its last
// bar once per quote poll; a closed session is fetched once.
type intradayLoop struct {
	poke chan struct{}

	mu     sync.Mutex
	wanted map[any]bool
	syms   []string // the spec's symbols: the config's, as edits and reloads change it
	sess   calendar.Session
	last   map[string]time.Time // each symbol's last bar in sess
	done   map[string]bool      // symbols whose closed session is in
}

func newIntradayLoop(syms []string) *intradayLoop {
	return &intradayLoop{poke: make(chan struct{}, 1), wanted: map[any]bool{}, syms: syms}
}

// setSymbols replaces the symbols to fetch (a config applied). A symbol
// just added wakes the loop, to get its session's bars without waiting for
// the next quote poll; symbols already in keep their bars and tails, and a
// config adding none (an alert edit, a removal) fetches nothing.
func (l *intradayLoop) setSymbols(syms []string) {
	l.mu.Lock()
	had := make(map[string]bool, len(l.syms))
	for _, s := range l.syms {
		had[s] = true
	}
	added := slices.ContainsFunc(syms, func(s string) bool { return !had[s] })
	l.syms = syms
	l.mu.Unlock()
	if added {
		l.wake()
	}
}

// want records whether who (a feed) shows 1D, and wakes the loop when
// 1D appears.
func (l *intradayLoop) want(who any, on bool) {
	l.mu.Lock()
	if on {
		l.wanted[who] = true
	} else {
		delete(l.wanted, who)
	}
	l.mu.Unlock()
	if on {
		l.wake()
	}
}

func (l *intradayLoop) on() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.wanted) > 0
}

// wake asks for a fetch without ever blocking (one pending is enough).
func (l *intradayLoop) wake() {
	select {
	case l.poke <- struct{}{}:
	default:
	}
}

// Follow makes the stream fetch 5-minute bars exactly while f is drawn in
// the 1D window: Feed.State reports each window change to the stream.
// Unfollow (a viewer leaving) withdraws f's interest.
func (st *Stream) Follow(f *Feed) {
	f.onWindow = func(w market.Window) { st.intraday.want(f, w.Intraday()) }
}

// Unfollow withdraws f's interest in 5-minute bars.
func (st *Stream) Unfollow(f *Feed) {
	f.onWindow = nil
	st.intraday.want(f, false)
}

// runIntraday is the loop's goroutine. It waits for the first history, so
// that auto has chosen its source (real and simulated bars never mix).
func (st *Stream) runIntraday(ctx context.Context) {
	select {
	case <-st.firstHistory:
	case <-ctx.Done():
		return
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-st.intraday.poke:
		}
		if st.intraday.on() {
			st.fetchIntraday(ctx)
		}
	}
}

// fetchIntraday asks the provider once for each symbol that needs bars:
// all of the newest session at first, then only tails while it runs.
func (st *Stream) fetchIntraday(ctx context.Context) {
	now := st.poller.Now()
	sess := calendar.Newest(now)
	l := st.intraday
	l.mu.Lock()
	if l.sess.Date != sess.Date {
		l.sess, l.last, l.done = sess, map[string]time.Time{}, map[string]bool{}
	}
	// Symbols whose last bar starts at the same instant share a request
	// (keyed by Unix seconds: equal instants in two zones are one).
	bySince := map[int64][]string{}
	var order []time.Time
	for _, sym := range l.syms {
		if l.done[sym] {
			continue
		}
		since := l.last[sym]
		key := since.Unix()
		if bySince[key] == nil {
			order = append(order, since)
		}
		bySince[key] = append(bySince[key], sym)
	}
	l.mu.Unlock()
	for _, since := range order {
		got, err := feeds.IntradayOf(ctx, st.s.provider, bySince[since.Unix()], sess, since)
		if ctx.Err() != nil {
			return
		}
		l.mu.Lock()
		for _, d := range got {
			if d.Err != nil {
				continue
			}
			if n := len(d.Bars); n > 0 {
				l.last[d.Symbol] = d.Bars[n-1].Time
			}
			l.done[d.Symbol] = sess.ClosedAt(now)
		}
		l.mu.Unlock()
		st.send(IntradayMsg{Session: sess, Series: got, Tail: !since.IsZero(), Err: err})
	}
}
