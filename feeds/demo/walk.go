package demo

import (
	"math"
	"math/rand/v2"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

// The simulated history runs on calendar days from Start. Every symbol's
// log price is one continuous process; an equity is only observed on NYSE
// trading days (its weekend and holiday moves show up in the next bar, as
// real news does), crypto every day.
var (
	// Start is the first day of simulated history.
	Start = market.DateOf(2019, time.January, 2)
	// Anchor is the essay's day: every default symbol's close on it is its
	// real close, exactly.
	Anchor = market.DateOf(2024, time.March, 20)
	// horizon caps the simulation so an absurd as-of date cannot make it
	// allocate without bound; bars stop there.
	horizon = market.DateOf(2100, time.December, 31)
)

const daysPerYear = 365.0

// factor volatilities (annual): the common shocks symbols load on.
var factorVol = map[group]float64{
	groupNone:   0.16, // the market
	groupBits:   0.14,
	groupAtoms:  0.10,
	groupCrypto: 0.45,
	groupHavens: 0.08,
}

// regime is a stretch of extra drift on one factor (annual log drift for a
// loading of 1). They give the path its shape — the 2020 crash, the 2022
// bear market, the AI rally — without changing the anchored and bridged
// end points.
type regime struct {
	from, to market.Date
	factor   group // groupNone means the market
	mu       float64
	symbol   string // when set, the drift is this symbol's own, factor ignored
}

func d(y int, m time.Month, day int) market.Date { return market.DateOf(y, m, day) }

var regimes = []regime{
	{d(2020, 2, 20), d(2020, 3, 23), groupNone, -4.6, ""},  // Covid crash, about −40% in a month
	{d(2020, 3, 24), d(2020, 8, 31), groupNone, 1.0, ""},   // the rebound
	{d(2020, 10, 1), d(2021, 4, 14), groupCrypto, 2.8, ""}, // crypto mania
	{d(2022, 1, 3), d(2022, 10, 14), groupNone, -0.32, ""}, // rate-hike bear market
	{d(2022, 1, 3), d(2022, 10, 31), groupBits, -0.42, ""}, // growth hit hardest
	{d(2022, 1, 3), d(2022, 6, 8), groupAtoms, 0.58, ""},   // oil spike
	{d(2022, 4, 1), d(2022, 11, 21), groupCrypto, -1.4, ""},
	{d(2023, 1, 1), d(2024, 3, 20), groupBits, 0.45, ""}, // the AI rally into the essay
	// after the essay
	{d(2024, 7, 11), d(2024, 8, 5), groupBits, -2.6, ""},    // rotation scare
	{d(2024, 11, 5), d(2024, 12, 17), groupCrypto, 3.5, ""}, // election rally
	{d(2025, 2, 20), d(2025, 4, 8), groupNone, -1.55, ""},   // tariff drawdown
	{d(2025, 4, 9), d(2025, 6, 30), groupNone, 0.98, ""},    // and the recovery
	{d(2025, 4, 9), d(2025, 6, 30), groupBits, 0.36, ""},    // led by bits
	{d(2025, 7, 1), d(2026, 12, 31), groupAtoms, -0.10, ""}, // atoms keep lagging
	{d(2025, 7, 1), d(2026, 12, 31), groupBits, 0.08, ""},
	// Tesla's own swings: the election spike, the long slide, the rebound.
	{d(2024, 11, 5), d(2024, 12, 17), groupNone, 4.0, "TSLA"},
	{d(2024, 12, 18), d(2025, 4, 8), groupNone, -2.2, "TSLA"},
	{d(2025, 4, 9), d(2025, 6, 30), groupNone, 1.5, "TSLA"},
}

// normals returns n standard normal draws from the stream named by parts.
// Each stream is its own PCG seeded from FNV hashes, so a draw depends only
// on the stream and its position, never on what else was simulated.
func normals(n int, parts ...string) []float64 {
	seed1 := hash64(append(parts, "seed1")...)
	seed2 := hash64(append(parts, "seed2")...)
	r := rand.New(rand.NewPCG(seed1, seed2))
	z := make([]float64, n)
	for i := range z {
		z[i] = r.NormFloat64()
	}
	return z
}

// shocks returns one standard normal per calendar day index 1..end-Start
// (index 0, Start itself, has no move and stays 0). Days up to the anchor
// are drawn from a backward stream counting back from the anchor, later
// days from a forward stream counting on from it: a day's draw depends
// only on its distance from the anchor, so extending the as-of date
// extends the path and never changes it.
func shocks(end market.Date, parts ...string) []float64 {
	a := int(Anchor - Start)
	n := int(end - Start)
	z := make([]float64, n+1)
	back := normals(a, append(parts, "back")...)
	for k, v := range back { // k-th draw is the move into the anchor minus k days
		z[a-k] = v
	}
	if n > a {
		copy(z[a+1:], normals(n-a, append(parts, "fwd")...))
	}
	return z
}

// factors holds the common shocks, one slice per group (groupNone is the
// market), indexed like shocks.
type factors map[group][]float64

func newFactors(end market.Date) factors {
	f := factors{}
	for g := range factorVol {
		f[g] = shocks(end, "factor", groupName(g))
	}
	return f
}

func groupName(g group) string {
	return [...]string{"market", "bits", "atoms", "crypto", "havens"}[g]
}

// logPath simulates sym's log price for every calendar day from Start to
// end (end ≥ Anchor). The anchor is exact: the path is built outwards from
// it. When the profile knows its real 2019 start, the backward half is a
// bridge: a constant per-day correction makes it land on that start too.
func logPath(sym string, p profile, f factors, end market.Date) []float64 {
	a := int(Anchor - Start)
	n := int(end - Start)
	eps := shocks(end, "symbol", sym)

	mVol := p.beta * factorVol[groupNone]
	gVol := 0.0
	if p.group != groupNone {
		gVol = p.gbeta * factorVol[p.group]
	}
	// The idiosyncratic part fills the rest of the total variance, but
	// never drops below a quarter of it so no name is a pure factor copy.
	idio := math.Sqrt(math.Max(p.vol*p.vol-mVol*mVol-gVol*gVol, 0.0625*p.vol*p.vol))
	sigma2 := mVol*mVol + gVol*gVol + idio*idio
	sqrtDt := math.Sqrt(1 / daysPerYear)

	// mu[i] is the annual drift into day i: the story drift after the
	// anchor plus whatever regimes cover the day.
	mu := make([]float64, n+1)
	for i := a + 1; i <= n; i++ {
		mu[i] = p.mu
	}
	for _, rg := range regimes {
		var m float64
		switch {
		case rg.symbol != "":
			if rg.symbol == sym {
				m = rg.mu
			}
		case rg.factor == groupNone:
			m = p.beta * rg.mu
		case rg.factor == p.group:
			m = p.gbeta * rg.mu
		}
		if m == 0 {
			continue
		}
		lo := max(int(rg.from-Start), 1)
		hi := min(int(rg.to-Start), n)
		for i := lo; i <= hi; i++ {
			mu[i] += m
		}
	}

	// r[i] is the log move from day i−1 to day i.
	r := make([]float64, n+1)
	for i := 1; i <= n; i++ {
		shock := mVol*f[groupNone][i] + idio*eps[i]
		if gVol != 0 {
			shock += gVol * f[p.group][i]
		}
		r[i] = (mu[i]-sigma2/2)/daysPerYear + shock*sqrtDt
	}

	lp := make([]float64, n+1)
	lp[a] = math.Log(p.anchor)
	correction := 0.0
	if p.start > 0 {
		sum := 0.0
		for i := 1; i <= a; i++ {
			sum += r[i]
		}
		correction = (math.Log(p.anchor/p.start) - sum) / float64(a)
	}
	for i := a - 1; i >= 0; i-- {
		lp[i] = lp[i+1] - r[i+1] - correction
	}
	for i := a + 1; i <= n; i++ {
		lp[i] = lp[i-1] + r[i]
	}
	return lp
}

// price turns a log price into a quoted price: cents above a dollar, four
// decimals below, and never rounded down to zero.
func price(lp float64) float64 {
	p := math.Exp(lp)
	scale := 100.0
	if p < 1 {
		scale = 1e4
	}
	if q := math.Round(p*scale) / scale; q > 0 {
		return q
	}
	return p
}
