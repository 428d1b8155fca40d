package faults

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/cache"
	"github.com/whoosh-dev/whoosh/feeds/yahoo/yahootest"
)

// warmCache is a cache directory filled once by a good snapshot run; rows
// of the matrix copy it.
var warmCache struct {
	once sync.Once
	dir  string
	err  string
}

// warmTemplate returns the template cache directory, filling it on first
// use with a good run of smallConfig against a healthy fake.
func warmTemplate(t *testing.T, fred string) string {
	t.Helper()
	warmCache.once.Do(func() {
		dir, err := os.MkdirTemp("", "whoosh-warm-")
		if err != nil {
			warmCache.err = err.Error()
			return
		}
		srv := yahootest.NewServer()
		defer srv.Close()
		e := &env{root: dir, cache: filepath.Join(dir, "cache"), config: filepath.Join(dir, "config"),
			home: filepath.Join(dir, "home"), yahoo: srv.URL(), fred: fred}
		os.MkdirAll(e.home, 0o700)
		writeFile(t, e.configFile(), smallConfig)
		r := e.snapshot(t, "--source", "yahoo")
		if r.code != 0 || len(warnings(r.stderr)) != 0 {
			warmCache.err = "warm-up run: exit " + strconv.Itoa(r.code) + "\n" + r.stderr
			return
		}
		warmCache.dir = e.cache
	})
	if warmCache.err != "" {
		t.Fatal(warmCache.err)
	}
	return warmCache.dir
}

// copyDir copies the regular files of src into dst (created).
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// ageCache makes every cached history look fetched by days ago, so the
// next run must ask Yahoo for the tail (and meets the fault).
func ageCache(t *testing.T, dir string, by time.Duration) {
	t.Helper()
	st, err := cache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, sym := range smallSymbols {
		e, err := st.Load(sym)
		if err != nil {
			t.Fatalf("aging %s: %v", sym, err)
		}
		e.Fetched = e.Fetched.Add(-by)
		if err := st.Save(e); err != nil {
			t.Fatal(err)
		}
	}
}

// cacheSnapshot is what the cache holds, for before/after comparisons.
type cacheSnapshot struct {
	bars   map[string]int // bars per symbol
	quotes int            // symbols with a saved quote
}

// readCache parses every cache file the way whoosh does and fails the
// test on any that does not parse.
func readCache(t *testing.T, dir string) cacheSnapshot {
	t.Helper()
	st, err := cache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	cs := cacheSnapshot{bars: map[string]int{}}
	ents, err := os.ReadDir(filepath.Join(dir, "history"))
	if err != nil {
		t.Fatal(err)
	}
	for _, de := range ents {
		sym := de.Name()[:len(de.Name())-len(filepath.Ext(de.Name()))]
		e, err := st.Load(sym)
		if err != nil {
			t.Errorf("cache file %s: %v", de.Name(), err)
			continue
		}
		cs.bars[sym] = len(e.Bars)
	}
	qs, err := st.LoadQuotes(smallSymbols)
	if err != nil {
		t.Errorf("quotes file: %v", err)
	}
	cs.quotes = len(qs)
	return cs
}

// checkNoLoss fails when after lost a symbol or bars that before had.
func checkNoLoss(t *testing.T, before, after cacheSnapshot) {
	t.Helper()
	for sym, n := range before.bars {
		if after.bars[sym] < n {
			t.Errorf("cache lost bars of %s: %d before, %d after", sym, n, after.bars[sym])
		}
	}
	if after.quotes < before.quotes {
		t.Errorf("cache lost quotes: %d symbols before, %d after", before.quotes, after.quotes)
	}
}

// TestNullPricesNotZero serves every third bar with null prices and checks
// no cached bar holds a 0 close (finance-go turns null into 0; whoosh must
// drop those days, not chart a crash to zero).
func TestNullPricesNotZero(t *testing.T) {
	fred := fakeFRED(t)
	srv := yahootest.New(t)
	srv.Always(yahootest.EndpointChart, yahootest.Fault{Nulls: true})
	e := newEnv(t, srv.URL(), fred.URL, smallConfig)
	r := e.snapshot(t, "--source", "yahoo")
	checkClean(t, r)
	if r.code != 0 {
		t.Fatalf("exit %d:\n%s", r.code, r.stderr)
	}
	st, err := cache.Open(e.cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, sym := range smallSymbols {
		en, err := st.Load(sym)
		if err != nil {
			t.Fatalf("%s: %v", sym, err)
		}
		if len(en.Bars) == 0 {
			t.Errorf("%s: no bars cached", sym)
		}
		for _, b := range en.Bars {
			if b.Close == 0 || b.AdjClose == 0 {
				t.Errorf("%s %s: close %v adj %v, want the null day dropped", sym, b.Date, b.Close, b.AdjClose)
				break
			}
		}
	}
}
