package e2e

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/whoosh-dev/whoosh/ui/snapshot"
)

// demoArgs is issue 3's and issue 7's done-when command, without --format.
var demoArgs = []string{"snapshot", "--source", "demo", "--asof", "2025-06-30"}

func demoRun(extra ...string) []string { return append(append([]string{}, demoArgs...), extra...) }

// TestSnapshotGolden runs every format twice on the demo source at a fixed
// as-of date: both runs must exit 0 with identical bytes, no warning, and
// match the golden file (go test ./e2e -update rewrites them).
func TestSnapshotGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
	}{
		{"demo-2025-06-30.txt", demoRun("--format", "text")},
		{"demo-2025-06-30.md", demoRun("--format", "markdown")},
		{"demo-2025-06-30.json", demoRun("--format", "json")},
		{"demo-2025-06-30-series.csv", demoRun("--format", "csv")},
		{"demo-2025-06-30-series.csv", demoRun("--format", "csv", "--csv-table", "series")},
		{"demo-2025-06-30-metrics.csv", demoRun("--format", "csv", "--csv-table", "metrics")},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[5:], "_"), func(t *testing.T) {
			e := newEnv(t)
			first := e.mustRun(0, tt.args...)
			second := e.mustRun(0, tt.args...)
			if first.stdout != second.stdout {
				t.Fatalf("two runs differ:\n%s\n%s", first, second)
			}
			if first.stderr != "" {
				t.Errorf("demo run printed on stderr: %q", first.stderr)
			}
			if strings.Contains(first.stdout, "\x1b") {
				t.Errorf("output contains an ESC byte")
			}
			golden(t, tt.golden, first.stdout)
		})
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./e2e -update)", err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := 0; i < len(gl) && i < len(wl); i++ {
			if gl[i] != wl[i] {
				t.Fatalf("%s differs at line %d:\n got: %q\nwant: %q", path, i+1, gl[i], wl[i])
			}
		}
		t.Fatalf("%s differs in length: got %d lines, want %d", path, len(gl), len(wl))
	}
}

// TestSnapshotJSONSchema decodes the demo JSON into the typed document and
// checks issue 3's done-when: schema version 1, the score in [0,100], and
// exactly five components, each present or saying why not.
func TestSnapshotJSONSchema(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun(0, demoRun("--format", "json")...)
	doc := decodeDoc(t, r.stdout)
	if doc.SchemaVersion != 1 {
		t.Errorf("schema_version = %d, want 1", doc.SchemaVersion)
	}
	if doc.Source.Badge != "DEMO (simulated)" || doc.Source.Provider != "demo" {
		t.Errorf("source = %+v, want the DEMO badge", doc.Source)
	}
	if doc.AsOf == nil || *doc.AsOf != "2025-06-30" || doc.Window != "ESSAY" {
		t.Errorf("as_of %v window %q, want 2025-06-30 ESSAY", doc.AsOf, doc.Window)
	}
	checkWhoosh(t, doc, true)
	if doc.Macro == nil || len(doc.Macro.Series) != 3 {
		t.Errorf("demo JSON has no macro block with three series: %+v", doc.Macro)
	}
	if len(doc.Baskets.Bits.Members) == 0 || len(doc.Baskets.Atoms.Members) == 0 {
		t.Errorf("empty baskets: bits %d atoms %d members", len(doc.Baskets.Bits.Members), len(doc.Baskets.Atoms.Members))
	}
	for _, s := range doc.Symbols {
		if s.Source != "DEMO" {
			t.Errorf("symbol %s labelled %q, want DEMO", s.Symbol, s.Source)
		}
	}
	if len(doc.Warnings) != 0 {
		t.Errorf("warnings = %q, want none", doc.Warnings)
	}
}

func decodeDoc(t *testing.T, s string) snapshot.Document {
	t.Helper()
	var doc snapshot.Document
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("JSON does not decode into snapshot.Document: %v", err)
	}
	if dec.More() {
		t.Fatalf("JSON has trailing data")
	}
	return doc
}

// checkWhoosh checks the score and the five components; wantLabor says
// whether the labor leg must be present (it needs FRED or demo macro data).
func checkWhoosh(t *testing.T, doc snapshot.Document, wantLabor bool) {
	t.Helper()
	score := float64(doc.Whoosh.Score)
	if math.IsNaN(score) || score < 0 || score > 100 {
		t.Errorf("whoosh score %v outside [0,100]", score)
	}
	keys := []string{"rotation", "crypto", "havens", "tesla_drift", "labor"}
	if len(doc.Whoosh.Components) != len(keys) {
		t.Fatalf("whoosh has %d components, want 5: %+v", len(doc.Whoosh.Components), doc.Whoosh.Components)
	}
	for i, c := range doc.Whoosh.Components {
		if c.Key != keys[i] {
			t.Errorf("component %d is %q, want %q", i, c.Key, keys[i])
		}
		if !c.Present && c.Why == "" {
			t.Errorf("component %s is absent and does not say why", c.Key)
		}
		if c.Present && math.IsNaN(float64(c.Raw)) {
			t.Errorf("component %s is present with a null raw value", c.Key)
		}
	}
	if wantLabor && !doc.Whoosh.Components[4].Present {
		t.Errorf("labor component absent: %q", doc.Whoosh.Components[4].Why)
	}
}

// TestSnapshotCSVParses reads both CSV tables back with encoding/csv: every
// record has the header's field count and the header is the documented one.
func TestSnapshotCSVParses(t *testing.T) {
	tests := []struct {
		table  string
		header []string
	}{
		{"series", []string{"date", "series", "value"}},
		{"metrics", []string{"metric", "value", "unit", "source"}},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			e := newEnv(t)
			r := e.mustRun(0, demoRun("--format", "csv", "--csv-table", tt.table)...)
			cr := csv.NewReader(strings.NewReader(r.stdout))
			recs, err := cr.ReadAll() // FieldsPerRecord 0: every record as long as the first
			if err != nil {
				t.Fatalf("encoding/csv: %v", err)
			}
			if len(recs) < 100 {
				t.Fatalf("only %d records", len(recs))
			}
			if strings.Join(recs[0], ",") != strings.Join(tt.header, ",") {
				t.Errorf("header %q, want %q", recs[0], tt.header)
			}
			if tt.table == "metrics" {
				found := false
				for _, rec := range recs[1:] {
					if rec[0] == "whoosh.score" {
						found = true
						if rec[3] != "DEMO (simulated)" {
							t.Errorf("whoosh.score source %q", rec[3])
						}
					}
				}
				if !found {
					t.Errorf("no whoosh.score metric")
				}
			}
		})
	}
}

// maxWidth returns the widest line's display width.
func maxWidth(s string) int {
	w := 0
	for _, line := range strings.Split(s, "\n") {
		w = max(w, lipgloss.Width(line))
	}
	return w
}

// TestSnapshotTextWidth: 80 columns by default in a pipe, --width 120
// widens (and stays within 120), and no escape byte either way.
func TestSnapshotTextWidth(t *testing.T) {
	tests := []struct {
		args         []string
		min, maxCols int
	}{
		{nil, 70, 80},
		{[]string{"--width", "120"}, 110, 120},
		{[]string{"--width", "40"}, 30, 40},
	}
	for _, tt := range tests {
		t.Run(strings.Join(append([]string{"w"}, tt.args...), ""), func(t *testing.T) {
			e := newEnv(t)
			r := e.mustRun(0, demoRun(tt.args...)...)
			if strings.ContainsRune(r.stdout, 0x1b) {
				t.Errorf("text has an ESC byte")
			}
			if w := maxWidth(r.stdout); w < tt.min || w > tt.maxCols {
				t.Errorf("widest line is %d columns, want %d..%d", w, tt.min, tt.maxCols)
			}
			for _, panel := range []string{"Bits vs Atoms", "Economy of Bits (bits)", "Economy of Atoms (atoms)", "TSLA vs GM", "bits or atoms?", "Whoosh Index", "Macro"} {
				if !strings.Contains(r.stdout, panel) {
					t.Errorf("text has no %q panel", panel)
				}
			}
		})
	}
}

// TestSnapshotNoColorInPipe: a pipe never gets an escape sequence, whatever
// the colour variables say. NO_COLOR must give none by the NO_COLOR
// convention; CLICOLOR_FORCE=1 is deliberately not honoured for a pipe
// either, because issue 7 says "never an escape sequence in a pipe" and
// cron logs and chat bots are the pipe's users. The output must be the
// same bytes as without the variables.
func TestSnapshotNoColorInPipe(t *testing.T) {
	plain := newEnv(t).mustRun(0, demoRun()...).stdout
	for _, kv := range [][2]string{{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}, {"COLORTERM", "truecolor"}} {
		t.Run(kv[0], func(t *testing.T) {
			e := newEnv(t)
			e.set(kv[0], kv[1])
			r := e.mustRun(0, demoRun()...)
			if strings.ContainsRune(r.stdout, 0x1b) {
				t.Errorf("%s=%s: ESC in piped text", kv[0], kv[1])
			}
			if r.stdout != plain {
				t.Errorf("%s=%s changed the piped text", kv[0], kv[1])
			}
		})
	}
}

// TestSnapshotOutputFile: -o FILE prints nothing on stdout, writes the same
// bytes stdout would get, and replaces the file by rename (a hard link to
// the old file keeps the old content; no temporary file is left behind).
func TestSnapshotOutputFile(t *testing.T) {
	for _, format := range []string{"text", "json", "markdown", "csv"} {
		t.Run(format, func(t *testing.T) {
			e := newEnv(t)
			dir := t.TempDir()
			out := writeFile(t, dir, "snap.out", "old\n")
			link := filepath.Join(dir, "link")
			if err := os.Link(out, link); err != nil {
				t.Fatal(err)
			}
			want := e.mustRun(0, demoRun("--format", format)...).stdout
			r := e.mustRun(0, demoRun("--format", format, "-o", out)...)
			if r.stdout != "" || r.stderr != "" {
				t.Errorf("-o printed something:\n%s", r)
			}
			got, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, []byte(want)) {
				t.Errorf("file differs from stdout output (%d vs %d bytes)", len(got), len(want))
			}
			if old, _ := os.ReadFile(link); string(old) != "old\n" {
				t.Errorf("the old file was written in place, not replaced: link now holds %.40q", old)
			}
			ents, _ := os.ReadDir(dir)
			if len(ents) != 2 {
				var names []string
				for _, de := range ents {
					names = append(names, de.Name())
				}
				t.Errorf("directory holds %q, want only snap.out and link", names)
			}
		})
	}
	t.Run("dash is stdout", func(t *testing.T) {
		e := newEnv(t)
		r := e.mustRun(0, demoRun("-o", "-")...)
		if r.stdout != e.mustRun(0, demoRun()...).stdout {
			t.Errorf("-o - differs from stdout")
		}
	})
	t.Run("missing dir", func(t *testing.T) {
		e := newEnv(t)
		r := e.run(demoRun("-o", filepath.Join(t.TempDir(), "no", "such", "dir", "f"))...)
		if r.code == 0 || r.stdout != "" {
			t.Errorf("writing into a missing directory succeeded:\n%s", r)
		}
		assertNoCrash(t, r)
	})
}
