package snapshot

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestMain(m *testing.M) {
	// Colour is the caller's decision; tests run as in a pipe.
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

// write renders s with o, failing the test on error.
func write(t *testing.T, s ui.State, o Options) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, s, o); err != nil {
		t.Fatalf("Write(%+v): %v", o, err)
	}
	return b.Bytes()
}

// goldenCases are the outputs checked byte for byte against testdata.
var goldenCases = []struct {
	name string
	opts Options
}{
	{"fixture.md", Options{Format: Markdown, Width: 80}},
	{"fixture.json", Options{Format: JSON, Warnings: []string{"--window 1M: short window"}}},
	{"fixture-series.csv", Options{Format: CSV, CSVTable: Series}},
	{"fixture-metrics.csv", Options{Format: CSV, CSVTable: Metrics}},
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			got := write(t, fixture(), tc.opts)
			path := filepath.Join("testdata", tc.name)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./ui/snapshot/ -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from golden (run with -update to accept):\n--- got ---\n%s", tc.name, got)
			}
		})
	}
}

// allFormats are the golden cases plus the text format, which is not
// golden here: its panels belong to package ui and have their own goldens.
var allFormats = append([]struct {
	name string
	opts Options
}{{"text", Options{Format: Text, Width: 80}}}, goldenCases...)

func TestText(t *testing.T) {
	// The Ascii profile is what lipgloss picks when stdout is not a TTY or
	// NO_COLOR is set (TestMain sets it): then not one escape byte.
	s := fixture()
	for _, width := range []int{0, 60, 80, 120} {
		got := string(write(t, s, Options{Format: Text, Width: width}))
		w := width
		if w <= 0 {
			w = DefaultWidth
		}
		if want := ui.RenderSnapshot(s, w); got != want {
			t.Errorf("width %d: text is not ui.RenderSnapshot's output", width)
		}
		if strings.ContainsRune(got, 0x1b) {
			t.Errorf("width %d: escape byte in text output", width)
		}
		for i, line := range strings.Split(got, "\n") {
			if lw := lipgloss.Width(line); lw > w {
				t.Errorf("width %d: line %d is %d columns: %q", width, i+1, lw, line)
			}
		}
	}
}

func TestNoEscapeOrControlBytes(t *testing.T) {
	// The fixture's watchlist name holds ESC [31m and an error holds BEL;
	// no format may pass them through.
	for _, tc := range allFormats {
		got := write(t, fixture(), tc.opts)
		for i, c := range got {
			if c < 0x20 && c != '\n' {
				t.Errorf("%s: control byte %#x at offset %d", tc.name, c, i)
				break
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	// Maps (origins, quotes, errors) are iterated in random order; every
	// write of the same state must still give the same bytes.
	for _, tc := range allFormats {
		first := write(t, fixture(), tc.opts)
		for range 5 {
			if again := write(t, fixture(), tc.opts); !bytes.Equal(first, again) {
				t.Fatalf("%s: two writes differ", tc.name)
			}
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	out := write(t, fixture(), Options{Format: JSON})
	var doc Document
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields() // every key written is a field of Document
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode: %v", err)
	}
	// Values worked out from the fixture.
	checks := []struct {
		name      string
		got, want float64
	}{
		{"whoosh.score", float64(doc.Whoosh.Score), 63.2},
		{"rs.last", float64(doc.RS.Last), 107.142857},
		{"rs.spread_pp", float64(doc.RS.SpreadPP), 7},
		{"bits.index (last of history)", float64(doc.Baskets.Bits.Index), 105},
		{"gap.ratios.first", float64(doc.Gap.Ratios.First), 18.545455},
		{"gap.incumbents[1].move_in (120B/40B)", float64(doc.Gap.Incumbents[1].MoveIn), 3},
		{"gap.tesla.market_cap", float64(doc.Gap.Tesla.MarketCap), 1.02e12},
		// GM is cached, fetched at 17:00, Now is 21:00: 4·3600 s.
		{"symbols[GM].age_seconds", float64(symbol(t, doc, "GM").AgeSeconds), 14400},
		// TSLA's quote price wins over the member's last close.
		{"symbols[TSLA].last", float64(symbol(t, doc, "TSLA").Last), 317.66},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	labor := doc.Whoosh.Components[4]
	if labor.Present || labor.Raw.Valid() || labor.Signal.Valid() || labor.Why != "no FRED data" {
		t.Errorf("labor component = %+v, want absent with null raw/signal", labor)
	}
	if doc.Gap.History[0].Ratio.Valid() {
		t.Errorf("gap.history[0].ratio = %v, want null (NaN in the report)", doc.Gap.History[0].Ratio)
	}
	if e := symbol(t, doc, "XYZ").Error; e == nil || *e != "unknown symbol" {
		t.Errorf("symbols[XYZ].error = %v, want sanitized %q", e, "unknown symbol")
	}
	if doc.Macro == nil || doc.Macro.Series[1].Last != nil {
		t.Errorf("macro FEDFUNDS last should be null: %+v", doc.Macro)
	}
	if got := doc.Watchlists[0].Name; got != "Robots | AI" {
		t.Errorf("watchlist name = %q, want the escape sequence removed", got)
	}
	// Re-encoding the decoded document gives the same bytes: rounding is
	// idempotent and null survives as NaN.
	var again bytes.Buffer
	enc := json.NewEncoder(&again)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again.Bytes()) {
		t.Errorf("round trip changed the JSON:\n%s", again.Bytes())
	}
}

func symbol(t *testing.T, doc Document, sym string) SymbolInfo {
	t.Helper()
	for _, s := range doc.Symbols {
		if s.Symbol == sym {
			return s
		}
	}
	t.Fatalf("symbol %s not in symbols", sym)
	return SymbolInfo{}
}

// schema lists required keys by dotted path ("[]" = every array element)
// and the JSON type each must have; "number?" and "string?" allow null.
var schema = map[string]string{
	"schema_version": "number", "source": "object", "source.badge": "string",
	"source.provider": "string", "source.market_state": "string", "source.stale": "bool",
	"as_of": "string?", "window": "string", "window_start": "string?", "generated_from": "string?",
	"symbols": "array", "symbols[].symbol": "string", "symbols[].source": "string",
	"symbols[].provider": "string", "symbols[].fetched": "string?", "symbols[].age_seconds": "number?",
	"symbols[].last": "number?", "symbols[].market_cap": "number?", "symbols[].error": "string?",
	"missing":      "array",
	"baskets.bits": "object", "baskets.atoms": "object",
	"baskets.bits.key": "string", "baskets.bits.name": "string", "baskets.bits.index": "number?",
	"baskets.bits.return_pct": "number?", "baskets.bits.day_pct": "number?",
	"baskets.bits.members[].symbol": "string", "baskets.bits.members[].weight": "number?",
	"baskets.bits.members[].last": "number?", "baskets.bits.members[].day_pct": "number?",
	"baskets.bits.members[].window_pct": "number?", "baskets.bits.members[].contribution_pp": "number?",
	"baskets.bits.members[].missing": "bool",
	"baskets.bits.history[].date":    "string", "baskets.bits.history[].value": "number?",
	"rs.last": "number?", "rs.spread_pp": "number?", "rs.history[].date": "string", "rs.history[].value": "number?",
	"gap.tesla.symbol": "string", "gap.tesla.market_cap": "number?",
	"gap.incumbents[].symbol": "string", "gap.incumbents[].market_cap": "number?", "gap.incumbents[].move_in": "number?",
	"gap.ratios.first": "number?", "gap.ratios.all": "number?", "gap.dollar_gap": "number?",
	"gap.approx": "bool", "gap.move_days": "number", "gap.move_usd": "number?",
	"gap.history[].date": "string", "gap.history[].ratio": "number?", "gap.history[].move_in_first": "number?",
	"tesla_correlation.symbol": "string", "tesla_correlation.days": "number",
	"tesla_correlation.corr_bits": "number?", "tesla_correlation.corr_atoms": "number?",
	"tesla_correlation.beta_bits": "number?", "tesla_correlation.beta_atoms": "number?",
	"tesla_correlation.label": "string", "tesla_correlation.history[].bits": "number?",
	"whoosh.score": "number?", "whoosh.band": "string",
	"whoosh.components[].key": "string", "whoosh.components[].present": "bool",
	"whoosh.components[].raw": "number?", "whoosh.components[].scale": "number?",
	"whoosh.components[].weight": "number?", "whoosh.components[].signal": "number?",
	"whoosh.components[].points": "number?", "whoosh.components[].why": "string",
	"whoosh.history[].date": "string", "whoosh.history[].value": "number?",
	"watchlists[].name": "string", "watchlists[].return_pct": "number?", "watchlists[].members[].symbol": "string",
	"macro.series[].id": "string", "macro.series[].last": "object?", "macro.series[].change_12m": "number?",
	"macro.series[].observations[].value": "number?", "macro.sahm": "number?", "macro.sahm_hit": "bool",
	"macro.food_vs_high_pct": "number?", "macro.roadmap[].triggered": "bool", "macro.roadmap[].detail": "string",
	"warnings": "array",
}

func TestJSONSchema(t *testing.T) {
	var root any
	if err := json.Unmarshal(write(t, fixture(), Options{Format: JSON}), &root); err != nil {
		t.Fatal(err)
	}
	for path, want := range schema {
		vals := lookup(root, strings.Split(strings.ReplaceAll(path, "[]", ".[]"), "."))
		if len(vals) == 0 {
			t.Errorf("%s: missing", path)
			continue
		}
		for _, v := range vals {
			if got := jsonType(v); got != strings.TrimSuffix(want, "?") && !(got == "null" && strings.HasSuffix(want, "?")) {
				t.Errorf("%s: type %s, want %s", path, got, want)
			}
		}
	}
}

// lookup returns the values at path; "[]" fans out over an array's
// elements. A key absent from an object yields nothing.
func lookup(v any, path []string) []any {
	if len(path) == 0 {
		return []any{v}
	}
	if path[0] == "[]" {
		arr, _ := v.([]any)
		var out []any
		for _, e := range arr {
			out = append(out, lookup(e, path[1:])...)
		}
		return out
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	child, ok := obj[path[0]]
	if !ok {
		return nil
	}
	return lookup(child, path[1:])
}

func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "bool"
	case float64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "?"
}

func TestDocCoversEveryKey(t *testing.T) {
	doc, err := os.ReadFile("../../docs/snapshot-json.md")
	if err != nil {
		t.Fatal(err)
	}
	var root any
	if err := json.Unmarshal(write(t, fixture(), Options{Format: JSON}), &root); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	collectKeys(root, "", keys)
	for k := range keys {
		// The reference tables name each field by its full path in
		// backticks; the fields shared by baskets and watchlists are
		// written once, under "<basket>".
		for _, p := range []string{"baskets.bits.", "baskets.atoms.", "watchlists[]."} {
			if rest, ok := strings.CutPrefix(k, p); ok {
				k = "<basket>." + rest
			}
		}
		if !bytes.Contains(doc, []byte("`"+k+"`")) {
			t.Errorf("docs/snapshot-json.md does not document `%s`", k)
		}
	}
	if len(keys) < 100 {
		t.Errorf("only %d keys collected; the walk is broken", len(keys))
	}
}

// collectKeys adds every key path in v to keys, arrays written as "[]".
func collectKeys(v any, prefix string, keys map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, c := range x {
			p := k
			if prefix != "" {
				p = prefix + "." + k
			}
			keys[p] = true
			collectKeys(c, p, keys)
		}
	case []any:
		for _, c := range x {
			collectKeys(c, prefix+"[]", keys)
		}
	}
}

func TestCSVSeries(t *testing.T) {
	rows := readCSV(t, write(t, fixture(), Options{Format: CSV, CSVTable: Series}))
	if got := strings.Join(rows[0], ","); got != "date,series,value" {
		t.Fatalf("header = %q", got)
	}
	counts := map[string]int{}
	for _, r := range rows[1:] {
		counts[r[1]]++
		if r[2] != "" {
			if _, err := strconv.ParseFloat(r[2], 64); err != nil {
				t.Errorf("row %v: value does not parse: %v", r, err)
			}
		}
	}
	// Eight report series and one watchlist over 6 dates; UNRATE has 3
	// observations, FEDFUNDS none: 9·6 + 3 = 57 rows.
	if got := len(rows) - 1; got != 57 {
		t.Errorf("%d data rows, want 57", got)
	}
	for _, name := range []string{"bits.index", "atoms.index", "rs", "whoosh.score", "gap.ratio", "gap.move_in_first", "tesla.corr_bits", "tesla.corr_atoms", "watchlist.Robots_|_AI.index"} {
		if counts[name] != 6 {
			t.Errorf("series %q has %d rows, want 6", name, counts[name])
		}
	}
	if counts["macro.UNRATE"] != 3 {
		t.Errorf("macro.UNRATE has %d rows, want 3", counts["macro.UNRATE"])
	}
	// NaN is an empty cell: the whoosh history starts with NaN.
	for _, r := range rows[1:] {
		if r[1] == "whoosh.score" && r[0] == "2025-06-23" && r[2] != "" {
			t.Errorf("whoosh.score on 2025-06-23 = %q, want empty (NaN)", r[2])
		}
	}
}

func TestCSVMetrics(t *testing.T) {
	rows := readCSV(t, write(t, fixture(), Options{Format: CSV, CSVTable: Metrics}))
	if got := strings.Join(rows[0], ","); got != "metric,value,unit,source" {
		t.Fatalf("header = %q", got)
	}
	byName := map[string][]string{}
	for _, r := range rows[1:] {
		if _, dup := byName[r[0]]; dup {
			t.Errorf("metric %q appears twice", r[0])
		}
		byName[r[0]] = r
		if r[1] != "" {
			if _, err := strconv.ParseFloat(r[1], 64); err != nil {
				t.Errorf("row %v: value does not parse: %v", r, err)
			}
		}
	}
	want := map[string][3]string{
		"whoosh.score":                        {"63.2", "points", "DEMO (simulated)"},
		"whoosh.labor.raw":                    {"", "pp", "DEMO (simulated)"},
		"whoosh.tesla_drift.points":           {"-10.975", "points", "DEMO (simulated)"},
		"gap.ratio_tsla_gm":                   {"18.545455", "x", "DEMO (simulated)"},
		"gap.ratio_tsla_gm_f":                 {"10.736842", "x", "DEMO (simulated)"},
		"gap.cap.TSLA":                        {"1020000000000", "USD", "DEMO"},
		"gap.move_in_f":                       {"3", "x", "DEMO (simulated)"},
		"atoms.member.GM.window_pct":          {"-1", "%", "CACHED"},
		"bits.member.BTC-USD.contribution_pp": {"2", "pp", "DEMO"},
		"rs.spread_pp":                        {"7", "pp", "DEMO (simulated)"},
		"macro.sahm":                          {"0.27", "pp", "DEMO (simulated)"},
		"symbol.GM.age_seconds":               {"14400", "s", "CACHED"},
	}
	for name, w := range want {
		r, ok := byName[name]
		if !ok {
			t.Errorf("metric %q missing", name)
			continue
		}
		if [3]string{r[1], r[2], r[3]} != w {
			t.Errorf("%s = %v, want %v", name, r[1:], w)
		}
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(b)) // FieldsPerRecord 0: all rows as wide as the header
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("parse csv: %v\n%s", err, b)
	}
	if len(rows) < 2 {
		t.Fatalf("csv has %d rows", len(rows))
	}
	return rows
}

func TestMarkdownTables(t *testing.T) {
	md := string(write(t, fixture(), Options{Format: Markdown, Width: 80}))
	if first := strings.SplitN(md, "\n", 2)[0]; first != "# whoosh snapshot — 2025-06-30 · 1M · DEMO (simulated)" {
		t.Errorf("title = %q", first)
	}
	if tables := checkMarkdownTables(t, md); tables != 11 {
		// Baskets, bits, atoms, gap, correlation, whoosh, watchlists, one
		// watchlist, macro series, roadmap, data.
		t.Errorf("%d tables, want 11", tables)
	}
	if !strings.Contains(md, `Robots \| AI`) {
		t.Error("the pipe in the watchlist name is not escaped")
	}
}

// checkMarkdownTables checks that every table's rows have as many columns
// as its header and that code fences are closed; it returns the number of
// tables.
func checkMarkdownTables(t *testing.T, md string) int {
	t.Helper()
	tables := 0
	cols := -1
	inFence := false
	for i, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "```") {
			inFence = !inFence
			continue
		}
		if inFence || !strings.HasPrefix(line, "|") {
			cols = -1
			continue
		}
		n := unescapedPipes(line)
		if cols == -1 {
			cols = n
			tables++
		} else if n != cols {
			t.Errorf("line %d has %d column separators, table has %d: %q", i+1, n, cols, line)
		}
	}
	if inFence {
		t.Error("unterminated code fence")
	}
	return tables
}

// unescapedPipes counts the '|' not preceded by a backslash.
func unescapedPipes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '|' && (i == 0 || s[i-1] != '\\') {
			n++
		}
	}
	return n
}

func TestEmptyState(t *testing.T) {
	// No data at all: every format still writes, JSON is valid and the
	// unknown numbers are null.
	// The zero State and the report of an analysis without any series.
	states := []ui.State{{}, {Report: market.Analyze(market.Input{Spec: minimalSpec, Window: market.WinEssay, AsOf: market.DateOf(2025, 6, 30)})}}
	for _, s := range states {
		writeAll(t, s)
	}
	var doc map[string]any
	if err := json.Unmarshal(write(t, states[1], Options{Format: JSON}), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["window_start"] != nil || doc["macro"] != nil || doc["whoosh"].(map[string]any)["score"] != nil {
		t.Errorf("no data: window_start, macro and whoosh.score should be null: %v", doc)
	}
}

var minimalSpec = market.Spec{
	Bits:      market.Basket{Key: "bits", Name: "Bits", Members: []market.Member{{Symbol: "NVDA", Weight: 1}}},
	Atoms:     market.Basket{Key: "atoms", Name: "Atoms", Members: []market.Member{{Symbol: "XOM", Weight: 1}}},
	Benchmark: "SPY", Tesla: "TSLA", Incumbents: []string{"GM", "F"},
	MoveDays: 21, CorrDays: 63, Lookback: 63,
	Weights: market.Weights{Rotation: 1, Crypto: 1, Havens: 1, TeslaDrift: 1, Labor: 1},
}

// writeAll writes s in every format and table; CSV must parse.
func writeAll(t *testing.T, s ui.State) {
	t.Helper()
	for _, f := range Formats() {
		for _, table := range []CSVTable{Series, Metrics} {
			out := write(t, s, Options{Format: f, CSVTable: table})
			if len(out) == 0 {
				t.Errorf("%s: empty output", f)
			}
			if f == CSV {
				if _, err := csv.NewReader(bytes.NewReader(out)).ReadAll(); err != nil {
					t.Errorf("csv %s: %v", table, err)
				}
			}
		}
	}
}

func TestInfinityIsNull(t *testing.T) {
	s := fixture()
	s.Report.Whoosh.Score = math.Inf(1)
	s.Report.RS.Series[2] = math.Inf(-1)
	s.Report.Gap.RatioFirst = math.NaN()
	for _, f := range Formats() {
		write(t, s, Options{Format: f}) // asciigraph panics on ±Inf; plot must guard
	}
	var doc Document
	if err := json.Unmarshal(write(t, s, Options{Format: JSON}), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Whoosh.Score.Valid() || doc.RS.History[2].Value.Valid() || doc.Gap.Ratios.First.Valid() {
		t.Errorf("±Inf/NaN should be null: score %v, rs[2] %v, ratio %v", doc.Whoosh.Score, doc.RS.History[2].Value, doc.Gap.Ratios.First)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []Options{{Format: "yaml"}, {Format: CSV, CSVTable: "nope"}} {
		var b bytes.Buffer
		if err := Write(&b, fixture(), o); err == nil || b.Len() != 0 {
			t.Errorf("Write(%+v) = %v with %d bytes, want an error and nothing written", o, err, b.Len())
		}
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in   string
		want Format
		ok   bool
	}{
		{"text", Text, true}, {"JSON", JSON, true}, {" markdown ", Markdown, true},
		{"md", Markdown, true}, {"csv", CSV, true}, {"", "", false}, {"yaml", "", false},
	}
	for _, tc := range tests {
		got, err := ParseFormat(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	for _, tc := range []struct {
		in   string
		want CSVTable
		ok   bool
	}{{"series", Series, true}, {"Metrics", Metrics, true}, {"rows", "", false}} {
		got, err := ParseCSVTable(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseCSVTable(%q) = %q, %v", tc.in, got, err)
		}
	}
}
