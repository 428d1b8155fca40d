package market

import (
	"math"
	"slices"
)

// Verdict is how the market reads one claim of the essay so far.
type Verdict string

// The verdicts, in the order a scorecard lists them.
const (
	OnTrack       Verdict = "on_track"       // the metric is beyond its band in the predicted direction
	Confirmed     Verdict = "confirmed"      // the claim's end state is reached (unemployment ≥ 10 %)
	Against       Verdict = "against"        // beyond the band the other way
	Undecided     Verdict = "undecided"      // inside the band, or data missing
	NotMeasurable Verdict = "not_measurable" // not market data
)

// Direction is the way the essay predicts a metric moves.
type Direction string

// The directions.
const (
	Up   Direction = "up"
	Down Direction = "down"
	None Direction = ""
)

// ClaimBand is the range of a metric inside which a claim is undecided. NaN on
// a side means the band is open there (no verdict on that side). Edges
// count as inside unless a claim says otherwise (see Thesis).
type ClaimBand struct{ Lo, Hi float64 }

// Claim is one testable claim of the essay, scored.
type Claim struct {
	ID        string        // stable id, part of the JSON (bits-beat-atoms, …)
	Claim     string        // our wording of the claim
	Metric    string        // what is measured, e.g. "XOM, CVX vs SPY"
	Unit      string        // index, ×, corr, %, pt, days
	Predicted Direction     // the essay's direction
	Value     float64       // the metric now (NaN when unknown)
	Band      ClaimBand     // undecided inside
	Verdict   Verdict       //
	Since     []Observation // the metric since the essay, finite values only, ascending
	AsOf      Date          // date of Value (0 when unknown)
	Missing   []string      // symbols or FRED series the claim lacks; non-empty means Undecided
	Note      string        // the second number or the context behind the verdict
}

// ThesisInput is what the scorecard reads: the same series and facts
// Analyze gets, macro series by FRED id, and Long — history reaching back
// to ThesisPeak for ^NDX and ^GSPC (a few daily bars around it are
// enough; Series is searched too).
type ThesisInput struct {
	Spec   Spec
	Series map[string]Series
	Facts  map[string]Fundamentals
	Macro  map[string][]Observation
	Long   map[string]Series
	AsOf   Date
}

// Essay claims' fixed parameters.
var (
	// ThesisPeak is the Nasdaq-100's dot-com closing high, the base of
	// tech-1999-right.
	ThesisPeak = DateOf(2000, 3, 10)
	// CBDCDeadline is the end of the essay's "by 2026–27".
	CBDCDeadline = DateOf(2027, 12, 31)
)

const (
	// RatioBand is the half-width of the undecided band of a "vs" ratio
	// rebased to 100.
	RatioBand = 5.0
	// thesisMoveDays, thesisMedianDays and thesisCorrDays are the claims'
	// own windows: fixed by the wording, not by the config.
	thesisMoveDays   = 21
	thesisMedianDays = 252
	thesisCorrDays   = 63
)

// The fixed symbols the claims name.
const (
	NDX  = "^NDX"
	GSPC = "^GSPC"
)

// vsClaims are the "basket vs benchmark" claims: equal-weight basket,
// chain-linked, over the benchmark, rebased to 100 at the essay.
var vsClaims = []struct {
	id, claim string
	syms      []string
	bench     string // "" means the spec's benchmark
	dir       Direction
}{
	{"oil-collapses", "cheap energy from AI-era tech sinks oil", []string{"XOM", "CVX"}, "", Down},
	{"lockheed-implodes", "AI-designed warfare sinks the defense primes", []string{"LMT"}, "", Down},
	{"google-search-falls", "local models on home GPUs sink search", []string{"GOOGL"}, "", Down},
	{"intel-left-behind", "subsidies cannot keep Intel in the race", []string{"INTC"}, "SMH", Down},
	{"private-equity-squeezed", "levered real-economy bets stop paying", []string{"KKR", "BX"}, "", Down},
	{"robots-bid", "capital floods into humanoid robotics", []string{"BOTZ"}, "", Up},
	{"talent-havens", "Singapore, the UAE and Switzerland absorb the talent", []string{"EWS", "UAE", "EWL"}, "", Up},
	{"crypto-base-layer", "crypto becomes the money of the AI economy", []string{"BTC-USD", "ETH-USD"}, "", Up},
}

// ThesisSymbols lists every symbol the fixed claims name, benchmark SPY
// included, so the pipeline can fetch them beside the spec's. ^NDX and
// ^GSPC also need a bar on ThesisPeak (ThesisLongSymbols).
func ThesisSymbols() []string {
	out := []string{NDX, GSPC, "SPY", "SMH"}
	seen := map[string]bool{NDX: true, GSPC: true, "SPY": true, "SMH": true}
	for _, c := range vsClaims {
		for _, s := range c.syms {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// thesisSymbols is ThesisSymbols, listed once.
var thesisSymbols = ThesisSymbols()

// ThesisLongSymbols are the symbols whose history must reach back to
// ThesisPeak.
func ThesisLongSymbols() []string { return []string{NDX, GSPC} }

// Thesis scores every claim of the essay, in the order. It is
// pure. Rules common to all claims:
//
//   - The essay base is the last trading day on or before EssayDate; for
//     monthly FRED series, the last observation dated on or before it
//     (the essay month's, dated the 1st).
//   - Values are rounded to 1e-9 before the verdict, so a value on a band
//     edge is on it exactly. Unless a claim says otherwise, an edge is
//     inside the band: 105 is undecided, 105.000000001 on track.
//   - Any missing symbol or series makes the claim Undecided; its value is
//     still shown when computable from what is there.
func Thesis(in ThesisInput) []Claim {
	sp := in.Spec
	bench := sp.Benchmark
	if bench == "" {
		bench = "SPY"
	}
	out := scoreThesis(in, bench, Align(thesisSeries(in.Series, sp, bench), in.AsOf, bench))
	if in.AsOf < EssayDate {
		// A claim is read since the essay: before it there is nothing to
		// read yet, whatever the metrics say.
		for i := range out {
			if out[i].Verdict != NotMeasurable {
				out[i].Verdict, out[i].Value, out[i].Since, out[i].AsOf = Undecided, math.NaN(), nil, 0
				out[i].Note = "scored from the essay's date, " + EssayDate.String()
			}
		}
	}
	return out
}

// scoreThesis scores the claims on p, the panel of in's series.
func scoreThesis(in ThesisInput, bench string, p *Panel) []Claim {
	sp := in.Spec
	e := p.IndexOn(EssayDate)
	macro := func(id string) []Observation { return upTo(in.Macro[id], in.AsOf) }
	s := takeScratch()
	s.reset()
	defer s.release()
	// The baskets' indices serve bits-beat-atoms and the Tesla correlations.
	s.bits = s.chainInto(s.bits, p, sp.Bits.Members)
	s.atoms = s.chainInto(s.atoms, p, sp.Atoms.Members)

	out := []Claim{
		bitsBeatAtoms(p, sp, e, s),
		tech1999(p, in, e, s),
		teslaMonth(p, sp, in.Facts, e, s),
		teslaAtoms(p, sp, e, s),
	}
	for _, c := range vsClaims {
		if c.id == "robots-bid" { // the macro claims sit here in the essay's order
			u := macro(UnrateID) // read, never written, by both
			out = append(out, restaurants(macro(FoodServicesID)),
				unemployment(u), fedEases(macro(FedFundsID), u))
		}
		b := c.bench
		if b == "" {
			b = bench
		}
		cl := vsClaim(p, c.syms, b, e, c.dir, s)
		cl.ID, cl.Claim = c.id, c.claim
		out = append(out, cl)
	}
	return append(out, cbdc(in.AsOf))
}

// thesisSeries is the part of all that the claims read, sorted by symbol
// (as sortedSeries). With the benchmark present it alone sets the panel's
// calendar, so the claims see the same panel as with every series while a
// thousand-symbol watchlist costs nothing here; without it the calendar
// comes from all the series, and all of them are kept.
func thesisSeries(all map[string]Series, sp Spec, bench string) []Series {
	if b, ok := all[bench]; !ok || len(b.Dates) == 0 {
		return sortedSeries(all)
	}
	want := ThesisReads(sp, bench)
	slices.Sort(want)
	out := make([]Series, 0, len(want))
	for _, sym := range slices.Compact(want) {
		if s, ok := all[sym]; ok {
			s.Symbol = sym
			out = append(out, s)
		}
	}
	return out
}

// ratioVerdict is the common rule: beyond the band in the predicted
// direction is OnTrack, beyond it the other way Against, the band and its
// edges Undecided; an open side gives no verdict.
func ratioVerdict(v float64, b ClaimBand, dir Direction) Verdict {
	above, below := v > b.Hi, v < b.Lo // false on NaN: an open side decides nothing
	switch {
	case math.IsNaN(v):
		return Undecided
	case dir == Up && above, dir == Down && below:
		return OnTrack
	case dir == Up && below, dir == Down && above:
		return Against
	}
	return Undecided
}

// finish sets Value and AsOf from the path's last point and the verdict
// (Undecided whenever something is missing).
func finish(c Claim, verdict func(v float64) Verdict) Claim {
	c.Value = math.NaN()
	if n := len(c.Since); n > 0 {
		c.Value, c.AsOf = c.Since[n-1].Value, c.Since[n-1].Date
	}
	c.Verdict = verdict(c.Value)
	if len(c.Missing) > 0 {
		c.Verdict = Undecided
	}
	return c
}

// missingSyms lists the symbols of syms without a valid close in the
// panel from the essay base on.
func missingSyms(p *Panel, e int, syms ...string) []string {
	var out []string
	for _, s := range syms {
		row := p.Row(s)
		if row == nil || math.IsNaN(lastValid(row[max(e, 0):])) {
			out = append(out, s)
		}
	}
	return out
}

func equal(syms []string) []Member {
	ms := make([]Member, len(syms))
	for i, s := range syms {
		ms[i] = Member{Symbol: s, Weight: 1}
	}
	return ms
}
