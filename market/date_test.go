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
	if WinEssay.Next() != Win1M || Win1M.Prev() != WinEssay {
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
