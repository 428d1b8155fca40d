package csvfeed

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

func TestParseIntraday(t *testing.T) {
	in := "Time,Close,Volume\n" +
		"2024-10-02T09:30:00-04:00,225.70,100\n" + // RFC 3339 with offset
		"2024-10-02 09:35,225.9,5\n" + // New York local time
		"2024-10-02 09:40,null,0\n" + // no price: skipped
		"2024-10-02T13:45:00Z,226.1,7\n" // UTC: 09:45 EDT
	bars, err := ParseIntraday("x.csv", strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		at    string
		close float64
	}{{"09:30 EDT", 225.70}, {"09:35 EDT", 225.9}, {"09:45 EDT", 226.1}}
	if len(bars) != len(want) {
		t.Fatalf("bars %+v", bars)
	}
	for i, w := range want {
		if bars[i].Time.Format("15:04 MST") != w.at || bars[i].Close != w.close {
			t.Errorf("bar %d = %s %v, want %s %v", i, bars[i].Time.Format("15:04 MST"), bars[i].Close, w.at, w.close)
		}
	}
	for _, bad := range []string{"date,close\n", "time,close\nyesterday,1\n", "time,close\n2024-10-02 09:30,-1\n", "time,close\n2024-10-02 09:30\n"} {
		if _, err := ParseIntraday("x.csv", strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "x.csv:") {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}

func TestCSVIntraday(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, IntradayDir), 0o755)
	os.WriteFile(filepath.Join(dir, IntradayDir, "NVDA.csv"), []byte("time,close\n2024-10-01 15:55,1\n2024-10-02 09:30,2\n2024-10-02 15:55,3\n"), 0o600)
	p, err := New(dir, market.DateOf(2024, 10, 2))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := calendar.SessionOn(market.DateOf(2024, 10, 2))
	got, _ := p.Intraday(context.Background(), []string{"nvda", "GM"}, s, time.Time{})
	// Only the session's two bars; GM has no file.
	if len(got[0].Bars) != 2 || got[0].Bars[1].Close != 3 || got[0].Origin.Kind != feeds.KindCSV {
		t.Fatalf("NVDA %+v", got[0])
	}
	if !errors.Is(got[1].Err, feeds.ErrNoData) {
		t.Fatalf("GM err %v", got[1].Err)
	}
}
