package e2e

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ageCache makes every file of the cache in dir look d older: it moves back
// the "fetched" time of each history file and saved quote and the "saved"
// time of each blob (FRED series). From outside the process this is the
// honest way to get a cache filled by a real run "hours ago": the binary
// has no clock to inject, and the bars themselves stay what the fake
// served.
func ageCache(t *testing.T, dir string, d time.Duration) {
	t.Helper()
	shift := func(v any) any {
		s, ok := v.(string)
		if !ok {
			t.Fatalf("cache time %v is not a string", v)
		}
		tm, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatalf("cache time %q: %v", s, err)
		}
		return tm.Add(-d).UTC().Format(time.RFC3339Nano)
	}
	n := 0
	err := filepath.WalkDir(dir, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || filepath.Ext(path) != ".json" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var f map[string]any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber() // keep prices exactly as written
		if err := dec.Decode(&f); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		switch {
		case filepath.Base(path) == "quotes.json":
			for _, q := range f["quotes"].(map[string]any) {
				q := q.(map[string]any)
				q["fetched"] = shift(q["fetched"])
			}
		case f["fetched"] != nil:
			f["fetched"] = shift(f["fetched"])
		case f["saved"] != nil:
			f["saved"] = shift(f["saved"])
		default:
			t.Fatalf("%s: no time to age", path)
		}
		out, err := json.Marshal(f)
		if err != nil {
			return err
		}
		n++
		return os.WriteFile(path, out, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatalf("no cache files under %s", dir)
	}
}

// TestFailOnStale is issue 7's staleness check: a cache filled by a real
// run against the fake Yahoo, then aged two hours, read back with
// --source cache (no network): --fail-on-stale 1h exits 3 after printing
// the snapshot, naming the stale data on stderr; a 3h limit passes, and so
// does any limit on data just fetched.
func TestFailOnStale(t *testing.T) {
	t.Parallel()
	e, _, _ := liveEnv(t)
	r := e.mustRun(0, "snapshot", "--source", "yahoo", "--format", "json", "--fail-on-stale", "1h")
	if r.stderr != "" {
		t.Errorf("fresh data: stderr %q", r.stderr)
	}
	ageCache(t, e.cache, 2*time.Hour)

	stale := e.mustRun(3, "snapshot", "--source", "cache", "--format", "json", "--fail-on-stale", "1h")
	if !strings.Contains(stale.stderr, "stale:") || !strings.Contains(stale.stderr, "2h0m") {
		t.Errorf("stderr does not report 2h stale data:\n%s", stale.stderr)
	}
	doc := decodeDoc(t, stale.stdout) // the snapshot is still written
	if doc.Source.Badge != "CACHED 2h" || !doc.Source.Stale {
		t.Errorf("source %+v, want CACHED 2h, stale", doc.Source)
	}
	e.mustRun(0, "snapshot", "--source", "cache", "--format", "json", "--fail-on-stale", "3h")
	// Without the flag stale data is not an error.
	e.mustRun(0, "snapshot", "--source", "cache", "--format", "json")
}

// TestFailOnStaleDemo: demo and CSV data are measured on their own clock,
// so --fail-on-stale never trips on a fixed as-of date.
func TestFailOnStaleDemo(t *testing.T) {
	e := newEnv(t)
	r := e.run(demoRun("--fail-on-stale", "1m")...)
	if r.code != 0 {
		t.Errorf("demo at a fixed as-of date: exit %d, want 0\n%s", r.code, r.stderr)
	}
}
