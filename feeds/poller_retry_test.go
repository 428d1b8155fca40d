package feeds

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

func TestNextRetryDoublesToTheCap(t *testing.T) {
	p := &Poller{}
	var got []time.Duration
	for d := time.Duration(0); len(got) < 7; {
		d = p.nextRetry(d)
		got = append(got, d)
	}
	// 30 s doubling: 30s 1m 2m 4m 8m, then capped at 15m.
	want := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute, 8 * time.Minute, 15 * time.Minute, 15 * time.Minute}
	if !slices.Equal(got, want) {
		t.Errorf("backoff %v, want %v", got, want)
	}
}

func TestRetryable(t *testing.T) {
	syms := []string{"A", "B", "C"}
	ok := History{Symbol: "A", Bars: oneBar(1)}
	failed := History{Symbol: "B", Err: ErrNoData}
	demo := History{Symbol: "C", Bars: oneBar(1), Err: &FallbackError{Primary: "yahoo", Fallback: "demo"}}
	cachedWithErr := History{Symbol: "C", Bars: oneBar(1), Err: errors.New("HTTP 500")}
	for _, tc := range []struct {
		name string
		hs   []History
		err  error
		want []string
	}{
		{"one failed, demo answers are not failures", []History{ok, failed, demo}, nil, []string{"B"}},
		{"cached bars with a live error are retried", []History{ok, failed, cachedWithErr}, nil, []string{"B", "C"}},
		{"a call error without answers fails them all", nil, errors.New("boom"), syms},
		{"a call error keeps symbols that brought bars", []History{ok, {Symbol: "B"}, {Symbol: "C"}}, errors.New("boom"), []string{"B", "C"}},
	} {
		if got := retryable(syms, tc.hs, tc.err); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// flaky fails History for its first n calls, then answers.
type flaky struct {
	*fakeProvider
	calls chan struct{}
	n     int
}

func (f *flaky) History(ctx context.Context, symbols []string, from, to market.Date) ([]History, error) {
	select {
	case f.calls <- struct{}{}:
	default:
	}
	f.mu.Lock()
	f.n--
	failing := f.n >= 0
	f.mu.Unlock()
	if failing {
		return nil, errors.New("HTTP 500")
	}
	return f.fakeProvider.History(ctx, symbols, from, to)
}

func TestPollerRetriesFailedHistoryWithoutAKey(t *testing.T) {
	prov := &flaky{fakeProvider: &fakeProvider{name: "yahoo", kind: KindLive,
		bars:   map[string][]Bar{"A": oneBar(1), "B": oneBar(2)},
		quotes: map[string]Quote{"A": regular(1, nyTime(2024, 3, 20, 11, 0))}},
		calls: make(chan struct{}, 10), n: 2}
	inbox := newInbox()
	p := NewPoller(prov, inbox.Send, []string{"A", "B"})
	p.RetryMin, p.RetryMax = time.Millisecond, 4*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	got := inbox.waitFor(t, "history with bars after two failures", func(m any) bool {
		h, ok := m.(HistoryMsg)
		return ok && len(h.Histories) == 2 && len(h.Histories[0].Bars) == 1
	}).(HistoryMsg)
	if got.Err != nil {
		t.Errorf("recovered load still reports %v", got.Err)
	}
	// Quotes that failed with the source are polled again at once, not a
	// full interval (60 s) later.
	q := inbox.waitFor(t, "a quote poll after the recovery", func(m any) bool { _, ok := m.(QuotesMsg); return ok }).(QuotesMsg)
	if q.Manual {
		t.Error("the poll after a recovery is not the user's refresh")
	}
	if len(prov.calls) < 2 {
		t.Errorf("%d History calls, want at least 3", len(prov.calls)+1)
	}
}

func TestPollerSettlesAfterHistoryAndQuotes(t *testing.T) {
	prov := &fakeProvider{name: "yahoo", kind: KindLive,
		bars:   map[string][]Bar{"A": oneBar(1)},
		quotes: map[string]Quote{"A": regular(1, nyTime(2024, 3, 20, 11, 0))}}
	r := startPoller(t, prov, []string{"A"}, nil)
	var seenHistory, seenQuotes bool
	r.inbox.waitFor(t, "SettledMsg", func(m any) bool {
		switch m.(type) {
		case HistoryMsg:
			seenHistory = true
		case QuotesMsg:
			seenQuotes = true
		case SettledMsg:
			if !seenHistory || !seenQuotes {
				t.Fatalf("settled before history (%v) and quotes (%v)", seenHistory, seenQuotes)
			}
			return true
		}
		return false
	})
}

// TestSettlerOrders: every order of the first history load and the first
// quote polls settles exactly once, and asks for another poll only when
// the quotes in hand came before the history and none was good.
func TestSettlerOrders(t *testing.T) {
	type step func(*settler) settleVerdict
	start := func(s *settler) settleVerdict { s.pollStarted(); return settleWait }
	endGood := func(s *settler) settleVerdict { return s.pollEnded(true, s.histDone) }
	hist := func(s *settler) settleVerdict { return s.historyEnded() }
	for _, tc := range []struct {
		name  string
		steps []step
		want  []settleVerdict
	}{
		{"history before the first poll starts", []step{hist, start, endGood}, []settleVerdict{settleWait, settleWait, settleNow}},
		{"history while the poll is held", []step{start, hist, endGood}, []settleVerdict{settleWait, settleWait, settleNow}},
		{"poll good, then history", []step{start, endGood, hist}, []settleVerdict{settleWait, settleWait, settleNow}},
	} {
		var s settler
		for i, st := range tc.steps {
			if got := st(&s); got != tc.want[i] {
				t.Errorf("%s: step %d = %v, want %v", tc.name, i, got, tc.want[i])
			}
		}
	}
	// Quotes that all failed before the history: poll again.
	var s settler
	s.pollStarted()
	s.pollEnded(false, false)
	if v := s.historyEnded(); v != settleRepoll {
		t.Errorf("failed quotes before the history: %v, want a repoll", v)
	}
}
