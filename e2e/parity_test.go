package e2e

import (
	"context"
	"math"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/whoosh-dev/whoosh/app"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/ui"
	"github.com/whoosh-dev/whoosh/ui/snapshot"
	"github.com/whoosh-dev/whoosh/ui/tui"
)

// TestDashboardMatchesSnapshot is issue 13's one-road check: on the same
// environment, the dashboard (in this process, driven through teatest) and
// the snapshot (the built binary) show identical figures — basket indices,
// RS and spread, the gap, the Whoosh score and each leg — for the demo,
// CSV files, a live fake Yahoo, that Yahoo down with a warm cache, and the
// offline fallback to the demo.
func TestDashboardMatchesSnapshot(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, e *env) app.Options
	}{
		{"demo", func(t *testing.T, e *env) app.Options {
			return app.Options{Source: "demo", AsOf: "2025-06-30"}
		}},
		{"csv", func(t *testing.T, e *env) app.Options {
			return app.Options{Source: "csv:" + writeCSVDir(t)}
		}},
		{"yahoo live", func(t *testing.T, e *env) app.Options {
			y, f := fakes(t, e)
			_, _ = y, f
			return app.Options{Source: "yahoo"}
		}},
		{"yahoo down, warm cache", func(t *testing.T, e *env) app.Options {
			y, f := fakes(t, e)
			e.mustRun(0, "snapshot", "--source", "yahoo", "--format", "json")
			for _, ep := range []yahootest.Endpoint{yahootest.EndpointCookie, yahootest.EndpointCrumb, yahootest.EndpointQuote, yahootest.EndpointChart} {
				y.Always(ep, yahootest.Status(500))
			}
			f.fail(500)
			return app.Options{Source: "auto"}
		}},
		{"offline fallback", func(t *testing.T, e *env) app.Options {
			return app.Options{Source: "auto"}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			o := tc.setup(t, e)
			args := []string{"snapshot", "--format", "json", "--source", o.Source}
			if o.AsOf != "" {
				args = append(args, "--asof", o.AsOf)
			}
			doc := decodeDoc(t, e.mustRun(0, args...).stdout)
			st := dashboardState(t, e, o)
			compareFigures(t, doc, st)
		})
	}
}

// fakes starts a fake Yahoo and FRED for e.
func fakes(t *testing.T, e *env) (*yahootest.Server, *fakeFRED) {
	y := yahootest.New(t)
	f := newFakeFRED(t)
	e.set("WHOOSH_YAHOO_BASE", y.URL())
	e.set("WHOOSH_FRED_BASE", f.srv.URL)
	return y, f
}

// dashboardState runs the dashboard on e's environment until its first
// complete load, quits, and returns the state it showed.
func dashboardState(t *testing.T, e *env, o app.Options) ui.State {
	t.Helper()
	for _, kv := range e.environ() {
		k, v, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "WHOOSH_") || strings.HasPrefix(k, "XDG_") || k == "HOME" {
			t.Setenv(k, v)
		}
	}
	os.Unsetenv("WHOOSH_CONFIG")
	s, err := app.Open(o)
	if err != nil {
		t.Fatal(err)
	}
	var tm *teatest.TestModel
	complete := make(chan struct{})
	shadow := s.NewFeed() // folds the same messages, to know when the load is complete
	var mu sync.Mutex     // the stream sends from several goroutines
	stream := s.Stream(func(m any) {
		mu.Lock()
		defer mu.Unlock()
		tm.Send(m)
		if shadow.Apply(m); shadow.Complete() {
			select {
			case <-complete:
			default:
				close(complete)
			}
		}
	})
	tm = teatest.NewTestModel(t, tui.New(tui.Options{Feed: s.NewFeed(), Window: s.Window, OnRefresh: stream.Refresh}),
		teatest.WithInitialTermSize(120, 40))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { stream.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	select {
	case <-complete:
	case <-time.After(60 * time.Second):
		t.Fatal("the dashboard's first load did not complete within 60s")
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'q'}})
	return tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(tui.Model).State()
}

// compareFigures checks every shared figure of the snapshot's document
// against the dashboard's state, to the last digit the JSON carries.
func compareFigures(t *testing.T, doc snapshot.Document, st ui.State) {
	t.Helper()
	r := st.Report
	last := func(v []float64) float64 {
		if len(v) == 0 {
			return math.NaN()
		}
		return v[len(v)-1]
	}
	figures := []struct {
		name        string
		json, state float64
	}{
		{"bits index", float64(doc.Baskets.Bits.Index), last(r.Bits.Index)},
		{"atoms index", float64(doc.Baskets.Atoms.Index), last(r.Atoms.Index)},
		{"RS", float64(doc.RS.Last), r.RS.Last},
		{"spread", float64(doc.RS.SpreadPP), r.RS.SpreadPP},
		{"TSLA cap", float64(doc.Gap.Tesla.MarketCap), r.Gap.TeslaCap},
		{"TSLA/GM", float64(doc.Gap.Ratios.First), r.Gap.RatioFirst},
		{"TSLA/(GM+F)", float64(doc.Gap.Ratios.All), r.Gap.RatioAll},
		{"Whoosh score", float64(doc.Whoosh.Score), r.Whoosh.Score},
	}
	for i, c := range doc.Whoosh.Components {
		figures = append(figures, struct {
			name        string
			json, state float64
		}{"leg " + c.Key, float64(c.Points), r.Whoosh.Components[i].Points})
	}
	for _, f := range figures {
		if math.IsNaN(f.json) && math.IsNaN(f.state) {
			// The same absence on both sides (CSV files have no market
			// caps); the indices and the score must be there.
			if f.name == "bits index" || f.name == "RS" || f.name == "Whoosh score" {
				t.Errorf("%s: missing on both sides", f.name)
			}
			continue
		}
		if !close6(f.json, f.state) {
			t.Errorf("%s: snapshot %v, dashboard %v", f.name, f.json, f.state)
		}
	}
	if doc.Source.Badge != st.Status.Badge {
		t.Errorf("badge: snapshot %q, dashboard %q", doc.Source.Badge, st.Status.Badge)
	}
	if doc.AsOf == nil || *doc.AsOf != r.AsOf.String() {
		t.Errorf("as_of: snapshot %v, dashboard %s", doc.AsOf, r.AsOf)
	}
}

// close6 compares at the JSON's precision (snapshot.Float rounds to six
// significant decimals).
func close6(a, b float64) bool {
	return math.Abs(a-b) <= 1e-6*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
