package snapshot

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// NewDocument builds the JSON document of s. extra warnings (from the
// caller: fallbacks, flags) are appended to the state's own, see Warnings.
func NewDocument(s ui.State, extra []string) Document {
	r := s.Report
	d := Document{
		SchemaVersion: SchemaVersion,
		Source: Source{
			Badge:       ui.Sanitize(s.Status.Badge),
			Provider:    ui.Sanitize(s.Status.Provider),
			MarketState: ui.Sanitize(s.Status.MarketState),
			Stale:       s.Status.Stale,
		},
		AsOf:             dateOrNil(r.AsOf),
		Window:           r.Window.String(),
		WindowStart:      nil,
		GeneratedFrom:    timeOrNil(s.Status.Updated),
		Symbols:          symbolInfos(s),
		Missing:          sanitizeAll(r.Missing),
		Baskets:          Baskets{Bits: basket(r.Bits, r.Dates), Atoms: basket(r.Atoms, r.Dates)},
		RS:               RS{Last: Float(r.RS.Last), SpreadPP: Float(r.RS.SpreadPP), History: points(r.Dates, r.RS.Series)},
		Gap:              gap(r.Gap, r.Dates),
		TeslaCorrelation: correlation(r.Tesla, r.Dates),
		Whoosh:           whoosh(r.Whoosh, r.Dates),
		Watchlists:       make([]Basket, 0, len(r.Watchlists)),
		Macro:            macro(s.Macro),
		Warnings:         Warnings(s, extra),
	}
	if len(r.Dates) > 0 {
		d.WindowStart = dateOrNil(r.Start)
	}
	for _, w := range r.Watchlists {
		d.Watchlists = append(d.Watchlists, basket(w, r.Dates))
	}
	applyIntraday(&d, s) // 1D: 5-minute points
	return d
}

// Warnings lists, one line each, what a reader of the snapshot should know
// about the data: the status's warnings, a config error, per-symbol errors
// (sorted by symbol) and symbols without data, followed by extra. Duplicates
// are dropped, so a caller may pass warnings it also put in the status. The
// CLI prints these to stderr; the JSON carries them in "warnings".
func Warnings(s ui.State, extra []string) []string {
	out := []string{}
	seen := map[string]bool{}
	add := func(w string) {
		w = ui.Sanitize(w)
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for _, w := range s.Status.Warnings {
		add(w)
	}
	for _, e := range s.Status.ConfigErrors() {
		add("config: " + e)
	}
	// Symbols failing with the same message (a service down) share one
	// line: "AMZN, BTC-USD, … (23 symbols): connection refused".
	var msgs []string
	bySym := map[string][]string{}
	for _, sym := range sortedKeys(s.Status.Errors) {
		msg := s.Status.Errors[sym]
		if bySym[msg] == nil {
			msgs = append(msgs, msg)
		}
		bySym[msg] = append(bySym[msg], sym)
	}
	for _, msg := range msgs {
		syms := bySym[msg]
		if len(syms) == 1 {
			add(syms[0] + ": " + msg)
			continue
		}
		add(fmt.Sprintf("%s (%d symbols): %s", shortList(syms), len(syms), msg))
	}
	if len(s.Report.Missing) > 0 {
		add("no data for " + shortList(s.Report.Missing))
	}
	for _, w := range extra {
		add(w)
	}
	return out
}

// warnedSymbols is how many symbols a warning names before it counts the
// rest: a thousand-symbol watchlist cut off by a deadline is one readable
// line, and the JSON's "missing" and members keep every name.
const warnedSymbols = 8

// shortList joins syms with ", ", naming at most warnedSymbols of them
// ("A, B, …, H and 575 more").
func shortList(syms []string) string {
	if len(syms) <= warnedSymbols {
		return strings.Join(syms, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(syms[:warnedSymbols], ", "), len(syms)-warnedSymbols)
}

func basket(b market.BasketReport, dates []market.Date) Basket {
	out := Basket{
		Key:            ui.Sanitize(b.Key),
		Name:           ui.Sanitize(b.Name),
		Index:          Float(lastValue(b.Index)),
		ReturnPct:      Float(b.ReturnPct),
		DayPct:         Float(b.DayPct),
		UnattributedPP: Float(b.Unattributed),
		Members:        make([]Member, 0, len(b.Members)),
		History:        points(dates, b.Index),
	}
	for _, m := range b.Members {
		out.Members = append(out.Members, Member{
			Symbol:         ui.Sanitize(m.Symbol),
			Weight:         Float(m.Weight),
			Last:           Float(m.Last),
			DayPct:         Float(m.DayPct),
			WindowPct:      Float(m.WindowPct),
			ContributionPP: Float(m.Contribution),
			Missing:        m.Missing,
		})
	}
	return out
}

func gap(g market.GapReport, dates []market.Date) Gap {
	out := Gap{
		Tesla:      CapInfo{Symbol: ui.Sanitize(g.Tesla), MarketCap: Float(g.TeslaCap)},
		Incumbents: make([]Incumbent, 0, len(g.Incumbents)),
		Ratios:     Ratios{First: Float(g.RatioFirst), All: Float(g.RatioAll)},
		DollarGap:  Float(g.DollarGap),
		Approx:     g.Approx,
		MoveDays:   g.MoveDays,
		MoveUSD:    Float(g.MoveUSD),
		History:    make([]GapPoint, 0, len(dates)),
	}
	for i, sym := range g.Incumbents {
		out.Incumbents = append(out.Incumbents, Incumbent{
			Symbol:    ui.Sanitize(sym),
			MarketCap: Float(at(g.IncumbCaps, i)),
			MoveIn:    Float(at(g.MoveInEach, i)),
		})
	}
	for i, d := range dates {
		out.History = append(out.History, GapPoint{Date: d.String(), Ratio: Float(at(g.RatioHistory, i)), MoveInFirst: Float(at(g.MoveHistory, i))})
	}
	return out
}

func correlation(c market.CorrReport, dates []market.Date) Correlation {
	out := Correlation{
		Symbol:    ui.Sanitize(c.Symbol),
		Days:      c.Days,
		CorrBits:  Float(c.CorrBits),
		CorrAtoms: Float(c.CorrAtoms),
		BetaBits:  Float(c.BetaBits),
		BetaAtoms: Float(c.BetaAtoms),
		Label:     ui.Sanitize(c.Label),
		History:   make([]CorrPoint, 0, len(dates)),
	}
	for i, d := range dates {
		out.History = append(out.History, CorrPoint{Date: d.String(), Bits: Float(at(c.BitsHist, i)), Atoms: Float(at(c.AtomsHist, i))})
	}
	return out
}

func whoosh(w market.WhooshReport, dates []market.Date) Whoosh {
	out := Whoosh{
		Score:      Float(w.Score),
		Band:       ui.Sanitize(w.Band),
		Components: make([]Component, 0, len(w.Components)),
		History:    points(dates, w.History),
	}
	for _, c := range w.Components {
		out.Components = append(out.Components, Component{
			Key:     ui.Sanitize(c.Key),
			Name:    ui.Sanitize(c.Name),
			Present: c.Present,
			Raw:     Float(c.Raw),
			Scale:   Float(c.Scale),
			Weight:  Float(c.Weight),
			Signal:  Float(c.Signal),
			Points:  Float(c.Points),
			Why:     ui.Sanitize(c.Why),
		})
	}
	return out
}

func macro(m *market.MacroReport) *Macro {
	if m == nil {
		return nil
	}
	out := &Macro{
		Series:        make([]MacroSeries, 0, len(m.Series)),
		Sahm:          Float(m.Sahm),
		SahmHit:       m.SahmHit,
		FoodVsHighPct: Float(m.FoodVsHigh),
		Roadmap:       make([]RoadmapStep, 0, len(m.Roadmap)),
	}
	for _, s := range m.Series {
		ms := MacroSeries{
			ID:           ui.Sanitize(s.ID),
			Name:         ui.Sanitize(s.Name),
			Unit:         ui.Sanitize(s.Unit),
			Change3M:     Float(s.Change3M),
			Change6M:     Float(s.Change6M),
			Change12M:    Float(s.Change12M),
			Observations: make([]Point, 0, len(s.Obs)),
		}
		if finite(s.Last.Value) {
			ms.Last = &Point{Date: s.Last.Date.String(), Value: Float(s.Last.Value)}
		}
		for _, o := range s.Obs {
			ms.Observations = append(ms.Observations, Point{Date: o.Date.String(), Value: Float(o.Value)})
		}
		out.Series = append(out.Series, ms)
	}
	for _, st := range m.Roadmap {
		out.Roadmap = append(out.Roadmap, RoadmapStep{Name: ui.Sanitize(st.Name), Triggered: st.Triggered, Known: st.Known, Detail: ui.Sanitize(st.Detail)})
	}
	return out
}

// points pairs dates with values; a missing value (short slice) is NaN.
func points(dates []market.Date, vs []float64) []Point {
	out := make([]Point, 0, len(dates))
	for i, d := range dates {
		out = append(out, Point{Date: d.String(), Value: Float(at(vs, i))})
	}
	return out
}

// at returns vs[i], or NaN when i is out of range.
func at(vs []float64, i int) float64 {
	if i < 0 || i >= len(vs) {
		return math.NaN()
	}
	return vs[i]
}

// lastValue returns the last finite value of vs, or NaN.
func lastValue(vs []float64) float64 {
	for i := len(vs) - 1; i >= 0; i-- {
		if finite(vs[i]) {
			return vs[i]
		}
	}
	return math.NaN()
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// dateOrNil formats d, or returns nil for the zero Date (no data).
func dateOrNil(d market.Date) *string {
	if d == 0 {
		return nil
	}
	s := d.String()
	return &s
}

// timeOrNil formats t in UTC as RFC 3339, or returns nil for the zero time.
func timeOrNil(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func sanitizeAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = ui.Sanitize(s)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
