package app

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
)

// foldingViewer folds what a hub sends, as the dashboard does: messages
// into its feed, a resync replacing it.
type foldingViewer struct {
	mu      sync.Mutex
	feed    *Feed
	resyncs int
	got     int
}

func (v *foldingViewer) send(msg any) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if r, ok := msg.(ResyncMsg); ok {
		v.feed, v.resyncs = r.Feed, v.resyncs+1
		return
	}
	v.feed.Apply(msg)
	v.got++
}

func (v *foldingViewer) quotes() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.feed.Data.Quotes)
}

func quoteMsg(i int) feeds.QuotesMsg {
	return feeds.QuotesMsg{Quotes: []feeds.Quote{{Symbol: fmt.Sprintf("S%d", i), Price: float64(i)}}}
}

// waitFor polls cond; the timeout only guards against a hang.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// TestHubFansOut: every viewer folds every message into a feed of its
// own; a late viewer starts from a copy of what the hub holds, and a
// viewer's changes never reach the hub.
func TestHubFansOut(t *testing.T) {
	h := newHub(NewFeed(config.Default().Spec(), FeedOptions{}), 0)
	var vs [3]*foldingViewer
	for i := range 2 {
		vs[i] = &foldingViewer{}
		f, unsub := h.Subscribe(vs[i].send)
		defer unsub()
		vs[i].mu.Lock()
		vs[i].feed = f
		vs[i].mu.Unlock()
	}
	for i := range 10 {
		h.deliver(quoteMsg(i))
	}
	for i := range 2 {
		waitFor(t, fmt.Sprintf("viewer %d", i), func() bool { return vs[i].quotes() == 10 })
	}
	f, unsub := h.Subscribe(func(any) {})
	defer unsub()
	if len(f.Data.Quotes) != 10 {
		t.Fatalf("late viewer starts with %d quotes, want 10", len(f.Data.Quotes))
	}
	f.Apply(quoteMsg(99))
	h.mu.Lock()
	got := len(h.feed.Data.Quotes)
	h.mu.Unlock()
	if got != 10 {
		t.Errorf("hub has %d quotes after a viewer folded its own, want 10", got)
	}
	if n := h.Viewers(); n != 3 {
		t.Errorf("Viewers() = %d, want 3", n)
	}
	unsub()
	if n := h.Viewers(); n != 2 {
		t.Errorf("Viewers() = %d after unsubscribe, want 2", n)
	}
}

// TestHubSlowViewer: a viewer that does not read never holds up the
// stream or the other viewers; once it reads again it gets one copy of
// the feed instead of the backlog, and then the messages after it.
func TestHubSlowViewer(t *testing.T) {
	h := newHub(NewFeed(config.Default().Spec(), FeedOptions{}), 4)
	fast, slow := &foldingViewer{}, &foldingViewer{}
	gate := make(chan struct{})
	// inHand closes when the slow viewer holds its first message, so the
	// overflow below happens exactly once whatever the scheduler does (a
	// pump that starts late would otherwise overflow, resync, and overflow
	// again).
	inHand := make(chan struct{})
	var once, holding sync.Once
	for _, v := range []*foldingViewer{fast, slow} {
		f, unsub := h.Subscribe(func(msg any) {
			if v == slow {
				holding.Do(func() { close(inHand) })
				<-gate
			}
			v.send(msg)
		})
		defer unsub()
		v.mu.Lock()
		v.feed = f
		v.mu.Unlock()
	}
	defer once.Do(func() { close(gate) })
	delivered := make(chan struct{})
	go func() {
		defer close(delivered)
		for i := range 100 {
			h.deliver(quoteMsg(i))
			if i == 0 {
				<-inHand
			}
			// Paced by the fast viewer, so only the slow one falls behind.
			for fast.quotes() < i+1 {
				time.Sleep(time.Microsecond)
			}
		}
	}()
	select {
	case <-delivered:
	case <-time.After(10 * time.Second):
		t.Fatal("the hub blocked on a slow viewer")
	}
	waitFor(t, "the fast viewer", func() bool { return fast.quotes() == 100 })
	once.Do(func() { close(gate) })
	waitFor(t, "the slow viewer's resync", func() bool { return slow.quotes() == 100 })
	h.deliver(quoteMsg(100))
	waitFor(t, "the message after the resync", func() bool { return slow.quotes() == 101 })
	// Each viewer has its own queue: the fast one's copy may still be on
	// its way.
	waitFor(t, "the fast viewer's last message", func() bool { return fast.quotes() == 101 })
	slow.mu.Lock()
	defer slow.mu.Unlock()
	fast.mu.Lock()
	defer fast.mu.Unlock()
	if slow.resyncs != 1 || slow.got > 4+1+1 {
		t.Errorf("slow viewer: %d resyncs and %d messages, want 1 resync and at most the queue's 4 (+1 in hand, +1 after)", slow.resyncs, slow.got)
	}
	if fast.resyncs != 0 || fast.got != 101 {
		t.Errorf("fast viewer: %d resyncs, %d messages; want 0 and 101", fast.resyncs, fast.got)
	}
}

// TestFeedClone: a clone folds independently of its original.
func TestFeedClone(t *testing.T) {
	f := NewFeed(config.Default().Spec(), FeedOptions{})
	f.Apply(quoteMsg(1))
	f.Apply(WarningMsg{Text: "disk full"})
	c := f.Clone()
	c.Apply(quoteMsg(2))
	c.Apply(WarningMsg{Text: "other"})
	if len(f.Data.Quotes) != 1 || f.warn["cache"] != "disk full" {
		t.Errorf("original changed by its clone: %d quotes, warning %q", len(f.Data.Quotes), f.warn["cache"])
	}
	if len(c.Data.Quotes) != 2 {
		t.Errorf("clone has %d quotes, want 2", len(c.Data.Quotes))
	}
}
