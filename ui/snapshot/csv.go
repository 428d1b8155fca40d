package snapshot

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/whoosh-dev/whoosh/market"
	"github.com/whoosh-dev/whoosh/ui"
)

// writeSeriesCSV writes "date,series,value": every charted series, one row
// per date, series after series. A value that is not known is an empty cell
// (the row stays, so every series has a row for every date of the window).
func writeSeriesCSV(w io.Writer, s ui.State) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"date", "series", "value"})
	for _, sr := range chartSeries(s) {
		for i, d := range sr.dates {
			_ = cw.Write([]string{d.String(), sr.name, FormatNumber(at(sr.values, i))})
		}
	}
	writeIntradayCSV(cw, s) // 1D: timestamped 5-minute points
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// namedSeries is one charted series and the dates it is charted on.
type namedSeries struct {
	name   string
	dates  []market.Date
	values []float64
}

// chartSeries lists every series the dashboard charts, in a fixed order.
func chartSeries(s ui.State) []namedSeries {
	r := s.Report
	d := r.Dates
	out := []namedSeries{
		{"bits.index", d, r.Bits.Index},
		{"atoms.index", d, r.Atoms.Index},
		{"rs", d, r.RS.Series},
		{"whoosh.score", d, r.Whoosh.History},
		{"gap.ratio", d, r.Gap.RatioHistory},
		{"gap.move_in_first", d, r.Gap.MoveHistory},
		{"tesla.corr_bits", d, r.Tesla.BitsHist},
		{"tesla.corr_atoms", d, r.Tesla.AtomsHist},
	}
	for _, wl := range r.Watchlists {
		out = append(out, namedSeries{"watchlist." + metricKey(wl.Name) + ".index", d, wl.Index})
	}
	if s.Macro != nil {
		for _, ms := range s.Macro.Series {
			dates := make([]market.Date, len(ms.Obs))
			values := make([]float64, len(ms.Obs))
			for i, o := range ms.Obs {
				dates[i], values[i] = o.Date, o.Value
			}
			out = append(out, namedSeries{"macro." + metricKey(ms.ID), dates, values})
		}
	}
	return out
}

// metric is one row of the metrics table.
type metric struct {
	name, unit, source string
	value              float64
}

// writeMetricsCSV writes "metric,value,unit,source": one row per number the
// snapshot shows. source is the badge of the symbol's origin for
// per-symbol numbers and the overall badge for derived ones.
func writeMetricsCSV(w io.Writer, s ui.State) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"metric", "value", "unit", "source"})
	for _, m := range metrics(s) {
		_ = cw.Write([]string{m.name, FormatNumber(m.value), m.unit, m.source})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// metrics lists the numbers of the snapshot in a fixed order.
func metrics(s ui.State) []metric {
	r := s.Report
	all := ui.Sanitize(s.Status.Badge)
	symSource := func(sym string) string {
		if ss, ok := s.Symbols[sym]; ok {
			return ss.Badge()
		}
		if q, ok := s.Quotes[sym]; ok && q.Err == nil {
			return ui.Sanitize(q.Origin.Badge(s.Now))
		}
		return all
	}
	var out []metric
	add := func(name string, v float64, unit, source string) {
		out = append(out, metric{name: name, value: v, unit: unit, source: source})
	}
	boolNum := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}

	add("whoosh.score", r.Whoosh.Score, "points", all)
	for _, c := range r.Whoosh.Components {
		p := "whoosh." + metricKey(c.Key) + "."
		add(p+"present", boolNum(c.Present), "bool", all)
		add(p+"raw", c.Raw, componentUnit(c.Key), all)
		add(p+"scale", c.Scale, componentUnit(c.Key), all)
		add(p+"weight", c.Weight, "weight", all)
		add(p+"signal", c.Signal, "tanh", all)
		add(p+"points", c.Points, "points", all)
	}
	add("rs.last", r.RS.Last, "index", all)
	add("rs.spread_pp", r.RS.SpreadPP, "pp", all)
	baskets := append([]market.BasketReport{r.Bits, r.Atoms}, r.Watchlists...)
	for i, b := range baskets {
		p := metricKey(b.Key) + "."
		if i >= 2 {
			p = "watchlist." + metricKey(b.Name) + "."
		}
		add(p+"index", lastValue(b.Index), "index", all)
		add(p+"return_pct", b.ReturnPct, "%", all)
		add(p+"day_pct", b.DayPct, "%", all)
		for _, m := range b.Members {
			mp := p + "member." + metricKey(m.Symbol) + "."
			src := symSource(m.Symbol)
			add(mp+"weight", m.Weight, "fraction", src)
			add(mp+"last", m.Last, "price", src)
			add(mp+"day_pct", m.DayPct, "%", src)
			add(mp+"window_pct", m.WindowPct, "%", src)
			add(mp+"contribution_pp", m.Contribution, "pp", src)
		}
	}

	g := r.Gap
	tsla := strings.ToLower(metricKey(g.Tesla))
	add("gap.cap."+metricKey(g.Tesla), g.TeslaCap, "USD", symSource(g.Tesla))
	for i, sym := range g.Incumbents {
		add("gap.cap."+metricKey(sym), at(g.IncumbCaps, i), "USD", symSource(sym))
	}
	if len(g.Incumbents) > 0 {
		first := strings.ToLower(metricKey(g.Incumbents[0]))
		add("gap.ratio_"+tsla+"_"+first, g.RatioFirst, "x", all)
		names := make([]string, len(g.Incumbents))
		for i, sym := range g.Incumbents {
			names[i] = strings.ToLower(metricKey(sym))
		}
		if len(names) > 1 {
			add("gap.ratio_"+tsla+"_"+strings.Join(names, "_"), g.RatioAll, "x", all)
		}
	}
	add("gap.dollar_gap", g.DollarGap, "USD", all)
	add("gap.approx", boolNum(g.Approx), "bool", all)
	add("gap.move_days", float64(g.MoveDays), "days", all)
	add("gap.move_usd", g.MoveUSD, "USD", all)
	for i, sym := range g.Incumbents {
		add("gap.move_in_"+strings.ToLower(metricKey(sym)), at(g.MoveInEach, i), "x", all)
	}

	c := r.Tesla
	add("tesla.days", float64(c.Days), "days", all)
	add("tesla.corr_bits", c.CorrBits, "corr", all)
	add("tesla.corr_atoms", c.CorrAtoms, "corr", all)
	add("tesla.beta_bits", c.BetaBits, "beta", all)
	add("tesla.beta_atoms", c.BetaAtoms, "beta", all)

	if m := s.Macro; m != nil {
		for _, ms := range m.Series {
			p := "macro." + metricKey(ms.ID) + "."
			unit := ui.Sanitize(ms.Unit)
			src := symSource(ms.ID)
			add(p+"last", ms.Last.Value, unit, src)
			add(p+"change_3m", ms.Change3M, unit, src)
			add(p+"change_6m", ms.Change6M, unit, src)
			add(p+"change_12m", ms.Change12M, unit, src)
		}
		add("macro.sahm", m.Sahm, "pp", all)
		add("macro.sahm_hit", boolNum(m.SahmHit), "bool", all)
		add("macro.food_vs_high_pct", m.FoodVsHigh, "%", all)
	}

	for _, info := range symbolInfos(s) {
		add("symbol."+metricKey(info.Symbol)+".age_seconds", float64(info.AgeSeconds), "s", symSource(info.Symbol))
	}
	return out
}

// componentUnit is the unit of a Whoosh component's raw value c_k.
func componentUnit(key string) string {
	switch key {
	case "rotation", "crypto", "havens":
		return "log"
	case "tesla_drift":
		return "corr"
	case "labor":
		return "pp"
	}
	return ""
}

// metricKey makes a name safe inside a dotted metric or series name:
// sanitized, with spaces, dots and commas replaced by '_' so that splitting
// a metric on '.' gives back its parts. Symbols (A-Z 0-9 . - ^ =) keep
// everything but their dots: BRK.B becomes BRK_B.
func metricKey(s string) string {
	s = ui.Sanitize(s)
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '.', ',', '"', '\'':
			return '_'
		}
		return r
	}, s)
}
