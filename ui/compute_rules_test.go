package ui

import (
	"math"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

// bars is n weekday bars ending on end, closes 100, 101, ….
func bars(end market.Date, n int) []feeds.Bar {
	var out []feeds.Bar
	for d := end; len(out) < n; d-- {
		if calendar.IsTradingDay(d) {
			out = append([]feeds.Bar{{Date: d}}, out...)
		}
	}
	for i := range out {
		out[i].Close, out[i].AdjClose = 100+float64(i), 100+float64(i)
	}
	return out
}

// TestComputeFreshnessRules pins the badge, stale and market-cap rules of
// ui.Compute on hand-made data, looked at on Monday 2026-11-30 at 11:00 New
// York (the session is open; the last closed session is Friday 11-27).
func TestComputeFreshnessRules(t *testing.T) {
	ny := calendar.NewYork()
	now := time.Date(2026, 11, 30, 11, 0, 0, 0, ny)
	fri, today := market.DateOf(2026, 11, 27), market.DateOf(2026, 11, 30)
	live := feeds.Origin{Kind: feeds.KindLive, Provider: "yahoo", Fetched: now}
	cached := feeds.Origin{Kind: feeds.KindCached, Provider: "yahoo", Fetched: now.Add(-72 * time.Hour)}
	spec := market.Spec{Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM"}}
	quote := func(sym string, price, cap, shares float64, at time.Time, o feeds.Origin) feeds.Quote {
		q := feeds.BlankQuote(sym)
		q.Price, q.MarketCap, q.SharesOutstanding, q.Time, q.Origin = price, cap, shares, at, o
		return q
	}
	type want struct {
		badge  string
		last   float64
		cap    float64
		approx bool
	}
	tests := []struct {
		name string
		h    feeds.History
		q    *feeds.Quote
		want want
	}{
		{"a live quote a minute old: LIVE, its price and cap",
			feeds.History{Bars: bars(fri, 30), Origin: live},
			ptr(quote("X", 150, 3e9, 2e7, now.Add(-time.Minute), live)),
			want{"LIVE", 150, 3e9, false}},
		{"a live quote 20 minutes old: DELAYED",
			feeds.History{Bars: bars(fri, 30), Origin: live},
			ptr(quote("X", 150, 3e9, 2e7, now.Add(-20*time.Minute), live)),
			want{"DELAYED", 150, 3e9, false}},
		{"no quote, Friday's bar: CLOSED, cap unknown",
			feeds.History{Bars: bars(fri, 30), Origin: live},
			nil,
			want{"CLOSED", 129, math.NaN(), true}},
		{"quote failed: last bar's close, cap = close × the cached quote's shares",
			feeds.History{Bars: bars(fri, 30), Origin: live},
			ptr(func() feeds.Quote {
				q := quote("X", 140, 2.8e9, 2e7, now.Add(-96*time.Hour), cached)
				q.Err = &feeds.HTTPError{Status: 500}
				return q
			}()),
			want{"CLOSED", 129, 129 * 2e7, true}},
		{"bars stop two months early: STALE",
			feeds.History{Bars: bars(market.DateOf(2026, 9, 30), 30), Origin: live},
			nil,
			want{"STALE", 129, math.NaN(), true}},
		{"the cache answered: CACHED",
			feeds.History{Bars: bars(fri, 30), Origin: cached, Err: &feeds.HTTPError{Status: 500}},
			nil,
			want{"CACHED", 129, math.NaN(), true}},
		{"a quote from after --asof is not used",
			feeds.History{Bars: bars(fri, 30), Origin: live},
			ptr(quote("X", 150, 3e9, 2e7, time.Date(2026, 12, 1, 11, 0, 0, 0, ny), live)),
			want{"CLOSED", 129, 129 * 2e7, true}},
	}
	for _, tc := range tests {
		h := tc.h
		h.Symbol = "X"
		d := Data{Histories: map[string]feeds.History{"X": h}, Quotes: map[string]feeds.Quote{}}
		if tc.q != nil {
			d.Quotes["X"] = *tc.q
		}
		st := Compute(spec, d, market.Win1M, today, now)
		ss := st.Symbols["X"]
		if ss.Badge() != tc.want.badge || !same(ss.Last, tc.want.last) || !same(ss.MarketCap, tc.want.cap) ||
			(!math.IsNaN(tc.want.cap) && ss.CapApprox != tc.want.approx) {
			t.Errorf("%s:\n got %s last %v cap %v approx %v\nwant %s last %v cap %v approx %v", tc.name,
				ss.Badge(), ss.Last, ss.MarketCap, ss.CapApprox, tc.want.badge, tc.want.last, tc.want.cap, tc.want.approx)
		}
		if stale := tc.want.badge == "STALE"; st.Status.Stale != stale || st.Status.Badge != tc.want.badge {
			t.Errorf("%s: status badge %q stale %v", tc.name, st.Status.Badge, st.Status.Stale)
		}
	}
}

// TestComputeHeaderBadge: the header shows the least current symbol that
// is not stale, names the stale ones, and says STALE only when all are;
// the window ends at the newest date with data.
func TestComputeHeaderBadge(t *testing.T) {
	ny := calendar.NewYork()
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, ny) // Sunday: Friday's close is current
	fri := market.DateOf(2026, 11, 27)
	live := feeds.Origin{Kind: feeds.KindLive, Provider: "yahoo", Fetched: now}
	spec := market.Spec{Benchmark: "SPY"}
	d := Data{Quotes: map[string]feeds.Quote{}, Histories: map[string]feeds.History{
		"SPY": {Symbol: "SPY", Bars: bars(fri, 40), Origin: live},
		"TSM": {Symbol: "TSM", Bars: bars(market.DateOf(2026, 9, 30), 40), Origin: live},
	}}
	st := Compute(spec, d, market.Win1M, market.DateOf(2026, 11, 29), now)
	if st.Status.Badge != "CLOSED" || !st.Status.Stale || len(st.Status.StaleSymbols) != 1 || st.Status.StaleSymbols[0] != "TSM" {
		t.Errorf("badge %q stale %v %v, want CLOSED and TSM stale", st.Status.Badge, st.Status.Stale, st.Status.StaleSymbols)
	}
	if st.Report.AsOf != fri || st.Status.DataEnds != 0 {
		t.Errorf("window ends %v (data ends %v), want Friday %v and no data-ends note", st.Report.AsOf, st.Status.DataEnds, fri)
	}
	delete(d.Histories, "SPY")
	st = Compute(spec, d, market.Win1M, market.DateOf(2026, 11, 29), now)
	if st.Status.Badge != "STALE" || st.Status.DataEnds != market.DateOf(2026, 9, 30) {
		t.Errorf("all stale: badge %q, data ends %v; want STALE, 2026-09-30", st.Status.Badge, st.Status.DataEnds)
	}
}

func ptr[T any](v T) *T { return &v }

func same(a, b float64) bool {
	return (math.IsNaN(a) && math.IsNaN(b)) || math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(b))
}
