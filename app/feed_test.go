package app

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/config"
	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// TestConfigErrorsOnePerLine (issue 14): several config errors stay
// separate problems, each sanitized, never one paragraph.
func TestConfigErrorsOnePerLine(t *testing.T) {
	f := NewFeed(config.Default().Spec(), FeedOptions{})
	f.Apply(ConfigMsg{Err: config.Errors{
		{File: "/home/u/.config/whoosh/config.yaml", Line: 3, Col: 5, Msg: `unknown field "bitz"`, Hint: "did you mean bits?"},
		{File: "/home/u/.config/whoosh/config.yaml", Line: 9, Col: 7, Msg: "weight 0 is out of range\x1b[2J"},
	}})
	st := f.State(market.WinEssay, time.Now())
	errs := st.Status.ConfigErrors()
	if len(errs) != 2 || !strings.HasPrefix(errs[0], "/home/u/.config/whoosh/config.yaml:3:5: ") || strings.Contains(errs[1], "\x1b") {
		t.Fatalf("config errors %q, want two sanitized lines", errs)
	}
	if n := len(ui.Problems(st)); n != 2 {
		t.Errorf("%d problems, want one per config error", n)
	}
}

// TestStrictView: --source yahoo never shows the cache in Yahoo's place,
// but keeps charts fetched now whatever their quote did.
func TestStrictView(t *testing.T) {
	live := feeds.Origin{Kind: feeds.KindLive, Provider: "yahoo"}
	cached := feeds.Origin{Kind: feeds.KindCached, Provider: "yahoo"}
	down := errors.New("HTTP 500")
	bar := []feeds.Bar{{Date: market.DateOf(2025, 6, 30), Close: 1, AdjClose: 1}}
	good := feeds.Quote{Symbol: "S", Price: 1, Origin: live}
	failedCached := feeds.Quote{Symbol: "S", Price: 2, MarketCap: 3, Origin: cached, Err: down}
	for _, tc := range []struct {
		name     string
		h        feeds.History
		q        *feeds.Quote
		keepBars bool
	}{
		{"fetched now, quote failed: kept", feeds.History{Bars: bar, Origin: live}, &failedCached, true},
		{"cache answered for a failed fetch: dropped", feeds.History{Bars: bar, Origin: cached, Err: down}, &good, false},
		{"fetched this session (cache current), live quote: kept", feeds.History{Bars: bar, Origin: cached}, &good, true},
		{"fetched this session, quote failed: dropped", feeds.History{Bars: bar, Origin: cached}, &failedCached, false},
		{"fetched this session, no quote yet: dropped", feeds.History{Bars: bar, Origin: cached}, nil, false},
	} {
		d := ui.Data{Histories: map[string]feeds.History{"S": tc.h}, Quotes: map[string]feeds.Quote{}}
		if tc.q != nil {
			d.Quotes["S"] = *tc.q
		}
		out := strictView(d)
		h := out.Histories["S"]
		if (len(h.Bars) > 0) != tc.keepBars || (!tc.keepBars && h.Err == nil) {
			t.Errorf("%s: bars %d err %v", tc.name, len(h.Bars), h.Err)
		}
		if q, ok := out.Quotes["S"]; ok && q.Err != nil && (q.Price == q.Price || q.MarketCap == q.MarketCap) {
			t.Errorf("%s: a failed quote keeps its cached numbers %+v", tc.name, q)
		}
	}
}

// TestAlertLogInDataOrder: deliveries run side by side, so a firing held
// up by a slow channel arrives after a later one; the log keeps the data's
// order, and firings of one time keep the order they came in.
func TestAlertLogInDataOrder(t *testing.T) {
	f := NewFeed(config.Default().Spec(), FeedOptions{})
	at := func(rule string, hh int) alerts.Delivered {
		return alerts.Delivered{Event: alerts.Event{Firing: market.AlertFiring{Rule: rule, At: time.Date(2026, 12, 2, hh, 0, 0, 0, time.UTC)}}}
	}
	f.Apply(AlertMsg{Delivered: []alerts.Delivered{at("b", 15), at("c", 15)}})
	f.Apply(AlertMsg{Delivered: []alerts.Delivered{at("a", 14)}}) // its webhook was slow
	f.Apply(AlertMsg{Delivered: []alerts.Delivered{at("d", 16)}})
	var got []string
	for _, d := range f.Alerts {
		got = append(got, d.Firing.Rule)
	}
	if strings.Join(got, " ") != "a b c d" {
		t.Errorf("alert log %v, want a b c d", got)
	}
}
