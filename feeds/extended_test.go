package feeds

import (
	"math"
	"testing"
	"time"
)

// TestExtendedHours: the extended-hours trade shown is the newer of pre
// and post that traded after the regular session's last trade.
func TestExtendedHours(t *testing.T) {
	bell := time.Date(2025, 2, 14, 21, 0, 0, 0, time.UTC) // 16:00 ET
	at := func(h, m int) time.Time { return time.Date(2025, 2, 14, h, m, 0, 0, time.UTC) }
	next := func(h, m int) time.Time { return time.Date(2025, 2, 15, h, m, 0, 0, time.UTC) }
	none := Extended{Price: math.NaN()}
	tests := []struct {
		name      string
		regular   time.Time
		pre, post Extended
		want      string  // session, "" for none
		price     float64 // its price
	}{
		{"neither", bell, none, none, "", 0},
		{"zero price is none (a cache literal)", bell, Extended{}, Extended{}, "", 0},
		{"post after the bell", bell, none, Extended{Price: 244.64, Time: at(23, 0)}, "post", 244.64},
		{"post at the bell itself is not after it", bell, none, Extended{Price: 244.64, Time: bell}, "", 0},
		// During the regular session the last trade is newer than
		// yesterday's post-market: nothing extended shows.
		{"regular session newer than both", next(15, 0), Extended{Price: 240, Time: next(13, 0)}, Extended{Price: 244.64, Time: at(23, 0)}, "", 0},
		// Pre-market of the next morning beats last evening's post.
		{"pre newer than post", bell, Extended{Price: 246, Time: next(12, 0)}, Extended{Price: 244.64, Time: at(23, 0)}, "pre", 246},
		{"no regular time: the newer known one", time.Time{}, Extended{Price: 246, Time: next(12, 0)}, Extended{Price: 244.64, Time: at(23, 0)}, "pre", 246},
		{"infinite price is none", bell, none, Extended{Price: math.Inf(1), Time: at(23, 0)}, "", 0},
	}
	for _, tc := range tests {
		q := Quote{Time: tc.regular, Pre: tc.pre, Post: tc.post}
		s, e, ok := q.ExtendedHours()
		if s != tc.want || ok != (tc.want != "") || (ok && e.Price != tc.price) {
			t.Errorf("%s: %q %+v %v, want %q %v", tc.name, s, e, ok, tc.want, tc.price)
		}
	}
}
