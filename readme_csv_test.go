package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshotCSV runs the demo snapshot in process with extra args and returns
// its CSV records (header dropped).
func snapshotCSV(t *testing.T, extra ...string) [][]string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_CACHE_HOME", dir)
	cfg := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(cfg, []byte("window: ESSAY\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("WHOOSH_CONFIG", cfg)
	var out, errb bytes.Buffer
	args := append([]string{"snapshot", "--source", "demo", "--asof", "2025-06-30", "--format", "csv"}, extra...)
	if code := run(args, strings.NewReader(""), &out, &errb); code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errb.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv: %v (%d records)", err, len(recs))
	}
	return recs[1:]
}

// README states exactly what each CSV table holds: every series name of the
// default (series) table is named, thesis.<id> rows are promised for the
// metrics table only, and they are there and not in the series table.
func TestReadmeCSVTables(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Join(strings.Fields(string(readme)), " ") // line breaks do not matter
	series := map[string]bool{}
	for _, r := range snapshotCSV(t) {
		series[r[1]] = true
	}
	for name := range series {
		if strings.HasPrefix(name, "thesis.") {
			t.Errorf("series table has a thesis row %q", name)
		}
		if strings.HasPrefix(name, "macro.") {
			name = "macro.<FRED id>"
		}
		if !strings.Contains(doc, "`"+name+"`") {
			t.Errorf("README does not name the series %q", name)
		}
	}
	thesis := 0
	for _, r := range snapshotCSV(t, "--csv-table", "metrics") {
		if strings.HasPrefix(r[0], "thesis.") {
			thesis++
		}
	}
	if thesis == 0 {
		t.Error("metrics table has no thesis.<id> rows")
	}
	for _, want := range []string{"`--csv-table metrics`: `metric,value,unit,source`", "`thesis.<claim id>`", "No thesis rows."} {
		if !strings.Contains(doc, want) {
			t.Errorf("README lacks %q", want)
		}
	}
}
