package snapshot

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// fixtureClaims is a small hand-made scorecard: an open band, a missing
// symbol, an empty path, an escape sequence in a note.
func fixtureClaims() []market.Claim {
	d := func(s string) market.Date { x, _ := market.ParseDate(s); return x }
	return []market.Claim{
		{ID: "bits-beat-atoms", Claim: "the economy of bits outruns the economy of atoms", Metric: "RS bits/atoms since the essay",
			Unit: "index", Predicted: market.Up, Value: 125.6, Band: market.ClaimBand{Lo: 95, Hi: 105}, Verdict: market.OnTrack,
			Since: []market.Observation{{Date: market.EssayDate, Value: 100}, {Date: d("2025-06-30"), Value: 125.6}}, AsOf: d("2025-06-30")},
		{ID: "unemployment-spike", Claim: "automation drives unemployment toward 10–15 %", Metric: "Sahm rule on FRED UNRATE",
			Unit: "pt", Predicted: market.Up, Value: 0.27, Band: market.ClaimBand{Lo: nan, Hi: 0.5}, Verdict: market.Undecided,
			Since: []market.Observation{{Date: d("2025-05-01"), Value: 0.27}}, AsOf: d("2025-05-01"), Note: "UNRATE 4.2 %\x1b[2J"},
		{ID: "robots-bid", Claim: "capital floods into humanoid robotics", Metric: "BOTZ vs SPY", Unit: "index", Predicted: market.Up,
			Value: nan, Band: market.ClaimBand{Lo: 95, Hi: 105}, Verdict: market.Undecided, Missing: []string{"BOTZ"}},
	}
}

func TestThesisJSON(t *testing.T) {
	out := write(t, fixture(), Options{Format: JSON, Thesis: fixtureClaims()})
	var doc Document
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Thesis) != 3 || doc.Thesis[0].ID != "bits-beat-atoms" || doc.Thesis[0].Verdict != "on_track" ||
		float64(doc.Thesis[0].Value) != 125.6 || len(doc.Thesis[0].Since) != 2 || *doc.Thesis[0].AsOf != "2025-06-30" {
		t.Errorf("thesis[0] = %+v", doc.Thesis[0])
	}
	if c := doc.Thesis[2]; c.AsOf != nil || c.Missing[0] != "BOTZ" || c.Since == nil {
		t.Errorf("thesis[2] = %+v", c)
	}
	if strings.Contains(string(out), "\x1b") || !strings.Contains(string(out), `"band": {`) || !strings.Contains(string(out), `"lo": null`) {
		t.Errorf("output:\n%s", out)
	}
	// Without claims the key is still there, an empty list.
	if !bytes.Contains(write(t, fixture(), Options{Format: JSON}), []byte(`"thesis": [],`)) {
		t.Error(`no "thesis": [] without claims`)
	}
	// Every key is documented and the output fits the documented schema.
	doc2, err := os.ReadFile("../../docs/snapshot-json.md")
	if err != nil {
		t.Fatal(err)
	}
	var root any
	_ = json.Unmarshal(out, &root)
	keys := map[string]bool{}
	collectKeys(root, "", keys)
	for k := range keys {
		if strings.HasPrefix(k, "thesis") && !bytes.Contains(doc2, []byte("`"+k+"`")) {
			t.Errorf("docs/snapshot-json.md does not document `%s`", k)
		}
	}
	schema := docSchema(t)
	v := validator{root: schema}
	v.check(schema, root, "$")
	for _, e := range v.errs {
		t.Error(e)
	}
	root.(map[string]any)["thesis"].([]any)[0].(map[string]any)["verdict"] = "maybe"
	v = validator{root: schema}
	if v.check(schema, root, "$"); len(v.errs) == 0 {
		t.Error("the schema accepts the verdict maybe")
	}
}

func TestThesisCSVMetrics(t *testing.T) {
	rows := readCSV(t, write(t, fixture(), Options{Format: CSV, CSVTable: Metrics, Thesis: fixtureClaims()}))
	var got []string
	for _, r := range rows {
		if strings.HasPrefix(r[0], "thesis.") {
			got = append(got, strings.Join(r[:3], ","))
		}
	}
	want := "thesis.bits-beat-atoms,125.6,index thesis.unemployment-spike,0.27,pt thesis.robots-bid,,index"
	if strings.Join(got, " ") != want {
		t.Errorf("thesis rows %v, want %s", got, want)
	}
}

func TestThesisTextAndMarkdown(t *testing.T) {
	md := string(write(t, fixture(), Options{Format: Markdown, Thesis: fixtureClaims()}))
	for _, want := range []string{"## Thesis scorecard", "thesis: 1 on track · 2 undecided",
		"| on track | bits-beat-atoms | the economy of bits outruns the economy of atoms | RS bits/atoms since the essay | 125.6 | 95 … 105 | up | 2025-06-30 |  |",
		"| undecided | robots-bid | capital floods into humanoid robotics | BOTZ vs SPY | — | 95 … 105 | up | — | missing: BOTZ |",
		"| … 0.5 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "\x1b") {
		t.Error("escape sequence in markdown")
	}
	txt := string(write(t, fixture(), Options{Format: Text, Width: 100, Thesis: fixtureClaims()}))
	if !strings.Contains(txt, "Thesis scorecard") || !strings.Contains(txt, "missing: BOTZ") || strings.Contains(txt, "\x1b[2J") {
		t.Errorf("text:\n%s", txt)
	}
	if plain := string(write(t, fixture(), Options{Format: Text})); strings.Contains(plain, "Thesis scorecard") {
		t.Error("a scorecard without claims")
	}
}

// TestThesisSinceWeekly: the JSON path keeps the last point of each week.
func TestThesisSinceWeekly(t *testing.T) {
	// Mon 2024-03-18 … Fri 2024-03-29: two weeks of trading days, then Mon 04-01.
	var since []market.Observation
	for d := market.DateOf(2024, 3, 18); d <= market.DateOf(2024, 4, 1); d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			since = append(since, market.Observation{Date: d, Value: float64(d)})
		}
	}
	got := thesisClaims([]market.Claim{{ID: "x", Since: since}})[0].Since
	want := []string{"2024-03-22", "2024-03-29", "2024-04-01"}
	if len(got) != len(want) {
		t.Fatalf("since %v, want the dates %v", got, want)
	}
	for i, p := range got {
		if p.Date != want[i] {
			t.Errorf("point %d on %s, want %s", i, p.Date, want[i])
		}
	}
}
