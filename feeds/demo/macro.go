package demo

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

// The FRED series the demo simulates.
const (
	Unrate   = "UNRATE"        // unemployment rate, percent
	FedFunds = "FEDFUNDS"      // effective federal funds rate, percent
	FoodJobs = "CES7072200001" // food services and drinking places employment, thousands
)

// MacroIDs lists the simulated macro series in display order.
func MacroIDs() []string { return []string{Unrate, FedFunds, FoodJobs} }

// knot pins a macro series to a value in a month; months between knots are
// interpolated linearly, months after the last knot hold its value.
type knot struct {
	year  int
	month time.Month
	value float64
}

// macroShape is a series' path: knots shaped like the real history (the
// 2020 spike, the 2022–23 hikes, the 2024 cuts) and then a plausible drift,
// plus seeded monthly noise of up to ±noise and rounding to digits.
type macroShape struct {
	knots  []knot
	noise  float64
	digits int
}

var macroShapes = map[string]macroShape{
	Unrate: {noise: 0.1, digits: 1, knots: []knot{
		{2019, 1, 4.0}, {2019, 9, 3.5}, {2020, 2, 3.5}, {2020, 3, 4.4}, {2020, 4, 14.8},
		{2020, 5, 13.2}, {2020, 6, 11.0}, {2020, 9, 7.8}, {2020, 12, 6.7}, {2021, 6, 5.9},
		{2021, 12, 3.9}, {2022, 6, 3.6}, {2023, 4, 3.4}, {2023, 12, 3.7}, {2024, 7, 4.2},
		{2024, 12, 4.1}, {2025, 6, 4.1}, {2025, 12, 4.4}, {2026, 12, 4.6},
	}},
	// Policy moves in steps; no noise.
	FedFunds: {noise: 0, digits: 2, knots: []knot{
		{2019, 1, 2.40}, {2019, 7, 2.40}, {2019, 8, 2.13}, {2019, 9, 2.04}, {2019, 10, 1.83},
		{2019, 11, 1.55}, {2020, 2, 1.58}, {2020, 3, 0.65}, {2020, 4, 0.05}, {2021, 1, 0.08},
		{2021, 12, 0.08}, {2022, 2, 0.08}, {2022, 3, 0.20}, {2022, 4, 0.33}, {2022, 5, 0.77},
		{2022, 6, 1.21}, {2022, 7, 1.68}, {2022, 8, 2.33}, {2022, 9, 2.56}, {2022, 10, 3.08},
		{2022, 11, 3.78}, {2022, 12, 4.10}, {2023, 1, 4.33}, {2023, 2, 4.57}, {2023, 3, 4.65},
		{2023, 4, 4.83}, {2023, 5, 5.06}, {2023, 6, 5.08}, {2023, 7, 5.12}, {2023, 8, 5.33},
		{2024, 8, 5.33}, {2024, 9, 5.13}, {2024, 10, 4.83}, {2024, 11, 4.64}, {2024, 12, 4.48},
		{2025, 1, 4.33}, {2025, 8, 4.33}, {2025, 9, 4.22}, {2025, 10, 4.09}, {2025, 11, 3.88},
		{2025, 12, 3.72}, {2026, 1, 3.64},
	}},
	FoodJobs: {noise: 20, digits: 1, knots: []knot{
		{2019, 1, 12100}, {2020, 2, 12300}, {2020, 3, 11900}, {2020, 4, 6200}, {2020, 5, 7700},
		{2020, 6, 9300}, {2020, 11, 10600}, {2020, 12, 10300}, {2021, 6, 11300}, {2021, 12, 11800},
		{2022, 12, 12200}, {2023, 12, 12400}, {2024, 12, 12500}, {2025, 12, 12550},
	}},
}

// Macro returns every simulated macro series as of asOf.
func Macro(asOf market.Date) map[string][]market.Observation {
	out := make(map[string][]market.Observation, len(macroShapes))
	for _, id := range MacroIDs() {
		out[id] = macroSeries(id, asOf)
	}
	return out
}

// Series returns the simulated monthly macro series id (UNRATE, FEDFUNDS,
// CES7072200001): one observation dated the first of each month from
// 2019-01-01 up to the month before the as-of date's month, as FRED would
// have published it by then. It matches fred.Client's Series method.
func (p *Provider) Series(ctx context.Context, id string) ([]market.Observation, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if _, ok := macroShapes[id]; !ok {
		return nil, fmt.Errorf("demo: %w: no simulated macro series %q (have %v)", feeds.ErrUnknownSymbol, id, MacroIDs())
	}
	obs := macroSeries(id, p.asOf)
	if len(obs) == 0 {
		return nil, fmt.Errorf("demo: %s: %w: the demo's monthly series start 2019-01-01, first published in February 2019, after the as-of date %s", id, feeds.ErrNoData, p.asOf)
	}
	return obs, nil
}

// macroSeries computes id's observations up to the month before asOf's.
// Each month's noise is drawn from its own seeded stream position, so
// earlier months never depend on asOf.
func macroSeries(id string, asOf market.Date) []market.Observation {
	shape := macroShapes[id]
	first := market.DateOf(2019, time.January, 1)
	y, m, _ := asOf.Time().Date()
	last := market.DateOf(y, m-1, 1)
	if last < first {
		return nil
	}
	months := monthsBetween(first, last) + 1
	noise := normals(months, "macro", id)
	scale := math.Pow(10, float64(shape.digits))
	obs := make([]market.Observation, months)
	for i := range obs {
		day := first.AddMonths(i)
		v, pinned := shape.at(i)
		if !pinned { // knots are exact; the months between them wander
			v += shape.noise * math.Max(-1, math.Min(1, noise[i]/2))
		}
		obs[i] = market.Observation{Date: day, Value: math.Round(v*scale) / scale}
	}
	return obs
}

// at interpolates the knots at month index i (0 = January 2019) and says
// whether i is a knot's own month.
func (s macroShape) at(i int) (v float64, pinned bool) {
	idx := func(k knot) int { return (k.year-2019)*12 + int(k.month) - 1 }
	ks := s.knots
	if i <= idx(ks[0]) {
		return ks[0].value, i == idx(ks[0])
	}
	for j := 1; j < len(ks); j++ {
		a, b := idx(ks[j-1]), idx(ks[j])
		if i <= b {
			t := float64(i-a) / float64(b-a)
			return ks[j-1].value + t*(ks[j].value-ks[j-1].value), i == b
		}
	}
	return ks[len(ks)-1].value, false
}

// monthsBetween counts whole months from a to b (both first of a month).
func monthsBetween(a, b market.Date) int {
	ay, am, _ := a.Time().Date()
	by, bm, _ := b.Time().Date()
	return (by-ay)*12 + int(bm) - int(am)
}
