package cache

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
)

// TestMemoDecodesOnceAndSeesEveryWrite: the second read of an unchanged
// file costs no decode, the third does (the memo lets go); a write by
// another store (another process) is seen at once.
func TestMemoDecodesOnceAndSeesEveryWrite(t *testing.T) {
	a := openTemp(t)
	b, err := Open(a.Dir())
	if err != nil {
		t.Fatal(err)
	}
	fetched := time.Date(2024, 3, 20, 22, 0, 0, 0, time.UTC)
	entry := func(close float64) Entry {
		return Entry{Symbol: "AAPL", Provider: "yahoo", Fetched: fetched, Bars: []feeds.Bar{{Date: d("2024-03-20"), Close: close, AdjClose: close}}}
	}
	if err := a.Save(entry(1)); err != nil {
		t.Fatal(err)
	}
	if e, err := a.Load("AAPL"); err != nil || e.Bars[0].Close != 1 {
		t.Fatalf("Load = %v, %v", e.Bars, err)
	}
	// The same bytes length and time with other content: only a decode
	// would see it, so the remembered entry is what Load returns.
	path := filepath.Join(a.Dir(), "history", "AAPL.json")
	fi, _ := os.Stat(path)
	raw, _ := os.ReadFile(path)
	swapped := []byte(string(raw[:len(raw)-len(`[1],"adj_close":[1]}`)]) + `[7],"adj_close":[7]}`)
	if err := os.WriteFile(path, swapped, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(path, fi.ModTime(), fi.ModTime())
	if e, _ := a.Load("AAPL"); e.Bars[0].Close != 1 {
		t.Errorf("an unchanged stamp was decoded again: close %v", e.Bars[0].Close)
	}
	if len(a.memo.m) != 0 {
		t.Errorf("the memo holds %d entries after their second read", len(a.memo.m))
	}
	// Handed out once, the entry is forgotten (the process does not keep
	// every history's bars): the next read decodes the file.
	if e, _ := a.Load("AAPL"); e.Bars[0].Close != 7 {
		t.Errorf("a third read came from memory (close %v), want the file's 7", e.Bars[0].Close)
	}

	// Another process's write changes the stamp: seen at once.
	if err := b.Save(entry(2)); err != nil {
		t.Fatal(err)
	}
	if e, err := a.Load("AAPL"); err != nil || e.Bars[0].Close != 2 {
		t.Errorf("after another store's write: %v, %v; want close 2", e.Bars, err)
	}
}

// TestMergeLeavesNothingInTheMemo: a merge reads the file it is about to
// rewrite; what it decoded must not stay in memory (the next read is a
// day away and the file will have changed by then).
func TestMergeLeavesNothingInTheMemo(t *testing.T) {
	s := openTemp(t)
	fetched := time.Date(2024, 3, 20, 22, 0, 0, 0, time.UTC)
	bar := func(day string, c float64) feeds.Bar { return feeds.Bar{Date: d(day), Close: c, AdjClose: c} }
	if err := s.Save(Entry{Symbol: "AAPL", Provider: "yahoo", Fetched: fetched, Bars: []feeds.Bar{bar("2024-03-19", 1)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Merge("AAPL", "yahoo", fetched, d("2024-03-19"), d("2024-03-20"), []feeds.Bar{bar("2024-03-20", 2)}); err != nil {
		t.Fatal(err)
	}
	if n := len(s.memo.m); n != 0 {
		t.Errorf("the memo holds %d entries after a merge", n)
	}
}
