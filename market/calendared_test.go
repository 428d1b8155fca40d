package market

import "testing"

// Calendared remembers TradesDaily; WithClose keeps it true to the dates.
func TestCalendaredRemembersTradesDaily(t *testing.T) {
	// 2024-03-15 is a Friday, 03-16 a Saturday, 03-18 a Monday.
	fri, sat, mon := DateOf(2024, 3, 15), DateOf(2024, 3, 16), DateOf(2024, 3, 18)
	equity := Series{Dates: []Date{fri, mon}, Close: []float64{1, 2}}
	crypto := Series{Dates: []Date{fri, sat}, Close: []float64{1, 2}}
	for _, tc := range []struct {
		name string
		s    Series
		want bool
	}{
		{"equity", equity.Calendared(), false},
		{"crypto", crypto.Calendared(), true},
		{"equity, a weekday appended", equity.Calendared().WithClose(DateOf(2024, 3, 19), 3), false},
		{"equity, a Saturday appended", equity.Calendared().WithClose(DateOf(2024, 3, 23), 3), true},
		{"not calendared", equity, false},
	} {
		if got := tc.s.TradesDaily(); got != tc.want {
			t.Errorf("%s: TradesDaily = %v, want %v", tc.name, got, tc.want)
		}
		if got := hasWeekend(tc.s.Dates); got != tc.want {
			t.Errorf("%s: remembered %v but the dates say %v", tc.name, tc.want, got)
		}
	}
}
