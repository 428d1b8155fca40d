package app

import (
	"context"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// DefaultViewerQueue is how many messages a viewer may have waiting
// before it is considered behind (see Hub).
const DefaultViewerQueue = 256

// ResyncMsg replaces a viewer's feed: the viewer fell too far behind, and
// its backlog was dropped for a copy of the hub's feed that already holds
// it. The viewer owns Feed.
type ResyncMsg struct{ Feed *Feed }

// Hub runs one Stream for many viewers (the SSH dashboards of whoosh
// serve): it folds every message into its own Feed, which new viewers
// start from and metrics are computed on, and forwards each message to
// every viewer through that viewer's queue. The stream never waits for a
// viewer: a viewer whose queue is full gets a ResyncMsg instead of the
// backlog once it catches up.
type Hub struct {
	stream *Stream
	queue  int

	mu      sync.Mutex // orders folding, forwarding and subscribing
	feed    *Feed
	viewers map[*viewer]struct{}
	seq     uint64 // messages folded so far
}

type viewer struct {
	send   func(any)
	ch     chan any
	lag    chan struct{} // signalled once when the queue overflows
	done   chan struct{}
	behind bool // under Hub.mu: messages are dropped until the resync
}

// NewHub returns the hub for s with viewer queues of queue messages (0:
// DefaultViewerQueue). Set the stream's options (Watch, OnPanic) through
// Stream before Run.
func (s *Session) NewHub(queue int) *Hub {
	if queue <= 0 {
		queue = DefaultViewerQueue
	}
	h := newHub(s.NewFeed(), queue)
	h.stream = s.Stream(h.deliver)
	return h
}

func newHub(feed *Feed, queue int) *Hub {
	return &Hub{queue: queue, feed: feed, viewers: map[*viewer]struct{}{}}
}

// Stream returns the hub's one stream.
func (h *Hub) Stream() *Stream { return h.stream }

// Run runs the stream until ctx is done (see Stream.Run).
func (h *Hub) Run(ctx context.Context) { h.stream.Run(ctx) }

// Refresh asks the shared poller for quotes now: every viewer's r lands
// here, and the poller coalesces presses that arrive while it is busy.
func (h *Hub) Refresh() { h.stream.Refresh() }

// deliver folds msg and queues it for every viewer. It never blocks.
func (h *Hub) deliver(msg any) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.feed.Apply(msg)
	h.feed.Refreshed, h.feed.RefreshNote = false, "" // shown by the viewers, not here
	h.seq++
	for v := range h.viewers {
		if v.behind {
			continue
		}
		select {
		case v.ch <- msg:
		default:
			v.behind = true
			v.lag <- struct{}{} // buffered 1 and sent once per overflow
		}
	}
}

// Subscribe adds a viewer: it returns the viewer's own copy of the feed as
// it stands, and from then on every message is passed to send, in order,
// from a goroutine of the viewer's own (send may block: only this viewer
// waits). unsubscribe stops the deliveries; it does not wait for a send
// in progress.
func (h *Hub) Subscribe(send func(any)) (feed *Feed, unsubscribe func()) {
	v := &viewer{send: send, ch: make(chan any, h.queue), lag: make(chan struct{}, 1), done: make(chan struct{})}
	h.mu.Lock()
	feed = h.feed.Clone()
	h.viewers[v] = struct{}{}
	h.mu.Unlock()
	go h.pump(v)
	var once sync.Once
	return feed, func() {
		once.Do(func() {
			h.mu.Lock()
			delete(h.viewers, v)
			h.mu.Unlock()
			close(v.done)
		})
	}
}

// pump delivers a viewer's queue. After an overflow it drops what is
// queued and sends a copy of the hub's feed taken at the same point, so
// the messages queued after it apply on top.
func (h *Hub) pump(v *viewer) {
	for {
		select {
		case <-v.done:
			return
		case msg := <-v.ch:
			v.send(msg)
		case <-v.lag:
			h.mu.Lock()
			for len(v.ch) > 0 {
				<-v.ch
			}
			f := h.feed.Clone()
			v.behind = false
			h.mu.Unlock()
			v.send(ResyncMsg{Feed: f})
		}
	}
}

// Viewers returns the number of subscribed viewers.
func (h *Hub) Viewers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.viewers)
}

// State computes the hub's feed for window at now (Feed.State), for
// metrics and headless readers.
func (h *Hub) State(w market.Window, now time.Time) ui.State {
	h.mu.Lock()
	f := h.feed.Clone()
	h.mu.Unlock()
	return f.State(w, now) // outside the lock: the stream is never held up by a scrape
}

// Complete reports whether the hub's feed has its first complete load.
func (h *Hub) Complete() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.feed.Complete()
}
