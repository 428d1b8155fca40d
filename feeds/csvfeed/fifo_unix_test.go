//go:build unix

package csvfeed

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A FIFO named like a CSV file must be refused, not opened: opening it
// would block until some writer appeared.
func TestHistoryRefusesFIFO(t *testing.T) {
	p, dir := fixture(t, nil)
	if err := syscall.Mkfifo(filepath.Join(dir, "PIPE.csv"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	hs, err := p.History(ctx, []string{"PIPE"}, day("2024-01-01"), day("2024-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	if hs[0].Err == nil || !strings.Contains(hs[0].Err.Error(), "not a regular file") {
		t.Errorf("PIPE: %v, want not a regular file", hs[0].Err)
	}
}
