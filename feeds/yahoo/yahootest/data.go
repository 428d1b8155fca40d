package yahootest

import (
	"hash/fnv"
	"math"
	"strings"
	"time"
	_ "time/tzdata" // the fake must not depend on the host zoneinfo

	"github.com/whoosh-dev/whoosh/market"
)

var newYork = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // cannot happen: tzdata is embedded
	}
	return loc
}

// basePrices are rough 2024-03-20 levels so the fake looks plausible.
var basePrices = map[string]float64{
	"NVDA": 90, "MSFT": 425, "GOOGL": 148, "META": 505, "AMZN": 178, "TSM": 140,
	"BTC-USD": 67000, "ETH-USD": 3500, "XOM": 115, "CVX": 155, "LMT": 450,
	"GM": 43, "F": 13, "MCD": 280, "KKR": 98, "BX": 125, "INTC": 42, "ITB": 105,
	"EWS": 19, "EWL": 45, "UAE": 14, "SPY": 520, "TSLA": 175, "AAPL": 178,
}

// sharesOutstanding gives the fake's share counts (market cap = price × shares).
var sharesOutstanding = map[string]int64{
	"TSLA": 3_216_000_000, "GM": 1_100_000_000, "F": 3_980_000_000,
	"AAPL": 15_022_100_480, "MSFT": 7_430_000_000, "NVDA": 24_500_000_000,
}

var essay = market.DateOf(2024, 3, 20)

// IsCrypto reports whether the fake treats sym as a crypto pair, traded
// every day with bars at 00:00 UTC.
func IsCrypto(sym string) bool { return strings.HasSuffix(sym, "-USD") }

// Trades reports whether sym has a bar on d: every day for crypto,
// Monday to Friday otherwise (the fake knows no holidays).
func Trades(sym string, d market.Date) bool {
	if IsCrypto(sym) {
		return true
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// BarTime is the instant Yahoo stamps sym's daily bar of d with: the
// session open, 09:30 New York (13:30 UTC in summer, 14:30 UTC in winter),
// or 00:00 UTC for crypto.
func BarTime(sym string, d market.Date) time.Time {
	if IsCrypto(sym) {
		return d.Time()
	}
	y, m, day := d.Time().Date()
	return time.Date(y, m, day, 9, 30, 0, 0, newYork)
}

func hash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// Close returns the fake's deterministic close of sym on d, a function of
// the symbol and the date only, so any two requests agree.
func Close(sym string, d market.Date) float64 {
	base, ok := basePrices[sym]
	if !ok {
		base = 10 + float64(hash(sym)%490)
	}
	h := hash(sym)
	phase := float64(h%1000) / 1000 * 2 * math.Pi
	drift := float64(int64((h>>10)%41)-10) / 100 // -0.10 … +0.30 a year
	years := float64(d-essay) / 365
	noise := (float64(hash(sym, d.String())%2001)/1000 - 1) * 0.01
	v := base * math.Exp(drift*years+0.1*math.Sin(2*math.Pi*float64(d)/120+phase)+noise)
	return math.Round(v*1e4) / 1e4
}

// AdjClose returns the fake's adjusted close: 0.995 × close for equities
// (a constant dividend factor, so returns match), the close for crypto.
func AdjClose(sym string, d market.Date) float64 {
	if IsCrypto(sym) {
		return Close(sym, d)
	}
	return math.Round(Close(sym, d)*0.995*1e4) / 1e4
}

// Shares returns the fake's shares outstanding for sym, if it has any.
func Shares(sym string) (float64, bool) {
	n, ok := sharesOutstanding[sym]
	return float64(n), ok
}
