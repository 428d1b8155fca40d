package alerts

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/gen2brain/beeep"

	"github.com/whoosh-dev/whoosh/config"
)

// Outcome is how one channel took an event: the Alerts log's line.
type Outcome struct {
	Channel string // "webhook ntfy.example", "exec notify-team", "desktop"
	OK      bool
	Detail  string // "delivered", "HTTP 500 after 3 attempts", "exit status 1"
	Output  string // exec: what the command printed (bounded)
}

// Delivered is an event with the outcome of each of its channels.
type Delivered struct {
	Event
	Outcomes []Outcome
}

// Deliverer sends events to their channels. The zero value is usable: the
// bell rings on nothing, the desktop is beeep's.
type Deliverer struct {
	Bell    io.Writer                         // where the bell (BEL) goes; nil: nowhere
	Desktop func(title, message string) error // nil: beeep.Notify
	HTTP    *http.Client                      // nil: a client without a timeout (each attempt has its own)
	Env     []string                          // base environment of exec commands; nil: the process's
	Backoff time.Duration                     // first webhook retry delay (doubles); 0: 500ms
}

// desktopTimeout bounds a desktop notification: beeep cannot be cancelled,
// so a stuck D-Bus is abandoned, not waited for.
const desktopTimeout = 10 * time.Second

// Deliver sends ev to each of its channels at once and returns when every
// channel has finished or given up (each within its timeout, or when ctx
// ends).
func (d *Deliverer) Deliver(ctx context.Context, ev Event) Delivered {
	out := Delivered{Event: ev, Outcomes: make([]Outcome, len(ev.Notify))}
	var wg sync.WaitGroup
	for i, n := range ev.Notify {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o := Outcome{Channel: n.String(), OK: true, Detail: "delivered"}
			var err error
			switch n.Kind {
			case config.NotifyScreen:
				o.Detail = "shown"
			case config.NotifyBell:
				if d.Bell != nil {
					_, err = io.WriteString(d.Bell, "\a")
				}
			case config.NotifyDesktop:
				err = d.desktop(ctx, ev)
			case config.NotifyExec:
				o.Output, err = d.exec(ctx, n, ev)
			case config.NotifyWebhook:
				o.Detail, err = d.webhook(ctx, n, ev)
			default:
				err = fmt.Errorf("unknown channel %q", n.Kind)
			}
			if err != nil {
				o.OK, o.Detail = false, err.Error()
			}
			out.Outcomes[i] = o
		}()
	}
	wg.Wait()
	return out
}

func (d *Deliverer) desktop(ctx context.Context, ev Event) error {
	notify := d.Desktop
	if notify == nil {
		beeep.AppName = "whoosh"
		notify = func(title, msg string) error { return beeep.Notify(title, msg, "") }
	}
	done := make(chan error, 1)
	go func() { done <- notify("whoosh: "+ev.Firing.Rule, ev.Message()) }()
	ctx, cancel := context.WithTimeout(ctx, desktopTimeout)
	defer cancel()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("no desktop notifications here (%v)", err)
		}
		return nil
	case <-ctx.Done():
		return fmt.Errorf("desktop notification: no answer within %s", desktopTimeout)
	}
}
