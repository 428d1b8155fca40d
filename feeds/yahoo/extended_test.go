package yahoo

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

// TestReplayQuotesExtendedHours reads the post-market trade of the
// recorded answers. quote-AAPL.json (recorded Sat 2025-02-15, market
// CLOSED) has postMarketPrice 244.64, postMarketChange 0.0399933 (244.64 −
// the regular 244.6), postMarketChangePercent 0.0163505 (0.04/244.6×100, a
// percent like every Yahoo percent) at 1739581198 = 2025-02-14 19:59:58
// ET, after the regular close 1739566800 (16:00 ET); no preMarket fields.
// BTC-USD trades around the clock and has neither.
func TestReplayQuotesExtendedHours(t *testing.T) {
	tests := []struct {
		file, sym  string
		post       feeds.Extended
		preMissing bool
		session    string // what ExtendedHours picks, "" for none
	}{
		{"quote-AAPL.json", "AAPL", feeds.Extended{Price: 244.64, Change: 0.0399933, ChangePct: 0.0163505, Time: time.Unix(1739581198, 0).UTC()}, true, "post"},
		{"quote-AAPL-BABA.json", "BABA", feeds.Extended{Price: 124.81, Change: 0.0799942, ChangePct: 0.0641339, Time: time.Unix(1739581199, 0).UTC()}, true, "post"},
		{"quote-BTC-USD.json", "BTC-USD", feeds.Extended{Price: math.NaN(), Change: math.NaN(), ChangePct: math.NaN()}, true, ""},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tc := range tests {
		p := replay(t, 200, tc.file)
		qs, err := p.Quotes(context.Background(), []string{tc.sym})
		if err != nil || qs[0].Err != nil {
			t.Fatalf("%s: %v %v", tc.sym, err, qs[0].Err)
		}
		q := qs[0]
		if !same(q.Post.Price, tc.post.Price) || !same(q.Post.Change, tc.post.Change) ||
			!same(q.Post.ChangePct, tc.post.ChangePct) || !q.Post.Time.Equal(tc.post.Time) {
			t.Errorf("%s post = %+v, want %+v", tc.sym, q.Post, tc.post)
		}
		if tc.preMissing && q.Pre.Known() {
			t.Errorf("%s pre = %+v, want none", tc.sym, q.Pre)
		}
		// The regular-session numbers stay the regular session's.
		if q.Price == q.Post.Price {
			t.Errorf("%s: the post-market price leaked into Price", tc.sym)
		}
		if s, _, _ := q.ExtendedHours(); s != tc.session {
			t.Errorf("%s ExtendedHours session = %q, want %q", tc.sym, s, tc.session)
		}
	}
}

// TestExtendedConversion: finance-go's 0 is "missing" for a price; a 0
// change stands only when the extended price equals the regular one.
func TestExtendedConversion(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name               string
		price, chg, pct    float64
		tm                 int
		regular            float64
		wPrice, wChg, wPct float64
		wantTime           bool
	}{
		{"missing", 0, 0, 0, 0, 100, nan, nan, nan, false},
		{"negative price", -1, 0.5, 0.5, 5, 100, nan, nan, nan, false},
		{"up", 101, 1, 1, 1739581198, 100, 101, 1, 1, true},
		{"unchanged", 100, 0, 0, 1739581198, 100, 100, 0, 0, true},
		{"zero change beside a move is missing", 101, 0, 0, 1739581198, 100, 101, nan, nan, true},
		{"time in ms is not a time", 101, 1, 1, 1739581198000, 100, 101, 1, 1, false},
	}
	same := func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }
	for _, tc := range tests {
		e := extended(tc.price, tc.chg, tc.pct, tc.tm, tc.regular)
		if !same(e.Price, tc.wPrice) || !same(e.Change, tc.wChg) || !same(e.ChangePct, tc.wPct) || e.Time.IsZero() == tc.wantTime {
			t.Errorf("%s: %+v, want price %v change %v pct %v time %v", tc.name, e, tc.wPrice, tc.wChg, tc.wPct, tc.wantTime)
		}
	}
}
