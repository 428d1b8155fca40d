package market

// Series is one symbol's daily history: strictly increasing dates and the
// adjusted close on each (NaN where a bar exists but its price is missing).
type Series struct {
	Symbol string
	Dates  []Date
	Close  []float64

	daily int8 // TradesDaily, once known: 0 unknown, 1 no, 2 yes (see Calendared)
	clean int8 // every close valid, once known: 0 unknown, 1 no, 2 yes (see Calendared)
}

// Member is one symbol of a basket and its weight (any positive number; a
// basket's weights are normalised over the members that have a return on a
// given day).
type Member struct {
	Symbol string
	Weight float64
}

// Basket is a named, weighted set of symbols.
type Basket struct {
	Key     string // bits, atoms, crypto, havens, or a watchlist's name
	Name    string // display name
	Members []Member
}

// Symbols returns the member symbols in order.
func (b Basket) Symbols() []string {
	out := make([]string, len(b.Members))
	for i, m := range b.Members {
		out[i] = m.Symbol
	}
	return out
}

// Weights are the Whoosh Index component weights v_k. A zero weight switches
// a component off.
type Weights struct {
	Rotation, Crypto, Havens, TeslaDrift, Labor float64
}

// Spec is everything the analytics need to know about what to compute.
// config builds it from the YAML file; DefaultSpec matches the embedded
// default config.
type Spec struct {
	Bits, Atoms, Crypto, Havens Basket
	Benchmark                   string   // SPY
	Tesla                       string   // TSLA
	Incumbents                  []string // GM, F: the first is "a GM", the second "a Ford"
	MoveDays                    int      // 21: trading days of the market-cap move test
	CorrDays                    int      // 63: rolling correlation window
	Lookback                    int      // 63: Whoosh Index lookback L
	Weights                     Weights
	Watchlists                  []Basket
}

// Fundamentals are the live-quote facts the analytics use.
type Fundamentals struct {
	Price             float64 // last price (NaN if unknown)
	MarketCap         float64 // live market cap in USD (NaN if unknown)
	SharesOutstanding float64 // NaN if unknown
}

// Observation is one dated value of a macro series (monthly series use the
// first of the month).
type Observation struct {
	Date  Date
	Value float64
}

// Input is the full input of Analyze.
type Input struct {
	Spec   Spec
	Series map[string]Series       // by symbol
	Facts  map[string]Fundamentals // by symbol; may be empty
	Unrate []Observation           // FRED UNRATE, ascending; nil when absent
	Window Window
	AsOf   Date // last date considered; bars after it are ignored
}

// MemberStat is one basket member over the window.
type MemberStat struct {
	Symbol       string
	Weight       float64 // normalised weight (sums to 1 over the basket)
	Last         float64 // last adjusted close on or before AsOf (NaN if none)
	DayPct       float64 // last daily return, percent (NaN if none)
	WindowPct    float64 // return over the window, percent (NaN if none)
	Contribution float64 // percentage points of the basket's window return (NaN without a window return)
	Missing      bool    // no data at all for this symbol
}

// BasketReport is a basket over the window.
type BasketReport struct {
	Key, Name string
	Index     []float64 // rebased to 100 at the window start, one per Report.Dates
	ReturnPct float64   // window return, percent
	DayPct    float64   // last day's index return, percent
	Members   []MemberStat
	// Unattributed is the part of ReturnPct, in points, earned by members
	// without a window return (their bars stop early or start late): they
	// show no contribution, so the members' contributions plus this add up
	// to ReturnPct.
	Unattributed float64
}

// RSReport is bits-vs-atoms relative strength over the window.
type RSReport struct {
	Series   []float64 // 100·Bits/Atoms rebased to 100 at the window start
	Last     float64   // last value of Series
	SpreadPP float64   // bits window return minus atoms window return, points
}

// GapReport is the Tesla-vs-incumbents market-cap comparison.
type GapReport struct {
	Tesla       string
	Incumbents  []string
	TeslaCap    float64   // live market cap (or approximation, see Approx)
	IncumbCaps  []float64 // same order as Incumbents
	Approx      bool      // true when any cap was derived as close × shares
	RatioFirst  float64   // TSLA / first incumbent (TSLA/GM)
	RatioAll    float64   // TSLA / sum of incumbents (TSLA/(GM+F))
	DollarGap   float64   // TSLA cap minus first incumbent cap, USD
	MoveDays    int       // 21
	MoveUSD     float64   // TSLA cap change over MoveDays trading days (signed)
	MoveInFirst float64   // |MoveUSD| / first incumbent cap ("in GMs")
	MoveInEach  []float64 // |MoveUSD| / each incumbent's cap (GMs, Fords)
	// History over the window (approximate caps: adjusted close × current
	// shares), one per Report.Dates; NaN where not computable.
	RatioHistory []float64 // TSLA / first incumbent
	MoveHistory  []float64 // |ΔTSLA_MoveDays| / first incumbent cap
}

// CorrReport is the "Tesla: bits or atoms?" test.
type CorrReport struct {
	Symbol    string
	Days      int       // 63
	CorrBits  float64   // latest rolling correlation of daily returns with bits
	CorrAtoms float64   // same with atoms
	BetaBits  float64   // cov/var with the bits index
	BetaAtoms float64   // cov/var with the atoms index
	Label     string    // "trading like bits" | "trading like atoms" | "in between" | "not enough data"
	BitsHist  []float64 // rolling correlation with bits, one per Report.Dates (NaN early)
	AtomsHist []float64 // rolling correlation with atoms
}

// Component is one leg of the Whoosh Index.
type Component struct {
	Key     string  // rotation, crypto, havens, tesla_drift, labor
	Name    string  // display name
	Raw     float64 // c_k (NaN when absent)
	Scale   float64 // s_k
	Weight  float64 // v_k
	Signal  float64 // tanh(c_k/s_k) in [-1,1] (NaN when absent)
	Points  float64 // contribution to the score: 50·v_k·tanh(c_k/s_k)/Σv (0 when absent)
	Present bool
	Why     string // when absent: why ("no FRED data", "need 64 days, have 40")
}

// WhooshReport is the Whoosh Index with its legs and history.
type WhooshReport struct {
	Score      float64 // 0–100 (NaN when no component is present)
	Band       string
	Components []Component // always all five, in a fixed order
	History    []float64   // score per Report.Dates (NaN where not computable)
}

// Report is everything the screens and the snapshot show.
type Report struct {
	AsOf       Date
	Window     Window
	Start      Date   // base date of the window (first entry of Dates)
	Dates      []Date // trading dates of the window, base date first
	Bits       BasketReport
	Atoms      BasketReport
	RS         RSReport
	Gap        GapReport
	Tesla      CorrReport
	Whoosh     WhooshReport
	Watchlists []BasketReport
	Missing    []string // symbols the spec names that have no data
}

// MacroSeries is one FRED series over the window with its latest changes.
type MacroSeries struct {
	ID        string        // UNRATE, FEDFUNDS, CES7072200001
	Name      string        // display name
	Unit      string        // "%", "thousands"
	Obs       []Observation // observations up to AsOf, ascending
	Last      Observation   // latest observation (Value NaN when none)
	Change3M  float64       // change over 3 months, in the series' unit (NaN when unknown)
	Change6M  float64
	Change12M float64
}

// RoadmapStep is one step of the essay's roadmap with the number behind it.
type RoadmapStep struct {
	Name      string // "robots deployed", "unemployment spike", "Fed easing"
	Triggered bool
	Known     bool   // false when the data behind it is missing
	Detail    string // the number behind it, e.g. "Sahm 0.27 pt (< 0.50)"
}

// MacroReport is the macro screen and the labor leg's context.
type MacroReport struct {
	Series     []MacroSeries
	Sahm       float64 // 3-month average UNRATE minus its 12-month low, points (NaN when unknown)
	SahmHit    bool    // Sahm ≥ 0.5
	FoodVsHigh float64 // food-service employment vs its 12-month high, percent (≤ 0)
	Roadmap    []RoadmapStep
}
