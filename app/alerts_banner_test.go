package app

import (
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/alerts"
	"github.com/whoosh-dev/whoosh/market"
)

// The banner dates a firing in New York time marked ET, as the header and
// the Alerts screen do, never in UTC.
func TestBannerTimeIsET(t *testing.T) {
	rule := market.AlertFiring{Rule: "r", When: market.AlertCond{Op: ">", Value: 60}, Value: market.AlertValue{Num: 61, OK: true}}
	cases := []struct {
		name string
		at   time.Time
		want string
	}{
		// 21:00 UTC on 1 Dec is 16:00 EST (UTC−5).
		{"winter", time.Date(2026, 12, 1, 21, 0, 0, 0, time.UTC), "ALERT 2026-12-01 16:00 ET "},
		// 20:00 UTC on 30 Jun is 16:00 EDT (UTC−4).
		{"summer", time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC), "ALERT 2025-06-30 16:00 ET "},
		// 02:30 UTC on 2 Dec is still 1 Dec in New York (21:30 EST).
		{"date before UTC's", time.Date(2026, 12, 2, 2, 30, 0, 0, time.UTC), "ALERT 2026-12-01 21:30 ET "},
	}
	for _, c := range cases {
		f := rule
		f.At = c.at
		got := Banner([]alerts.Delivered{{Event: alerts.Event{Firing: f}}})
		if !strings.HasPrefix(got, c.want) {
			t.Errorf("%s: Banner = %q, want prefix %q", c.name, got, c.want)
		}
	}
}
