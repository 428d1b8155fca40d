package market

import (
	"fmt"
	"math"
	"strings"
)

// The alert metric kinds. Those ending in ':' take an argument.
const (
	MetricWhoosh     = "whoosh"
	MetricLeg        = "leg"
	MetricRS         = "rs"
	MetricSpread     = "spread"
	MetricBasket     = "basket"
	MetricGMRatio    = "tesla.gm_ratio"
	MetricMonthGMs   = "tesla.month_gms"
	MetricCorrBits   = "tesla.corr_bits"
	MetricCorrAtoms  = "tesla.corr_atoms"
	MetricPrice      = "price"
	MetricDayPct     = "day%"
	MetricWindowPct  = "window%"
	MetricUnrate     = "unrate"
	MetricSahm       = "sahm"
	MetricFedFunds   = "fedfunds"
	MetricThesis     = "thesis"
	alertMetricsHelp = "whoosh, leg:<rotation|crypto|havens|tesla_drift|labor>, rs, spread, basket:<bits|atoms|WATCHLIST>, " +
		"tesla.gm_ratio, tesla.month_gms, tesla.corr_bits, tesla.corr_atoms, price:SYM, day%:SYM, window%:SYM, unrate, sahm, fedfunds, thesis:<claim id>"
)

// alertUnits is every metric kind with its unit: the one list of metrics.
var alertUnits = map[string]string{
	MetricWhoosh:    "index points, 0-100",
	MetricLeg:       "index points the leg adds to the score (±50 over the legs present)",
	MetricRS:        "index, 100 at the window start (100·bits/atoms)",
	MetricSpread:    "percentage points (bits minus atoms window return)",
	MetricBasket:    "% window return",
	MetricGMRatio:   "× (Tesla market cap / GM market cap)",
	MetricMonthGMs:  "GMs (|Tesla 21-day market-cap move| / GM market cap)",
	MetricCorrBits:  "correlation, -1 to 1 (63-day, daily returns)",
	MetricCorrAtoms: "correlation, -1 to 1 (63-day, daily returns)",
	MetricPrice:     "price in the symbol's currency",
	MetricDayPct:    "% (last daily change)",
	MetricWindowPct: "% (return over the window)",
	MetricUnrate:    "% (FRED UNRATE, latest month)",
	MetricSahm:      "percentage points (Sahm rule; 0.5 triggers)",
	MetricFedFunds:  "% (FRED FEDFUNDS, latest month)",
	MetricThesis:    "verdict: on_track, confirmed, against, undecided, not_measurable",
}

var alertLegs = []string{"rotation", "crypto", "havens", "tesla_drift", "labor"}

// AlertMetric names what a rule watches: a kind and, for leg, basket,
// price, day%, window% and thesis, its argument.
type AlertMetric struct {
	Kind string
	Arg  string // leg key, basket key or watchlist name, symbol, claim id
}

// String writes the metric as the config does.
func (m AlertMetric) String() string {
	if m.Arg == "" {
		return m.Kind
	}
	return m.Kind + ":" + m.Arg
}

// Unit is the metric's unit, for documentation and messages.
func (m AlertMetric) Unit() string { return alertUnits[m.Kind] }

// AlertMetricsHelp lists the metric names, for error hints.
func AlertMetricsHelp() string { return alertMetricsHelp }

// ParseAlertMetric parses a metric name. Symbols are normalised to upper
// case; a basket or claim is taken as written (the caller checks it exists).
func ParseAlertMetric(s string) (AlertMetric, error) {
	s = strings.TrimSpace(s)
	kind, arg, hasArg := strings.Cut(s, ":")
	kind = strings.ToLower(strings.TrimSpace(kind))
	arg = strings.TrimSpace(arg)
	if _, known := alertUnits[kind]; !known {
		return AlertMetric{}, fmt.Errorf("unknown metric %q", s)
	}
	switch kind {
	case MetricLeg, MetricBasket, MetricPrice, MetricDayPct, MetricWindowPct, MetricThesis:
		if !hasArg || arg == "" {
			return AlertMetric{}, fmt.Errorf("metric %q needs an argument: %s:…", s, kind)
		}
	default:
		if hasArg {
			return AlertMetric{}, fmt.Errorf("metric %q takes no argument", s)
		}
		return AlertMetric{Kind: kind}, nil
	}
	switch kind {
	case MetricLeg:
		arg = strings.ToLower(arg)
		if !contains(alertLegs, arg) {
			return AlertMetric{}, fmt.Errorf("unknown leg %q (want %s)", arg, strings.Join(alertLegs, ", "))
		}
	case MetricPrice, MetricDayPct, MetricWindowPct:
		arg = NormalizeSymbol(arg)
		if !ValidSymbol(arg) {
			return AlertMetric{}, fmt.Errorf("invalid symbol %q in metric %q", arg, s)
		}
	case MetricThesis:
		arg = strings.ToLower(arg)
	}
	return AlertMetric{Kind: kind, Arg: arg}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ThesisClaimIDs lists the scorecard's claim ids, in order.
func ThesisClaimIDs() []string {
	var ids []string
	for _, c := range Thesis(ThesisInput{}) {
		ids = append(ids, c.ID)
	}
	return ids
}

// SymbolMove is one symbol's price and moves, as the tables show them.
type SymbolMove struct {
	Price, DayPct, WindowPct float64 // NaN when unknown
}

// AlertInput is what alert metrics are read from: the analytics of one
// recompute.
type AlertInput struct {
	Report  Report
	Macro   *MacroReport // nil without macro data
	Thesis  []Claim
	Symbols map[string]SymbolMove
}

// Value is metric m's value in in. A thesis:<id> metric is unavailable
// (never fires) as of a date before EssayDate: the claim was not made yet.
func (in AlertInput) Value(m AlertMetric) AlertValue {
	r := in.Report
	num := func(x float64) AlertValue {
		return AlertValue{Num: x, OK: !math.IsNaN(x) && !math.IsInf(x, 0)}
	}
	switch m.Kind {
	case MetricWhoosh:
		return num(r.Whoosh.Score)
	case MetricLeg:
		for _, c := range r.Whoosh.Components {
			if c.Key == m.Arg && c.Present {
				return num(c.Points)
			}
		}
	case MetricRS:
		return num(r.RS.Last)
	case MetricSpread:
		return num(r.RS.SpreadPP)
	case MetricBasket:
		for _, b := range append([]BasketReport{r.Bits, r.Atoms}, r.Watchlists...) {
			if strings.EqualFold(b.Key, m.Arg) || strings.EqualFold(b.Name, m.Arg) {
				return num(b.ReturnPct)
			}
		}
	case MetricGMRatio:
		return num(r.Gap.RatioFirst)
	case MetricMonthGMs:
		return num(r.Gap.MoveInFirst)
	case MetricCorrBits:
		return num(r.Tesla.CorrBits)
	case MetricCorrAtoms:
		return num(r.Tesla.CorrAtoms)
	case MetricPrice, MetricDayPct, MetricWindowPct:
		s, ok := in.Symbols[m.Arg]
		if !ok {
			break
		}
		switch m.Kind {
		case MetricPrice:
			return num(s.Price)
		case MetricDayPct:
			return num(s.DayPct)
		}
		return num(s.WindowPct)
	case MetricUnrate, MetricFedFunds:
		if in.Macro == nil {
			break
		}
		id := map[string]string{MetricUnrate: UnrateID, MetricFedFunds: FedFundsID}[m.Kind]
		for _, s := range in.Macro.Series {
			if s.ID == id {
				return num(s.Last.Value)
			}
		}
	case MetricSahm:
		if in.Macro != nil {
			return num(in.Macro.Sahm)
		}
	case MetricThesis:
		if r.AsOf < EssayDate { // a claim has no verdict before the essay made it
			break
		}
		for _, c := range in.Thesis {
			if c.ID == m.Arg {
				return AlertValue{Verdict: c.Verdict, OK: c.Verdict != ""}
			}
		}
	}
	return AlertValue{}
}

// MovesOf is a symbol's last close through asOf, its last daily change and
// its change since the window's base date start, in percent (NaN where the
// series cannot tell). It serves symbols outside every basket.
func MovesOf(s Series, start, asOf Date) SymbolMove {
	out := SymbolMove{Price: math.NaN(), DayPct: math.NaN(), WindowPct: math.NaN()}
	last := -1
	for i, d := range s.Dates {
		if d > asOf {
			break
		}
		last = i
	}
	if last < 0 {
		return out
	}
	out.Price = s.Close[last]
	if last > 0 {
		out.DayPct = 100 * (s.Close[last]/s.Close[last-1] - 1)
	}
	for i, d := range s.Dates {
		if d >= start && i <= last {
			out.WindowPct = 100 * (s.Close[last]/s.Close[i] - 1)
			break
		}
	}
	return out
}
