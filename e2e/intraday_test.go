package e2e

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
	"github.com/whoosh-dev/whoosh/market"
)

// recentSession is a closed session of the last two weeks whose previous
// session is the weekday before it, so the fake (which knows no holidays)
// and the exchange calendar agree on both.
func recentSession(t *testing.T) calendar.Session {
	t.Helper()
	d := market.DateFromTime(time.Now().In(calendar.NewYork())) - 1
	for range 14 {
		s, ok := calendar.SessionOn(d)
		prev := d - 1
		if d.Weekday() == time.Monday {
			prev = d - 3
		}
		if ok && !s.Half && calendar.IsTradingDay(prev) && s.Previous().Date == prev {
			return s
		}
		d--
	}
	t.Fatal("no ordinary session in the last two weeks")
	return calendar.Session{}
}

// Issue 19's done-when: against a fake Yahoo serving 5-minute bars,
// `snapshot --window 1D --format json` has ≥ 70 time-stamped points per
// basket, ending at the session's close, and each basket's 1D return
// equals its day % to 0.01 pp; an ESSAY snapshot makes no intraday request.
func TestSnapshot1D(t *testing.T) {
	t.Parallel()
	e, y, _ := liveEnv(t)
	s := recentSession(t)
	r := e.mustRun(0, "snapshot", "--source", "yahoo", "--window", "1D", "--asof", s.Date.String(), "--format", "json")
	doc := decodeDoc(t, r.stdout)
	if doc.Window != "1D" || doc.Intraday == nil || doc.Intraday.Session != s.Date.String() {
		t.Fatalf("window %s intraday %+v", doc.Window, doc.Intraday)
	}
	closeAt := s.Close.Format(time.RFC3339)
	for _, b := range []struct {
		name string
		pts  int
		last *string
		ret  float64
		day  float64
	}{
		{"bits", len(doc.Baskets.Bits.History), doc.Baskets.Bits.History[len(doc.Baskets.Bits.History)-1].Time, float64(doc.Baskets.Bits.ReturnPct), float64(doc.Baskets.Bits.DayPct)},
		{"atoms", len(doc.Baskets.Atoms.History), doc.Baskets.Atoms.History[len(doc.Baskets.Atoms.History)-1].Time, float64(doc.Baskets.Atoms.ReturnPct), float64(doc.Baskets.Atoms.DayPct)},
	} {
		if last := deref(b.last); b.pts < 70 || last != closeAt {
			t.Errorf("%s: %d points, last at %q, want ≥ 70 ending %s", b.name, b.pts, last, closeAt)
		}
		if math.IsNaN(b.ret) || math.Abs(b.ret-b.day) > 0.01 {
			t.Errorf("%s: 1D return %v, day %v: differ by more than 0.01 pp", b.name, b.ret, b.day)
		}
	}
	for _, p := range doc.RS.History {
		if p.Time == nil || !strings.HasPrefix(*p.Time, s.Date.String()+"T") {
			t.Fatalf("RS point without a timestamp of the session: %+v", p)
		}
	}
	if y.Count(yahootest.EndpointIntraday) == 0 {
		t.Error("no intraday request")
	}

	y.ResetCounts()
	e.mustRun(0, "snapshot", "--source", "yahoo", "--window", "ESSAY", "--asof", s.Date.String(), "--format", "json")
	if n := y.Count(yahootest.EndpointIntraday); n != 0 {
		t.Errorf("ESSAY snapshot made %d intraday requests, want 0", n)
	}
	// The closed session is cached: a second 1D snapshot asks for no bars.
	e.mustRun(0, "snapshot", "--source", "yahoo", "--window", "1D", "--asof", s.Date.String(), "--format", "json")
	if n := y.Count(yahootest.EndpointIntraday); n != 0 {
		t.Errorf("warm 1D snapshot made %d intraday requests, want 0", n)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<no time>"
	}
	return *s
}
