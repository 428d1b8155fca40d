package calendar

import (
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

func TestIsHalfDay(t *testing.T) {
	for _, c := range []struct {
		d    market.Date
		want bool
	}{
		{market.DateOf(2024, 7, 3), true},    // Wednesday before Independence Day
		{market.DateOf(2026, 7, 3), false},   // Friday: the observed holiday (July 4 is a Saturday)
		{market.DateOf(2024, 11, 29), true},  // day after Thanksgiving (Nov 28)
		{market.DateOf(2024, 11, 22), false}, // the Friday before: a full day
		{market.DateOf(2024, 12, 24), true},  // Tuesday, Christmas Eve
		{market.DateOf(2021, 12, 24), false}, // Friday: observed Christmas holiday
		{market.DateOf(2024, 10, 2), false},  // an ordinary Wednesday
		{market.DateOf(2024, 10, 5), false},  // Saturday
	} {
		if got := IsHalfDay(c.d); got != c.want {
			t.Errorf("IsHalfDay(%s) = %v, want %v", c.d, got, c.want)
		}
	}
}

func TestSessionOnAndNewest(t *testing.T) {
	s, ok := SessionOn(market.DateOf(2024, 11, 29))
	if !ok || !s.Half || s.Close.Format("15:04 MST") != "13:00 EST" || s.Open.Format("15:04") != "09:30" {
		t.Fatalf("half day session = %+v, %v", s, ok)
	}
	if _, ok := SessionOn(market.DateOf(2024, 12, 25)); ok {
		t.Fatal("Christmas has no session")
	}
	ny := NewYork()
	for _, c := range []struct {
		at   time.Time
		want market.Date
	}{
		// 09:29 on Wed 2024-10-02: today's session has not opened, so Tuesday's.
		{time.Date(2024, 10, 2, 9, 29, 0, 0, ny), market.DateOf(2024, 10, 1)},
		{time.Date(2024, 10, 2, 9, 30, 0, 0, ny), market.DateOf(2024, 10, 2)},
		{time.Date(2024, 10, 2, 22, 0, 0, 0, ny), market.DateOf(2024, 10, 2)},
		// Saturday: Friday's session.
		{time.Date(2024, 10, 5, 12, 0, 0, 0, ny), market.DateOf(2024, 10, 4)},
	} {
		if got := Newest(c.at).Date; got != c.want {
			t.Errorf("Newest(%s) = %s, want %s", c.at, got, c.want)
		}
	}
	s, _ = SessionOn(market.DateOf(2024, 10, 2))
	if !s.OpenAt(s.Open) || s.OpenAt(s.Close) || !s.ClosedAt(s.Close) {
		t.Error("open/closed boundaries")
	}
	if s.Previous().Date != market.DateOf(2024, 10, 1) {
		t.Errorf("Previous = %s", s.Previous().Date)
	}
}
