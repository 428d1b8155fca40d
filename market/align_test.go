package market

import "testing"

func TestAlignDropsCryptoWeekendsAndNeverFills(t *testing.T) {
	// Sat 16, Sun 17, Mon 18, Tue 19, Wed 20, Thu 21 March 2024.
	btc := Series{Symbol: "BTC-USD",
		Dates: []Date{d("2024-03-16"), d("2024-03-17"), d("2024-03-18"), d("2024-03-19"), d("2024-03-20"), d("2024-03-21")},
		Close: []float64{1, 2, 3, 4, 5, 6}}
	a := Series{Symbol: "A", Dates: []Date{d("2024-03-18"), d("2024-03-19"), d("2024-03-20")}, Close: []float64{10, 11, 12}}
	// B skips Tuesday and has a bad (zero) close on Wednesday.
	b := Series{Symbol: "B", Dates: []Date{d("2024-03-18"), d("2024-03-20")}, Close: []float64{20, 0}}
	p := Align([]Series{btc, a, b}, d("2024-03-20"), "")

	// Calendar: the equity dates up to as-of; BTC's weekend and Thursday go.
	want := []Date{d("2024-03-18"), d("2024-03-19"), d("2024-03-20")}
	if len(p.Dates) != 3 || p.Dates[0] != want[0] || p.Dates[2] != want[2] {
		t.Fatalf("calendar = %v, want %v", p.Dates, want)
	}
	assertSlice(t, "BTC", p.Row("BTC-USD"), []float64{3, 4, 5})
	assertSlice(t, "A", p.Row("A"), []float64{10, 11, 12})
	assertSlice(t, "B", p.Row("B"), []float64{20, nan, nan}) // no fill, zero is missing
	if p.Row("ZZZ") != nil {
		t.Error("Row of an unknown symbol is not nil")
	}
	if p.IndexOn(d("2024-03-17")) != -1 || p.IndexOn(d("2024-03-19")) != 1 || p.IndexOn(d("2030-01-01")) != 2 {
		t.Error("IndexOn")
	}
}

func TestAlignAllCryptoUsesAllDates(t *testing.T) {
	btc := Series{Symbol: "BTC-USD", Dates: []Date{d("2024-03-16"), d("2024-03-17")}, Close: []float64{1, 2}}
	p := Align([]Series{btc}, d("2024-03-31"), "")
	if len(p.Dates) != 2 {
		t.Fatalf("calendar %v", p.Dates)
	}
}

func TestReturnsNeverSpanAGap(t *testing.T) {
	// r1: missing; r2: the close before is missing, so no two-day return;
	// r3: 121/110 − 1 = 0.1.
	assertSlice(t, "returns", Returns([]float64{100, nan, 110, 121}), []float64{nan, nan, nan, 0.1})
}

func TestWithClose(t *testing.T) {
	s := Series{Symbol: "A", Dates: []Date{d("2024-03-18"), d("2024-03-19")}, Close: []float64{10, 11}}
	// Same day: today's partial bar takes the live price; s is untouched.
	got := s.WithClose(d("2024-03-19"), 12)
	assertSlice(t, "replace", got.Close, []float64{10, 12})
	assertSlice(t, "original", s.Close, []float64{10, 11})
	// A later day: appended.
	got = s.WithClose(d("2024-03-20"), 13)
	if len(got.Dates) != 3 || got.Dates[2] != d("2024-03-20") || got.Close[2] != 13 || len(s.Dates) != 2 {
		t.Errorf("append: %+v (original %+v)", got, s)
	}
	// Older than the last bar, or not a price: ignored.
	for _, c := range []struct {
		day string
		v   float64
	}{{"2024-03-18", 99}, {"2024-03-20", nan}, {"2024-03-20", 0}} {
		if got := s.WithClose(d(c.day), c.v); len(got.Close) != 2 || got.Close[1] != 11 || got.Close[0] != 10 {
			t.Errorf("WithClose(%s, %v) changed history: %+v", c.day, c.v, got)
		}
	}
}

func TestAlignOnTheBenchmarkCalendar(t *testing.T) {
	// Thu 4 July 2024 is a US holiday; a Tokyo listing trades that day.
	us := []Date{d("2024-07-03"), d("2024-07-05")}
	tokyo := Series{Symbol: "7203.T", Dates: []Date{d("2024-07-03"), d("2024-07-04"), d("2024-07-05")}, Close: []float64{10, 11, 12}}
	spy := Series{Symbol: "SPY", Dates: us, Close: []float64{500, 505}}
	nvda := Series{Symbol: "NVDA", Dates: us, Close: []float64{100, 110}}

	// On SPY's calendar the holiday is not a date: NVDA keeps its return
	// 110/100 − 1 = 10 %, and Tokyo's 4 July bar is dropped.
	p := Align([]Series{tokyo, spy, nvda}, d("2024-07-05"), "SPY")
	if len(p.Dates) != 2 {
		t.Fatalf("calendar %v, want SPY's two dates", p.Dates)
	}
	assertSlice(t, "NVDA returns", Returns(p.Row("NVDA")), []float64{nan, 0.1})
	assertSlice(t, "Tokyo", p.Row("7203.T"), []float64{10, 12})

	// Without the benchmark the union takes the holiday, and NVDA loses
	// both returns around it: what the benchmark calendar prevents.
	p = Align([]Series{tokyo, nvda}, d("2024-07-05"), "SPY")
	assertSlice(t, "NVDA returns, union calendar", Returns(p.Row("NVDA")), []float64{nan, nan, nan})
}

// TestAlignRemembersCleanSeries: a series whose validity was worked out
// once (Calendared) is used as its row without a scan, and WithClose
// keeps that knowledge right: replacing the one bad close makes the row
// clean, a bad close never is.
func TestAlignRemembersCleanSeries(t *testing.T) {
	ds := weekdays("2024-03-18", 4)
	spy := series("SPY", ds, 1, 2, 3, 4).Calendared()
	bad := series("BAD", ds, 1, 2, 3, nan).Calendared()
	good := Series{Symbol: "OK", Dates: spy.Dates, Close: []float64{5, 6, 7, 8}}.Calendared()

	p := Align([]Series{spy, bad, good}, ds[3], "SPY")
	if row := p.Row("OK"); &row[0] != &good.Close[0] {
		t.Error("a clean series on the calendar's own dates was copied")
	}
	if !p.clean[p.index["OK"]] || p.clean[p.index["BAD"]] {
		t.Errorf("clean = %v, want OK clean and BAD not", p.clean)
	}
	assertSlice(t, "BAD row", p.Row("BAD"), []float64{1, 2, 3, nan})

	fixed := bad.WithClose(ds[3], 9) // the bad close replaced: 1, 2, 3, 9
	p = Align([]Series{spy, fixed}, ds[3], "SPY")
	if !p.clean[p.index["BAD"]] {
		t.Error("replacing the bad close did not make the row clean")
	}
	assertSlice(t, "fixed row", p.Row("BAD"), []float64{1, 2, 3, 9})

	still := bad.WithClose(ds[3]+3, 9) // appended (Monday): the NaN stays
	p = Align([]Series{series("SPY", append(ds, ds[3]+3), 1, 2, 3, 4, 5).Calendared(), still}, ds[3]+3, "SPY")
	if p.clean[p.index["BAD"]] {
		t.Error("a series with a bad close counted as clean after an append")
	}
	assertSlice(t, "appended row", p.Row("BAD"), []float64{1, 2, 3, nan, 9})
}
