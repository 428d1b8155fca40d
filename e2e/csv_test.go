package e2e

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds/demo"
	"github.com/whoosh-dev/whoosh/market"
)

// csvAsOf is the as-of date of the CSV fixtures.
var csvAsOf = market.DateOf(2025, time.June, 30)

// writeCSVDir writes SYMBOL.csv for every default symbol from the demo
// simulation, alternating Yahoo's download format and the short
// date,close[,adj_close] one, and returns the directory. All files get
// the same fixed modification time.
func writeCSVDir(t *testing.T) string {
	t.Helper()
	return writeCSVDirTo(t, csvAsOf)
}

// writeCSVDirTo is writeCSVDir with the files ending at end.
func writeCSVDirTo(t *testing.T, end market.Date) string {
	t.Helper()
	dir := t.TempDir()
	syms := demo.DefaultSymbols()
	hs, err := demo.New(end).History(context.Background(), syms, csvAsOf.AddDays(-800), end)
	if err != nil {
		t.Fatal(err)
	}
	mtime := time.Date(2025, time.June, 30, 21, 0, 0, 0, time.UTC)
	for i, h := range hs {
		if len(h.Bars) == 0 {
			t.Fatalf("demo has no bars for %s: %v", h.Symbol, h.Err)
		}
		var b strings.Builder
		switch i % 3 {
		case 0:
			b.WriteString("Date,Open,High,Low,Close,Adj Close,Volume\n")
		case 1:
			b.WriteString("date,close\n")
		case 2:
			b.WriteString("date,close,adj_close\n")
		}
		for _, bar := range h.Bars {
			if math.IsNaN(bar.Close) {
				continue
			}
			switch i % 3 {
			case 0:
				fmt.Fprintf(&b, "%s,%.4f,%.4f,%.4f,%.4f,%.4f,%d\n", bar.Date, bar.Close, bar.Close*1.01, bar.Close*0.99, bar.Close, bar.AdjClose, 1000000)
			case 1:
				fmt.Fprintf(&b, "%s,%.4f\n", bar.Date, bar.Close)
			case 2:
				fmt.Fprintf(&b, "%s,%.4f,%.4f\n", bar.Date, bar.Close, bar.AdjClose)
			}
		}
		p := writeFile(t, dir, h.Symbol+".csv", b.String())
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCSVSource: a directory of real-format CSVs for every default symbol
// gives a CSV-labelled snapshot, the same bytes on a second run, with no
// warnings.
func TestCSVSource(t *testing.T) {
	dir := writeCSVDir(t)
	e := newEnv(t)
	args := []string{"snapshot", "--source", "csv:" + dir, "--asof", "2025-06-30", "--format", "json"}
	r := e.mustRun(0, args...)
	if r.stderr != "" {
		t.Errorf("stderr: %q", r.stderr)
	}
	doc := decodeDoc(t, r.stdout)
	if doc.Source.Badge != "CSV" {
		t.Errorf("badge %q, want CSV", doc.Source.Badge)
	}
	if len(doc.Symbols) != len(demo.DefaultSymbols()) {
		t.Errorf("%d symbols, want %d", len(doc.Symbols), len(demo.DefaultSymbols()))
	}
	for _, s := range doc.Symbols {
		if s.Source != "CSV" || s.Error != nil {
			t.Errorf("%s: source %q error %v", s.Symbol, s.Source, s.Error)
		}
	}
	// CSV has no macro data: the labor leg is absent and says why.
	checkWhoosh(t, doc, false)
	if again := e.mustRun(0, args...); again.stdout != r.stdout {
		t.Errorf("second csv run differs")
	}
	text := e.mustRun(0, "snapshot", "--source", "csv:"+dir, "--asof", "2025-06-30")
	if !strings.Contains(text.stdout, "[CSV]") {
		t.Errorf("text header has no CSV badge:\n%.300s", text.stdout)
	}
}

// TestCSVSourceMtime documents whether the CSV snapshot depends on the
// files' modification times (issue 7: stable "across runs and machines").
// A fresh clone or copy of the same CSVs has other mtimes.
func TestCSVSourceMtime(t *testing.T) {
	dir := writeCSVDir(t)
	e := newEnv(t)
	args := []string{"snapshot", "--source", "csv:" + dir, "--asof", "2025-06-30", "--format", "json"}
	before := e.mustRun(0, args...).stdout
	later := time.Date(2025, time.July, 4, 9, 0, 0, 0, time.UTC)
	ents, _ := os.ReadDir(dir)
	for _, de := range ents {
		os.Chtimes(filepath.Join(dir, de.Name()), later, later)
	}
	after := e.mustRun(0, args...).stdout
	if before != after {
		t.Errorf("same CSV content, other mtimes: the snapshot bytes differ: %s", firstDiff(before, after))
	}
}

// TestCSVBrokenRow: a bad row fails that symbol with a one-line warning
// naming FILE:LINE; the rest still print (exit 0).
func TestCSVBrokenRow(t *testing.T) {
	dir := writeCSVDir(t)
	p := filepath.Join(dir, "NVDA.csv")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lines[9] = "2024-13-45,not-a-price" // line 10 of the file
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o600); err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	r := e.mustRun(0, "snapshot", "--source", "csv:"+dir, "--asof", "2025-06-30", "--format", "json")
	assertNoCrash(t, r)
	var hit string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if !strings.HasPrefix(l, "whoosh: warning: ") {
			t.Errorf("stderr line is not a warning: %q", l)
		}
		if strings.Contains(l, "NVDA.csv:10") {
			hit = l
		}
	}
	if hit == "" {
		t.Fatalf("no warning names NVDA.csv:10:\n%s", r.stderr)
	}
	doc := decodeDoc(t, r.stdout)
	found := false
	for _, w := range doc.Warnings {
		found = found || strings.Contains(w, "NVDA.csv:10")
	}
	if !found {
		t.Errorf("JSON warnings %q do not name NVDA.csv:10", doc.Warnings)
	}
}

// TestCSVEmptyDir: nothing usable → exit 1 and "no usable data".
func TestCSVEmptyDir(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun(1, "snapshot", "--source", "csv:"+t.TempDir(), "--asof", "2025-06-30")
	assertNoCrash(t, r)
	if r.stdout != "" {
		t.Errorf("stdout: %.200q", r.stdout)
	}
	if !strings.Contains(r.stderr, "no usable data") {
		t.Errorf("stderr does not say no usable data:\n%s", r.stderr)
	}
}

// firstDiff describes the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: %q vs %q", i+1, strings.TrimSpace(al[i]), strings.TrimSpace(bl[i]))
		}
	}
	return fmt.Sprintf("%d vs %d lines", len(al), len(bl))
}

// TestCSVAsOfBeforeFileEnd: --asof before the files' last row must show
// nothing from after it. The files through 2025-06-30 and the same files
// cut at 2025-05-30 give the same numbers as of 2025-05-30.
func TestCSVAsOfBeforeFileEnd(t *testing.T) {
	full := writeCSVDir(t)
	cut := writeCSVDirTo(t, market.DateOf(2025, time.May, 30))
	e := newEnv(t)
	args := func(dir string) []string {
		return []string{"snapshot", "--source", "csv:" + dir, "--asof", "2025-05-30", "--format", "json"}
	}
	a := decodeDoc(t, e.mustRun(0, args(full)...).stdout)
	b := decodeDoc(t, e.mustRun(0, args(cut)...).stdout)
	if len(a.Symbols) != len(b.Symbols) {
		t.Fatalf("%d vs %d symbols", len(a.Symbols), len(b.Symbols))
	}
	for i := range a.Symbols {
		if a.Symbols[i].Last != b.Symbols[i].Last {
			t.Errorf("%s: last %v with the longer file, %v with the file cut at the as-of date", a.Symbols[i].Symbol, a.Symbols[i].Last, b.Symbols[i].Last)
		}
	}
	if a.Whoosh.Score != b.Whoosh.Score || a.RS.Last != b.RS.Last {
		t.Errorf("score %v/%v, RS %v/%v", a.Whoosh.Score, b.Whoosh.Score, a.RS.Last, b.RS.Last)
	}
}
