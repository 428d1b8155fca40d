package ui

import (
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
)

// FormatET is the one way a time is shown to the user: the exchange's
// time, New York, to the minute, marked "ET" ("2026-12-01 16:00 ET"). The
// header, the alert banner, the Alerts screen and the snapshot's alert
// lines all use it.
func FormatET(t time.Time) string {
	return t.In(calendar.NewYork()).Format("2006-01-02 15:04") + " ET"
}
