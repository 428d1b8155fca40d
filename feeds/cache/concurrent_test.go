package cache

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// The helper process: when WHOOSH_CACHE_HELPER is set, this test binary
// acts as a second whoosh writing into the cache at WHOOSH_CACHE_DIR.
const helperEnv = "WHOOSH_CACHE_HELPER"

var base = market.DateOf(2020, 1, 1)

// mergeOneByOne merges n single-bar fetches of symbol, on dates
// base+offset, base+offset+2, … (each date's close is its day number).
func mergeOneByOne(s *Store, symbol string, offset, n int) error {
	for i := 0; i < n; i++ {
		day := base.AddDays(offset + 2*i)
		bar := feeds.Bar{Date: day, Close: float64(day), AdjClose: float64(day)}
		if _, err := s.Merge(symbol, "fake", time.Now(), day, day, []feeds.Bar{bar}); err != nil {
			return err
		}
	}
	return nil
}

func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("only runs as a helper process")
	}
	s, err := Open(os.Getenv(EnvDir))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	switch mode {
	case "merge-even", "merge-odd":
		offset := 0
		if mode == "merge-odd" {
			offset = 1
		}
		if err := mergeOneByOne(s, "SPY", offset, 40); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		os.Exit(0)
	case "write-forever":
		for i := 0; ; i++ {
			bars := make([]feeds.Bar, 2000)
			for j := range bars {
				bars[j] = feeds.Bar{Date: base.AddDays(j), Close: float64(i + 1), AdjClose: float64(i + 1)} // prices are > 0
			}
			if err := s.Save(Entry{Symbol: "SPY", Provider: "fake", Fetched: time.Now(), From: base, To: base.AddDays(1999), Bars: bars}); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(4)
			}
		}
	}
	os.Exit(5)
}

func helper(t *testing.T, dir, mode string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, EnvDir+"="+dir)
	cmd.Stderr = os.Stderr
	return cmd
}

// checkUnion asserts that SPY holds exactly the 2n bars both writers merged.
func checkUnion(t *testing.T, s *Store, n int) {
	t.Helper()
	e, err := s.Load("SPY")
	if err != nil {
		t.Fatalf("Load after concurrent merges: %v", err)
	}
	if len(e.Bars) != 2*n {
		t.Fatalf("%d bars, want %d (a writer's bars were lost)", len(e.Bars), 2*n)
	}
	for i, b := range e.Bars {
		if want := base.AddDays(i); b.Date != want || b.Close != float64(want) {
			t.Fatalf("bar %d = %+v, want date %s close %d", i, b, want, int(want))
		}
	}
}

func TestTwoGoroutinesMergeEverything(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	// Two Stores on one directory, as two parts of a program might open it.
	a, _ := Open(dir)
	b, _ := Open(dir)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, s := range []*Store{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = mergeOneByOne(s, "SPY", i, 40)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	checkUnion(t, a, 40)
}

func TestTwoProcessesMergeEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := filepath.Join(t.TempDir(), "c")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	even, odd := helper(t, dir, "merge-even"), helper(t, dir, "merge-odd")
	if err := even.Start(); err != nil {
		t.Fatal(err)
	}
	if err := odd.Start(); err != nil {
		t.Fatal(err)
	}
	errEven, errOdd := even.Wait(), odd.Wait()
	if errEven != nil || errOdd != nil {
		t.Fatalf("helpers: %v, %v", errEven, errOdd)
	}
	checkUnion(t, s, 40)
}

func TestKilledWriterLeavesReadableCache(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	dir := filepath.Join(t.TempDir(), "c")
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "history", "SPY.json")
	for round := 0; round < 5; round++ {
		cmd := helper(t, dir, "write-forever")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait for the first complete write, then let it run into the
		// middle of later ones before SIGKILL. Where exactly it dies does
		// not matter: every instant must leave a readable file.
		for i := 0; i < 500; i++ {
			if _, err := os.Stat(path); err == nil {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(time.Duration(round*7) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		e, err := s.Load("SPY")
		if err != nil {
			t.Fatalf("round %d: cache unreadable after SIGKILL: %v", round, err)
		}
		if len(e.Bars) != 2000 {
			t.Fatalf("round %d: %d bars, want 2000", round, len(e.Bars))
		}
		// Every bar of one file comes from one write.
		first := e.Bars[0].Close
		for _, b := range e.Bars {
			if b.Close != first {
				t.Fatalf("round %d: mixed writes in one file (%v and %v)", round, first, b.Close)
			}
		}
	}
}
