//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package alerts

import (
	"sync"
	"testing"

	"github.com/whoosh-dev/whoosh/config"
)

// TestTwoProcessesFireOnce: two engines on one state directory, each with
// its own Store and so its own lock file handle (flock belongs to the open
// file, so this is what two processes look like), evaluate the same
// crossing at once: exactly one fires, round after round. Without the lock
// both load "armed" before either saves "fired", and both fire.
func TestTwoProcessesFireOnce(t *testing.T) {
	const rounds = 50
	rules := []config.Alert{rule(t, "bits", "whoosh > 60")}
	for round := range rounds {
		dir := t.TempDir()
		// Both start from the same saved state: armed at 55.
		if _, err := NewEngine(rules, NewStore(dir)).Evaluate(whooshAt(55), t0); err != nil {
			t.Fatal(err)
		}
		a, b := NewEngine(rules, NewStore(dir)), NewEngine(rules, NewStore(dir))
		start := make(chan struct{})
		fired := make([]int, 2)
		var wg sync.WaitGroup
		for i, e := range []*Engine{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				evs, err := e.Evaluate(whooshAt(61), t0)
				if err != nil {
					t.Error(err)
				}
				fired[i] = len(evs)
			}()
		}
		close(start)
		wg.Wait()
		if fired[0]+fired[1] != 1 {
			t.Fatalf("round %d: the engines fired %d and %d times, want once between them", round, fired[0], fired[1])
		}
	}
}
