package faults

import (
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// warmGuard fails a warm run over a stalled Yahoo that takes far longer
// than RELIABILITY.md's outage bound (one 10 s attempt timeout per host,
// ≤ 20 s). It is a failure guard on a shared machine, not a timing
// assertion: the measured time is logged.
const warmGuard = 60 * time.Second

// hangingServer returns the URL of a listener that accepts connections
// and never answers (nor reads).
func hangingServer(t *testing.T, _ *yahootest.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String()
}

// drippingServer returns the URL of a server that answers every request
// 200 with JSON headers at once, then one byte of body a second, forever.
func drippingServer(t *testing.T, _ *yahootest.Server) string {
	t.Helper()
	done := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			if _, err := w.Write([]byte(" ")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-tick.C:
			case <-r.Context().Done():
				return
			case <-done:
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(done) }) // runs first: handlers return, Close does not wait
	return srv.URL
}

// stallRows are the outage rows of the fault matrix: Yahoo accepts and
// never answers, or drips its answer. Cold, a plain yahoo source fails in
// words; warm, the cache answers within the outage bound.
var stallRows = []fault{
	{name: "hangs", yahoo: hangingServer, coldCode: 1, warn: "did not answer within 10s", warmBound: warmGuard},
	{name: "drips 1 byte/s", yahoo: drippingServer, coldCode: 1, warn: "did not finish its answer within 10s", warmBound: warmGuard},
}
