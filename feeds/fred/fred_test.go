package fred

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/market"
)

// fakeFRED serves canned responses by series ID and records the request
// paths it saw.
type fakeFRED struct {
	mu    sync.Mutex
	paths []string
	serve map[string]func(w http.ResponseWriter)
}

func (f *fakeFRED) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.paths = append(f.paths, r.URL.RequestURI())
	f.mu.Unlock()
	if r.URL.Path != "/graph/fredgraph.csv" {
		http.NotFound(w, r)
		return
	}
	h, ok := f.serve[r.URL.Query().Get("id")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h(w)
}

func csvBody(s string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/csv")
		w.Write([]byte(s))
	}
}

func newFake(t *testing.T, serve map[string]func(w http.ResponseWriter)) (*fakeFRED, *Client) {
	t.Helper()
	f := &fakeFRED{serve: serve}
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	return f, New(srv.Client(), srv.URL+"/")
}

func TestSeries(t *testing.T) {
	ref, err := os.ReadFile("testdata/UNRATE-2026-03-observation_date-header.csv")
	if err != nil {
		t.Fatal(err)
	}
	fake, c := newFake(t, map[string]func(http.ResponseWriter){
		"UNRATE":   csvBody(string(ref)),
		"FEDFUNDS": csvBody("observation_date,FEDFUNDS\n2024-01-01,5.33\n2024-02-01,.\n"),
		"BOOM": func(w http.ResponseWriter) {
			http.Error(w, "<html>oops</html>", http.StatusInternalServerError)
		},
		"SLOW": func(w http.ResponseWriter) {
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusTooManyRequests)
		},
		"HTMLTYPE": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte("observation_date,HTMLTYPE\n"))
		},
		"HTMLBODY": csvBody("\n  <!DOCTYPE html><html><title>FRED</title></html>"),
		"GARBAGE":  csvBody("observation_date,GARBAGE\n2024-01-01,3.7\n2024-02-01,oops\n"),
		"EMPTY":    csvBody("observation_date,EMPTY\n"),
		"WRONG":    csvBody("observation_date,UNRATE\n2024-01-01,3.7\n"),
		"HUGE": func(w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/csv")
			w.Write([]byte("observation_date,HUGE\n"))
			line := []byte("2024-01-01,1\n")
			for n := 0; n <= MaxBody; n += len(line) {
				w.Write(line)
			}
		},
	})

	tests := []struct {
		id      string
		wantN   int
		wantErr error  // errors.Is target, nil for success
		msg     string // substring of the error
	}{
		{"UNRATE", 937, nil, ""},
		{"FEDFUNDS", 1, nil, ""},
		{"BOOM", 0, nil, "fred BOOM: HTTP 500"},
		{"SLOW", 0, nil, "fred SLOW: HTTP 429"},
		{"HTMLTYPE", 0, ErrNotCSV, "fred HTMLTYPE: not a CSV response: got an HTML page"},
		{"HTMLBODY", 0, ErrNotCSV, "got an HTML page"},
		{"GARBAGE", 0, ErrNotCSV, `GARBAGE.csv:3: bad value "oops"`},
		{"EMPTY", 0, feeds.ErrNoData, "fred EMPTY: no data"},
		{"WRONG", 0, ErrNotCSV, `series column is "UNRATE", want WRONG`},
		{"HUGE", 0, ErrTooLarge, "over 4 MiB"},
		{"MISSING", 0, nil, "HTTP 404"},
		{"unrate", 0, feeds.ErrUnknownSymbol, `fred "unrate": unknown symbol`},
		{"A&B=C", 0, feeds.ErrUnknownSymbol, "unknown symbol"},
		{strings.Repeat("A", 41), 0, feeds.ErrUnknownSymbol, "unknown symbol"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			obs, err := c.Series(context.Background(), tt.id)
			if tt.msg == "" {
				if err != nil {
					t.Fatal(err)
				}
				if len(obs) != tt.wantN {
					t.Fatalf("got %d observations, want %d", len(obs), tt.wantN)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("err = %v, want containing %q", err, tt.msg)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("err = %v, want wrapping %v", err, tt.wantErr)
			}
			if obs != nil {
				t.Errorf("observations returned with error")
			}
		})
	}

	// Status errors are typed for the caller's fallback logic.
	_, err = c.Series(context.Background(), "BOOM")
	var herr *feeds.HTTPError
	if !errors.As(err, &herr) || herr.Status != 500 || !strings.HasSuffix(herr.URL, "/graph/fredgraph.csv?id=BOOM") {
		t.Errorf("BOOM: err = %#v, want *feeds.HTTPError 500 with the URL", err)
	}
	_, err = c.Series(context.Background(), "SLOW")
	var rerr *feeds.RateLimitError
	if !errors.As(err, &rerr) || rerr.RetryAfter != 120*time.Second {
		t.Errorf("SLOW: err = %v, want *feeds.RateLimitError 2m", err)
	}
	if !errors.As(err, &herr) || herr.Status != 429 {
		t.Errorf("SLOW: err = %v, want also *feeds.HTTPError 429", err)
	}

	// The base's trailing slash is dropped and the ID is sent as is.
	fake.mu.Lock()
	first := fake.paths[0]
	fake.mu.Unlock()
	if first != "/graph/fredgraph.csv?id=UNRATE" {
		t.Errorf("first request %q, want /graph/fredgraph.csv?id=UNRATE", first)
	}
}

func TestFetch(t *testing.T) {
	fake, c := newFake(t, map[string]func(http.ResponseWriter){
		"UNRATE":        csvBody("observation_date,UNRATE\n2024-01-01,3.7\n"),
		"CES7072200001": csvBody("observation_date,CES7072200001\n2024-01-01,12345.6\n2024-02-01,12350.1\n"),
		"FEDFUNDS":      func(w http.ResponseWriter) { w.WriteHeader(http.StatusBadGateway) },
	})
	res := c.Fetch(context.Background(), []string{"UNRATE", "FEDFUNDS", "CES7072200001"})
	if len(res) != 3 {
		t.Fatalf("got %d results, want 3", len(res))
	}
	if res[0].ID != "UNRATE" || res[0].Err != nil || len(res[0].Obs) != 1 || res[0].Obs[0].Value != 3.7 {
		t.Errorf("UNRATE result %+v", res[0])
	}
	var herr *feeds.HTTPError
	if res[1].ID != "FEDFUNDS" || !errors.As(res[1].Err, &herr) || herr.Status != 502 || res[1].Obs != nil {
		t.Errorf("FEDFUNDS result %+v, want HTTP 502", res[1])
	}
	if res[2].ID != "CES7072200001" || res[2].Err != nil || len(res[2].Obs) != 2 || res[2].Obs[1] != (market.Observation{Date: d("2024-02-01"), Value: 12350.1}) {
		t.Errorf("CES7072200001 result %+v", res[2])
	}

	// A cancelled context fails every series without a request.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fake.mu.Lock()
	before := len(fake.paths)
	fake.mu.Unlock()
	res = c.Fetch(ctx, []string{"UNRATE", "FEDFUNDS"})
	for _, r := range res {
		if !errors.Is(r.Err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", r.ID, r.Err)
		}
	}
	fake.mu.Lock()
	after := len(fake.paths)
	fake.mu.Unlock()
	if after != before {
		t.Errorf("%d requests after cancel, want 0", after-before)
	}
}

func TestNewBase(t *testing.T) {
	t.Setenv(BaseEnv, "http://127.0.0.1:9/")
	if got := New(nil, "").URL("UNRATE"); got != "http://127.0.0.1:9/graph/fredgraph.csv?id=UNRATE" {
		t.Errorf("with %s set: URL = %q", BaseEnv, got)
	}
	if got := New(nil, "http://x").URL("UNRATE"); got != "http://x/graph/fredgraph.csv?id=UNRATE" {
		t.Errorf("explicit base: URL = %q", got)
	}
	t.Setenv(BaseEnv, "")
	if got := New(nil, "").URL("FEDFUNDS"); got != "https://fred.stlouisfed.org/graph/fredgraph.csv?id=FEDFUNDS" {
		t.Errorf("default: URL = %q", got)
	}
}

func TestValidID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"UNRATE", true}, {"CES7072200001", true}, {"T10Y2Y", true}, {"A_B", true},
		{strings.Repeat("Z", 40), true}, {strings.Repeat("Z", 41), false},
		{"", false}, {"unrate", false}, {"UN RATE", false}, {"UNRATE&x=1", false}, {"ÜNRATE", false}, {"../x", false},
	}
	for _, tt := range tests {
		if got := ValidID(tt.id); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

func TestSeriesHonoursContext(t *testing.T) {
	started := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-r.Context().Done() // hang until the client gives up
	}))
	defer srv.Close()
	c := New(srv.Client(), srv.URL)

	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	obs, err := c.Series(ctx, "UNRATE")
	if !errors.Is(err, context.Canceled) || obs != nil {
		t.Fatalf("got %v, %v; want context.Canceled", obs, err)
	}
	if !strings.HasPrefix(err.Error(), "fred UNRATE: ") {
		t.Errorf("err = %q, want the series named", err)
	}
}

func TestSeriesTruncatedBody(t *testing.T) {
	// The server promises more bytes than it sends, then hangs up.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "1000")
		w.Write([]byte("observation_date,UNRATE\n2024-01-01,3.7\n"))
	}))
	defer srv.Close()
	_, err := New(srv.Client(), srv.URL).Series(context.Background(), "UNRATE")
	if err == nil || !strings.Contains(err.Error(), "fred UNRATE: reading body:") {
		t.Fatalf("err = %v, want a body read error", err)
	}
}

// TestRetryAfterCappedAndOverflowSafe: FRED's Retry-After goes through
// httpx's one parser, so a huge wait is capped and one too large for any
// integer does not wrap ("retry in 106751d" before).
func TestRetryAfterCappedAndOverflowSafe(t *testing.T) {
	for header, want := range map[string]time.Duration{
		"9223372036":           httpx.MaxRetryAfter,
		"99999999999999999999": httpx.MaxRetryAfter,
		"120":                  120 * time.Second,
		"soon":                 0,
	} {
		_, c := newFake(t, map[string]func(http.ResponseWriter){
			"UNRATE": func(w http.ResponseWriter) {
				w.Header().Set("Retry-After", header)
				w.WriteHeader(http.StatusTooManyRequests)
			},
		})
		_, err := c.Series(context.Background(), "UNRATE")
		var rerr *feeds.RateLimitError
		if !errors.As(err, &rerr) || rerr.RetryAfter != want {
			t.Errorf("Retry-After %q: err %v, want a RateLimitError of %v", header, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "106751d") {
			t.Errorf("Retry-After %q: %v", header, err)
		}
	}
}
