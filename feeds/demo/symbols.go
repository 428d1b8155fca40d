package demo

import (
	"hash/fnv"
	"strings"
)

// group is the common factor a symbol loads on besides the market.
type group int

const (
	groupNone group = iota
	groupBits
	groupAtoms
	groupCrypto
	groupHavens
)

// profile is everything the simulation needs to know about one symbol.
// Volatilities and drifts are annual, in log terms.
type profile struct {
	name   string
	anchor float64 // real close on 2024-03-20 (split-adjusted); the path passes through it exactly
	start  float64 // real close on 2019-01-02 (split-adjusted); 0 = no bridge, free walk
	vol    float64 // total annual volatility
	beta   float64 // loading on the market factor
	group  group
	gbeta  float64 // loading on the group factor
	mu     float64 // annual drift after the anchor (the story)
	shares float64 // shares outstanding (coins in circulation for crypto)
	crypto bool    // trades every calendar day
}

// profiles holds the default symbols. Anchors and 2019 starts are the real
// closes as recalled, rounded; they only need to be plausible. Drifts after
// the anchor tell the essay's story: bits beat atoms, Tesla swings.
// Shares: GOOGL and BX count every share class so price × shares is the
// company's value; ETFs carry their shares in issue.
var profiles = map[string]profile{
	// bits
	"NVDA":    {name: "NVIDIA Corp", anchor: 90.36, start: 3.41, vol: 0.50, beta: 1.7, group: groupBits, gbeta: 1.3, mu: 0.45, shares: 24.4e9},
	"MSFT":    {name: "Microsoft Corp", anchor: 425.23, start: 101.12, vol: 0.25, beta: 1.1, group: groupBits, gbeta: 0.8, mu: 0.15, shares: 7.43e9},
	"GOOGL":   {name: "Alphabet Inc Class A", anchor: 149.24, start: 52.73, vol: 0.28, beta: 1.1, group: groupBits, gbeta: 0.9, mu: 0.18, shares: 12.2e9},
	"META":    {name: "Meta Platforms Inc", anchor: 505.52, start: 135.68, vol: 0.32, beta: 1.3, group: groupBits, gbeta: 1.0, mu: 0.30, shares: 2.53e9},
	"AMZN":    {name: "Amazon.com Inc", anchor: 178.15, start: 76.96, vol: 0.30, beta: 1.2, group: groupBits, gbeta: 0.9, mu: 0.20, shares: 10.5e9},
	"TSM":     {name: "Taiwan Semiconductor Manufacturing ADR", anchor: 137.45, start: 37.30, vol: 0.35, beta: 1.3, group: groupBits, gbeta: 1.0, mu: 0.35, shares: 5.19e9},
	"BTC-USD": {name: "Bitcoin USD", anchor: 67913.67, start: 3943.41, vol: 0.60, beta: 0.6, group: groupCrypto, gbeta: 1.0, mu: 0.40, shares: 19.67e6, crypto: true},
	"ETH-USD": {name: "Ethereum USD", anchor: 3516.15, start: 155.05, vol: 0.70, beta: 0.6, group: groupCrypto, gbeta: 1.2, mu: 0.05, shares: 120.1e6, crypto: true},
	// atoms
	"XOM":  {name: "Exxon Mobil Corp", anchor: 116.11, start: 69.69, vol: 0.22, beta: 0.8, group: groupAtoms, gbeta: 1.2, mu: -0.05, shares: 4.31e9},
	"CVX":  {name: "Chevron Corp", anchor: 155.28, start: 110.63, vol: 0.22, beta: 0.8, group: groupAtoms, gbeta: 1.2, mu: -0.06, shares: 1.76e9},
	"LMT":  {name: "Lockheed Martin Corp", anchor: 452.17, start: 264.50, vol: 0.18, beta: 0.5, group: groupAtoms, gbeta: 0.8, mu: 0.00, shares: 0.24e9},
	"GM":   {name: "General Motors Co", anchor: 43.88, start: 33.64, vol: 0.32, beta: 1.2, group: groupAtoms, gbeta: 1.0, mu: 0.06, shares: 1.10e9},
	"F":    {name: "Ford Motor Co", anchor: 12.91, start: 7.90, vol: 0.33, beta: 1.2, group: groupAtoms, gbeta: 1.0, mu: -0.12, shares: 3.98e9},
	"MCD":  {name: "McDonald's Corp", anchor: 280.08, start: 177.58, vol: 0.17, beta: 0.6, group: groupAtoms, gbeta: 0.6, mu: 0.02, shares: 0.72e9},
	"KKR":  {name: "KKR & Co Inc", anchor: 98.03, start: 19.93, vol: 0.32, beta: 1.4, group: groupAtoms, gbeta: 0.8, mu: 0.10, shares: 0.89e9},
	"BX":   {name: "Blackstone Inc", anchor: 128.27, start: 30.54, vol: 0.32, beta: 1.4, group: groupAtoms, gbeta: 0.8, mu: 0.08, shares: 1.22e9},
	"INTC": {name: "Intel Corp", anchor: 43.04, start: 47.08, vol: 0.38, beta: 1.1, group: groupAtoms, gbeta: 0.8, mu: -0.40, shares: 4.36e9},
	"ITB":  {name: "iShares US Home Construction ETF", anchor: 110.41, start: 30.90, vol: 0.25, beta: 1.2, group: groupAtoms, gbeta: 0.8, mu: -0.08, shares: 22.0e6},
	// talent havens and the benchmark
	"EWS": {name: "iShares MSCI Singapore ETF", anchor: 18.52, start: 21.62, vol: 0.15, beta: 0.6, group: groupHavens, gbeta: 1.0, mu: 0.08, shares: 36.0e6},
	"EWL": {name: "iShares MSCI Switzerland ETF", anchor: 48.07, start: 33.05, vol: 0.14, beta: 0.6, group: groupHavens, gbeta: 1.0, mu: 0.06, shares: 27.0e6},
	"UAE": {name: "iShares MSCI UAE ETF", anchor: 14.52, start: 14.10, vol: 0.16, beta: 0.4, group: groupHavens, gbeta: 1.0, mu: 0.10, shares: 7.0e6},
	"SPY": {name: "SPDR S&P 500 ETF Trust", anchor: 520.48, start: 250.18, vol: 0.15, beta: 0.95, mu: 0.13, shares: 0.93e9},
	// the gap
	"TSLA": {name: "Tesla Inc", anchor: 175.66, start: 20.67, vol: 0.55, beta: 1.8, group: groupBits, gbeta: 0.8, mu: 0.20, shares: 3.19e9},
	// the thesis scorecard: the indices of tech-1999-right, the chip ETF
	// Intel is measured against, and the robotics ETF. Indices have no
	// shares (no market cap).
	"^NDX":  {name: "NASDAQ 100", anchor: 18240.69, start: 6360.87, vol: 0.20, beta: 1.15, group: groupBits, gbeta: 0.6, mu: 0.16},
	"^GSPC": {name: "S&P 500", anchor: 5224.62, start: 2510.03, vol: 0.15, beta: 0.95, mu: 0.13},
	"SMH":   {name: "VanEck Semiconductor ETF", anchor: 217.58, start: 44.51, vol: 0.35, beta: 1.4, group: groupBits, gbeta: 1.1, mu: 0.25, shares: 120.0e6},
	"BOTZ":  {name: "Global X Robotics & Artificial Intelligence ETF", anchor: 31.52, start: 19.23, vol: 0.24, beta: 1.2, group: groupBits, gbeta: 0.6, mu: 0.10, shares: 92.0e6},
}

// ThesisSymbols returns the symbols the thesis scorecard adds to the
// default config's (market.ThesisSymbols names them all); each has a real
// anchor like the defaults.
func ThesisSymbols() []string { return []string{"^NDX", "^GSPC", "SMH", "BOTZ"} }

// DefaultSymbols returns every symbol the embedded default config names,
// in the order the design lists them: bits, atoms, havens, SPY, TSLA.
func DefaultSymbols() []string {
	return []string{
		"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD",
		"XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB",
		"EWS", "EWL", "UAE", "SPY", "TSLA",
	}
}

// hash64 is the seed of everything: FNV-1a of a versioned key, so a change
// of the simulation that should change the numbers bumps the version.
func hash64(parts ...string) uint64 {
	h := fnv.New64a()
	h.Write([]byte("whoosh-demo/v1"))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return h.Sum64()
}

// profileOf returns the profile of a default symbol, or a seeded one for
// any other symbol so that custom baskets work in demo mode too.
func profileOf(sym string) profile {
	if p, ok := profiles[sym]; ok {
		return p
	}
	h := hash64("profile", sym)
	frac := func(shift uint) float64 { return float64((h>>shift)&0xffff) / 0xffff } // [0,1]
	p := profile{
		name:   sym,
		anchor: 20 + float64(h%28001)/100, // 20.00–300.00
		vol:    0.20 + 0.35*frac(16),
		beta:   0.7 + 0.7*frac(32),
		mu:     0.12*frac(48) - 0.02,
		shares: 1e8 * float64(1+(h>>8)%50), // 0.1–5 billion
	}
	if strings.HasSuffix(sym, "-USD") {
		p.crypto = true
		p.group, p.gbeta = groupCrypto, 1
		p.vol = 0.60 + 0.30*frac(16)
		p.beta = 0.5
		p.shares = 1e6 * float64(10+(h>>8)%990)
	}
	return p
}
