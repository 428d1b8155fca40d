package demo

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/feeds/calendar"
	"github.com/whoosh-dev/whoosh/market"
)

var ctx = context.Background()

func date(t testing.TB, s string) market.Date {
	t.Helper()
	d, err := market.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func history(t *testing.T, p *Provider, from, to market.Date, syms ...string) []feeds.History {
	t.Helper()
	hs, err := p.History(ctx, syms, from, to)
	if err != nil {
		t.Fatalf("History: %v", err)
	}
	if len(hs) != len(syms) {
		t.Fatalf("History returned %d results for %d symbols", len(hs), len(syms))
	}
	return hs
}

// closeOn returns the close of the bar dated d, or NaN.
func closeOn(bars []feeds.Bar, d market.Date) float64 {
	for _, b := range bars {
		if b.Date == d {
			return b.Close
		}
	}
	return math.NaN()
}

// sameHistory reports whether two results are bit-for-bit equal: same
// symbols, origins, errors and the same bits in every float.
func sameHistory(a, b []feeds.History) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		if x.Symbol != y.Symbol || x.Origin != y.Origin || fmt.Sprint(x.Err) != fmt.Sprint(y.Err) || len(x.Bars) != len(y.Bars) {
			return false
		}
		for j, bx := range x.Bars {
			by := y.Bars[j]
			if bx.Date != by.Date || math.Float64bits(bx.Close) != math.Float64bits(by.Close) ||
				math.Float64bits(bx.AdjClose) != math.Float64bits(by.AdjClose) {
				return false
			}
		}
	}
	return true
}

func TestDeterministic(t *testing.T) {
	asOf := date(t, "2025-06-30")
	syms := append(DefaultSymbols(), "ZZZZ", "FOO-USD")
	a := history(t, New(asOf), Start, asOf, syms...)
	b := history(t, New(asOf), Start, asOf, syms...)
	if !sameHistory(a, b) {
		t.Fatal("two providers with the same as-of date gave different bars")
	}
	qa, _ := New(asOf).Quotes(ctx, syms)
	qb, _ := New(asOf).Quotes(ctx, syms)
	if fmt.Sprintf("%#v", qa) != fmt.Sprintf("%#v", qb) {
		t.Fatal("two providers with the same as-of date gave different quotes")
	}
}

func TestLaterAsOfExtendsHistory(t *testing.T) {
	late := date(t, "2025-06-30")
	syms := []string{"NVDA", "XOM", "BTC-USD", "ZZZZ"}
	long := history(t, New(late), Start, late, syms...)
	// One as-of date before the anchor (only the backward walk), one after.
	for _, s := range []string{"2023-01-31", "2024-09-13", "2025-06-27"} {
		early := date(t, s)
		short := history(t, New(early), Start, early, syms...)
		for i := range syms {
			got, want := short[i].Bars, long[i].Bars
			if len(got) == 0 || got[len(got)-1].Date > early {
				t.Fatalf("as of %s, %s: %d bars ending after the as-of date", s, syms[i], len(got))
			}
			if len(got) >= len(want) {
				t.Fatalf("as of %s, %s: %d bars, not fewer than the %d of the later as-of", s, syms[i], len(got), len(want))
			}
			for j := range got {
				if got[j] != want[j] {
					t.Fatalf("as of %s, %s: bar %d is %+v, the later as-of has %+v", s, syms[i], j, got[j], want[j])
				}
			}
		}
	}
}

func TestAnchorExact(t *testing.T) {
	// The real closes of 2024-03-20 (NVDA split-adjusted), typed in again
	// here rather than read from the profile table.
	want := map[string]float64{
		"NVDA": 90.36, "MSFT": 425.23, "GOOGL": 149.24, "META": 505.52, "AMZN": 178.15,
		"TSM": 137.45, "BTC-USD": 67913.67, "ETH-USD": 3516.15, "XOM": 116.11, "CVX": 155.28,
		"LMT": 452.17, "GM": 43.88, "F": 12.91, "MCD": 280.08, "KKR": 98.03, "BX": 128.27,
		"INTC": 43.04, "ITB": 110.41, "EWS": 18.52, "EWL": 48.07, "UAE": 14.52, "SPY": 520.48,
		"TSLA": 175.66,
	}
	if len(want) != len(DefaultSymbols()) {
		t.Fatalf("test covers %d symbols, DefaultSymbols has %d", len(want), len(DefaultSymbols()))
	}
	for _, asOf := range []string{"2024-03-20", "2025-06-30"} {
		p := New(date(t, asOf))
		hs := history(t, p, Anchor, Anchor, DefaultSymbols()...)
		for _, h := range hs {
			if h.Err != nil {
				t.Fatalf("%s: %v", h.Symbol, h.Err)
			}
			if len(h.Bars) != 1 || h.Bars[0].Date != Anchor || h.Bars[0].Close != want[h.Symbol] || h.Bars[0].AdjClose != want[h.Symbol] {
				t.Errorf("as of %s, %s on the anchor: %+v, want one bar closing %v", asOf, h.Symbol, h.Bars, want[h.Symbol])
			}
		}
	}
}

func TestCalendar(t *testing.T) {
	asOf := date(t, "2025-06-30")
	hs := history(t, New(asOf), Start, asOf, "NVDA", "BTC-USD")
	nvda, btc := hs[0].Bars, hs[1].Bars
	tests := []struct {
		bars []feeds.Bar
		day  string
		want bool
		why  string
	}{
		{nvda, "2024-07-04", false, "Independence Day"},
		{nvda, "2024-07-05", true, "the Friday after"},
		{nvda, "2025-04-18", false, "Good Friday"},
		{nvda, "2023-06-19", false, "Juneteenth"},
		{nvda, "2024-03-23", false, "Saturday"},
		{nvda, "2019-01-02", true, "first day of history"},
		{btc, "2024-03-23", true, "crypto trades on Saturday"},
		{btc, "2024-03-24", true, "and on Sunday"},
		{btc, "2024-07-04", true, "and on holidays"},
	}
	for _, tt := range tests {
		if got := !math.IsNaN(closeOn(tt.bars, date(t, tt.day))); got != tt.want {
			t.Errorf("bar on %s = %v, want %v (%s)", tt.day, got, tt.want, tt.why)
		}
	}
	for _, b := range nvda {
		if !calendar.IsTradingDay(b.Date) {
			t.Fatalf("NVDA has a bar on %s, not a trading day", b.Date)
		}
	}
	// 2019-01-02 through 2025-06-30 is 2372 calendar days (six years with
	// two leap days = 2192, plus 180 days to June 30 inclusive).
	if len(btc) != 2372 {
		t.Errorf("BTC-USD has %d bars, want 2372", len(btc))
	}
	// Trading days: 252+253+252+251+250+252 (2019–2024) + 122 (2025 H1).
	if len(nvda) != 1632 {
		t.Errorf("NVDA has %d bars, want 1632", len(nvda))
	}
}

// basketReturn chain-links the equal-weight daily returns of syms over the
// trading days from base to asOf, as the basket index does, and returns
// the window return in percent.
func basketReturn(t *testing.T, p *Provider, base, asOf market.Date, syms []string) float64 {
	t.Helper()
	days := calendar.TradingDays(base, asOf)
	hs := history(t, p, base, asOf, syms...)
	index := 1.0
	for i := 1; i < len(days); i++ {
		sum := 0.0
		for _, h := range hs {
			sum += closeOn(h.Bars, days[i])/closeOn(h.Bars, days[i-1]) - 1
		}
		index *= 1 + sum/float64(len(hs))
	}
	if math.IsNaN(index) {
		t.Fatalf("basket %v has a gap between %s and %s", syms, base, asOf)
	}
	return 100 * (index - 1)
}

func TestStoryBitsBeatAtoms(t *testing.T) {
	asOf := date(t, "2025-06-30")
	p := New(asOf)
	bits := []string{"NVDA", "MSFT", "GOOGL", "META", "AMZN", "TSM", "BTC-USD", "ETH-USD"}
	atoms := []string{"XOM", "CVX", "LMT", "GM", "F", "MCD", "KKR", "BX", "INTC", "ITB"}
	b := basketReturn(t, p, Anchor, asOf, bits)
	a := basketReturn(t, p, Anchor, asOf, atoms)
	t.Logf("since the essay: bits %+.1f%%, atoms %+.1f%%", b, a)
	if b-a < 20 {
		t.Errorf("bits %+.1f%% vs atoms %+.1f%%: want bits ahead by at least 20 points", b, a)
	}
}

// annualVol is the standard deviation of daily log returns of bars between
// from and to, annualised with the number of bars per year.
func annualVol(bars []feeds.Bar, from, to market.Date, perYear float64) float64 {
	var rs []float64
	for i := 1; i < len(bars); i++ {
		if bars[i-1].Date >= from && bars[i].Date <= to {
			rs = append(rs, math.Log(bars[i].Close/bars[i-1].Close))
		}
	}
	mean := 0.0
	for _, r := range rs {
		mean += r
	}
	mean /= float64(len(rs))
	ss := 0.0
	for _, r := range rs {
		ss += (r - mean) * (r - mean)
	}
	return math.Sqrt(ss/float64(len(rs)-1)) * math.Sqrt(perYear)
}

func TestVolatility(t *testing.T) {
	asOf := date(t, "2025-06-30")
	from, to := date(t, "2021-01-01"), date(t, "2024-12-31") // four years, few regimes
	tests := []struct {
		sym     string
		perYear float64
		lo, hi  float64
	}{
		{"SPY", 252, 0.10, 0.22},
		{"MCD", 252, 0.12, 0.24},
		{"MSFT", 252, 0.18, 0.34},
		{"NVDA", 252, 0.40, 0.62},
		{"TSLA", 252, 0.44, 0.68},
		{"BTC-USD", 365, 0.48, 0.75},
	}
	p := New(asOf)
	for _, tt := range tests {
		bars := history(t, p, Start, asOf, tt.sym)[0].Bars
		if v := annualVol(bars, from, to, tt.perYear); v < tt.lo || v > tt.hi {
			t.Errorf("%s annualised volatility %.3f, want in [%.2f, %.2f]", tt.sym, v, tt.lo, tt.hi)
		}
	}
}

func TestUnknownSymbols(t *testing.T) {
	asOf := date(t, "2025-06-30")
	p := New(asOf)
	hs := history(t, p, Start, asOf, "ZZZZ", "QQQQ", "FOO-USD", "bad sym!", "")
	zzzz, qqqq, foo := hs[0], hs[1], hs[2]
	for _, h := range hs[:3] {
		if h.Err != nil || len(h.Bars) == 0 {
			t.Fatalf("%s: err %v, %d bars; want a walk", h.Symbol, h.Err, len(h.Bars))
		}
		if h.Bars[0].Date != Start || h.Bars[len(h.Bars)-1].Date != asOf {
			t.Errorf("%s runs %s to %s, want %s to %s", h.Symbol, h.Bars[0].Date, h.Bars[len(h.Bars)-1].Date, Start, asOf)
		}
		if a := closeOn(h.Bars, Anchor); !(a >= 20 && a <= 300) {
			t.Errorf("%s anchor close %v, want 20–300", h.Symbol, a)
		}
		for _, b := range h.Bars {
			if !(b.Close > 0) || math.IsInf(b.Close, 0) {
				t.Fatalf("%s: bad close %v on %s", h.Symbol, b.Close, b.Date)
			}
		}
	}
	if len(zzzz.Bars) != 1632 || len(foo.Bars) != 2372 {
		t.Errorf("ZZZZ %d bars (want 1632, equity calendar), FOO-USD %d (want 2372, every day)", len(zzzz.Bars), len(foo.Bars))
	}
	if closeOn(zzzz.Bars, Anchor) == closeOn(qqqq.Bars, Anchor) {
		t.Error("two unknown symbols got the same anchor price")
	}
	for _, h := range hs[3:] {
		if !errors.Is(h.Err, feeds.ErrUnknownSymbol) || len(h.Bars) != 0 {
			t.Errorf("%q: err %v, %d bars; want ErrUnknownSymbol", h.Symbol, h.Err, len(h.Bars))
		}
	}
	// Lower case is the same symbol.
	lower := history(t, p, Start, asOf, "zzzz")[0]
	if !sameHistory([]feeds.History{{Bars: lower.Bars}}, []feeds.History{{Bars: zzzz.Bars}}) {
		t.Error("zzzz and ZZZZ differ")
	}
}

func TestHistoryRange(t *testing.T) {
	asOf := date(t, "2025-06-30")
	p := New(asOf)
	tests := []struct {
		from, to    string
		first, last string // "" = expect ErrNoData
		n           int
	}{
		// 2024-07-01..2024-07-08: Jul 1, 2, 3, 5, 8 (the 4th is a holiday).
		{"2024-07-01", "2024-07-08", "2024-07-01", "2024-07-08", 5},
		{"2024-07-04", "2024-07-04", "", "", 0},
		{"2025-06-27", "2026-01-01", "2025-06-27", "2025-06-30", 2}, // clamped at the as-of date
		{"2018-01-01", "2019-01-03", "2019-01-02", "2019-01-03", 2}, // history starts 2019-01-02
		{"2024-07-08", "2024-07-01", "", "", 0},
	}
	for _, tt := range tests {
		h := history(t, p, date(t, tt.from), date(t, tt.to), "NVDA")[0]
		if tt.first == "" {
			if !errors.Is(h.Err, feeds.ErrNoData) || len(h.Bars) != 0 {
				t.Errorf("%s..%s: err %v, %d bars; want ErrNoData", tt.from, tt.to, h.Err, len(h.Bars))
			}
			continue
		}
		if h.Err != nil || len(h.Bars) != tt.n || h.Bars[0].Date != date(t, tt.first) || h.Bars[len(h.Bars)-1].Date != date(t, tt.last) {
			t.Errorf("%s..%s: err %v, %d bars; want %d from %s to %s", tt.from, tt.to, h.Err, len(h.Bars), tt.n, tt.first, tt.last)
		}
	}
	// An as-of date before the simulation starts has no data at all.
	early := New(date(t, "2018-06-29"))
	h := history(t, early, date(t, "2018-01-01"), date(t, "2018-06-29"), "NVDA")[0]
	if !errors.Is(h.Err, feeds.ErrNoData) {
		t.Errorf("as of 2018: err %v, want ErrNoData", h.Err)
	}
	q, _ := early.Quotes(ctx, []string{"NVDA"})
	if !errors.Is(q[0].Err, feeds.ErrNoData) {
		t.Errorf("as of 2018 quote: err %v, want ErrNoData", q[0].Err)
	}
}

func TestHistoryReturnsCopies(t *testing.T) {
	asOf := date(t, "2025-06-30")
	p := New(asOf)
	h := history(t, p, Anchor, Anchor, "NVDA")[0]
	h.Bars[0].Close = -1
	if again := history(t, p, Anchor, Anchor, "NVDA")[0]; again.Bars[0].Close != 90.36 {
		t.Errorf("mutating a result changed the provider: %v", again.Bars[0].Close)
	}
}

func TestQuotes(t *testing.T) {
	// 2025-06-29 is a Sunday: equities quote Friday's close, crypto Sunday's.
	asOf := date(t, "2025-06-29")
	p := New(asOf)
	syms := []string{"TSLA", "GM", "F", "BTC-USD", "ZZZZ", "bad sym!"}
	qs, err := p.Quotes(ctx, syms)
	if err != nil {
		t.Fatal(err)
	}
	hs := history(t, p, Start, asOf, syms[:5]...)
	wantShares := map[string]float64{"TSLA": 3.19e9, "GM": 1.10e9, "F": 3.98e9}
	wantLast := map[string]string{"TSLA": "2025-06-27", "GM": "2025-06-27", "F": "2025-06-27", "BTC-USD": "2025-06-29", "ZZZZ": "2025-06-27"}
	closeInstant := time.Date(2025, 6, 29, 20, 0, 0, 0, time.UTC) // 16:00 EDT
	for i, q := range qs[:5] {
		bars := hs[i].Bars
		last, prev := bars[len(bars)-1], bars[len(bars)-2]
		if q.Err != nil {
			t.Fatalf("%s: %v", q.Symbol, q.Err)
		}
		if last.Date != date(t, wantLast[q.Symbol]) || q.Price != last.Close || q.PrevClose != prev.Close {
			t.Errorf("%s: price %v prev %v, want the closes of %s and the bar before (%v, %v)", q.Symbol, q.Price, q.PrevClose, wantLast[q.Symbol], last.Close, prev.Close)
		}
		if q.Change != last.Close-prev.Close || q.ChangePct != 100*(last.Close-prev.Close)/prev.Close {
			t.Errorf("%s: change %v (%v%%)", q.Symbol, q.Change, q.ChangePct)
		}
		if w, ok := wantShares[q.Symbol]; ok && q.SharesOutstanding != w {
			t.Errorf("%s: shares %v, want %v", q.Symbol, q.SharesOutstanding, w)
		}
		if !(q.SharesOutstanding > 0) || q.MarketCap != q.Price*q.SharesOutstanding {
			t.Errorf("%s: market cap %v, want price × shares = %v × %v", q.Symbol, q.MarketCap, q.Price, q.SharesOutstanding)
		}
		if !q.Time.Equal(closeInstant) || !q.Origin.Fetched.Equal(closeInstant) || q.Origin.Kind != feeds.KindDemo || q.Origin.Provider != "demo" {
			t.Errorf("%s: time %v origin %+v, want the as-of close %v from demo", q.Symbol, q.Time, q.Origin, closeInstant)
		}
		if q.Name == "" || q.Currency != "USD" {
			t.Errorf("%s: name %q currency %q", q.Symbol, q.Name, q.Currency)
		}
	}
	for i, want := range []string{"CLOSED", "CLOSED", "CLOSED", "REGULAR", "CLOSED"} {
		if qs[i].MarketState != want {
			t.Errorf("%s: market state %q, want %q", qs[i].Symbol, qs[i].MarketState, want)
		}
	}
	if !errors.Is(qs[5].Err, feeds.ErrUnknownSymbol) || !math.IsNaN(qs[5].Price) {
		t.Errorf("bad symbol: err %v price %v; want ErrUnknownSymbol, NaN", qs[5].Err, qs[5].Price)
	}
}

func TestCancelledContext(t *testing.T) {
	p := New(date(t, "2025-06-30"))
	c, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := p.History(c, []string{"NVDA"}, Start, p.AsOf()); !errors.Is(err, context.Canceled) {
		t.Errorf("History: %v, want context.Canceled", err)
	}
	if _, err := p.Quotes(c, []string{"NVDA"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Quotes: %v, want context.Canceled", err)
	}
	if _, err := p.Series(c, Unrate); !errors.Is(err, context.Canceled) {
		t.Errorf("Series: %v, want context.Canceled", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	asOf := date(t, "2025-06-30")
	p := New(asOf)
	want := history(t, New(asOf), Start, asOf, DefaultSymbols()...)
	var wg sync.WaitGroup
	got := make([][]feeds.History, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i], _ = p.History(ctx, DefaultSymbols(), Start, asOf)
		}()
	}
	wg.Wait()
	for i, g := range got {
		if !sameHistory(g, want) {
			t.Errorf("goroutine %d got different bars", i)
		}
	}
}

func TestProviderIdentity(t *testing.T) {
	p := New(date(t, "2024-12-20"))
	if p.Name() != "demo" {
		t.Errorf("Name() = %q", p.Name())
	}
	// 2024-12-20 is in EST: 16:00 is 21:00 UTC.
	if got := p.Origin().Fetched.UTC().Format(time.RFC3339); got != "2024-12-20T21:00:00Z" {
		t.Errorf("Fetched = %s, want 2024-12-20T21:00:00Z", got)
	}
}

func BenchmarkDefaultHistory(b *testing.B) {
	asOf := market.DateOf(2025, 6, 30)
	for b.Loop() {
		if _, err := New(asOf).History(ctx, DefaultSymbols(), Start, asOf); err != nil {
			b.Fatal(err)
		}
	}
}
