package market

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// FRED series IDs of the macro screen.
const (
	UnrateID       = "UNRATE"        // civilian unemployment rate, percent, monthly
	FedFundsID     = "FEDFUNDS"      // effective federal funds rate, percent, monthly
	FoodServicesID = "CES7072200001" // food services & drinking places employees, thousands, monthly
)

// SahmThreshold is the rise in points that triggers the Sahm rule.
const SahmThreshold = 0.5

// SahmMinObs is how many UNRATE observations the Sahm value needs: the
// latest 3-month average and the twelve 3-month averages before it.
const SahmMinObs = 15

// macroDefs is the order and labelling of the macro series.
var macroDefs = []struct{ id, name, unit string }{
	{UnrateID, "Unemployment rate", "%"},
	{FedFundsID, "Fed funds rate", "%"},
	{FoodServicesID, "Food services & drinking places", "thousands"},
}

// MacroIDs returns the FRED series the macro screen needs, in display order.
func MacroIDs() []string {
	ids := make([]string, len(macroDefs))
	for i, m := range macroDefs {
		ids[i] = m.id
	}
	return ids
}

// AnalyzeMacro computes the macro screen from FRED series keyed by ID
// (ascending observations; missing IDs are allowed) as of asOf.
//
// Series always holds UNRATE, FEDFUNDS and CES7072200001 in that order; a
// series without data has no Obs and NaN for Last.Value and the changes.
// Obs keeps every finite observation dated on or before asOf (the whole
// history: trimming to the screen's window is the caller's choice).
// ChangeNM is the latest value minus the value of the observation N
// calendar months earlier (see monthsBack), NaN when that month is missing.
//
// rsChange is the bits-vs-atoms rotation signal behind the "robots deployed"
// step, for example ln(RS_t/RS_{t-L}) or the window's RS spread; positive
// means bits beat atoms, NaN means unknown. It is shown with three decimals.
//
// Sahm is the real-time Sahm rule on UNRATE, by observation (not by
// calendar month, so a month FRED lacks — 2025-10 — is skipped, not
// interpolated). With u_0 the latest observation and u_k the k-th before it,
// MA_k = (u_k + u_{k+1} + u_{k+2}) / 3 and
//
//	Sahm = MA_0 − min(MA_1, …, MA_12),
//
// which needs SahmMinObs (15) observations; NaN with fewer. SahmHit is
// Sahm ≥ SahmThreshold (0.5). Sahm is rounded to 1e-9 so that decimal data
// exactly at the threshold hits it.
//
// FoodVsHigh is (last / max − 1)·100 where max is the highest food-services
// observation dated after last.Date.AddMonths(-12): the 12 calendar months
// ending with the latest, which is included, so FoodVsHigh ≤ 0.
//
// Roadmap is the essay's three steps, in order: "robots deployed"
// (rsChange > 0), "unemployment spike" (SahmHit), "Fed easing" (FEDFUNDS
// Change6M < 0); each with Known=false and a Detail naming what is missing
// when its data is absent.
func AnalyzeMacro(series map[string][]Observation, asOf Date, rsChange float64) MacroReport {
	rep := MacroReport{Sahm: math.NaN(), FoodVsHigh: math.NaN()}
	byID := map[string]MacroSeries{}
	for _, def := range macroDefs {
		ms := macroSeries(def.id, def.name, def.unit, series[def.id], asOf)
		byID[def.id] = ms
		rep.Series = append(rep.Series, ms)
	}

	unrate := byID[UnrateID].Obs
	rep.Sahm = Sahm(unrate)
	rep.SahmHit = rep.Sahm >= SahmThreshold
	rep.FoodVsHigh = vsHigh(byID[FoodServicesID].Obs)

	rep.Roadmap = []RoadmapStep{
		robotsStep(rsChange),
		sahmStep(rep.Sahm, len(unrate)),
		fedStep(byID[FedFundsID]),
	}
	return rep
}

// Sahm returns the Sahm value of ascending UNRATE observations, as defined
// on AnalyzeMacro, using the last SahmMinObs finite observations; NaN when
// there are fewer.
func Sahm(unrate []Observation) float64 {
	v := make([]float64, 0, SahmMinObs)
	for i := len(unrate) - 1; i >= 0 && len(v) < SahmMinObs; i-- {
		if finite(unrate[i].Value) {
			v = append(v, unrate[i].Value) // v[k] = u_k, newest first
		}
	}
	if len(v) < SahmMinObs {
		return math.NaN()
	}
	ma := func(k int) float64 { return (v[k] + v[k+1] + v[k+2]) / 3 }
	low := math.Inf(1)
	for k := 1; k <= 12; k++ {
		low = math.Min(low, ma(k))
	}
	return round9(ma(0) - low)
}

// LaborChange returns the 12-month change of UNRATE in points as of on: the
// latest finite observation dated on or before on, minus the observation in
// the calendar month twelve months before it (see AnalyzeMacro). ok is false
// when either is missing. unrate must be ascending. The Whoosh Index uses
// it as the labor component.
func LaborChange(unrate []Observation, on Date) (change float64, ok bool) {
	return laborAt(unrate, laborIndex(unrate, on))
}

// laborIndex is the latest finite observation dated on or before on (-1
// when none): the only thing LaborChange's answer depends on.
func laborIndex(unrate []Observation, on Date) int {
	i := sort.Search(len(unrate), func(i int) bool { return unrate[i].Date > on }) - 1
	for i >= 0 && !finite(unrate[i].Value) {
		i--
	}
	return i
}

// laborAt is LaborChange from the latest observation i.
func laborAt(unrate []Observation, i int) (change float64, ok bool) {
	if i < 0 {
		return math.NaN(), false
	}
	c := changeOver(unrate[:i+1], 12)
	return c, !math.IsNaN(c)
}

// macroSeries filters obs to finite values on or before asOf, sorted, and
// fills in the latest value and its changes.
func macroSeries(id, name, unit string, obs []Observation, asOf Date) MacroSeries {
	ms := MacroSeries{ID: id, Name: name, Unit: unit,
		Last:     Observation{Value: math.NaN()},
		Change3M: math.NaN(), Change6M: math.NaN(), Change12M: math.NaN()}
	ms.Obs = upTo(obs, asOf) // one allocation, not append's growth
	if len(ms.Obs) == 0 {
		return ms
	}
	ms.Last = ms.Obs[len(ms.Obs)-1]
	ms.Change3M = changeOver(ms.Obs, 3)
	ms.Change6M = changeOver(ms.Obs, 6)
	ms.Change12M = changeOver(ms.Obs, 12)
	return ms
}

// changeOver returns the last value of obs (ascending, finite) minus the
// value n months earlier, rounded to 1e-9. "n months earlier" is monthsBack.
func changeOver(obs []Observation, n int) float64 {
	if len(obs) == 0 {
		return math.NaN()
	}
	last := obs[len(obs)-1]
	then, ok := monthsBack(obs, last.Date, n)
	if !ok {
		return math.NaN()
	}
	return round9(last.Value - then)
}

// monthsBack returns the value of the latest observation dated on or before
// from.AddMonths(-n), provided it lies in that same calendar month. For
// monthly data (dated the 1st) that is exactly the observation of the month
// n months back; for daily data, the last one on or before the same day of
// that month. A month without an observation gives false rather than a
// neighbour's value.
func monthsBack(obs []Observation, from Date, n int) (float64, bool) {
	target := from.AddMonths(-n)
	i := sort.Search(len(obs), func(i int) bool { return obs[i].Date > target }) - 1
	if i < 0 {
		return math.NaN(), false
	}
	ty, tm, _ := target.Time().Date()
	oy, om, _ := obs[i].Date.Time().Date()
	if ty != oy || tm != om {
		return math.NaN(), false
	}
	return obs[i].Value, true
}

// vsHigh returns (last / high − 1)·100 with high the maximum over the 12
// calendar months ending with the latest observation; NaN when obs is empty
// or the high is not positive.
func vsHigh(obs []Observation) float64 {
	if len(obs) == 0 {
		return math.NaN()
	}
	last := obs[len(obs)-1]
	from := last.Date.AddMonths(-12)
	high := math.Inf(-1)
	for i := len(obs) - 1; i >= 0 && obs[i].Date > from; i-- {
		high = math.Max(high, obs[i].Value)
	}
	if !(high > 0) {
		return math.NaN()
	}
	return round9((last.Value/high - 1) * 100)
}

func robotsStep(rs float64) RoadmapStep {
	st := RoadmapStep{Name: "robots deployed"}
	if !finite(rs) {
		st.Detail = "no bits/atoms data"
		return st
	}
	st.Known = true
	st.Triggered = rs > 0
	cmp := "≤ 0"
	if st.Triggered {
		cmp = "> 0"
	}
	st.Detail = fmt.Sprintf("bits vs atoms %s (%s)", signed(rs, 3), cmp)
	return st
}

func sahmStep(sahm float64, n int) RoadmapStep {
	st := RoadmapStep{Name: "unemployment spike"}
	switch {
	case n == 0:
		st.Detail = "no " + UnrateID + " data"
		return st
	case math.IsNaN(sahm):
		st.Detail = fmt.Sprintf("%s: need %d months, have %d", UnrateID, SahmMinObs, n)
		return st
	}
	st.Known = true
	st.Triggered = sahm >= SahmThreshold
	cmp := "<"
	if st.Triggered {
		cmp = "≥"
	}
	st.Detail = fmt.Sprintf("Sahm %s pt (%s %.2f)", plain(sahm, 2), cmp, SahmThreshold)
	return st
}

func fedStep(ff MacroSeries) RoadmapStep {
	st := RoadmapStep{Name: "Fed easing"}
	switch {
	case len(ff.Obs) == 0:
		st.Detail = "no " + FedFundsID + " data"
		return st
	case math.IsNaN(ff.Change6M):
		st.Detail = fmt.Sprintf("%s: no observation 6 months before %s", FedFundsID, ff.Last.Date)
		return st
	}
	st.Known = true
	st.Triggered = ff.Change6M < 0
	st.Detail = signed(ff.Change6M, 2) + " pt over 6 months"
	return st
}

// signed formats x with a sign and prec decimals, never as "-0.00".
func signed(x float64, prec int) string {
	s := fmt.Sprintf("%+.*f", prec, x)
	if strings.Trim(s, "+-0.") == "" {
		s = "+" + s[1:]
	}
	return s
}

// plain formats x with prec decimals, never as "-0.00".
func plain(x float64, prec int) string {
	s := fmt.Sprintf("%.*f", prec, x)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// round9 rounds to 9 decimals, removing the binary noise of differences of
// decimal data (5.33 − 5.08 = 0.25000000000000044) so comparisons with
// thresholds such as 0.5 behave as the decimals suggest.
func round9(x float64) float64 {
	if !finite(x) {
		return x
	}
	return math.Round(x*1e9) / 1e9
}
