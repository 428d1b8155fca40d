package faults

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// TestSnapshotSignal stops a snapshot that is waiting on a slow Yahoo and
// checks that it exits at once and leaves no -o file, finished or partial.
func TestSnapshotSignal(t *testing.T) {
	fred := fakeFRED(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			srv := yahootest.New(t)
			srv.Always(yahootest.EndpointChart, yahootest.Slow(time.Minute))
			e := newEnv(t, srv.URL(), fred.URL, smallConfig)
			outDir := filepath.Join(e.root, "out")
			if err := os.Mkdir(outDir, 0o700); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(binary, "snapshot", "--source", "yahoo", "--format", "json", "-o", filepath.Join(outDir, "snap.json"))
			cmd.Env, cmd.Dir = e.environ(), e.root
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			// Wait until the run is blocked on a chart request.
			for deadline := time.Now().Add(10 * time.Second); srv.Count(yahootest.EndpointChart) == 0; {
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("no chart request within 10s")
				}
				time.Sleep(10 * time.Millisecond)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			select {
			case <-done:
			case <-time.After(15 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("still running 15s after %v", sig)
			}
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if !ws.Signaled() && cmd.ProcessState.ExitCode() == 0 {
				t.Errorf("exit 0 after %v with no output written", sig)
			}
			ents, err := os.ReadDir(outDir)
			if err != nil {
				t.Fatal(err)
			}
			for _, de := range ents {
				t.Errorf("left %s in the -o directory", de.Name())
			}
			for _, bad := range []string{"panic:", "goroutine "} {
				if strings.Contains(stderr.String(), bad) {
					t.Errorf("stderr holds %q:\n%s", bad, stderr.String())
				}
			}
			readCache(t, e.cache) // whatever was written parses
		})
	}
}
