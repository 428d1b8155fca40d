package cache

import (
	"cmp"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

var newYork, _ = time.LoadLocation("America/New_York")

// ny returns the instant of a New York wall-clock time.
func ny(date string, hour, minute int) time.Time {
	t := d(date).Time()
	return time.Date(t.Year(), t.Month(), t.Day(), hour, minute, 0, 0, newYork)
}

// clock is a settable test clock.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

type warnings struct{ errs []error }

func (w *warnings) add(err error) { w.errs = append(w.errs, err) }

func newWrapped(t *testing.T) (*fakeLive, *Store, *clock, *warnings, feeds.Provider) {
	t.Helper()
	live := &fakeLive{Version: 1}
	store := openTemp(t)
	clk := &clock{}
	w := &warnings{}
	p := Wrap(live, store, Options{Now: clk.Now, Warn: w.add})
	return live, store, clk, w, p
}

// March 2024: Fri 1, Mon 4 … Fri 8, Mon 11 … Fri 15, Mon 18, Tue 19,
// Wed 20, Thu 21, Fri 22, Mon 25.
// A fetch of 2024-03-01..2024-03-20 has 1+5+5+3 = 14 weekday bars.

func TestColdWarmAndNextDay(t *testing.T) {
	live, store, clk, _, p := newWrapped(t)
	ctx := context.Background()
	syms := []string{"AAPL", "MSFT"}
	from := d("2024-03-01")

	// Cold start, Wed 2024-03-20 18:00 New York.
	clk.t = ny("2024-03-20", 18, 0)
	live.Fetched = clk.t
	hs, err := p.History(ctx, syms, from, d("2024-03-20"))
	if err != nil {
		t.Fatal(err)
	}
	calls, _ := live.calls()
	if len(calls) != 1 || len(calls[0].Symbols) != 2 || calls[0].From != from || calls[0].To != d("2024-03-20") {
		t.Fatalf("cold calls = %+v, want one batch of both from 2024-03-01", calls)
	}
	for _, h := range hs {
		if h.Err != nil || len(h.Bars) != 14 || h.Origin.Kind != feeds.KindDelayed {
			t.Fatalf("cold %s: %d bars, origin %v, err %v; want 14 DELAYED", h.Symbol, len(h.Bars), h.Origin, h.Err)
		}
	}

	// Warm: same session. 20:00 the same evening, and 09:00 the next
	// morning (session still 2024-03-20), asking through 2024-03-21.
	for _, now := range []time.Time{ny("2024-03-20", 20, 0), ny("2024-03-21", 9, 0)} {
		clk.t = now
		hs, err := p.History(ctx, syms, from, feeds.NewYorkDate(now))
		if err != nil {
			t.Fatal(err)
		}
		if calls, _ := live.calls(); len(calls) != 1 {
			t.Fatalf("warm start at %v made %d more History calls, want 0", now, len(calls)-1)
		}
		for _, h := range hs {
			if len(h.Bars) != 14 || h.Err != nil || h.Origin.Kind != feeds.KindCached || h.Origin.Provider != "fake" || !h.Origin.Fetched.Equal(live.Fetched) {
				t.Errorf("warm %s: %d bars, origin %+v, err %v", h.Symbol, len(h.Bars), h.Origin, h.Err)
			}
		}
	}

	// Next session: Thu 2024-03-21 18:00, provider revised its numbers
	// (Version 2). Last cached bar 2024-03-20, minus 5 days = 2024-03-15.
	clk.t = ny("2024-03-21", 18, 0)
	live.Version = 2
	live.Fetched = clk.t
	hs, err = p.History(ctx, syms, from, d("2024-03-21"))
	if err != nil {
		t.Fatal(err)
	}
	calls, _ = live.calls()
	if len(calls) != 2 || calls[1].From != d("2024-03-15") || calls[1].To != d("2024-03-21") {
		t.Fatalf("next-day call = %+v, want from 2024-03-15 to 2024-03-21", calls[len(calls)-1])
	}
	// 14 old bars + 2024-03-21 = 15. 03-14 keeps version 1 (1000+14);
	// 03-15 is revised to version 2 (2000+15); 03-21 is new (2000+21).
	for _, h := range hs {
		if len(h.Bars) != 15 || h.Origin.Kind != feeds.KindDelayed {
			t.Fatalf("next day %s: %d bars origin %v, want 15 DELAYED", h.Symbol, len(h.Bars), h.Origin)
		}
		byDate := map[string]float64{}
		for _, b := range h.Bars {
			byDate[b.Date.String()] = b.Close
		}
		for date, want := range map[string]float64{"2024-03-01": 1001, "2024-03-14": 1014, "2024-03-15": 2015, "2024-03-20": 2020, "2024-03-21": 2021} {
			if byDate[date] != want {
				t.Errorf("%s close on %s = %v, want %v", h.Symbol, date, byDate[date], want)
			}
		}
	}
	e, err := store.Load("AAPL")
	if err != nil || e.From != from || e.To != d("2024-03-21") || !e.Fetched.Equal(clk.t) {
		t.Errorf("saved entry coverage %s..%s fetched %v err %v", e.From, e.To, e.Fetched, err)
	}
}

func TestWeekendIsOneSession(t *testing.T) {
	live, _, clk, _, p := newWrapped(t)
	ctx := context.Background()
	// Fetched Fri 2024-03-22 17:00; Sat, Sun and Mon morning are the same
	// session, Mon 16:30 is the next.
	clk.t = ny("2024-03-22", 17, 0)
	if _, err := p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-03-22")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		now       time.Time
		wantCalls int // cumulative
	}{
		{ny("2024-03-23", 12, 0), 1},
		{ny("2024-03-24", 23, 0), 1},
		{ny("2024-03-25", 16, 29), 1},
		{ny("2024-03-25", 16, 30), 2},
	}
	for _, tt := range tests {
		clk.t = tt.now
		if _, err := p.History(ctx, []string{"SPY"}, d("2024-03-01"), feeds.NewYorkDate(tt.now)); err != nil {
			t.Fatal(err)
		}
		if calls, _ := live.calls(); len(calls) != tt.wantCalls {
			t.Errorf("at %v: %d History calls, want %d", tt.now, len(calls), tt.wantCalls)
		}
	}
}

func TestWiderRangeFetchesFromNewStart(t *testing.T) {
	live, _, clk, _, p := newWrapped(t)
	ctx := context.Background()
	clk.t = ny("2024-03-20", 18, 0)
	p.History(ctx, []string{"SPY"}, d("2024-03-11"), d("2024-03-20"))
	// Same session, but the window grew back to 2024-03-01: the cache does
	// not cover it, so everything from 2024-03-01 is fetched.
	hs, _ := p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-03-20"))
	calls, _ := live.calls()
	if len(calls) != 2 || calls[1].From != d("2024-03-01") {
		t.Fatalf("calls = %+v, want a second from 2024-03-01", calls)
	}
	if len(hs[0].Bars) != 14 {
		t.Errorf("%d bars, want 14", len(hs[0].Bars))
	}
	// A narrower request inside the covered range is answered from cache:
	// 2024-03-11..2024-03-15 is 5 weekdays.
	hs, _ = p.History(ctx, []string{"SPY"}, d("2024-03-11"), d("2024-03-15"))
	if calls, _ := live.calls(); len(calls) != 2 || len(hs[0].Bars) != 5 {
		t.Errorf("narrow request: %d calls, %d bars; want 2 and 5", len(calls), len(hs[0].Bars))
	}
}

func TestGroupsSymbolsByFetchStart(t *testing.T) {
	live, store, clk, _, p := newWrapped(t)
	clk.t = ny("2024-03-21", 18, 0)
	// AAPL cached through 2024-03-19 (start 03-14), MSFT through 03-20
	// (start 03-15), NVDA through 03-20 too, GM not at all (start 03-01).
	old := ny("2024-03-20", 18, 0)
	store.Merge("AAPL", "fake", old, d("2024-03-01"), d("2024-03-19"), []feeds.Bar{{Date: d("2024-03-19"), Close: 1, AdjClose: 1}})
	store.Merge("MSFT", "fake", old, d("2024-03-01"), d("2024-03-20"), []feeds.Bar{{Date: d("2024-03-20"), Close: 1, AdjClose: 1}})
	store.Merge("NVDA", "fake", old, d("2024-03-01"), d("2024-03-20"), []feeds.Bar{{Date: d("2024-03-20"), Close: 1, AdjClose: 1}})
	if _, err := p.History(context.Background(), []string{"AAPL", "MSFT", "NVDA", "GM"}, d("2024-03-01"), d("2024-03-21")); err != nil {
		t.Fatal(err)
	}
	calls, _ := live.calls()
	// Groups are fetched at once, in no particular order.
	slices.SortFunc(calls, func(a, b histCall) int { return cmp.Compare(a.From, b.From) })
	want := []histCall{
		{[]string{"GM"}, d("2024-03-01"), d("2024-03-21")},
		{[]string{"AAPL"}, d("2024-03-14"), d("2024-03-21")},
		{[]string{"MSFT", "NVDA"}, d("2024-03-15"), d("2024-03-21")},
	}
	if len(calls) != len(want) {
		t.Fatalf("calls = %+v, want %+v", calls, want)
	}
	for i := range want {
		if calls[i].From != want[i].From || calls[i].To != want[i].To || len(calls[i].Symbols) != len(want[i].Symbols) || calls[i].Symbols[0] != want[i].Symbols[0] {
			t.Errorf("call %d = %+v, want %+v", i, calls[i], want[i])
		}
	}
}

func TestBadCacheFileIsRefetched(t *testing.T) {
	tests := []struct{ name, content string }{
		{"corrupt", "{{{{"},
		{"truncated", `{"schema_version":1,"symbol":"AAPL","provider":"fake","bars":[{"date":"2024-03-18","cl`},
		{"foreign schema", `{"schema_version":99,"symbol":"AAPL","bars":[]}`},
		{"foreign symbol", `{"schema_version":1,"symbol":"MSFT","from":"2024-03-01","to":"2024-03-20","fetched":"2024-03-20T23:00:00Z","bars":[]}`},
		// Current files (fetched this session, covering the range) that
		// would be served without a request, were their closes prices.
		{"negative close", `{"schema_version":1,"symbol":"AAPL","provider":"fake","from":"2024-03-01","to":"2024-03-20","fetched":"2024-03-20T22:30:00Z","bars":[{"date":"2024-03-19","close":5,"adj_close":5},{"date":"2024-03-20","close":-5,"adj_close":null}]}`},
		{"zero close", `{"schema_version":1,"symbol":"AAPL","provider":"fake","from":"2024-03-01","to":"2024-03-20","fetched":"2024-03-20T22:30:00Z","bars":[{"date":"2024-03-20","close":0,"adj_close":0}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			live, store, clk, warns, p := newWrapped(t)
			clk.t = ny("2024-03-20", 18, 0)
			path := filepath.Join(store.Dir(), "history", "AAPL.json")
			os.WriteFile(path, []byte(tt.content), 0o600)
			hs, err := p.History(context.Background(), []string{"AAPL"}, d("2024-03-01"), d("2024-03-20"))
			if err != nil {
				t.Fatal(err)
			}
			if len(warns.errs) == 0 || !errors.Is(warns.errs[0], ErrCorrupt) {
				t.Errorf("warnings = %v, want a corrupt-file warning", warns.errs)
			}
			calls, _ := live.calls()
			if len(calls) != 1 || calls[0].From != d("2024-03-01") {
				t.Errorf("calls = %+v, want a full refetch from 2024-03-01", calls)
			}
			if hs[0].Err != nil || len(hs[0].Bars) != 14 {
				t.Errorf("history: %d bars, err %v; want 14, nil", len(hs[0].Bars), hs[0].Err)
			}
			if e, err := store.Load("AAPL"); err != nil || len(e.Bars) != 14 {
				t.Errorf("file not rewritten: %d bars, %v", len(e.Bars), err)
			}
		})
	}
}

func TestLiveFailureServesCacheWithAge(t *testing.T) {
	boom := &feeds.HTTPError{Status: 500}
	tests := []struct {
		name     string
		fail     func(*fakeLive)
		cached   bool
		wantBars int
		wantKind feeds.Kind
	}{
		{"whole call fails, cached", func(f *fakeLive) { f.Fail = boom }, true, 14, feeds.KindCached},
		{"one symbol fails, cached", func(f *fakeLive) { f.FailSym = map[string]error{"AAPL": boom} }, true, 14, feeds.KindCached},
		{"whole call fails, nothing cached", func(f *fakeLive) { f.Fail = boom }, false, 0, feeds.KindUnknown},
		{"one symbol fails, nothing cached", func(f *fakeLive) { f.FailSym = map[string]error{"AAPL": boom} }, false, 0, feeds.KindDelayed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			live, _, clk, _, p := newWrapped(t)
			ctx := context.Background()
			fetched := ny("2024-03-20", 18, 0)
			clk.t, live.Fetched = fetched, fetched
			if tt.cached {
				p.History(ctx, []string{"AAPL"}, d("2024-03-01"), d("2024-03-20"))
			}
			tt.fail(live)
			// Next session, 3 hours after the 16:30 rollover... plus a day:
			// Thu 2024-03-21 21:00 is 27 hours after the fetch.
			clk.t = ny("2024-03-21", 21, 0)
			hs, err := p.History(ctx, []string{"AAPL"}, d("2024-03-01"), d("2024-03-21"))
			if err != nil {
				t.Fatalf("call error %v; failures must be per symbol", err)
			}
			h := hs[0]
			if !errors.Is(h.Err, boom) {
				t.Errorf("Err = %v, want the live error", h.Err)
			}
			if len(h.Bars) != tt.wantBars || h.Origin.Kind != tt.wantKind {
				t.Errorf("%d bars origin %v, want %d %v", len(h.Bars), h.Origin.Kind, tt.wantBars, tt.wantKind)
			}
			if tt.cached {
				if !h.Origin.Fetched.Equal(fetched) {
					t.Errorf("Fetched = %v, want the cache's %v", h.Origin.Fetched, fetched)
				}
				if got := h.Origin.Badge(clk.t); got != "CACHED 27h" {
					t.Errorf("badge = %q, want CACHED 27h", got)
				}
			}
		})
	}
}

func TestQuotesFallBackToCache(t *testing.T) {
	live, store, clk, _, p := newWrapped(t)
	ctx := context.Background()
	at := ny("2024-03-20", 15, 0)
	clk.t, live.Fetched = at, at
	qs, err := p.Quotes(ctx, []string{"TSLA", "GM"})
	if err != nil || qs[0].Err != nil || qs[0].Origin.Kind != feeds.KindDelayed || qs[0].Price != 101 {
		t.Fatalf("live quotes = %+v, %v", qs, err)
	}
	// Saved: a cache-only reader has the market caps.
	if got, _ := Only(store).Quotes(ctx, []string{"TSLA"}); got[0].MarketCap != 1e12 || got[0].Origin.Kind != feeds.KindCached {
		t.Errorf("cache-only quote = %+v", got[0])
	}

	boom := &feeds.RateLimitError{RetryAfter: 8 * time.Second}
	live.Fail = boom
	clk.t = at.Add(3 * time.Hour)
	qs, err = p.Quotes(ctx, []string{"TSLA", "GM", "F"})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range qs[:2] {
		if !errors.Is(q.Err, boom) || q.Origin.Kind != feeds.KindCached || q.Price != 101 || q.MarketCap != 1e12 || q.Origin.Badge(clk.t) != "CACHED 3h" {
			t.Errorf("%s = price %v cap %v origin %+v err %v; want cached 101 with the live error", q.Symbol, q.Price, q.MarketCap, q.Origin, q.Err)
		}
	}
	if !errors.Is(qs[2].Err, boom) || qs[2].Origin.Kind != feeds.KindUnknown {
		t.Errorf("F (never cached) = %+v, want just the error", qs[2])
	}
	if _, n := live.calls(); n != 2 {
		t.Errorf("%d quote calls, want 2 (one per Quotes call)", n)
	}
}

func TestOnlyServesCacheAndNamesMissing(t *testing.T) {
	live, store, clk, _, p := newWrapped(t)
	clk.t = ny("2024-03-20", 18, 0)
	p.History(context.Background(), []string{"AAPL"}, d("2024-03-01"), d("2024-03-20"))
	os.WriteFile(filepath.Join(store.Dir(), "history", "BAD.json"), []byte("nope"), 0o600)

	only := Only(store)
	if only.Name() != "cache" {
		t.Errorf("Name() = %q", only.Name())
	}
	hs, err := only.History(context.Background(), []string{"AAPL", "MSFT", "BAD"}, d("2024-03-11"), d("2024-03-20"))
	if err != nil {
		t.Fatal(err)
	}
	// 2024-03-11..2024-03-20: 5 + 3 = 8 weekdays.
	if hs[0].Err != nil || len(hs[0].Bars) != 8 || hs[0].Origin.Kind != feeds.KindCached {
		t.Errorf("AAPL = %d bars %v %v", len(hs[0].Bars), hs[0].Origin, hs[0].Err)
	}
	if !errors.Is(hs[1].Err, ErrNotCached) || !errors.Is(hs[1].Err, feeds.ErrNoData) {
		t.Errorf("MSFT err = %v, want ErrNotCached", hs[1].Err)
	}
	if !errors.Is(hs[2].Err, ErrCorrupt) {
		t.Errorf("BAD err = %v, want ErrCorrupt", hs[2].Err)
	}
	qs, _ := only.Quotes(context.Background(), []string{"AAPL"})
	if !errors.Is(qs[0].Err, ErrNotCached) {
		t.Errorf("quote err = %v, want ErrNotCached", qs[0].Err)
	}
	if calls, n := live.calls(); len(calls) != 1 || n != 0 {
		t.Errorf("cache-only made live calls: %d history, %d quote", len(calls)-1, n)
	}
}

func TestWrapKeepsNameAndHonoursContext(t *testing.T) {
	live, _, clk, _, p := newWrapped(t)
	clk.t = ny("2024-03-20", 18, 0)
	if p.Name() != "fake" {
		t.Errorf("Name() = %q, want the live provider's", p.Name())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.History(ctx, []string{"AAPL"}, d("2024-03-01"), d("2024-03-20")); !errors.Is(err, context.Canceled) {
		t.Errorf("History err = %v, want context.Canceled", err)
	}
	if _, err := p.Quotes(ctx, []string{"AAPL"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Quotes err = %v, want context.Canceled", err)
	}
	if calls, _ := live.calls(); len(calls) != 0 {
		t.Errorf("cancelled History reached live: %+v", calls)
	}
	hs, _ := p.History(context.Background(), []string{"../x"}, d("2024-03-01"), d("2024-03-20"))
	if !errors.Is(hs[0].Err, feeds.ErrUnknownSymbol) {
		t.Errorf("invalid symbol err = %v", hs[0].Err)
	}
}

func TestIntradayFetchIsRefreshedAfterTheClose(t *testing.T) {
	live, _, clk, _, p := newWrapped(t)
	ctx := context.Background()
	// Fetched at 11:00 with today's partial bar; at 17:00 the bar is final
	// and must be fetched again (from 2024-03-20 − 5 = 2024-03-15), though
	// the cache already "covers" today.
	clk.t = ny("2024-03-20", 11, 0)
	p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-03-20"))
	clk.t = ny("2024-03-20", 17, 0)
	p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-03-20"))
	calls, _ := live.calls()
	if len(calls) != 2 || calls[1].From != d("2024-03-15") {
		t.Errorf("calls = %+v, want a second from 2024-03-15", calls)
	}
}

func TestOldRangeIsAnsweredFromCacheAtAnyAge(t *testing.T) {
	live, _, clk, _, p := newWrapped(t)
	ctx := context.Background()
	clk.t = ny("2024-03-20", 18, 0)
	p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-03-20"))
	// A month later, a request ending 2024-03-08 (more than a week before
	// the session) is covered and final: no live call. One ending
	// 2024-04-19 is not covered: a call.
	clk.t = ny("2024-04-19", 18, 0)
	p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-03-08"))
	if calls, _ := live.calls(); len(calls) != 1 {
		t.Errorf("old range: %d calls, want 1", len(calls))
	}
	p.History(ctx, []string{"SPY"}, d("2024-03-01"), d("2024-04-19"))
	if calls, _ := live.calls(); len(calls) != 2 {
		t.Errorf("new range: %d calls, want 2", len(calls))
	}
}
