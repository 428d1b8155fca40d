package demo

import (
	"errors"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds"
)

// The no-bars error is true of the demo's range: an as-of date before the
// history says so (never "runs 2019-01-02 to 2010-01-01"); a range outside
// a real history names both.
func TestNoBarsMessage(t *testing.T) {
	cases := []struct {
		asOf, from, to string
		want           string
	}{
		{"2010-01-01", "2004-09-01", "2010-01-01",
			"NVDA: no data: the as-of date 2010-01-01 is before the demo's history, which starts 2019-01-02"},
		{"2025-06-30", "2010-01-01", "2018-12-31",
			"NVDA: no data: no simulated bars from 2010-01-01 to 2018-12-31 (demo history runs 2019-01-02 to 2025-06-30)"},
	}
	for _, c := range cases {
		p := New(date(t, c.asOf))
		hs := history(t, p, date(t, c.from), date(t, c.to), "NVDA")
		if hs[0].Err == nil || hs[0].Err.Error() != c.want || !errors.Is(hs[0].Err, feeds.ErrNoData) {
			t.Errorf("as of %s, %s..%s: err %v, want %q", c.asOf, c.from, c.to, hs[0].Err, c.want)
		}
	}
	if _, err := New(date(t, "2010-01-01")).Series(ctx, "UNRATE"); err == nil || !errors.Is(err, feeds.ErrNoData) {
		t.Errorf("macro before the history: %v", err)
	}
}
