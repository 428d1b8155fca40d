package calendar

import (
	"testing"
	"time"

	"github.com/whoosh-dev/whoosh/market"
)

func date(s string) market.Date {
	d, err := market.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// nyseHolidays are the full-day closures NYSE published for 2019–2026.
var nyseHolidays = map[int][]string{
	2019: {"2019-01-01", "2019-01-21", "2019-02-18", "2019-04-19", "2019-05-27", "2019-07-04", "2019-09-02", "2019-11-28", "2019-12-25"},
	2020: {"2020-01-01", "2020-01-20", "2020-02-17", "2020-04-10", "2020-05-25", "2020-07-03", "2020-09-07", "2020-11-26", "2020-12-25"},
	2021: {"2021-01-01", "2021-01-18", "2021-02-15", "2021-04-02", "2021-05-31", "2021-07-05", "2021-09-06", "2021-11-25", "2021-12-24"},
	// 2022-01-01 was a Saturday: not observed, so no New Year holiday.
	2022: {"2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"},
	2023: {"2023-01-02", "2023-01-16", "2023-02-20", "2023-04-07", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04", "2023-11-23", "2023-12-25"},
	2024: {"2024-01-01", "2024-01-15", "2024-02-19", "2024-03-29", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"},
	2025: {"2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25"},
	2026: {"2026-01-01", "2026-01-19", "2026-02-16", "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25"},
}

func TestHolidaysMatchNYSE(t *testing.T) {
	for year, want := range nyseHolidays {
		wantSet := map[market.Date]bool{}
		for _, s := range want {
			wantSet[date(s)] = true
		}
		for d := market.DateOf(year, 1, 1); d.Year() == year; d++ {
			if got := IsHoliday(d); got != wantSet[d] {
				t.Errorf("IsHoliday(%s) = %v, want %v (%q)", d, got, wantSet[d], HolidayName(d))
			}
		}
	}
}

func TestTradingDaysPerYear(t *testing.T) {
	// Weekdays minus weekday holidays, as NYSE counted them:
	// 2019: 261 weekdays − 9 = 252; 2020: 262 − 9 = 253; 2021: 261 − 9 = 252;
	// 2022: 260 − 9 = 251; 2023: 260 − 10 = 250; 2024: 262 − 10 = 252;
	// 2025: 261 − 11 = 250.
	want := map[int]int{2019: 252, 2020: 253, 2021: 252, 2022: 251, 2023: 250, 2024: 252, 2025: 250}
	for year, n := range want {
		got := len(TradingDays(market.DateOf(year, 1, 1), market.DateOf(year, 12, 31)))
		if got != n {
			t.Errorf("%d: %d trading days, want %d", year, got, n)
		}
	}
}

func TestIsTradingDay(t *testing.T) {
	tests := []struct {
		day  string
		want bool
		why  string
	}{
		{"2024-07-04", false, "Independence Day"},
		{"2024-07-05", true, "Friday after the Fourth"},
		{"2025-04-18", false, "Good Friday (Easter 2025-04-20)"},
		{"2023-06-19", false, "Juneteenth, first Monday-observed one"},
		{"2021-06-18", true, "Juneteenth not yet an NYSE holiday in 2021"},
		{"2021-12-31", true, "New Year 2022 fell on Saturday, not observed on Friday"},
		{"2022-12-26", false, "Christmas on Sunday, observed Monday"},
		{"2021-12-24", false, "Christmas on Saturday, observed Friday"},
		{"2024-03-20", true, "the essay's day, a Wednesday"},
		{"2024-03-23", false, "Saturday"},
		{"2024-03-24", false, "Sunday"},
		{"2025-01-09", false, "Carter day of mourning"},
		{"2024-11-29", true, "day after Thanksgiving is a (half) session"},
	}
	for _, tt := range tests {
		if got := IsTradingDay(date(tt.day)); got != tt.want {
			t.Errorf("IsTradingDay(%s) = %v, want %v: %s", tt.day, got, tt.want, tt.why)
		}
	}
}

func TestLastAndNextTradingDay(t *testing.T) {
	tests := []struct{ on, last, next string }{
		{"2024-07-04", "2024-07-03", "2024-07-05"},
		{"2024-07-05", "2024-07-05", "2024-07-08"},
		{"2025-04-20", "2025-04-17", "2025-04-21"}, // Easter Sunday after Good Friday
		{"2024-03-30", "2024-03-28", "2024-04-01"}, // Saturday after Good Friday 2024-03-29
	}
	for _, tt := range tests {
		if got := LastTradingDay(date(tt.on)); got != date(tt.last) {
			t.Errorf("LastTradingDay(%s) = %s, want %s", tt.on, got, tt.last)
		}
		if got := NextTradingDay(date(tt.on)); got != date(tt.next) {
			t.Errorf("NextTradingDay(%s) = %s, want %s", tt.on, got, tt.next)
		}
	}
}

func TestEaster(t *testing.T) {
	want := map[int]string{
		2000: "2000-04-23", 2019: "2019-04-21", 2020: "2020-04-12", 2021: "2021-04-04",
		2022: "2022-04-17", 2023: "2023-04-09", 2024: "2024-03-31", 2025: "2025-04-20",
		2026: "2026-04-05", 2038: "2038-04-25", 2285: "2285-03-22",
	}
	for y, s := range want {
		if got := Easter(y); got != date(s) {
			t.Errorf("Easter(%d) = %s, want %s", y, got, s)
		}
	}
}

func TestCloseTime(t *testing.T) {
	tests := []struct {
		day  string
		want string // UTC
	}{
		{"2024-03-20", "2024-03-20T20:00:00Z"}, // EDT, UTC−4
		{"2024-12-20", "2024-12-20T21:00:00Z"}, // EST, UTC−5
	}
	for _, tt := range tests {
		if got := CloseTime(date(tt.day)).UTC().Format(time.RFC3339); got != tt.want {
			t.Errorf("CloseTime(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
}

func TestTradingDaysEmpty(t *testing.T) {
	if got := TradingDays(date("2024-03-20"), date("2024-03-19")); got != nil {
		t.Errorf("TradingDays(reversed) = %v, want nil", got)
	}
	// A weekend alone has no trading day.
	if got := TradingDays(date("2024-03-23"), date("2024-03-24")); len(got) != 0 {
		t.Errorf("TradingDays(weekend) = %v, want none", got)
	}
}
