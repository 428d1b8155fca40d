package alerts

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/whoosh-dev/whoosh/config"
)

// maxOutput bounds what a command's output keeps in the log.
const maxOutput = 4096

// Env is the WHOOSH_ALERT_* environment a command receives.
func (e Event) Env() []string {
	f := e.Firing
	test := "0"
	if e.Test {
		test = "1"
	}
	return []string{
		"WHOOSH_ALERT_RULE=" + f.Rule,
		"WHOOSH_ALERT_METRIC=" + f.When.Metric.String(),
		"WHOOSH_ALERT_OP=" + string(f.When.Op),
		"WHOOSH_ALERT_THRESHOLD=" + f.When.Threshold(),
		"WHOOSH_ALERT_VALUE=" + f.Value.String(),
		"WHOOSH_ALERT_UNIT=" + e.Unit(),
		"WHOOSH_ALERT_TIME=" + f.At.UTC().Format(time.RFC3339),
		"WHOOSH_ALERT_MESSAGE=" + e.Message(),
		"WHOOSH_ALERT_TEST=" + test,
	}
}

// exec runs the command (never through a shell) with the event in its
// environment, killing it at the channel's timeout.
func (d *Deliverer) exec(ctx context.Context, n config.Notify, ev Event) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, n.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.Argv[0], n.Argv[1:]...)
	env := d.Env
	if env == nil {
		env = os.Environ()
	}
	cmd.Env = append(append([]string{}, env...), ev.Env()...)
	var out capped
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.WaitDelay = time.Second // a child holding the pipes open does not hold us
	err := cmd.Run()
	switch {
	case ctx.Err() != nil && errors.Is(ctx.Err(), context.DeadlineExceeded):
		err = fmt.Errorf("killed after %s", n.Timeout)
	case err != nil:
		err = fmt.Errorf("%s: %w", n.Argv[0], err)
	}
	return out.String(), err
}

// capped keeps the first maxOutput bytes written to it.
type capped struct {
	mu  sync.Mutex
	buf bytes.Buffer
	cut bool
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := maxOutput - c.buf.Len(); room < len(p) {
		c.buf.Write(p[:max(room, 0)])
		c.cut = true
		return len(p), nil
	}
	return c.buf.Write(p)
}

func (c *capped) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cut {
		return c.buf.String() + "… (" + strconv.Itoa(maxOutput) + " bytes kept)"
	}
	return c.buf.String()
}
