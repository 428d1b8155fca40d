package alerts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"time"

	"github.com/whoosh-dev/whoosh/config"
)

// Payload is the JSON body a webhook receives.
type Payload struct {
	Rule      string `json:"rule"`
	Metric    string `json:"metric"`
	Unit      string `json:"unit"`
	Op        string `json:"op"`
	Threshold any    `json:"threshold"` // a number, or a verdict
	Value     any    `json:"value"`     // a number, or a verdict
	Time      string `json:"time"`      // the data's time, RFC 3339
	Message   string `json:"message"`
	Test      bool   `json:"test"`
}

// Payload returns the event's webhook body.
func (e Event) Payload() Payload {
	f := e.Firing
	p := Payload{Rule: f.Rule, Metric: f.When.Metric.String(), Unit: e.Unit(), Op: string(f.When.Op),
		Time: f.At.UTC().Format(time.RFC3339), Message: e.Message(), Test: e.Test}
	if f.Value.Verdict != "" {
		p.Threshold, p.Value = string(f.When.Verdict), string(f.Value.Verdict)
	} else {
		p.Threshold, p.Value = f.When.Value, f.Value.Num
	}
	return p
}

// envRef is ${NAME}: only the braced form is expanded, so a literal $ in
// a header stays as written.
var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

func expandEnv(s string) string {
	return envRef.ReplaceAllStringFunc(s, func(m string) string { return os.Getenv(m[2 : len(m)-1]) })
}

// webhook POSTs the event, retrying network errors, 429 and 5xx with
// doubling backoff. Errors name the host and the status, never the URL's
// path or query nor a header: they may hold secrets.
func (d *Deliverer) webhook(ctx context.Context, n config.Notify, ev Event) (string, error) {
	body, ctype := []byte(ev.Message()), "text/plain; charset=utf-8"
	if n.Format != "text" {
		var err error
		if body, err = json.Marshal(ev.Payload()); err != nil {
			return "", fmt.Errorf("webhook: %w", err)
		}
		ctype = "application/json"
	}
	client := d.HTTP
	if client == nil {
		client = &http.Client{}
	}
	backoff := d.Backoff
	if backoff <= 0 {
		backoff = 500 * time.Millisecond
	}
	var last error
	attempts := 0
	for attempt := 0; attempt <= n.Retries; attempt++ {
		attempts++
		if attempt > 0 {
			select {
			case <-ctx.Done():
				return "", fmt.Errorf("webhook: %v (gave up: %v)", last, ctx.Err())
			case <-time.After(backoff << (attempt - 1)):
			}
		}
		status, err := post(ctx, client, n, body, ctype)
		if err == nil && status < 300 {
			return fmt.Sprintf("HTTP %d", status), nil
		}
		if err == nil {
			last = fmt.Errorf("HTTP %d", status)
			if status != http.StatusTooManyRequests && status < 500 {
				break // the receiver refuses: retrying will not help
			}
		} else {
			last = err
		}
		if ctx.Err() != nil {
			break
		}
	}
	return "", fmt.Errorf("webhook: %v after %d attempt(s)", last, attempts)
}

func post(ctx context.Context, client *http.Client, n config.Notify, body []byte, ctype string) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, n.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.URL, bytes.NewReader(body))
	if err != nil {
		return 0, errors.New("bad URL")
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("User-Agent", "whoosh-alerts")
	for k, v := range n.Headers {
		req.Header.Set(k, expandEnv(v))
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // drop the URL: it may carry a token
		}
		if ctx.Err() != nil {
			return 0, fmt.Errorf("no answer within %s", n.Timeout)
		}
		return 0, err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return resp.StatusCode, nil
}
