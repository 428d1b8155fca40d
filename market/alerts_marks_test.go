package market

import (
	"testing"
	"time"
)

// TestAlertMarks steps rules through values with StepAlert and reads the
// marks of their symbols.
func TestAlertMarks(t *testing.T) {
	at := time.Date(2025, 6, 30, 20, 0, 0, 0, time.UTC)
	rule := func(name, when string) AlertRule { return AlertRule{Name: name, When: mustCond(t, when)} }
	// steps returns the rule's state after values, from a fresh state.
	steps := func(r AlertRule, values ...AlertValue) AlertState {
		var st AlertState
		for i, v := range values {
			st, _ = StepAlert(r, st, v, at.Add(time.Duration(i)*time.Hour))
		}
		return st
	}
	up := rule("nvda up", "price:nvda > 100")             // NVDA, normalised to upper case
	down := rule("nvda drop", "day%:NVDA <= -5")          // NVDA again
	tsla := rule("tsla", "window%:TSLA crosses above 10") // crossing
	gm := rule("gm", "price:GM crosses below 40")
	amd := rule("amd", "price:AMD > 1")
	wh := rule("whoosh", "whoosh > 60") // no symbol: never a mark
	for _, c := range []struct {
		name   string
		rules  []AlertRule
		states map[string]AlertState
		want   map[string]AlertMark
	}{
		{"no state yet: nothing", []AlertRule{up}, nil, map[string]AlertMark{}},
		// 90 < 100: armed.
		{"armed", []AlertRule{up}, map[string]AlertState{"nvda up": steps(up, num(90))}, map[string]AlertMark{"NVDA": MarkArmed}},
		// 90 then 101 > 100: fired, and 99 is not below 100 − 2 % = 98: still fired.
		{"fired, waiting to re-arm", []AlertRule{up}, map[string]AlertState{"nvda up": steps(up, num(90), num(101), num(99))}, map[string]AlertMark{"NVDA": MarkFired}},
		// 97 < 98 re-arms.
		{"re-armed", []AlertRule{up}, map[string]AlertState{"nvda up": steps(up, num(101), num(97))}, map[string]AlertMark{"NVDA": MarkArmed}},
		// Two rules on NVDA, the fired one first, then one armed (day −1 % > −5 %): fired wins.
		{"strongest wins", []AlertRule{up, down}, map[string]AlertState{"nvda drop": steps(down, num(-1)), "nvda up": steps(up, num(101))},
			map[string]AlertMark{"NVDA": MarkFired}},
		// A crossing rule first seen at 12 > 10 has crossed nothing: it
		// waits to cross back, watching: armed.
		{"crossing started past its line", []AlertRule{tsla}, map[string]AlertState{"tsla": steps(tsla, num(12))}, map[string]AlertMark{"TSLA": MarkArmed}},
		// 8 then 12 crosses above 10: fired.
		{"crossing fired", []AlertRule{tsla}, map[string]AlertState{"tsla": steps(tsla, num(8), num(12))}, map[string]AlertMark{"TSLA": MarkFired}},
		// A value never known: the rule never left its new state.
		{"never a value", []AlertRule{gm}, map[string]AlertState{"gm": steps(gm, AlertValue{})}, map[string]AlertMark{}},
		// The state of an edited rule (price:AMD > 1 stepped, then the
		// rule says > 2) is not this rule's.
		{"edited rule", []AlertRule{rule("amd", "price:AMD > 2")}, map[string]AlertState{"amd": steps(amd, num(5))}, map[string]AlertMark{}},
		{"no symbol", []AlertRule{wh}, map[string]AlertState{"whoosh": steps(wh, num(61))}, map[string]AlertMark{}},
	} {
		got := AlertMarks(c.rules, c.states)
		if len(got) != len(c.want) {
			t.Errorf("%s: marks %v, want %v", c.name, got, c.want)
			continue
		}
		for sym, m := range c.want {
			if got[sym] != m {
				t.Errorf("%s: %s marked %v, want %v", c.name, sym, got[sym], m)
			}
		}
	}
	for m, want := range map[AlertMark]string{MarkNone: " ", MarkArmed: "◇", MarkFired: "◆"} {
		if m.Glyph() != want {
			t.Errorf("Glyph(%d) = %q, want %q", m, m.Glyph(), want)
		}
	}
}
