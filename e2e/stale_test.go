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

// TestFailOnStale: ages are data ages. Fresh Yahoo data passes a limit
// that covers the longest market closure (a three-day weekend); a Yahoo
// whose newest bar is months old (issue 13) is never LIVE nor age 0, its
// window ends at that bar's date, and --fail-on-stale 24h exits 3 after
// printing the snapshot, naming the stale data on stderr.
func TestFailOnStale(t *testing.T) {
	t.Parallel()
	e, y, _ := liveEnv(t)
	r := e.mustRun(0, "snapshot", "--source", "yahoo", "--format", "json", "--fail-on-stale", "96h")
	if r.stderr != "" {
		t.Errorf("fresh data: stderr %q", r.stderr)
	}

	old, oy, _ := liveEnv(t)
	// The fake's world ends on Tuesday 2025-12-30, after the close: its
	// newest bar is that day's, its quotes were last traded then.
	oy.SetNow(func() time.Time { return time.Date(2025, 12, 30, 22, 0, 0, 0, time.UTC) })
	stale := old.mustRun(3, "snapshot", "--source", "yahoo", "--format", "json", "--fail-on-stale", "24h")
	if !strings.Contains(stale.stderr, "stale:") || !strings.Contains(stale.stderr, "limit 24h") {
		t.Errorf("stderr does not report stale data:\n%s", stale.stderr)
	}
	doc := decodeDoc(t, stale.stdout) // the snapshot is still written
	if doc.Source.Badge != "STALE" || !doc.Source.Stale {
		t.Errorf("source %+v, want STALE", doc.Source)
	}
	if doc.AsOf == nil || *doc.AsOf != "2025-12-30" {
		t.Errorf("as_of %v, want the newest bar's date 2025-12-30", doc.AsOf)
	}
	for _, s := range doc.Symbols {
		if s.Source == "LIVE" || float64(s.AgeSeconds) < 24*3600 {
			t.Errorf("%s: source %s age %v s, want STALE and older than a day", s.Symbol, s.Source, s.AgeSeconds)
		}
	}
	text := old.mustRun(0, "snapshot", "--source", "yahoo")
	head := strings.SplitN(text.stdout, "\n", 3)
	if strings.Contains(text.stdout, "LIVE") || !strings.Contains(strings.Join(head[:2], " "), "→2025-12-30") {
		t.Errorf("text: want no LIVE and a window ending 2025-12-30:\n%s", strings.Join(head[:2], "\n"))
	}
	y.ResetCounts()
	// Without the flag stale data is not an error.
	e.mustRun(0, "snapshot", "--source", "cache", "--format", "json")
}
