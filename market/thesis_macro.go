package market

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
)

// upTo returns the finite observations dated on or before asOf, ascending
// (stably sorted, which FRED's already are).
func upTo(obs []Observation, asOf Date) []Observation {
	var out []Observation
	for _, o := range obs {
		if o.Date <= asOf && finite(o.Value) {
			if out == nil {
				out = make([]Observation, 0, len(obs))
			}
			out = append(out, o)
		}
	}
	byDate := func(a, b Observation) int { return cmp.Compare(a.Date, b.Date) }
	if !slices.IsSortedFunc(out, byDate) {
		slices.SortStableFunc(out, byDate)
	}
	return out
}

// essayObs is the index of the last observation dated on or before the
// essay (the essay month's, for monthly data); -1 when none.
func essayObs(obs []Observation) int {
	return sort.Search(len(obs), func(i int) bool { return obs[i].Date > EssayDate }) - 1
}

// sinceEssay is f(i) for every observation from the essay's on, rounded.
func sinceEssay(obs []Observation, from int, f func(i int) float64) []Observation {
	var out []Observation
	for i := max(from, 0); i < len(obs); i++ {
		if v := f(i); finite(v) {
			out = append(out, Observation{Date: obs[i].Date, Value: round9(v)})
		}
	}
	return out
}

// needBase says what is missing when a series has no observation at the
// essay to measure a change from.
func needBase(id string, obs []Observation) []string {
	switch {
	case len(obs) == 0:
		return []string{id}
	case essayObs(obs) < 0:
		return []string{id + " before " + EssayDate.String()}
	}
	return nil
}

// month formats a monthly observation's date as YYYY-MM.
func month(d Date) string { return d.String()[:7] }

// restaurants is the change of food-services employment since the
// essay's month, percent: (v_t / v_essay − 1) · 100; band ±1 %, down.
func restaurants(obs []Observation) Claim {
	c := Claim{ID: "restaurant-robots", Claim: "robots come for restaurant jobs",
		Metric: "food-services jobs since the essay (FRED " + FoodServicesID + ")", Unit: "%",
		Predicted: Down, Band: ClaimBand{-1, 1}, Missing: needBase(FoodServicesID, obs)}
	if b := essayObs(obs); b >= 0 {
		c.Since = sinceEssay(obs, b, func(i int) float64 { return (obs[i].Value/obs[b].Value - 1) * 100 })
		last := obs[len(obs)-1]
		c.Note = fmt.Sprintf("%s thousand jobs in %s", plain(last.Value, 0), month(last.Date))
	}
	return finish(c, func(v float64) Verdict { return ratioVerdict(v, c.Band, Down) })
}

// sahmPath is the Sahm value at each UNRATE observation from the essay's
// month on (or from the first, when all are later).
func sahmPath(u []Observation) []Observation {
	return sinceEssay(u, essayObs(u), func(i int) float64 { return Sahm(u[:i+1]) })
}

// firstTrigger is the first point of a Sahm path at or above the
// threshold; false when none.
func firstTrigger(sahm []Observation) (Date, bool) {
	for _, o := range sahm {
		if o.Value >= SahmThreshold {
			return o.Date, true
		}
	}
	return 0, false
}

// unemployment scores the spike: Value is the Sahm value (see Sahm), on
// track at ≥ 0.5 (the rule's own edge, included); confirmed when the
// latest UNRATE is ≥ 10 %; otherwise undecided — never against.
func unemployment(u []Observation) Claim {
	c := Claim{ID: "unemployment-spike", Claim: "automation drives unemployment toward 10–15 %",
		Metric: "Sahm rule on FRED " + UnrateID, Unit: "pt", Predicted: Up,
		Band: ClaimBand{math.NaN(), SahmThreshold}}
	if len(u) == 0 {
		c.Missing = []string{UnrateID}
	}
	c.Since = sahmPath(u)
	rate := math.NaN()
	if n := len(u); n > 0 {
		rate = u[n-1].Value
		c.Note = fmt.Sprintf("%s %s %% in %s", UnrateID, plain(rate, 1), month(u[n-1].Date))
		if len(c.Since) == 0 {
			c.Note += fmt.Sprintf("; Sahm needs %d months", SahmMinObs)
		}
		if d, ok := firstTrigger(c.Since); ok {
			c.Note += "; Sahm first triggered " + month(d)
		}
	}
	c = finish(c, func(v float64) Verdict {
		if v >= SahmThreshold {
			return OnTrack
		}
		return Undecided
	})
	if rate >= 10 && len(c.Missing) == 0 {
		c.Verdict = Confirmed
		if c.AsOf == 0 {
			c.AsOf = u[len(u)-1].Date
		}
	}
	return c
}

// FedEaseBand is the change of FEDFUNDS since the essay that counts as
// easing (≤ −0.25 pt) or tightening (≥ +0.25 pt); both edges included.
const FedEaseBand = 0.25

// fedEases is FEDFUNDS minus its essay-month value, points. The note says
// when it first reached −0.25 and whether that was before or after the
// first Sahm trigger since the essay.
func fedEases(ff, u []Observation) Claim {
	c := Claim{ID: "fed-eases", Claim: "the Fed eases after the spike",
		Metric: "FRED " + FedFundsID + " change since the essay", Unit: "pt", Predicted: Down,
		Band: ClaimBand{-FedEaseBand, FedEaseBand}, Missing: needBase(FedFundsID, ff)}
	if b := essayObs(ff); b >= 0 {
		c.Since = sinceEssay(ff, b, func(i int) float64 { return ff[i].Value - ff[b].Value })
	}
	c.Note = easeTiming(c.Since, u)
	return finish(c, func(v float64) Verdict {
		switch {
		case v <= -FedEaseBand:
			return OnTrack
		case v >= FedEaseBand:
			return Against
		}
		return Undecided
	})
}

// easeTiming says when the Fed first eased 0.25 pt and how that sits with
// the first Sahm trigger since the essay.
func easeTiming(change, u []Observation) string {
	eased, ok := Date(0), false
	for _, o := range change {
		if o.Value <= -FedEaseBand {
			eased, ok = o.Date, true
			break
		}
	}
	trig, hit := firstTrigger(sahmPath(u))
	switch {
	case len(change) == 0:
		return ""
	case !ok:
		return "no easing of 0.25 pt yet"
	case len(u) == 0:
		return "eased by " + month(eased) + " (no " + UnrateID + " to compare with)"
	case !hit:
		return "eased by " + month(eased) + ", before any Sahm trigger"
	case eased < trig:
		return "eased by " + month(eased) + ", before the Sahm trigger of " + month(trig)
	case eased == trig:
		return "eased by " + month(eased) + ", the month of the Sahm trigger"
	}
	return "eased by " + month(eased) + ", after the Sahm trigger of " + month(trig)
}

// cbdc cannot be read from prices: the claim carries its deadline and the
// days left to it (negative once passed).
func cbdc(asOf Date) Claim {
	left := int(CBDCDeadline - asOf)
	c := Claim{ID: "cbdc-by-2027", Claim: "CBDCs are deployed by 2026–27",
		Metric: "days left to " + CBDCDeadline.String(), Unit: "days", Predicted: None,
		Value: float64(left), Band: ClaimBand{math.NaN(), math.NaN()}, Verdict: NotMeasurable, AsOf: asOf}
	c.Note = fmt.Sprintf("not market data; deadline %s, %d days left", CBDCDeadline, left)
	if left < 0 {
		c.Note = fmt.Sprintf("not market data; deadline %s passed %d days ago", CBDCDeadline, -left)
	}
	return c
}
