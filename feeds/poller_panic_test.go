package feeds

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// panicky panics on History, like a bug in a provider would.
type panicky struct{}

func (panicky) Name() string { return "panicky" }
func (panicky) History(context.Context, []string, market.Date, market.Date) ([]History, error) {
	panic("boom")
}
func (panicky) Quotes(_ context.Context, syms []string) ([]Quote, error) {
	return make([]Quote, len(syms)), nil
}

func TestPollerHandsPanicsToOnPanic(t *testing.T) {
	got := make(chan string, 1)
	p := NewPoller(panicky{}, func(any) {}, []string{"SPY"})
	p.OnPanic = func(v any, stack []byte) {
		got <- strings.TrimSpace(string(stack))
		_ = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	select {
	case stack := <-got:
		if !strings.Contains(stack, "historyLoop") {
			t.Errorf("stack does not show where it panicked:\n%s", stack)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("OnPanic not called")
	}
	// The poller stops by itself after a panic.
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the panic")
	}
}
