package main

import (
	"io"
	"reflect"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds"
)

// viewerModel is one SSH session's dashboard: the tui model, plus what
// serving it to a stranger needs — a key rate limit and the resync of a
// feed that fell behind the hub.
type viewerModel struct {
	inner tea.Model
	feed  *app.Feed // the feed inner folds into (shared pointer)
	keys  *tokenBucket
}

func (v viewerModel) Init() tea.Cmd { return v.inner.Init() }

func (v viewerModel) View() string { return v.inner.View() }

func (v viewerModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.KeyMsg, tea.MouseMsg:
		if !v.keys.take(time.Now()) {
			return v, nil // over the session's key rate: dropped
		}
	case app.ResyncMsg:
		return v.resync(msg.Feed)
	}
	var cmd tea.Cmd
	v.inner, cmd = v.inner.Update(msg)
	return v, cmd
}

// resync replaces the feed's contents with f (the model keeps its
// pointer) and has the model recompute through a message that restates
// what f already holds: a ConfigMsg when the spec changed (new watchlist
// screens), else the load's progress.
func (v viewerModel) resync(f *app.Feed) (tea.Model, tea.Cmd) {
	specChanged := !reflect.DeepEqual(v.feed.Spec, f.Spec)
	*v.feed = *f
	var restate tea.Msg = feeds.ProgressMsg{Done: f.Loaded, Total: f.Total}
	if specChanged {
		restate = app.ConfigMsg{Spec: f.Spec}
	}
	var cmd tea.Cmd
	v.inner, cmd = v.inner.Update(restate)
	// Undo what restating changed besides the recompute.
	v.feed.Loading, v.feed.ConfigErr = f.Loading, f.ConfigErr
	return v, cmd
}

// tokenBucket limits a session's keys: rate a second, bursts of burst.
// Only the session's Bubble Tea goroutine uses it.
type tokenBucket struct {
	rate, burst, tokens float64
	last                time.Time
}

func newTokenBucket(rate float64, burst int) *tokenBucket {
	return &tokenBucket{rate: rate, burst: float64(burst), tokens: float64(burst)}
}

func (b *tokenBucket) take(now time.Time) bool {
	if b == nil || b.rate <= 0 {
		return true
	}
	if !b.last.IsZero() {
		b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// idleReader is a session's input that remembers when the user last
// typed: the idle timeout counts from there, since the dashboard's own
// output keeps the connection busy.
type idleReader struct {
	r    io.Reader
	last atomic.Int64 // unix nanoseconds
}

func newIdleReader(r io.Reader) *idleReader {
	ir := &idleReader{r: r}
	ir.last.Store(time.Now().UnixNano())
	return ir
}

func (ir *idleReader) Read(p []byte) (int, error) {
	n, err := ir.r.Read(p)
	if n > 0 {
		ir.last.Store(time.Now().UnixNano())
	}
	return n, err
}

// idleFor returns how long ago the user last typed.
func (ir *idleReader) idleFor(now time.Time) time.Duration {
	return now.Sub(time.Unix(0, ir.last.Load()))
}
