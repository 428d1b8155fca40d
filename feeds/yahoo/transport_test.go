package yahoo

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/httpx"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// TestErrorBodyOSC52: an escape sequence in a provider's error text goes
// whole; nothing of it ("]52;c;…") reaches the message.
func TestErrorBodyOSC52(t *testing.T) {
	p, srv, _ := newTest(t)
	srv.Push(yahootest.EndpointChart, yahootest.Fault{Status: 400, Body: "\x1b]52;c;ZXZpbA==\x07Bad\tRequest\x1b[2J", ContentType: "text/plain"})
	hs, _ := p.History(context.Background(), []string{"TSLA"}, jan2, jan8)
	var he *feeds.HTTPError
	if !errors.As(hs[0].Err, &he) {
		t.Fatalf("err %v, want an HTTPError", hs[0].Err)
	}
	if he.Message != "Bad Request" {
		t.Errorf("message %q, want %q", he.Message, "Bad Request")
	}
	if m := hs[0].Err.Error(); strings.Contains(m, "52;") || strings.Contains(m, "ZXZp") || strings.ContainsAny(m, "\x1b\x07") {
		t.Errorf("residue of the escape sequence in %q", m)
	}
}

// TestWrongBase: a base URL at a server that is not Yahoo (404 to
// everything, as an unrelated web server answers) reads as that, in words,
// not as "unknown symbol" for every symbol.
func TestWrongBase(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler()) // "404 page not found", text/plain
	defer srv.Close()
	p := New(Options{BaseURL: srv.URL, HTTP: httpx.Options{RatePerSec: -1, Timeout: 30 * time.Second}})
	ctx := context.Background()

	_, err := p.Quotes(ctx, []string{"TSLA", "GM"})
	want := "Yahoo at " + srv.URL + " answered 404 to the crumb request: is WHOOSH_YAHOO_BASE right?"
	if !errors.Is(err, ErrWrongBase) || !errors.Is(err, ErrSession) || !strings.Contains(err.Error(), want) {
		t.Errorf("quotes: %v; want ErrWrongBase saying %q", err, want)
	}

	hs, err := p.History(ctx, []string{"TSLA", "GM"}, jan2, jan8)
	want = "Yahoo at " + srv.URL + " answered 404 to the chart request with a page that is not Yahoo's: is WHOOSH_YAHOO_BASE right?"
	if !errors.Is(err, ErrWrongBase) || !strings.Contains(err.Error(), want) {
		t.Errorf("history: %v; want ErrWrongBase saying %q", err, want)
	}
	for _, h := range hs {
		if errors.Is(h.Err, feeds.ErrUnknownSymbol) {
			t.Errorf("%s: %v; a server that is not Yahoo does not make a symbol unknown", h.Symbol, h.Err)
		}
	}

	// Yahoo's own 404 still means an unknown symbol.
	yp, ysrv, _ := newTest(t)
	ysrv.Push(yahootest.EndpointChart, yahootest.Status(404))
	hs, _ = yp.History(ctx, []string{"TSLA"}, jan2, jan8)
	if !errors.Is(hs[0].Err, feeds.ErrUnknownSymbol) || errors.Is(hs[0].Err, ErrWrongBase) {
		t.Errorf("Yahoo's 404: %v, want unknown symbol", hs[0].Err)
	}
}
