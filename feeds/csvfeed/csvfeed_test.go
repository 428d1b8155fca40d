package csvfeed

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

var ctx = context.Background()

// fixture writes files into a temporary directory and returns a provider
// reading it.
func fixture(t *testing.T, files map[string]string) (*Provider, string) {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := New(dir, day("2099-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	return p, dir
}

func TestNew(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		dir  string
		want string // substring of the error, "" for success
	}{
		{dir, ""},
		{"", "no directory given"},
		{filepath.Join(dir, "nope"), "no such file or directory"},
		{file, "is not a directory"},
	}
	for _, tt := range tests {
		p, err := New(tt.dir, day("2024-03-20"))
		if tt.want == "" {
			if err != nil || p.Name() != "csv:"+tt.dir || p.Dir() != tt.dir {
				t.Errorf("New(%q) = %v, %v", tt.dir, p, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("New(%q) error %v, want it to contain %q", tt.dir, err, tt.want)
		}
	}
}

func TestHistory(t *testing.T) {
	p, dir := fixture(t, map[string]string{
		"NVDA.csv":    yahooSample,
		"btc-usd.CSV": "date,close\n2024-03-16,68000\n2024-03-17,68300\n",
		"GM.csv":      "date,close\n2024-03-19,43.5\n2024-03-20,oops\n",
		"EMPTY.csv":   "date,close\n",
	})
	// The file's modification time must not matter: output from the same
	// files is the same on every machine.
	mtime := time.Date(2024, 3, 21, 8, 30, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dir, "NVDA.csv"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	// "Fetched" is the last row's close: 2024-03-20 16:00 EDT = 20:00 UTC.
	lastClose := time.Date(2024, 3, 20, 20, 0, 0, 0, time.UTC)
	if err := os.Mkdir(filepath.Join(dir, "DIR.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	hs, err := p.History(ctx, []string{"NVDA", "BTC-USD", "GM", "TSLA", "EMPTY", "../etc/passwd", "DIR"}, day("2024-03-19"), day("2024-03-31"))
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 7 {
		t.Fatalf("%d results, want 7", len(hs))
	}
	nvda, btc, gm, tsla, empty, bad, isDir := hs[0], hs[1], hs[2], hs[3], hs[4], hs[5], hs[6]

	// NVDA: 2024-03-18 is before from, so two of the three rows.
	want := []feeds.Bar{{Date: day("2024-03-19"), Close: 89.35, AdjClose: 89.33}, {Date: day("2024-03-20"), Close: 90.36, AdjClose: 90.34}}
	if nvda.Err != nil || !sameBars(nvda.Bars, want) {
		t.Errorf("NVDA: %v %+v", nvda.Err, nvda.Bars)
	}
	if o := nvda.Origin; o.Kind != feeds.KindCSV || o.Provider != "csv:"+dir || !o.Fetched.Equal(lastClose) {
		t.Errorf("NVDA origin %+v, want CSV from csv:%s fetched %v", o, dir, lastClose)
	}
	// BTC-USD: found as btc-usd.CSV, but both rows are before from.
	if !errors.Is(btc.Err, feeds.ErrNoData) || !strings.Contains(btc.Err.Error(), "no rows from 2024-03-19 to 2024-03-31") {
		t.Errorf("BTC-USD: %v", btc.Err)
	}
	// GM: one bad row fails the whole symbol, with file:line.
	var fe *FileError
	wantGM := "GM: " + filepath.Join(dir, "GM.csv") + `:3: bad close "oops"`
	if !errors.As(gm.Err, &fe) || gm.Err.Error() != wantGM || gm.Bars != nil {
		t.Errorf("GM: %v (%d bars), want %s", gm.Err, len(gm.Bars), wantGM)
	}
	var se *feeds.SymbolError
	if !errors.As(gm.Err, &se) || se.Symbol != "GM" {
		t.Errorf("GM error %T is not a SymbolError for GM", gm.Err)
	}
	wantTSLA := "TSLA: no data: no file " + filepath.Join(dir, "TSLA.csv")
	if !errors.Is(tsla.Err, feeds.ErrNoData) || tsla.Err.Error() != wantTSLA {
		t.Errorf("TSLA: %v, want %s", tsla.Err, wantTSLA)
	}
	if !errors.Is(empty.Err, feeds.ErrNoData) || !strings.Contains(empty.Err.Error(), "has no price rows") {
		t.Errorf("EMPTY: %v", empty.Err)
	}
	if !errors.Is(bad.Err, feeds.ErrUnknownSymbol) {
		t.Errorf("../etc/passwd: %v, want ErrUnknownSymbol", bad.Err)
	}
	if isDir.Err == nil || !strings.Contains(isDir.Err.Error(), "not a regular file") {
		t.Errorf("DIR: %v, want not a regular file", isDir.Err)
	}
	for i, s := range []string{"NVDA", "BTC-USD", "GM", "TSLA", "EMPTY", "../etc/passwd", "DIR"} {
		if hs[i].Symbol != s {
			t.Errorf("result %d is %q, want %q", i, hs[i].Symbol, s)
		}
	}
}

func TestHistoryCaseInsensitiveSymbol(t *testing.T) {
	p, _ := fixture(t, map[string]string{"BTC-USD.csv": "date,close\n2024-03-16,68000\n"})
	hs, err := p.History(ctx, []string{"btc-usd"}, day("2024-01-01"), day("2024-12-31"))
	if err != nil || hs[0].Err != nil || len(hs[0].Bars) != 1 || hs[0].Bars[0].Close != 68000 {
		t.Fatalf("btc-usd: %v %+v", err, hs)
	}
}

func TestQuotes(t *testing.T) {
	p, dir := fixture(t, map[string]string{
		"NVDA.csv": yahooSample,
		"ONE.csv":  "date,close,adj_close\n2024-03-20,null,12.5\n",
	})
	qs, err := p.Quotes(ctx, []string{"NVDA", "ONE", "NONE"})
	if err != nil {
		t.Fatal(err)
	}
	nvda, one, none := qs[0], qs[1], qs[2]
	// Last two closes: 90.36 and 89.35, change 1.01, 1.01/89.35 = 1.1304%.
	if nvda.Err != nil || nvda.Price != 90.36 || nvda.PrevClose != 89.35 ||
		math.Abs(nvda.Change-1.01) > 1e-9 || math.Abs(nvda.ChangePct-1.1304) > 1e-4 {
		t.Errorf("NVDA quote %+v", nvda)
	}
	if !math.IsNaN(nvda.MarketCap) || !math.IsNaN(nvda.SharesOutstanding) || nvda.MarketState != "CLOSED" {
		t.Errorf("NVDA: cap %v shares %v state %q; want NaN, NaN, CLOSED", nvda.MarketCap, nvda.SharesOutstanding, nvda.MarketState)
	}
	// 16:00 EDT on 2024-03-20 is 20:00 UTC.
	if got := nvda.Time.UTC().Format(time.RFC3339); got != "2024-03-20T20:00:00Z" {
		t.Errorf("NVDA time %s", got)
	}
	if nvda.Origin.Kind != feeds.KindCSV || nvda.Origin.Provider != "csv:"+dir || !nvda.Origin.Fetched.Equal(nvda.Time) {
		t.Errorf("NVDA origin %+v", nvda.Origin)
	}
	// One row, close missing: the adjusted close is the price, no change.
	if one.Err != nil || one.Price != 12.5 || !math.IsNaN(one.Change) || !math.IsNaN(one.PrevClose) {
		t.Errorf("ONE quote %+v", one)
	}
	if !errors.Is(none.Err, feeds.ErrNoData) || !math.IsNaN(none.Price) {
		t.Errorf("NONE: %v price %v", none.Err, none.Price)
	}
}

func TestQuotesStopAtAsOf(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "NVDA.csv"), []byte(yahooSample), 0o644); err != nil {
		t.Fatal(err)
	}
	// As of 2024-03-19 the last row is that day's 89.35, against 03-18's.
	p, err := New(dir, day("2024-03-19"))
	if err != nil {
		t.Fatal(err)
	}
	qs, _ := p.Quotes(ctx, []string{"NVDA"})
	if q := qs[0]; q.Err != nil || q.Price != 89.35 || q.Time.Format(time.DateOnly) != "2024-03-19" {
		t.Errorf("quote as of 2024-03-19: %+v", q)
	}
	// Before the first row: no quote, and says why.
	p, _ = New(dir, day("2024-01-02"))
	if qs, _ := p.Quotes(ctx, []string{"NVDA"}); !errors.Is(qs[0].Err, feeds.ErrNoData) {
		t.Errorf("quote before the first row: %v", qs[0].Err)
	}
}

func TestCancelledContext(t *testing.T) {
	p, _ := fixture(t, map[string]string{"NVDA.csv": yahooSample})
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.History(c, []string{"NVDA"}, day("2024-01-01"), day("2024-12-31")); !errors.Is(err, context.Canceled) {
		t.Errorf("History: %v", err)
	}
	if _, err := p.Quotes(c, []string{"NVDA"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Quotes: %v", err)
	}
}
