package feeds

import (
	"context"
	"errors"
	"testing"

	"github.com/whoosh-dev/whoosh/market"
)

var (
	d0 = market.DateOf(2024, 3, 1)
	d1 = market.DateOf(2024, 3, 20)
)

func demoProvider() *fakeProvider {
	return &fakeProvider{name: "demo", kind: KindDemo,
		bars:   map[string][]Bar{"AAPL": oneBar(-1), "MSFT": oneBar(-2)},
		quotes: map[string]Quote{"AAPL": {Price: -1}, "MSFT": {Price: -2}},
	}
}

func TestAutoHistory(t *testing.T) {
	down := &HTTPError{Status: 503}
	tests := []struct {
		name        string
		primary     *fakeProvider
		wantKinds   []Kind    // per symbol AAPL, MSFT
		wantCloses  []float64 // first close per symbol, NaN-free; 0 = no bars
		wantWarning bool      // Err is a *FallbackError
		wantDemo    int       // calls to the fallback
	}{
		{"all real", &fakeProvider{name: "yahoo", kind: KindDelayed, bars: map[string][]Bar{"AAPL": oneBar(170), "MSFT": oneBar(420)}},
			[]Kind{KindDelayed, KindDelayed}, []float64{170, 420}, false, 0},
		{"one real one failed: no demo for the failed one", &fakeProvider{name: "yahoo", kind: KindCached, bars: map[string][]Bar{"AAPL": oneBar(170)}},
			[]Kind{KindCached, KindCached}, []float64{170, 0}, false, 0},
		{"nothing at all: everything demo", &fakeProvider{name: "yahoo", kind: KindDelayed},
			[]Kind{KindDemo, KindDemo}, []float64{-1, -2}, true, 1},
		{"whole call failed: everything demo", &fakeProvider{name: "yahoo", fail: down},
			[]Kind{KindDemo, KindDemo}, []float64{-1, -2}, true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			demo := demoProvider()
			a := NewAuto(tt.primary, demo)
			if a.Name() != "auto" {
				t.Errorf("Name() = %q", a.Name())
			}
			hs, err := a.History(context.Background(), []string{"AAPL", "MSFT"}, d0, d1)
			if err != nil {
				t.Fatal(err)
			}
			for i, h := range hs {
				if h.Origin.Kind != tt.wantKinds[i] {
					t.Errorf("%s origin %v, want %v", h.Symbol, h.Origin.Kind, tt.wantKinds[i])
				}
				got := 0.0
				if len(h.Bars) > 0 {
					got = h.Bars[0].Close
				}
				if got != tt.wantCloses[i] {
					t.Errorf("%s close %v, want %v", h.Symbol, got, tt.wantCloses[i])
				}
				var fe *FallbackError
				if errors.As(h.Err, &fe) != tt.wantWarning {
					t.Errorf("%s Err = %v, want fallback warning %v", h.Symbol, h.Err, tt.wantWarning)
				}
			}
			if hc, _ := demo.counts(); len(hc) != tt.wantDemo {
				t.Errorf("%d fallback calls, want %d", len(hc), tt.wantDemo)
			}
			if tt.primary.fail != nil && !errors.Is(hs[0].Err, down) {
				t.Errorf("warning %v does not carry the primary's error", hs[0].Err)
			}
		})
	}
}

func TestAutoNeverMixesAfterDeciding(t *testing.T) {
	ctx := context.Background()
	syms := []string{"AAPL", "MSFT"}

	t.Run("real first, then total failure stays real", func(t *testing.T) {
		primary := &fakeProvider{name: "yahoo", kind: KindDelayed, bars: map[string][]Bar{"AAPL": oneBar(170)}}
		demo := demoProvider()
		a := NewAuto(primary, demo)
		a.History(ctx, syms, d0, d1)
		primary.bars = nil
		primary.quotes = nil
		hs, _ := a.History(ctx, syms, d0, d1)
		qs, _ := a.Quotes(ctx, syms)
		if len(hs[0].Bars) != 0 || hs[0].Origin.Kind == KindDemo || qs[0].Origin.Kind == KindDemo {
			t.Errorf("demo mixed in after real data: %+v %+v", hs[0], qs[0])
		}
		if hc, qc := demo.counts(); len(hc)+len(qc) != 0 {
			t.Errorf("fallback called %d+%d times", len(hc), len(qc))
		}
	})

	t.Run("real quotes first, then no history stays real", func(t *testing.T) {
		primary := &fakeProvider{name: "yahoo", kind: KindDelayed, quotes: map[string]Quote{"AAPL": {Price: 170}}}
		demo := demoProvider()
		a := NewAuto(primary, demo)
		a.Quotes(ctx, syms)
		hs, _ := a.History(ctx, syms, d0, d1)
		if hs[0].Origin.Kind == KindDemo {
			t.Errorf("demo history after real quotes: %+v", hs[0])
		}
	})

	t.Run("failed quotes first decide nothing", func(t *testing.T) {
		primary := &fakeProvider{name: "yahoo", kind: KindDelayed, bars: map[string][]Bar{"AAPL": oneBar(170)}}
		demo := demoProvider()
		a := NewAuto(primary, demo)
		qs, _ := a.Quotes(ctx, syms) // all fail
		hs, _ := a.History(ctx, syms, d0, d1)
		if qs[0].Err == nil || hs[0].Origin.Kind != KindDelayed {
			t.Errorf("quotes %+v history %+v; want failed quotes, real history", qs[0], hs[0])
		}
	})

	t.Run("demo once decided stays demo, quotes included", func(t *testing.T) {
		primary := &fakeProvider{name: "yahoo", kind: KindDelayed}
		demo := demoProvider()
		a := NewAuto(primary, demo)
		a.History(ctx, syms, d0, d1)
		// The network comes back: still demo for this session, never a mix.
		primary.bars = map[string][]Bar{"AAPL": oneBar(170)}
		primary.quotes = map[string]Quote{"AAPL": {Price: 170}}
		hs, _ := a.History(ctx, syms, d0, d1)
		qs, _ := a.Quotes(ctx, syms)
		if hs[0].Origin.Kind != KindDemo || qs[0].Origin.Kind != KindDemo || qs[0].Price != -1 {
			t.Errorf("history %v quote %v %v, want DEMO -1", hs[0].Origin.Kind, qs[0].Origin.Kind, qs[0].Price)
		}
		if hc, _ := primary.counts(); len(hc) != 1 {
			t.Errorf("primary History called %d times, want 1", len(hc))
		}
	})
}

func TestAutoFallbackFailure(t *testing.T) {
	demo := demoProvider()
	demo.fail = errors.New("demo broken")
	a := NewAuto(&fakeProvider{name: "yahoo", fail: errors.New("offline")}, demo)
	if _, err := a.History(context.Background(), []string{"AAPL"}, d0, d1); err == nil || !errors.Is(err, demo.fail) {
		t.Errorf("err = %v, want the fallback's error", err)
	}
}

func TestFallbackErrorMessage(t *testing.T) {
	e := &FallbackError{Primary: "yahoo", Fallback: "demo", Cause: &HTTPError{Status: 503}}
	want := "no yahoo data and nothing cached: showing demo data (yahoo: HTTP 503)"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
}
