package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnusableCacheIsNotFatal (issue 14): a cache root that cannot be used
// (here a regular file where the directory should be) costs persistence,
// not the run: Yahoo's data is shown, exit 0, one warning saying nothing
// will persist.
func TestUnusableCacheIsNotFatal(t *testing.T) {
	t.Parallel()
	e, _, _ := liveEnv(t)
	file := filepath.Join(t.TempDir(), "cache-is-a-file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.set("WHOOSH_CACHE_DIR", file)
	r := e.mustRun(0, "snapshot", "--source", "yahoo", "--format", "json")
	if n := strings.Count(r.stderr, "nothing will persist"); n != 1 {
		t.Errorf("want one warning that nothing will persist, got %d:\n%s", n, r.stderr)
	}
	if strings.Count(r.stderr, "cache: cache") > 0 {
		t.Errorf("doubled prefix:\n%s", r.stderr)
	}
	doc := decodeDoc(t, r.stdout)
	if !current(doc.Source.Badge) {
		t.Errorf("badge %q, want Yahoo's data", doc.Source.Badge)
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "x" {
		t.Errorf("the file in the cache's place was touched: %q %v", b, err)
	}
}
