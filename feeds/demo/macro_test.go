package demo

import (
	"errors"
	"fmt"
	"testing"

	"github.com/whoosh-dev/whoosh/feeds"
	"github.com/whoosh-dev/whoosh/market"
)

func TestMacroShape(t *testing.T) {
	asOf := date(t, "2025-06-30")
	p := New(asOf)
	tests := []struct {
		id     string
		pinned map[string]float64 // months the knots fix exactly
		lo, hi float64            // every value in range
	}{
		{Unrate, map[string]float64{"2019-01-01": 4.0, "2020-04-01": 14.8, "2023-04-01": 3.4}, 3.2, 14.8},
		{FedFunds, map[string]float64{"2021-06-01": 0.08, "2023-08-01": 5.33, "2024-08-01": 5.33, "2024-09-01": 5.13}, 0.04, 5.33},
		{FoodJobs, map[string]float64{"2020-02-01": 12300, "2020-04-01": 6200, "2024-12-01": 12500}, 6200, 12600},
	}
	for _, tt := range tests {
		obs, err := p.Series(ctx, tt.id)
		if err != nil {
			t.Fatalf("%s: %v", tt.id, err)
		}
		// January 2019 through May 2025 (the month before June): 6·12 + 5 = 77.
		if len(obs) != 77 || obs[0].Date != date(t, "2019-01-01") || obs[76].Date != date(t, "2025-05-01") {
			t.Fatalf("%s: %d observations from %v to %v, want 77 from 2019-01-01 to 2025-05-01", tt.id, len(obs), obs[0].Date, obs[len(obs)-1].Date)
		}
		for i, o := range obs {
			if o.Date != date(t, "2019-01-01").AddMonths(i) {
				t.Fatalf("%s: observation %d dated %s", tt.id, i, o.Date)
			}
			if o.Value < tt.lo || o.Value > tt.hi {
				t.Errorf("%s %s = %v, want in [%v, %v]", tt.id, o.Date, o.Value, tt.lo, tt.hi)
			}
			if w, ok := tt.pinned[o.Date.String()]; ok && o.Value != w {
				t.Errorf("%s %s = %v, want %v", tt.id, o.Date, o.Value, w)
			}
		}
	}
}

func TestMacroDeterministicAndExtends(t *testing.T) {
	long := Macro(date(t, "2026-03-15"))
	again := Macro(date(t, "2026-03-15"))
	short := Macro(date(t, "2024-03-20"))
	for _, id := range MacroIDs() {
		if fmt.Sprint(long[id]) != fmt.Sprint(again[id]) {
			t.Errorf("%s differs between two calls", id)
		}
		// As of 2024-03-20 the last observation is February 2024: 5·12 + 2 = 62.
		if len(short[id]) != 62 || len(long[id]) <= len(short[id]) {
			t.Fatalf("%s: %d and %d observations", id, len(short[id]), len(long[id]))
		}
		for i, o := range short[id] {
			if o != long[id][i] {
				t.Errorf("%s: %v as of 2024 but %v as of 2026", id, o, long[id][i])
			}
		}
	}
}

func TestMacroErrors(t *testing.T) {
	if _, err := New(date(t, "2025-06-30")).Series(ctx, "GDP"); !errors.Is(err, feeds.ErrUnknownSymbol) {
		t.Errorf("unknown series: %v, want ErrUnknownSymbol", err)
	}
	// As of January 2019 nothing is published yet (the first month is
	// January itself, reported in February).
	if _, err := New(market.DateOf(2019, 1, 31)).Series(ctx, Unrate); !errors.Is(err, feeds.ErrNoData) {
		t.Errorf("as of 2019-01-31: %v, want ErrNoData", err)
	}
	if obs, err := New(market.DateOf(2019, 2, 1)).Series(ctx, Unrate); err != nil || len(obs) != 1 {
		t.Errorf("as of 2019-02-01: %v, %d observations; want 1", err, len(obs))
	}
}
