package market

import (
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"1970-01-01", "2019-01-02", "2024-02-29", "2024-03-20", "2099-12-31"} {
		if got := d(s).String(); got != s {
			t.Errorf("ParseDate(%s).String() = %s", s, got)
		}
	}
	if _, err := ParseDate("2024-13-01"); err == nil {
		t.Error("ParseDate accepted month 13")
	}
	// 1970-01-01 is day 0 and a Thursday.
	if d("1970-01-01") != 0 || d("1970-01-01").Weekday() != time.Thursday {
		t.Error("epoch is not day 0 / Thursday")
	}
	// A New York evening is still that New York date.
	ny, _ := time.LoadLocation("America/New_York")
	if got := DateFromTime(time.Date(2024, 3, 20, 23, 30, 0, 0, ny)); got != d("2024-03-20") {
		t.Errorf("DateFromTime(NY 23:30) = %s", got)
	}
}

func TestAddMonthsClamps(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-03-31", -1, "2024-02-29"}, // leap February
		{"2023-03-31", -1, "2023-02-28"},
		{"2025-06-30", -12, "2024-06-30"},
		{"2024-01-15", -2, "2023-11-15"}, // across a year
		{"2024-08-31", 1, "2024-09-30"},
	}
	for _, tc := range tests {
		if got := d(tc.from).AddMonths(tc.n).String(); got != tc.want {
			t.Errorf("%s AddMonths(%d) = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestWindowBase(t *testing.T) {
	asOf := d("2025-06-30")
	want := map[Window]string{
		Win1M: "2025-05-30", Win3M: "2025-03-30", Win6M: "2024-12-30", WinYTD: "2024-12-31",
		Win1Y: "2024-06-30", Win2Y: "2023-06-30", Win5Y: "2020-06-30", WinEssay: "2024-03-20",
		Win1D: "2025-06-29", // the day before: the previous session's close is on or before it
	}
	for _, w := range Windows() {
		if got := w.Base(asOf).String(); got != want[w] {
			t.Errorf("%s.Base = %s, want %s", w, got, want[w])
		}
	}
}

func TestParseWindow(t *testing.T) {
	for _, w := range Windows() {
		got, err := ParseWindow(" " + w.String() + " ")
		if err != nil || got != w {
			t.Errorf("ParseWindow(%s) = %v, %v", w, got, err)
		}
	}
	if w, err := ParseWindow("essay"); err != nil || w != WinEssay {
		t.Errorf("lower case: %v %v", w, err)
	}
	if _, err := ParseWindow("2W"); err == nil {
		t.Error("ParseWindow(2W) did not fail")
	}
	// 1D comes first: ESSAY → 1D → 1M.
	if WinEssay.Next() != Win1D || Win1D.Next() != Win1M || Win1M.Prev() != Win1D || Win1D.Prev() != WinEssay {
		t.Error("Next/Prev do not wrap")
	}
}

func TestValidSymbol(t *testing.T) {
	for s, want := range map[string]bool{
		"NVDA": true, "BTC-USD": true, "^GSPC": true, "EURUSD=X": true, "WSU.DE": true, "BRK.B": true,
		"": false, "nvda": false, "A B": false, "../x": false, "..": false, "X/Y": false,
		"AAAAAAAAAAAAAAAAAAAAAAAAA": false, "\x1b[2J": false,
	} {
		if got := ValidSymbol(s); got != want {
			t.Errorf("ValidSymbol(%q) = %v", s, got)
		}
	}
	if NormalizeSymbol("  btc-usd ") != "BTC-USD" {
		t.Error("NormalizeSymbol")
	}
}

// addMonthsTime is AddMonths through the time package, as first written.
func addMonthsTime(d Date, n int) Date {
	y, m, day := d.Time().Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return DateOf(first.Year(), first.Month(), day)
}

// TestCalendarArithmeticMatchesTime checks the integer calendar against the
// time package on every day from 1899 to 2101 and on days far from now,
// before the epoch included.
func TestCalendarArithmeticMatchesTime(t *testing.T) {
	days := []Date{}
	for x := DateOf(1899, 1, 1); x <= DateOf(2101, 12, 31); x++ {
		days = append(days, x)
	}
	for x := DateOf(-2000, 1, 1); x <= DateOf(6000, 1, 1); x += 997 {
		days = append(days, x)
	}
	for _, x := range days {
		if got, want := x.Year(), x.Time().Year(); got != want {
			t.Fatalf("%v.Year() = %d, want %d", x, got, want)
		}
		for _, n := range []int{-61, -60, -24, -13, -12, -6, -3, -1, 0, 1, 2, 11, 12, 25} {
			if got, want := x.AddMonths(n), addMonthsTime(x, n); got != want {
				t.Fatalf("%v.AddMonths(%d) = %v, want %v", x, n, got, want)
			}
		}
	}
}
