package snapshot

// SchemaVersion is the version of the JSON document. It changes only when a
// field is removed or changes meaning; new fields may appear without a bump.
const SchemaVersion = 1

// Document is the JSON snapshot. Field order is the output order. Numbers
// that are not known are null (Float); see docs/snapshot-json.md for every
// field's unit, meaning and null cases.
type Document struct {
	SchemaVersion    int          `json:"schema_version"`
	Source           Source       `json:"source"`
	AsOf             *string      `json:"as_of"`
	Window           string       `json:"window"`
	WindowStart      *string      `json:"window_start"`
	GeneratedFrom    *string      `json:"generated_from"`
	Symbols          []SymbolInfo `json:"symbols"`
	Missing          []string     `json:"missing"`
	Baskets          Baskets      `json:"baskets"`
	RS               RS           `json:"rs"`
	Gap              Gap          `json:"gap"`
	TeslaCorrelation Correlation  `json:"tesla_correlation"`
	Whoosh           Whoosh       `json:"whoosh"`
	Watchlists       []Basket     `json:"watchlists"`
	Macro            *Macro       `json:"macro"`
	Thesis           []Claim      `json:"thesis"`
	Warnings         []string     `json:"warnings"`
	// Intraday is the 1D window's session (intraday.go); null in the daily windows.
	Intraday *Intraday `json:"intraday"`
	// Alerts is present only with snapshot --alerts: the rules that fired
	// on this snapshot's data ([] when none did).
	Alerts *[]Alert `json:"alerts,omitempty"`
}

// Alert is one rule that fired, with how each channel took it.
type Alert struct {
	Rule       string     `json:"rule"`
	Metric     string     `json:"metric"`
	Unit       string     `json:"unit"`
	Op         string     `json:"op"`
	Threshold  any        `json:"threshold"` // a number, or a verdict for thesis:<id>
	Value      any        `json:"value"`     // the same type as threshold
	Time       string     `json:"time"`      // the data's time, RFC 3339 UTC
	Message    string     `json:"message"`
	Deliveries []Delivery `json:"deliveries"`
}

// Delivery is the outcome of one channel of a fired rule.
type Delivery struct {
	Channel string `json:"channel"`
	OK      bool   `json:"ok"`
	Detail  string `json:"detail"`
}

// Source says where the data as a whole came from: the weakest origin shown.
type Source struct {
	Badge       string `json:"badge"`
	Provider    string `json:"provider"`
	MarketState string `json:"market_state"`
	Stale       bool   `json:"stale"`
}

// SymbolInfo is one symbol's origin, age, latest price and error.
type SymbolInfo struct {
	Symbol     string  `json:"symbol"`
	Source     string  `json:"source"`
	Provider   string  `json:"provider"`
	Fetched    *string `json:"fetched"`
	Observed   *string `json:"observed"`
	AgeSeconds Float   `json:"age_seconds"`
	Last       Float   `json:"last"`
	MarketCap  Float   `json:"market_cap"`
	Error      *string `json:"error"`
}

// Baskets holds the two baskets of the thesis.
type Baskets struct {
	Bits  Basket `json:"bits"`
	Atoms Basket `json:"atoms"`
}

// Basket is a basket or a watchlist over the window.
type Basket struct {
	Key       string `json:"key"`
	Name      string `json:"name"`
	Index     Float  `json:"index"`
	ReturnPct Float  `json:"return_pct"`
	DayPct    Float  `json:"day_pct"`
	// UnattributedPP is the part of return_pct earned by members without a
	// window return (they show no contribution).
	UnattributedPP Float    `json:"unattributed_pp"`
	Members        []Member `json:"members"`
	History        []Point  `json:"history"`
}

// Member is one basket member over the window.
type Member struct {
	Symbol         string `json:"symbol"`
	Weight         Float  `json:"weight"`
	Last           Float  `json:"last"`
	DayPct         Float  `json:"day_pct"`
	WindowPct      Float  `json:"window_pct"`
	ContributionPP Float  `json:"contribution_pp"`
	Missing        bool   `json:"missing"`
}

// Point is one dated value of a series. Time is set on the 1D window's
// 5-minute points only: the point's instant with its zone's offset.
type Point struct {
	Date  string  `json:"date"`
	Time  *string `json:"time,omitempty"`
	Value Float   `json:"value"`
}

// RS is bits-vs-atoms relative strength.
type RS struct {
	Last     Float   `json:"last"`
	SpreadPP Float   `json:"spread_pp"`
	History  []Point `json:"history"`
}

// Gap is the Tesla-vs-incumbents market-cap comparison.
type Gap struct {
	Tesla      CapInfo     `json:"tesla"`
	Incumbents []Incumbent `json:"incumbents"`
	Ratios     Ratios      `json:"ratios"`
	DollarGap  Float       `json:"dollar_gap"`
	Approx     bool        `json:"approx"`
	MoveDays   int         `json:"move_days"`
	MoveUSD    Float       `json:"move_usd"`
	History    []GapPoint  `json:"history"`
}

// CapInfo is a symbol and its market cap.
type CapInfo struct {
	Symbol    string `json:"symbol"`
	MarketCap Float  `json:"market_cap"`
}

// Incumbent is one incumbent of the gap test: its market cap and Tesla's
// recent market-cap move expressed in units of it.
type Incumbent struct {
	Symbol    string `json:"symbol"`
	MarketCap Float  `json:"market_cap"`
	MoveIn    Float  `json:"move_in"`
}

// Ratios are Tesla's market cap over the first incumbent's and over all of
// theirs together.
type Ratios struct {
	First Float `json:"first"`
	All   Float `json:"all"`
}

// GapPoint is one day of the gap history.
type GapPoint struct {
	Date        string `json:"date"`
	Ratio       Float  `json:"ratio"`
	MoveInFirst Float  `json:"move_in_first"`
}

// Correlation is the "Tesla: bits or atoms?" test.
type Correlation struct {
	Symbol    string      `json:"symbol"`
	Days      int         `json:"days"`
	CorrBits  Float       `json:"corr_bits"`
	CorrAtoms Float       `json:"corr_atoms"`
	BetaBits  Float       `json:"beta_bits"`
	BetaAtoms Float       `json:"beta_atoms"`
	Label     string      `json:"label"`
	History   []CorrPoint `json:"history"`
}

// CorrPoint is one day of the rolling correlations.
type CorrPoint struct {
	Date  string `json:"date"`
	Bits  Float  `json:"bits"`
	Atoms Float  `json:"atoms"`
}

// Whoosh is the Whoosh Index.
type Whoosh struct {
	Score      Float       `json:"score"`
	Band       string      `json:"band"`
	Components []Component `json:"components"`
	History    []Point     `json:"history"`
}

// Component is one leg of the Whoosh Index.
type Component struct {
	Key     string `json:"key"`
	Name    string `json:"name"`
	Present bool   `json:"present"`
	Raw     Float  `json:"raw"`
	Scale   Float  `json:"scale"`
	Weight  Float  `json:"weight"`
	Signal  Float  `json:"signal"`
	Points  Float  `json:"points"`
	Why     string `json:"why"`
}

// Macro is the macro block: FRED series, the Sahm trigger and the roadmap.
type Macro struct {
	Series        []MacroSeries `json:"series"`
	Sahm          Float         `json:"sahm"`
	SahmHit       bool          `json:"sahm_hit"`
	FoodVsHighPct Float         `json:"food_vs_high_pct"`
	Roadmap       []RoadmapStep `json:"roadmap"`
}

// MacroSeries is one macro series with its latest value and changes.
type MacroSeries struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Unit         string  `json:"unit"`
	Last         *Point  `json:"last"`
	Change3M     Float   `json:"change_3m"`
	Change6M     Float   `json:"change_6m"`
	Change12M    Float   `json:"change_12m"`
	Observations []Point `json:"observations"`
}

// RoadmapStep is one step of the essay's roadmap.
type RoadmapStep struct {
	Name      string `json:"name"`
	Triggered bool   `json:"triggered"`
	Known     bool   `json:"known"`
	Detail    string `json:"detail"`
}

// Claim is one claim of the essay's thesis scorecard, scored.
type Claim struct {
	ID        string    `json:"id"`
	Claim     string    `json:"claim"`
	Metric    string    `json:"metric"`
	Unit      string    `json:"unit"`
	Predicted string    `json:"predicted"`
	Value     Float     `json:"value"`
	Band      ClaimBand `json:"band"`
	Verdict   string    `json:"verdict"`
	Since     []Point   `json:"since"`
	AsOf      *string   `json:"as_of"`
	Missing   []string  `json:"missing"`
	Note      string    `json:"note"`
}

// ClaimBand is the range inside which a claim is undecided; null on an
// open side.
type ClaimBand struct {
	Lo Float `json:"lo"`
	Hi Float `json:"hi"`
}
