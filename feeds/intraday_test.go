package feeds

import (
	"context"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

func oct2(t *testing.T) calendar.Session {
	t.Helper()
	s, ok := calendar.SessionOn(market.DateOf(2024, 10, 2))
	if !ok {
		t.Fatal("no session")
	}
	return s
}

func TestClipIntraday(t *testing.T) {
	s := oct2(t)
	at := func(min int) time.Time { return s.Open.Add(time.Duration(min) * time.Minute) }
	in := []IntradayBar{
		{at(10), 3}, {at(-5), 1}, // before the open: dropped
		{at(0), 2}, {at(5), math.NaN()}, {at(15), 0}, {at(20), math.Inf(1)}, // missing, zero, infinite: dropped
		{at(10), 4},  // the same instant again: the last given wins
		{at(390), 9}, // 16:00, the close: outside [open, close)
	}
	got := ClipIntraday(in, s, time.Time{})
	// Left: 09:30 → 2, 09:40 → 4.
	if len(got) != 2 || got[0].Close != 2 || got[1].Close != 4 {
		t.Fatalf("got %+v", got)
	}
	if tail := ClipIntraday(in, s, at(10)); len(tail) != 1 || tail[0].Close != 4 {
		t.Fatalf("since 09:40: %+v", tail)
	}
}

func TestMergeIntraday(t *testing.T) {
	s := oct2(t)
	at := func(k int) time.Time { return s.Open.Add(time.Duration(k) * IntradayStep) }
	old := []IntradayBar{{at(0), 1}, {at(1), 2}, {at(2), 3}}
	// The tail starts at the last bar (partial then, final now): it replaces it.
	got := MergeIntraday(old, []IntradayBar{{at(2), 3.5}, {at(3), 4}})
	want := []float64{1, 2, 3.5, 4}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		if got[i].Close != w {
			t.Errorf("bar %d = %v, want %v", i, got[i].Close, w)
		}
	}
	if got := MergeIntraday(old, nil); len(got) != 3 {
		t.Errorf("empty tail changed the bars: %+v", got)
	}
}

func TestIntradayCompleteAndAge(t *testing.T) {
	s := oct2(t)
	last := []IntradayBar{{s.Close.Add(-IntradayStep), 1}}
	early := []IntradayBar{{s.Close.Add(-2 * IntradayStep), 1}}
	if IntradayComplete(last, s, s.Close.Add(-time.Minute)) {
		t.Error("complete before the close")
	}
	if !IntradayComplete(last, s, s.Close) || IntradayComplete(early, s, s.Close) {
		t.Error("15:55 bar completes the session, 15:50 does not")
	}
	if err := CheckIntradayAge(s, s.Close.Add(IntradayRetention)); err != nil {
		t.Errorf("60 days: %v", err)
	}
	if err := CheckIntradayAge(s, s.Close.Add(IntradayRetention+time.Hour)); !errors.Is(err, ErrIntradayTooOld) {
		t.Errorf("older: %v", err)
	}
}

type dailyOnly struct{ Provider }

func (dailyOnly) Name() string { return "daily" }

func TestIntradayOfDailyOnly(t *testing.T) {
	got, err := IntradayOf(context.Background(), dailyOnly{}, []string{"AAPL"}, oct2(t), time.Time{})
	if !errors.Is(err, ErrNoIntraday) || !errors.Is(got[0].Err, ErrNoIntraday) {
		t.Fatalf("err %v / %v", err, got[0].Err)
	}
}

// barsOnly is a provider with no daily data but one 5-minute bar per symbol.
type barsOnly struct {
	Provider
	name string
}

func (b barsOnly) Name() string { return b.name }

func (b barsOnly) History(_ context.Context, syms []string, _, _ market.Date) ([]History, error) {
	out := make([]History, len(syms))
	for i, s := range syms {
		out[i] = History{Symbol: s, Err: errors.New("down")}
	}
	return out, nil
}

func (b barsOnly) Intraday(_ context.Context, syms []string, s calendar.Session, _ time.Time) ([]Intraday, error) {
	out := make([]Intraday, len(syms))
	for i, sym := range syms {
		out[i] = Intraday{Symbol: sym, Session: s, Origin: Origin{Provider: b.name}, Bars: []IntradayBar{{s.Open, 1}}}
	}
	return out, nil
}

// Auto asks the primary for bars until it falls back; then the fallback:
// real and simulated bars never mix.
func TestAutoIntraday(t *testing.T) {
	ctx := context.Background()
	a := NewAuto(barsOnly{name: "live"}, barsOnly{name: "sim"}).(IntradayProvider)
	got, _ := a.Intraday(ctx, []string{"NVDA"}, oct2(t), time.Time{})
	if got[0].Origin.Provider != "live" {
		t.Fatalf("undecided auto asked %q", got[0].Origin.Provider)
	}
	a.(Provider).History(ctx, []string{"NVDA"}, market.DateOf(2024, 10, 1), market.DateOf(2024, 10, 2)) // primary fails: fall back
	got, _ = a.Intraday(ctx, []string{"NVDA"}, oct2(t), time.Time{})
	if got[0].Origin.Provider != "sim" {
		t.Fatalf("fallen-back auto asked %q", got[0].Origin.Provider)
	}
}
