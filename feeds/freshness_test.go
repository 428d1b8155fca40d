package feeds

import (
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

func TestAssess(t *testing.T) {
	ny := calendar.NewYork()
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	// 2026-11-26 is Thanksgiving (closed), 2026-11-27 a trading day (the
	// calendar has no half days: 16:00 close), 2026-11-28/29 a weekend,
	// 2026-11-30 a Monday.
	tests := []struct {
		name          string
		observed, now time.Time
		daily         bool
		want          Freshness
	}{
		{"never observed", time.Time{}, at(2026, 11, 30, 11, 0), false, FreshUnknown},
		{"quote a minute old in the open session", at(2026, 11, 30, 10, 59), at(2026, 11, 30, 11, 0), false, FreshLive},
		{"exactly DelayedAfter old", at(2026, 11, 30, 10, 50), at(2026, 11, 30, 11, 0), false, FreshLive},
		{"eleven minutes old in the open session", at(2026, 11, 30, 10, 49), at(2026, 11, 30, 11, 0), false, FreshDelayed},
		{"yesterday's close while the session runs", at(2026, 11, 27, 16, 0), at(2026, 11, 30, 11, 0), false, FreshClosed},
		{"Friday's close on Sunday", at(2026, 11, 27, 16, 0), at(2026, 11, 29, 12, 0), false, FreshClosed},
		{"Wednesday's close on Sunday: Friday is missing", at(2026, 11, 25, 16, 0), at(2026, 11, 29, 12, 0), false, FreshStale},
		{"Wednesday's close on Thanksgiving", at(2026, 11, 25, 16, 0), at(2026, 11, 26, 12, 0), false, FreshClosed},
		{"today's close at 16:00 sharp", at(2026, 11, 30, 16, 0), at(2026, 11, 30, 16, 0), false, FreshClosed},
		{"Friday's close just after Monday's close", at(2026, 11, 27, 16, 0), at(2026, 11, 30, 16, 1), false, FreshStale},
		{"Monday 09:29, Friday's close", at(2026, 11, 27, 16, 0), at(2026, 11, 30, 9, 29), false, FreshClosed},
		{"eleven months old", at(2025, 12, 30, 16, 0), at(2026, 12, 1, 11, 0), false, FreshStale},
		{"crypto 5 minutes old on a Sunday", utc(2026, 11, 29, 11, 55), utc(2026, 11, 29, 12, 0), true, FreshLive},
		{"crypto yesterday's UTC bar", utc(2026, 11, 29, 0, 0), utc(2026, 11, 29, 12, 0), true, FreshDelayed},
		{"crypto from the day before yesterday", utc(2026, 11, 27, 23, 0), utc(2026, 11, 29, 12, 0), true, FreshStale},
	}
	for _, tc := range tests {
		if got := Assess(tc.observed, tc.now, tc.daily); got != tc.want {
			t.Errorf("%s: Assess = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestLastClosedSessionAndBarTime(t *testing.T) {
	ny := calendar.NewYork()
	day := func(s string) market.Date { d, _ := market.ParseDate(s); return d }
	for _, tc := range []struct {
		now  time.Time
		want string
	}{
		{time.Date(2026, 11, 30, 15, 59, 0, 0, ny), "2026-11-27"}, // Monday before the close: Friday
		{time.Date(2026, 11, 30, 16, 0, 0, 0, ny), "2026-11-30"},  // at the close
		{time.Date(2026, 11, 27, 10, 0, 0, 0, ny), "2026-11-25"},  // skips Thanksgiving
	} {
		if got := LastClosedSession(tc.now); got != day(tc.want) {
			t.Errorf("LastClosedSession(%v) = %v, want %s", tc.now, got, tc.want)
		}
	}
	// A bar's session close: 16:00 New York (21:00 UTC in winter) for
	// equities, the end of its UTC day for crypto; today's bar fetched
	// mid-session is only as recent as its fetch.
	fetched := time.Date(2026, 11, 30, 11, 0, 0, 0, ny)
	for _, tc := range []struct {
		d       string
		daily   bool
		fetched time.Time
		want    time.Time
	}{
		{"2026-11-27", false, fetched, time.Date(2026, 11, 27, 21, 0, 0, 0, time.UTC)},
		{"2026-11-29", true, fetched, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)},
		{"2026-11-30", false, fetched, fetched},
		{"2026-11-30", false, time.Time{}, time.Date(2026, 11, 30, 21, 0, 0, 0, time.UTC)},
	} {
		if got := BarTime(day(tc.d), tc.daily, tc.fetched); !got.Equal(tc.want) {
			t.Errorf("BarTime(%s, %v) = %v, want %v", tc.d, tc.daily, got.UTC(), tc.want)
		}
	}
}
